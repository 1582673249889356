"""Label mappings and metrics of the external event benchmarks (benchmarks/bench_plover_gsr.py,
bench_wikievents.py, bench_speed.py).

The benchmark figures are only as good as these pieces, so they are pinned
here on hand-built inputs (never on benchmark texts, which must not enter the
repo). Sentences are our own, written in the style of the motivating corpus.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from lull.records import Actor, Mention, Place, Span

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import bench_plover_gsr as plover
import bench_speed as speed
import bench_wikievents as wiki
import bench_wikievents_claims as wiki_claims

# --- PLOVER GSR ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("DEMAND", "REQUEST"),
        ("DISAPPROVE", "ACCUSE"),
        ("INVESTIGATE", "ACCUSE"),
        ("FIGHT", "ASSAULT"),
        ("ASSAULT", "ASSAULT"),
        ("AGREE", "AGREE"),
        ("THREATEN", "THREATEN"),
    ],
)
def test_bench_plover_map_label_follows_plover_2(old: str, new: str) -> None:
    assert plover.map_label(old) == new


def test_bench_plover_parse_gold_skips_header_and_reads_actor_sides() -> None:
    records = [
        {"id": "H", "event": "DOCUMENT"},
        {"id": "1", "event": "DEMAND", "text": "Kataib Hezbollah demanded that US forces leave Iraq.",
         "source": [{"actorText": "Kataib Hezbollah", "code": "IRQ"}], "target": [{"actorText": "US forces"}]},
        {"id": "2", "event": "FIGHT", "text": "Militias clashed near Tower 22.", "source": [{"actorText": " "}],
         "target": ""},
        {"id": "3", "event": "AGREE", "text": "The factions agreed to a pause."},
    ]
    gold = plover.parse_gold(records)
    assert [(g.id, g.event, g.sources, g.targets) for g in gold] == [
        ("1", "REQUEST", ("Kataib Hezbollah",), ("US forces",)),
        ("2", "ASSAULT", (), ()),
        ("3", "AGREE", (), ()),
    ]


KB_IDS = {"islamic resistance in iraq": "iri", "iri": "iri"}


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        ([("Kataib Hezbollah", None)], ["Kata'ib Hezbollah"], True),  # shared content word
        ([("the Pentagon", "us-dod")], ["the Iraqi government"], False),  # "the" does not count
        ([("The Islamic Resistance in Iraq", "iri")], ["IRI"], True),  # same KB id, no shared word
        ([("the militia", None)], ["the government", "the army"], False),
        ([("US forces", None), ("Iran", None)], ["Iranian proxies", "Iran"], True),  # any-any
        ([], ["Iran"], False),
    ],
)
def test_bench_plover_actors_match_by_words_or_kb_id(predicted, gold, expected) -> None:
    assert plover.actors_match(predicted, gold, lambda t: KB_IDS.get(t.lower())) is expected


def test_bench_plover_macro_f1_counts_none_against_recall_only() -> None:
    gold = ["ASSAULT", "ASSAULT", "THREATEN", "CONCEDE"]
    predicted = ["ASSAULT", plover.NO_EVENT, "THREATEN", "THREATEN"]
    scores = plover.per_class_f1(gold, predicted)
    assert scores["ASSAULT"] == pytest.approx((1.0, 0.5, 2 / 3))
    assert scores["THREATEN"] == pytest.approx((0.5, 1.0, 2 / 3))
    assert scores["CONCEDE"] == (0.0, 0.0, 0.0)
    assert plover.NO_EVENT not in scores
    assert plover.macro_f1(gold, predicted) == pytest.approx(4 / 9)
    assert plover.accuracy(gold, predicted) == 0.5


def test_bench_plover_majority_baseline_breaks_ties_alphabetically() -> None:
    gold = ["REJECT", "AGREE", "REJECT", "AGREE", "ASSAULT"]
    assert plover.majority_baseline(gold) == ["AGREE"] * 5
    assert plover.accuracy(gold, plover.majority_baseline(gold)) == pytest.approx(0.4)


def test_bench_plover_side_accuracy_ignores_sentences_without_gold_side() -> None:
    gold_sides = [("Kataib Hezbollah",), (), ("US forces",)]
    predicted = [[("Kataib Hezbollah", None)], [("anyone", None)], []]
    assert plover.side_accuracy(gold_sides, predicted, lambda t: None) == (0.5, 2)


# --- WikiEvents ---------------------------------------------------------------------------------

# Gold offsets deliberately point elsewhere (as in the real files): rebuild() must not use them.
RECORD = {
    "doc_id": "d1",
    "sentences": [
        [[["Two", 90, 93], ["gunmen", 94, 100], ["attacked", 101, 109], ["the", 0, 0], ["base", 0, 0],
          ["in", 0, 0], ["Erbil", 0, 0], [".", 0, 0]], "Two gunmen attacked the base in Erbil."],
        [[["Officials", 0, 0], ["blamed", 0, 0], ["Kataib", 0, 0], ["Hezbollah", 0, 0], [".", 0, 0]],
         "Officials  blamed Kataib Hezbollah."],
    ],
    "entity_mentions": [
        {"id": "T1", "sent_idx": 0, "start": 0, "end": 2, "text": "Two gunmen"},
        {"id": "T2", "sent_idx": 0, "start": 4, "end": 5, "text": "base"},
        {"id": "T3", "sent_idx": 0, "start": 6, "end": 7, "text": "Erbil"},
        {"id": "T4", "sent_idx": 1, "start": 10, "end": 12, "text": "Kataib Hezbollah"},
    ],
    "event_mentions": [
        {"id": "E1", "event_type": "Conflict.Attack.Unspecified",
         "trigger": {"start": 2, "end": 3, "text": "attacked", "sent_idx": 0},
         "arguments": [{"entity_id": "T1", "role": "Attacker"}, {"entity_id": "T2", "role": "Target"},
                       {"entity_id": "T3", "role": "Place"}, {"entity_id": "T4", "role": "Attacker"}]},
    ],
}


def test_bench_wikievents_rebuild_relocates_tokens_and_keeps_same_sentence_args() -> None:
    gold = wiki.rebuild(RECORD)
    assert gold.text == "Two gunmen attacked the base in Erbil. Officials  blamed Kataib Hezbollah."
    assert gold.sentences == ((0, 38), (39, 74))
    (event,) = gold.events
    assert gold.text[event.trigger[0]:event.trigger[1]] == "attacked"
    # the cross-sentence Attacker (T4) is left out: we code sentence by sentence
    assert [(role, gold.text[a:b]) for role, (a, b) in event.args] == [
        ("Attacker", "Two gunmen"), ("Target", "base"), ("Place", "Erbil")]


def test_bench_wikievents_rebuild_names_the_document_when_a_token_is_missing() -> None:
    broken = {**RECORD, "sentences": [[[["drone", 0, 5]], "No such word here."]]}
    with pytest.raises(ValueError, match="d1: token 'drone'"):
        wiki.rebuild(broken)


@pytest.mark.parametrize(("char", "expected"), [(0, 0), (37, 0), (38, None), (39, 1), (74, 1), (75, None)])
def test_bench_wikievents_sentence_of_uses_gold_boundaries(char: int, expected: int | None) -> None:
    assert wiki.sentence_of(((0, 38), (39, 75)), char) == expected


def test_bench_wikievents_prf_on_argument_triples() -> None:
    gold = {(0, "Attacker", 4), (0, "Target", 24), (0, "Place", 32)}
    predicted = {(0, "Attacker", 4), (0, "Target", 20)}
    assert wiki.prf(predicted, gold) == pytest.approx((0.5, 1 / 3, 0.4))
    assert wiki.prf(set(), gold) == (0.0, 0.0, 0.0)


def _mention(gold: wiki.GoldDoc, *, type_: str, trigger: str, actors=(), recipients=(), place=None) -> Mention:
    start = gold.text.index(trigger)
    sent = gold.sentences[0]
    return Mention(id="m", doc_id=gold.id, sentence=Span(gold.id, sent[0], sent[1], gold.text[sent[0]:sent[1]]),
                   trigger=Span(gold.id, start, start + len(trigger), trigger), rule_id="r", type=type_,
                   actors=tuple(Actor(t) for t in actors), recipients=tuple(Actor(t) for t in recipients),
                   place=Place(place) if place else None)


def test_bench_wikievents_arguments_match_on_head_token(nlp) -> None:
    gold = wiki.rebuild(RECORD)
    sdoc = nlp(gold.text)
    gargs = wiki.gold_args(gold, sdoc)
    assert gargs == {(0, "Attacker", 4), (0, "Target", 24), (0, "Place", 32)}  # heads: gunmen, base, Erbil
    ours = wiki.our_attacks(gold, sdoc, [
        _mention(gold, type_="ASSAULT", trigger="attacked", actors=["gunmen"], recipients=["the base"],
                 place="Baghdad"),
        _mention(gold, type_="THREATEN", trigger="attacked", actors=["Two gunmen"]),  # not ASSAULT: ignored
    ])
    (attack,) = ours
    assert attack.sent_idx == 0 and attack.trigger == (11, 19)
    assert attack.args == {(0, "Attacker", 4), (0, "Target", 24)}  # Baghdad is not in the sentence


def test_bench_wikievents_tally_scores_recall_precision_and_arguments(nlp) -> None:
    gold = wiki.rebuild(RECORD)
    sdoc = nlp(gold.text)
    tally = wiki.Tally()
    hit = wiki.Predicted(0, (0, 3), frozenset({(0, "Attacker", 4)}))  # same sentence, trigger elsewhere
    stray = wiki.Predicted(1, (49, 55), frozenset())
    tally.add(gold, [hit, stray], wiki.gold_args(gold, sdoc))
    assert (tally.gold_attacks, tally.sentence_hits, tally.trigger_hits) == (1, 1, 0)
    assert (tally.predicted, tally.predicted_in_harm_sentence) == (2, 1)
    assert tally.arg_scores() == pytest.approx((1.0, 1 / 3, 0.5))
    assert tally.arg_scores("Place") == (0.0, 0.0, 0.0)


def test_bench_wikievents_keyword_baseline_uses_ontology_keywords(nlp) -> None:
    ontology = {"Conflict.Attack.Unspecified": {"keywords": ["attack", "shot"]},
                "Life.Die.Unspecified": {"keywords": ["blamed"]}}
    keywords = wiki.attack_keywords(ontology)
    assert keywords == {"attack", "shot"}
    gold = wiki.rebuild(RECORD)
    predicted = wiki.baseline_attacks(gold, nlp(gold.text), keywords)
    assert [(p.sent_idx, gold.text[p.trigger[0]:p.trigger[1]]) for p in predicted] == [(0, "attacked")]


# --- speed --------------------------------------------------------------------------------------


def test_bench_speed_repeat_to_cycles_in_order() -> None:
    assert speed.repeat_to(["a", "b", "c"], 7) == ["a", "b", "c", "a", "b", "c", "a"]
    with pytest.raises(ValueError, match="no texts"):
        speed.repeat_to([], 3)


def test_bench_speed_best_of_warms_up_once_then_times_each_repeat() -> None:
    calls = []
    seconds = speed.best_of(lambda: calls.append(1), repeats=3)
    assert len(calls) == 4 and seconds >= 0.0


def test_bench_speed_corpus_texts_reads_index_dates() -> None:
    corpus = speed.shared_dir() / "corpus-dev"
    if not corpus.is_dir():
        pytest.skip(f"{corpus} is absent; set LULL_SHARED to the shared data folder")
    texts = speed.corpus_texts(corpus)
    n_txt = len(list(corpus.glob("*.txt")))
    assert len(texts) == n_txt + len(list(speed.SAMPLES.glob("*.txt")))
    assert texts[0][1] == "2021-02-16"  # corpus-dev 001: a dated State Department statement
    assert all(day is None for _, day in texts[n_txt:])


# --- protocol -----------------------------------------------------------------------------------


@pytest.mark.parametrize("module", [plover, wiki, speed], ids=["plover_gsr", "wikievents", "speed"])
def test_bench_scripts_print_a_skipped_row_when_shared_data_is_absent(module, tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("LULL_SHARED", str(tmp_path))
    assert module.main([]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    row = json.loads(line)
    assert row["benchmark"] == module.BENCHMARK and row["status"] == "skipped" and row["ours"] is None
    assert str(tmp_path) in row["notes"] and "LULL_SHARED" in row["notes"]


# --- WikiEvents claims ----------------------------------------------------------------------------


def test_wikievents_claims_reads_every_lull_casualty_unit_as_a_harm_unit():
    """lull names casualty units as the coding manual does (killed, injured, casualties); the bench must
    read each as a WikiEvents harm unit, or precision and unit accuracy silently fall to zero."""
    from lull.extract.claims.numbers.rules import CASUALTY_UNITS

    harm = {*wiki_claims.HARM_UNITS.values(), wiki_claims.EITHER}
    assert {wiki_claims.LULL_UNITS.get(unit, unit) for unit in CASUALTY_UNITS} <= harm
