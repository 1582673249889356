"""Numeric claims: a count stated in a sentence, what it counts, over which period, and who states it.

``find_numeric_claims(doc, res=...)`` reads a parsed Doc (after ``lull_actors``
and the model's NER) and returns ``records.NumericClaim``s. The rule book is
``data/patterns/numbers.yaml`` (count nouns, qualifier phrases, rate and
claimant cues, with ids); the event lexicon (``data/patterns/events.yaml``)
gives the PLOVER type and mode of counted events and the agent/recipient
walkers of ``extract.arguments`` give their actor and recipient.

Policies (each visible in ``rule_id``: the unit rule's id plus suffixes):

* **What is a claim.** A cardinal or a vague quantity word counting a listed
  noun (attacks, soldiers, rockets, days ...), or digits counting any other
  plural noun that is not a measure ("85 targets"). Dates, years, ages,
  ordinals, money, percentages, distances ("250 kilometers north of Baghdad")
  and numbers inside names ("Tower 22") are not claims. Counted time is a claim
  with its time unit: durations and lags ("for 45 days", "the 60-day ceasefire",
  "three days after a visit"), but not "two weeks ago" (a date) nor the window
  of a count ("264 attacks in one year", read as a rate).
* **Words.** "three" is 3. A vague word is its literal lower bound with the
  qualifier ``at_least``: "several" 3, "dozens" 24 (two dozen), "hundreds" 200;
  ``+vague``. This is what the text claims; ACLED's fatality convention
  ("dozens" -> 12) is an export rule, applied where events are exported.
* **Qualifier** from the phrase just before the number ("around" -> about,
  "more than" -> more_than); "between 40 and 50", "40-50", "two or three" are
  ranges (``low``/``high``, qualifier ``range``).
* **Rates** ("25 attacks per week", "a day", "daily") set ``rate_per`` (``+rate``);
  "264 attacks in one year" is a count over an unplaced window: ``rate_per``
  "year" (``+window``) unless the sentence dates the period.
* **Generic counters** ("264 cases", "78 times") take their unit from "the number
  of attacks" in the clause (``+aggregate``) or from the event verb (``+times``).
* **Subsets** ("94 of which directly impacted Israeli territories", "including
  two children") point to the claim before them (``parent_id``) and inherit its
  unit, scope, period and claimant; what the subset verb names becomes the
  target area (``+subset``).
* **Period**: the date expression attached to the number's own clause, resolved
  against the publication date by ``resolve.dates`` (its rules hold: with only a
  lower bound on the publication date, "since November 2" has no year and the
  period stays ``None``; never a guessed year).
* **Claimant**: the subject of the outermost reporting verb over the number
  ("The statement also highlighted that ...", "Statistics show that ..."), or
  "according to X". An actor (a KB actor, "he" -> the last named person, "the
  statement" -> whoever issued the last statement, "the committee" -> the last
  actor named "... Committee ...") is ``claimant``; a source that is no actor
  ("Statistics") leaves ``claimant`` None with ``claimant_text`` as written.
  A sentence that continues the previous one ("But the number of attacks
  decreased to 56 cases") inherits its claimant and missing scope (``+continued``).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping

import yaml
from spacy.tokens import Doc, Span, Token

from ..errors import ConfigError
from ..records import Actor, ClaimScope, DateSpan, NumericClaim
from ..records import Span as TextSpan
from ..resolve import dates
from . import arguments as args
from .lexicon import Lexicon, TriggerRule

if TYPE_CHECKING:
    from ..resolve.actors import ActorKB

_UNIT_KINDS = ("event", "person", "weapon", "place", "time", "generic")
_NOT_COUNTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL"})  # QUANTITY: see ``measures``
_NAMES = frozenset({"PERSON", "ORG", "FAC", "PRODUCT", "LAW", "WORK_OF_ART", "EVENT", "GPE", "NORP", "LOC"})
_DIGITS = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+(\.\d+)?$")
_RANGE_LINKS = frozenset({"-", "–", "—", "to", "or"})
_PRONOUN_PEOPLE = frozenset({"he", "she", "him", "her"})
_TIME_WORDS = frozenset({"day", "week", "month", "year", "hour"})
_OPEN_CLAUSES = frozenset({"xcomp", "pcomp", "acl", "relcl"})  # clauses that take their time from their head


# --- the rule book ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UnitRule:
    """One count noun entry: what its number counts."""

    id: str
    kind: str  # event, person, weapon, place, time, generic
    unit: str


@dataclass(frozen=True, slots=True)
class NumberRules:
    """data/patterns/numbers.yaml, keyed for O(1) look-ups per token."""

    source: str
    units: Mapping[str, UnitRule]  # lemma or "modifier lemma" ("air strike")
    measures: frozenset[str]
    aggregate_heads: frozenset[str]
    number_words: Mapping[str, int]
    multipliers: Mapping[str, int]
    collective: frozenset[str]
    vague: Mapping[str, int]
    qualifiers: tuple[tuple[tuple[str, ...], str], ...]  # (phrase words, qualifier), longest first
    rate_cues: frozenset[str]
    rate_units: Mapping[str, str]
    rate_adverbs: Mapping[str, str]
    window_preps: frozenset[str]
    claimant_verbs: frozenset[str]
    source_nouns: frozenset[str]
    subset_pronouns: frozenset[str]
    subset_preps: frozenset[str]
    ago_words: frozenset[str]
    continuation_openers: frozenset[str]


def default_rules_path() -> Path:
    return Path(str(resources.files("lull") / "data" / "patterns" / "numbers.yaml"))


def load_number_rules(path: Path | None = None) -> NumberRules:
    """Read and check the numbers rule book (default: the bundled data/patterns/numbers.yaml)."""
    path = path or default_rules_path()
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read number rules {path} ({exc}); fix the YAML or pass another rules file.") from None
    try:
        return NumberRules(
            source=str(path),
            units=_units(data["units"], path),
            measures=_words(data["measures"]),
            aggregate_heads=_words(data["aggregate_heads"]),
            number_words={str(k).lower(): int(v) for k, v in data["number_words"].items()},
            multipliers={str(k).lower(): int(v) for k, v in data["multipliers"].items()},
            collective=_words(data["collective"]),
            vague={str(k).lower(): int(v) for k, v in data["vague"].items()},
            qualifiers=_qualifiers(data["qualifiers"], path),
            rate_cues=_words(data["rate_cues"]),
            rate_units={str(k).lower(): str(v) for k, v in data["rate_units"].items()},
            rate_adverbs={str(k).lower(): str(v) for k, v in data["rate_adverbs"].items()},
            window_preps=_words(data["window_preps"]),
            claimant_verbs=_words(data["claimant_verbs"]),
            source_nouns=_words(data["source_nouns"]),
            subset_pronouns=_words(data["subset_pronouns"]),
            subset_preps=_words(data["subset_preps"]),
            ago_words=_words(data["ago_words"]),
            continuation_openers=_words(data["continuation_openers"]),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ConfigError(f"{path}: missing or malformed section ({exc!r}); compare with the bundled "
                          "data/patterns/numbers.yaml.") from None


def _words(items: Any) -> frozenset[str]:
    return frozenset(str(w).lower() for w in items)


def _units(entries: Any, path: Path) -> dict[str, UnitRule]:
    table: dict[str, UnitRule] = {}
    for n, entry in enumerate(entries, 1):
        if not entry.get("id") or entry.get("kind") not in _UNIT_KINDS or not entry.get("unit"):
            raise ConfigError(f"{path}: unit #{n} needs an id, a unit and a kind among {_UNIT_KINDS}; fix the entry.")
        rule = UnitRule(str(entry["id"]), str(entry["kind"]), str(entry["unit"]))
        for lemma in entry["lemmas"]:
            key = str(lemma).lower()
            if key in table:
                raise ConfigError(f"{path}: lemma {key!r} is in both {table[key].id} and {rule.id}; keep it in one.")
            table[key] = rule
    return table


def _qualifiers(entries: Any, path: Path) -> tuple[tuple[tuple[str, ...], str], ...]:
    out = []
    for entry in entries:
        if entry.get("qualifier") not in ("about", "at_least", "more_than", "up_to", "less_than"):
            raise ConfigError(f"{path}: qualifier rule {entry.get('id')!r} has no valid 'qualifier'; fix the entry.")
        out.extend((tuple(str(p).lower().split()), str(entry["qualifier"])) for p in entry["phrases"])
    return tuple(sorted(out, key=lambda item: -len(item[0])))


@dataclass(frozen=True, slots=True)
class NumberResources:
    """What the finder consults: its rule book, the event lexicon and the actor KB."""

    rules: NumberRules
    lexicon: Lexicon
    kb: "ActorKB"


# --- one number in the text ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Number:
    first: int  # token index of the first word of the number (after any qualifier)
    last: int
    root: Token  # the token of the group attached outside it
    value: float | None
    low: float | None = None
    high: float | None = None
    vague: bool = False
    digits: bool = True


@dataclass(frozen=True, slots=True)
class _Counted:
    """What a number counts: the unit rule, the counted noun and the event noun that names the scope."""

    rule: UnitRule
    noun: Token | None
    event: Token | None  # the event noun or verb whose actor/recipient scope the count
    suffix: str = ""


@dataclass
class _Context:
    doc: Doc
    doc_id: str
    anchor: DateSpan | None
    res: NumberResources


def find_numeric_claims(doc: Doc, *, res: NumberResources, doc_id: str | None = None,
                        published: DateSpan | None = None) -> list[NumericClaim]:
    """Every numeric claim of a parsed document, in text order (see the module docstring for the policies).

    ``doc_id`` and ``published`` default to ``doc._.lull_doc_id`` and ``doc._.lull_published``."""
    if doc_id is None and Doc.has_extension("lull_doc_id"):
        doc_id = doc._.lull_doc_id
    if published is None and Doc.has_extension("lull_published"):
        published = doc._.lull_published
    ctx = _Context(doc, doc_id or text_id(doc.text), published, res)
    claims: list[NumericClaim] = []
    previous: list[NumericClaim] = []
    for sent in doc.sents:
        current: list[NumericClaim] = []
        periods = _sentence_periods(sent, ctx)
        for number in _numbers(sent, res.rules):
            claim = _claim(number, sent, ctx, periods, current, previous)
            if claim is not None:
                current.append(claim)
        claims.extend(current)
        previous = current
    return claims


def text_id(text: str) -> str:
    """Fallback document id for a Doc that came without one: a hash of its text."""
    return "text:" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def claim_id(doc_id: str, sentence_start: int, span_start: int, unit: str, rule_id: str) -> str:
    """Stable id: the same number read by the same rule always gets the same id."""
    key = f"{doc_id}|{sentence_start}|{span_start}|{unit}|{rule_id}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


# --- numbers -----------------------------------------------------------------------------------


def _numbers(sent: Span, rules: NumberRules) -> list[_Number]:
    """The numbers of a sentence, multi-word numbers and ranges grouped, names and dates left out."""
    out: list[_Number] = []
    i = sent.start
    while i < sent.end:
        tok = sent.doc[i]
        if _word_value(tok, rules) is None or _not_a_count(tok):
            i += 1
            continue
        first, value, i = _read_number(sent, i, rules)
        low = high = None
        last = i - 1
        if i + 1 < sent.end and sent.doc[i].lower_ in _RANGE_LINKS | {"and"} and _word_value(sent.doc[i + 1], rules):
            if sent.doc[i].lower_ != "and" or (first > sent.start and sent.doc[first - 1].lower_ == "between"):
                _, high, i = _read_number(sent, i + 1, rules)
                low, value, last = value, None, i - 1
        group = range(first, last + 1)
        root = next((sent.doc[k] for k in group if sent.doc[k].head.i not in group or sent.doc[k].head.i == k),
                    sent.doc[last])
        word = sent.doc[first].lower_
        out.append(_Number(first, last, root, value, low, high, vague=word in rules.vague,
                           digits=bool(_DIGITS.match(word.replace(",", "")))))
    return out


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
    text = tok.doc.text
    if tok.idx > 0 and text[tok.idx - 1] in "[#":
        return True
    after = tok.doc[tok.i + 1:tok.i + 3]
    if len(after) and after[0].text in ("%", "$"):
        return True
    if len(after) == 2 and after[0].text == "-" and not _DIGITS.match(after[1].text) and after[1].lemma_.lower() not in _TIME_WORDS:
        return True  # "one-way attack drones": an adjective, not a count ("the 60-day ceasefire" counts days)
    return tok.i > 0 and tok.doc[tok.i - 1].text in ("$", "No.", "no.")


# --- one claim ---------------------------------------------------------------------------------


def _claim(number: _Number, sent: Span, ctx: _Context, periods: list[tuple[Token, DateSpan]],
           current: list[NumericClaim], previous: list[NumericClaim]) -> NumericClaim | None:
    rules = ctx.res.rules
    if number.root.ent_type_ in _NOT_COUNTS and not _is_time_count(number, rules):
        return None
    parent = _subset_parent(number, current, previous, rules)
    counted = _counted(number, sent, ctx) if parent is None else None
    if parent is None and counted is None:
        return None
    qualifier, low, high, value = _qualify(number, sent, rules)
    noun = counted.noun if counted is not None else _count_noun(number.root, rules)
    anchor_tok = noun if noun is not None else number.root
    rate, rate_suffix = _rate(anchor_tok, rules)
    period = _period(number, anchor_tok, periods)
    if rate_suffix == "+window" and period is not None:
        rate, rate_suffix = None, ""
    end_tok = sent.doc[max(number.last, anchor_tok.i)] if anchor_tok.i > number.last else sent.doc[number.last]
    text_span = sent.doc[number.first:end_tok.i + 1]
    sentence = TextSpan(ctx.doc_id, sent.start_char, sent.end_char, sent.text)
    span = TextSpan(ctx.doc_id, text_span.start_char, text_span.end_char, text_span.text)
    claimant, claimant_text = _claimant(anchor_tok, sent, ctx)
    if parent is not None:
        rule_id = parent.rule_id.split("+")[0] + "+subset"
        base = NumericClaim(
            id="", doc_id=ctx.doc_id, sentence=sentence, span=span, rule_id=rule_id, unit=parent.unit,
            scope=replace(parent.scope, target_area=_subset_target(number.root) or parent.scope.target_area),
            period=period or parent.period, parent_id=parent.id,
            claimant=claimant or parent.claimant, claimant_text=claimant_text or parent.claimant_text)
    else:
        assert counted is not None
        rule_id = counted.rule.id + counted.suffix + ("+vague" if number.vague else "")
        scope = _scope(counted, ctx)
        if counted.rule.kind == "event" and scope.actor is None and scope.recipient is None:
            scope, rule_id = _scope_from_previous(scope, counted, sent, ctx), rule_id + "+context"
            rule_id = rule_id if scope.actor or scope.recipient else rule_id.removesuffix("+context")
        base = NumericClaim(id="", doc_id=ctx.doc_id, sentence=sentence, span=span, rule_id=rule_id,
                            unit=counted.rule.unit, scope=scope, period=period, claimant=claimant,
                            claimant_text=claimant_text)
        base = _continued(base, sent, counted, previous, rules)
    rule_id = base.rule_id + rate_suffix
    return replace(base, id=claim_id(ctx.doc_id, sentence.start, span.start, base.unit, rule_id), rule_id=rule_id,
                   value=value, low=low, high=high, qualifier=qualifier, rate_per=rate)


def _qualify(number: _Number, sent: Span, rules: NumberRules) -> tuple[str, float | None, float | None, float | None]:
    """(qualifier, low, high, value) from the phrase before the number, ranges and vague words."""
    if number.low is not None:
        return "range", number.low, number.high, None
    before = [t.lower_ for t in sent.doc[max(sent.start, number.first - 4):number.first]]
    for phrase, qualifier in rules.qualifiers:
        if tuple(before[-len(phrase):]) == phrase:
            return qualifier, None, None, number.value
    return ("at_least" if number.vague else "exact"), None, None, number.value


def _subset_parent(number: _Number, current: list[NumericClaim], previous: list[NumericClaim],
                   rules: NumberRules) -> NumericClaim | None:
    """The claim a subset belongs to: "94 of which", "three of them", "including two children"."""
    root = number.root
    of_pronoun = any(c.dep_ == "prep" and c.lower_ == "of" and any(
        g.dep_ == "pobj" and g.lower_ in rules.subset_pronouns for g in c.children) for c in root.children)
    if of_pronoun:
        return (current or previous or [None])[-1]
    noun = root.head if root.dep_ == "nummod" else root
    if noun.dep_ == "pobj" and noun.head.lower_ in rules.subset_preps and current:
        kind = rules.units.get(noun.lemma_.lower())
        same = [c for c in current if kind is None or rules.units.get(c.unit) is None
                or rules.units[c.unit].kind == kind.kind]
        return same[-1] if same else None
    return None


def _subset_target(root: Token) -> str | None:
    """"94 of which directly impacted Israeli territories": what the subset's verb reached."""
    verb = root.head
    if root.dep_ not in ("nsubj", "nsubjpass") or verb.pos_ not in ("VERB", "AUX"):
        return None
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "attr")), None)
    if obj is None:
        prep = next((c for c in verb.children if c.dep_ == "prep"), None)
        obj = next((g for g in prep.children if g.dep_ == "pobj"), None) if prep is not None else None
    return _phrase(obj) if obj is not None else None


def _phrase(head: Token) -> str:
    """A noun phrase as written, with its determiner and modifiers ("a U.S. base near Jordan's border")."""
    tokens = [t for t in head.subtree if t.dep_ != "punct" or head.left_edge.i < t.i < head.right_edge.i]
    return head.doc[tokens[0].i:tokens[-1].i + 1].text if tokens else head.text


# --- what is counted -----------------------------------------------------------------------------


def _counted(number: _Number, sent: Span, ctx: _Context) -> _Counted | None:
    rules, lex = ctx.res.rules, ctx.res.lexicon
    root = number.root
    noun = _count_noun(root, rules)
    if noun is None:
        return _bare(number, ctx)
    if number.value == 1 and noun.dep_ == "pobj" and noun.head.head.i == root.i:
        return None  # "one of the original members": a partitive, not a count
    lemma = noun.lemma_.lower()
    if noun.tag_ in ("NN", "NNP") and (number.value or 0) > 1 and lemma not in rules.collective | _TIME_WORDS:
        return None  # "the 2024 Al-Asad Airbase missile attack": a singular noun is not counted by 2024
    if noun.lower_ in ("others",) and noun.dep_ in ("dobj", "nsubjpass"):
        lemma = "other"
    compound = next((c for c in noun.children if c.dep_ == "compound" and c.i < noun.i), None)
    rule = rules.units.get(f"{compound.lemma_.lower()} {lemma}") if compound is not None else None
    rule = rule or rules.units.get(lemma)
    if rule is None:
        if (lemma in rules.measures or noun.lower_ in rules.measures or not number.digits
                or noun.tag_ not in ("NNS", "NNPS") or noun.pos_ != "NOUN"):
            return None
        return _Counted(UnitRule("unit.noun", "other", lemma), noun, None)
    if rule.kind == "generic":
        return _generic(rule, noun, sent, ctx)
    if rule.kind == "time" and not _is_time_count(number, rules):
        return None
    if rule.kind == "event":
        return _Counted(rule, noun, noun)
    holder = root if noun.dep_ == "pobj" and noun.head.head.i == root.i else noun  # "dozens of personnel"
    if holder.dep_ == "pobj" and holder.head.lower_ == "between":
        holder = holder.head  # "wounded between 40 and 50 others"
    verb = holder.head if holder.dep_ in ("dobj", "nsubjpass", "nsubj", "prep") else None
    event = verb if verb is not None and verb.lemma_.lower() in lex.verbs else None
    victims = _casualty_rule(verb, ctx) if rule.kind == "person" and holder.dep_ != "nsubj" and verb is not None else None
    if victims is not None:
        return _Counted(victims, noun, verb, "+victims")  # "three U.S. soldiers were killed": fatalities
    return _Counted(rule, noun, event)


def _count_noun(root: Token, rules: NumberRules) -> Token | None:
    """The noun a number counts: its head ("316 attacks"), or its "of" object ("dozens of people")."""
    if root.dep_ in ("nummod", "quantmod", "amod", "compound", "nmod") and root.head.pos_ in ("NOUN", "PROPN"):
        noun = root.head
        while (noun.dep_ == "compound" and noun.tag_ == "NN" and noun.head.tag_ == "NNS" and noun.head.i > noun.i
               and noun.lemma_.lower() not in _TIME_WORDS):
            noun = noun.head  # "7 oversight reports": the number counts the reports
        return noun
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ == "NOUN":
                return pobj
    return None


def _bare(number: _Number, ctx: _Context) -> _Counted | None:
    """A number with no noun: the victims of a casualty verb ("killing and wounding dozens of them")."""
    verb = number.root.head
    if number.root.dep_ not in ("dobj", "nsubjpass") or verb.pos_ != "VERB":
        return None
    rule = _casualty_rule(verb, ctx)
    return _Counted(rule, None, verb, "+bare") if rule is not None else None


def _casualty_rule(verb: Token, ctx: _Context) -> UnitRule | None:
    """The unit of a casualty verb's victims: fatality ("killed"), injury ("wounded"), casualty (both)."""
    lex = ctx.res.lexicon
    verbs = [verb, *(c for c in verb.children if c.dep_ == "conj" and not _own_arguments(c))]
    if verb.dep_ == "conj" and not _own_arguments(verb.head):
        verbs.append(verb.head)  # "killing and wounding dozens": both verbs share the victims
    kinds = {lex.verbs[v.lemma_.lower()].casualty for v in verbs if v.lemma_.lower() in lex.verbs} - {None}
    if not kinds:
        return None
    unit = "casualty" if len(kinds) > 1 else ("fatality" if "fatalities" in kinds else "injury")
    return next((r for r in ctx.res.rules.units.values() if r.unit == unit), None)


def _generic(rule: UnitRule, noun: Token, sent: Span, ctx: _Context) -> _Counted | None:
    """"264 cases" of "the number of attacks"; "attacked US troops 78 times": the unit is the event counted."""
    rules, lex = ctx.res.rules, ctx.res.lexicon
    for tok in sent:
        if tok.lemma_.lower() in rules.aggregate_heads:
            prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            counted = next((g for g in prep.children if g.dep_ == "pobj"), None) if prep is not None else None
            if counted is not None and counted.i != noun.i:
                found = rules.units.get(counted.lemma_.lower())
                if found is not None and found.kind != "generic":
                    return _Counted(found, noun, counted if found.kind == "event" else None, "+aggregate")
    verb = noun.head
    if noun.dep_ in ("npadvmod", "dobj") and verb.pos_ == "VERB" and verb.lemma_.lower() in lex.verbs:
        trigger = lex.verbs[verb.lemma_.lower()]
        if trigger.type == "ASSAULT":
            found = rules.units.get(verb.lemma_.lower()) or rules.units.get("attack")
            if found is not None:
                return _Counted(found, noun, verb, "+times")
    return None


def _is_time_count(number: _Number, rules: NumberRules) -> bool:
    """"for 45 days", "the 60-day ceasefire", "three days after": counted time; "two weeks ago",
    "in one year" (the window of a count) and years ("in 2020") are not."""
    doc = number.root.doc
    noun = next((t for t in doc[number.last + 1:number.last + 3] if t.text != "-"), None)
    if noun is None or noun.lemma_.lower() not in _TIME_WORDS:
        return False
    nxt = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ in rules.ago_words:
        return False  # "two weeks ago", "25 years old"
    before = doc[number.first - 1] if number.first > 0 else None
    return not (number.value == 1 and before is not None and before.lower_ in rules.window_preps)


# --- scope ---------------------------------------------------------------------------------------


def _scope(counted: _Counted, ctx: _Context) -> ClaimScope:
    """Event type and mode, actor, recipient and target area of what is counted."""
    lex = ctx.res.lexicon
    event = counted.event
    if event is None:
        owner = _np_actor(counted.noun, ctx) if counted.noun is not None else None
        return ClaimScope(actor=owner if owner is not None and owner.id else None)  # whose soldiers, rockets
    table = lex.verbs if event.pos_ == "VERB" else lex.nouns
    trigger = table.get(event.lemma_.lower()) or TriggerRule("count", "noun", "ASSAULT")
    mode = trigger.mode or _weapon_mode(event, counted, lex)
    agent = args.agent(event, trigger, lex) or _claimed_by(event, lex) or _made_by(event)
    target = args.recipient(event, trigger, lex) or (_misattached_target(agent) if agent is not None else None)
    area_tok = target
    if counted.rule.kind == "person" and event.pos_ == "VERB":
        attack = _in_attack(event, lex)  # "killed in an attack on a U.S. base": the attack's agent and site
        if attack is not None:
            attack_rule = lex.nouns[attack.lemma_.lower()]
            agent = agent or args.agent(attack, attack_rule, lex)
            area_tok = args.recipient(attack, attack_rule, lex)
            mode = mode or attack_rule.mode or _weapon_mode(attack, counted, lex)
        target = counted.noun  # "killing three U.S. soldiers": the victims' side is the recipient
    recipient = _np_actor(target, ctx) if target is not None else None
    area = _phrase(area_tok) if area_tok is not None and area_tok.lemma_.lower() in lex.place_nouns else None
    return ClaimScope(event_type=trigger.type if trigger.type else None, mode=mode,
                      actor=_np_actor(agent, ctx) if agent is not None else None, recipient=recipient,
                      target_area=area)


def _scope_from_previous(scope: ClaimScope, counted: _Counted, sent: Span, ctx: _Context) -> ClaimScope:
    """"[X stopped attacks on Y.] This comes after averaging around 25 attacks per week": X and Y go on.

    Only when the sentence's subject is a demonstrative standing for the previous sentence."""
    subject = _subject(sent.root)
    if subject is None or subject.lower_ not in ("this", "that", "it") or sent.start == 0 or counted.event is None:
        return scope
    before = ctx.doc[sent.start - 1].sent
    agent = _subject(before.root)
    lex = ctx.res.lexicon
    same = next((t for t in before if t.lemma_.lower() == counted.event.lemma_.lower()), None)
    rule = lex.nouns.get(same.lemma_.lower()) if same is not None else None
    target = args.recipient(same, rule, lex) if same is not None and rule is not None else None
    return replace(scope, actor=_np_actor(agent, ctx) if agent is not None else None,
                   recipient=_np_actor(target, ctx) if target is not None else None,
                   target_area=_phrase(target) if target is not None else None)


def _weapon_mode(event: Token, counted: _Counted, lex: Lexicon) -> str | None:
    words = [c.lemma_.lower() for c in event.children if c.dep_ in ("compound", "amod", "nmod")]
    if counted.noun is not None and counted.rule.kind == "weapon":
        words.append(counted.noun.lemma_.lower())
    return next((lex.weapons[w].mode for w in words if w in lex.weapons), None)


def _own_arguments(verb: Token) -> bool:
    """Whether a coordinated verb has victims of its own ("wounded between 40 and 50 others")."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj"):
            return True
        if child.dep_ == "prep" and any(g.dep_ == "pobj" and any(n.dep_ == "nummod" for n in g.children)
                                        for g in child.children):
            return True
    return False


def _in_attack(verb: Token, lex: Lexicon) -> Token | None:
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "during", "by"):
            pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if pobj is not None and (rule := lex.nouns.get(pobj.lemma_.lower())) is not None and rule.type == "ASSAULT":
                return pobj
    return None


def _made_by(event: Token) -> Token | None:
    """"attacks made by the Iraqi resistance groups": the by-phrase of a participle on the event noun."""
    for child in event.children:
        if child.dep_ == "acl" and child.tag_ == "VBN":
            by = next((g for g in child.children if g.dep_ == "agent"), None)
            pobj = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
            if pobj is not None:
                return pobj
    return None


def _misattached_target(agent: Token) -> Token | None:
    """"attacks by X against Y": the parser often hangs "against Y" on X; it is the attacks' target."""
    for child in agent.children:
        if child.dep_ == "prep" and child.lower_ in ("against", "on", "targeting"):
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _claimed_by(event: Token, lex: Lexicon) -> Token | None:
    """"X claimed responsibility for 316 attacks": the claimer is the attacks' agent."""
    prep = event.head
    if event.dep_ != "pobj" or prep.head.lemma_.lower() not in lex.cue("claim_nouns"):
        return None
    verb = prep.head.head
    return next((c for c in verb.children if c.dep_ in ("nsubj",) and c.pos_ != "PRON"), None)


def _np_actor(head: Token, ctx: _Context) -> Actor | None:
    """The actor a noun phrase names: a KB span in it, "<country> forces", an NER entity, or a definite anaphor."""
    if head.pos_ == "PRON":
        return _antecedent(head, ctx) if head.lower_ in _PRONOUN_PEOPLE else None
    tokens = args.noun_phrase(head)
    ids = {t.i for t in tokens}
    spans = [s for s in ctx.doc.spans.get("lull_actors", []) if s.start in ids or s.start <= head.i < s.end]
    kb = ctx.res.kb
    if spans:
        span = next((s for s in spans if s.start <= head.i < s.end), spans[-1])
        entry = kb.get(span.id_) if span.id_ else None
        if entry is not None and entry.kind == "state" and head.lemma_.lower() in ctx.res.lexicon.force_nouns:
            entry = kb.lookup(f"{span.text} forces") or entry
        if entry is not None:
            return Actor(text=span.text, id=entry.id, name=entry.name, kind=entry.kind, sector=entry.sector,
                         country=entry.country)
        return kb.resolve(span.text, span.label_ or None)
    ents = [e for e in ctx.doc.ents if e.start in ids and e.label_ in ("ORG", "NORP", "GPE", "PERSON")
            and not e.start <= head.i < e.end or e.label_ == "PERSON" and e.start in ids]
    if ents:
        ent = ents[-1]
        if head.lemma_.lower() in ctx.res.lexicon.force_nouns and ent.label_ in ("GPE", "NORP"):
            entry = kb.lookup(f"{ent.text} forces")
            if entry is not None:
                return Actor(text=ent.text, id=entry.id, name=entry.name, kind=entry.kind, sector=entry.sector,
                             country=entry.country)
        return kb.resolve(ent.text, ent.label_)
    if any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children):
        return _antecedent(head, ctx)
    return None


def _antecedent(head: Token, ctx: _Context) -> Actor | None:
    """"the committee" -> the last actor named "... Committee ..."; "he" -> the last named person."""
    kb = ctx.res.kb
    word = head.lemma_.lower()
    for span in reversed([s for s in ctx.doc.spans.get("lull_actors", []) if s.end <= head.i]):
        entry = kb.get(span.id_) if span.id_ else None
        if entry is None:
            continue
        person = entry.kind == "person"
        if (head.lower_ in _PRONOUN_PEOPLE and person) or (head.pos_ != "PRON" and word in span.text.lower()):
            return Actor(text=span.text, id=entry.id, name=entry.name, kind=entry.kind, sector=entry.sector,
                         country=entry.country)
    return None


# --- rate, period, claimant -----------------------------------------------------------------------


def _rate(noun: Token, rules: NumberRules) -> tuple[str | None, str]:
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


def _sentence_periods(sent: Span, ctx: _Context) -> list[tuple[Token, DateSpan]]:
    """The placed date expressions of a sentence, each with the token it attaches to."""
    out = []
    for start, end, span in dates.find_dates(sent.text, anchor=ctx.anchor):
        tokens = sent.doc.char_span(sent.start_char + start, sent.start_char + end, alignment_mode="expand")
        if tokens is None or len(tokens) == 0:
            continue
        root = tokens.root
        out.append((root.head if root.dep_ in ("pobj", "prep") else root, span))
    return out


def _period(number: _Number, noun: Token, periods: list[tuple[Token, DateSpan]]) -> DateSpan | None:
    """The first date expression attached to the number's clause: to one of its heads, or to the counted noun."""
    heads = {noun.i, number.root.i}
    tok = noun
    while tok.head.i != tok.i and not (tok.pos_ in ("VERB", "AUX") and tok.dep_ not in _OPEN_CLAUSES):
        tok = tok.head  # up to the head of the number's own clause: "..., but later three soldiers were killed"
        heads.add(tok.i)
    for governor, span in periods:
        g = governor.head if governor.dep_ == "prep" else governor
        if governor.i in heads or g.i in heads:
            return span
    return None


def _claimant(anchor: Token, sent: Span, ctx: _Context) -> tuple[Actor | None, str | None]:
    """Who states the number: the outermost reporting verb's subject, or "according to X"."""
    rules = ctx.res.rules
    subject = None
    tok = anchor
    while tok.head.i != tok.i:
        tok = tok.head
        if tok.pos_ == "VERB" and tok.lemma_.lower() in rules.claimant_verbs:
            subject = _subject(tok) or subject
    root = tok
    for child in root.children:
        if child.dep_ == "parataxis" and child.lemma_.lower() in rules.claimant_verbs and subject is None:
            subject = _subject(child)
    for t in sent:
        if t.lower_ == "according" and subject is None:
            to = next((c for c in t.children if c.lower_ == "to"), None)
            subject = next((g for g in to.children if g.dep_ == "pobj"), None) if to is not None else None
    if subject is None or subject.lemma_.lower() in ctx.res.lexicon.nouns:
        return None, None  # "The attack highlights the challenges ...": an event is no claimant
    return _claimant_actor(subject, ctx), _phrase_text(subject)


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _phrase_text(head: Token) -> str:
    """The claimant phrase as written, with its determiner ("The statement", "the committee's statement")."""
    tokens = args.noun_phrase(head) + [c for c in head.children if c.dep_ in ("det", "poss")]
    first = min(t.left_edge.i if t.dep_ == "poss" else t.i for t in tokens)
    return head.doc[first:max(t.i for t in tokens) + 1].text


def _claimant_actor(subject: Token, ctx: _Context) -> Actor | None:
    """The actor behind a claimant phrase; ``None`` for a source that is no actor ("Statistics")."""
    rules = ctx.res.rules
    if subject.lemma_.lower() not in rules.source_nouns and subject.lower_ not in rules.source_nouns:
        return _np_actor(subject, ctx)
    for child in subject.children:
        if child.dep_ == "poss":
            return _np_actor(child, ctx)
        if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            actor = _np_actor(pobj, ctx) if pobj is not None else None
            if actor is not None:
                return actor
    if any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in subject.children):
        return _issuer(subject, ctx)
    return None


def _issuer(source: Token, ctx: _Context) -> Actor | None:
    """"The statement" -> who issued the last statement before it ("In a statement ..., the committee denied")."""
    lemma = source.lemma_.lower()
    for tok in reversed(ctx.doc[max(0, source.sent.start - 200):source.i]):
        if tok.lemma_.lower() != lemma or tok.i == source.i:
            continue
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        if owner is None and tok.dep_ == "pobj" and tok.head.head.pos_ == "VERB":
            owner = _subject(tok.head.head)
        if owner is None and tok.dep_ in ("nsubj", "nsubjpass"):
            return None
        if owner is not None:
            return _np_actor(owner, ctx)
    return None


def _continued(claim: NumericClaim, sent: Span, counted: _Counted, previous: list[NumericClaim],
               rules: NumberRules) -> NumericClaim:
    """"But the number of attacks decreased to 56 cases": the previous sentence's claimant and scope go on."""
    if claim.claimant is not None or claim.claimant_text is not None:
        return claim
    opener = sent[0].lower_ in rules.continuation_openers
    if not (opener or counted.suffix == "+aggregate"):
        return claim
    same = [p for p in previous if p.unit == claim.unit and p.parent_id is None]
    if not same:
        return claim
    before = same[-1]
    scope = ClaimScope(event_type=claim.scope.event_type or before.scope.event_type,
                       mode=claim.scope.mode or before.scope.mode, actor=claim.scope.actor or before.scope.actor,
                       recipient=claim.scope.recipient or before.scope.recipient,
                       target_area=claim.scope.target_area or before.scope.target_area)
    return replace(claim, scope=scope, claimant=before.claimant, claimant_text=before.claimant_text,
                   rule_id=claim.rule_id + "+continued")
