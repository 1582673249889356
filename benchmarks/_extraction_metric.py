"""Article-text similarity, re-implemented from the Scrapinghub benchmark's README.

The metric compares the *word 4-grams* of a gold article body and an
extractor's output, so it rewards getting the right text in the right order
without caring about whitespace or punctuation:

* tokens are ``\\w+`` matches (Unicode), shingles are 4-token windows, counted
  as a multiset;
* per page, TP = shingles in both (min count), FP = only in the output,
  FN = only in gold; each page's counts are normalised by their sum so a long
  page weighs as much as a short one;
* precision is averaged over pages where TP+FP > 0 and recall over pages where
  TP+FN > 0 (a page with FP = FN = 0 scores 1.0 on both); F1 is the harmonic
  mean of the two averages, not an average of per-page F1s;
* accuracy is the fraction of pages whose token sequences are identical;
* each figure gets a standard deviation from a bootstrap over pages.

No code was copied from upstream; the published figures for the baseline
outputs shipped with the data are the check that this matches their scorer.
"""
from __future__ import annotations

import random
import re
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

TOKEN = re.compile(r"\w+")
SHINGLE_SIZE = 4
BOOTSTRAP_SAMPLES = 1000
BOOTSTRAP_SEED = 20200305  # fixed so two runs over the same outputs agree exactly


@dataclass(frozen=True, slots=True)
class PageScore:
    """One page's shingle overlap, normalised so the three counts sum to 1 (or are all 0)."""

    tp: float
    fp: float
    fn: float
    identical: bool


@dataclass(frozen=True, slots=True)
class CorpusScore:
    """Corpus-level figures and their bootstrap standard deviations."""

    precision: float
    recall: float
    f1: float
    accuracy: float
    precision_std: float
    recall_std: float
    f1_std: float
    accuracy_std: float
    pages: int


def tokenize(text: str) -> list[str]:
    """The ``\\w+`` tokens of ``text``; punctuation and whitespace never count."""
    return TOKEN.findall(text)


def shingles(tokens: Sequence[str], size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Multiset of ``size``-token windows (empty when there are fewer tokens than ``size``)."""
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def score_page(gold: str, predicted: str) -> PageScore:
    """Shingle TP/FP/FN of one page, normalised by their sum."""
    gold_tokens, predicted_tokens = tokenize(gold), tokenize(predicted)
    gold_grams, predicted_grams = shingles(gold_tokens), shingles(predicted_tokens)
    tp = sum((gold_grams & predicted_grams).values())
    fp = sum((predicted_grams - gold_grams).values())
    fn = sum((gold_grams - predicted_grams).values())
    total = tp + fp + fn
    identical = gold_tokens == predicted_tokens
    if total == 0:
        return PageScore(0.0, 0.0, 0.0, identical)
    return PageScore(tp / total, fp / total, fn / total, identical)


def _page_precision(page: PageScore) -> float:
    return 1.0 if page.fp == page.fn == 0 else page.tp / (page.tp + page.fp)


def _page_recall(page: PageScore) -> float:
    return 1.0 if page.fp == page.fn == 0 else page.tp / (page.tp + page.fn)


def _mean_or_zero(values: list[float]) -> float:
    """Mean of ``values``; 0.0 when there are none, so an extractor that returns nothing scores 0, not NaN."""
    return statistics.fmean(values) if values else 0.0


def _figures(pages: Sequence[PageScore]) -> tuple[float, float, float, float]:
    """(precision, recall, F1, accuracy) of a sample of pages."""
    precision = _mean_or_zero([_page_precision(p) for p in pages if p.tp + p.fp > 0])
    recall = _mean_or_zero([_page_recall(p) for p in pages if p.tp + p.fn > 0])
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = _mean_or_zero([float(p.identical) for p in pages])
    return precision, recall, f1, accuracy


def score_corpus(
    pages: Sequence[PageScore],
    *,
    samples: int = BOOTSTRAP_SAMPLES,
    seed: int = BOOTSTRAP_SEED,
) -> CorpusScore:
    """Corpus figures of per-page scores, with bootstrap std-devs (``samples`` resamples of the pages)."""
    if not pages:
        raise ValueError("score_corpus needs at least one page; check that the gold file is not empty")
    precision, recall, f1, accuracy = _figures(pages)
    rng = random.Random(seed)
    draws = [_figures(rng.choices(pages, k=len(pages))) for _ in range(samples)]
    stds = [statistics.pstdev(column) for column in zip(*draws)] if samples > 1 else [0.0] * 4
    return CorpusScore(precision, recall, f1, accuracy, *stds, pages=len(pages))


def score_outputs(gold: dict[str, str], predicted: dict[str, str], **bootstrap: int) -> CorpusScore:
    """Score ``predicted`` texts against ``gold`` texts by page id; a page missing from ``predicted`` is empty output."""
    return score_corpus([score_page(gold[key], predicted.get(key, "")) for key in sorted(gold)], **bootstrap)
