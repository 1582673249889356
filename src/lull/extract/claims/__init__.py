"""Claims: numeric claims (``numbers/``), quotes with speakers, and explanations with their causes."""
