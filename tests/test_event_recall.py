"""Mention recall and precision on news lull has not seen: aggregates, causes told in one clause,
material support, and nouns or labels that name no event (issue 9, items 2 and 3)."""
from __future__ import annotations

import pytest

from lull.extract.documents import extract_document
from lull.ingest.boilerplate import default_rules, strip_boilerplate
from lull.records import DateSpan, Document, Mention
from datetime import date


@pytest.fixture(scope="module")
def pipeline():
    from lull.knowledge import Knowledge
    from lull.nlp.pipeline import build_pipeline
    from lull.settings import Settings

    return build_pipeline(Settings(), knowledge=Knowledge.load(Settings()))


def mentions_of(pipeline, text: str) -> list[Mention]:
    doc = Document(id="t", text=text, locator="<test>", published=DateSpan.day(date(2024, 3, 1)))
    return list(extract_document(doc, nlp=pipeline).mentions)


def by_trigger(mentions: list[Mention], trigger: str) -> Mention:
    found = [m for m in mentions if m.trigger.text == trigger]
    assert found, f"no mention with trigger {trigger!r}; got {[(m.trigger.text, m.type) for m in mentions]}"
    return found[0]


AGGREGATES = [  # sentence, trigger, aggregate, count
    ("Militants have carried out more than 150 attacks on American bases since mid-October.", "attacks", True, 150),
    ("Iran-backed groups have attacked U.S. troops in Syria 64 times since the autumn.", "attacked", True, 64),
    ("The raids were a response to recent attacks against coalition personnel in Syria.", "attacks", True, None),
    ("The Kurdish forces continued to rely on Coalition support in the east.", "support", True, None),
    ("Tehran has long backed a web of armed factions across the region.", "backed", True, None),
    ("On Tuesday, U.S. aircraft conducted airstrikes on three sites near Al-Qaim.", "airstrikes", False, None),
    ("A rocket attack on the Harir base wounded two contractors on Monday.", "attack", False, None),
]


@pytest.mark.parametrize("sentence,trigger,aggregate,count", AGGREGATES, ids=[r[1] for r in AGGREGATES])
def test_event_recall_aggregates_are_kept_and_flagged(pipeline, sentence, trigger, aggregate, count):
    m = by_trigger(mentions_of(pipeline, sentence), trigger)
    assert m.aggregate is aggregate
    if aggregate:
        assert m.count == count
        assert m.fatalities is None and m.injuries is None


def test_event_recall_aggregate_count_is_linked_to_its_claim(pipeline):
    text = "Militants have carried out more than 150 attacks on American bases since mid-October."
    extraction = extract_document(Document(id="t", text=text, locator="<test>"), nlp=pipeline)
    m = by_trigger(list(extraction.mentions), "attacks")
    claims = {c.id: c for c in extraction.numeric_claims}
    assert m.count_claim_id in claims and claims[m.count_claim_id].value == 150


CAUSES = [  # the strike and the attacks it answers are two events of one clause
    ("These strikes were ordered in response to recent attacks against coalition troops.", "strikes", "attacks"),
    ("The raid was in retaliation for a rocket attack on the embassy in Baghdad.", "raid", "attack"),
]


@pytest.mark.parametrize("sentence,first,second", CAUSES, ids=[r[1] for r in CAUSES])
def test_event_recall_a_cause_in_the_same_clause_is_its_own_mention(pipeline, sentence, first, second):
    found = mentions_of(pipeline, sentence)
    assert by_trigger(found, first).type == by_trigger(found, second).type == "ASSAULT"


TYPES = [  # sentence, trigger, type
    ("The brigade is supported by the IRGC's Quds Force, which provides its weapons.", "supported", "AID"),
    ("Tehran continues to provide support to the militia.", "support", "AID"),
    ("Washington voiced support for Baghdad's right to defend itself.", "support", "SUPPORT"),
    ("Police used tear gas to disperse the crowds in Basra.", "disperse", "COERCE"),
    ("Thousands joined protests in Nasiriyah on Friday.", "protests", "PROTEST"),
    ("Coalition forces continued to partner with the SDF near Deir ez-Zor.", "partner", "COOPERATE"),
    ("Turkey intervened in northern Iraq in 2019.", "intervened", "MOBILIZE"),
    ("Beijing objected to the visit by the delegation.", "objected", "ACCUSE"),
]


@pytest.mark.parametrize("sentence,trigger,type_", TYPES, ids=[r[1] for r in TYPES])
def test_event_recall_types_follow_the_manual(pipeline, sentence, trigger, type_):
    assert by_trigger(mentions_of(pipeline, sentence), trigger).type == type_


JUNK = [  # sentence, trigger that must not become a mention
    ("The call is on background, so attribute the comments to a senior official.", "call"),
    ("This report also discusses the planned oversight work of the agencies.", "discusses"),
    ("Part of Popular Mobilization Forces (alleged)", "alleged"),
    ("The main threats inside the country are the remnants of the group.", "threats"),
]


@pytest.mark.parametrize("sentence,trigger", JUNK, ids=[r[1] for r in JUNK])
def test_event_recall_nouns_and_labels_without_participants_are_no_events(pipeline, sentence, trigger):
    assert trigger not in [m.trigger.text for m in mentions_of(pipeline, sentence)]


FURNITURE = [
    "Jump to content",
    "From Wikipedia, the free encyclopedia",
    "This is an old revision of this page, as edited by A. Editor (talk | contribs) at 10:01, 5 May 2023.",
    "Audio mp3 of Remarks       Audio mp3 of Address",
    "Your browser does not support the video tag.",
]


@pytest.mark.parametrize("line", FURNITURE)
def test_event_recall_site_furniture_is_removed_and_recorded(line):
    text, removed = strip_boilerplate(f"{line}\n\nRockets struck the base on Monday.", default_rules())
    assert text == "Rockets struck the base on Monday."
    assert [r.text for r in removed] == [line]


HEADLINES = [  # a title-case headline has its verb and event noun back (re-parsed in lower case)
    ("Pentagon Says U.S. Jets Conduct Retaliatory Strikes on Militia Depots\nThe strikes hit two sites.", "Strikes"),
    ("U.S. Carries Out Precision Airstrike Against Iran-backed Group in Iraq\nThe strike was ordered.", "Airstrike"),
]


@pytest.mark.parametrize("text,trigger", HEADLINES, ids=[r[1] for r in HEADLINES])
def test_event_recall_title_case_headlines_are_coded(pipeline, text, trigger):
    m = by_trigger(mentions_of(pipeline, text), trigger)
    assert m.type == "ASSAULT"


SPEECH_ACTS = [  # sentence, trigger, type, mode (None: any), modality (None: any)
    ("The raid sends a clear message: Washington will act to protect its troops.", "message", "THREATEN", None, None),
    ("Washington will act forcefully to protect its troops, officials said.", "act", "THREATEN", "violence", None),
    ("The raid sends a clear message: Washington will act to protect its troops.", "raid", "ASSAULT", None, None),
    ("Be prepared for us to respond forcefully if our soldiers are harmed.", "respond", "THREATEN", "violence", None),
    ("The Treasury placed two commanders on the SDN list on Tuesday.", "placed", "SANCTION", None, None),
    ("Air defenses intercepted three missiles over the base.", "intercepted", "ASSAULT", None, "asserted"),
    ("Two drones were shot down near the airport.", "shot", "ASSAULT", None, "asserted"),
    ("The faction denied carrying out the rocket attack on the embassy.", "denied", "REJECT", None, None),
    ("The faction denied carrying out the rocket attack on the embassy.", "attack", "ASSAULT", None, "denied"),
    ("The bombings, widely attributed to the militia, continued.", "attributed", "ACCUSE", None, None),
    ("The bombings, widely attributed to the militia, continued.", "bombings", "ASSAULT", None, "reported"),
    ("The group said it was ready to disarm.", "disarm", "CONCEDE", None, None),
]


@pytest.mark.parametrize("sentence,trigger,type_,mode,modality", SPEECH_ACTS,
                         ids=[f"{r[1]}-{r[2]}" for r in SPEECH_ACTS])
def test_event_recall_threats_listings_interceptions_denials(pipeline, sentence, trigger, type_, mode, modality):
    m = by_trigger(mentions_of(pipeline, sentence), trigger)
    assert m.type == type_
    if mode is not None:
        assert m.mode == mode
    if trigger in ("intercepted", "shot"):
        assert m.mode is None  # an interception takes no mode from the weapon it stops
    if modality is not None:
        assert m.modality == modality


def test_event_recall_intentions_are_no_requests(pipeline):
    found = mentions_of(pipeline, "The movement seeks to build a state loyal to Tehran.")
    assert "REQUEST" not in [m.type for m in found]
