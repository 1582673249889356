"""Loaded-term detector on BABE (Bias Annotations By Experts): word-level precision, recall and F1.

Why: ``lull.analyse.framing`` counts loaded terms per outlet; this measures how
its lexicon (``data/lexicons/loaded_terms.yaml``, written for conflict
reporting and never tuned to BABE) finds the words that experts marked as
biased in 3,674 news sentences about US politics (SG2). The topic gap is
large, so the figure is a floor for the vocabulary-independent part of the
lexicon (so-called, regime, radical, emotive words), not an estimate on
conflict news.

Word level, micro-averaged over every sentence: a predicted word is a
lower-cased word inside a matched term; it is correct when the sentence's
``biased_words`` list holds it (each gold word matched once). Sentence level
(a sentence flagged when any term matches, against label_bias == "Biased") is
printed as a second row. Anchor: "zero" (flag nothing) for F1, and "all words"
(every word biased) to show the recall ceiling's precision.

Run: ``.venv/bin/python benchmarks/bench_babe.py`` (seconds). Texts are read
from the shared folder and never copied into the repository.
"""
from __future__ import annotations

import ast
import csv
import re
from collections import Counter

from _common import Row, benchmark_data, emit, load_function, missing_data_note, progress

FOLDER = "loaded-language-babe"
DATA = "BABE SG2, 3,674 sentences (US politics; 1,849 with word-level gold)"
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def prf(tp: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    folder = benchmark_data(FOLDER)
    if folder is None:
        emit(Row("loaded language", DATA, "word F1", None, notes=missing_data_note(FOLDER), status="skipped"))
        return
    loaded_words = load_function("lull.analyse.framing", "loaded_words")
    if isinstance(loaded_words, str):
        emit(Row("loaded language", DATA, "word F1", None, notes=loaded_words, status="skipped"))
        return
    from lull.analyse.framing import Lexicon

    lexicon = Lexicon.load()
    tp = predicted = gold_total = all_tp = all_predicted = 0
    sentence = Counter()
    rows = 0
    with open(folder / "final_labels_SG2.csv", encoding="utf-8-sig", newline="") as handle:
        for record in csv.DictReader(handle, delimiter=";"):
            rows += 1
            text = record["text"]
            try:
                gold = [w.lower() for w in ast.literal_eval(record["biased_words"] or "[]")]
            except (ValueError, SyntaxError):
                gold = []
            gold_words = Counter(w for g in gold for w in _WORD.findall(g))
            found = Counter(loaded_words(text, lexicon=lexicon))
            tp += sum((found & gold_words).values())
            predicted += sum(found.values())
            gold_total += sum(gold_words.values())
            words = Counter(w.lower() for w in _WORD.findall(text))
            all_tp += sum((words & gold_words).values())
            all_predicted += sum(words.values())
            if record["label_bias"] in ("Biased", "Non-biased"):
                sentence[(bool(found), record["label_bias"] == "Biased")] += 1
    p, r, f = prf(tp, predicted, gold_total)
    ap, ar, af = prf(all_tp, all_predicted, gold_total)
    progress(f"word level: P {p:.3f} R {r:.3f} F1 {f:.3f} (tp {tp}, predicted {predicted}, gold {gold_total})")
    emit(Row("loaded language", DATA, "word F1", f, anchors={"zero": 0.0, "all words": af}, n=gold_total,
             notes=f"word P {p:.3f} R {r:.3f}; all-words anchor P {ap:.3f} R {ar:.3f}; lexicon written for "
                   "conflict news, never tuned to BABE"))
    sp, sr, sf = prf(sentence[(True, True)], sentence[(True, True)] + sentence[(True, False)],
                     sentence[(True, True)] + sentence[(False, True)])
    emit(Row("loaded language", DATA, "sentence F1 (Biased)", sf, anchors={"zero": 0.0}, n=sum(sentence.values()),
             notes=f"sentence P {sp:.3f} R {sr:.3f}; flagged when any loaded term matches"))


if __name__ == "__main__":
    main()
