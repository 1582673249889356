"""spaCy component "lull_places": marks the sites of our gazetteer that NER misses.

The small English model does not tag "Tower 22", "Ain al-Asad" or "Al-Harir
Air base" as places. This component is a ``PhraseRuler`` (``nlp/phrase_ruler.py``)
fed from ``data/places.tsv`` (via :meth:`Gazetteer.ruler_patterns`) that writes
``doc.spans["lull_places"]``; each span's ``label_`` is "PLACE" and its
``id_`` the place id (``tower-22``), so resolution needs no second look-up.
It registers no Doc extensions.
"""
from __future__ import annotations

from pathlib import Path

from spacy.language import Language

from ..knowledge.places import Gazetteer
from .phrase_ruler import PhraseRuler

SPANS_KEY = "lull_places"


@Language.factory("lull_places", default_config={"places_path": ""})
def make_place_ruler(nlp: Language, name: str, places_path: str) -> PhraseRuler:
    """A ruler over our gazetteer's aliases; ``places_path`` "" means the bundled places.tsv."""
    gazetteer = Gazetteer.load(Path(places_path) if places_path else None, geonames=False)
    return PhraseRuler(nlp.vocab, name, gazetteer.ruler_patterns(), spans_key=SPANS_KEY, label="PLACE")
