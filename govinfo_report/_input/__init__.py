"""The read and normalise stages: bytes to text, one spelling of it, and the way back."""
