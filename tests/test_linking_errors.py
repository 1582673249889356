"""Each linking error on gold-dev named with its cause (what BENCHMARKS.md lists under the linking rows)."""
from __future__ import annotations

from datetime import date

from lull.evaluate.linking_errors import cause_counts, linking_errors, merge_cause, split_cause
from lull.records import DateSpan, Mention, Span
from lull.vocabulary import EventType, Modality, Precision


def _mention(n: int, *, doc: str = "doc-a", day: date | None = None, aggregate: bool = False,
             modality: Modality = Modality.ASSERTED, kind: EventType = EventType.ASSAULT) -> Mention:
    when = None if day is None else DateSpan(day, day, Precision.DAY)
    return Mention(id=f"m{n}", doc_id=doc, sentence=Span(doc, 0, 10, "x"), trigger=Span(doc, 0, 1, "x"), rule_id="r",
                   type=kind, modality=modality, date=when, aggregate=aggregate)


def test_split_cause_names_the_policy_before_the_evidence():
    day = date(2024, 1, 20)
    assert split_cause([[_mention(1, day=day)], [_mention(2, day=day, aggregate=True)]]).startswith("aggregate")
    assert "future part" in split_cause([[_mention(1, day=day)], [_mention(2, modality=Modality.FUTURE)]])
    assert split_cause([[_mention(1, day=day)], [_mention(2)]]).startswith("one part undated")
    assert split_cause([[_mention(1, day=day)], [_mention(2, day=date(2024, 3, 1))]]) == "lull dates disagree"
    assert split_cause([[_mention(1, day=day)], [_mention(2, day=day)]]).startswith("no conflicting evidence")


def test_merge_cause_tells_a_campaign_from_coarse_dates():
    campaign = {"a": [{"aggregate": True, "date_start": None, "date_end": None}],
                "b": [{"aggregate": False, "date_start": "2024-01-20", "date_end": "2024-01-20"}]}
    assert merge_cause(campaign, [_mention(1, day=date(2024, 1, 20))]).startswith("a gold campaign")
    days = {"a": [{"aggregate": False, "date_start": "2024-01-20", "date_end": "2024-01-20"}],
            "b": [{"aggregate": False, "date_start": "2024-01-27", "date_end": "2024-01-27"}]}
    assert merge_cause(days, [_mention(1, day=date(2024, 1, 20))]).startswith("gold dates differ")
    assert merge_cause(days, [_mention(1)]).startswith("an undated lull mention")


def test_linking_errors_lists_each_split_and_merge_once():
    day = date(2024, 1, 20)
    rows = {f"g{i}": {"aggregate": False, "date_start": "2024-01-20", "date_end": "2024-01-20"} for i in range(4)}
    pairs = [("g0", rows["g0"], _mention(0, day=day)), ("g1", rows["g1"], _mention(1)),
             ("g2", rows["g2"], _mention(2, day=day)), ("g3", rows["g3"], _mention(3, day=day))]
    linked = {"g0": ("tower22", "ev-1"), "g1": ("tower22", "ev-2"),  # one gold event, two lull events
              "g2": ("erbil", "ev-3"), "g3": ("alasad", "ev-3")}  # one lull event, two gold events
    errors = linking_errors(pairs, linked)
    assert [(e.kind, e.key) for e in errors] == [("split", "tower22"), ("merged", "ev-3")]
    assert errors[0].cause.startswith("one part undated") and len(errors[0].parts) == 2
    assert errors[1].line().startswith("merged ev-3: same type, date and place")
    assert sum(cause_counts(errors).values()) == 2
