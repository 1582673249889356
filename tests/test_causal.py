"""The cause-effect relation detector and the explanations it yields, on sentences written for the tests,
and the gold-dev explanations floor (F1 on document + category, as the coding manual scores it)."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from conftest import CORPUS_DEV, SHARED
from lull.extract.claims.causal import find_relations, load_causal
from lull.records import DateSpan
from lull.settings import Settings

GOLD_DEV = SHARED / "gold-dev" / "explanations.jsonl"


@pytest.fixture(scope="module")
def cues():
    return load_causal(Settings().causal_path)


@pytest.fixture(scope="module")
def pipeline():
    from lull.knowledge import Knowledge
    from lull.nlp.pipeline import build_pipeline

    return build_pipeline(Settings(), knowledge=Knowledge.load(Settings()))


def explain(nlp, text: str, published=None):
    doc = nlp.make_doc(text)
    doc._.lull_doc_id, doc._.lull_published = "test-doc", published
    return nlp(doc)._.lull_explanations


def relations(nlp, cues, text):
    doc = nlp(text)
    out = []
    for sent in doc.sents:
        for r in find_relations(sent, cues):
            cause = doc[r.cause[0]:r.cause[1]].text if r.cause else None
            out.append((r.cue.id, doc[r.signal[0]:r.signal[1]].text, cause, doc[r.effect[0]:r.effect[1]].text))
    return out


@pytest.mark.parametrize("text, cue, signal, cause, effect", [
    ("The army shelled the village in retaliation for an ambush that killed four soldiers.",
     "cue.response", "in retaliation for", "an ambush that killed four soldiers", "The army shelled the village"),
    ("The raids were carried out in response to rocket fire on the base.",
     "cue.response", "in response to", "rocket fire on the base", "The raids were carried out"),
    ("The militia halted its attacks after the prime minister visited Tehran.",
     "cue.timing", "after", "the prime minister visited Tehran", "The militia halted its attacks"),
    ("The assassination of the commander led to a wave of attacks on the bases.",
     "cue.lead_to", "led to", "The assassination of the commander", "a wave of attacks on the bases"),
    ("Government troops responded to the ambush by firing artillery at the hills.",
     "cue.reply", "responded", "the ambush", None),
    ("Attacks have surged since the war began in October.",
     "cue.period", "since", "the war began in October", "Attacks have surged"),
    ("Because of heavy losses, the rebels were forced to retreat.",
     "cue.because", "Because of", "heavy losses", "the rebels were forced to retreat"),
    ("The ceasefire has nothing to do with foreign pressure, the spokesman said.",
     "cue.denied", "has nothing to do with", "foreign pressure", "The ceasefire"),
    ("The bombing sends a clear message that such attacks will not be tolerated.",
     "cue.message", "sends", "a clear message that such attacks will not be tolerated", "The bombing"),
    ("Airstrikes were launched to degrade the group's capabilities.",
     "cue.purpose", "to", "degrade the group's capabilities", "Airstrikes were launched"),
    ("The drones were sent in order to disrupt supply lines.",
     "cue.purpose", "in order to", "disrupt supply lines", "The drones were sent"),
])
def test_causal_relations_cues_find_cause_and_effect(nlp, cues, text, cue, signal, cause, effect):
    found = relations(nlp, cues, text)
    match = [f for f in found if f[0] == cue and f[1] == signal]
    assert match, found
    assert match[0][2] == cause
    if effect is not None:
        assert match[0][3] == effect


@pytest.mark.parametrize("text", [
    "He wanted to go home after the meeting ended.",  # "after" a bare time, "to" a complement
    "The rebels began to withdraw.",
    "As you know, the talks continue.",
])
def test_causal_relations_not_every_to_or_as_is_a_cause(nlp, cues, text):
    assert [f for f in relations(nlp, cues, text) if f[0] in ("cue.purpose", "cue.because")] == []


def test_causal_coordinated_causes_are_parts(nlp, cues):
    doc = nlp("In response to these attacks and the threat of future attacks, the army conducted strikes.")
    rel = next(r for s in doc.sents for r in find_relations(s, cues) if r.cue.id == "cue.response")
    assert [doc[a:b].text for a, b in rel.parts] == ["these attacks", "the threat of future attacks"]


@pytest.mark.parametrize("text, category, direction", [
    # a state's strikes in response to attacks: an escalation, category other (scheme convention)
    ("U.S. forces conducted airstrikes in eastern Syria in response to rocket attacks on a coalition base.",
     "other", "escalation"),
    # the groups' attacks in answer to strikes: retaliation_strikes
    ("Kataib Hezbollah fired rockets at the base in retaliation for U.S. airstrikes on its headquarters.",
     "retaliation_strikes", "escalation"),
    # a wider war as the cause of an escalation: regional_shift
    ("Attacks by Iraqi militias on U.S. troops have surged since the Israel-Hamas war began.",
     "regional_shift", "escalation"),
    # a halt named as such, with a patron's order as the cause
    ("The militias suspended their attacks on U.S. forces after instructions from the Quds Force.",
     "patron_instruction", "halt"),
])
def test_causal_explanations_categories_follow_the_scheme(pipeline, text, category, direction):
    found = explain(pipeline, text)
    assert any(e.category == category and e.phenomenon.direction == direction for e in found), \
        [(e.category, e.phenomenon.direction, e.cause.text) for e in found]


@pytest.mark.xfail(strict=True, reason="known gap (claims-0.3.0): a reduction aim is only found when the strike it "
                                      "serves has a linked ASSAULT mention with the purpose clause parsed under it")
def test_causal_explanations_aims_of_strikes_are_declines(pipeline):
    text = ("U.S. forces struck three facilities of Kataib Hezbollah in Iraq. "
            "The raids were carried out to degrade the group's capabilities and deter future attacks.")
    found = explain(pipeline, text)
    kinds = {(e.category, e.phenomenon.direction) for e in found}
    assert ("deterrence_threat", "decline") in kinds, kinds
    assert any(d == "decline" and c in ("retaliation_strikes", "capability_loss") for c, d in kinds), kinds


def test_causal_explanations_denied_cause_has_stance_rejects(pipeline):
    text = "The suspension of attacks on U.S. forces has nothing to do with American pressure, Kaabi said."
    found = [e for e in explain(pipeline, text) if "pressure" in e.cause.text]
    assert found and all(e.stance == "rejects" for e in found)


def test_causal_explanations_period_and_link_come_from_the_strike(pipeline):
    published = DateSpan(dt.date(2024, 2, 3), dt.date(2024, 2, 3), "day", "user")
    text = ("On February 2, U.S. forces launched airstrikes on militia targets in Iraq in response to the drone "
            "attack that killed three soldiers.")
    found = [e for e in explain(pipeline, text, published) if e.phenomenon.direction == "escalation"]
    assert found
    e = found[0]
    assert e.mention_ids, "the explanation links the strike it explains"
    assert e.phenomenon.period is not None and e.phenomenon.period.start == dt.date(2024, 2, 2)


# Halts and pauses as Iraqi, Arab and Western outlets report them (written for the tests, not from gold-dev).
@pytest.mark.parametrize("text, category, direction, stance", [
    ("Kataib Hezbollah suspended its attacks on U.S. forces after the assassination of its commanders in Baghdad.",
     "leadership_losses", "halt", "asserts"),
    ("The Iraqi factions halted their operations against the American occupation under pressure from the "
     "Iraqi government.", "external_pressure", "halt", "asserts"),
    ("The armed factions stopped targeting US bases on instructions from Tehran.",
     "patron_instruction", "halt", "asserts"),
    ("The calm came after the Quds Force commander visited Baghdad and met faction leaders.",
     "patron_instruction", "pause", "asserts"),
    ("The spokesman said the halt in attacks has nothing to do with American pressure.",
     "external_pressure", "halt", "rejects"),
    ("Attacks on US bases in Iraq stopped following the American airstrikes on Jurf al-Sakhar.",
     "retaliation_strikes", "halt", "asserts"),
    ("The militias halted their attacks because of the threat of American retaliation.",
     "deterrence_threat", "halt", "asserts"),
    ("The factions were prepared to disarm to avert a war with the United States.",
     "deterrence_threat", "halt", "asserts"),
    ("The Islamic Resistance in Iraq announced a pause in its operations to avoid a confrontation with Washington.",
     "deterrence_threat", "pause", "asserts"),
])
def test_causal_explanations_halts_in_general_phrasing(pipeline, text, category, direction, stance):
    found = explain(pipeline, text)
    assert any((e.category, e.phenomenon.direction, e.stance) == (category, direction, stance) for e in found), \
        [(e.category, e.phenomenon.direction, e.stance, e.cause.text) for e in found]


def test_causal_explanations_period_starts_with_since(pipeline):
    published = DateSpan(dt.date(2024, 3, 1), dt.date(2024, 3, 1), "day", "user")
    text = "Attacks by Iraqi militias on U.S. troops have surged since the Israel-Hamas war erupted in October 2023."
    e = next(e for e in explain(pipeline, text, published) if e.phenomenon.direction == "escalation")
    assert e.category == "regional_shift" and e.phenomenon.period.start == dt.date(2023, 10, 1)


def test_causal_explanations_a_tally_since_a_date_is_no_explanation(pipeline):
    text = "Since the onset of the war in October, militia groups have carried out more than 170 attacks on US bases."
    assert explain(pipeline, text) == []


def test_causal_explanations_this_led_to_takes_each_clause_before(pipeline):
    text = ("During the war, Kataib Hezbollah supported Hamas and the United States supported Israel. "
            "This led to Kataib Hezbollah attacking U.S. forces in Iraq.")
    found = [e for e in explain(pipeline, text) if e.rule_id.startswith("cue.lead_to")]
    assert [e.cause.text for e in found] == ["Kataib Hezbollah supported Hamas", "the United States supported Israel"]
    assert {e.category for e in found} == {"regional_shift"}


@pytest.mark.parametrize("text, rows", [
    # each cause opens with its own determiner: two rows
    ("U.S. forces struck militia depots in Syria in response to these attacks and the threat of future attacks.", 2),
    # one cause with shared modifiers: one row
    ("U.S. forces struck militia depots in Syria in response to ongoing threats and attacks directed at U.S. bases.",
     1),
])
def test_causal_explanations_coordinated_causes_split_only_with_their_own_determiner(pipeline, text, rows):
    found = [e for e in explain(pipeline, text) if e.rule_id == "cue.response"]
    assert len(found) == rows, [e.cause.text for e in found]


@pytest.mark.parametrize("text, found", [
    ("The United States military sent a clear message to Iranian-backed groups that their attacks must stop.", True),
    ("At a press briefing, the president sent a clear message to reporters.", False),
])
def test_causal_explanations_a_message_is_a_strikes_only_from_a_force(pipeline, text, found):
    assert any(e.rule_id == "cue.message" for e in explain(pipeline, text)) is found


def test_causal_explanations_idle_aims_and_standing_missions_are_none(pipeline):
    text = ("This is the report on Operation Inherent Resolve, the overseas contingency operation to advise and "
            "assist local partner forces. The strikes were conducted in a manner intended to limit the risk of "
            "escalation.")
    assert [e for e in explain(pipeline, text) if e.rule_id.startswith("cue.purpose")] == []


def test_causal_explanations_paragraph_closed_by_said_is_the_speakers(pipeline):
    text = ("The strikes were ordered in response to rocket attacks on U.S. forces in Iraq. The operation sends an "
            "unambiguous message to the militias. At the same time, we have acted in a deliberate manner, "
            "John Kirby said.")
    found = explain(pipeline, text)
    assert found and all(e.proponent is not None and e.proponent.id == "john_kirby" for e in found), \
        [(e.cause.text, e.proponent) for e in found]


def test_causal_a_repeated_preposition_is_a_second_cause(nlp, cues):
    doc = nlp("The raids were ordered in response to recent rocket fire on the airport, and to continuing threats "
              "against the embassy.")
    rel = next(r for s in doc.sents for r in find_relations(s, cues) if r.cue.id == "cue.response")
    assert [doc[a:b].text for a, b in rel.parts] == ["recent rocket fire on the airport",
                                                     "continuing threats against the embassy"]


def test_causal_a_timing_phrase_after_a_cause_describes_it(nlp, cues):
    found = relations(nlp, cues, "The shelling comes amid rising tensions in the region following the killing of "
                                 "a senior commander.")
    assert [(f[0], f[1]) for f in found] == [("cue.timing", "amid")], found


@pytest.mark.parametrize("text", [
    # a defence is no escalation
    "Air defenses intercepted several drones after the militia launched an attack on the base.",
    # a purpose served by no strike
    "The brigade's soldiers continue to stand guard to prevent further escalation.",
    # interceptors launched to defend a place: nobody is said to strike anyone
    "More than ten Patriot missiles were launched to defend the airfield.",
])
def test_causal_explanations_defences_explain_no_escalation(pipeline, text):
    assert explain(pipeline, text) == [], [(e.rule_id, e.cause.text) for e in explain(pipeline, text)]


def test_causal_explanations_examples_in_parentheses_are_not_the_cause(pipeline):
    text = "Officials may weigh ways of deterring and responding to such attacks (such as diplomacy or sanctions)."
    found = [e for e in explain(pipeline, text) if e.rule_id == "cue.reply"]
    assert [(e.cause.text, e.category) for e in found] == [("such attacks", "other")]


def test_causal_explanations_the_responders_escalate(pipeline):
    text = ("U.S. forces responded to the rocket attack (and later drone attacks by Iran-backed militias) with "
            "airstrikes on militia depots.")
    e = next(e for e in explain(pipeline, text) if e.rule_id == "cue.reply")
    assert e.phenomenon.actor is not None and e.phenomenon.actor.id == "us_forces"


def test_causal_explanations_this_led_to_passes_over_a_reference_mark(pipeline):
    text = ("The crisis spread across the region.[2] During the war, Kataib Hezbollah supported Hamas and the "
            "United States supported Israel. This led to Kataib Hezbollah attacking U.S. forces in Iraq.")
    found = [e for e in explain(pipeline, text) if e.rule_id.startswith("cue.lead_to")]
    assert [e.cause.text for e in found] == ["Kataib Hezbollah supported Hamas", "the United States supported Israel"]


@pytest.mark.parametrize("text, cause, category, actor", [
    # the side attacked is the subject; the attackers are not named
    ("Hours later, U.S. troops in Syria came under fire, following the U.S. strikes on the border.",
     "the U.S. strikes on the border", "retaliation_strikes", None),
    # a reply with no object answers the sentence before
    ("Militants fired rockets at the coalition base near the river. U.S. forces responded by firing artillery "
     "at militia positions.", "Militants fired rockets at the coalition base near the river", "other", "us_forces"),
    # the infinitive says what the strikes are for; the strikes are the effect
    ("The Pentagon ordered new airstrikes to hold the militias accountable for their attacks on U.S. troops.",
     "their attacks on U.S. troops", "other", "us_forces"),
])
def test_causal_explanations_replies_in_other_words(pipeline, text, cause, category, actor):
    found = explain(pipeline, text)
    e = next((e for e in found if e.cause.text == cause), None)
    assert e is not None, [(e.rule_id, e.cause.text) for e in found]
    assert (e.category, e.phenomenon.direction) == (category, "escalation")
    assert (e.phenomenon.actor.id if e.phenomenon.actor else None) == actor


def test_causal_explanations_period_is_the_strikes_day_not_a_law_year(pipeline):
    published = DateSpan(dt.date(2023, 3, 14), dt.date(2023, 3, 14), "day", "user")
    text = ("On March 12, 2023, U.S. forces conducted strikes against militia facilities in Iraq. I directed the "
            "strikes in order to protect and defend our personnel pursuant to the 2001 Authorization for Use of "
            "Military Force.")
    found = [e for e in explain(pipeline, text, published) if e.rule_id.startswith("cue.purpose")]
    assert found and all(e.phenomenon.period is not None and e.phenomenon.period.start == dt.date(2023, 3, 12)
                         for e in found), [(e.cause.text, e.phenomenon.period) for e in found]


@pytest.mark.parametrize("text, cause, actor", [
    ("The United States will act at a time of our choosing should these attacks continue.", "these attacks continue",
     "united_states"),
    ("If the rocket fire continues, Israel will strike back.", "the rocket fire continues", "israel"),
    ("If the talks continue, the ministers will meet again.", None, None),  # no violence to answer
])
def test_causal_explanations_threats_conditional_on_attacks(pipeline, text, cause, actor):
    found = [e for e in explain(pipeline, text) if e.rule_id == "cue.condition"]
    assert [(e.cause.text, e.phenomenon.direction, e.phenomenon.actor.id) for e in found] == (
        [(cause, "escalation", actor)] if cause else [])


def test_causal_explanations_paragraph_closed_by_said_before_another_paragraph(pipeline):
    text = ("The operation sends an unambiguous message to the militias. At the same time, we have acted in a "
            "deliberate manner, John Kirby said.\n\nReporters asked about the next steps.")
    found = [e for e in explain(pipeline, text) if e.rule_id == "cue.message"]
    assert found and all(e.proponent is not None and e.proponent.id == "john_kirby" for e in found), \
        [(e.cause.text, e.proponent) for e in found]


def test_causal_explanations_the_next_paragraphs_speaker_is_not_the_proponent(pipeline):
    text = ("U.S. forces struck militia depots in Syria in response to rocket attacks on a coalition base.\n\n"
            "The strikes were proportionate, John Kirby said.")
    found = [e for e in explain(pipeline, text) if e.rule_id == "cue.response"]
    assert found and all(e.proponent is None for e in found), [(e.cause.text, e.proponent) for e in found]


def test_causal_explanations_an_announced_halt_is_dated_by_its_sentence(pipeline):
    published = DateSpan(dt.date(2025, 5, 2), dt.date(2025, 5, 2), "day", "user")
    text = "In April 2025, the Islamic Resistance in Iraq said that it was prepared to disarm to avert a war."
    e = next(e for e in explain(pipeline, text, published) if e.phenomenon.direction == "halt")
    assert e.phenomenon.period is not None and e.phenomenon.period.start == dt.date(2025, 4, 1)


# --- gold-dev floor ------------------------------------------------------------------------------------

# measured on the 55 gold-dev explanations of 46 texts: claims-0.3.0 F1 .515 (P .595 R .455); claims-0.5.0
# F1 .739 (P .919 R .618; with proponent and direction .674, benchmarks/diagnose_gold_dev.py); session 3
# (repeated causes, conditions, defences, periods from the explained strike, sentence starts) F1 .857
FLOOR_F1 = 0.83


def test_causal_gold_dev_explanations_floor(pipeline):
    if not (GOLD_DEV.is_file() and CORPUS_DEV.is_dir()):
        pytest.skip(f"{GOLD_DEV} or {CORPUS_DEV} is absent; set LULL_SHARED to the folder holding gold-dev/")
    gold = [json.loads(line) for line in GOLD_DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    index = {json.loads(l)["id"]: json.loads(l) for l in (CORPUS_DEV / "index.jsonl").read_text().splitlines() if l}
    system = []
    for doc_id, meta in sorted(index.items()):
        published = meta.get("published")
        span = DateSpan(dt.date.fromisoformat(published), dt.date.fromisoformat(published), "day", "user") \
            if published else None
        text = (CORPUS_DEV / f"{doc_id}.txt").read_text(encoding="utf-8")
        system += [(doc_id, e.category) for e in explain(pipeline, text, span)]
    remaining = list(system)
    tp = 0
    for g in gold:
        hit = next((s for s in remaining if s[0] == g["doc"] and s[1] in (g["category"], g["alt_category"])), None)
        if hit is not None:
            remaining.remove(hit)
            tp += 1
    p, r = tp / max(1, len(system)), tp / len(gold)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    assert f1 >= FLOOR_F1, f"gold-dev explanations F1 {f1:.3f} (P {p:.3f} R {r:.3f}) fell below {FLOOR_F1}"
