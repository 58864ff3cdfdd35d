"""The parts, metadata and facts stages: where the parts stand, what the report says of
itself, and the figures its prose states."""
