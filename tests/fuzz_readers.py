"""Coverage-guided fuzzing of every reader with atheris (optional: ``pip install -e '.[fuzz]'``).

    .venv/bin/python tests/fuzz_readers.py -max_total_time=600

The property is the one the hypothesis tests check (tests/test_reliability_fuzz.py):
whatever the bytes, each reader returns Documents and Rejections, never raises,
and every string it returns encodes as UTF-8 (so the store can hold it). Not
collected by pytest (the name does not start with ``test_``).
"""
from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from lull.ingest.boilerplate import default_rules
    from lull.ingest.sources import Context, read_blob
    from lull.records import Document, Rejection
    from lull.settings import Settings

CTX = Context(settings=Settings(), rules=default_rules())
KINDS = (None, "html", "feed", "jsonl", "text", "urls")


def one_input(data: bytes) -> None:
    if not data:
        return
    kind = KINDS[data[0] % len(KINDS)]
    if kind == "urls":
        return  # URL lists fetch from the network: not fuzzed here
    for item in read_blob(data[1:], locator="fuzz", ctx=CTX, kind=kind):
        assert isinstance(item, (Document, Rejection)), item
        texts = (item.text, item.title, item.author, item.outlet, item.url) if isinstance(item, Document) \
            else (item.input, item.message)
        for text in texts:
            if text is not None:
                text.encode("utf-8")


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
