"""One parse gives every kind of extraction; a failing component costs only its own results."""
from spacy.language import Language

from lull.extract.documents import extract_documents
from lull.nlp.pipeline import build_pipeline
from lull.records import Document, RejectionReason
from lull.knowledge import Knowledge
from lull.settings import Settings

TEXT = ("Three U.S. soldiers were killed in a drone attack on a U.S. base near Jordan's border with Syria, "
        "the Pentagon said. Akram al-Kaabi said the calm is only a tactic for repositioning.")


@Language.component("lull_test_explodes")
def _explodes(doc):
    raise RuntimeError("boom")


def test_extract_bundle_a_failing_component_is_a_rejection_not_a_crash():
    nlp = build_pipeline(Settings(), knowledge=Knowledge.load(Settings()))
    nlp.add_pipe("lull_test_explodes", before="lull_numbers")
    docs = [Document(id="a", text=TEXT, locator="a.txt"), Document(id="b", text=TEXT + " ", locator="b.txt")]
    found = list(extract_documents(docs, nlp=nlp))
    assert [f.doc_id for f in found] == ["a", "b"]
    for f in found:
        assert any(m.type == "ASSAULT" and m.fatalities == 3 for m in f.mentions)
        assert f.quotes, "components after the failing one still ran"
        (rej,) = [r for r in f.rejections if r.reason is RejectionReason.EXTRACTOR_ERROR]
        assert "lull_test_explodes" in rej.message and "boom" in rej.message
