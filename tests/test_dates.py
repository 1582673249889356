"""Dates: temporal expressions -> DateSpan, and publication bounds from reference events.

Sentences come from the bundled samples (src/lull/data/samples) and the shared
dev corpus (/work/shared/corpus-dev); anchors are the publication dates those
documents carry or that their notices give."""
from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path

import pytest
from conftest import CORPUS_DEV  # noqa: E402

from lull.errors import ConfigError
from lull.records import DateSpan
from lull.knowledge.dates import (
    find_dates,
    find_offsets,
    is_report_quarter,
    normalise,
    parse_offset,
    report_period,
    shift,
)
from lull.knowledge.reference_events import ReferenceEvents, bound_from_reference_events
from lull.settings import Settings

REFERENCE_EVENTS = Settings().reference_events_path


def day(y: int, m: int, d: int) -> DateSpan:
    return DateSpan.day(date(y, m, d))


def span(a: str, b: str | None, precision: str) -> DateSpan:
    return DateSpan(date.fromisoformat(a), date.fromisoformat(b) if b else None, precision)


FRI_2024_02_23 = day(2024, 2, 23)  # the photo caption date in sample 004
SAT_2023_04_29 = day(2023, 4, 29)  # sample 003's dateline
AFTER_ASSAD = DateSpan(date(2024, 12, 8), None, "day", "reference-events")  # sample 001's bound
FEB_2024 = span("2024-02-01", "2024-02-29", "month")


@pytest.mark.parametrize(
    ("expression", "anchor", "expected"),
    [
        # year unsaid -> the most recent such day not after the anchor
        ("on January 8", FRI_2024_02_23, day(2024, 1, 8)),
        ("November 21", FRI_2024_02_23, day(2023, 11, 21)),
        ("October 7", FRI_2024_02_23, day(2023, 10, 7)),
        ("Feb. 28", FRI_2024_02_23, day(2023, 2, 28)),
        ("On 8 November", day(2021, 11, 10), day(2021, 11, 8)),
        # absolute dates ignore the anchor
        ("February 2, 2024", None, day(2024, 2, 2)),
        ("March 21, 2021", None, day(2021, 3, 21)),
        ("January 27, 2024", None, day(2024, 1, 27)),
        ("2021-02-16", None, day(2021, 2, 16)),
        ("On 6 January 2021", None, day(2021, 1, 6)),
        ("Saturday 29 April 2023 - 17:10", None, day(2023, 4, 29)),
        ("in 2020", None, span("2020-01-01", "2020-12-31", "year")),
        ("since May 2020", None, span("2020-05-01", None, "month")),
        ("late 2024", None, span("2024-09-01", "2024-12-31", "season")),
        ("in early 2020", None, span("2020-01-01", "2020-04-30", "season")),
        ("in the summer of 2023", None, span("2023-06-01", "2023-08-31", "season")),
        ("the 1990s", None, span("1990-01-01", "1999-12-31", "decade")),
        # ranges are one span; a range's second end lends its year to the first
        ("from March 21, 2021 to March 20, 2022", None, span("2021-03-21", "2022-03-20", "day")),
        ("July 1, 2021 – September 30, 2021", None, span("2021-07-01", "2021-09-30", "day")),
        ("January 1, 2024—March 31, 2024", None, span("2024-01-01", "2024-03-31", "day")),
        ("APRIL 1, 2023–JUNE 30, 2023", None, span("2023-04-01", "2023-06-30", "day")),
        ("July 1 – September 30, 2021", None, span("2021-07-01", "2021-09-30", "day")),
        ("July 2015 to December 2025", None, span("2015-07-01", "2025-12-31", "month")),
        # open spans end at the publication day, or stay open without one
        ("since November 2", day(2024, 1, 10), span("2023-11-02", "2024-01-10", "day")),
        ("15 June 2014 – present", None, span("2014-06-15", None, "day")),
        ("2 February 2024 – present", day(2024, 2, 3), span("2024-02-02", "2024-02-03", "day")),
        # weekdays and other words relative to the anchor
        ("last Thursday", FRI_2024_02_23, day(2024, 2, 22)),
        ("last Friday", FRI_2024_02_23, day(2024, 2, 16)),
        ("Sunday", FRI_2024_02_23, day(2024, 2, 18)),
        ("Friday", FRI_2024_02_23, day(2024, 2, 23)),
        ("yesterday", FRI_2024_02_23, day(2024, 2, 22)),
        ("earlier this evening", day(2021, 2, 25), day(2021, 2, 25)),
        ("in recent weeks", FRI_2024_02_23, span("2024-02-02", "2024-02-23", "week")),
        ("In the past weeks", FRI_2024_02_23, span("2024-02-02", "2024-02-23", "week")),
        ("the past two weeks", FRI_2024_02_23, span("2024-02-09", "2024-02-23", "week")),
        ("this week", FRI_2024_02_23, span("2024-02-19", "2024-02-25", "week")),
        ("last month", FRI_2024_02_23, span("2024-01-01", "2024-01-31", "month")),
        ("in late January", FRI_2024_02_23, span("2024-01-21", "2024-01-31", "month")),
        ("In January", day(2022, 5, 3), span("2022-01-01", "2022-01-31", "month")),
        ("last summer", day(2013, 3, 22), span("2012-06-01", "2012-08-31", "season")),
        ("two years ago", day(2013, 3, 22), span("2011-01-01", "2011-12-31", "year")),
        ("earlier this year", FRI_2024_02_23, span("2024-01-01", "2024-02-22", "year")),
        ("late last year", FRI_2024_02_23, span("2023-09-01", "2023-12-31", "season")),
        ("a few days ago", FRI_2024_02_23, span("2024-02-16", "2024-02-21", "week")),
        ("between January and March 2024", None, span("2024-01-01", "2024-03-31", "month")),
        ("now", FRI_2024_02_23, FRI_2024_02_23),
        ("since the October 7 attack", FRI_2024_02_23, span("2023-10-07", "2024-02-23", "day")),
        ("21/02/2024", None, day(2024, 2, 21)),  # dateparser fallback: a numeric date
        # nothing to place: no anchor, a lower-bound anchor, or relative to another date
        ("8 PM", FRI_2024_02_23, None),
        ("the 99th day", FRI_2024_02_23, None),
        ("on January 8", None, None),
        ("last Thursday", None, None),
        ("on January 8", AFTER_ASSAD, None),
        ("in recent weeks", AFTER_ASSAD, None),
        ("three days after", FRI_2024_02_23, None),
        ("the fall of Bashar al-Assad's regime", FRI_2024_02_23, None),
        ("May God protect them", FRI_2024_02_23, None),
    ],
)
def test_dates_normalise_expressions(expression: str, anchor: DateSpan | None, expected: DateSpan | None) -> None:
    assert normalise(expression, anchor=anchor) == expected


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("on January 8", day(2024, 1, 8)),  # the same year at both ends of February 2024
        ("February 10", None),  # 2023-02-10 early in the month, 2024-02-10 late: unknown
        ("this month", FEB_2024),
        ("Sunday", span("2024-01-28", "2024-02-25", "season")),  # a day somewhere in 4 weeks
        ("2020", span("2020-01-01", "2020-12-31", "year")),
    ],
)
def test_dates_normalise_widens_instead_of_guessing_under_a_month_anchor(
    expression: str, expected: DateSpan | None
) -> None:
    assert normalise(expression, anchor=FEB_2024) == expected


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        (  # sample 001 (bound >= 2024-12-08): the year of "November 21" is unknown, 2020 is not
            "The last known statement by the “Islamic Resistance in Iraq” was issued on November 21, announcing a "
            "drone strike targeting southern occupied Palestine. The assassination of Qasem Soleimani and Abu Mahdi "
            "al-Muhandis in 2020 marked a turning point.",
            AFTER_ASSAD,
            [("2020", "2020")],
        ),
        (  # sample 004 with the caption date as anchor
            "On January 27, Iraq and the U.S. began the first round of dialogue to discuss ending the U.S.-led "
            "international coalition's mission in Iraq, but later three U.S. soldiers were killed.",
            FRI_2024_02_23,
            [("January 27", "2024-01-27")],
        ),
        (  # sample 000: "three days after" stays out, "Since February 2" is open up to the anchor
            "Since February 2, when the Islamic Resistance in Iraq targeted American positions at the Al-Harir Air "
            "base, there has not been any strike. This temporary ceasefire was implemented just three days after a "
            "visit by Esmail Qaani.",
            day(2024, 2, 20),
            [("Since February 2", "2024-02-02/2024-02-20")],
        ),
        (  # sample 003: two ranges in one sentence
            "Statistics show that the digit of attacks stood at 264 cases from March 21, 2021 to March 20, 2022. "
            "But the number of attacks decreased to 56 cases from March 21, 2022 to March 20, 2023.",
            SAT_2023_04_29,
            [("March 21, 2021 to March 20, 2022", "2021-03-21/2022-03-20"),
             ("March 21, 2022 to March 20, 2023", "2022-03-21/2023-03-20")],
        ),
        (  # corpus-dev 003: "ten days before" is relative to the airstrike, not a date
            "On February 15, 2021, ten days before the airstrike, a rocket attack on Erbil killed a contractor.",
            None,
            [("February 15, 2021", "2021-02-15")],
        ),
        (  # corpus-dev 034: two year-unsaid days against the briefing's date
            "Iran and its proxies launched more than 300 air threats on the evening of April 13 and the morning of "
            "April 14 from Iran, Iraq, Syria and Yemen.",
            day(2024, 4, 15),
            [("April 13", "2024-04-13"), ("April 14", "2024-04-14")],
        ),
        (  # no dates at all: 316 and 94 are counts, not years
            "Iraqi factions claimed responsibility for 316 attacks against Israel, 94 of which directly impacted "
            "Israeli territories.",
            FRI_2024_02_23,
            [],
        ),
    ],
)
def test_dates_find_dates_in_real_sentences(
    text: str, anchor: DateSpan | None, expected: list[tuple[str, str]]
) -> None:
    found = find_dates(text, anchor=anchor)
    assert [(text[start:end], found_span.iso()) for start, end, found_span in found] == expected


def test_dates_shift_and_parse_offset_place_a_date_relative_to_another() -> None:
    visit = day(2024, 1, 30)
    assert parse_offset("just three days after a visit") == 3
    assert parse_offset("ten days before the airstrike") == -10
    assert parse_offset("the day before") == -1
    assert parse_offset("on February 2") is None
    assert shift(visit, parse_offset("three days after")) == day(2024, 2, 2)  # type: ignore[arg-type]
    assert shift(span("2024-01-01", None, "day"), -1) == span("2023-12-31", None, "day")


@pytest.mark.parametrize(
    ("text", "event_id"),
    [
        ("The new Middle East did not begin with Assad’s fall but rather with Soleimani’s assassination.",
         "assad-regime-fall"),
        ("The fall of Bashar al-Assad's regime and the 60-day ceasefire agreement between Hezbollah and Israel",
         "assad-regime-fall"),
        ("The collapse of Assad’s regime, according to analysts, represents a critical blow", "assad-regime-fall"),
        ("the 60-day ceasefire agreement between Hezbollah and Israel has played a role", "hezbollah-israel-ceasefire"),
        ("The killing of figures like Hassan Nasrallah and other Hezbollah leaders", "nasrallah-killing"),
        ("HAAA was involved in the IRI’s January 2024 drone attack on Tower 22 in Jordan", "tower-22-attack"),
        ("the Hamas-led October 7 attack on Israel", "hamas-october-7-attack"),
        ("Kata'ib Hezbollah announced the suspension of its military operations against US forces",
         "kataib-hezbollah-suspension"),
        ("unlike before and after the assassination of leader Abu Baqir Al-Saudi", "abu-baqir-al-saadi-killing"),
        ("Iraqi Prime Minister Mohammed Shia’ al-Sudani", "sudani-takes-office"),
        ("the assassination of Qasem Soleimani and Abu Mahdi al-Muhandis in 2020", "soleimani-muhandis-killing"),
        # mentions that do not prove the event happened
        ("Assad's government denied the report.", None),
        ("Nasrallah said the front would stay open.", None),
        ("Soleimani visited Baghdad in 2019.", None),
        ("The factions agreed to a ceasefire.", None),
    ],
)
def test_dates_reference_events_find_phrases(text: str, event_id: str | None) -> None:
    hits = ReferenceEvents.load(REFERENCE_EVENTS).find(text)
    latest = max(hits, key=lambda hit: hit[3].date)[3].id if hits else None
    assert latest == event_id


def _sample(samples_dir: Path, prefix: str) -> str:
    return next(samples_dir.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def test_dates_reference_events_bound_sample_001_after_assad_fall(samples_dir: Path) -> None:
    bound = bound_from_reference_events(_sample(samples_dir, "001"), None, events=ReferenceEvents.load(REFERENCE_EVENTS))
    assert bound == DateSpan(date(2024, 12, 8), None, "day", "reference-events")


@pytest.mark.parametrize(
    ("prefix", "published", "expected"),
    [
        ("003", SAT_2023_04_29, None),  # a dateline is a known day: never replaced
        ("003", None, date(2022, 10, 27)),  # al-Sudani already in office
        ("002", None, date(2024, 2, 7)),  # "the assassination of leader Abu Baqir Al-Saudi"
        ("004", None, date(2024, 1, 28)),  # "three U.S. soldiers were killed" (Tower 22)
        ("001", DateSpan(date(2025, 1, 1), None, "day", "text-inferred"), None),  # a later bound is kept
        ("001", DateSpan(date(2024, 1, 1), None, "day", "text-inferred"), date(2024, 12, 8)),
    ],
)
def test_dates_reference_events_bound_only_when_it_says_more(
    samples_dir: Path, prefix: str, published: DateSpan | None, expected: date | None
) -> None:
    bound = bound_from_reference_events(_sample(samples_dir, prefix), published, events=ReferenceEvents.load(REFERENCE_EVENTS))
    assert (bound.start if bound else None) == expected
    assert bound is None or (bound.is_lower_bound and bound.basis == "reference-events")


def test_dates_reference_events_each_pattern_has_an_id_and_matches_its_own_label() -> None:
    events = ReferenceEvents.load(REFERENCE_EVENTS)
    assert events.version >= 1
    ids = [pattern_id for event in events.events for pattern_id, _ in event.patterns]
    assert len(ids) == len(set(ids))
    assert all(pattern_id.startswith(event.id + "/") for event in events.events for pattern_id, _ in event.patterns)


def test_dates_reference_events_bad_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_text("version: 1\nevents:\n  - id: x\n    date: not-a-date\n    label: x\n    patterns: []\n")
    with pytest.raises(ConfigError, match="events.yaml"):
        ReferenceEvents.load(path)


@pytest.mark.skipif(not CORPUS_DEV.is_dir(), reason="needs /work/shared/corpus-dev (the shared dev corpus)")
def test_dates_reference_events_never_contradict_known_publication_dates() -> None:
    index = [json.loads(line) for line in (CORPUS_DEV / "index.jsonl").read_text(encoding="utf-8").splitlines()]
    dated = [(row["id"], date.fromisoformat(row["published"])) for row in index if row.get("published")]
    assert len(dated) >= 10
    events = ReferenceEvents.load(REFERENCE_EVENTS)
    for doc_id, published in dated:
        bound = bound_from_reference_events((CORPUS_DEV / f"{doc_id}.txt").read_text(encoding="utf-8"), None, events=events)
        assert bound is None or bound.start <= published, f"corpus-dev {doc_id}: {bound} after {published}"


@pytest.mark.skipif(not CORPUS_DEV.is_dir(), reason="needs /work/shared/corpus-dev (the shared dev corpus)")
def test_dates_find_dates_never_places_a_date_after_the_publication_day() -> None:
    """Year-unsaid and relative dates resolve to the past of their document (PREFER past)."""
    index = [json.loads(line) for line in (CORPUS_DEV / "index.jsonl").read_text(encoding="utf-8").splitlines()]
    checked = 0
    for row in index:
        if not row.get("published"):
            continue
        anchor = DateSpan.day(date.fromisoformat(row["published"]))
        text = (CORPUS_DEV / f"{row['id']}.txt").read_text(encoding="utf-8")
        for start, end, found in find_dates(text, anchor=anchor):
            if normalise(text[start:end], anchor=None) is None:  # placed only thanks to the anchor
                checked += 1
                where = f"corpus-dev {row['id']}: {text[start:end]!r} -> {found}"
                assert found.start is not None and found.start <= anchor.start, where
    assert checked >= 5


@pytest.mark.skipif(not CORPUS_DEV.is_dir(), reason="needs /work/shared/corpus-dev (the shared dev corpus)")
def test_dates_find_dates_reads_the_dev_corpus_fast() -> None:
    """find_dates runs on every sentence of every document: the 46 dev excerpts (~85k chars) in well under 5 s."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(CORPUS_DEV.glob("*.txt"))]
    started = time.perf_counter()
    found = sum(len(find_dates(text, anchor=FRI_2024_02_23)) for text in texts)
    assert time.perf_counter() - started < 5.0
    assert found > 200


@pytest.mark.parametrize("expression, anchor, iso, years", [
    ("On February 2", None, "--02-02", (None, None)),  # no publication date: never a guessed year
    ("late January", None, "--01-21/--01-31", (None, None)),
    ("since November 21", None, ">=--11-21", (None, None)),  # the halt's start, open-ended
    ("On February 2", AFTER_ASSAD, "--02-02", (2024, None)),  # a lower bound narrows the years
    ("on March 23", DateSpan(date(2024, 3, 1), None, "day", "reference-events"), "--03-23", (2023, None)),
    ("from January 1, 2021 to March 23", None, "2021-01-01/--03-23", (None, None)),  # mixed: what is known
    ("yesterday", None, None, None),  # a relative date without a report date stays unplaced
    ("on Monday", AFTER_ASSAD, None, None),
])
def test_dates_partial_month_days_keep_month_and_day(expression, anchor, iso, years) -> None:
    span = normalise(expression, anchor=anchor, partial=True)
    assert (span.iso() if span else None) == iso
    if span is not None:
        assert span.years == years and span.is_partial
    assert normalise(expression, anchor=anchor) is None or not normalise(expression, anchor=anchor).is_partial


def test_dates_partial_spans_round_trip_through_the_store(tmp_path: Path) -> None:
    from lull.records import Mention, Span
    from lull.run import ingest
    from lull.settings import Settings
    from lull.store import Store

    with Store(tmp_path / "lull.db") as store:
        text = tmp_path / "a.txt"
        text.write_text("On February 2, militants attacked a base.", encoding="utf-8")
        ingest([str(text)], store=store, settings=Settings())
        doc = store.documents()[0]
        when = DateSpan.month_day((2, 2), (2, 2), "day", (2023, None))
        mention = Mention(id="m1", doc_id=doc.id, sentence=Span(doc.id, 0, 10, "x"), trigger=Span(doc.id, 0, 1, "x"),
                          rule_id="r", type="ASSAULT", date=when)
        store.replace_mentions(doc.id, [mention], stage="events", version="t")
        back = store.mentions()[0].date
    assert back == when and back.iso() == "--02-02" and back.years == (2023, None)


@pytest.mark.parametrize("expression, anchor, expected", [
    ("over the weekend", day(2024, 2, 6), span("2024-02-03", "2024-02-04", "day")),  # a Tuesday's last weekend
    ("over the weekend", day(2024, 2, 3), span("2024-02-03", "2024-02-03", "day")),  # a Saturday paper: so far
    ("earlier in the day", day(2024, 2, 6), day(2024, 2, 6)),
    ("the week before, which killed three soldiers", day(2024, 2, 3), span("2024-01-27", "2024-02-02", "week")),
    ("the week before the election", day(2024, 2, 3), None),  # relative to another date: the caller finds it
    ("over the weekend", None, None),  # no report date: relative dates stay unplaced
])
def test_dates_relative_expressions_resolve_backwards_from_the_report(expression, anchor, expected) -> None:
    assert normalise(expression, anchor=anchor, partial=True) == expected


# --- the period a periodic report covers -----------------------------------------------------


@pytest.mark.parametrize(("text", "anchor", "expected"), [
    # a title range wins
    ("Quarterly Report to Congress, April 1, 2022-June 30, 2022\n\nThe group weakened during the quarter.",
     day(2022, 8, 2), ("2022-04-01", "2022-06-30")),
    # a stated period
    ("Overview\nISIS was weak.\nThe report covers the period July 1, 2020 - September 30, 2020, and "
     "summarizes the quarter's key events.", day(2020, 11, 5), ("2020-07-01", "2020-09-30")),
    # only "the quarter": the last complete quarter before publication
    ("Attacks fell during the quarter.", day(2023, 11, 14), ("2023-07-01", "2023-09-30")),
    # a lower bound printed by the report is its quarter's last day
    ("Attacks fell during the quarter.", day(2023, 3, 31), ("2023-01-01", "2023-03-31")),
])
def test_dates_report_period_of_a_periodic_report(text, anchor, expected):
    span = report_period(text, anchor)
    assert span is not None and (span.start.isoformat(), span.end.isoformat()) == expected


def test_dates_report_period_needs_a_report_that_speaks_of_one():
    text = "2019-2021 Persian Gulf crisis\n\nRockets struck the base on 3 March 2021."
    assert report_period(text, day(2021, 3, 5)) is None  # a title range alone is not a reporting period
    assert report_period("Attacks fell during the quarter.", None) is None


@pytest.mark.parametrize(("expression", "expected"), [
    ("during the quarter", True), ("this quarter", True), ("the quarter", True),
    ("the first quarter", False), ("the last quarter of 2023", False), ("a quarter", False),
])
def test_dates_report_quarter_expressions(expression, expected):
    assert is_report_quarter(expression) is expected


def test_dates_find_offsets_counts_days_relative_to_another_date():
    text = ("Rockets hit the base ten days prior, and two days before the attack protesters marched, as they "
            "had the week before. Hours later, the base was hit again.")
    assert [(days, week) for _, _, days, week in find_offsets(text)] == [
        (-10, False), (-2, False), (-7, True), (0, False)]


# --- event dates: the coder's date of a mention (extract/events/timing.py) ------------------------


@pytest.fixture(scope="module")
def pipeline():
    from lull.knowledge import Knowledge
    from lull.nlp.pipeline import build_pipeline
    from lull.settings import Settings

    return build_pipeline(Settings(), knowledge=Knowledge.load(Settings()))


def event_date(pipeline, text: str, trigger: str, published: date | None = None) -> DateSpan | None:
    from test_events import by_trigger, mentions_of

    return by_trigger(mentions_of(pipeline, text, published), trigger).date


@pytest.mark.parametrize(("text", "published", "trigger", "iso", "basis"), [
    # of two dates in a clause, the one in the trigger's own phrase
    ("The army has patrolled the valley since 2015 but only formally deployed there in 2019.", None,
     "deployed", "2019", "clause"),
    ("Jets struck the depot yesterday in response to the March 3 attacks on the garrison.", date(2023, 3, 9),
     "attacks", "2023-03-03", "clause"),
    # a span of years NER calls a number
    ("Rocket attacks against U.S. forces in the country increased during the 2015–2017 border crisis.", None,
     "attacks", "2015-01-01/2017-12-31", "clause"),
    # a day counted from the event told before
    ("On 4 May 2022, jets struck a depot near Raqqa.\n\nThe government said militants had attacked a "
     "coalition base ten days prior.", None, "attacked", "2022-04-24", "offset"),
    # "the week before": the seven days before the event the sentence tells
    ("On 2 February 2024, jets struck depots in Syria.\n\nThe raid was launched in retaliation to a drone "
     "strike carried out by the militia targeting troops in Jordan the week before.", None, "strike",
     "2024-01-26/2024-02-01", "offset"),
    # an aggregate takes the day its offset states
    ("On 4 May 2022, jets struck a depot near Raqqa. The raid was in retaliation for rocket attacks against "
     "coalition troops ten days prior.", None, "attacks", "2022-04-24", "offset"),
    # "hours later": the same day as the event told before
    ("On 28 June 2022, jets struck depots near the border.\n\nHours later, militants fired rockets at a "
     "coalition base.", None, "fired", "2022-06-28", "offset"),
    # "since the onset of X on <date>": from that day to the report
    ("Since the onset of the war on 7 October 2023, militias have carried out more than 150 attacks on bases.",
     date(2024, 2, 3), "attacks", "2023-10-07/2024-02-03", "clause"),
    # a stance under a statement has the statement's date
    ("In March 2025, the militia said that it was prepared to disarm.", None, "disarm", "2025-03", "sentence"),
    # a news lead takes the day its next paragraph states for the same actor's incident
    ("American forces have struck at a militia in Syria, the Pentagon said.\n\nU.S. military forces, earlier "
     "this evening, launched airstrikes against militia depots in Syria.", date(2021, 2, 25), "struck",
     "2021-02-25", "lead"),
    # a headline names the lead's story: its incident takes the day the paragraph after the lead states
    ("U.S. Navy Conducts Airstrikes Against Rebel Depots in Yemen\n\nMarch 4, 2019 | By staff\n\nAmerican "
     "jets have struck rebel depots in Yemen, a spokesman said.\n\nAt the admiral's direction, U.S. Navy jets, "
     "earlier this evening, launched airstrikes against rebel depots near Hodeidah.", date(2019, 3, 4),
     "Airstrikes", "2019-03-04", "lead"),
    # a headline incident with no actor takes the first dated incident of its type the story tells
    ("Raids Send Warning to Rebels in Yemen\n\nThe Navy warned rebels that attacks on its ships must stop, a "
     "spokesman said today.\n\nNavy jets conducted airstrikes near Hodeidah yesterday in response to the "
     "March 1 attacks on its ships.", date(2019, 3, 4), "Raids", "2019-03-03", "lead"),
    # the scene-setting date of the paragraph
    ("On 9 June 2022, the army reported that the governor survived an ambush. A drone attacked his "
     "convoy.", None, "attacked", "2022-06-09", "paragraph"),
    # the same site struck: the same incident told again
    ("On 3 March 2021, the Al-Asad airbase was attacked.\n\nThe base hosts coalition troops.\n\n"
     "Militants launched ten rockets at the Al-Asad airbase.", None, "launched", "2021-03-03", "antecedent"),
    # undated narration of a quarterly report: the report's quarter
    ("Partner forces raided ISIS hideouts during the quarter.\n\nThe coalition trained partner forces.",
     date(2022, 2, 4), "raided", "2021-10-01/2021-12-31", "report"),
])
def test_dates_event_date_chain(pipeline, text, published, trigger, iso, basis):
    span = event_date(pipeline, text, trigger, published)
    assert span is not None and (span.iso(), span.basis) == (iso, basis)


def test_dates_statement_release_date_is_not_the_event_date(pipeline):
    text = "On 8 May, the ministry released a statement that gunmen had killed two guards."
    assert event_date(pipeline, text, "killed", None) is None
