"""lull: turn news about armed conflict into a sourced, queryable record of what armed groups did.

The public API is what this module exports (pinned by tests/test_api.py); everything else is private.
"""
__version__ = "0.1.0"

from .errors import ConfigError, InputError, LullError, StoreError
from .records import (
    Actor, DateSpan, Document, Mention, Place, Rejection, RejectionReason, Removal, Span,
)
from .run import IngestSummary, ingest, samples_path
from .settings import Settings, load_settings
from .store import Store

__all__ = [
    "__version__",
    "Actor", "DateSpan", "Document", "Mention", "Place", "Rejection", "RejectionReason", "Removal", "Span",
    "ConfigError", "InputError", "LullError", "StoreError",
    "IngestSummary", "ingest", "samples_path",
    "Settings", "load_settings", "Store",
]
