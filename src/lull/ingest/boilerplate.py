"""Boilerplate lines (newsletter sign-ups, related-reading teasers, photo credits, stray
bullets) removed from a document's text and recorded, driven by ``data/boilerplate.yaml``.

The rules are data so an analyst can read and extend them; this module only
loads, validates and applies them. Removed lines are returned as ``Removal``
records, never dropped silently.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

import yaml

from ..errors import ConfigError
from ..records import Removal


@dataclass(frozen=True, slots=True)
class LineRule:
    """One compiled rule: a line that fully matches ``pattern`` is boilerplate."""

    id: str
    description: str
    pattern: re.Pattern[str]
    max_chars: int | None = None

    def matches(self, line: str) -> bool:
        if self.max_chars is not None and len(line) > self.max_chars:
            return False
        return self.pattern.fullmatch(line) is not None


@dataclass(frozen=True, slots=True)
class BoilerplateRules:
    """All line rules plus the outlet-credit patterns, loaded from one YAML file."""

    lines: tuple[LineRule, ...]
    outlets: tuple[LineRule, ...]
    outlet_scan_lines: int = 5
    source: str = "data/boilerplate.yaml"


def _compile(entry: object, where: str, source: str) -> LineRule:
    if not isinstance(entry, dict) or not {"id", "description", "pattern"} <= entry.keys():
        raise ConfigError(f"{source}: {where} needs 'id', 'description' and 'pattern'; add the missing keys.")
    flags = re.IGNORECASE if entry.get("ignore_case") else 0
    try:
        pattern = re.compile(str(entry["pattern"]), flags)
    except re.error as exc:
        raise ConfigError(f"{source}: rule '{entry['id']}' has an invalid pattern ({exc}); fix the regular expression.") from None
    max_chars = entry.get("max_chars")
    return LineRule(str(entry["id"]), str(entry["description"]).strip(), pattern, int(max_chars) if max_chars else None)


def load_rules(path: Path | None = None) -> BoilerplateRules:
    """Load and compile the rules file (the packaged one unless ``path`` is given)."""
    source = str(path) if path else "data/boilerplate.yaml"
    try:
        raw = path.read_text(encoding="utf-8") if path else files("lull").joinpath("data/boilerplate.yaml").read_text(encoding="utf-8")
        data = yaml.safe_load(raw)
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{source} cannot be read as YAML ({exc}); fix or restore the file.") from None
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise ConfigError(f"{source} has no 'rules' list; restore the file from the package.")
    lines = tuple(_compile(e, f"rule #{i + 1}", source) for i, e in enumerate(data["rules"]))
    outlet_section = data.get("outlets") or {}
    outlets = tuple(_compile(e, f"outlet pattern #{i + 1}", source) for i, e in enumerate(outlet_section.get("patterns", [])))
    ids = [r.id for r in lines + outlets]
    if len(ids) != len(set(ids)):
        raise ConfigError(f"{source} repeats a rule id; give every rule its own id.")
    return BoilerplateRules(lines, outlets, int(outlet_section.get("scan_lines", 5)), source)


@cache
def default_rules() -> BoilerplateRules:
    """The packaged rules, loaded once on first use (not at import)."""
    return load_rules()


def strip_boilerplate(text: str, rules: BoilerplateRules) -> tuple[str, tuple[Removal, ...]]:
    """Remove every line a rule matches; return the kept text and the removals.

    ``line_no`` is 1-based in ``text`` as given. The kept text has at most one
    blank line in a row and no blank ends, so removals leave no holes."""
    kept: list[str] = []
    removed: list[Removal] = []
    for line_no, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        rule = next((r for r in rules.lines if stripped and r.matches(stripped)), None)
        if rule is None:
            kept.append(line)
        else:
            removed.append(Removal(line_no, stripped, rule.id))
    cleaned = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
    return cleaned, tuple(removed)


def find_outlet(text: str, rules: BoilerplateRules) -> str | None:
    """The outlet named by a credit line near the top or bottom of the text, if any."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    n = rules.outlet_scan_lines
    for line in lines[:n] + lines[-n:]:
        for rule in rules.outlets:
            match = rule.pattern.search(line)
            if match and match.groupdict().get("outlet"):
                return match.group("outlet").strip()
    return None
