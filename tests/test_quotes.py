"""Quotes (lull_quotes): tables of real sentences -> expected speech records with their speakers.

Sentences come from the bundled samples and from /work/shared/corpus-dev
(public-domain US government texts and CC BY-SA Wikipedia excerpts), quoted
inline so each row reads as the spec. The pipeline is the real one (spaCy
model, actor ruler, actor KB), built once per module.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from lull.errors import ConfigError
from lull.extract.claims.attribution import (
    attribute,
    find_hedge,
    list_blocks,
    statement_blocks,
    load_speech_rules,
)
from lull.ingest import read_inputs
from lull.records import Document, Quote
from lull.vocabulary import Policy
from lull.settings import Settings

SAMPLES = Path(__file__).resolve().parent.parent / "src" / "lull" / "data" / "samples"


@pytest.fixture(scope="module")
def pipeline():
    from lull.nlp.pipeline import build_pipeline
    from lull.knowledge.actors import ActorKB
    from lull.knowledge import Knowledge

    nlp = build_pipeline(Settings(), knowledge=Knowledge.load(Settings()))
    assert "lull_quotes" in nlp.pipe_names
    return nlp


@pytest.fixture(scope="module")
def rules():
    return load_speech_rules(Settings().speech_rules_path)


def parse(nlp, text: str, doc_id: str = "test-doc"):
    doc = nlp.make_doc(text)
    doc._.lull_doc_id = doc_id
    return nlp(doc)


def quotes_of(nlp, text: str) -> list[Quote]:
    return parse(nlp, text)._.lull_quotes


def sample(stem: str) -> Document:
    found = [d for d in read_inputs([str(SAMPLES / f"{stem}.txt")], settings=Settings()) if isinstance(d, Document)]
    assert found, f"sample {stem} did not ingest"
    return found[0]


def sample_quotes(nlp, stem: str) -> list[Quote]:
    document = sample(stem)
    return parse(nlp, document.text, document.id)._.lull_quotes


def one(quotes: list[Quote], content: str) -> Quote:
    found = [q for q in quotes if content in q.content.text]
    assert found, f"no quote with {content!r}; got {[q.content.text[:60] for q in quotes]}"
    return found[0]


# --- one sentence, one quote ----------------------------------------------------------------------------

SINGLE = [
    # text, content fragment, kind, speaker id, speaker_text, role, cue
    ("Security expert Mohammad Al-Basri acknowledged the existence of what he termed an unannounced ceasefire "
     "between the armed factions and the Americans, under the patronage of the Sudani government.",
     "the existence of what he termed", "indirect", "mohammad_al_basri", "Security expert Mohammad Al-Basri",
     "Security expert", "acknowledged"),
    ("According to Ihsan al-Shammari, head of the Iraqi Political Thinking Center, several factors have "
     "contributed to the cessation of these attacks.",
     "several factors have contributed", "indirect", "ihsan_al_shammari", "Ihsan al-Shammari",
     "head of the Iraqi Political Thinking Center", "according to"),
    ("Iraqi political analyst Ahmed Al-Alwani attributed the halt in attacks to explicit warnings from U.S. "
     "Ambassador Alina Romanowski.",
     "the halt in attacks to explicit warnings", "indirect", "ahmed_al_alwani",
     "Iraqi political analyst Ahmed Al-Alwani", "Iraqi political analyst", "attributed"),
    ("Akram al-Kaabi, secretary general of the Iranian-backed al-Nujaba Movement, said in a statement that the "
     "current calm is only a tactic for repositioning and deployment.",
     "the current calm is only a tactic", "statement", "akram_al_kaabi", "Akram al-Kaabi",
     "secretary general of the Iranian-backed al-Nujaba Movement", "said"),
    ("The Baghdad-based media quoted the US-based Cradle Magazine as saying that the resistance groups in Iraq "
     "have halted their raids against the American military personnel.",
     "the resistance groups in Iraq have halted", "indirect", "the_cradle", "the US-based Cradle Magazine",
     None, "saying"),
    ("BaghdadToday website also mentioned that in secret negotiations, the Iraqi premier promised the resistance "
     "groups that he will make diplomatic efforts.",
     "in secret negotiations", "indirect", "baghdad_today", "BaghdadToday website", None, "mentioned"),
    ("\"There's not much more that I'll be able to add at this point,\" the secretary of defense said.",  # corpus-dev 005
     "There's not much more", "direct", None, "the secretary of defense", None, "said"),
]


@pytest.mark.parametrize("text,content,kind,speaker,speaker_text,role,cue", SINGLE)
def test_quotes_speaker_role_and_cue_from_one_sentence(pipeline, text, content, kind, speaker, speaker_text, role, cue):
    q = one(quotes_of(pipeline, text), content)
    assert (q.kind, q.speaker.id if q.speaker else None, q.speaker_text, q.role, q.cue) == (
        kind, speaker, speaker_text, role, cue)
    assert text[q.content.start:q.content.end] == q.content.text
    assert q.sentence.text in text


NOT_SPEECH = [
    # "It is said": a hedge, not a speaker
    "It is said that during a recent meeting with resistance commanders in Baghdad, Brigadiar General Qaani "
    "presented clear and logical reasons for halting attacks.",
    # corpus-dev 045: "deny" as an action
    "The United States will deny funding and resources to terrorists.",
    # a source-less "according to"
    "The situation seems to be heading towards a ceasefire to allow more time for the expulsion of those forces "
    "according to the mechanisms desired by Baghdad.",
    # scare quotes are not speech
    "Al-Sudani's government, labeled the \"Resistance Government,\" has shown partial compliance.",
    # corpus-dev 026: "continue" with a non-speaker subject
    "If these attacks continue, the United States will act at a time and in a manner of our choosing.",
    # a document with no named author
    "A recent report suggested that the attacks had declined.",
    # a negated reporting verb says nothing
    "The ministry did not disclose the number of casualties in the attack.",
    # a count of claimed attacks is the outlet's tally, not a statement
    "ISIS claimed fewer attacks this year than in the previous year.",
    # words running into the end of a cut-off text
    "The command noted that partner forces, while improving in some areas, co",
]


@pytest.mark.parametrize("text", NOT_SPEECH)
def test_quotes_none_without_a_speaker(pipeline, text):
    assert quotes_of(pipeline, text) == []


# --- responsibility, passives, characterisations, speech nouns, readouts ---------------------------------------

MORE = [
    # text, content fragment, kind, speaker id, speaker_text
    # a claim of responsibility is a quote; its words stop before a relative clause on the event
    ("Kataib Hezbollah claimed responsibility for the rocket attack on the base, which wounded three soldiers.",
     "claimed responsibility for the rocket attack on the base", "statement", "kataib_hezbollah", "Kataib Hezbollah"),
    # "the group" in a later paragraph: the group the text named
    ("Kataib Hezbollah is an Iraqi militia founded in 2003.\n\nLast year, the group claimed responsibility for a "
     "drone attack on a US base.", "claimed responsibility for a drone attack", "statement", "kataib_hezbollah",
     "Kataib Hezbollah"),
    # a passive claim: the agent, named inside its description
    ("The strike was claimed by a faction calling itself the Islamic Resistance in Iraq.",
     "claimed by a faction", "indirect", "islamic_resistance_in_iraq", "Islamic Resistance in Iraq"),
    # an impersonal passive and an agentless characterisation: unnamed sources; quoted words are direct
    ("It was widely believed that the drone was launched by a militia.",
     "the drone was launched by a militia", "indirect", None, "unnamed sources"),
    ("The faction has been described as \"a rising force\" in the region.",
     "a rising force", "direct", None, "unnamed sources"),
    # a speech noun's that-clause, by the noun's author
    ("Officials dismissed allegations by local lawmakers that the militia had received weapons from abroad.",
     "the militia had received weapons", "indirect", None, "local lawmakers"),
    # a readout: "the Secretary" is the secretary the text named; "welcomed" reports what he said
    ("Secretary of State Antony Blinken spoke with the Iraqi Prime Minister. The Secretary welcomed the "
     "government's decision to protect diplomats.", "the government's decision", "indirect", "antony_blinken",
     "Antony Blinken"),
    # "As X said, ...": the main clause is X's
    ("As the minister said, the talks with the coalition will continue next week.",
     "the talks with the coalition will continue", "indirect", None, "the minister"),
    # a quotation after a colon belongs to the subject of the clause before it
    ("At a news conference, Prime Minister Mohammed Shia al-Sudani sent a clear message: \u201cIraq will not be a "
     "launchpad for attacks on its neighbours.\u201d", "Iraq will not be a launchpad", "direct",
     "mohammed_shia_al_sudani", "Prime Minister Mohammed Shia al-Sudani"),
    # mixed quote marks still open and close a quotation
    ("\"We will respond at a time and place of our choosing,\u201d said the Pentagon spokesman.",
     "We will respond at a time", "direct", None, "the Pentagon spokesman"),
    # "according to the press secretary": the press secretary named before
    ("Pentagon Press Secretary John Kirby spoke to reporters on Friday.\n\nAccording to the press secretary, the "
     "strikes destroyed two weapons depots near the border.", "the strikes destroyed two weapons depots", "indirect",
     "john_kirby", "John Kirby"),
    # a document speaks for its named author; an unsigned one says nothing (NOT_SPEECH)
    ("A report by the Washington Institute suggested that the militia might have ties to Kataib Hezbollah.",
     "the militia might have ties", "statement", "washington_institute", "the Washington Institute"),
    ("A March report in The Hill indicates that the faction is still part of the PMF.",
     "the faction is still part of the PMF", "indirect", None, "The Hill"),
    # "As you've heard from X, ...": the main clause is X's
    ("As you've heard from the president, our forces in the region are ready to assist as needed.",
     "our forces in the region are ready", "indirect", None, "the president"),
    # a stated intention: the to-infinitive
    ("Nujaba officials threatened to attack U.S. bases in the region.", "to attack U.S. bases", "indirect", None,
     "Nujaba officials"),
]


@pytest.mark.parametrize("text,content,kind,speaker,speaker_text", MORE)
def test_quotes_responsibility_passives_characterisations_and_readouts(pipeline, text, content, kind, speaker,
                                                                       speaker_text):
    found = [q for q in quotes_of(pipeline, text) if content in q.content.text]
    assert [(q.kind, q.speaker.id if q.speaker else None) for q in found if q.speaker_text == speaker_text] == [
        (kind, speaker)], [(q.kind, q.speaker_text, q.content.text) for q in found]
    assert all(text[q.content.start:q.content.end] == q.content.text for q in found)


# --- continued speech, posts, statements, lists -------------------------------------------------------------


def test_quotes_continued_speech_goes_to_the_last_named_speaker(pipeline):
    text = ("Al-Basri stated, \"In the past weeks, there have been no recorded attacks on US bases.\"\n\n"
            "He added that \"the government and other parties with connections sought a ceasefire,\" noting that "
            "the factions' trust in Sudani has contributed to achieving this ceasefire.")
    quotes = quotes_of(pipeline, text)
    added = one(quotes, "the government and other parties")
    noting = one(quotes, "the factions' trust in Sudani")
    assert (added.kind, added.cue, added.speaker.id) == ("direct", "added", "mohammad_al_basri")
    assert (noting.kind, noting.cue, noting.speaker.id) == ("indirect", "noting", "mohammad_al_basri")
    assert "+pronoun" in added.rule_id


def test_quotes_bare_quotation_continues_the_speaker(pipeline):
    # corpus-dev 015
    text = ("\"It's our assessment that these groups are testing and attempting to see how we might respond,\" Ryder "
            "said in a press availability. \"I think, based on the strikes that we have taken, we've sent a very loud "
            "and clear message and a proportional message.\"")
    q = one(quotes_of(pipeline, text), "I think, based on the strikes")
    assert (q.kind, q.rule_id, q.speaker.id, q.cue) == ("direct", "quote.direct.continued", "pat_ryder", None)


def test_quotes_bare_quotation_after_a_statement_continues_the_statement(pipeline):
    text = ("Akram al-Kaabi, secretary general of the Iranian-backed al-Nujaba Movement, said in a statement that the "
            "current calm is only a tactic for repositioning and deployment. \"It is only the calm before the storm.\"")
    q = one(quotes_of(pipeline, text), "calm before the storm")
    assert (q.kind, q.rule_id, q.speaker.id) == ("statement", "quote.statement.continued", "akram_al_kaabi")
    assert q.role == "secretary general of the Iranian-backed al-Nujaba Movement"


def test_quotes_post_on_x_takes_the_quotation_on_the_next_line(pipeline):
    text = ("Mohammad al-Tamimi, secretary-general of the “Faithful Promise Corps”, accused Iran of abandoning its "
            "allies.\nAl-Tamimi wrote on X (formerly Twitter):\n“The new Middle East did not begin with Assad’s fall "
            "but rather with Soleimani’s assassination.”\n")
    q = one(quotes_of(pipeline, text), "The new Middle East")
    assert (q.kind, q.cue, q.speaker.id) == ("post", "wrote on X", "mohammad_al_tamimi")
    assert q.sentence.text.startswith("Al-Tamimi wrote on X")


def test_quotes_statement_of_an_organisation_resolves_the_committee(pipeline):
    document = sample("001_ae9f28d4ec3f0c99")
    quotes = parse(pipeline, document.text, document.id)._.lull_quotes
    denied = one(quotes, "claims of the collapse")
    highlighted = one(quotes, "316 attacks")
    for q in (denied, highlighted):
        assert (q.kind, q.speaker.id) == ("statement", "coordinating_committee_of_iraqi_factions")
    assert denied.policies == {Policy.DENIAL} and Policy.DENIAL not in highlighted.policies
    assert attribute(denied.content.start, denied.content.end, quotes, text="", rules=load_speech_rules(Settings().speech_rules_path)).denies


def test_quotes_the_statement_said_is_its_author(pipeline):
    text = ("Akram al-Kaabi, secretary general of the Iranian-backed al-Nujaba Movement, said in a statement that the "
            "current calm is only a tactic.\n\"Although the Islamic resistance did not reject the government's "
            "negotiations to schedule the U.S. withdrawal from Iraq, we affirm that the U.S. occupier is a liar,\" "
            "the statement said.\n")
    q = one(quotes_of(pipeline, text), "Although the Islamic resistance")
    assert (q.kind, q.speaker.id, q.cue) == ("statement", "akram_al_kaabi", "said")


def test_quotes_list_items_under_an_attributed_lead(pipeline):
    quotes = sample_quotes(pipeline, "001_ae9f28d4ec3f0c99")
    for content in ("The killing of figures like Hassan Nasrallah", "The push for international condemnation",
                    "The U.S., Israel, and their allies have managed"):
        q = one(quotes, content)
        assert q.rule_id.endswith("list_item"), q
    assert one(quotes, "The killing of figures").speaker.id == "ihsan_al_shammari"
    assert one(quotes, "The push for international").cue == "pointed out"  # "He pointed out that:" -> Al-Shammari
    assert one(quotes, "The push for international").speaker.id == "ihsan_al_shammari"
    assert one(quotes, "The U.S., Israel, and their allies").speaker.id == "ahmed_al_alwani"
    # an item that names its own speaker keeps it, once
    warnings = [q for q in quotes if "Israel’s warnings of targeted strikes" in q.content.text]
    assert len(warnings) == 1 and warnings[0].cue == "noted" and warnings[0].speaker.id == "ihsan_al_shammari"


def test_quotes_ids_are_stable_and_provenance_points_into_the_text(pipeline):
    document = sample("002_605ee820a628266e")
    first = parse(pipeline, document.text, document.id)._.lull_quotes
    second = parse(pipeline, document.text, document.id)._.lull_quotes
    assert [q.id for q in first] == [q.id for q in second]
    assert len({q.id for q in first}) == len(first) >= 5
    for q in first:
        assert q.doc_id == document.id
        assert document.text[q.content.start:q.content.end] == q.content.text
        assert document.text[q.sentence.start:q.sentence.end] == q.sentence.text


# --- attribution helpers ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text,hedge", [
    ("It is said that during a recent meeting ... Qaani presented clear and logical reasons", "it is said"),
    ("The U.S. has reportedly pressured Iraqi Prime Minister Mohammed Shia’ Al-Sudani to halt the attacks.",
     "reportedly"),
    ("It seems that the armed Iraqi factions have come to the conclusion that confrontation is impossible.",
     "it seems"),
    ("The situation currently seems to be heading towards a ceasefire.", "it seems"),
    ("Later, the Islamic Resistance in Iraq suspended their attacks on U.S. bases.", None),
])
def test_attribution_hedges(rules, text, hedge):
    assert find_hedge(text, rules) == hedge


def test_attribution_list_blocks_find_leads_items_and_labels(rules):
    text = ("Intro line.\nAccording to X, several factors have contributed:\n- Impact of Assassinations: The killing "
            "of leaders.\n- Plain item without label\nAfter the list.\n")
    (block,) = list_blocks(text, rules)
    assert text[block.lead_start:block.lead_end].endswith("contributed:")
    assert [i.label for i in block.items] == ["Impact of Assassinations", None]
    assert text[block.items[0].content_start:].startswith("The killing")
    assert text[block.items[1].content_start:].startswith("Plain item")


def test_attribution_speech_rules_errors_name_the_file(tmp_path):
    bad = tmp_path / "speech.yaml"
    bad.write_text("version: 1\nreporting_verbs: [{id: say, lemmas: [say]}]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="speech.yaml"):
        load_speech_rules(bad)
    broken = tmp_path / "broken.yaml"
    broken.write_text("reporting_verbs: [", encoding="utf-8")
    with pytest.raises(ConfigError, match="broken.yaml"):
        load_speech_rules(broken)


@pytest.mark.parametrize("text", [
    "The attack, which the group claimed, killed three soldiers near the border.",
    "What the minister confirmed was only the date of the talks.",
])
def test_quotes_object_before_its_verb_does_not_break_extraction(pipeline, text):
    doc = pipeline(text)
    assert all(q.content.text for q in doc._.lull_quotes)


# --- briefing transcripts (own text, DoD briefing style) -------------------------------------------------------

_BRIEFING = ("Pentagon Press Secretary Jane Q. Doe Holds a Press Briefing\n\n"
             "PRESS SECRETARY JANE Q. DOE: Good afternoon, everyone. Thanks for joining.\n\n"
             "Earlier today our forces struck two depots used by the militia in the east.\n\n"
             "We will keep protecting our people in the region.\n\n"
             "Q: Did the militia claim the drone attack on the base last week?\n\n"
             "MS. DOE: We have seen those claims, and we are still assessing them.\n")


@pytest.mark.parametrize(("label", "reporter", "first_words"), [
    ("PRESS SECRETARY JANE Q. DOE", False, "Earlier today"),  # the greeting paragraph is no quote
    ("Q", True, "Did the militia"),
    ("MS. DOE", False, "We have seen"),
])
def test_quotes_transcript_turns_split_at_speaker_labels(label, reporter, first_words):
    from lull.extract.claims.attribution import load_speech_rules, transcript_turns

    turns = {t.label: t for t in transcript_turns(_BRIEFING, load_speech_rules(Settings().speech_rules_path))}
    turn = turns[label]
    assert turn.reporter is reporter
    start, _ = turn.paragraphs[0]
    assert _BRIEFING[start:].startswith(first_words)


@pytest.mark.parametrize("text", [
    "WASHINGTON: Officials said on Monday that talks would resume.",  # a dateline, not a speaker
    "VIRIN: 240101-D-XX000-0001\n\nSOURCE: staff reporting",  # photo ids and credits
])
def test_quotes_transcript_turns_ignore_datelines_and_credits(text):
    from lull.extract.claims.attribution import load_speech_rules, transcript_turns

    assert transcript_turns(text, load_speech_rules(Settings().speech_rules_path)) == []


# --- statements released whole (sentences written for these tests) ------------------------------------

STATEMENTS = [
    # (text, paragraphs quoted, speaker text contains)
    ("Press release\n\nSecretary of State Antony J. Blinken released the following statement:\n\n"
     "We condemn the drone strike on the airport in Erbil. Those responsible must be held to account.\n\n"
     "We stand with our partners in the Kurdistan Region.\n", 2, "Blinken"),
    ("Strike in eastern Syria\n\n(Attributable to Pentagon Press Secretary John Kirby)\n\n"
     "“Tonight U.S. forces struck a weapons depot used by militia groups that attacked our personnel.”\n", 1,
     "Kirby"),
    ("The below is attributable to Spokesperson Jane Porter:\n\n"
     "The Secretary spoke today with the Prime Minister about the recent attacks on coalition bases.\n", 1,
     "Porter"),
    ("Gen. Maria Ortiz\n\nRemarks on the Gulf\n\ndelivered 3 May 2022, Press Room\n\nAudio of Address\n\n"
     "All right, good morning. Our forces intercepted four drones over the weekend near the base.\n", 1,
     "Ortiz"),
]


@pytest.mark.parametrize("text,paragraphs,speaker", STATEMENTS)
def test_quotes_statement_paragraphs_are_direct_quotes_of_the_header_speaker(pipeline, text, paragraphs, speaker):
    found = [q for q in quotes_of(pipeline, text) if q.rule_id.startswith("quote.direct.statement.")]
    assert len(found) == paragraphs
    for quote in found:
        assert quote.kind == "direct" and speaker in (quote.speaker_text or "")
        assert quote.content.text[:1] not in "“\"" and quote.content.text[-1:] not in "”\""
        assert not quote.content.text.lower().startswith(("all right", "good morning", "audio"))


def test_attribution_statement_blocks_stop_at_a_transcript_label(rules):
    text = ("(Attributable to Spokesperson Jane Porter)\n\nThe Secretary will travel to Baghdad next week.\n\n"
            "Q: Will he meet the Prime Minister?\n")
    [block] = statement_blocks(text, rules)
    assert [text[s:e] for s, e in block.paragraphs] == ["The Secretary will travel to Baghdad next week."]
