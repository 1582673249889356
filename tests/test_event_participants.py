"""Who acted and who was acted on: parties, not places, things or dates (extract/events/coder.py, arguments.py).

Sentences are written in the style of DoD and State releases, Wikipedia and the region's outlets."""
from __future__ import annotations

import pytest

from lull.extract.documents import extract_document
from lull.records import Document, Mention


@pytest.fixture(scope="module")
def pipeline():
    from lull.knowledge import Knowledge
    from lull.nlp.pipeline import build_pipeline
    from lull.settings import Settings

    return build_pipeline(Settings(), knowledge=Knowledge.load(Settings()))


def coded(pipeline, text: str, trigger: str) -> Mention:
    mentions = [m for m in extract_document(Document(id="t", text=text, locator="<test>"), nlp=pipeline).mentions
                if isinstance(m, Mention)]
    return next(m for m in mentions if m.trigger.text == trigger)


def ids(actors) -> set[str]:
    return {a.id or a.text for a in actors}


# (text, trigger, actors, recipients)
PARTIES = [
    # a struck site stands for whoever uses it
    ("U.S. forces carried out airstrikes on Tuesday against weapons depots used by Iranian-backed militant groups "
     "near Al-Qaim.", "airstrikes", {"us_forces"}, {"iran_backed_militias"}),
    ("American warplanes struck two facilities utilized by Kata'ib Hezbollah in western Iraq.",
     "struck", {"us_air_force"}, {"kataib_hezbollah"}),
    # a base that places.tsv says US forces garrison
    ("A barrage of rockets targeted Ain al-Asad air base in Anbar province late on Monday.",
     "targeted", set(), {"us_forces"}),
    ("The drone attack on Tower 22, a U.S. outpost in northeastern Jordan, killed three soldiers.",
     "attack", set(), {"us_forces"}),
    # a town, a date or an unowned thing is no recipient
    ("A senior commander was killed in a strike on Beirut.", "strike", set(), set()),
    ("On 6 January 2021, another attack was launched by the group on a convoy of trucks.", "attack",
     {"group"}, set()),
    # "X and affiliated groups", "the IRGC and related groups": the named party and the Iran-backed militias
    ("Washington blamed Kataib Hezbollah and affiliated groups for the drone attack on the base.",
     "blamed", {"us_government"}, {"kataib_hezbollah", "iran_backed_militias"}),
    ("The strike hit a facility affiliated with the IRGC and related groups in eastern Syria.",
     "hit", set(), {"irgc", "iran_backed_militias"}),
    ("The attacks on American troops were carried out by militias who act with the support of Iran.",
     "attacks", {"iran_backed_militias"}, {"us_forces"}),
    ("Militia groups supported by Iran launched a drone attack on American troops at the base.",
     "attack", {"iran_backed_militias"}, {"us_forces"}),
    ("There were new attacks directed at U.S. bases in Syria by the IRGC and related groups on Monday.",
     "attacks", {"irgc", "iran_backed_militias"}, {"us_forces"}),
    # a noun the tagger reads as a verb ("attacks ... were launched"), a run of events ("a series of attacks")
    ("Officials said that attacks in and around Baghdad were launched by Iranian-backed militias.", "attacks",
     {"iran_backed_militias"}, set()),
    ("Kataib Hezbollah has perpetrated a series of attacks against U.S. troops in Syria.", "attacks",
     {"kataib_hezbollah"}, {"us_forces"}),
    ("\"The U.S. strikes hit weapons depots used by Kataib Hezbollah,\" the spokesman said.", "hit",
     {"us_forces"}, {"kataib_hezbollah"}),
    # coordinated passives share the "by" agent and the subject written once
    ("Kataib Hezbollah is funded, trained and armed by the Quds Force.", "funded", {"quds_force"},
     {"kataib_hezbollah"}),
    # "backed and supported" is one backing (one mention, on the first verb), with the agent written once
    ("Harakat al-Nujaba is backed and supported by Iran.", "backed", {"iran"}, {"harakat_al_nujaba"}),
    # a passive controls its infinitive: the one honoured hosts
    ("Secretary Austin was pleased to host President Zelenskyy at the Pentagon on Monday.", "host",
     {"lloyd_austin"}, {"volodymyr_zelenskyy"}),
    # the target of fired weapons is the verb's "at" phrase; "carried out by X" beats a weapon's name
    ("Iran-backed militants fired rockets at the American base near Deir ez-Zor.", "fired",
     {"iran_backed_militias"}, {"us_forces"}),
    ("A Shahed 136 drone strike carried out by Kataib Hezbollah hit the outpost on Sunday.", "hit",
     {"kataib_hezbollah"}, set()),
    # a warning is sent by the subject of the verb that issues it, to its "to" phrase; a receiver sends nothing
    ("Iran issued a stern warning to Israel on Sunday.", "warning", {"iran"}, {"israel"}),
    # a list of names is one list even where the curly apostrophes break the parse; a label gives way to the names
    ("Today the Department of State is designating Iran-aligned militia groups Harakat al-Nujaba, Kata’ib Sayyid al-Shuhada, "
     "and Kata’ib al-Imam Ali as terrorist organizations.", "designating", {"us_department_of_state"},
     {"harakat_al_nujaba", "kataib_sayyid_al_shuhada", "kataib_al_imam_ali"}),
    ("The strikes hit facilities used by Kataib Hezbollah (KH) and Kataib Sayyid al-Shuhada (KSS) on Sunday.", "hit",
     set(), {"kataib_hezbollah", "kataib_sayyid_al_shuhada"}),
    # a bare force noun after a named owner's is the same party; a weapon is no actor, its possessor is
    ("The militia threatened to attack U.S. military bases and personnel in the region.", "threatened", set(),
     {"us_forces"}),
    ("The rockets killed two American soldiers near the border.", "killed", set(), {"us_forces"}),
    # "the group's activity": the possessor acts; a description in its own sentence prefers the subject
    ("KSS is a member of the IRI and the group's terrorist activity has threatened U.S. personnel in Iraq.",
     "threatened", {"kataib_sayyid_al_shuhada"}, {"us_forces"}),
    # support is given by the subject of the verb that provides it; "acting with the support of X": X backs the doer
    ("Iran continues to provide support to the Houthis in Yemen.", "support", {"iran"}, {"houthis"}),
    ("The Iraqi government received support from the coalition.", "support", set(), set()),
    ("The drone strikes were launched by Kataib Hezbollah, which operates with the support of the IRGC.", "support",
     {"irgc"}, {"kataib_hezbollah"}),
    # a name on the event noun, also through a weapon compound, is its agent ("the KH drone attack")
    ("The KH drone attack on Tower 22 killed three soldiers.", "attack", {"kataib_hezbollah"}, {"us_forces"}),
    # a head of state or government who orders an attack: the state's forces carry it out
    ("President Biden directed strikes against three locations used by Kataib Hezbollah.",
     "strikes", {"us_forces"}, {"kataib_hezbollah"}),
    # the victims are the party they belong to, not the count noun; an abstract noun is no recipient
    ("The rocket attack killed a contractor and injured several members of the US-led coalition.", "attack",
     set(), {"oir_coalition"}),
    ("The United States pledged support for all efforts to investigate the attack.", "pledged",
     {"united_states"}, set()),
    ("Ismail Haniyeh was killed in a strike on Tehran.", "strike", set(), {"ismail_haniyeh"}),
    # a country's partner forces are neither the country nor its forces
    ("U.S. partner forces attacked an ISIS hideout in Hasakah.", "attacked", {"U.S. partner forces"}, {"isis"}),
    # a meeting of two named parties: the first is the actor, the other the recipient
    ("Secretary of State Antony Blinken spoke with Prime Minister Mohammed Shia al-Sudani on Monday. The Secretary "
     "and the Prime Minister discussed the security situation.", "discussed", {"antony_blinken"}, {"mohammed_shia_al_sudani"}),
    # a plural anaphor refers to the whole list its antecedent stands in
    ("Kataib Hezbollah, Harakat al-Nujaba and Kataib Sayyid al-Shuhada rejected the truce. These militias "
     "attacked a U.S. base on Tuesday.", "attacked",
     {"kataib_hezbollah", "harakat_al_nujaba", "kataib_sayyid_al_shuhada"}, {"us_forces"}),
    ("Kataib Hezbollah and Harakat al-Nujaba fired rockets at the base on Monday. They also attacked a convoy "
     "on Tuesday.", "attacked", {"kataib_hezbollah", "harakat_al_nujaba"}, set()),
    # "the two forces", "both groups": the coordinated list of that many parties
    ("The Iraqi Security Forces and the Peshmerga launched a joint offensive. The two forces coordinated their "
     "operations.", "coordinated", {"iraqi_security_forces", "peshmerga"}, set()),
    ("Iraqi Security Forces (ISF) and Syrian Democratic Forces (SDF) met in Baghdad. The two forces agreed to "
     "share intelligence.", "agreed", {"iraqi_security_forces", "syrian_democratic_forces"}, set()),
    ("Kataib Hezbollah and Harakat al-Nujaba rejected the truce. Both groups attacked a U.S. base on Tuesday.",
     "attacked", {"kataib_hezbollah", "harakat_al_nujaba"}, {"us_forces"}),
    # a hyphenated pair of states names both
    ("U.S.-Iraq cooperation on counterterrorism continued in 2025.", "cooperation", {"united_states", "iraq"}, set()),
    # "they" after one person spoke with another: the two of them
    ("Secretary of State Antony Blinken spoke today with Prime Minister Mohammed Shia al-Sudani. They committed "
     "to remain in close contact.", "committed", {"antony_blinken", "mohammed_shia_al_sudani"}, set()),
    # the fighters a group deploys are its own, not a recipient
    ("Kataib Hezbollah deployed hundreds of militia fighters to eastern Syria.", "deployed", {"kataib_hezbollah"},
     set()),
]


@pytest.mark.parametrize(("text", "trigger", "actors", "recipients"), PARTIES, ids=[p[0][:40] for p in PARTIES])
def test_participants_are_parties(pipeline, text, trigger, actors, recipients):
    mention = coded(pipeline, text, trigger)
    if actors != {"group"}:
        assert ids(mention.actors) == actors
    assert ids(mention.recipients) == recipients


# a title alone refers to the person the document named with it
TITLES = [
    ("Secretary of State Antony J. Blinken spoke today with the Iraqi foreign minister. The Secretary condemned "
     "the attack on the embassy.", "condemned", {"antony_blinken"}),
    ("President Joe Biden met his advisers on Sunday. Hours later the President ordered strikes on the militia's "
     "headquarters.", "strikes", {"us_forces"}),
    ("Today, the Department of State is designating two militia leaders. The Department previously designated "
     "the group itself.", "designated", {"us_department_of_state"}),
]


@pytest.mark.parametrize(("text", "trigger", "actors"), TITLES, ids=[t[1] for t in TITLES])
def test_participants_title_refers_to_named_holder(pipeline, text, trigger, actors):
    assert ids(coded(pipeline, text, trigger).actors) == actors


def coded_all(pipeline, text: str, trigger: str) -> list[Mention]:
    mentions = [m for m in extract_document(Document(id="t", text=text, locator="<test>"), nlp=pipeline).mentions
                if isinstance(m, Mention)]
    return [m for m in mentions if m.trigger.text == trigger]


# "the attack", "these strikes" and a casualty clause "injured in the attack" take what they leave unsaid from
# the attack they point back to, past follow-up clauses that name neither attacker nor place
COREFERENT = [
    ("U.S. forces conducted airstrikes against depots used by Iranian-backed groups in eastern Syria on Thursday. "
     "These strikes were ordered in response to recent attacks against Coalition personnel in Iraq.",
     "strikes", {"us_forces"}, {"iran_backed_militias"}),
    ("Kata'ib Hezbollah fired rockets at Harir Air Base on Monday. Several rockets landed outside the perimeter. "
     "Some debris hit a hangar. Two contractors were wounded in the attack.",
     "attack", {"kataib_hezbollah"}, None),
]


@pytest.mark.parametrize(("text", "trigger", "actors", "recipients"), COREFERENT, ids=["these strikes", "in the attack"])
def test_participants_follow_the_attack_referred_to(pipeline, text, trigger, actors, recipients):
    mention = coded_all(pipeline, text, trigger)[-1]
    assert ids(mention.actors) == actors
    if recipients is not None:
        assert ids(mention.recipients) == recipients
    assert "anaphor" in mention.policies


# a town named on the event noun, also through another modifier ("the Erbil rocket attacks"), is its place
PLACED = [
    ("The group claimed responsibility for the 2021 Erbil rocket attacks.", "attacks", "Erbil"),
    ("An air strike on houses in the countryside of Abu Kamal killed a child.", "strike", "Abu Kamal"),
]


@pytest.mark.parametrize(("text", "trigger", "place"), PLACED, ids=[p[2] for p in PLACED])
def test_participants_place_of_the_event_noun(pipeline, text, trigger, place):
    mention = coded_all(pipeline, text, trigger)[0]
    assert mention.place is not None and mention.place.name == place


TRANSCRIPT = """DEPUTY PRESS SECRETARY SABRINA SINGH: Good afternoon, everyone. I have one update at the top.

Q: Thank you. Do you expect more attacks on U.S. forces?

MS. SINGH: Last night we conducted a strike on a weapons depot in eastern Syria. We condemned the attacks on our forces.
"""


def test_participants_transcript_first_person_is_the_speaker_and_their_state(pipeline):
    """A briefer's "we" is the state they speak for (its forces when they strike); a reporter's question is nobody's."""
    condemned = coded_all(pipeline, TRANSCRIPT, "condemned")[-1]
    assert ids(condemned.actors) == {"united_states"}
    assert "coref" in condemned.policies
    assert ids(coded_all(pipeline, TRANSCRIPT, "strike")[-1].actors) == {"us_forces"}


def test_participants_attack_with_its_own_target_is_no_anaphor(pipeline):
    """"the attacks on our personnel" is a series of its own: it does not take the strike just told as its actor."""
    text = ("U.S. forces struck a weapons depot near Al-Bukamal on Friday. The strike was a response to the attacks "
            "on American personnel in Syria.")
    attacks = coded_all(pipeline, text, "attacks")[-1]
    assert "us_forces" not in ids(attacks.actors)
    assert "anaphor" not in attacks.policies


def test_participants_a_receiver_of_a_warning_sends_nothing(pipeline):
    """"Iran received a stern warning": whether or not the warning is coded (a warning needs an issuer in the
    text to be a THREATEN), Iran is never the one who warned."""
    doc = Document(id="t", text="Iran received a stern warning on Sunday.", locator="test")
    mentions = [m for m in extract_document(doc, nlp=pipeline).mentions if isinstance(m, Mention)]
    assert not any(a.id == "iran" for m in mentions for a in m.actors)
