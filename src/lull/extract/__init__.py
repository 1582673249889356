"""Extraction: Document -> event mentions (``events/``) and claims, quotes and explanations (``claims/``).

``documents.extract_documents`` is the one entry point; the spaCy components in ``nlp/`` call the coders here.
"""
