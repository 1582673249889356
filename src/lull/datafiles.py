"""lull's rule files (``src/lull/data/``): where the bundled ones are, and reading one.

Every rule file is YAML an analyst may edit, so a broken one must say which
file and what to do, the same way everywhere; each loader then checks its own
structure.
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError


def bundled(*parts: str) -> Path:
    """The path of a file shipped in ``lull/data`` (``bundled("patterns", "events.yaml")``)."""
    return Path(str(resources.files("lull").joinpath("data", *parts)))


def read_yaml(path: Path, *, what: str) -> Any:
    """Parse the YAML file at ``path``; ``what`` names it in errors ("event patterns", "actors file")."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read {what} {path} ({exc.strerror or exc}); check the path or pass another "
                          "file.") from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"cannot read {what} {path}: it is not valid YAML ({exc}); fix the syntax or restore the "
                          "bundled file.") from None
