"""The SQLite store: the only package that imports sqlite3.

``data/schema.sql`` is the truth; ``data/migrations/NNNN_*.sql`` reach it step
by step, each in one transaction, with ``PRAGMA user_version`` as the step
counter. Queries are parameterised; records go in and come out. Each module
holds the queries of one concern; ``Store`` combines them.
"""
from .claims import ClaimQueries
from .core import Connection, schema_sql
from .documents import DocumentQueries
from .events import EventQueries
from .mentions import MentionQueries


class Store(DocumentQueries, MentionQueries, ClaimQueries, EventQueries, Connection):
    """A lull SQLite file. Use as a context manager or call ``close()``."""


__all__ = ["Store", "schema_sql"]
