"""Issue 12 on the samples alone: the February 2024 halt against US forces and the halt against Israel after
21 November, with boards that show the explanations and the Tower 22 trigger; claims and framing."""
from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner

from lull.analyse.board import board
from lull.analyse.checks import check_claims
from lull.analyse.framing import Lexicon, framing
from lull.analyse.lulls import find_lulls, reports
from lull.cli import EXIT_OK, main
from lull.knowledge.actors import ActorKB
from lull.settings import Settings
from lull.store import Store

IRI = "islamic_resistance_in_iraq"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    db = tmp_path_factory.mktemp("samples") / "lull.db"
    result = CliRunner().invoke(main, ["--db", str(db), "demo"], catch_exceptions=False)
    assert result.exit_code == EXIT_OK, result.output
    with Store(db) as opened:
        yield opened


@pytest.fixture(scope="module")
def records(store):
    kb = ActorKB.load(Settings().actors_path)
    events, docs, explanations = store.events(), store.documents(), store.explanations()
    found = reports(events=events, mentions=store.mentions(), explanations=explanations, documents=docs, kb=kb)
    return kb, events, docs, explanations, found


def test_analyse_samples_name_the_february_2024_halt_against_us_forces(records):
    kb, events, docs, explanations, found = records
    lulls = find_lulls(events, kb=kb, actor=IRI, recipient="us_forces", reports_=found)
    february = [x for x in lulls if x.start and date(2024, 1, 25) <= x.start <= date(2024, 2, 10)]
    assert february, [x.to_json() for x in lulls]
    lull = february[0]
    assert any(e.kind == "reported" and "since 2024-02-02" in e.summary for e in lull.evidence)
    result = board(lull, kb=kb, explanations=explanations, events=events, documents=docs)
    categories = {c.category for c in result.causes}
    assert {"patron_instruction", "mediation_diplomacy", "tactical_repositioning"} <= categories
    assert any("Akram al-Kaabi" in c.proponents for c in result.causes)
    assert any(t.kind == "deadly_attack" and t.days_before <= 10 for t in result.triggers)


def test_analyse_samples_name_the_halt_against_israel_after_21_november(records):
    kb, events, docs, explanations, found = records
    lulls = find_lulls(events, kb=kb, actor=IRI, recipient="israel", reports_=found)
    november = [x for x in lulls if (x.start_text or "").startswith("--11-21")
                or (x.start and x.start.month == 11 and x.start.day == 21)]
    assert november, [x.to_json() for x in lulls]
    result = board(november[0], kb=kb, explanations=explanations, events=events, documents=docs)
    assert {"deterrence_threat", "regional_shift"} <= {c.category for c in result.causes}
    assert any("Ihsan al-Shammari" in c.proponents for c in result.causes)


def test_analyse_samples_claims_and_framing(records, store):
    kb, events, docs, _, _ = records
    checks = check_claims(store.numeric_claims(), events, kb=kb)
    assert any(c.claimed == "exact 316 attacks" for c in checks)
    assert all(c.verdict in ("agrees", "claims_more", "claims_fewer", "unchecked") for c in checks)
    outlets = {f.outlet: f for f in framing(docs, lexicon=Lexicon.load(), quotes=store.quotes(),
                                            mentions=store.mentions())}
    assert outlets["ISWNews"].own.get("occupier") == 1 and outlets["Sunna Files"].own.get("so_called") == 1
    assert outlets["Sunna Files"].quoted_words > 0
