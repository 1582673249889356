"""Extractors: Document -> event mentions (and, from other modules, claims, quotes, explanations)."""
