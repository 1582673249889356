"""Which words are events on unseen text (issue 9: mention detection): labels, capacities, danger-sense
threats and standing states are not; headlines split by the parser, war with its sides, operations carried
out, and attacks with participants of their own inside another kind of event are."""
from __future__ import annotations

import pytest

from test_event_recall import by_trigger, mentions_of, pipeline  # noqa: F401  (the module's pipeline fixture)


def triggers(pipeline, text: str) -> list[tuple[str, str]]:
    return [(m.trigger.text, str(m.type)) for m in mentions_of(pipeline, text)]


NOT_EVENTS = [  # text, trigger word that must code no mention
    ("Backed by:\nTehran\n\nThe militia shelled the base.", "Backed"),
    ("Accused: unnamed militias\n\nThe militia shelled the base.", "Accused"),
    ("= Drone attack on Harir airbase =\n\nThe militia shelled the base.", "attack"),
    ("Part of the 2023 Red Sea crisis and the war in Yemen\n\nThe militia shelled the base.", "war"),
    ("The main terrorist threats in the province are the remnants of the insurgency.", "threats"),
    ("The strikes answered ongoing threats and attacks directed at coalition outposts by the militias.", "threats"),
    ("Despite heavy losses, the group kept its ability to carry out large attacks in the north.", "attacks"),
    ("The raids aim at degrading their capabilities to conduct these kinds of attacks.", "attacks"),
    ("Militia fighters are deployed mainly in the southern provinces.", "deployed"),
    ("Coalition troops remain deployed in the country to train local forces.", "deployed"),
    ("The spokesman told reporters traveling with the minister that the talks went well.", "traveling"),
    ("The mission of the task force is to advise, assist, and enable partner forces.", "advise"),
    ("Some 2,500 U.S. troops are stationed in the country.", "stationed"),
    ("Officials expect the attacks to continue through the summer.", "expect"),
    ("The minister sent a clear message to the militias.", "sent"),
    ("The minister came under criticism for the delay.", "came"),
    ("We are still conducting the assessment of the strike, but analysis indicated explosions after the strike.",
     "strike"),
    ("The ministry pledged to counter sexual assault in the ranks.", "assault"),
    ("The sanctions follow Executive Order 13224, as amended, which targets financiers of terrorism.", "targets"),
    ("Officials fear a wider regional conflict in the coming months.", "conflict"),
    ("The chaplain asked the crowd to pray for the families of those who were killed.", "killed"),
    ("The ministry will keep training recruits to meet the objectives of the reform plan.", "meet"),
    ("The small kingdom hosts thousands of American troops at two air bases.", "hosts"),
    ("The militants are probing the defences to see how the army might respond.", "respond"),
    ("The plan aims at reducing the threats that the border towns may face next winter.", "threats"),
    ("Reporters may attribute the comments to a senior military official.", "attribute"),
    ("Some 200 aid workers may be evacuated from the city this week.", "evacuated"),
]


@pytest.mark.parametrize("text,word", NOT_EVENTS, ids=[r[1] + str(i) for i, r in enumerate(NOT_EVENTS)])
def test_event_triggers_words_that_name_no_event(pipeline, text, word):
    found = triggers(pipeline, text)
    assert all(t != word for t, _ in found), found


EVENTS = [  # text, trigger, type
    ("Navy Conducts Defensive Strike on Houthi Radar Site\n\nOfficials gave no details.", "Strike", "ASSAULT"),
    ("U.S. Conducts Retaliatory Airstrikes in Eastern Syria\n\nOfficials gave no details.", "Airstrikes", "ASSAULT"),
    ("The group is known for its counter-government operations in the western desert.", "operations", "ASSAULT"),
    ("The insurgents continued to conduct operations on a smaller scale in the mountains.", "operations",
     "ASSAULT"),
    ("Arenas of conflict include the war between the army and the rebels in the east.", "war", "ASSAULT"),
    ("During the occupation, the militia fought against coalition forces.", "fought", "ASSAULT"),
    ("Any threat against our troops will not be tolerated, the general said.", "threat", "THREATEN"),
    ("The faction has openly pledged its loyalty to Tehran.", "pledged", "SUPPORT"),
    ("Washington has committed more than $2 billion in security assistance to Kyiv.", "committed", "AID"),
    ("The rebels held the town only with significant Coalition air support.", "support", "AID"),
    ("The minister will travel to the Gulf next week to meet regional leaders.", "travel", "CONSULT"),
    ("Coalition operations in the country will come to an end next year.", "end", "RETREAT"),
    ("The insurgents sought to reestablish footholds in three northern provinces.", "reestablish", "MOBILIZE"),
    ("The Pentagon swept ships and aircraft into the eastern Mediterranean.", "swept", "MOBILIZE"),
    ("Baghdad has expressed its wish for foreign troops to leave by next year.", "wish", "REQUEST"),
    ("We expect Damascus to rein in the armed groups on its territory.", "expect", "REQUEST"),
    ("Several of its factions are considered terrorist groups by some governments.", "considered", "SANCTION"),
    ("The plans provide for the relocation of U.S. forces to the Kurdistan Region.", "relocation", "RETREAT"),
    ("Two of the wounded soldiers sustained serious injuries.", "sustained", "ASSAULT"),
    ("Several militia factions openly defied the government's authority.", "defied", "REJECT"),
    ("The advisers continued to train the border guards in the east.", "train", "AID"),
    ("Since the Soviet invasion of Afghanistan, the valley has been a battlefield.", "invasion", "ASSAULT"),
    ("The army invaded the neighbouring province in March.", "invaded", "ASSAULT"),
    ("The governor narrowly survived an assassination attempt on Tuesday.", "assassination", "ASSAULT"),
    ("Analysts expect the India-Pakistan conflict to flare again.", "conflict", "ASSAULT"),
    ("The emir hosted the visiting president in Doha on Sunday.", "hosted", "CONSULT"),
    ("Support for armed nonstate groups has long been central to Tehran's regional strategy.", "Support", "AID"),
    ("The brigade was formed in 2013 to support the regime in Syria against rebel groups.", "support", "AID"),
    ("Our commitment to supporting Georgia against Russian aggression is unshakable.", "supporting", "SUPPORT"),
    ("A wave of violence by armed gangs has displaced thousands of villagers.", "violence", "ASSAULT"),
]


def test_event_triggers_coming_under_fire_is_an_attack_on_the_subject(pipeline):
    text = "Hours later, French troops in Mali came under fire, following the French strikes on the town."
    found = mentions_of(pipeline, text)
    came = next(m for m in found if m.trigger.text == "came")
    assert came.type == "ASSAULT" and not came.actors and came.recipients
    assert any(m.trigger.text == "strikes" for m in found)  # the strikes it follows are their own event


@pytest.mark.parametrize("text,word,kind", EVENTS, ids=[r[1] + str(i) for i, r in enumerate(EVENTS)])
def test_event_triggers_words_that_name_an_event(pipeline, text, word, kind):
    found = triggers(pipeline, text)
    assert (word, kind) in found, found


def test_event_triggers_an_attack_with_its_own_target_inside_a_condemnation_is_its_own_event(pipeline):
    found = triggers(pipeline, "The minister condemned the rocket attack on the embassy in the capital.")
    assert ("condemned", "ACCUSE") in found and ("attack", "ASSAULT") in found, found


def test_event_triggers_a_bare_attack_inside_a_condemnation_is_not(pipeline):
    found = triggers(pipeline, "The minister condemned the recent attacks.")
    assert found == [("condemned", "ACCUSE")], found


def test_event_triggers_an_attack_a_halt_holds_stays_inside_the_halt(pipeline):
    found = triggers(pipeline, "The militias suspended their attacks on U.S. bases in Syria.")
    assert [k for _, k in found] == ["RETREAT"], found


def test_event_triggers_an_example_of_a_series_is_its_own_attack(pipeline):
    text = "These attacks, including the rocket attack on the Harir base by the militia, wounded two soldiers."
    found = triggers(pipeline, text)
    assert [k for _, k in found].count("ASSAULT") == 2, found


def test_event_triggers_a_restrictive_relative_toll_is_the_same_attack(pipeline):
    text = "The faction took part in the January drone attack that killed three soldiers."
    assert [k for _, k in triggers(pipeline, text)] == ["ASSAULT"]


def test_event_triggers_a_message_and_its_content_are_one_threat(pipeline):
    found = triggers(pipeline, "The raid sends a clear message: Washington will act to protect its troops.")
    assert [t for t, k in found if k == "THREATEN"] == ["message"], found


def test_event_triggers_a_promise_of_attacks_is_a_threat_and_holds_the_attack(pipeline):
    found = triggers(pipeline, "Where we promise we will carry out more operations against the occupiers.")
    assert found == [("promise", "THREATEN")], found
    kept = triggers(pipeline, "They pledged to halt attacks on the coalition.")
    assert ("pledged", "THREATEN") not in kept, kept


def test_event_triggers_a_reference_point_leaves_the_clause_to_the_event_told(pipeline):
    text = "Since the Soviet invasion, the country has been torn by a civil war between the army and the rebels."
    found = triggers(pipeline, text)
    assert ("invasion", "ASSAULT") in found and ("war", "ASSAULT") in found, found


def test_event_triggers_the_violence_an_allegation_is_about_is_a_reported_attack(pipeline):
    found = {m.trigger.text: m for m in mentions_of(pipeline, "Several of the brigades were accused of sectarian violence.")}
    assert found["accused"].type == "ACCUSE", found
    assert found["violence"].type == "ASSAULT" and found["violence"].modality == "reported", found


def test_event_triggers_backed_and_supported_is_one_backing(pipeline):
    found = triggers(pipeline, "The militia is backed and supported by Tehran.")
    assert [k for _, k in found] == ["AID"], found


def test_event_triggers_another_partys_act_a_reaction_names_is_its_own_event(pipeline):
    found = triggers(pipeline, "The ambassador welcomed Prime Minister Karimi's condemnation of the bombing.")
    assert ("welcomed", "SUPPORT") in found and ("condemnation", "ACCUSE") in found, found
    assert triggers(pipeline, "The ambassador welcomed the condemnation.") == [("welcomed", "SUPPORT")]
    found = triggers(pipeline, "Russia has objected to a visit to Georgia by a U.S. Senate delegation.")
    assert ("visit", "CONSULT") in found, found


BARE = "Rebels shelled an army post near Kandahar on Monday. "  # tells the attack the anaphors below point at


@pytest.mark.parametrize("text", [
    "The raids were intended to deter further shelling of the garrison.",
    "The raids were carried out to degrade the rebels' capabilities.",
    "The general ordered the raids in order to protect the convoy.",
    "Only hours before the raid occurred, the rebels had withdrawn from the valley.",
    "This raid was part of a wider campaign against the insurgency.",
    "The army will respond forcefully if these raids continue.",
    "The army will act at a time of its choosing should these raids continue.",
])
def test_event_triggers_an_anaphor_told_only_for_its_purpose_as_a_time_or_a_kind_is_bare(pipeline, text):
    found = triggers(pipeline, BARE + text)
    assert all(not t.lower().startswith("raid") for t, _ in found), found


def test_event_triggers_an_anaphor_with_a_reason_or_its_own_details_stays(pipeline):
    found = triggers(pipeline, BARE + "These raids were authorized in response to the shelling of the post.")
    assert ("raids", "ASSAULT") in found, found
    found = triggers(pipeline, BARE + "The raids killed four rebels and were intended to deter further shelling.")
    assert ("raids", "ASSAULT") in found, found


def test_event_triggers_an_anaphor_that_is_only_what_is_told_is_bare(pipeline):
    found = triggers(pipeline, BARE + "The governor was briefed on the raid this morning.")
    assert all(t != "raid" for t, _ in found), found


def test_event_triggers_an_attack_coordinated_with_a_series_is_its_own_event(pipeline):
    text = "The envoy condemned the bombing at the consulate as well as the series of attacks on aid convoys."
    found = triggers(pipeline, text)
    assert [t for t, k in found if k == "ASSAULT"] == ["bombing", "attacks"], found


def test_event_triggers_attacks_an_attack_led_to_are_a_later_event(pipeline):
    text = "The cleric was assassinated by the army in May, leading to numerous attacks on government posts."
    found = triggers(pipeline, text)
    assert ("assassinated", "ASSAULT") in found and ("attacks", "ASSAULT") in found, found
    one = triggers(pipeline, "The rebels shelled the town, launching rockets in a barrage on the market.")
    assert [k for _, k in one].count("ASSAULT") == 1, one


def test_event_triggers_a_claim_of_responsibility_is_a_claimed_attack(pipeline):
    found = mentions_of(pipeline, "A bomb struck the convoy near Kirkuk on Monday. "
                                  "The Islamic Resistance in Iraq claimed responsibility on Tuesday.")
    claim = by_trigger(found, "responsibility")
    assert claim.type == "ASSAULT" and claim.modality == "claimed", claim
    assert [a.id for a in claim.actors] == ["islamic_resistance_in_iraq"], claim.actors


@pytest.mark.parametrize("text", [
    "The Islamic Resistance in Iraq claimed responsibility for the drone attack on the base.",
    "A bomb struck the convoy on Monday. No group has claimed responsibility.",
    "A bomb struck the convoy on Monday. The militia did not claim responsibility.",
    "The ministry takes responsibility for security in the province.",
])
def test_event_triggers_a_claim_naming_its_deed_or_not_made_codes_no_claim_of_its_own(pipeline, text):
    assert all(m.trigger.text != "responsibility" for m in mentions_of(pipeline, text))


def test_event_triggers_the_act_a_relative_allegation_is_about_is_a_reported_attack(pipeline):
    found = mentions_of(pipeline, "The commander was killed in Baghdad, an act for which Tehran has blamed Israel.")
    act = by_trigger(found, "act")
    assert act.type == "ASSAULT" and act.modality == "reported", act
    assert [a.id for a in act.actors] == ["israel"], act.actors
    assert by_trigger(found, "killed").modality == "asserted"  # the killing itself is the outlet's own
    nobody = mentions_of(pipeline, "The envoy was killed in an ambush, an act for which nobody has been blamed.")
    assert [m.trigger.text for m in nobody if m.type == "ASSAULT"] == ["ambush"], nobody


def test_event_triggers_a_commitment_to_counter_a_party_is_a_threat(pipeline):
    found = mentions_of(pipeline, "The United States remains committed to countering Iran and disrupting "
                                  "Iran-aligned militia groups from conducting attacks against U.S. personnel.")
    threat = by_trigger(found, "countering")
    assert threat.type == "THREATEN" and [a.id for a in threat.actors] == ["united_states"], threat
    assert "iran" in {a.id for a in threat.recipients}, threat.recipients
    assert by_trigger(found, "attacks").type == "ASSAULT"  # what it would prevent stays its own event
    plain = triggers(pipeline, "The new unit will counter drones along the border.")
    assert all(t != "counter" for t, _ in plain), plain


def test_event_triggers_an_armed_defence_is_an_interception(pipeline):
    found = mentions_of(pipeline, "Militants fired rockets at the airfield. The army defended the base with "
                                  "Patriot missiles. The attack wounded two guards.")
    defence = by_trigger(found, "defended")
    assert defence.type == "ASSAULT" and defence.mode is None, defence
    assert by_trigger(found, "attack").mode == "heavy-weapons"  # "the attack" is the rockets, not the defence
    took = by_trigger(mentions_of(pipeline, "We thank the sailors who took part in the defense of the port."),
                      "defense")
    assert took.type == "ASSAULT", took
    for text in ("The Secretary of Defense met the Department of Defense staff.",
                 "Washington is committed to the defense of its allies."):
        assert all(m.trigger.text.lower() != "defense" for m in mentions_of(pipeline, text)), text


def test_event_triggers_a_launch_to_intercept_is_an_interception(pipeline):
    from lull.vocabulary import Policy

    found = mentions_of(pipeline, "Militants fired rockets at the airfield. Ten Patriot missiles were launched to "
                                  "defend the base.")
    assert Policy.INTERCEPTION in by_trigger(found, "launched").policies, found
    assert Policy.INTERCEPTION not in by_trigger(found, "fired").policies, found
    strikes = mentions_of(pipeline, "Militants fired rockets at the airfield. Warplanes launched strikes on the "
                                    "militants to defend the troops.")  # a strike answering an attack is an attack
    assert not any(Policy.INTERCEPTION in m.policies for m in strikes), strikes


def test_event_triggers_an_allegation_not_made_has_no_alleged_act(pipeline):
    found = mentions_of(pipeline, "Rebels shelled the base on Monday. We cannot yet attribute responsibility for "
                                  "the rocket attacks.")
    assert not any(m.trigger.text == "attacks" for m in found), found
    made = mentions_of(pipeline, "Rebels shelled the base on Monday. Officials attributed responsibility for "
                                 "the rocket attacks to the rebels.")
    assert any(m.trigger.text == "attacks" and "content" in m.policies for m in made), made


def test_event_triggers_a_word_glued_to_a_reference_mark_still_triggers(pipeline):
    found = mentions_of(pipeline, "Militias fired rockets at the garrison in response to U.S. airstrikes.[10] "
                                  "The garrison was not damaged.")
    assert any(m.type == "ASSAULT" and m.trigger.text.startswith("airstrikes") for m in found), found
