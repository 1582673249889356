"""spaCy component "lull_places": marks the sites of our gazetteer that NER misses.

The small English model does not tag "Tower 22", "Ain al-Asad" or "Al-Harir
Air base" as places. This component is a ``SpanRuler`` fed from
``data/places.tsv`` (via :meth:`Gazetteer.ruler_patterns`) that writes
``doc.spans["lull_places"]``; each span's ``label_`` is "PLACE" and its
``id_`` the place id (``tower-22``), so resolution needs no second look-up.
It registers no Doc extensions.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from spacy.language import Language
from spacy.pipeline import SpanRuler
from spacy.tokens import Span
from spacy.util import filter_spans

from ..resolve.places import Gazetteer

SPANS_KEY = "lull_places"


def longest_spans(existing: Iterable[Span], new: Iterable[Span]) -> list[Span]:
    """Keep the longest of overlapping matches ("Ain al-Asad air base", not also "Ain al-Asad")."""
    return filter_spans([*existing, *new])


@Language.factory("lull_places", default_config={"places_path": ""})
def make_place_ruler(nlp: Language, name: str, places_path: str) -> SpanRuler:
    """A span ruler over our gazetteer's aliases; ``places_path`` "" means the bundled places.tsv."""
    gazetteer = Gazetteer.load(Path(places_path) if places_path else None, geonames=False)
    ruler = SpanRuler(nlp, name, spans_key=SPANS_KEY, spans_filter=longest_spans, validate=True)
    ruler.add_patterns(gazetteer.ruler_patterns())
    return ruler
