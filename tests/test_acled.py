"""ACLED CSV import: rows -> PLOVER-coded Events (origin "acled"), bad rows -> Rejections, idempotent store upserts.

The fixture tests/fixtures/acled/sample.csv holds synthetic rows in ACLED's export layout (see its NOTICE.md).
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import yaml

from lull.errors import ConfigError
from lull.ingest.acled import (
    REQUIRED_COLUMNS,
    AcledMapping,
    Countries,
    ImportSummary,
    import_acled,
    parse_acled_date,
    read_acled,
    resolve_acled_actor,
)
from lull.records import Event, Rejection, RejectionReason
from lull.knowledge.actors import ActorKB
from lull.settings import Settings
from lull.store import Store

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "fixtures" / "acled" / "sample.csv"
MAPPING_DOC = ROOT / "docs" / "acled-mapping.md"
from conftest import SHARED  # noqa: E402

REFERENCE = SHARED / "reference" / "ACLED.md"


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    return ActorKB.load(Settings().actors_path)


@pytest.fixture(scope="module")
def mapping() -> AcledMapping:
    return AcledMapping.load()


@pytest.fixture(scope="module")
def sample(kb, mapping) -> list[Event | Rejection]:
    return list(read_acled(SAMPLE, kb=kb, mapping=mapping))


def _events(items) -> dict[str, Event]:
    return {i.external_id: i for i in items if isinstance(i, Event)}


def _rejections(items) -> list[Rejection]:
    return [i for i in items if isinstance(i, Rejection)]


def _sample_rows() -> tuple[list[str], list[dict[str, str]]]:
    with SAMPLE.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, rows: list[dict[str, str]], *, columns: list[str] | None = None, encoding: str = "utf-8") -> Path:
    columns = columns or _sample_rows()[0]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding=encoding)
    return path


def _row(**changes: str) -> dict[str, str]:
    """The sample's first row (an IRI drone attack on US forces at Harir) with some values changed."""
    return {**_sample_rows()[1][0], **changes}


# --- the sample file, row by row ------------------------------------------------------------

SAMPLE_EVENTS = [
    # id, type, mode, actor ids, recipient ids, date, precision, fatalities, place precision
    ("SYNIRQ001", "ASSAULT", "drone", ["islamic_resistance_in_iraq"], ["us_forces"], "2024-02-02", "day", 0, 1),
    ("SYNJOR001", "ASSAULT", "drone", ["islamic_resistance_in_iraq", "kataib_hezbollah"], ["us_forces"],
     "2024-01-28", "day", 3, 1),
    ("SYNIRQ002", "CONCEDE", None, ["kataib_hezbollah"], [], "2024-01-30", "day", 0, 1),
    ("SYNIRQ003", "ASSAULT", "drone", ["us_forces"], ["kataib_hezbollah"], "2024-02-07", "day", 3, 2),
    ("SYNIRQ004", "ASSAULT", "heavy-weapons", [None], ["us_forces", "iraqi_armed_forces"], "2024-01-17/2024-01-23",
     "week", 0, 1),
    ("SYNIRQ005", "ASSAULT", "drone", ["islamic_resistance_in_iraq"], ["us_forces"], "2024-01", "month", 0, 2),
    ("SYNIRQ006", "PROTEST", "demo", [None, "sadrist_movement"], [], "2024-02-09", "day", 0, 1),
    ("SYNIRQ007", "ASSAULT", None, ["iraqi_armed_forces", "isis"], [], "2024-02-12", "day", 1, 2),
]


@pytest.mark.parametrize("event_id, type_, mode, actors, recipients, when, precision, fatalities, geo", SAMPLE_EVENTS)
def test_acled_sample_rows_become_plover_events(sample, event_id, type_, mode, actors, recipients, when, precision,
                                                fatalities, geo):
    event = _events(sample)[event_id]
    assert (event.type, event.mode) == (type_, mode)
    assert [a.id for a in event.actors] == actors
    assert [a.id for a in event.recipients] == recipients
    assert (event.date.iso(), event.date.precision) == (when, precision)
    assert event.fatalities == fatalities
    assert event.place.precision == geo
    assert (event.id, event.origin, event.status) == (f"acled:{event_id}", "acled", "reported")


def test_acled_sample_keeps_text_place_and_sources(sample):
    event = _events(sample)["SYNJOR001"]
    assert event.actors[0].text == "Islamic Resistance in Iraq"
    assert event.recipients[0].text == "Military Forces of the United States (2021-)"
    assert (event.place.name, event.place.lat, event.place.lon, event.place.country) == ("Tower 22", 33.32, 38.69, "JO")
    assert event.notes.startswith("SYNTHETIC TEST ROW. On 28 January 2024")
    assert "coded by rule acled.explosions.air_drone_strike.drone_in_notes" in event.notes
    assert "ACLED sources: Synthetic Source A; Synthetic Source B (source scale: International)" in event.notes


def test_acled_actor_outside_kb_takes_type_and_country(sample):
    unidentified = _events(sample)["SYNIRQ004"].actors[0]
    assert (unidentified.id, unidentified.kind, unidentified.sector, unidentified.country) == (
        None, "armed_group", "UAF", "IRQ")


BAD_ROWS = [
    # row (header = row 1), reason, words the message must contain
    (10, RejectionReason.UNSUPPORTED, ["line 11", "SYNIRQ008", "Strategic developments / Other", "acled.strategic.other"]),
    (11, RejectionReason.MISSING_FIELD, ["SYNIRQ009", "'actor1' is empty"]),
    (12, RejectionReason.INVALID_DATE, ["SYNIRQ010", "'sometime in February'", "YYYY-MM-DD"]),
    (13, RejectionReason.UNSUPPORTED, ["SYNIRQ011", "event_type 'Riot'", "Riots"]),
    (14, RejectionReason.UNRESOLVED_PLACE, ["SYNIRQ012", "latitude '133.5000'", "-90 and 90"]),
]


@pytest.mark.parametrize("row, reason, words", BAD_ROWS)
def test_acled_bad_rows_are_rejected_naming_file_and_row(sample, row, reason, words):
    found = [r for r in _rejections(sample) if r.input == f"{SAMPLE}:{row}"]
    assert len(found) == 1, [r.input for r in _rejections(sample)]
    assert (found[0].stage, found[0].reason) == ("import", reason)
    assert f"{SAMPLE} row {row}" in found[0].message
    for word in words:
        assert word in found[0].message


def test_acled_good_rows_survive_bad_ones(sample):
    assert len(_events(sample)) == len(SAMPLE_EVENTS)
    assert len(_rejections(sample)) == len(BAD_ROWS)


# --- dates --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("2024-01-28", date(2024, 1, 28)),
    ("28 January 2024", date(2024, 1, 28)),
    ("2 february 2024", date(2024, 2, 2)),
    ("28-January-2024", date(2024, 1, 28)),
    ("2024-02-30", None),
    ("28 Janvier 2024", None),
    ("01/28/2024", None),
    ("", None),
])
def test_acled_parse_date_accepts_acled_formats_only(text, expected):
    assert parse_acled_date(text) == expected


@pytest.mark.parametrize("event_date, precision, start, end, kind", [
    ("2024-02-02", "1", date(2024, 2, 2), date(2024, 2, 2), "day"),
    ("2024-02-14", "2", date(2024, 2, 11), date(2024, 2, 17), "week"),
    ("2024-02-15", "3", date(2024, 2, 1), date(2024, 2, 29), "month"),
    ("15 December 2023", "3", date(2023, 12, 1), date(2023, 12, 31), "month"),
])
def test_acled_time_precision_sets_span(tmp_path, kb, event_date, precision, start, end, kind):
    items = list(read_acled(_write(tmp_path / "a.csv", [_row(event_date=event_date, time_precision=precision)]), kb=kb))
    (event,) = items
    assert (event.date.start, event.date.end, event.date.precision) == (start, end, kind)


def test_acled_unknown_time_precision_is_rejected(tmp_path, kb):
    (rej,) = read_acled(_write(tmp_path / "a.csv", [_row(time_precision="4")]), kb=kb)
    assert rej.reason is RejectionReason.INVALID_DATE and "time_precision '4'" in rej.message


# --- actors, modes and roles ------------------------------------------------------------------------

@pytest.mark.parametrize("name, actor_id, country", [
    ("Military Forces of the United States (2021-)", "us_forces", "USA"),
    ("Military Forces of the United States (2021-) Air Force", "us_forces", "USA"),
    ("Military Forces of Iran (1989-) Islamic Revolutionary Guard Corps", "irgc", "IRN"),
    ("Military Forces of Israel (2022-) Air Force", "idf", "ISR"),
    ("Police Forces of Iraq (2022-)", "iraqi_security_forces", "IRQ"),
    ("Islamic Resistance in Iraq", "islamic_resistance_in_iraq", "IRQ"),
    ("Harakat Hezbollah al-Nujaba", "harakat_al_nujaba", "IRQ"),
    ("Kata'ib Hezbollah", "kataib_hezbollah", "IRQ"),
    ("Hamas Movement", "hamas", "PSE"),
    ("Military Forces of Turkey (2016-)", "turkey", "TUR"),
    ("Unidentified Armed Group (Syria)", None, "SYR"),
    ("Civilians (Palestine)", None, "PSE"),
    ("Tribal Militia of Nowhere (Iraq)", None, "IRQ"),
])
def test_acled_actor_names_resolve_without_parentheses(kb, mapping, name, actor_id, country):
    actor = resolve_acled_actor(name, kb=kb, mapping=mapping, countries=Countries.load(mapping.country_names))
    assert (actor.text, actor.id, actor.country) == (name, actor_id, country)


@pytest.mark.parametrize("actor1, inter1, notes, mode", [
    ("Military Forces of the United States (2021-)", "External/Other forces", "US airstrikes hit a depot.", "aerial"),
    ("Military Forces of the United States (2021-)", "8", "A US drone struck a car.", "drone"),
    ("Military Forces of Israel (2022-)", "State forces", "Israeli warplanes struck a site; UAVs seen.", "drone"),
    ("Islamic Resistance in Iraq", "Political militia", "An attack on a base was claimed.", "drone"),
    ("Islamic Resistance in Iraq", "3", "An attack on a base was claimed.", "drone"),
])
def test_acled_air_drone_strike_mode_follows_notes_then_actor_type(tmp_path, kb, actor1, inter1, notes, mode):
    (event,) = read_acled(_write(tmp_path / "a.csv", [_row(actor1=actor1, inter1=inter1, notes=notes)]), kb=kb)
    assert (event.type, event.mode) == ("ASSAULT", mode)


@pytest.mark.parametrize("event_type, sub, actor1, inter1, actor2, inter2, notes, plover, actors, recipients", [
    ("Battles", "Armed clash", "Military Forces of Iraq (2022-)", "1", "Islamic State (Iraq)", "2", "Clashes.",
     ("ASSAULT", None), ["iraqi_armed_forces", "isis"], []),
    ("Strategic developments", "Disrupted weapons use", "Military Forces of the United States (2021-)", "8",
     "Islamic Resistance in Iraq", "3", "US air defences shot down two rockets fired at the base.",
     ("ASSAULT", "heavy-weapons"), ["islamic_resistance_in_iraq"], ["us_forces"]),
    ("Strategic developments", "Disrupted weapons use", "Police Forces of Iraq (2022-)", "1",
     "Unidentified Armed Group (Iraq)", "3", "Police seized a cache of rockets near the base.",
     ("COERCE", "seize"), ["iraqi_security_forces"], [None]),
    ("Protests", "Excessive force against protesters", "Protesters (Iraq)", "6", "Police Forces of Iraq (2022-)", "1",
     "Police fired live rounds at protesters.", ("ASSAULT", None), ["iraqi_security_forces"], [None]),
    ("Violence against civilians", "Abduction/forced disappearance", "Unidentified Armed Group (Iraq)", "3",
     "Civilians (Iraq)", "7", "Gunmen abducted an activist.", ("ASSAULT", "abduct"), [None], [None]),
    ("Strategic developments", "Change to group/activity", "Harakat Hezbollah al-Nujaba", "3", "", "",
     "The group said it had halted its operations against US forces.", ("CONCEDE", None), ["harakat_al_nujaba"], []),
])
def test_acled_roles_and_types_follow_the_table(tmp_path, kb, event_type, sub, actor1, inter1, actor2, inter2, notes,
                                                plover, actors, recipients):
    row = _row(event_type=event_type, sub_event_type=sub, actor1=actor1, inter1=inter1, actor2=actor2, inter2=inter2,
               notes=notes)
    (event,) = read_acled(_write(tmp_path / "a.csv", [row]), kb=kb)
    assert (event.type, event.mode) == plover
    assert [a.id for a in event.actors] == actors
    assert [a.id for a in event.recipients] == recipients


def test_acled_change_to_group_without_suspension_is_unsupported(tmp_path, kb):
    row = _row(event_type="Strategic developments", sub_event_type="Change to group/activity",
               notes="A new faction announced its formation.")
    (rej,) = read_acled(_write(tmp_path / "a.csv", [row]), kb=kb)
    assert rej.reason is RejectionReason.UNSUPPORTED and "acled.strategic.change_to_group" in rej.message


# --- file-level problems ------------------------------------------------------------------------------

def test_acled_missing_columns_give_one_rejection_naming_them(tmp_path, kb):
    columns = [c for c in _sample_rows()[0] if c not in ("latitude", "geo_precision")]
    items = list(read_acled(_write(tmp_path / "a.csv", [_row(), _row()], columns=columns), kb=kb))
    assert len(items) == 1 and items[0].reason is RejectionReason.MISSING_FIELD
    assert "latitude, geo_precision" in items[0].message and "export" in items[0].message


@pytest.mark.parametrize("column", REQUIRED_COLUMNS)
def test_acled_each_required_column_is_checked(tmp_path, kb, column):
    columns = [c for c in _sample_rows()[0] if c != column]
    (rej,) = read_acled(_write(tmp_path / "a.csv", [_row()], columns=columns), kb=kb)
    assert rej.reason is RejectionReason.MISSING_FIELD and f"column(s) {column};" in rej.message


@pytest.mark.parametrize("column", ["actor2", "assoc_actor_1", "inter1", "notes", "source", "iso", "country"])
def test_acled_optional_columns_may_be_absent(tmp_path, kb, column):
    columns = [c for c in _sample_rows()[0] if c != column]
    (event,) = read_acled(_write(tmp_path / "a.csv", [_row()], columns=columns), kb=kb)
    assert event.external_id == "SYNIRQ001" and event.place.country == "IQ"


def test_acled_byte_order_mark_and_header_case_are_tolerated(tmp_path, kb):
    path = _write(tmp_path / "bom.csv", [_row()], encoding="utf-8-sig")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    (event,) = read_acled(path, kb=kb)
    assert event.external_id == "SYNIRQ001"
    text = path.read_text(encoding="utf-8-sig")
    path.write_text(text.replace("event_id_cnty", "EVENT_ID_CNTY", 1), encoding="utf-8")
    (event,) = read_acled(path, kb=kb)
    assert event.external_id == "SYNIRQ001"


@pytest.mark.parametrize("content, reason", [
    ("event_id_cnty,event_date\nSYN1,28 März 2024\n".encode("latin-1"), RejectionReason.UNDECODABLE),
    (b"   \n", RejectionReason.EMPTY),
])
def test_acled_unreadable_files_are_rejected(tmp_path, kb, content, reason):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    (rej,) = read_acled(path, kb=kb)
    assert (rej.input, rej.reason) == (str(path), reason)


def test_acled_missing_file_is_rejected(tmp_path, kb):
    (rej,) = read_acled(tmp_path / "nope.csv", kb=kb)
    assert rej.reason is RejectionReason.NOT_FOUND


@pytest.mark.parametrize("changes, reason, words", [
    ({"fatalities": "several"}, RejectionReason.MALFORMED_ROW, "fatalities 'several'"),
    ({"longitude": "east"}, RejectionReason.UNRESOLVED_PLACE, "longitude 'east'"),
    ({"latitude": "0", "longitude": "0"}, RejectionReason.UNRESOLVED_PLACE, "both 0"),
    ({"geo_precision": "5"}, RejectionReason.UNRESOLVED_PLACE, "geo_precision '5'"),
    ({"inter1": "9"}, RejectionReason.MALFORMED_ROW, "actor type '9'"),
    ({"sub_event_type": "Drone strike"}, RejectionReason.UNSUPPORTED, "sub_event_type 'Drone strike'"),
    ({"event_id_cnty": ""}, RejectionReason.MISSING_FIELD, "'event_id_cnty' is empty"),
])
def test_acled_bad_values_are_rejected(tmp_path, kb, changes, reason, words):
    (rej,) = read_acled(_write(tmp_path / "a.csv", [_row(**changes)]), kb=kb)
    assert rej.reason is reason and words in rej.message and rej.input == f"{tmp_path / 'a.csv'}:2"


def test_acled_empty_fatalities_is_unknown_not_zero(tmp_path, kb):
    (event,) = read_acled(_write(tmp_path / "a.csv", [_row(fatalities="")]), kb=kb)
    assert event.fatalities is None


def test_acled_ragged_and_duplicate_rows_are_rejected_others_kept(tmp_path, kb):
    path = _write(tmp_path / "a.csv", [_row(), _row(event_id_cnty="SYNIRQ100"), _row()])
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.append("SYNIRQ200,2024-02-02,2024")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_acled(path, kb=kb))
    assert [e.external_id for e in _events(items).values()] == ["SYNIRQ001", "SYNIRQ100"]
    duplicate, short = _rejections(items)
    assert duplicate.input.endswith(":4") and "already appeared in row 2" in duplicate.message
    assert short.input.endswith(":5") and short.reason is RejectionReason.MISSING_FIELD


# --- the mapping file -------------------------------------------------------------------------------

def test_acled_mapping_taxonomy_matches_the_codebook(mapping):
    if not REFERENCE.exists():
        pytest.skip(f"{REFERENCE} is absent (shared reference notes); the taxonomy check needs it")
    table = REFERENCE.read_text(encoding="utf-8").split("**Event taxonomy", 1)[1]
    codebook = {}
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0] not in ("Event type", "---"):
            codebook[cells[0]] = tuple(s.strip(" *") for s in re.sub(r"\(.*?\)", "", cells[1]).split(";"))
    assert dict(mapping.taxonomy) == codebook
    assert sum(len(v) for v in codebook.values()) == 25


def test_acled_mapping_rule_ids_are_documented(mapping):
    doc = MAPPING_DOC.read_text(encoding="utf-8")
    rules = [*mapping.events, *mapping.actors.values()]
    undocumented = [r.id for r in rules if f"`{r.id}`" not in doc]
    assert not undocumented


@pytest.mark.parametrize("edit, words", [
    (lambda raw: raw["events"][0].update(plover="ATTACK"), "not a PLOVER type"),
    (lambda raw: raw["events"][0].update(roles="sideways"), "roles 'sideways'"),
    (lambda raw: raw["events"][0].update(sub_event_type="Skirmish"), "not in the taxonomy"),
    (lambda raw: raw["events"].pop(0), "no unconditional rule for Battles / Government regains territory"),
    (lambda raw: raw["events"][1].update(id=raw["events"][0]["id"]), "appears twice"),
    (lambda raw: raw["events"][0].update(when={"notes": "(unclosed"}), "not a valid regular expression"),
    (lambda raw: raw["events"][0].update(actor_types=["Warlords"]), "'Warlords' is not an ACLED actor type"),
])
def test_acled_mapping_errors_name_the_rule_and_fix(mapping, edit, words):
    raw = yaml.safe_load(mapping.path.read_text(encoding="utf-8"))
    edit(raw)
    with pytest.raises(ConfigError, match=re.escape(words)):
        AcledMapping.from_data(raw, path=mapping.path)


def test_acled_mapping_kb_ids_must_exist(mapping, kb):
    raw = yaml.safe_load(mapping.path.read_text(encoding="utf-8"))
    raw["actors"][0]["kb"] = "no_such_actor"
    broken = AcledMapping.from_data(raw, path=mapping.path)
    with pytest.raises(ConfigError, match="no_such_actor"):
        broken.check_kb(kb)


# --- the store -------------------------------------------------------------------------------------

def test_acled_import_into_store_is_idempotent(db_path, kb, sample):
    with Store(db_path) as store:
        first = import_acled(SAMPLE, store=store, kb=kb)
        second = import_acled(SAMPLE, store=store, kb=kb)
        stored = {e.external_id: e for e in store.events(origin="acled")}
        rejections = store.rejections(stage="import")
        counts = store.counts()
    assert first == ImportSummary(SAMPLE, imported=8, updated=0, unchanged=0, rejected=5)
    assert second == ImportSummary(SAMPLE, imported=0, updated=0, unchanged=8, rejected=5)
    assert counts["events"] == 8 and counts["rejections"] == 5
    assert stored == _events(sample)
    assert {r.input for r in rejections} == {f"{SAMPLE}:{n}" for n, *_ in BAD_ROWS}


def test_acled_reimport_of_a_revised_row_updates_it(db_path, tmp_path, kb):
    rows = _sample_rows()[1]
    with Store(db_path) as store:
        import_acled(_write(tmp_path / "v1.csv", rows[:3]), store=store, kb=kb)
        revised = [rows[0], {**rows[1], "fatalities": "4"}, rows[2], rows[3]]
        summary = import_acled(_write(tmp_path / "v2.csv", revised), store=store, kb=kb)
        tower = store.event("acled:SYNJOR001")
        total = len(store.events(origin="acled"))
    assert (summary.imported, summary.updated, summary.unchanged, summary.rejected) == (1, 1, 2, 0)
    assert tower.fatalities == 4 and total == 4


def test_acled_events_read_back_equal_what_was_read(db_path, kb, sample):
    event = _events(sample)["SYNIRQ004"]
    with Store(db_path) as store:
        import_acled(SAMPLE, store=store, kb=kb)
        assert store.event(event.id) == event
        assert store.event(event.id) != replace(event, fatalities=1)
