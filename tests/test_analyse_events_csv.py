"""`lull import events FILE.csv`: rows -> Event records, precision kept, bad rows become rejections."""
from __future__ import annotations

from datetime import date

import pytest

from lull.ingest.events_csv import read_events_csv
from lull.records import Event, Rejection, RejectionReason
from lull.knowledge.actors import ActorKB
from lull.settings import Settings

HEADER = "date,actor,recipient,type,mode,place,country,lat,lon,fatalities,source,notes\n"


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    return ActorKB.load(Settings().actors_path)


def _read(tmp_path, body: str, kb, header: str = HEADER):
    path = tmp_path / "events.csv"
    path.write_text(header + body, encoding="utf-8")
    return list(read_events_csv(path, kb=kb))


def test_events_csv_rows_become_events_with_kb_actors_and_kept_precision(tmp_path, kb):
    rows = _read(tmp_path, (
        "2024-01-28,Kata'ib Hezbollah,US troops,ASSAULT,drone,Tower 22,JO,33.32,38.69,3,DoD,Tower 22\n"
        "2024-02,Unknown Brigade,US forces,assault,,,,,,,x,\n"
        "2024-01-29/2024-02-04,Islamic Resistance in Iraq;Harakat al-Nujaba,US forces,ASSAULT,,,,,,,x,\n"), kb)
    first, second, third = rows
    assert all(isinstance(r, Event) for r in rows)
    assert first.actors[0].id == "kataib_hezbollah" and first.recipients[0].id == "us_forces"
    assert first.date.precision == "day" and first.place.lat == pytest.approx(33.32) and first.fatalities == 3
    assert second.actors[0].id is None and second.actors[0].text == "Unknown Brigade" and second.type == "ASSAULT"
    assert second.date.iso() == "2024-02" and second.date.end == date(2024, 2, 29)
    assert third.date.precision == "week" and [a.id for a in third.actors] == ["islamic_resistance_in_iraq",
                                                                               "harakat_al_nujaba"]
    assert first.origin == "csv" and first.id == _read(tmp_path, "2024-01-28,Kata'ib Hezbollah,US troops,ASSAULT,"
                                                       "drone,Tower 22,JO,33.32,38.69,3,DoD,Tower 22\n", kb)[0].id


@pytest.mark.parametrize("row, reason", [
    ("Feb 2,IRI,US forces,ASSAULT,,,,,,,,\n", RejectionReason.INVALID_DATE),
    ("2024-02-02,,US forces,ASSAULT,,,,,,,,\n", RejectionReason.MISSING_FIELD),
    ("2024-02-02,IRI,US forces,ASSAULT,,,,,,-1,,\n", RejectionReason.MALFORMED_ROW),
    ("2024-02-02,IRI,US forces,ASSAULT,,,,95,10,,,\n", RejectionReason.MALFORMED_ROW),
])
def test_events_csv_bad_rows_are_rejections_naming_the_row(tmp_path, kb, row, reason):
    rows = _read(tmp_path, "2024-02-01,IRI,US forces,ASSAULT,,,,,,,,\n" + row, kb)
    assert isinstance(rows[0], Event)
    assert isinstance(rows[1], Rejection) and rows[1].reason == reason and "row 3" in rows[1].message


def test_events_csv_missing_columns_is_one_rejection(tmp_path, kb):
    (only,) = _read(tmp_path, "2024-02-01,IRI\n", kb, header="date,actor\n")
    assert isinstance(only, Rejection) and "type" in only.message
