"""Claims round-trip through SQLite unchanged, and re-storing a document's claims replaces them."""
from datetime import date

from lull.records import (Actor, ClaimScope, DateSpan, Document, Explanation, NumericClaim, Phenomenon, Quote,
                          Span)
from lull.store import Store

TEXT = ("The statement also highlighted that, since November 2, Iraqi factions claimed responsibility for "
        "316 attacks against Israel, 94 of which directly impacted Israeli territories.")
DOC = Document(id="d1", text=TEXT, locator="sample.txt")
SENT = Span("d1", 0, len(TEXT), TEXT)
IRI = Actor(text="Iraqi factions", id="iraqi_factions", name="Iraqi armed factions", kind="armed_group")
ISRAEL = Actor(text="Israel", id="israel", name="Israel", kind="state")
SINCE = DateSpan(date(2024, 11, 2), date(2024, 12, 10), "day")

CLAIMS = [
    NumericClaim(id="n1", doc_id="d1", sentence=SENT, span=Span("d1", 99, 110, "316 attacks"), rule_id="count-noun",
                 unit="attack", value=316, scope=ClaimScope("ASSAULT", None, IRI, ISRAEL), period=SINCE,
                 claimant_text="The statement"),
    NumericClaim(id="n2", doc_id="d1", sentence=SENT, span=Span("d1", 126, 128, "94"), rule_id="of-which",
                 unit="attack", value=94, scope=ClaimScope("ASSAULT", None, IRI, None, "Israeli territories"),
                 period=SINCE, parent_id="n1"),
]
QUOTES = [Quote(id="q1", doc_id="d1", sentence=SENT, content=Span("d1", 36, 60, TEXT[36:60]), rule_id="statement",
                kind="statement", speaker=IRI, speaker_text="The statement", cue="highlighted")]
EXPL = [Explanation(id="e1", doc_id="d1", sentence=SENT, cause=Span("d1", 0, 13, TEXT[:13]), category="regional_shift",
                    phenomenon=Phenomenon("halt", IRI, ISRAEL, SINCE, "the halt"), rule_id="attributed-to",
                    proponent=None, hedge="reportedly", mention_ids=("m2", "m1"))]


def test_store_claims_round_trip(db_path):
    with Store(db_path) as store:
        store.add_document(DOC)
        assert store.replace_claims("d1", numeric=CLAIMS, quotes=QUOTES, explanations=EXPL,
                                    stage="claims", version="t") == (2, 1, 1)
        assert store.numeric_claims() == CLAIMS
        assert store.quotes() == QUOTES
        assert store.explanations() == EXPL
        assert store.explanations(actor="iraqi_factions") == EXPL
        assert store.explanations(actor="hezbollah") == []


def test_store_claims_replace_is_idempotent_and_cascades(db_path):
    with Store(db_path) as store:
        store.add_document(DOC)
        for _ in range(2):
            store.replace_claims("d1", numeric=CLAIMS, quotes=QUOTES, explanations=EXPL, stage="claims", version="t")
        assert len(store.numeric_claims()) == 2
        store.delete_document("d1")
        assert store.numeric_claims() == [] and store.quotes() == [] and store.explanations() == []


def test_store_claims_explanation_links_to_mentions_kept_in_order_and_cascade(db_path):
    with Store(db_path) as store:
        store.add_document(DOC)
        for _ in range(2):  # a re-run replaces the links too
            store.replace_claims("d1", numeric=(), quotes=(), explanations=EXPL, stage="claims", version="t")
        assert store.explanations()[0].mention_ids == ("m2", "m1")
        rows = store.conn.execute("SELECT mention_id FROM explanation_mentions ORDER BY rank").fetchall()
        assert [r[0] for r in rows] == ["m2", "m1"]
        store.delete_document("d1")
        assert store.conn.execute("SELECT count(*) FROM explanation_mentions").fetchone()[0] == 0


def test_store_claims_keep_a_year_less_period(tmp_path):
    """"since November 2" in a report of unknown year: the period keeps its month-day ("--11-02"), no year."""
    year_less = DateSpan(None, None, "day", start_md=(11, 2))
    claim = NumericClaim(id="n1", doc_id="d1", sentence=SENT, span=Span("d1", 99, 110, "316 attacks"),
                         rule_id="count-noun", unit="attacks", value=316,
                         scope=ClaimScope("ASSAULT", None, IRI, ISRAEL), period=year_less)
    with Store(tmp_path / "lull.db") as store:
        store.add_document(DOC)
        store.replace_claims("d1", numeric=[claim], quotes=[], explanations=[], stage="claims", version="t")
        (back,) = store.numeric_claims()
    assert back.period == year_less and back.period.iso().startswith(">=--11-02")
