"""The event coder (lull_events): tables of real sentences -> expected PLOVER-coded mentions.

Sentences come from the bundled samples and from /work/shared/corpus-dev
(public-domain US government texts and CC BY-SA Wikipedia excerpts; see
corpus-dev/README.md), quoted inline so each row reads as the spec. The
pipeline is the real one (spaCy model, actor and place rulers, actor KB,
gazetteer); one is built per module.
"""
from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import pytest
import yaml

from lull.errors import ConfigError
from lull.extract.documents import extract_document, extract_documents
from lull.extract.events.lexicon import load_lexicon
from lull.records import DateSpan, Document, Mention, Rejection, RejectionReason
from lull.settings import Settings
from lull.vocabulary import Policy

SAMPLES = Path(__file__).resolve().parent.parent / "src" / "lull" / "data" / "samples"
HARIR = (36.537, 44.345)  # Harir Air Base, data/places.tsv


@pytest.fixture(scope="module")
def pipeline():
    from lull.nlp.pipeline import build_pipeline
    from lull.knowledge.actors import ActorKB
    from lull.knowledge import Knowledge
    from lull.settings import Settings

    return build_pipeline(Settings(), knowledge=Knowledge.load(Settings()))


def document(text: str, published: date | None = None, doc_id: str = "test-doc") -> Document:
    return Document(id=doc_id, text=text, locator="<test>",
                    published=DateSpan.day(published) if published else None)


def mentions_of(pipeline, text: str, published: date | None = None) -> list[Mention]:
    return [m for m in extract_document(document(text, published), nlp=pipeline).mentions if isinstance(m, Mention)]


def by_trigger(mentions: list[Mention], trigger: str) -> Mention:
    found = [m for m in mentions if m.trigger.text == trigger]
    assert found, f"no mention with trigger {trigger!r}; got {[(m.trigger.text, m.type) for m in mentions]}"
    return found[0]


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(a))


def ids(actors) -> set[str | None]:
    return {a.id for a in actors}


# --- the three acceptance cases ----------------------------------------------------------------


def test_events_harir_drone_attack_is_coded_with_place_and_date(pipeline):
    text = (SAMPLES / "000_00bdd472d0044c6f.txt").read_text(encoding="utf-8")
    mentions = mentions_of(pipeline, text, published=date(2024, 2, 20))
    m = by_trigger(mentions, "targeted")
    assert (m.type, m.mode, m.weapon) == ("ASSAULT", "drone", "drone")
    assert "islamic_resistance_in_iraq" in ids(m.actors)
    assert "us_forces" in ids(m.recipients)
    assert m.place is not None and m.place.precision in (1, 2)
    assert km(m.place.lat, m.place.lon, *HARIR) < 25
    assert m.date == DateSpan.day(date(2024, 2, 2))
    assert m.modality in ("asserted", "historical")  # a past reference point ("Since February 2, when ...")


def test_events_tower_22_attack_has_three_fatalities_and_us_forces_as_recipient(pipeline):
    text = (SAMPLES / "004_0c48c95ef52fe2e9.txt").read_text(encoding="utf-8")
    sentence_start = text.index("On January 27, Iraq and the U.S. began")
    m = next(m for m in mentions_of(pipeline, text) if m.type == "ASSAULT" and m.sentence.start == sentence_start)
    assert m.fatalities == 3
    assert "us_forces" in ids(m.recipients)
    assert m.place is not None and m.place.name == "Tower 22" and m.place.precision == 2


def test_events_strike_that_did_not_happen_is_negated_not_asserted(pipeline):
    text = ("Since February 2, when the Islamic Resistance in Iraq targeted American positions at the Al-Harir Air "
            "base located in Iraq’s Erbil province in a drone attack, there has not been any strike against US "
            "terrorist forces in Iraq.")
    m = by_trigger(mentions_of(pipeline, text), "strike")
    assert (m.type, m.modality) == ("ASSAULT", "negated")
    assert "us_forces" in ids(m.recipients)


# --- a table of real sentences ----------------------------------------------------------------

# (sentence, trigger, type, mode, modality, actor id or None, recipient id or None)
CODING = [
    ("Later, the Islamic Resistance in Iraq suspended their attacks on U.S. bases to pave the way for the Iraqi "
     "government to hold negotiations with the U.S.-led coalition to end their presence in Iraq.",
     "suspended", "RETREAT", "ceasefire", "asserted", "islamic_resistance_in_iraq", "us_forces"),
    ("Since then, operations have ceased, despite an announcement on January 8 by Yemen’s Houthi group.",
     "ceased", "RETREAT", "ceasefire", "asserted", None, None),
    ("Kataib Hezbollah announced the suspension of military and security operations against the occupation forces.",
     "suspension", "CONCEDE", None, "asserted", "kataib_hezbollah", None),
    ("In the negotiations, the Iraqi resistance groups informed Al Sudani that they will resume their attacks on the "
     "positions and personnel of the United States’ military missions in Iraq if they refuse to leave the Arab state.",
     "attacks", "ASSAULT", None, "hypothetical", None, None),
    ("The U.S. said the attack was carried out by the Islamic Resistance in Iraq, an umbrella term for pro-Iran "
     "Shiite Islamic armed groups in Iraq.",
     "attack", "ASSAULT", None, "reported", "islamic_resistance_in_iraq", None),
    ("In 2021, the group claimed responsibility for the 2021 Erbil rocket attacks, which killed two civilians and "
     "injured six more, including an American soldier.",
     "attacks", "ASSAULT", "heavy-weapons", "claimed", None, None),
    ("Early this morning in northern Iraq, U.S. military personnel were targeted by a one-way attack drone.",
     "targeted", "ASSAULT", "drone", "asserted", None, "us_forces"),
    ("Al-Basri stated, \"In the past weeks, there have been no recorded attacks on US bases.\"",
     "attacks", "ASSAULT", None, "negated", None, "us_forces"),
    ("The Iraqi resistance groups have intensified attacks against the positions of the Israeli regime.",
     "attacks", "ASSAULT", None, "asserted", "iraqi_factions", "israel"),
    ("Secretary of State Antony J. Blinken spoke today with Iraqi Prime Minister Mohammed Shiaa al-Sudani.",
     "spoke", "CONSULT", None, "asserted", None, "mohammed_shia_al_sudani"),
    ("The Secretary condemned the attack on the U.S. Embassy in Baghdad.",
     "condemned", "ACCUSE", "disapprove", "asserted", None, None),
    ("Mohammad al-Tamimi, secretary-general of the Faithful Promise Corps, accused Iran of abandoning its allies.",
     "accused", "ACCUSE", "allege", "asserted", "mohammad_al_tamimi", "iran"),
    ("The U.S. has reportedly pressured Iraqi Prime Minister Mohammed Shia’ Al-Sudani to halt the attacks.",
     "pressured", "REQUEST", None, "reported", "united_states", "mohammed_shia_al_sudani"),
    ("U.S. military forces earlier this evening conducted airstrikes against infrastructure utilized by "
     "Iranian-backed militant groups in eastern Syria.",
     "airstrikes", "ASSAULT", "aerial", "asserted", "us_forces", None),
    ("Concern is escalating among the factions, which fear further strikes that the United States may undertake.",
     "strikes", "ASSAULT", None, "hypothetical", None, None),
]


@pytest.mark.parametrize("sentence,trigger,type_,mode,modality,actor,recipient", CODING,
                         ids=[row[1] + ":" + row[2] for row in CODING])
def test_events_codes_real_sentences(pipeline, sentence, trigger, type_, mode, modality, actor, recipient):
    m = by_trigger(mentions_of(pipeline, sentence), trigger)
    assert (m.type, m.mode, m.modality) == (type_, mode, modality)
    if actor:
        assert actor in ids(m.actors)
    if recipient:
        assert recipient in ids(m.recipients)


# (sentence, trigger, fatalities, injuries): ACLED's most conservative count
CASUALTIES = [
    ("As you know, yesterday, three U.S. servicemembers were killed and dozens of personnel were injured from a "
     "one-way attack unmanned aerial system that impacted a U.S. military facility located in northeastern Jordan "
     "near the Syrian border.", "killed", 3, 12),
    ("Initial reports indicate that the attacks killed one civilian contractor and injured several members of the "
     "Coalition.", "attacks", 1, 3),
    ("The attack wounded three U.S. service-members, one critically.", "attack", None, 3),
    ("The death of the U.S. soldiers prompted the U.S. forces to retaliate by striking some headquarters of "
     "Iranian-backed armed groups, killing and wounding dozens of them.", "striking", None, None),
]


@pytest.mark.parametrize("sentence,trigger,fatalities,injuries", CASUALTIES, ids=[r[1] for r in CASUALTIES])
def test_events_counts_casualties_conservatively(pipeline, sentence, trigger, fatalities, injuries):
    m = by_trigger(mentions_of(pipeline, sentence), trigger)
    assert (m.type, m.fatalities, m.injuries) == ("ASSAULT", fatalities, injuries)


def test_events_background_assassination_is_historical_and_dated(pipeline):
    text = ("The assassination of Qasem Soleimani and Abu Mahdi al-Muhandis in 2020 marked a turning point, "
            "signaling the beginning of the unraveling of the Axis of Resistance.")
    m = by_trigger(mentions_of(pipeline, text, published=date(2024, 12, 10)), "assassination")
    assert (m.type, m.mode, m.modality) == ("ASSAULT", "targeted", "historical")
    assert {"qasem_soleimani", "abu_mahdi_al_muhandis"} <= ids(m.recipients)
    assert m.date is not None and m.date.iso() == "2020"


def test_events_never_dates_an_event_with_the_publication_date(pipeline):
    """An undated event is "on or before" the report's day (ACLED time_precision 3), never on it."""
    m = by_trigger(mentions_of(pipeline, "Militants attacked a U.S. convoy near Baghdad.", date(2024, 1, 5)),
                   "attacked")
    assert m.date == DateSpan.before(date(2024, 1, 5)) and m.date.start is None and m.date.basis == "report"
    assert m.date.iso() == "<=2024-01-05" and m.date.precision == "before"
    relative = by_trigger(mentions_of(pipeline, "Militants attacked a U.S. convoy on Sunday.", date(2024, 1, 5)),
                          "attacked")
    assert relative.date == DateSpan.day(date(2023, 12, 31))


def test_events_aggregates_are_flagged_generic_and_never_get_one_day(pipeline):
    text = "Since November 2, Iraqi factions claimed responsibility for 316 attacks against Israel."
    m = by_trigger(mentions_of(pipeline, text, date(2024, 12, 10)), "attacks")
    assert m.policies == {Policy.GENERIC, Policy.PLURAL} and m.rule_id.endswith("+generic")  # suffix: provenance
    assert (m.fatalities, m.modality) == (None, "claimed")
    assert m.date is not None and (m.date.start, m.date.end) == (date(2024, 11, 2), date(2024, 12, 10))  # a period
    trend = by_trigger(mentions_of(pipeline, "On Monday, attacks on US bases increased.", date(2024, 1, 5)), "attacks")
    assert Policy.GENERIC in trend.policies and trend.date == DateSpan.before(date(2024, 1, 5))  # never Monday


@pytest.mark.parametrize("text, published, trigger, iso, basis", [
    ("In 2022, the militia claimed responsibility for the rocket attacks on the airport.", None, "attacks",
     "2022", "clause"),
    # a casualty update takes the date of the attack its paragraph told
    ("On 12 March 2023, rockets struck a coalition base near Erbil. Two contractors were wounded.",
     None, "wounded", "2023-03-12", "antecedent"),
    # no date anywhere: on or before the report's day, never the day itself
    ("Militants fired rockets at a U.S. base in Syria.", date(2023, 5, 2), "fired", "<=2023-05-02", "report"),
    # a series the clause's verb carries out on one day keeps that day (a strike package), generic as it is
    ("On March 5 the navy and its allies conducted another series of attacks on rebel targets in the south.",
     None, "attacks", "--03-05", "clause"),
    # a year-less date in an undated report stays year-less
    ("On February 2, the United States conducted airstrikes on targets in Syria.", None, "airstrikes",
     "--02-02", "clause"),
])
def test_events_date_fallback_chain(pipeline, text, published, trigger, iso, basis):
    m = by_trigger(mentions_of(pipeline, text, published), trigger)
    assert m.date is not None and (m.date.iso(), m.date.basis) == (iso, basis)


def test_events_statement_date_is_not_the_attack_date(pipeline):
    text = "The Pentagon said on Monday that militants had attacked a base in Syria and another in Iraq."
    m = by_trigger(mentions_of(pipeline, text, None), "attacked")
    assert m.date is None


def test_events_anaphoric_attack_takes_place_from_previous_sentence(pipeline):
    text = ("Early this morning in northern Iraq, U.S. military personnel were targeted by a one-way attack drone "
            "at Erbil Air Base. The attack wounded three U.S. service-members, one critically.")
    m = by_trigger(mentions_of(pipeline, text, date(2023, 12, 25)), "attack")
    assert Policy.ANAPHOR in m.policies and m.rule_id.endswith("+anaphor")
    assert m.place is not None and m.place.name == "Erbil Air Base"
    assert m.injuries == 3


# --- provenance, ids, rules as data ------------------------------------------------------------


def test_events_mentions_carry_provenance_and_stable_ids(pipeline):
    text = (SAMPLES / "004_0c48c95ef52fe2e9.txt").read_text(encoding="utf-8")
    doc = document(text, doc_id="doc-a")
    first = [m for m in extract_document(doc, nlp=pipeline).mentions if isinstance(m, Mention)]
    again = [m for m in extract_document(doc, nlp=pipeline).mentions if isinstance(m, Mention)]
    other = [m for m in extract_document(document(text, doc_id="doc-b"), nlp=pipeline).mentions if isinstance(m, Mention)]
    assert first and [m.id for m in first] == [m.id for m in again]
    assert len({m.id for m in first}) == len(first)
    assert not {m.id for m in first} & {m.id for m in other}
    rule_ids = {entry["id"] for entry in yaml.safe_load(Settings().event_patterns_path.read_text())["triggers"]}
    for m in first:
        assert m.doc_id == "doc-a"
        assert text[m.sentence.start:m.sentence.end] == m.sentence.text
        assert text[m.trigger.start:m.trigger.end] == m.trigger.text
        assert m.sentence.start <= m.trigger.start < m.trigger.end <= m.sentence.end
        assert m.rule_id.split("+")[0] in rule_ids


def test_events_extract_documents_keeps_input_order(pipeline):
    docs = [document("Militants attacked a U.S. convoy near Baghdad.", doc_id="one"),
            document("Nothing happened here.", doc_id="two"),
            document("Kataib Hezbollah announced the suspension of operations against US forces.", doc_id="three")]
    results = [found.mentions for found in extract_documents(docs, nlp=pipeline, batch_size=2)]
    assert [len(r) > 0 for r in results] == [True, False, True]
    assert {m.doc_id for m in results[2]} == {"three"}


def test_events_unresolved_place_gives_a_rejection_and_keeps_the_text(pipeline):
    found = extract_document(document("Gunmen attacked a checkpoint in Zzyzxville, Iraq."), nlp=pipeline)
    results = [*found.mentions, *found.rejections]
    mention = next(m for m in results if isinstance(m, Mention))
    rejection = next(r for r in results if isinstance(r, Rejection))
    assert rejection.reason is RejectionReason.UNRESOLVED_PLACE and rejection.doc_id == "test-doc"
    assert mention.place is not None and mention.place.lat is None and "Zzyzxville" in mention.place.text


def test_events_bad_pattern_file_names_the_file_and_the_rule(tmp_path):
    bad = tmp_path / "events.yaml"
    data = yaml.safe_load(Settings().event_patterns_path.read_text())
    data["triggers"].append({"id": "assault.verb.typo", "pos": "verb", "type": "ASSALT", "lemmas": ["zap"]})
    bad.write_text(yaml.safe_dump(data))
    with pytest.raises(ConfigError, match=r"events\.yaml.*assault\.verb\.typo"):
        load_lexicon(bad)


def test_events_extract_needs_the_lull_events_component(nlp):
    with pytest.raises(ConfigError, match="lull_events"):
        extract_document(document("Militants attacked a convoy."), nlp=nlp)


# --- second pass: coreference, dates from the sentence, background, negation scope ---------------

COREF = [  # (text, trigger, actor id, recipient id); sentences from samples 000/001/004 and corpus-dev style
    ("The Islamic Resistance in Iraq issued a statement on Sunday. They said they suspended their attacks on "
     "U.S. bases.", "suspended", "islamic_resistance_in_iraq", "us_forces"),
    ("Iraqi resistance groups met Iraqi officials. The behavior of Iraqi resistance groups indicates that "
     "although they have a negative view, the group launched attacks against the Israeli regime.",
     "attacks", "iraqi_factions", "israel"),
    ("Security expert Mohammad Al-Basri acknowledged the existence of an unannounced ceasefire between the "
     "armed factions and the Americans.", "ceasefire", "iraqi_factions", None),
]


@pytest.mark.parametrize("text,trigger,actor,recipient", COREF, ids=[r[1] for r in COREF])
def test_events_pronouns_and_descriptions_resolve_to_the_last_named_actor(pipeline, text, trigger, actor, recipient):
    m = by_trigger(mentions_of(pipeline, text), trigger)
    assert actor in ids(m.actors), m
    if recipient:
        assert recipient in ids(m.recipients), m


def test_events_halt_without_actor_continues_the_previous_halt(pipeline):
    text = ("Later, the Islamic Resistance in Iraq suspended their attacks on U.S. bases. "
            "This temporary ceasefire was implemented just three days after a visit to Baghdad.")
    m = by_trigger(mentions_of(pipeline, text), "ceasefire")
    assert Policy.DISCOURSE in m.policies and ids(m.actors) == {"islamic_resistance_in_iraq"}


def test_events_dates_from_a_leading_delay_and_from_later(pipeline):
    text = ("Days after fighting broke out between the Hamas and Israel in the Gaza Strip on October 7, the Islamic "
            "Resistance in Iraq launched rocket, drone and mortar attacks on military bases housing U.S. forces in "
            "Iraq and Syria. On January 27, Iraq and the U.S. began the first round of dialogue, but later three "
            "U.S. soldiers were killed in an attack on a U.S. base near Jordan's border with Syria.")
    found = mentions_of(pipeline, text, published=date(2024, 2, 23))
    launched = next(m for m in found if m.trigger.text in ("launched", "attacks"))
    assert launched.date == DateSpan(date(2023, 10, 1), date(2023, 10, 31), "month")  # not October 7 itself
    later = by_trigger(found, "attack")
    assert later.date is not None and (later.date.start, later.date.precision) == (date(2024, 1, 27), "week")
    assert later.modality == "asserted"  # four weeks before the story is still its news (a quarter is)
    assert launched.modality == "historical"  # October, four months before: background well before the news


@pytest.mark.parametrize("text, published, trigger, modality", [
    # a Lead IG report's quarter is its news; a year-old strike is background
    ("In January, ISIS attacked a prison in Hasakah.", date(2022, 4, 30), "attacked", "asserted"),
    ("In March 2021, militants attacked a convoy near Baghdad.", date(2022, 4, 30), "attacked", "historical"),
    # without a publication date no distance test applies: a Wikipedia narrative is in the outlet's voice
    ("On 6 January 2021, another attack was launched by the militia on a convoy.", None, "attack", "asserted"),
    # a government telling its own strike asserts it; an armed group telling its own attack claims it
    ("U.S. forces struck a militia depot in Syria, the Pentagon said.", date(2021, 2, 26), "struck", "asserted"),
    ("U.S. forces struck a militia depot in Syria, U.S. Central Command said in a statement.", date(2021, 2, 26),
     "struck", "asserted"),
    ("Kata'ib Hezbollah attacked the U.S. base, the group said in a statement.", date(2021, 2, 26),
     "attacked", "claimed"),
    # a conjunct is not the content of its sibling: "threats and attacks" are both real
    ("The strikes answered ongoing threats and attacks directed at U.S. bases by the militias.", None,
     "attacks", "asserted"),
])
def test_events_modality_of_background_official_and_conjoined_events(pipeline, text, published, trigger, modality):
    assert by_trigger(mentions_of(pipeline, text, published), trigger).modality == modality


def test_events_negation_does_not_reach_a_but_rather_alternative(pipeline):
    text = "The new Middle East did not begin with Assad's fall but rather with Soleimani's assassination."
    m = by_trigger(mentions_of(pipeline, text, published=date(2024, 12, 10)), "assassination")
    assert m.modality == "historical"
    negated = by_trigger(mentions_of(pipeline, "There has not been any strike against US forces since then."),
                         "strike")
    assert negated.modality == "negated"


def test_events_a_state_attacks_through_its_forces(pipeline):
    m = by_trigger(mentions_of(pipeline, "Faction leaders fear being targeted by the US."), "targeted")
    assert ids(m.actors) == {"us_forces"}


# Places: only a name attached to the event as its location counts (extract/location.py).
PLACES = [
    # a locative phrase on the trigger, "the city of X" resolved to X (corpus-dev, CRS report)
    ("On February 15, 2021, ten days before the airstrike, a rocket attack in the Iraqi city of Erbil killed an "
     "Operation Inherent Resolve coalition civilian contractor from the Philippines and injured six others, "
     "including one U.S. service member.", "attack", "Erbil"),
    # a site's own location ("located in ... province") does not displace the site (sample 000)
    ("Since February 2, when the Islamic Resistance in Iraq targeted American positions at the Al-Harir Air base "
     "located in Iraq’s Erbil province in a drone attack, there has not been any strike against US terrorist forces "
     "in Iraq.", "targeted", "Harir Air Base"),
    # Gaza is what is supported, not where (sample 001)
    ("Despite the halt in attacks, the Coordinating Committee of Iraqi Factions (including groups like Harakat "
     "al-Nujaba, Kata’ib Sayyid al-Shuhada, and Awliyaa al-Dam) reaffirmed their commitment to supporting Gaza.",
     "reaffirmed", None),
    # "the Middle East" spans several countries: no place (sample 001)
    ("“The new Middle East did not begin with Assad’s fall but rather with Soleimani’s assassination.",
     "assassination", None),
    # Baghdad is the agent of "desired", not the ceasefire's location (sample 002)
    ("Al-Basri pointed out that \"the armed factions announced prior to the assassination of Al-Saudi the cessation "
     "of their operations against US bases as a gesture of goodwill to give the Sudani government the opportunity "
     "to proceed with the expulsion of foreign forces, and the situation currently seems to be heading towards a "
     "ceasefire to allow more time for the expulsion of those forces according to the mechanisms desired by "
     "Baghdad.", "ceasefire", None),
]


@pytest.mark.parametrize("sentence,trigger,place", PLACES, ids=[f"{r[1]}-{r[2]}" for r in PLACES])
def test_events_place_is_the_name_attached_to_the_event(pipeline, sentence, trigger, place):
    m = by_trigger(mentions_of(pipeline, sentence), trigger)
    assert (m.place.name if m.place is not None else None) == place


def test_events_this_meeting_takes_the_place_of_the_meeting_before(pipeline):
    text = ("It is said that during a recent meeting with resistance commanders in Baghdad, Brigadiar General Qaani, "
            "while respecting the independent decision of the Iraqi resistance groups regarding halting or "
            "continuing attacks on US positions, presented clear and logical reasons for creating unity among Iraqi "
            "resistance groups and temporarily halting attacks against Americans, which was well received by the "
            "Iraqi resistance due to logical arguments and recommendations. "
            "The outcome of this meeting has led to the current calm situation.")
    found = [m for m in mentions_of(pipeline, text) if m.trigger.text == "meeting"]
    assert len(found) == 2
    assert found[1].place is not None and found[1].place.name == "Baghdad"
    assert Policy.DISCOURSE in found[1].policies and Policy.DISCOURSE not in found[0].policies


COORDINATED = [
    # sample 002: two events the factions fear, and two they suffered
    ("Concern is escalating in Iraq in general, and particularly among the factions, which fear further "
     "assassination operations or strikes that the United States may undertake, as their drones patrol the skies "
     "of Baghdad almost daily.", "operations", "strikes"),
    ("These factions are attempting to step out of the spotlight and the sphere of the resistance axis and the Gaza "
     "war following the losses they have suffered from violent US strikes and the assassinations of prominent "
     "leaders in the Popular Mobilization Forces.", "strikes", "assassinations"),
]


@pytest.mark.parametrize("sentence,first,second", COORDINATED, ids=[r[2] for r in COORDINATED])
def test_events_coordinated_event_nouns_are_two_mentions(pipeline, sentence, first, second):
    triggers = [m.trigger.text for m in mentions_of(pipeline, sentence)]
    assert first in triggers and second in triggers, triggers


# The act an accusation, a claim or a denial is about is its own ASSAULT mention, with the accused
# (claimant, denier) as its actor, placed and dated (Tower 22: data/places.tsv; Jordan, 28 January 2024).
CONTENT = [
    ("The United States accused Kata'ib Hezbollah of carrying out the drone attack on Tower 22 in Jordan on "
     "January 28, 2024.", "reported", "kataib_hezbollah", True),
    ("Washington blamed Kata'ib Hezbollah for the drone attack on Tower 22 on January 28, 2024.",
     "reported", "kataib_hezbollah", True),
    ("Kata'ib Hezbollah denied accusations of carrying out the drone attack on Tower 22 on January 28, 2024.",
     "denied", "kataib_hezbollah", True),
    # no allegation to split: the attack is the clause's own event
    ("The Islamic Resistance in Iraq claimed responsibility for a drone attack on Tower 22 in Jordan on "
     "January 28, 2024.", "claimed", "islamic_resistance_in_iraq", False),
    ("Kata'ib Hezbollah denied that it carried out the drone attack on Tower 22 on January 28, 2024.",
     "denied", "kataib_hezbollah", False),
]


@pytest.mark.parametrize("sentence,modality,actor,content", CONTENT, ids=[r[1] + ":" + r[0][:12] for r in CONTENT])
def test_events_accused_claimed_or_denied_act_is_its_own_mention(pipeline, sentence, modality, actor, content):
    found = mentions_of(pipeline, sentence, date(2024, 1, 30))
    attack = by_trigger(found, "attack")
    assert (attack.type, attack.mode, attack.modality) == ("ASSAULT", "drone", modality)
    assert ids(attack.actors) == {actor}
    assert attack.place is not None and attack.place.name == "Tower 22"
    assert attack.date == DateSpan.day(date(2024, 1, 28))
    assert (Policy.CONTENT in attack.policies) == content
    accusations = [m for m in found if m.type == "ACCUSE"]
    assert all(m.trigger.text != "attack" for m in accusations)


def test_events_condemned_attack_is_its_own_event_when_it_names_its_target(pipeline):
    """A condemned attack with a target of its own is a second event (gold manual: two kinds of event in one
    clause); the condemnation keeps its own mention, and a bare "the attack" stays what is disapproved."""
    found = mentions_of(pipeline, "The minister condemned the rocket attack on the consulate in Erbil.")
    assert sorted(str(m.type) for m in found) == ["ACCUSE", "ASSAULT"]
    bare = mentions_of(pipeline, "The minister condemned the attack.")
    assert [(m.type, m.mode) for m in bare] == [("ACCUSE", "disapprove")]


# --- who travelled, who met: fronted adverbials and role descriptions --------------------------------

TRAVELED = ("Considering the serious pursuit of the plan to expel American military personnel from Iraq by Iraqi "
            "Prime Minister Mohammed Shia’ al-Sudani, it seems that after the request for mediation by the Iraqi "
            "prime minister, the commander of the IRGC’s Quds Force traveled to the Arab country to prevent from "
            "further escalating the recent tensions.")


# (publication date, expected actor of "traveled"): the role description names whoever held the role then
ROLE_HOLDERS = [
    (date(2024, 2, 20), "esmail_qaani"),
    (date(2019, 6, 1), "qasem_soleimani"),
    (None, "quds_force"),  # no date: nobody can be named, the organisation stands
]


@pytest.mark.parametrize("published,actor", ROLE_HOLDERS, ids=[str(row[0]) for row in ROLE_HOLDERS])
def test_events_subject_after_fronted_adverbial_wins_over_its_by_agent(pipeline, published, actor):
    m = by_trigger(mentions_of(pipeline, TRAVELED, published=published), "traveled")
    assert (m.type, m.mode) == ("CONSULT", "visit")
    assert ids(m.actors) == {actor}  # never the prime minister of "the request for mediation by ..."
    assert m.place is None  # "the Arab country": a country at most, not a place


# (sentence, trigger, expected actor id or None)
SETTINGS = [
    ("It is said that during a recent meeting with resistance commanders in Baghdad, Brigadiar General Qaani, while "
     "respecting the independent decision of the Iraqi resistance groups, presented clear and logical reasons for "
     "creating unity among Iraqi resistance groups.",
     "meeting", "esmail_qaani"),
    ("During the attack on the base, Kataib Hezbollah fighters fled to the desert.",
     "attack", None),  # being there is taking part only for meetings and talks
]


@pytest.mark.parametrize("sentence,trigger,actor", SETTINGS, ids=[row[1] for row in SETTINGS])
def test_events_meeting_that_sets_a_clause_takes_its_subject_as_party(pipeline, sentence, trigger, actor):
    m = by_trigger(mentions_of(pipeline, sentence, published=date(2024, 2, 20)), trigger)
    assert ids(m.actors) == ({actor} if actor else set())


def test_events_policies_are_set_where_they_fire_not_read_from_rule_ids(pipeline):
    text = "Kata'ib Hezbollah fighters gathered near the border. They attacked a U.S. base in Syria on January 5, 2024."
    m = by_trigger(mentions_of(pipeline, text, date(2024, 1, 10)), "attacked")
    assert m.policies == {Policy.COREF} and ids(m.actors) == {"kataib_hezbollah"}  # "They": a resolved pronoun
    text = "The Islamic Resistance in Iraq launched a drone strike on Tower 22. The group later claimed the attack."
    found = mentions_of(pipeline, text, date(2024, 1, 10))
    assert by_trigger(found, "strike").policies == frozenset()
    assert by_trigger(found, "attack").policies == {Policy.COREF, Policy.ANAPHOR}
