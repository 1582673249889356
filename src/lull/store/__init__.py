"""The SQLite store: the only package that imports sqlite3.

``data/schema.sql`` is the truth; ``data/migrations/NNNN_*.sql`` reach it step
by step, each in one transaction, with ``PRAGMA user_version`` as the step
counter. Queries are parameterised; records go in and come out. Each module
holds the queries of one concern; ``Store`` combines them.
"""
from .claim_rows import ClaimQueries
from .core import Connection, schema_sql
from .document_rows import DocumentQueries
from .event_rows import EventQueries
from .link_rows import LinkQueries
from .mention_rows import MentionQueries


class Store(DocumentQueries, MentionQueries, ClaimQueries, EventQueries, LinkQueries, Connection):
    """A lull SQLite file. Use as a context manager or call ``close()``."""


__all__ = ["Store", "schema_sql"]
