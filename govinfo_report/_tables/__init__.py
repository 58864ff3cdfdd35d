"""The tables stage: row labels, cell values, the tables' identities, and mapping what an
extractor read onto canonical cells."""
