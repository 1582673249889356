"""The whole pipeline through the CLI on the bundled samples: events, mentions, claims, quotes, why, import."""
import json
import math
from pathlib import Path

import pytest
from click.testing import CliRunner

from lull.cli import EXIT_OK, EXIT_REJECTED, main

ACLED = Path(__file__).parent / "fixtures" / "acled" / "sample.csv"
HARIR = (36.537, 44.339)  # Harir air base, Erbil province


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("demo") / "lull.db"
    result = CliRunner().invoke(main, ["--db", str(db), "demo"], catch_exceptions=False)
    assert result.exit_code == EXIT_OK, result.output
    return db


def _json(db, *args):
    result = CliRunner().invoke(main, ["--db", str(db), *args, "--json"], catch_exceptions=False)
    assert result.exit_code == EXIT_OK, result.output
    return json.loads(result.output)


def _km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(a))


def test_cli_events_json_keys_and_provenance(demo_db):
    rows = _json(demo_db, "events")
    assert rows
    for row in rows:
        assert {"id", "type", "mode", "actor", "recipient", "place", "date", "modality", "weapon", "fatalities",
                "injuries", "sources"} <= set(row)
        for src in row["sources"]:
            assert {"doc", "outlet", "sentence", "start", "end"} <= set(src)
            assert src["end"] - src["start"] == len(src["sentence"])


def test_cli_harir_drone_attack_is_listed_with_its_place(demo_db):
    drones = [e for e in _json(demo_db, "events", "--type", "ASSAULT")
              if e["mode"] == "drone" and e["place"] and e["place"]["lat"] is not None
              and _km(e["place"]["lat"], e["place"]["lon"], *HARIR) < 25]
    assert len(drones) == 1
    assert drones[0]["place"]["precision"] in (1, 2)


def test_cli_tower_22_attack_has_three_dead_and_us_recipient(demo_db):
    hits = [e for e in _json(demo_db, "events", "--type", "ASSAULT") if e["fatalities"] == 3]
    assert len(hits) == 1
    assert "us_forces" in [a["id"] for a in hits[0]["recipient"]]


def test_cli_no_strike_sentence_is_a_negated_mention_not_a_countable_event(demo_db):
    negated = _json(demo_db, "mentions", "--modality", "negated")
    assert any("there has not been any strike" in m["sources"][0]["sentence"] and m["type"] == "ASSAULT"
               for m in negated)
    events = _json(demo_db, "events")
    holding = [e for e in events if any(m["modality"] == "negated" for m in e["sources"])]
    # every mention belongs to an event; one holding only negated mentions is never a countable incident
    assert all(e["countability"] != "incident" for e in holding
               if all(m["modality"] == "negated" for m in e["sources"]))


def test_cli_claims_show_the_counts_with_periods_and_subset(demo_db):
    claims = {c["value"]: c for c in _json(demo_db, "claims") if c["unit"] == "attacks"}  # the manual's unit vocabulary
    assert claims[264.0]["period"]["start"] == "2021-03-21" and claims[264.0]["period"]["end"] == "2022-03-20"
    assert claims[56.0]["period"]["start"] == "2022-03-21"
    assert claims[94.0]["parent"] == claims[316.0]["id"]
    assert claims[25.0]["rate_per"] == "week" and claims[25.0]["qualifier"] == "about"


def test_cli_why_groups_explanations_with_proponents(demo_db):
    groups = {g["category"]: g for g in _json(demo_db, "why")}
    assert {"tactical_repositioning", "political_bargain", "deterrence_threat", "leadership_losses",
            "regional_shift", "external_pressure"} <= set(groups)
    assert "Akram al-Kaabi" in groups["tactical_repositioning"]["proponents"]
    assert "Ihsan al-Shammari" in groups["deterrence_threat"]["proponents"]
    rows = [row for g in groups.values() for row in g["explanations"]]
    assert all(isinstance(row["mentions"], list) for row in rows)
    assert any(row["mentions"] for row in rows)  # the halt or strike explained, linked by mention id


def test_cli_quotes_have_speakers(demo_db):
    quotes = _json(demo_db, "quotes")
    speakers = {(q["speaker"] or {}).get("id") for q in quotes}
    assert {"akram_al_kaabi", "mohammad_al_basri"} <= speakers


def test_cli_import_acled_twice_is_idempotent(tmp_path):
    db = tmp_path / "acled.db"
    first = CliRunner().invoke(main, ["--db", str(db), "import", "acled", str(ACLED)], catch_exceptions=False)
    assert first.exit_code == EXIT_REJECTED and "8 imported" in first.output
    again = CliRunner().invoke(main, ["--db", str(db), "import", "acled", str(ACLED)], catch_exceptions=False)
    assert "0 imported, 0 updated, 8 unchanged" in again.output
    events = _json(db, "events")
    assert len(events) == 8 and all(e["origin"] == "acled" for e in events)


def test_cli_delete_removes_a_document_and_only_its_events(tmp_path, samples_dir):
    db = tmp_path / "lull.db"
    CliRunner().invoke(main, ["--db", str(db), "run", str(samples_dir / "003_598a116db1f97239.txt"),
                              str(samples_dir / "004_0c48c95ef52fe2e9.txt")], catch_exceptions=False)
    (gone,) = [d["id"] for d in _json(db, "docs") if d["outlet"] == "ISWNews"]
    before = _json(db, "events")
    result = CliRunner().invoke(main, ["--db", str(db), "delete", gone[:10]], catch_exceptions=False)
    assert result.exit_code == EXIT_OK, result.output
    after = _json(db, "events")
    assert all(s["doc"] != gone for e in after for s in e["sources"])
    kept = {e["id"] for e in before if all(s["doc"] != gone for s in e["sources"])}
    assert kept <= {e["id"] for e in after}
    missing = CliRunner().invoke(main, ["--db", str(db), "delete", "zzzz"], catch_exceptions=False)
    assert missing.exit_code == 1 and "matches no document" in missing.output
