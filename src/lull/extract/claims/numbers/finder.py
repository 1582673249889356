"""One NumericClaim per counted number: value, qualifier, rate, period, subset parent and claimant.

The policies are listed in the package docstring (``lull.extract.claims.numbers``).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ....records import Actor, ClaimScope, DateSpan, NumericClaim
from ....vocabulary import EventType
from ....records import Span as TextSpan
from ....knowledge import dates
from ...events import arguments as args
from ..attribution import list_blocks
from ...doctext import text_of
from .infobox import Figure, find_figures
from .reading import NOT_COUNTS, Number, find_numbers, is_time_count, qualify, rate_of
from .rules import NumberResources, NumberRules
from .rules import UnitRule
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
    figures = find_figures(text_of(doc), res.rules, anchor=ctx.anchor)
    claims: list[NumericClaim] = []
    previous: list[NumericClaim] = []
    for sent in doc.sents:
        current: list[NumericClaim] = [_figure_claim(f, ctx) for f in figures
                                       if sent.start_char <= f.start < sent.end_char]
        periods = _sentence_periods(sent, ctx)
        for number in find_numbers(sent, res.rules):
            if any(f.start <= sent.doc[number.first].idx < f.end for f in figures):
                continue  # read as an infobox figure
            claim = _claim(number, sent, ctx, periods, current, previous)
            if claim is not None:
                current.append(claim)
                ctx.claims[claim.id] = claim
        current = _durations(sorted(current, key=lambda c: c.span.start), ctx)
        claims.extend(current)
        previous = current
    return _carry_periods(claims, ctx)


# Counts of one incident's toll, weapons and targets carry the incident's date; campaign totals ("170 attacks")
# and durations do not.
_CARRIED = frozenset({"person", "weapon", "place", "other", "money", "infobox"})  # unit kinds
# An event's date as the text states it in the event's own clause or sentence (the coder's date fallback chain
# also borrows dates from antecedents, the paragraph and the report: a claim must not borrow a borrowed date).
_STATED = frozenset({None, "clause", "sentence"})
_VIOLENT = frozenset({EventType.ASSAULT, EventType.COERCE})


def _carry_periods(claims: list[NumericClaim], ctx: Context) -> list[NumericClaim]:
    """Periods the number's own clause does not state: "during the quarter" is the report's period (its title's
    date range); otherwise a count in a paragraph about a dated incident counts over that incident's date (the
    nearest period before it in the same paragraph, of a claim or of a reported event). Durations keep none."""
    rules = ctx.res.rules
    text = text_of(ctx.doc)
    report = _report_period(text, ctx)
    mentions = ctx.doc._.lull_mentions if Doc.has_extension("lull_mentions") else None
    dated = [(m.sentence.start, m.date) for m in mentions or ()
             if m.date is not None and m.date.start is not None and m.date.precision == "day"
             and m.date.basis in _STATED and m.type in _VIOLENT
             and m.modality not in ("future", "historical")]  # a dated violent incident (tolls, weapons, targets)
    out: list[NumericClaim] = []
    for claim in claims:
        tense = _tense(claim, ctx) if claim.period is None else None
        if claim.period is None and tense == "present" and (report or ctx.anchor) is not None:
            # "Thousands of U.S. troops remain in Iraq": a stock as of the report's end or the publication date
            end = (report or ctx.anchor).end
            claim = replace(claim, period=DateSpan(None, end, "day")) if end is not None else claim
        if claim.period is None and ctx.unit_kinds.get(claim.id) in _CARRIED:
            sentence = claim.sentence.text.lower()
            if report is not None and any(p in sentence for p in rules.report_period_phrases):
                claim = replace(claim, period=report)
            else:
                para = _paragraph_start(text, claim.span.start)
                before = [(c.span.start, c.period) for c in out if c.period is not None and para <= c.span.start]
                before += [(start, span) for start, span in dated if para <= start < claim.sentence.start]
                if before:
                    claim = replace(claim, period=max(before, key=lambda b: b[0])[1])
        if claim.period is None and tense == "past" and report is not None:
            claim = replace(claim, period=report)  # "The agencies issued 7 oversight reports": in the report's period
        out.append(claim)
    return out


def _tense(claim: NumericClaim, ctx: Context) -> str | None:
    """"present" or "past": the tense of the clause that holds the number, when its verb is finite."""
    tokens = ctx.doc.char_span(claim.span.start, claim.span.end, alignment_mode="expand")
    if tokens is None or len(tokens) == 0:
        return None
    tok = tokens.root
    while tok.head.i != tok.i and tok.pos_ not in ("VERB", "AUX"):
        tok = tok.head
    tags = {tok.tag_} | {c.tag_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    if tok.pos_ not in ("VERB", "AUX") or "MD" in tags:
        return None
    if tags & {"VBP", "VBZ"}:
        return "present"
    return "past" if "VBD" in tags else None


def _paragraph_start(text: str, pos: int) -> int:
    """Where the paragraph before the one holding ``pos`` starts: a casualty paragraph often follows the one
    that dates the incident ("... airstrikes yesterday ...\n\nOfficials estimate that four militants were killed")."""
    start = text.rfind("\n\n", 0, pos)
    if start == -1:
        return 0
    before = text.rfind("\n\n", 0, start)
    return before + 2 if before != -1 else 0


def _report_period(text: str, ctx: Context) -> DateSpan | None:
    """The period a periodic report covers: the first date range of its opening lines."""
    return dates.title_period(text, ctx.anchor, ctx.res.rules.report_period_lines)


def _figure_claim(figure: Figure, ctx: Context) -> NumericClaim:
    """An infobox figure as a claim in the outlet's voice."""
    span = TextSpan(ctx.doc_id, figure.start, figure.end, text_of(ctx.doc)[figure.start:figure.end])
    claim = NumericClaim(id=claim_id(ctx.doc_id, figure.start, figure.start, figure.unit, figure.rule_id),
                         doc_id=ctx.doc_id, sentence=span, span=span, rule_id=figure.rule_id, unit=figure.unit,
                         value=figure.value, low=figure.low, high=figure.high, qualifier=figure.qualifier,
                         period=figure.period)
    ctx.unit_rules[claim.id] = figure.rule_id
    ctx.unit_kinds[claim.id] = "infobox"
    ctx.claims[claim.id] = claim
    return claim


def _durations(claims: list[NumericClaim], ctx: Context) -> list[NumericClaim]:
    """"3 months, 2 weeks and 6 days": one duration, computed in days (``day_lengths``), instead of three."""
    lengths = ctx.res.rules.day_lengths
    text = text_of(ctx.doc)
    out: list[NumericClaim] = []
    run: list[NumericClaim] = []

    def close() -> None:
        if len({c.unit for c in run}) > 1:
            days = sum((c.value or 0) * lengths[c.unit] for c in run)
            first, last = run[0], run[-1]
            span = TextSpan(ctx.doc_id, first.span.start, last.span.end, text[first.span.start:last.span.end])
            rule_id = "unit.time.day+sum"
            out.append(replace(first, id=claim_id(ctx.doc_id, first.sentence.start, span.start, "days", rule_id),
                               span=span, unit="days", value=float(days), rule_id=rule_id))
        else:
            out.extend(run)
        run.clear()

    for claim in claims:
        joined = run and text[run[-1].span.end:claim.span.start].strip(" ,").lower() in ("", "and")
        if claim.unit in lengths and claim.value is not None and claim.parent_id is None and (not run or joined):
            run.append(claim)
            continue
        close()
        if claim.unit in lengths and claim.value is not None and claim.parent_id is None:
            run.append(claim)
        else:
            out.append(claim)
    close()
    return out


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
    if number.currency is not None:
        counted = Counted(UnitRule("unit.money." + number.currency.lower(), "money", number.currency), None, None)
        parent = None
    else:
        if number.root.ent_type_ in NOT_COUNTS and not is_time_count(number, rules):
            return None
        parent = _subset_parent(number, current, previous, ctx)
        counted = counted_by(number, sent, ctx) if parent is None else None
    if parent is None and counted is None:
        return None
    if number.article and parent is None and (counted is None or counted.suffix != "+victims"):
        return None  # "a"/"an" counts one only as a casualty ("killed a U.S. contractor") or a subset member
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
        period = _only_date(number, anchor_tok, periods) or _event_date(number, sent, ctx)
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
    ctx.unit_kinds[claim.id] = ctx.unit_kinds.get(parent.id, "") if parent is not None else counted.rule.kind
    return claim


def _definite_set(noun: Token, ctx: Context) -> bool:
    """"those patients", "the injured servicemembers": a set named before."""
    dets = {c.lower_ for c in noun.children if c.dep_ == "det"}
    if dets & ctx.res.rules.subset_determiners:
        return True
    lex = ctx.res.lexicon
    return "the" in dets and any(c.dep_ == "amod" and c.lemma_.lower() in lex.verbs
                                 and lex.verbs[c.lemma_.lower()].casualty is not None for c in noun.children)


def _quote_speaker(start: int, end: int, ctx: Context) -> tuple[Actor, str | None] | None:
    """The speaker of the quote whose words hold a number (``doc._.lull_quotes``, when ``lull_quotes`` ran first):
    a number in someone's words is that speaker's claim."""
    quotes = ctx.doc._.lull_quotes if Doc.has_extension("lull_quotes") else None
    for quote in quotes or ():
        if quote.content.start <= start and end <= quote.content.end and quote.speaker is not None:
            return quote.speaker, quote.speaker_text
    return None


def _only_date(number: Number, noun: Token, periods: list[tuple[Token, DateSpan]]) -> DateSpan | None:
    """The one date of a sentence dates its counts ("U.S. forces intercepted dozens of missiles after Iran
    launched more than 300 air threats on the evening of April 13 and the morning of April 14"), unless the
    number stands in a coordinated clause of its own ("On January 27, ..., but later three soldiers were
    killed"), which tells a different time."""
    if len(periods) != 1 or periods[0][1].start is None:
        return None
    tok = noun
    while tok.head.i != tok.i and tok.pos_ not in ("VERB", "AUX"):
        tok = tok.head
    return None if tok.dep_ == "conj" else periods[0][1]


def _event_date(number: Number, sent: Span, ctx: Context) -> DateSpan | None:
    """No date in the number's own clause: the date of the event the sentence reports (``doc._.lull_mentions``),
    when the event coder placed exactly one date in that sentence ("three U.S. soldiers were killed" in a
    sentence about "the attack yesterday")."""
    mentions = ctx.doc._.lull_mentions if Doc.has_extension("lull_mentions") else None
    dated = {m.date for m in mentions or () if m.date is not None and m.date.start is not None
             and m.date.basis in _STATED and m.sentence.start <= number.root.idx < m.sentence.end
             and m.modality != "future"}
    return dated.pop() if len(dated) == 1 else None


def _subset_parent(number: Number, current: list[NumericClaim], previous: list[NumericClaim],
                   ctx: Context) -> NumericClaim | None:
    """The claim a subset belongs to: "94 of which", "three of them", "three of those patients", "one of the
    injured servicemembers", "including two children", "[three wounded,] one critically", "the other five"."""
    rules = ctx.res.rules
    root = number.root
    last = (current or previous or [None])[-1]
    of_pronoun = any(c.dep_ == "prep" and c.lower_ == "of" and any(
        g.dep_ == "pobj" and (g.lower_ in rules.subset_pronouns or _definite_set(g, ctx)) for g in c.children)
        for c in root.children)
    if of_pronoun:
        return last
    if root.dep_ == "appos" and current and current[-1].span.start <= root.head.idx < current[-1].span.end:
        return current[-1]  # "wounded three U.S. service-members, one critically"
    if (last is not None and root.dep_ in ("nsubj", "nsubjpass", "dobj") and count_noun(root, rules) is None
            and any(c.lower_ == "other" for c in root.children) and any(c.lower_ == "the" for c in root.children)):
        return ctx.claims.get(last.parent_id or "", last)  # "the other five": the rest of the same total
    noun = root.head if root.dep_ in ("nummod", "det") else root
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
    """The placed date expressions of a sentence, each with the token it attaches to. Two dates joined by
    "and"/"to" ("the evening of April 13 and the morning of April 14") are one span from the first to the
    second; a date inside a "since" phrase ("Since the onset of the war on 7 October 2023") opens a span that
    runs to the publication date."""
    found = dates.find_dates(sent.text, anchor=ctx.anchor, partial=True)
    merged: list[tuple[int, int, DateSpan]] = []
    for start, end, span in found:
        if merged and _JOINED.match(sent.text[merged[-1][1]:start]) and merged[-1][2].start is not None \
                and span.end is not None and merged[-1][2].start <= span.end:
            first = merged.pop()
            span = DateSpan(first[2].start, span.end, span.precision)
            start = first[0]
        merged.append((start, end, span))
    placed = []
    for start, end, span in merged:
        tokens = sent.doc.char_span(sent.start_char + start, sent.start_char + end, alignment_mode="expand")
        if tokens is not None and len(tokens) > 0:
            placed.append((tokens.root, _since(tokens.root), span))
    # "During his March 23 testimony, he said they attacked 78 times since the beginning of 2021": a "since" span
    # runs to the day the sentence dates the statement by, else to the publication date
    days = [span for _, since, span in placed if since is None and _one_day(span)]
    closing = days[0] if len(days) == 1 else None
    out = []
    for root, since, span in placed:
        if since is not None and span.start is None and span.start_md is not None:
            span = replace(span, end=ctx.anchor.end if ctx.anchor is not None else None, end_md=None)
            out.append((since.head, _closed(span, closing)))  # "since November 2" in a report of unknown year
            continue
        if since is not None and span.start is not None:
            span = DateSpan(span.start, ctx.anchor.end if ctx.anchor is not None else None, span.precision)
            out.append((since.head, _closed(span, closing)))
            continue
        out.append((root.head if root.dep_ in ("pobj", "prep") else root, span))
    return out


def _one_day(span: DateSpan) -> bool:
    return (span.start is not None and span.start == span.end) or (
        span.start is None and span.start_md is not None and span.start_md == span.end_md)


def _closed(since: DateSpan, day: DateSpan | None) -> DateSpan:
    """A "since" span ended by the day of the statement, when that day is not before the span opens."""
    if day is None:
        return since
    if day.end is not None and since.start is not None:
        return replace(since, end=day.end, end_md=None) if day.end >= since.start else since
    if day.end_md is not None and since.end is None:
        return replace(since, end=None, end_md=day.end_md)  # a year-less day: "2021-01-01/--03-23"
    return since


_JOINED = re.compile(r"^\s*(?:and|to|through|until|till|[-–—])\s+(?:the\s+\w+\s+of\s+)?$", re.IGNORECASE)


def _since(root: Token) -> Token | None:
    """The "since" preposition a date hangs under, a few heads up ("since the onset of the war on 7 October")."""
    tok = root
    for _ in range(5):
        if tok.lower_ == "since" and tok.dep_ == "prep":
            return tok
        if tok.head.i == tok.i or tok.pos_ in ("VERB", "AUX"):
            return None
        tok = tok.head
    return None


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
        if tok.pos_ == "VERB" and tok.lemma_.lower() in rules.claimant_verbs and not _claims_responsibility(tok):
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


def _claims_responsibility(verb: Token) -> bool:
    """"The group claimed responsibility for the attacks, which killed two civilians": the group claims the attack,
    not its toll; the count stays in the voice that reports it."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() == "responsibility" for c in verb.children)


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
