"""Errors lull raises for real faults (expected negatives are ``Rejection`` values).

::

    LullError
    ├── ConfigError      a setting, flag or data file is wrong
    ├── InputError       an input cannot even be opened as a set of inputs
    └── StoreError       the SQLite file is unusable (locked, newer schema, corrupt)

Messages are whole sentences that name the input and the fix.
"""


class LullError(Exception):
    """Base of every error lull raises on purpose."""


class ConfigError(LullError):
    """A setting, command-line flag or data file is invalid."""


class InputError(LullError):
    """An input argument cannot be used at all (bad path list, unknown scheme)."""


class StoreError(LullError):
    """The SQLite store cannot be opened or migrated."""
