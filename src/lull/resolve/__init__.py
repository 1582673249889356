"""Resolution stages: actors, places, dates and cross-source duplicates, as pure functions."""
