"""Reading numbers: digits and words, multi-word numbers, ranges, qualifiers and rates.

Token-level mechanisms only; what a number counts is ``scope.py``'s job.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ...doctext import text_of
from .rules import NumberRules

NOT_COUNTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL"})  # QUANTITY: see ``measures``

_NAMES = frozenset({"PERSON", "ORG", "FAC", "PRODUCT", "LAW", "WORK_OF_ART", "EVENT", "GPE", "NORP", "LOC"})

_DIGITS = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+(\.\d+)?$")

_RANGE_LINKS = frozenset({"-", "–", "—", "to", "or"})

TIME_WORDS = frozenset({"day", "week", "month", "year", "hour"})


@dataclass(frozen=True, slots=True)
class Number:
    first: int  # token index of the first word of the number (after any qualifier)
    last: int
    root: Token  # the token of the group attached outside it
    value: float | None
    low: float | None = None
    high: float | None = None
    vague: bool = False
    digits: bool = True
    currency: str | None = None  # "USD" for "$44 billion"
    article: bool = False  # "a"/"an" read as one


def find_numbers(sent: Span, rules: NumberRules) -> list[Number]:
    """The numbers of a sentence, multi-word numbers and ranges grouped, names and dates left out."""
    out: list[Number] = []
    i = sent.start
    while i < sent.end:
        tok = sent.doc[i]
        currency = rules.currencies.get(sent.doc[i - 1].lower_) if i > sent.start else None
        if tok.lower_ in rules.singular_articles and tok.dep_ == "det":
            out.append(Number(i, i, tok, 1.0, digits=False, article=True))
            i += 1
            continue
        if _word_value(tok, rules) is None or (_not_a_count(tok) and currency is None):
            i += 1
            continue
        first, value, i = _read_number(sent, i, rules)
        low = high = None
        last = i - 1
        if _range_follows(sent, first, i, rules):  # "40-50", "two or three", "between 40 and 50"
            _, high, i = _read_number(sent, i + 1, rules)
            low, value, last = value, None, i - 1
        group = range(first, last + 1)
        root = next((sent.doc[k] for k in group if sent.doc[k].head.i not in group or sent.doc[k].head.i == k),
                    sent.doc[last])
        word = sent.doc[first].lower_
        out.append(Number(first, last, root, value, low, high, vague=word in rules.vague,
                           digits=bool(_DIGITS.match(word.replace(",", ""))), currency=currency))
    return out


def _range_follows(sent: Span, first: int, i: int, rules: NumberRules) -> bool:
    if i + 1 >= sent.end or _word_value(sent.doc[i + 1], rules) is None:
        return False
    link = sent.doc[i].lower_
    return link in _RANGE_LINKS or (link == "and" and first > sent.start and sent.doc[first - 1].lower_ == "between")


def _read_number(sent: Span, i: int, rules: NumberRules) -> tuple[int, float, int]:
    """One number starting at token ``i`` ("1.5 million", "two hundred"): (first index, value, next index)."""
    value = float(_word_value(sent.doc[i], rules) or 0)
    first, i = i, i + 1
    while i < sent.end and sent.doc[i].lower_ in rules.multipliers:
        value *= rules.multipliers[sent.doc[i].lower_]
        i += 1
    return first, value, i


def _word_value(tok: Token, rules: NumberRules) -> float | None:
    text = tok.lower_
    if _DIGITS.match(text):
        return float(text.replace(",", ""))
    return rules.number_words.get(text) or rules.vague.get(text)


def _not_a_count(tok: Token) -> bool:
    """Dates, money, names and reference markers: numbers that count nothing the claim layer keeps."""
    if tok.ent_type_ in _NAMES:
        return True
    text = text_of(tok.doc)
    if tok.idx > 0 and text[tok.idx - 1] in "[#":
        return True
    after = tok.doc[tok.i + 1:tok.i + 3]
    if len(after) and after[0].text in ("%", "$"):
        return True
    if len(after) == 2 and after[0].text == "-" and not _DIGITS.match(after[1].text) and after[1].lemma_.lower() not in TIME_WORDS:
        return True  # "one-way attack drones": an adjective, not a count ("the 60-day ceasefire" counts days)
    return tok.i > 0 and tok.doc[tok.i - 1].text in ("$", "No.", "no.")


def is_time_count(number: Number, rules: NumberRules) -> bool:
    """"for 45 days", "the 60-day ceasefire", "three days after": counted time; "two weeks ago",
    "in one year" (the window of a count) and years ("in 2020") are not."""
    doc = number.root.doc
    noun = next((t for t in doc[number.last + 1:number.last + 3] if t.text != "-"), None)
    if noun is None or noun.lemma_.lower() not in TIME_WORDS:
        return False
    nxt = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ in rules.ago_words:
        return False  # "two weeks ago", "25 years old"
    before = doc[number.first - 1] if number.first > 0 else None
    if _compared_with(noun):
        return False  # "a decrease in 2022, compared with the previous two years": a baseline, not a duration
    return not (number.value == 1 and before is not None and before.lower_ in rules.window_preps)


def _compared_with(noun: Token) -> bool:
    """Whether a time noun is what something is compared with ("compared with/to the previous two years")."""
    prep = noun.head
    return (noun.dep_ == "pobj" and prep.lower_ in ("with", "to")
            and prep.head.lemma_.lower() in ("compare", "comparison", "relative"))


def qualify(number: Number, sent: Span, rules: NumberRules) -> tuple[str, float | None, float | None, float | None]:
    """(qualifier, low, high, value) from the phrase before the number, ranges and vague words."""
    if number.low is not None:
        return "up_to", number.low, number.high, None  # a range: at most the high figure, at least the low one
    first = number.first - 1 if number.currency else number.first  # "more than $44 billion"
    before = [t.lower_ for t in sent.doc[max(sent.start, first - 4):first]]
    for phrase, qualifier in rules.qualifiers:
        if tuple(before[-len(phrase):]) == phrase:
            return qualifier, None, None, number.value
    doc = sent.doc
    if number.last + 1 < len(doc) and doc[number.last + 1].text == "+":  # "21+ killed"
        text = text_of(doc)
        line_start = text.rfind("\n", 0, doc[number.first].idx) + 1
        line_end = text.find("\n", doc[number.last].idx)
        words = len(text[line_start:line_end if line_end != -1 else len(text)].split())
        return ("at_least" if words <= rules.infobox_max_words else "more_than"), None, None, number.value
    return ("at_least" if number.vague else "exact"), None, None, number.value


def rate_of(noun: Token, rules: NumberRules) -> tuple[str | None, str]:
    """("week", "+rate") for "25 attacks per week"; ("year", "+window") for "264 attacks in one year"."""
    doc = noun.doc
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    for start in (noun.i + 1, *((of.right_edge.i + 1,) if of is not None else ())):  # "rounds of ammunition a day"
        after = [t.lower_ for t in doc[start:min(noun.sent.end, start + 2)]]
        lemmas = [t.lemma_.lower() for t in doc[start:min(noun.sent.end, start + 2)]]
        if len(after) == 2 and after[0] in rules.rate_cues and lemmas[1] in rules.rate_units:
            return rules.rate_units[lemmas[1]], "+rate"  # "per week", "a day"
        if after and after[0] in rules.rate_adverbs:
            return rules.rate_adverbs[after[0]], "+rate"  # "daily"
    following = list(doc[noun.i + 1:min(noun.sent.end, noun.i + 8)])
    for k, tok in enumerate(following[:-2]):
        if (tok.lower_ in rules.window_preps and following[k + 1].lower_ in ("one", "a", "single")
                and following[k + 2].lemma_.lower() in rules.rate_units):
            return rules.rate_units[following[k + 2].lemma_.lower()], "+window"
    return None, ""
