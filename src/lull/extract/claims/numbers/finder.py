"""One NumericClaim per counted number: value, qualifier, rate, period, subset parent and claimant.

The policies are listed in the package docstring (``lull.extract.claims.numbers``).
"""
from __future__ import annotations

import hashlib
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ....records import Actor, ClaimScope, DateSpan, NumericClaim
from ....records import Span as TextSpan
from ....knowledge import dates
from ...events import arguments as args
from ..attribution import list_blocks
from ...doctext import text_of
from .reading import NOT_COUNTS, Number, find_numbers, is_time_count, qualify, rate_of
from .rules import NumberResources, NumberRules
from .scope import (
    Context,
    Counted,
    count_noun,
    counted_by,
    np_actor,
    phrase,
    scope_from_previous,
    scope_of,
    subject_of,
)

_OPEN_CLAUSES = frozenset({"xcomp", "pcomp", "acl", "relcl"})  # clauses that take their time from their head


def find_numeric_claims(doc: Doc, *, res: NumberResources, doc_id: str | None = None,
                        published: DateSpan | None = None) -> list[NumericClaim]:
    """Every numeric claim of a parsed document, in text order (see the module docstring for the policies).

    ``doc_id`` and ``published`` default to ``doc._.lull_doc_id`` and ``doc._.lull_published``."""
    if doc_id is None and Doc.has_extension("lull_doc_id"):
        doc_id = doc._.lull_doc_id
    if published is None and Doc.has_extension("lull_published"):
        published = doc._.lull_published
    ctx = Context(doc, doc_id or text_id(text_of(doc)), published, res)
    ctx.list_claimants = _list_claimants(ctx)
    claims: list[NumericClaim] = []
    previous: list[NumericClaim] = []
    for sent in doc.sents:
        current: list[NumericClaim] = []
        periods = _sentence_periods(sent, ctx)
        for number in find_numbers(sent, res.rules):
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


def _claim(number: Number, sent: Span, ctx: Context, periods: list[tuple[Token, DateSpan]],
           current: list[NumericClaim], previous: list[NumericClaim]) -> NumericClaim | None:
    rules = ctx.res.rules
    if number.root.ent_type_ in NOT_COUNTS and not is_time_count(number, rules):
        return None
    parent = _subset_parent(number, current, previous, rules)
    counted = counted_by(number, sent, ctx) if parent is None else None
    if parent is None and counted is None:
        return None
    qualifier, low, high, value = qualify(number, sent, rules)
    noun = counted.noun if counted is not None else count_noun(number.root, rules)
    anchor_tok = noun if noun is not None else number.root
    rate, rate_suffix = rate_of(anchor_tok, rules)
    period = _period(number, anchor_tok, periods)
    if rate_suffix == "+window" and period is not None:
        rate, rate_suffix = None, ""
    end_tok = sent.doc[max(number.last, anchor_tok.i)] if anchor_tok.i > number.last else sent.doc[number.last]
    text_span = sent.doc[number.first:end_tok.i + 1]
    sentence = TextSpan(ctx.doc_id, sent.start_char, sent.end_char, sent.text)
    span = TextSpan(ctx.doc_id, text_span.start_char, text_span.end_char, text_span.text)
    claimant, claimant_text = _claimant(anchor_tok, sent, ctx)
    if claimant is None and claimant_text is None:
        claimant, claimant_text = next(((actor, text) for start, end, actor, text in ctx.list_claimants
                                        if start <= sent.start_char < end), (None, None))
    if claimant is None:  # "Initial reports indicate that ..." inside Blinken's statement: Blinken's number
        speaker = _quote_speaker(text_span.start_char, text_span.end_char, ctx)
        if speaker is not None:
            claimant, claimant_text = speaker
    if period is None and (counted is None or counted.rule.kind != "time"):  # a duration has no period of its own
        period = _event_date(number, sent, ctx)
    if parent is not None:
        unit_rule = ctx.unit_rules[parent.id]
        rule_id = unit_rule + "+subset"
        base = NumericClaim(
            id="", doc_id=ctx.doc_id, sentence=sentence, span=span, rule_id=rule_id, unit=parent.unit,
            scope=replace(parent.scope, target_area=_subset_target(number.root) or parent.scope.target_area),
            period=period or parent.period, parent_id=parent.id,
            claimant=claimant or parent.claimant, claimant_text=claimant_text or parent.claimant_text)
    else:
        assert counted is not None
        unit_rule = counted.rule.id
        rule_id = unit_rule + counted.suffix + ("+vague" if number.vague else "")
        scope = scope_of(counted, ctx)
        if counted.rule.kind == "event" and scope.actor is None and scope.recipient is None:
            scope = scope_from_previous(scope, counted, sent, ctx)
            if scope.actor or scope.recipient:
                rule_id += "+context"
        base = NumericClaim(id="", doc_id=ctx.doc_id, sentence=sentence, span=span, rule_id=rule_id,
                            unit=counted.rule.unit, scope=scope, period=period, claimant=claimant,
                            claimant_text=claimant_text)
        base = _continued(base, sent, counted, previous, rules)
    rule_id = base.rule_id + rate_suffix
    claim = replace(base, id=claim_id(ctx.doc_id, sentence.start, span.start, base.unit, rule_id), rule_id=rule_id,
                    value=value, low=low, high=high, qualifier=qualifier, rate_per=rate)
    ctx.unit_rules[claim.id] = unit_rule
    return claim


def _quote_speaker(start: int, end: int, ctx: Context) -> tuple[Actor, str | None] | None:
    """The speaker of the quote whose words hold a number (``doc._.lull_quotes``, when ``lull_quotes`` ran first):
    a number in someone's words is that speaker's claim."""
    quotes = ctx.doc._.lull_quotes if Doc.has_extension("lull_quotes") else None
    for quote in quotes or ():
        if quote.content.start <= start and end <= quote.content.end and quote.speaker is not None:
            return quote.speaker, quote.speaker_text
    return None


def _event_date(number: Number, sent: Span, ctx: Context) -> DateSpan | None:
    """No date in the number's own clause: the date of the event the sentence reports (``doc._.lull_mentions``),
    when the event coder placed exactly one date in that sentence ("three U.S. soldiers were killed" in a
    sentence about "the attack yesterday")."""
    mentions = ctx.doc._.lull_mentions if Doc.has_extension("lull_mentions") else None
    dated = {m.date for m in mentions or () if m.date is not None and m.date.start is not None
             and m.sentence.start <= number.root.idx < m.sentence.end and m.modality != "future"}
    return dated.pop() if len(dated) == 1 else None


def _subset_parent(number: Number, current: list[NumericClaim], previous: list[NumericClaim],
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
    return phrase(obj) if obj is not None else None


def _sentence_periods(sent: Span, ctx: Context) -> list[tuple[Token, DateSpan]]:
    """The placed date expressions of a sentence, each with the token it attaches to."""
    out = []
    for start, end, span in dates.find_dates(sent.text, anchor=ctx.anchor):
        tokens = sent.doc.char_span(sent.start_char + start, sent.start_char + end, alignment_mode="expand")
        if tokens is None or len(tokens) == 0:
            continue
        root = tokens.root
        out.append((root.head if root.dep_ in ("pobj", "prep") else root, span))
    return out


def _period(number: Number, noun: Token, periods: list[tuple[Token, DateSpan]]) -> DateSpan | None:
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


def _list_claimants(ctx: Context) -> tuple[tuple[int, int, Actor | None, str | None], ...]:
    """List items under a lead line that names a claimant ("According to Ihsan al-Shammari, several
    factors have contributed ...:") state their numbers for that claimant."""
    out = []
    for block in list_blocks(text_of(ctx.doc), ctx.res.speech):
        lead = ctx.doc.char_span(block.lead_start, block.lead_end, alignment_mode="expand")
        if lead is None or len(lead) == 0:
            continue
        sent = lead[-1].sent
        actor, text = _claimant(sent.root, sent, ctx)
        if actor is not None or text is not None:
            out.extend((item.start, item.end, actor, text) for item in block.items)
    return tuple(out)


def _claimant(anchor: Token, sent: Span, ctx: Context) -> tuple[Actor | None, str | None]:
    """Who states the number: the outermost reporting verb's subject, or "according to X"."""
    rules = ctx.res.rules
    subject = None
    tok = anchor
    while tok.head.i != tok.i:
        tok = tok.head
        if tok.pos_ == "VERB" and tok.lemma_.lower() in rules.claimant_verbs:
            subject = subject_of(tok) or subject
    root = tok
    for child in root.children:
        if child.dep_ == "parataxis" and child.lemma_.lower() in rules.claimant_verbs and subject is None:
            subject = subject_of(child)
    for t in sent:
        if t.lower_ == "according" and subject is None:
            to = next((c for c in t.children if c.lower_ == "to"), None)
            subject = next((g for g in to.children if g.dep_ == "pobj"), None) if to is not None else None
    if subject is None or subject.lemma_.lower() in ctx.res.lexicon.nouns:
        return None, None  # "The attack highlights the challenges ...": an event is no claimant
    return _claimant_actor(subject, ctx), _phrase_text(subject)


def _phrase_text(head: Token) -> str:
    """The claimant phrase as written, with its determiner ("The statement", "the committee's statement")."""
    tokens = args.noun_phrase(head) + [c for c in head.children if c.dep_ in ("det", "poss")]
    first = min(t.left_edge.i if t.dep_ == "poss" else t.i for t in tokens)
    return head.doc[first:max(t.i for t in tokens) + 1].text


def _claimant_actor(subject: Token, ctx: Context) -> Actor | None:
    """The actor behind a claimant phrase; ``None`` for a source that is no actor ("Statistics")."""
    rules = ctx.res.rules
    if subject.lemma_.lower() not in rules.source_nouns and subject.lower_ not in rules.source_nouns:
        return np_actor(subject, ctx)
    for child in subject.children:
        if child.dep_ == "poss":
            return np_actor(child, ctx)
        if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            actor = np_actor(pobj, ctx) if pobj is not None else None
            if actor is not None:
                return actor
    if any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in subject.children):
        return _issuer(subject, ctx)
    return None


def _issuer(source: Token, ctx: Context) -> Actor | None:
    """"The statement" -> who issued the last statement before it ("In a statement ..., the committee denied")."""
    lemma = source.lemma_.lower()
    for tok in reversed(ctx.doc[max(0, source.sent.start - 200):source.i]):
        if tok.lemma_.lower() != lemma or tok.i == source.i:
            continue
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        if owner is None and tok.dep_ == "pobj" and tok.head.head.pos_ == "VERB":
            owner = subject_of(tok.head.head)
        if owner is None and tok.dep_ in ("nsubj", "nsubjpass"):
            return None
        if owner is not None:
            return np_actor(owner, ctx)
    return None


def _continued(claim: NumericClaim, sent: Span, counted: Counted, previous: list[NumericClaim],
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
