"""The public API is exactly what lull exports; changing it must be deliberate."""
import subprocess
import sys

import lull


def test_api_public_names_are_pinned():
    assert sorted(lull.__all__) == sorted([
        "__version__",
        "Actor", "DateSpan", "Document", "Mention", "Place", "Rejection", "RejectionReason", "Removal", "Span",
        "ConfigError", "InputError", "LullError", "StoreError",
        "IngestSummary", "ingest", "samples_path",
        "Settings", "load_settings", "Store",
    ])
    for name in lull.__all__:
        assert hasattr(lull, name), name


def test_api_import_is_light():
    """Importing lull must not load spaCy, trafilatura or httpx (nothing heavy at import time)."""
    code = "import sys, lull; print(sorted(m for m in ('spacy', 'trafilatura', 'httpx') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
