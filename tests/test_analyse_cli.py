"""Issue 12 through the real CLI on a real SQLite file: the samples' demo store, then the same store with an
imported events CSV (tests/fixtures/attacks_us_2023_2024.csv, see its NOTICE)."""
from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from lull.cli import EXIT_OK, main

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "attacks_us_2023_2024.csv"
IRI = "islamic_resistance_in_iraq"


def _lull(db: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["--db", str(db), *args], catch_exceptions=False)
    assert result.exit_code == EXIT_OK, result.output
    return result.output


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("samples") / "lull.db"
    _lull(db, "demo")
    return db


@pytest.fixture(scope="module")
def sample_lulls(demo_db):
    return json.loads(_lull(demo_db, "lulls", "--json"))


@pytest.fixture(scope="module")
def imported_db(demo_db, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("imported") / "lull.db"
    shutil.copy(demo_db, db)
    output = _lull(db, "import", "events", str(FIXTURE))
    assert "167 imported" in output and "0 rejected" in output
    return db


def _february(lulls):
    return [x for x in lulls if x["recipient"] == "us_forces" and x["start"]
            and "2024-01-25" <= x["start"] <= "2024-02-10"]


def test_analyse_cli_lulls_name_the_february_2024_halt_against_us_forces(sample_lulls):
    found = _february(sample_lulls)
    assert found, sample_lulls
    assert set(found[0]) == {"id", "kind", "actor", "recipient", "start", "end", "ongoing", "confidence",
                             "rate_before", "rate_after", "evidence"}
    assert found[0]["actor"] == IRI and found[0]["kind"] == "lull"
    assert any(e["kind"] == "reported" and "since 2024-02-02" in e["summary"]
               and "there has not been any strike" in (e["sentence"] or "") for e in found[0]["evidence"])


def test_analyse_cli_lulls_name_the_halt_against_israel_after_21_november(sample_lulls):
    found = [x for x in sample_lulls if x["recipient"] == "israel" and (x["start"] or "").startswith("--11-21")]
    assert found, sample_lulls
    assert any(e["outlet"] == "Sunna Files" for e in found[0]["evidence"])


def test_analyse_cli_board_of_the_february_halt_shows_causes_and_triggers(demo_db, sample_lulls):
    lull_id = _february(sample_lulls)[0]["id"]
    result = json.loads(_lull(demo_db, "board", lull_id[:8], "--json"))
    assert result["lull"]["id"] == lull_id
    causes = {c["category"]: c for c in result["causes"]}
    assert {"patron_instruction", "mediation_diplomacy", "tactical_repositioning"} <= set(causes)
    assert "Akram al-Kaabi" in causes["tactical_repositioning"]["proponents"]
    assert any(t["kind"] == "deadly_attack" and "US forces" in t["recipients"] and t["days_before"] <= 10
               for t in result["triggers"])  # Tower 22
    undated = {(t["kind"], t["role"]) for t in result["undated_triggers"]}
    assert ("retaliation", "opponent") in undated  # the US strikes
    assert any(t["type"] == "CONSULT" and t["mode"] == "visit" and "Esmail Qaani" in t["actors"]
               for t in result["undated_triggers"])  # the Quds Force commander's visit
    text = _lull(demo_db, "board", lull_id)
    assert "candidate triggers" in text and "Akram al-Kaabi" in text


def test_analyse_cli_board_of_the_israel_halt_shows_its_explanations(demo_db, sample_lulls):
    lull_id = next(x["id"] for x in sample_lulls if x["recipient"] == "israel")
    result = json.loads(_lull(demo_db, "board", lull_id, "--json"))
    causes = {c["category"]: c for c in result["causes"]}
    assert {"deterrence_threat", "regional_shift", "leadership_losses", "external_pressure"} <= set(causes)
    assert "Ihsan al-Shammari" in causes["regional_shift"]["proponents"]


def test_analyse_cli_board_unknown_id_says_what_to_do(demo_db):
    result = CliRunner().invoke(main, ["--db", str(demo_db), "board", "ffffffffffff"])
    assert result.exit_code == 1 and "lull lulls" in result.output


def test_analyse_cli_checks_state_the_coverage_of_the_316_claimed_attacks(demo_db):
    checks = json.loads(_lull(demo_db, "checks", "--json"))
    claim = next(c for c in checks if c["claimed"] == "exact 316 attacks")
    # "since November 2" in a report published on or after 2024-12-08: counted from 2024-11-02, coverage stated
    assert claim["period"].startswith(">=--11-02") and claim["verdict"] == "claims_more"
    assert claim["counted"] is not None and claim["coverage"] is not None and "2024-11-02/" in claim["note"]
    text = _lull(demo_db, "checks")
    assert "exact 316 attacks" in text and "counted" in text


def test_analyse_cli_framing_per_outlet_own_voice_quoted_and_labels(demo_db):
    outlets = {f["outlet"]: f for f in json.loads(_lull(demo_db, "framing", "--json"))}
    assert outlets["ISWNews"]["own"].get("occupier") == 1
    assert outlets["Sunna Files"]["own"].get("so_called") == 1 and outlets["Sunna Files"]["quoted_words"] > 0
    assert any(outlets[o]["labels"].get(IRI) for o in outlets)
    text = _lull(demo_db, "framing")
    assert "own    voice" in text and "quoted voice" in text


def test_analyse_cli_series_weekly_counts_with_coarse_dates_apart(imported_db):
    result = json.loads(_lull(imported_db, "series", "--actor", IRI, "--recipient", "us_forces", "--origin",
                              "csv", "--bin", "week", "--json"))
    assert result["freq"] == "week" and sum(c["n"] for c in result["counts"]) == 167
    assert _lull(imported_db, "series", "--actor", "IRI", "--origin", "csv", "--bin", "day").strip()


def test_analyse_cli_imported_series_finds_the_february_april_2024_pause(imported_db):
    found = json.loads(_lull(imported_db, "lulls", "--actor", IRI, "--recipient", "us_forces", "--origin", "csv",
                             "--as-of", "2024-12-31", "--json"))
    pauses = [x for x in found if x["kind"] == "lull" and x["start"] and x["end"]
              and abs((date.fromisoformat(x["start"]) - date(2024, 2, 5)).days) <= 7
              and abs((date.fromisoformat(x["end"]) - date(2024, 4, 20)).days) <= 7]
    assert pauses, found
    assert pauses[0]["confidence"] >= 0.9 and pauses[0]["rate_before"] > pauses[0]["rate_after"]
    autumn = [x for x in found if x["kind"] == "lull" and x["start"] and x["start"][:1].isdigit()
              and "2023-10-17" <= x["start"] <= "2023-11-30"]
    assert not autumn, autumn


def test_analyse_cli_import_events_bad_rows_are_stored_rejections(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("date,actor,type\n2024-02-30,Islamic Resistance in Iraq,ASSAULT\n"
                   "2024-02-02,Islamic Resistance in Iraq,ASSAULT\n", encoding="utf-8")
    db = tmp_path / "lull.db"
    result = CliRunner().invoke(main, ["--db", str(db), "import", "events", str(bad)])
    assert result.exit_code == 3 and "1 imported" in result.output and "1 rejected" in result.output
    rejections = json.loads(_lull(db, "rejections", "--json"))
    assert any("row 2" in r["message"] and r["stage"] == "import" for r in rejections)
    again = CliRunner().invoke(main, ["--db", str(db), "import", "events", str(bad)])
    assert "0 imported, 1 unchanged" in again.output
