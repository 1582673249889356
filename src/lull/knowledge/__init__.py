"""Knowledge: the lookups every stage consults (actors, places, the date grammar, reference events).

Nothing here reads a document; each module turns a data file in ``data/`` into a frozen lookup.
"""
