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
    # what is fired is aimed at the verb's target phrase, not at the hour told before it
    ("At 5 p.m., Kata'ib Hezbollah launched three drones at the Al-Asad Airbase.", "launched",
     {"kataib_hezbollah"}, {"us_forces"}),
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
    ("The Iraqi government received support from the coalition.", "support", set(), {"iraqi_government"}),
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


# (text, trigger, recipients): who an attack hit, as the coding scheme names them
TARGETS = [
    # a bare "the Coalition" is the US-led coalition; "members of X" are X
    ("The rocket attack killed a contractor and wounded several members of the Coalition near Erbil.", "attack",
     {"oir_coalition"}),
    ("It was the deadliest attack on the coalition in two years.", "attack", {"oir_coalition"}),
    # a force noun two owners share is each owner's ("American and Coalition personnel")
    ("The militia claimed recent attacks against American and Coalition personnel near Erbil.", "attacks",
     {"us_forces", "oir_coalition"}),
    ("Ongoing attacks by Iran-backed groups targeting U.S. and Coalition forces have tested the government.",
     "attacks", {"us_forces", "oir_coalition"}),
    # an "anti-"/"counter-" prefix names the target
    ("The group is known for its counter-U.S. operations in the north.", "operations", {"united_states"}),
    # a state's non-military site or mission is the state's, not its forces'
    ("The group has carried out attacks against U.S. targets across Iraq.", "attacks", {"united_states"}),
    ("Militias fired rockets at the U.S. Embassy in Baghdad on Sunday.", "fired", {"us_embassy_baghdad"}),
    # unarmed victims keep a short label beside a named party; "including X" names a victim of its own
    ("A drone strike on the village killed two civilians and wounded four others, including an American soldier.",
     "strike", {"civilians", "us_forces"}),
    ("Security forces fired on the crowd on Friday, killing three Iraqi protesters.", "killing",
     {"Iraqi protesters"}),
    ("The rockets killed two civilians and injured six more, including an American soldier.[7][8]", "killed",
     {"civilians", "us_forces"}),
    # beside a named party, "including X" is part of it
    ("The attack killed a coalition contractor and injured six others, including one American soldier.",
     "attack", {"oir_coalition"}),
    # an attack noun as subject: the victims of its outcome or what it destroyed; what "a surge of attacks" targeted
    ("These militia attacks resulted in injuries to dozens of U.S. servicemembers.", "attacks", {"us_forces"}),
    ("The strikes destroyed two weapons depots used by Kataib Hezbollah near Al-Qaim.", "strikes",
     {"kataib_hezbollah"}),
    ("There was a surge of attacks in November that primarily targeted U.S. personnel in Syria.", "attacks",
     {"us_forces"}),
    ("Washington struck militia depots in Syria after a drone attack near a coalition base killed a U.S. contractor "
     "and wounded five U.S. service members.", "attack", {"us_forces"}),
    # the harm told in a relative clause of the attack (also one the parser hung on its place); who survived it
    ("The PKK also conducted multiple attacks in the region that resulted in the deaths of several Kurdish "
     "security forces.", "attacks", {"peshmerga"}),
    ("Militants carried out an attack on a checkpoint near Kirkuk that killed three Iraqi soldiers.", "attack",
     {"iraqi_armed_forces"}),
    ("These attacks by Iran-affiliated militia groups have caused injuries to United States personnel and Coalition "
     "forces operating alongside them.", "attacks", {"us_forces", "oir_coalition"}),
    ("The group claimed responsibility for the 2021 Erbil rocket attacks, which killed two civilians.", "attacks",
     set()),
    ("Officials said Prime Minister Mustafa al-Kadhimi survived an assassination attempt at his home.",
     "assassination", {"mustafa_al_kadhimi"}),
    # a person named right after the role noun is the one killed
    ("Since the killing of ISIS leaders Abu Ibrahim al-Qurayshi in 2022 and Abu al-Hasan al-Hashimi al-Qurayshi "
     "later that year, the group has lost ground.", "killing", {"abu_ibrahim_al_qurayshi"}),
    ("The Houthis have kept up attacks on international shipping in the Red Sea.", "attacks",
     {"international shipping"}),
    # "X and affiliated groups" the parser broke up: both the named party and the Iran-backed militias
    ("Last night U.S. forces struck depots in Syria used by the IRGC and IRGC-affiliated groups.", "struck",
     {"irgc", "iran_backed_militias"}),
    ("In response, the President directed strikes against two sites utilized by Kataib Hezbollah and affiliated "
     "groups focused on drone activities.", "strikes", {"kataib_hezbollah", "iran_backed_militias"}),
    # "a number of Iran-backed groups, including X and Y": the named members, not the generic class
    ("The strikes destroyed depots located at a crossing used by a number of Iranian-backed groups, including "
     "Kataib Hezbollah and Harakat al-Nujaba.", "strikes", {"kataib_hezbollah", "harakat_al_nujaba"}),
    ("U.S. jets hit a depot used by Iran-backed militias near the border.", "hit", {"iran_backed_militias"}),
    # a use clause the parser hung on the strikes; a participle acting on the site it modifies
    ("Last week the United States conducted airstrikes on 60 targets in Iraq and Syria that have been used by "
     "Iran's Islamic Revolutionary Guard Corps and affiliated groups to attack U.S. troops.", "airstrikes",
     {"irgc", "iran_backed_militias"}),
    ("The spokesman described the Kataib Hezbollah depots targeted in the U.S. strikes.", "targeted",
     {"kataib_hezbollah"}),
    ("We mourn the civilian contractor killed in this attack.", "attack", set()),
    # a country word on a place noun says where, not whose
    ("Local media reported explosions after the U.S. strikes on the Syria-Iraq border.", "strikes", set()),
    # a footnote mark the tokenizer glued to the name
    ("During the war, the group fought against Coalition forces.[35][38]", "fought", {"oir_coalition"}),
]


@pytest.mark.parametrize(("text", "trigger", "recipients"), TARGETS, ids=[t[0][:40] for t in TARGETS])
def test_participants_targets_are_named_as_the_scheme_names_them(pipeline, text, trigger, recipients):
    assert ids(coded(pipeline, text, trigger).recipients) == recipients


# "the strike" that names its own attacker or weapon refers to an attack by that attacker or with that weapon,
# not to the other side's attack or another weapon's told in between: (text, trigger, actors, recipients)
ANAPHORS = [
    ("U.S. forces struck a weapons depot used by Kataib Hezbollah in eastern Syria on Tuesday. It followed attacks "
     "against U.S. bases in Syria by the IRGC and related groups. Central Command conducted the strike with two "
     "F-15s.", "strike", {"centcom"}, {"kataib_hezbollah"}),
    ("Iran-backed militants launched a drone attack on a U.S. base near Hasakah on Thursday. U.S. warplanes carried "
     "out airstrikes on militia depots in Deir ez-Zor on Friday. Officials said the drone attack wounded five "
     "service members.", "attack", {"iran_backed_militias"}, None),
]


@pytest.mark.parametrize(("text", "trigger", "actors", "recipients"), ANAPHORS, ids=["own attacker", "own weapon"])
def test_participants_anaphor_skips_attacks_by_another_attacker_or_weapon(pipeline, text, trigger, actors,
                                                                        recipients):
    mention = coded_all(pipeline, text, trigger)[-1]
    assert ids(mention.actors) == actors
    if recipients is not None:
        assert ids(mention.recipients) == recipients
    assert "anaphor" in mention.policies


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


STATEMENT = """Secretary of State Antony J. Blinken released the following statement:

We condemn the attack on the embassy. I have called Iraqi Prime Minister Mohammed Shia al-Sudani to discuss the attack and to pledge our support for his efforts.
"""


def test_participants_first_person_of_a_released_statement(pipeline):
    """A statement released whole speaks with its author's voice: "I" is the author, "our support" the state
    the author serves; what is done to "discuss" or "pledge" in a call is done with the one called."""
    discuss = coded(pipeline, STATEMENT, "discuss")
    assert ids(discuss.actors) == {"antony_blinken"}
    assert ids(discuss.recipients) == {"mohammed_shia_al_sudani"}
    pledge = coded(pipeline, STATEMENT, "pledge")
    assert pledge.type == "SUPPORT"
    assert ids(pledge.actors) == {"united_states"}
    assert ids(pledge.recipients) == {"mohammed_shia_al_sudani"}


def test_participants_a_quoted_threat_is_the_speakers(pipeline):
    """"be prepared for us to act", said the President: the warning is his, not the "us" who would act."""
    text = "“We do not seek war, but be prepared for us to act forcefully,” President Joe Biden said on Friday."
    mention = coded(pipeline, text, "act")
    assert mention.type == "THREATEN"
    assert ids(mention.actors) == {"joe_biden"}


# speech acts that answer another party's act or words take that party as recipient; a pledge goes "to" someone;
# people a nationality only describes keep their label; an allegation's that-clause names the accused
SPEECH = [
    ("Iraq rejected a request by the United States to extend the mission.", "rejected", {"iraq"},
     {"united_states"}),
    ("The Prime Minister of Iraq welcomed Iran's offer of talks on Tuesday.", "welcomed", None, {"iran"}),
    ("The militia has long pledged its allegiance to Iran.", "pledged", None, {"iran"}),
    ("Japan committed $2 billion in humanitarian aid to Ukraine.", "committed", {"japan"}, {"ukraine"}),
    ("Some Iraqi politicians accused Iran of meddling in the elections.", "accused", {"Iraqi politicians"},
     {"iran"}),
    ("Several lawmakers alleged that Iran had supplied the drones to the militias.", "alleged", None, {"iran"}),
    # who is asked to act; a capital spoken to is its government (an attacked town stays a place)
    ("The United States expects Iran to rein in its proxies.", "expects", {"united_states"}, {"iran"}),
    ("Baghdad has voiced its desire for coalition troops to leave the country.", "desire", {"iraqi_government"},
     {"oir_coalition"}),
    ("Washington urged Baghdad to protect the embassy.", "urged", {"us_government"}, {"iraqi_government"}),
    ("The envoy reiterated the importance of Iran's responsibility to restrain its proxies.", "importance", None, {"iran"}),
    ("Rockets struck Baghdad on Monday night.", "struck", set(), set()),
    # unnamed armed groups Iran backs are the Iran-backed militias; a named group stays itself
    ("Iran has long backed a network of armed groups across the region.", "backed", {"iran"},
     {"iran_backed_militias"}),
    ("Iran funds Kataib Hezbollah.", "funds", {"iran"}, {"kataib_hezbollah"}),
    # a stance noun's possessor does the act it complements; a meeting held is held by the subject
    ("Japan's commitment to supporting Ukraine remains firm.", "supporting", {"japan"}, {"ukraine"}),
    ("Secretary Austin held several calls with Israeli leaders on Sunday.", "calls", {"lloyd_austin"}, None),
    # who a support enables gets it; "all three of these groups": the list the text named (read from the text,
    # which the tagger breaks on the apostrophes), one party each
    ("Iran provides funding that enables Kataib Hezbollah to carry out attacks.", "funding", {"iran"},
     {"kataib_hezbollah"}),
    ("Last year the State Department designated the militia groups Harakat al-Nujaba, Kata’ib Sayyid al-Shuhada, "
     "and Kata’ib al-Imam Ali. The Treasury later sanctioned all three of these groups.", "sanctioned", None,
     {"harakat_al_nujaba", "kataib_sayyid_al_shuhada", "kataib_al_imam_ali"}),
    # who relies on, receives or acts with the support gets it; the giver's "provided" does not
    ("Iraqi forces received U.S. support during the offensive.", "support", None, {"iraqi_security_forces"}),
    ("The Syrian Democratic Forces were able to repel the attack, but only with significant Coalition ground and "
     "air support.", "support", None, {"syrian_democratic_forces"}),
    ("The SDF continued to rely on the Coalition for intelligence and air support.", "support", None,
     {"syrian_democratic_forces"}),
    ("Iran provided support to the Houthis.", "support", {"iran"}, {"houthis"}),
    # a cooperation's "with" names the partner
    ("Coalition forces continued to partner with the SDF in the northeast.", "partner", {"oir_coalition"},
     {"syrian_democratic_forces"}),
    ("The Pentagon will work closely with Israel to help secure the release of the hostages.", "work", None,
     {"israel"}),
    # "A supported B and C supported D": C supports, and is not supported
    ("In the war, Hezbollah supported Hamas and the United States supported Israel.", "supported",
     {"hezbollah"}, {"hamas"}),
]


@pytest.mark.parametrize(("text", "trigger", "actors", "recipients"), SPEECH, ids=[s[1] for s in SPEECH])
def test_participants_of_speech_acts(pipeline, text, trigger, actors, recipients):
    mention = coded(pipeline, text, trigger)
    if actors is not None:
        assert ids(mention.actors) == actors
    if recipients is not None:
        assert ids(mention.recipients) == recipients


def test_participants_coordinated_clause_keeps_its_own_subject(pipeline):
    """The second verb of "A supported B and C supported D" is C's act, whatever the parser made of C."""
    text = "In the war, Hezbollah supported Hamas and the United States supported Israel."
    second = coded_all(pipeline, text, "supported")[-1]
    assert ids(second.actors) == {"united_states"}
    assert ids(second.recipients) == {"israel"}


BOXED = """2023 Harir Air Base rocket attack

Date12 March 2023
Location
Harir Air Base, Erbil Governorate, Iraq
Belligerents
Iraq Kata'ib Hezbollah[1]
Backed by:
 Iran
 United States

On 12 March 2023, a rocket attack targeted Harir Air Base in northern Iraq. The attack injured two contractors.
On 12 March 2023, more than ten interceptor missiles were launched to defend the base.
On the same day a prominent cleric was shot dead in Basra.
"""


def test_participants_infobox_attack_takes_its_first_belligerent(pipeline):
    """An article about one attack: the attack told with no attacker on the box's day and at its place is
    by the first side of "Belligerents" (the flag's country before the name is no side); a killing in
    another city that day is another event, and a launch to defend the base is a defence: they take nothing."""
    targeted = coded_all(pipeline, BOXED, "targeted")[-1]
    assert ids(targeted.actors) == {"kataib_hezbollah"}
    assert "coref" in targeted.policies
    assert ids(coded_all(pipeline, BOXED, "attack")[-1].actors) == {"kataib_hezbollah"}
    assert not any(m.actors for m in coded_all(pipeline, BOXED, "shot"))
    assert not any(m.actors for m in coded_all(pipeline, BOXED, "launched"))  # a defence, not the attack


def test_participants_no_infobox_no_attacker(pipeline):
    """Without the box the same prose names no attacker."""
    text = BOXED.split("Belligerents")[0] + BOXED.split("United States\n")[1]
    assert not coded_all(pipeline, text, "targeted")[-1].actors


TITLED = """Kata'ib Sayyid al-Shuhada

Kata'ib Sayyid al-Shuhada is an Iraqi Shia militia founded in 2013. It fought in Syria for several years.

In 2021, the group claimed responsibility for a drone attack on Erbil airport."""


def test_participants_group_of_the_article_title(pipeline):
    """"The group" with no antecedent nearby, in an article titled with one group's name, is that group."""
    assert ids(coded_all(pipeline, TITLED, "attack")[-1].actors) == {"kataib_sayyid_al_shuhada"}


def test_participants_group_without_title_stays_unresolved(pipeline):
    text = TITLED.split("\n\n", 1)[1].replace("Kata'ib Sayyid al-Shuhada is", "The movement is")
    assert not coded_all(pipeline, text, "attack")[-1].actors


LEAD = """Harakat Hezbollah al-Nujaba (the Nujaba Movement or HHN; Arabic: حركة حزب الله النجباء), officially the \
12th Brigade, is an Iraqi Shia militia active in Syria and Iraq. It was founded in 2013 to fight in Syria. It has \
fought in Aleppo and near the Golan Heights for several years, and its leaders have met officials in Tehran.

The militia is also supported by the Lebanese Hezbollah."""


def test_participants_group_the_article_opens_by_defining(pipeline):
    """No title line, but a first sentence defining one group (the encyclopedia's lead, with its bracket of
    other names): "the militia" with no antecedent nearby is that group."""
    assert ids(coded_all(pipeline, LEAD, "supported")[-1].recipients) == {"harakat_al_nujaba"}
    report = LEAD.replace("is an Iraqi Shia militia active", "launched rockets at a base")
    assert not coded_all(pipeline, report, "supported")[-1].recipients


# a possessive in a clause whose subject is a party; "members of the group"; a named group before a generic
BOUND = [
    ("Saraya Awliya al-Dam is a pro-Iran militia based in Iraq. The organization is known for its attacks on "
     "U.S. convoys in Iraq.", "attacks", {"saraya_awliya_al_dam"}),
    ("The Islamic Resistance in Iraq is an informal network of armed groups. The name is used by members of the "
     "network when carrying out attacks against American forces.", "attacks", {"islamic_resistance_in_iraq"}),
]


@pytest.mark.parametrize(("text", "trigger", "actors"), BOUND, ids=["its", "members of the network"])
def test_participants_description_bound_to_its_group(pipeline, text, trigger, actors):
    assert ids(coded_all(pipeline, text, trigger)[-1].actors) == actors


# who attacked: not the target of "counter-X", the whole "Sunni militants", both sides of a war, the party an
# attack is attributed to, the object of "disrupting X from", the subject of "planned and supported"
ATTACKERS = [
    ("While the SDF conducted some independent counter-ISIS operations in Hasakah, ISIS cells stayed active.",
     "operations", {"syrian_democratic_forces"}),
    ("Sunni militants fought Shi'a militias in Diyala for months.", "fought", {"Sunni militants"}),
    ("Iraq was torn by a sectarian conflict between Sunni militants and Shi'a militias.", "conflict",
     {"Sunni militants", "Shi'a militias"}),
    ("Thousands died in the war between Hamas and Israel in Gaza.", "war", {"hamas", "israel"}),
    ("The rocket attacks on Erbil were largely attributed to Kata'ib Hezbollah.", "attacks", {"kataib_hezbollah"}),
    ("The Treasury remains committed to disrupting Iran-aligned militia groups from conducting attacks against "
     "U.S. personnel.",
     "attacks", {"iran_backed_militias"}),
    ("Kata'ib Hezbollah has planned and supported attacks against U.S. personnel in Iraq.", "attacks",
     {"kataib_hezbollah"}),
    ("The spokesman described the facilities used by the IRGC and related militias targeted in the U.S. strikes.",
     "targeted", {"us_forces"}),
    ("The strikes answered recent attacks directed at U.S. bases in Syria by the IRGC and Iran-aligned militia "
     "groups.", "attacks", {"irgc", "iran_backed_militias"}),
    ("The Iranian-backed militia Kataib Hezbollah and affiliated groups claimed credit for the drone attack on "
     "the base.", "attack", {"kataib_hezbollah", "iran_backed_militias"}),
]


@pytest.mark.parametrize(("text", "trigger", "actors"), ATTACKERS,
                         ids=["counter-", "sect", "between", "war", "attributed", "from", "planned",
                             "targeted in the strikes", "IRGC and groups", "militia X and affiliated groups"])
def test_participants_attacker(pipeline, text, trigger, actors):
    assert ids(coded_all(pipeline, text, trigger)[-1].actors) == actors


def test_participants_clash_keeps_one_side_against_the_other(pipeline):
    mention = coded_all(pipeline, "Clashes between local Arab forces and the Syrian Democratic Forces left "
                                  "twelve dead.", "Clashes")[-1]
    assert ids(mention.actors) == {"local Arab forces"}
    assert ids(mention.recipients) == {"syrian_democratic_forces"}


def test_participants_attack_noun_subject_names_the_attacker(nlp):
    """"a Shahed 136[verification needed] drone strike carried out by X targeted Y", parsed with the noise as a
    second subject before the strike: the strike's own "carried out by" agent is the attacker."""
    from spacy.tokens import Doc

    from lull.extract.events.arguments import agent
    from lull.extract.events.lexicon import load_lexicon
    from lull.settings import Settings

    words = ["a", "Shahed", "136[verification", "drone", "strike", "carried", "out", "by", "Hezbollah", "targeted",
             "Tower", "22"]
    heads = [2, 2, 9, 4, 9, 4, 5, 5, 7, 9, 9, 10]
    deps = ["det", "compound", "nsubj", "compound", "nsubj", "acl", "prt", "agent", "pobj", "ROOT", "dobj", "nummod"]
    pos = ["DET", "PROPN", "NOUN", "NOUN", "NOUN", "VERB", "ADP", "ADP", "PROPN", "VERB", "PROPN", "NUM"]
    lemmas = ["a", "Shahed", "136[verification", "drone", "strike", "carry", "out", "by", "Hezbollah", "target",
              "Tower", "22"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    lex = load_lexicon(Settings().event_patterns_path)
    found = agent(doc[9], lex.verbs["target"], lex)
    assert found is not None and found.text == "Hezbollah"


def test_participants_groups_a_state_backs_are_its_militias(pipeline):
    """"Iran has long backed a network of armed groups. These groups have conducted attacks": the groups are the
    Iran-backed militias; groups a state fights are not."""
    text = ("Iran has long backed a network of armed groups in the region. These groups have conducted attacks on "
            "U.S. forces for years.")
    assert ids(coded_all(pipeline, text, "attacks")[-1].actors) == {"iran_backed_militias"}
    text = text.replace("Iran has long backed", "Iran has long fought")
    assert "iran_backed_militias" not in ids(coded_all(pipeline, text, "attacks")[-1].actors)


# who takes part in an act beside (or instead of) its grammatical agent
TAKING_PART = [
    # a passive of taking part makes no patient of its subject: the participle clause after it is its act
    ("Iran has been involved in Yemen's war since 2015, initially advising Houthi commanders there.",
     "advising", {"iran"}),
    # "involved in X's attack": a party beside the attack's own agent
    ("Kata'ib Hezbollah was involved in the IRI's drone attack on the base last January.", "attack",
     {"kataib_hezbollah", "islamic_resistance_in_iraq"}),
    # "resort to attacks", with the subject of a coordinated passive
    ("ISIS lost its last towns in 2019 and was forced to resort to sporadic attacks in the desert.", "attacks",
     {"isis"}),
    # an active verb with its own auxiliary after a passive shares its subject: "fought in every battle"
    ("The Popular Mobilization Forces were founded in 2014 and have fought in every major battle against ISIS.",
     "battle", {"popular_mobilization_forces"}),
    # a party the KB knows only by a weak alias, compounded on the noun
    ("The SDF retook the prison after a week, but only with heavy Coalition air support.", "support",
     {"oir_coalition"}),
    # "rely on X for support": X gives it
    ("Although the Kurdish fighters held the prison, they continued to rely on the Coalition for critical "
     "intelligence, surveillance, and reconnaissance support.", "support", {"oir_coalition"}),
    # the bodies a state acts through
    ("Iran, through the IRGC and the Quds Force, has supported Kata'ib Hezbollah with rockets and money.",
     "supported", {"iran", "irgc", "quds_force"}),
    # a split "Israel–Hamas" pair names both sides, from its first name too
    ("Since the start of the Israel–Hamas war in October, the militias have fired at U.S. bases.", "war",
     {"israel", "hamas"}),
    # a ship's prefix names its navy; "the ... Group" is a name, not an anaphor
    ("The Navy said the USS Gerald R. Ford Carrier Strike Group will redeploy from the Mediterranean next week.",
     "redeploy", {"us_navy"}),
    # "actors" names participants: the phrase keeps its label
    ("Since 2020 a campaign of violence by militia actors has sought to silence journalists.", "violence",
     {"militia actors"}),
    # "our Iraqi partners" in a US briefing are the Iraqi Security Forces
    ("I am not aware of any requests by our Iraqi partners for assistance with the investigation.", "requests",
     {"iraqi_security_forces"}),
]


@pytest.mark.parametrize(("text", "trigger", "actors"), TAKING_PART,
                         ids=["involved advising", "involved in attack", "resort to", "fought in", "weak alias",
                              "rely on for", "through", "dash pair", "ship", "militia actors", "Iraqi partners"])
def test_participants_taking_part(pipeline, text, trigger, actors):
    assert ids(coded(pipeline, text, trigger).actors) == actors


def test_participants_engaged_in_keeps_its_own_object():
    """"engaged in the battle ... in support of the army": only the verb's first "in" phrase is what it engages in."""
    import spacy
    from spacy.tokens import Doc

    from lull.extract.events.arguments import participant
    from lull.extract.events.lexicon import load_lexicon
    from lull.settings import Settings

    words = ["KSS", "engaged", "in", "the", "battle", "in", "support", "of", "the", "army"]
    heads = [1, 1, 1, 4, 2, 1, 5, 6, 9, 7]
    deps = ["nsubj", "ROOT", "prep", "det", "pobj", "prep", "pobj", "prep", "det", "pobj"]
    pos = ["PROPN", "VERB", "ADP", "DET", "NOUN", "ADP", "NOUN", "ADP", "DET", "NOUN"]
    lemmas = ["KSS", "engage", "in", "the", "battle", "in", "support", "of", "the", "army"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    lex = load_lexicon(Settings().event_patterns_path)
    assert participant(doc[4], lex).text == "KSS"
    assert participant(doc[6], lex) is None


# an act with no actor of its own whose doer is an attack's (extract/events/attackers.py)
def test_participants_what_an_operation_sends_is_its_side(pipeline):
    text = ("U.S. forces conducted airstrikes on militia depots in eastern Syria on Sunday. The strikes destroyed "
            "two buildings. This military response was carried out together with diplomatic steps, including "
            "consultation with coalition partners. The operation sends a clear message to the militias.")
    assert ids(coded(pipeline, text, "message").actors) == {"united_states"}
    assert ids(coded(pipeline, text, "consultation").actors) == {"united_states"}
    # an operation noun with no attack told before it gives nothing
    alone = "The operation sends a clear message to the militias."
    assert ids(coded(pipeline, alone, "message").actors) == set()


def test_participants_headline_attack_is_the_story_told(pipeline):
    text = ("Strikes Send Clear Message to Militias in Syria\n\n"
            "U.S. forces carried out airstrikes on weapons depots used by Kata'ib Hezbollah in eastern Syria on "
            "Tuesday, officials said.")
    assert ids(coded_all(pipeline, text, "Strikes")[0].actors) == {"us_forces"}
    assert ids(coded(pipeline, text, "Message").actors) == {"united_states"}
    # a headline that tells two sides gives its attacker-less attack nobody's attacker
    two = ("U.S. Strikes Follow Attack on Base in Syria\n\n"
           "U.S. forces carried out airstrikes on weapons depots used by Kata'ib Hezbollah in eastern Syria on "
           "Tuesday, officials said.")
    assert ids(coded_all(pipeline, two, "Attack")[0].actors) == set()


def test_participants_headline_attack_targets_the_story_target(pipeline):
    """A headline's attack with its attacker and no target is aimed at whom the story's attack by that side is."""
    text = ("U.S. Carries Out Precision Strike\n\n"
            "American forces conducted airstrikes on Sunday against depots used by Kata'ib Hezbollah near Al-Qaim.")
    assert ids(coded_all(pipeline, text, "Strike")[0].recipients) == {"kataib_hezbollah"}
    # the story's attack by another side gives the headline nothing
    other = ("U.S. Carries Out Precision Strike\n\n"
             "Kata'ib Hezbollah fired rockets at the Baghdad Diplomatic Support Center on Sunday.")
    assert ids(coded_all(pipeline, other, "Strike")[0].recipients) == set()


def test_participants_an_attack_at_a_garrisoned_base_hits_its_garrison(pipeline):
    """An attack that names no target, told in or at a base places.tsv garrisons, hit the garrison."""
    text = "The mortar attack inside Ain al-Asad air base on Tuesday caused minor damage."
    assert ids(coded(pipeline, text, "attack").recipients) == {"us_forces"}
    # a town hosts no garrison
    town = "The mortar attack in Erbil on Tuesday caused minor damage."
    assert ids(coded(pipeline, town, "attack").recipients) == set()


def test_participants_toll_after_the_attack_is_its_attackers(pipeline):
    text = ("U.S. aircraft struck a militia compound near Al-Qaim on Monday. Officials said six fighters were "
            "killed.")
    assert ids(coded_all(pipeline, text, "killed")[0].actors) & {"us_forces", "us_air_force"}
    # only right after the attack's sentence
    other = "U.S. aircraft struck a compound on Monday. The ministry held a meeting on Tuesday. Two civilians were killed."
    assert ids(coded_all(pipeline, other, "killed")[0].actors) == set()


def test_participants_the_same_group_reaches_further_back(pipeline):
    """"the same militia" names a group told before, further back than the previous sentence."""
    text = ("Kata'ib Hezbollah fired rockets at the base on Monday. U.S. aircraft struck a depot on Wednesday. "
            "Officials said the depot was used by the same militia that conducted the attacks.")
    assert ids(coded_all(pipeline, text, "attacks")[-1].actors) == {"kataib_hezbollah"}


def test_participants_the_attack_named_again_is_not_by_its_own_target(pipeline):
    """"The strikes destroyed facilities used by Iranian-backed groups" names again the strikes told before, not
    the attack those groups made in between."""
    text = ("U.S. forces conducted airstrikes in eastern Syria on Sunday. Iranian-backed militias fired rockets at a "
            "U.S. base on Monday. The strikes destroyed facilities used by Iranian-backed groups.")
    assert ids(coded_all(pipeline, text, "strikes")[-1].actors) == {"us_forces"}


def test_participants_an_engaged_target_is_no_doer():
    """"Three drones were engaged and destroyed": a passive of "engage" with no "in" phrase is done to its subject."""
    import spacy
    from spacy.tokens import Doc

    from lull.extract.events.arguments import agent
    from lull.extract.events.lexicon import load_lexicon
    from lull.settings import Settings

    words = ["Three", "drones", "were", "engaged", "and", "destroyed"]
    heads = [1, 3, 3, 3, 3, 3]
    deps = ["nummod", "nsubjpass", "auxpass", "ROOT", "cc", "conj"]
    pos = ["NUM", "NOUN", "AUX", "VERB", "CCONJ", "VERB"]
    tags = ["CD", "NNS", "VBD", "VBN", "CC", "VBN"]
    lemmas = ["three", "drone", "be", "engage", "and", "destroy"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas)
    lex = load_lexicon(Settings().event_patterns_path)
    rule = next(iter(lex.verbs.values()))
    assert agent(doc[5], rule, lex) is None


def names(actors) -> set[str]:
    return {a.name or a.text for a in actors}


LOCAL_PARTIES = [
    # a report set in one country: its unnamed protesters and its unowned security forces
    ("Fresh unrest hit Basra and Nasiriyah in southern Iraq. In Baghdad, security forces fired tear gas to disperse "
     "the crowds.", "disperse", {"Iraqi Security Forces"}),
    ("Fresh unrest hit Basra and Nasiriyah in southern Iraq. Demonstrators demanded the resignation of the "
     "provincial governor.", "demanded", {"Iraqi protesters"}),
    ("Fresh unrest hit Basra and Nasiriyah in southern Iraq on Friday. Protests spread to Kut on Saturday.",
     "Protests", {"Iraqi protesters"}),
    # a people or an owner named on the phrase keeps it
    ("Fresh unrest hit Basra and Nasiriyah in southern Iraq. Kurdish security forces fired tear gas to disperse "
     "the crowds.", "disperse", {"Peshmerga"}),
    # no country the report is set in: the phrase as it is
    ("Rockets hit a base in Iraq and a port in Syria. Demonstrators demanded an inquiry.", "demanded",
     {"Demonstrators"}),
]


@pytest.mark.parametrize(("text", "trigger", "actors"), LOCAL_PARTIES, ids=[t for _, t, _ in LOCAL_PARTIES])
def test_participants_local_people_are_the_country_s(pipeline, text, trigger, actors):
    assert names(coded(pipeline, text, trigger).actors) == actors


def test_participants_a_readout_s_closing_they_is_the_two_who_spoke(pipeline):
    """A readout: "X spoke with Y", then what X said, then "They agreed to ...": the two who spoke, however far
    back in the paragraph the call was told; without a joint act "they" keeps its nearest antecedent."""
    text = ("Secretary of Defense Lloyd J. Austin III spoke today with Iraqi Prime Minister Mohammed Shia al-Sudani. "
            "The Secretary condemned the rocket attack on Ain al-Asad Air Base. The Secretary thanked the Iraqi "
            "government for its investigation. The Secretary said that Kata'ib Hezbollah carried out the attack. "
            "They agreed to coordinate closely in the coming weeks.")
    assert ids(coded(pipeline, text, "agreed").actors) == {"lloyd_austin", "mohammed_shia_al_sudani"}


def test_participants_the_attack_named_again_is_not_by_its_target_s_generic_side(pipeline):
    """"The strikes destroyed depots used by Iranian-backed groups, including Kata'ib Hezbollah": the named
    members stand for the Iran-backed militias, so an attack by those militias told in between is not the one
    named again (a generic party and its members are one side)."""
    text = ("U.S. aircraft conducted airstrikes in eastern Syria on Sunday. Officials said Iranian-backed militias had "
            "carried out the rocket strikes on Erbil. The strikes destroyed weapons depots used by Iranian-backed "
            "groups, including Kata'ib Hezbollah.")
    assert ids(coded_all(pipeline, text, "strikes")[-1].actors) == {"us_air_force"}
