"""The actor knowledge base: who an actor name refers to, and how actors relate.

Actors, their aliases, umbrellas, allies and (for persons) dated affiliations
live in ``data/actors.yaml`` so that an analyst can extend them without touching
Python. This module holds the mechanism: loading and validating that file,
matching a name from a text to one actor, and answering relation questions
(ancestry, compatibility, a person's organisation at a date).

Matching works on a *normalised* form of a name, because the outlets spell the
same group many ways (Kata'ib / Kata’ib / Kataib Hezbollah, al-Nujaba / Nujaba):
case, diacritics, apostrophes, hyphens, dots, a leading "the" and a possessive
"'s" are ignored, and the Arabic article "al-" is optional as long as two words
remain (so "Al-Saudi" never becomes "Saudi"). All-capital acronyms (SAD, US,
KH) only match in capitals, since their lower-case forms are English words.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from itertools import product
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ..datafiles import read_yaml
from ..errors import ConfigError
from ..records import Actor, DateSpan

KINDS = (
    "armed_group", "umbrella", "state_force", "government", "state", "person", "outlet", "organisation", "coalition",
)
# PLOVER sector codes (PLOVER.md 3.3) that lull uses.
SECTORS = (
    "COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "IMG", "JRN", "EDU", "NGO", "IGO", "CVL",
    "REL", "BUS", "MED",
)
_ACTOR_KEYS = frozenset(
    {"id", "name", "kind", "sector", "country", "aliases", "alias_grid", "weak_aliases", "parents", "allies",
     "wikidata", "generic", "affiliations", "note", "demonym"}
)
_AFFILIATION_KEYS = frozenset({"org", "role", "start", "end"})
_ID = re.compile(r"[a-z][a-z0-9_]*\Z")
_COUNTRY = re.compile(r"[A-Z]{3}\Z")
_WIKIDATA = re.compile(r"Q[1-9][0-9]*\Z")

_APOSTROPHES = "'’‘`ʼʻ′´"
_APOSTROPHE_CLASS = re.escape(_APOSTROPHES)
_ARTICLE_LETTERS = "ʿʾ"  # ayn and hamza signs of scholarly transliteration
# Assimilated forms of the Arabic article written with a hyphen ("ash-Shaabi", "an-Nujaba").
_ARTICLE = re.compile(r"\b(?:al|el|an|ar|as|ash|at|ad|adh|az|ath)-(?=\w)", re.IGNORECASE)
_POSSESSIVE = re.compile(rf"[{_APOSTROPHE_CLASS}]s\b")
_NON_WORD = re.compile(r"[\W_]+")
_OPTIONAL_ARTICLES = frozenset({"al", "el"})


def normalise(text: str) -> str:
    """The form under which aliases are compared (see the module docstring)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c) and c not in _ARTICLE_LETTERS)
    text = _ARTICLE.sub("al ", text).casefold()
    text = _POSSESSIVE.sub("", text)
    text = re.sub(rf"[{_APOSTROPHE_CLASS}.]", "", text)
    text = _NON_WORD.sub(" ", text).strip()
    return text[4:] if text.startswith("the ") else text


# a footnote mark, also one the tokenizer cut before its closing bracket ("forces.[35][38")
_FOOTNOTES = re.compile(r"\[\d+\]?|(?<=[^\W\d_])\.?\d+\b")
_GLUED_THE = re.compile(r"^\s*[Tt]he(?=[A-Z])")


def _strip_noise(text: str) -> str:
    """``text`` without web-page footnote markers and a glued leading "The"."""
    return _GLUED_THE.sub("", _FOOTNOTES.sub("", text))


def _without_articles(key: str) -> str | None:
    """``key`` without "al" words, or ``None`` when that would leave fewer than two words."""
    words = key.split()
    rest = [w for w in words if w not in _OPTIONAL_ARTICLES]
    return " ".join(rest) if len(rest) >= 2 and len(rest) < len(words) else None


def _keys(text: str) -> tuple[str, ...]:
    key = normalise(text)
    shorter = _without_articles(key)
    return (key, shorter) if shorter else (key,)


def _acronym(text: str) -> str | None:
    """``text`` as an acronym ("U.S." -> "US") if it is one: 2-6 capitals/digits, no spaces."""
    stripped = text.strip().replace(".", "")
    if stripped.lower().startswith("the "):
        stripped = stripped[4:]
    if 2 <= len(stripped) <= 6 and stripped.isalnum() and stripped.isupper():
        return stripped
    return None


@dataclass(frozen=True, slots=True)
class Affiliation:
    """A person's role in an organisation over a span of time (open ends are ``None``)."""

    org: str
    role: str | None = None
    start: DateSpan | None = None
    end: DateSpan | None = None

    def active(self, on: date) -> bool:
        """True if ``on`` falls within the affiliation (whole months/years count for coarse dates)."""
        if self.start is not None and self.start.start is not None and on < self.start.start:
            return False
        return not (self.end is not None and self.end.end is not None and on > self.end.end)


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One actor of the knowledge base, as written in ``actors.yaml``."""

    id: str
    name: str
    kind: str
    sector: str | None = None
    country: str | None = None
    aliases: tuple[str, ...] = ()
    weak_aliases: tuple[str, ...] = ()  # capitals, demonyms, bare surnames: lookup only, never matched in running text
    parents: tuple[str, ...] = ()
    allies: tuple[str, ...] = ()
    wikidata: str | None = None
    generic: bool = False  # a descriptive nominal ("Iraqi factions") standing for any member of its parents
    affiliations: tuple[Affiliation, ...] = ()
    note: str | None = None
    demonym: str | None = None  # states only: the adjective for its people ("Iraqi"), for "Iraqi protesters"


@dataclass(frozen=True)
class ActorKB:
    """Actors by id plus the normalised alias indexes built from them. Build with ``ActorKB.load``."""

    path: Path
    version: int
    actors: Mapping[str, ActorEntry]
    titles: tuple[str, ...]  # normalised, longest first: "major general", "president", ...
    _index: Mapping[str, str] = field(repr=False)
    _acronyms: Mapping[str, str] = field(repr=False)

    @classmethod
    def load(cls, path: Path) -> "ActorKB":
        """Load and validate an actors file (the bundled one is ``Settings().actors_path``; no default, so a
        caller never reads the bundled file by forgetting the configured one)."""
        raw = read_yaml(path, what="actors file")
        return cls.from_data(raw, path=Path(path))

    @classmethod
    def from_data(cls, raw: Any, *, path: Path) -> "ActorKB":
        """Build a KB from parsed YAML; ``path`` only names the source in error messages."""
        if not isinstance(raw, dict) or not isinstance(raw.get("version"), int):
            raise ConfigError(f"{path}: the top level needs 'version: <integer>' and 'actors: [...]'.")
        items = raw.get("actors")
        if not isinstance(items, list) or not items:
            raise ConfigError(f"{path}: 'actors' must be a non-empty list of actor entries.")
        actors: dict[str, ActorEntry] = {}
        for number, item in enumerate(items, start=1):
            entry = _parse_actor(item, path=path, number=number)
            if entry.id in actors:
                raise ConfigError(f"{path}: actor id '{entry.id}' appears twice; give one of them another id.")
            actors[entry.id] = entry
        _check_references(actors, path)
        _check_cycles(actors, path)
        index, acronyms = _build_indexes(actors, path)
        titles = raw.get("titles") or []
        if not isinstance(titles, list) or not all(isinstance(t, str) and normalise(t) for t in titles):
            raise ConfigError(f"{path}: 'titles' must be a list of words such as 'President' or 'Maj. Gen.'.")
        ordered = tuple(sorted({normalise(t) for t in titles}, key=lambda t: (-len(t), t)))
        return cls(path, raw["version"], MappingProxyType(actors), ordered, MappingProxyType(index),
                   MappingProxyType(acronyms))

    def get(self, actor_id: str) -> ActorEntry | None:
        return self.actors.get(actor_id)

    def lookup(self, text: str) -> ActorEntry | None:
        """The actor ``text`` names, matching aliases (weak ones too) in normalised form.

        NER spans from web pages carry noise that is removed first: footnote
        markers glued to the name ("al-Muhandis41", "ISIL.42", "[7]"), a "The"
        glued to it ("TheNujaba Movement"). A span that crosses a line break is
        usually a heading glued to a name, so each line is tried too, last
        first. Leading titles ("Maj. Gen.", "President") are dropped when the
        full form is not an alias, if what remains names a person."""
        text = _strip_noise(text)
        lines = [line for line in text.splitlines() if line.strip()]
        candidates = [text, *reversed(lines)] if len(lines) > 1 else [text]
        for candidate in candidates:
            acronym = _acronym(candidate)
            if acronym is not None and acronym in self._acronyms:
                return self.actors[self._acronyms[acronym]]
            for key in _keys(candidate):
                if key in self._index:
                    return self.actors[self._index[key]]
            for key in self._untitled_keys(candidate):  # titles belong to persons: "Iraqi Hezbollah" is no title
                if key in self._index and self.actors[self._index[key]].kind == "person":
                    return self.actors[self._index[key]]
        return None

    def resolve(self, text: str, label: str | None = None) -> Actor:
        """A ``records.Actor`` for ``text``; outside the KB the text and NER label are kept with ``id=None``."""
        entry = self.lookup(text)
        if entry is None:
            return Actor(text=text, label=label)
        return Actor(text=text, id=entry.id, name=entry.name, kind=entry.kind, sector=entry.sector,
                     country=entry.country)

    def ancestors(self, actor_id: str) -> tuple[str, ...]:
        """Parents, their parents and so on, nearest first, each once (empty for unknown ids)."""
        seen: list[str] = []
        frontier = list(self.actors[actor_id].parents) if actor_id in self.actors else []
        while frontier:
            current = frontier.pop(0)
            if current not in seen:
                seen.append(current)
                frontier.extend(self.actors[current].parents)
        return tuple(seen)

    def compatible(self, a_id: str, b_id: str) -> bool:
        """Could mentions of ``a_id`` and ``b_id`` refer to the same actor in one event?

        True for the same actor, an actor and one of its umbrellas, a person and
        an organisation they belong(ed) to, and a generic nominal ("Iraqi
        factions") and any member of the umbrellas it stands for."""
        if a_id == b_id:
            return True
        lineage_a, lineage_b = self._lineage(a_id), self._lineage(b_id)
        if a_id in lineage_b or b_id in lineage_a:
            return True
        return self._generic_covers(a_id, lineage_b) or self._generic_covers(b_id, lineage_a)

    def affiliation(self, person_id: str, on: date | None = None) -> ActorEntry | None:
        """The organisation a person belonged to on ``on`` (default: their current or latest one).

        With several active affiliations the first listed in the file wins."""
        entry = self.actors.get(person_id)
        if entry is None or not entry.affiliations:
            return None
        if on is None:
            current = [a for a in entry.affiliations if a.end is None]
            chosen = current[0] if current else max(entry.affiliations, key=_end_key)
            return self.actors[chosen.org]
        for aff in entry.affiliations:
            if aff.active(on):
                return self.actors[aff.org]
        return None

    def ruler_patterns(self, tokenize: Callable[[str], Iterable[str]] | None = None) -> list[dict[str, Any]]:
        """spaCy ``span_ruler`` token patterns (label "ACTOR", id = actor id) for every strong alias.

        Each alias is expanded into its surface variants (apostrophe styles,
        "al-"/"al "/no article, "U.S."/"US", hyphen or space, with or without
        diacritics), each variant is split with ``tokenize`` (give the pipeline's
        tokenizer; default: spaCy's blank English one, which tokenizes alike) and
        matched on ``LOWER``, except acronym tokens, which match on ``ORTH``.
        An alias written with a leading "the" only matches with its article."""
        if tokenize is None:
            tokenize = _blank_english_tokenizer()
        patterns: list[dict[str, Any]] = []
        seen: set[tuple[str, tuple[tuple[str, str], ...]]] = set()
        for entry in self.actors.values():
            for alias in _unique((entry.name, *entry.aliases)):
                for variant in surface_variants(alias):
                    tokens = tuple(_token_spec(tok) for tok in tokenize(variant) if tok.strip())
                    if tokens and (entry.id, tokens) not in seen:
                        seen.add((entry.id, tokens))
                        patterns.append({"label": "ACTOR", "id": entry.id,
                                         "pattern": [{attr: value} for attr, value in tokens]})
        return patterns

    def _untitled_keys(self, text: str) -> tuple[str, ...]:
        """Keys of ``text`` after dropping leading titles (none if it has no title)."""
        key, stripped = normalise(text), True
        original = key
        while stripped:
            stripped = False
            for title in self.titles:
                if key.startswith(title + " "):
                    key, stripped = key[len(title) + 1:], True
                    break
        if key == original:
            return ()
        shorter = _without_articles(key)
        return (key, shorter) if shorter else (key,)

    def _lineage(self, actor_id: str) -> set[str]:
        lineage = {actor_id, *self.ancestors(actor_id)}
        entry = self.actors.get(actor_id)
        for aff in entry.affiliations if entry else ():
            lineage |= {aff.org, *self.ancestors(aff.org)}
        return lineage

    def _generic_covers(self, generic_id: str, other_lineage: set[str]) -> bool:
        entry = self.actors.get(generic_id)
        return bool(entry and entry.generic and set(entry.parents) & other_lineage)


def surface_variants(alias: str) -> list[str]:
    """Spellings of ``alias`` that texts use for it, the alias itself first."""
    variants = [alias]
    if re.search(rf"[{_APOSTROPHE_CLASS}]", alias):
        variants += [re.sub(rf"[{_APOSTROPHE_CLASS}]", mark, alias) for mark in ("'", "’", "")]
    if _ARTICLE.search(alias):
        variants += [_ARTICLE.sub("al ", v) for v in variants] + [
            stripped for v in variants if (stripped := _drop_articles(v)) is not None
        ]
    if "U.S." in alias:
        variants += [v.replace("U.S.", "US") for v in variants]
    elif re.search(r"\bUS\b", alias):
        variants += [re.sub(r"\bUS\b", "U.S.", v) for v in variants]
    if "-" in alias:
        variants += [v.replace("-", " ") for v in variants if not _ARTICLE.search(v)]
    plain = unicodedata.normalize("NFKD", alias)
    plain = "".join(c for c in plain if not unicodedata.combining(c) and c not in _ARTICLE_LETTERS)
    if plain != alias:
        variants += surface_variants(plain)
    return list(_unique(variants))


def _drop_articles(alias: str) -> str | None:
    """``alias`` without its hyphenated articles, if at least two words remain."""
    stripped = _ARTICLE.sub("", alias)
    return stripped if len(stripped.split()) >= 2 else None


def _token_spec(token: str) -> tuple[str, str]:
    if _acronym(token) == token.replace(".", "") and any(c.isalpha() for c in token):
        return ("ORTH", token)
    return ("LOWER", token.lower())


def _blank_english_tokenizer() -> Callable[[str], list[str]]:
    import spacy  # deferred: only pattern building needs it

    tokenizer = spacy.blank("en").tokenizer
    return lambda text: [t.text for t in tokenizer(text)]


def _unique(values: Iterable[str]) -> Iterator[str]:
    seen: set[str] = set()
    for value in values:
        if value not in seen:
            seen.add(value)
            yield value


def _end_key(aff: Affiliation) -> date:
    return aff.end.end if aff.end is not None and aff.end.end is not None else date.min


# --- loading and validation -------------------------------------------------------


def _parse_actor(item: Any, *, path: Path, number: int) -> ActorEntry:
    if not isinstance(item, dict) or not isinstance(item.get("id"), str):
        raise ConfigError(f"{path}: actor #{number} needs an 'id' (snake_case string).")
    actor_id = item["id"]
    where = f"{path}: actor '{actor_id}'"
    unknown = set(item) - _ACTOR_KEYS
    if unknown:
        raise ConfigError(f"{where} has unknown field(s) {sorted(unknown)}; allowed: {sorted(_ACTOR_KEYS)}.")
    if not _ID.match(actor_id):
        raise ConfigError(f"{where}: ids are snake_case ([a-z][a-z0-9_]*); rename it.")
    if not isinstance(item.get("name"), str) or not item["name"].strip():
        raise ConfigError(f"{where} needs a 'name'.")
    if item.get("kind") not in KINDS:
        raise ConfigError(f"{where}: kind {item.get('kind')!r} is not one of {', '.join(KINDS)}.")
    if item.get("sector") is not None and item["sector"] not in SECTORS:
        raise ConfigError(f"{where}: sector {item['sector']!r} is not a PLOVER sector lull uses ({', '.join(SECTORS)}).")
    if item.get("country") is not None and not _COUNTRY.match(str(item["country"])):
        raise ConfigError(f"{where}: country {item['country']!r} must be an ISO 3166 alpha-3 code such as IRQ.")
    if item.get("wikidata") is not None and not _WIKIDATA.match(str(item["wikidata"])):
        raise ConfigError(f"{where}: wikidata {item['wikidata']!r} must look like Q12345; omit it when unsure.")
    affiliations = tuple(_parse_affiliation(a, where=where) for a in _list(item, "affiliations", where, dict))
    demonym = item.get("demonym")
    if demonym is not None and (item["kind"] != "state" or not isinstance(demonym, str) or not demonym.strip()):
        raise ConfigError(f"{where}: only states have a 'demonym', a word such as Iraqi.")
    if affiliations and item["kind"] != "person":
        raise ConfigError(f"{where}: only persons have affiliations; use 'parents' for organisations.")
    aliases = [*_list(item, "aliases", where, str), *_grid_aliases(item.get("alias_grid"), where)]
    return ActorEntry(
        id=actor_id, name=item["name"].strip(), kind=item["kind"], sector=item.get("sector"),
        country=item.get("country"), aliases=tuple(_unique(aliases)),
        weak_aliases=tuple(_list(item, "weak_aliases", where, str)), parents=tuple(_list(item, "parents", where, str)),
        allies=tuple(_list(item, "allies", where, str)), wikidata=item.get("wikidata"),
        generic=bool(item.get("generic", False)), affiliations=affiliations, note=item.get("note"),
        demonym=demonym.strip() if demonym else None,
    )


def _grid_aliases(grid: Any, where: str) -> list[str]:
    """The aliases an ``alias_grid`` spells out: each row is a list of word slots, each slot a list of words
    ("" leaves the slot out), and every choice of one word per slot is an alias. Descriptive nominals vary
    in each slot independently ("Iran-backed" / "Iranian-aligned" / "pro-Iran" x "Iraqi" / "Shia" / - x
    "militias" / "armed groups" / "fighters"); a grid lists the slots once instead of every combination."""
    if grid is None:
        return []
    if not isinstance(grid, list) or not all(
            isinstance(row, list) and row and all(isinstance(slot, list) and slot and all(isinstance(w, str)
                                                                                        for w in slot)
                                                 for slot in row) for row in grid):
        raise ConfigError(f"{where}: 'alias_grid' must be a list of rows, each a list of slots, each a list of "
                          f"words such as [[Iran-backed, pro-Iran], [militias, armed groups]].")
    out: list[str] = []
    for row in grid:
        for words in product(*row):
            alias = " ".join(w.strip() for w in words if w.strip())
            if alias:
                out.append(alias)
    return out


def _list(item: dict[str, Any], key: str, where: str, kind: type) -> list[Any]:
    value = item.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, kind) for v in value):
        raise ConfigError(f"{where}: '{key}' must be a list of {kind.__name__} values.")
    return value


def _parse_affiliation(raw: dict[str, Any], *, where: str) -> Affiliation:
    unknown = set(raw) - _AFFILIATION_KEYS
    if unknown or not isinstance(raw.get("org"), str):
        raise ConfigError(f"{where}: each affiliation needs 'org' and may have role/start/end (got {sorted(raw)}).")
    start, end = (_parse_date(raw.get(k), where=where) for k in ("start", "end"))
    if start and end and start.start and end.end and end.end < start.start:
        raise ConfigError(f"{where}: affiliation with '{raw['org']}' ends before it starts; fix start/end.")
    return Affiliation(org=raw["org"], role=raw.get("role"), start=start, end=end)


def _parse_date(value: Any, *, where: str) -> DateSpan | None:
    """A YAML date, year (2013) or month ("2023-09") as a ``DateSpan`` that keeps its precision."""
    if value is None:
        return None
    if isinstance(value, date):
        return DateSpan.day(value)
    text = str(value)
    if re.fullmatch(r"\d{4}", text):
        year = int(text)
        return DateSpan(date(year, 1, 1), date(year, 12, 31), "year")
    match = re.fullmatch(r"(\d{4})-(\d{2})", text)
    if match and 1 <= int(match[2]) <= 12:
        year, month = int(match[1]), int(match[2])
        following = date(year + month // 12, month % 12 + 1, 1)
        return DateSpan(date(year, month, 1), date.fromordinal(following.toordinal() - 1), "month")
    raise ConfigError(f"{where}: affiliation date {value!r} must be YYYY, YYYY-MM or YYYY-MM-DD.")


def _check_references(actors: Mapping[str, ActorEntry], path: Path) -> None:
    for entry in actors.values():
        refs = [("parent", p) for p in entry.parents] + [("ally", a) for a in entry.allies]
        refs += [("affiliation org", a.org) for a in entry.affiliations]
        for what, ref in refs:
            if ref not in actors:
                raise ConfigError(
                    f"{path}: actor '{entry.id}' names {what} '{ref}', which is not an actor id; "
                    f"add an actor with id '{ref}' or correct the reference."
                )
        if entry.generic and not entry.parents:
            raise ConfigError(f"{path}: generic actor '{entry.id}' needs parents (the umbrellas it stands for).")


def _check_cycles(actors: Mapping[str, ActorEntry], path: Path) -> None:
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(actor_id: str, trail: list[str]) -> None:
        if state.get(actor_id) == 2:
            return
        if state.get(actor_id) == 1:
            cycle = " -> ".join([*trail[trail.index(actor_id):], actor_id])
            raise ConfigError(f"{path}: parents form a cycle ({cycle}); remove one of these parent links.")
        state[actor_id] = 1
        for parent in actors[actor_id].parents:
            visit(parent, [*trail, actor_id])
        state[actor_id] = 2

    for actor_id in actors:
        visit(actor_id, [])


def _build_indexes(actors: Mapping[str, ActorEntry], path: Path) -> tuple[dict[str, str], dict[str, str]]:
    index: dict[str, str] = {}
    acronyms: dict[str, str] = {}
    for entry in actors.values():
        for alias in _unique((entry.name, *entry.aliases, *entry.weak_aliases)):
            acronym = _acronym(alias)
            table, keys = (acronyms, (acronym,)) if acronym else (index, _keys(alias))
            if not keys[0]:
                raise ConfigError(f"{path}: actor '{entry.id}' has alias {alias!r} with no letters; remove it.")
            for key in keys:
                owner = table.setdefault(key, entry.id)
                if owner != entry.id:
                    raise ConfigError(
                        f"{path}: alias {alias!r} of actor '{entry.id}' matches '{key}', already an alias of "
                        f"actor '{owner}'; keep it on only one of them (or write a longer, unambiguous alias)."
                    )
    return index, acronyms
