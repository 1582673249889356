"""Scoring lull's output against gold annotations (tests/gold/): events and claims.

``evaluate.events`` matches event mentions, ``evaluate.claims`` numeric claims,
quotes and explanations; both give precision, recall and F1 per field.
"""
