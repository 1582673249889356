"""The cause-effect relation detector (``lull.extract.claims.causal``) on the Causal News Corpus V2 dev split.

Why: every explanation lull stores starts as a cause-effect relation found by
the cue lexicon in ``data/patterns/causal.yaml``; this measures that detector
alone, on protest news it was never written on (no armed-actor filter here).

* Subtask 1, causal sentence detection: a sentence is causal when
  ``find_relations`` returns a relation with a cause; precision, recall and
  F1 of label 1 over the 340 dev sentences.
* Subtask 2, spans: on the dev sentences with gold relations, system and gold
  relations of a sentence are matched one-to-one (greedy, by cause + effect
  token overlap); per matched pair the token F1 of cause, effect and signal;
  unmatched relations on either side score 0. Reported: the macro mean of the
  three (the shared task's headline figure), and the exact-span F1 of cause
  and effect. Tokens are the corpus's own whitespace tokens. This is our
  re-implementation of the task's scoring, not the upstream scorer.

The dev texts are read from the shared folder at run time, never copied, and
the rules were not tuned on them. Run: ``.venv/bin/python benchmarks/bench_causal_news.py``.
"""
from __future__ import annotations

import ast
import csv
import re
from pathlib import Path

from _common import Row, benchmark_data, emit, missing_data_note, progress

NAME = "causal-news-corpus"
BENCHMARK = "causal relations (Causal News Corpus V2)"
DATA = "CNC V2 dev: 340 protest-news sentences, 185 causal, 249 relations"
TAG = re.compile(r"</?(ARG0|ARG1|SIG\d+)>")
# published figures, from the folder's README
ANCHORS_S1 = {"best 2023 (V2 test)": 84.66, "BERT baseline (V2 dev)": 86.32}
ANCHORS_S2 = {"best 2023 (V2 test)": 72.79, "BERT baseline (V2 dev)": 62.71}


def _tagged(marked: str) -> tuple[str, dict[str, set[int]]]:
    """Plain text and, per role (cause, effect, signal), the whitespace-token indices it covers."""
    roles: dict[str, set[int]] = {"cause": set(), "effect": set(), "signal": set()}
    names = {"ARG0": "cause", "ARG1": "effect"}
    open_roles: list[str] = []
    words: list[str] = []
    for piece in re.split(r"(</?(?:ARG0|ARG1|SIG\d+)>)", marked):
        tag = TAG.fullmatch(piece)
        if tag is not None:
            role = names.get(tag.group(1), "signal")
            if piece.startswith("</"):
                if role in open_roles:
                    open_roles.remove(role)
            else:
                open_roles.append(role)
            continue
        for word in piece.split():
            for role in open_roles:
                roles[role].add(len(words))
            words.append(word)
    return " ".join(words), roles


def _word_index(text: str) -> list[int]:
    """For each character of ``text``, the index of the whitespace token it is in (-1 for spaces)."""
    out, k, in_word = [], -1, False
    for ch in text:
        if ch.isspace():
            out.append(-1)
            in_word = False
        else:
            if not in_word:
                k += 1
                in_word = True
            out.append(k)
    return out


def _system(doc, find_relations, cues) -> list[dict[str, set[int]]]:
    index = _word_index(doc.text)
    out = []
    for sent in doc.sents:
        for rel in find_relations(sent, cues):
            if rel.cause is None:
                continue
            roles = {}
            for role, (a, b) in (("cause", rel.cause), ("effect", rel.effect), ("signal", rel.signal)):
                chars = range(doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text))
                roles[role] = {index[c] for c in chars if index[c] >= 0}
            out.append(roles)
    return out


def _f1(a: set[int], b: set[int]) -> float:
    if not a and not b:
        return 1.0
    overlap = len(a & b)
    if overlap == 0:
        return 0.0
    p, r = overlap / len(a), overlap / len(b)
    return 2 * p * r / (p + r)


def main() -> None:
    folder = benchmark_data(NAME)
    if folder is None:
        for metric in ("causal sentence F1", "span F1 (macro cause/effect/signal)"):
            emit(Row(BENCHMARK, DATA, metric, None, notes=missing_data_note(NAME), status="skipped"))
        return
    import spacy

    from lull.extract.claims.causal import find_relations, load_causal
    from lull.settings import load_settings

    nlp = spacy.load(load_settings().spacy_model)
    cues = load_causal(load_settings().causal_path)
    rows = list(csv.DictReader(open(folder / "V2" / "dev_subtask1.csv", encoding="utf-8-sig")))
    grouped = {r["text"]: r for r in csv.DictReader(open(folder / "V2" / "dev_subtask2_grouped.csv",
                                                          encoding="utf-8-sig"))}
    progress(f"{NAME}: {len(rows)} dev sentences")
    tp = fp = fn = 0
    span_scores: list[float] = []
    exact = {"cause": [0, 0, 0], "effect": [0, 0, 0]}  # tp, system, gold
    for row, doc in zip(rows, nlp.pipe(r["text"] for r in rows), strict=True):
        found = _system(doc, find_relations, cues)
        gold_causal = row["label"] == "1"
        tp += bool(found) and gold_causal
        fp += bool(found) and not gold_causal
        fn += (not found) and gold_causal
        marked = grouped.get(row["text"])
        gold = [_tagged(m)[1] for m in ast.literal_eval(marked["causal_text_w_pairs"])] if marked else []
        if not gold:
            continue
        pairs, used = [], set()
        for g in gold:
            best = max(((i, len(s["cause"] & g["cause"]) + len(s["effect"] & g["effect"]))
                        for i, s in enumerate(found) if i not in used), key=lambda x: x[1], default=None)
            if best is not None and best[1] > 0:
                used.add(best[0])
                pairs.append((found[best[0]], g))
        slots = max(len(gold), len(found))
        for role in ("cause", "effect", "signal"):
            total = sum(_f1(s[role], g[role]) for s, g in pairs)
            span_scores.append(total / slots)
        for role in ("cause", "effect"):
            exact[role][0] += sum(s[role] == g[role] for s, g in pairs)
            exact[role][1] += len(found)
            exact[role][2] += len(gold)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    emit(Row(BENCHMARK, DATA, "causal sentence F1 (subtask 1)", round(100 * f1, 2), ANCHORS_S1, len(rows),
             f"P {100 * p:.1f} R {100 * r:.1f}; rule-based cue lexicon, no training; anchors are trained models"))
    macro = sum(span_scores) / len(span_scores) if span_scores else 0.0
    exact_f1 = []
    for role in ("cause", "effect"):
        t, s, g = exact[role]
        ep, er = (t / s if s else 0.0), (t / g if g else 0.0)
        exact_f1.append(2 * ep * er / (ep + er) if ep + er else 0.0)
    emit(Row(BENCHMARK, DATA, "span F1 (subtask 2, macro cause/effect/signal)", round(100 * macro, 2), ANCHORS_S2,
             sum(1 for m in grouped.values() if m["num_rs"] not in ("", "0")), f"exact-span F1 cause {100 * exact_f1[0]:.1f}, effect {100 * exact_f1[1]:.1f}; "
                           "our re-implementation of the token-overlap scoring, not the upstream scorer"))


if __name__ == "__main__":
    main()
