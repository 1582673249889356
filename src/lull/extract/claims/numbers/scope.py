"""What a number counts: the unit, the counted events or people, and their actor, recipient and target area.

Event agents and targets come from the walkers of ``extract.arguments`` (the
event coder's), actors from the actor ruler's spans and the actor KB.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from ....records import Actor, ClaimScope, DateSpan, NumericClaim
from ...events import arguments as args
from ...events.lexicon import Lexicon, TriggerRule
from .reading import TIME_WORDS, Number, is_time_count
from .rules import CASUALTY_UNITS, NumberResources, NumberRules, UnitRule

_PRONOUN_PEOPLE = frozenset({"he", "she", "him", "her"})


@dataclass(frozen=True, slots=True)
class Counted:
    """What a number counts: the unit rule, the counted noun and the event noun that names the scope."""

    rule: UnitRule
    noun: Token | None
    event: Token | None  # the event noun or verb whose actor/recipient scope the count
    suffix: str = ""


@dataclass
class Context:
    doc: Doc
    doc_id: str
    anchor: DateSpan | None
    res: NumberResources
    # (item start, item end, claimant, claimant text) of list items whose lead line names a claimant
    list_claimants: tuple[tuple[int, int, Actor | None, str | None], ...] = ()
    # claim id -> id of the unit rule that read it (a subset's rule id names its parent's unit rule)
    unit_rules: dict[str, str] = field(default_factory=dict)
    # claim id -> kind of what it counts (the unit rule's kind; "infobox" for a fact-box figure)
    unit_kinds: dict[str, str] = field(default_factory=dict)
    # claim id -> claim, for subsets of subsets ("the other five" of the eight, after "three of those")
    claims: dict[str, NumericClaim] = field(default_factory=dict)


def counted_by(number: Number, sent: Span, ctx: Context) -> Counted | None:
    rules, lex = ctx.res.rules, ctx.res.lexicon
    root = number.root
    noun = count_noun(root, rules)
    if noun is None:
        return _bare(number, ctx)
    if number.value == 1 and noun.dep_ == "pobj" and noun.head.head.i == root.i:
        return None  # "one of the original members": a partitive, not a count
    lemma = noun.lemma_.lower()
    if noun.tag_ in ("NN", "NNP") and (number.value or 0) > 1 and lemma not in rules.collective | TIME_WORDS:
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
        return Counted(UnitRule("unit.noun", "other", noun.lower_.replace(" ", "_")), noun, None)  # "reports"
    if rule.kind == "generic":
        return _generic(rule, noun, sent, ctx)
    if rule.kind == "time" and not is_time_count(number, rules):
        return None
    if rule.kind == "event":
        return Counted(rule, noun, noun)
    holder = root if noun.dep_ == "pobj" and noun.head.head.i == root.i else noun  # "dozens of personnel"
    while holder.dep_ == "conj" and holder.head.pos_ in ("NOUN", "PROPN", "NUM"):
        holder = holder.head  # "injuries to five servicemembers and two contractors": the first conjunct's place
    if holder.dep_ == "pobj" and holder.head.lower_ == "between":
        holder = holder.head  # "wounded between 40 and 50 others"
    verb = holder.head if holder.dep_ in ("dobj", "nsubjpass", "nsubj", "prep") else None
    event = verb if verb is not None and verb.lemma_.lower() in lex.verbs else None
    # the object or passive subject of a casualty verb are its victims, and so is the subject of one with no object
    # ("at least nine fighters died"); the subject of "three soldiers killed two civilians" is not
    intransitive = verb is not None and not any(c.dep_ in ("dobj", "obj") for c in verb.children)
    victims = _casualty_rule(verb, ctx) if rule.kind == "person" and (holder.dep_ != "nsubj" or intransitive) \
        and verb is not None else None
    if victims is None and rule.kind == "person" and verb is not None and verb.lemma_.lower() in rules.death_verbs \
            and holder.dep_ == "nsubj":
        victims = next((r for r in rules.units.values() if r.id == "unit.casualty.fatality"), None)
    if victims is not None:
        return Counted(victims, noun, verb, "+victims")  # "three U.S. soldiers were killed": fatalities
    if rule.kind == "person" and rule.unit not in CASUALTY_UNITS:
        harmed = _harmed(noun, holder, ctx)
        if harmed is not None:
            return Counted(harmed[0], noun, harmed[1], "+victims")
    return Counted(rule, noun, event)


def count_noun(root: Token, rules: NumberRules) -> Token | None:
    """The noun a number counts: its head ("316 attacks"), or its "of" object ("dozens of people")."""
    head = root.head
    if root.dep_ in ("nummod", "quantmod", "amod", "compound", "nmod", "det") and (
            head.pos_ in ("NOUN", "PROPN") or head.pos_ == "ADJ" and head.lower_ in rules.units):  # "six more"
        noun = root.head
        while (noun.dep_ == "compound" and noun.tag_ == "NN" and noun.head.tag_ == "NNS" and noun.head.i > noun.i
               and noun.lemma_.lower() not in TIME_WORDS):
            noun = noun.head  # "7 oversight reports": the number counts the reports
        return noun
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ == "NOUN":
                return pobj
    return None


def _bare(number: Number, ctx: Context) -> Counted | None:
    """A number with no noun: the victims of a casualty verb ("killing and wounding dozens of them")."""
    verb = number.root.head
    if number.root.dep_ not in ("dobj", "nsubjpass") or verb.pos_ != "VERB":
        return None
    rule = _casualty_rule(verb, ctx)
    return Counted(rule, None, verb, "+bare") if rule is not None else None


def _harmed(noun: Token, holder: Token, ctx: Context) -> tuple[UnitRule, Token] | None:
    """People counted as casualties without a casualty verb over them: "One Iraqi soldier injured" (a participle
    on the noun), "injuries to dozens of troops", "the killing ... of three American service members"."""
    lex, units = ctx.res.lexicon, ctx.res.rules.units
    for child in noun.children:
        if child.dep_ in ("acl", "amod") and child.tag_ == "VBN" and not _own_arguments(child):
            rule = _casualty_rule(child, ctx)
            if rule is not None:
                return rule, child
    if holder.dep_ == "pobj" and holder.head.lower_ == "to" and holder.head.head.pos_ == "VERB":
        verb = holder.head.head  # "resulted in injuries to dozens of troops", "caused injuries to ...": "to" on verb
        nouns = [c for c in verb.children if c.dep_ == "dobj"] + [
            g for c in verb.children if c.dep_ == "prep" and c.i < holder.head.i
            for g in c.children if g.dep_ == "pobj"]
        for harm in nouns:
            found = units.get(harm.lemma_.lower())
            if found is not None and found.id.startswith("unit.casualty."):
                return found, harm
    if holder.dep_ == "pobj" and holder.head.lower_ in ("to", "of", "among"):
        head = holder.head.head
        lemma = head.lemma_.lower()
        found = units.get(lemma)
        if found is not None and found.id.startswith("unit.casualty."):
            return found, head  # "injuries to", "deaths of"
        trigger = lex.nouns.get(lemma)
        if trigger is not None and trigger.casualty is not None:
            rule_id = "unit.casualty." + ("fatality" if trigger.casualty == "fatalities" else "injury")
            return next(r for r in units.values() if r.id == rule_id), head  # "the killing ... of three soldiers"
    return None


def _casualty_rule(verb: Token, ctx: Context) -> UnitRule | None:
    """The unit of a casualty verb's victims: fatality ("killed"), injury ("wounded"), casualty (both)."""
    lex = ctx.res.lexicon
    verbs = [verb, *(c for c in verb.children if c.dep_ == "conj" and not _own_arguments(c))]
    if verb.dep_ == "conj" and not _own_arguments(verb.head):
        verbs.append(verb.head)  # "killing and wounding dozens": both verbs share the victims
    kinds = {lex.verbs[v.lemma_.lower()].casualty for v in verbs if v.lemma_.lower() in lex.verbs} - {None}
    if not kinds:
        return None
    rule_id = "unit.casualty." + ("casualty" if len(kinds) > 1 else "fatality" if "fatalities" in kinds else "injury")
    return next((r for r in ctx.res.rules.units.values() if r.id == rule_id), None)


def _generic(rule: UnitRule, noun: Token, sent: Span, ctx: Context) -> Counted | None:
    """"264 cases" of "the number of attacks"; "attacked US troops 78 times": the unit is the event counted."""
    rules, lex = ctx.res.rules, ctx.res.lexicon
    for tok in sent:
        if tok.lemma_.lower() in rules.aggregate_heads:
            prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            counted = next((g for g in prep.children if g.dep_ == "pobj"), None) if prep is not None else None
            if counted is not None and counted.i != noun.i:
                found = rules.units.get(counted.lemma_.lower())
                if found is not None and found.kind != "generic":
                    return Counted(found, noun, counted if found.kind == "event" else None, "+aggregate")
    verb = noun.head
    if noun.dep_ in ("npadvmod", "dobj") and verb.pos_ == "VERB" and verb.lemma_.lower() in lex.verbs:
        trigger = lex.verbs[verb.lemma_.lower()]
        if trigger.type == "ASSAULT":
            found = rules.units.get(verb.lemma_.lower()) or rules.units.get("attack")
            if found is not None:
                return Counted(found, noun, verb, "+times")
    return None


def scope_of(counted: Counted, ctx: Context) -> ClaimScope:
    """Event type and mode, actor, recipient and target area of what is counted."""
    lex = ctx.res.lexicon
    event = counted.event
    if event is None:
        owner = np_actor(counted.noun, ctx) if counted.noun is not None else None
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
    recipient = np_actor(target, ctx) if target is not None else None
    area = phrase(area_tok) if area_tok is not None and area_tok.lemma_.lower() in lex.place_nouns else None
    return ClaimScope(event_type=trigger.type if trigger.type else None, mode=mode,
                      actor=np_actor(agent, ctx) if agent is not None else None, recipient=recipient,
                      target_area=area)


def scope_from_previous(scope: ClaimScope, counted: Counted, sent: Span, ctx: Context) -> ClaimScope:
    """"[X stopped attacks on Y.] This comes after averaging around 25 attacks per week": X and Y go on.

    Only when the sentence's subject is a demonstrative standing for the previous sentence."""
    subject = subject_of(sent.root)
    if subject is None or subject.lower_ not in ("this", "that", "it") or sent.start == 0 or counted.event is None:
        return scope
    before = ctx.doc[sent.start - 1].sent
    agent = subject_of(before.root)
    lex = ctx.res.lexicon
    same = next((t for t in before if t.lemma_.lower() == counted.event.lemma_.lower()), None)
    rule = lex.nouns.get(same.lemma_.lower()) if same is not None else None
    target = args.recipient(same, rule, lex) if same is not None and rule is not None else None
    return replace(scope, actor=np_actor(agent, ctx) if agent is not None else None,
                   recipient=np_actor(target, ctx) if target is not None else None,
                   target_area=phrase(target) if target is not None else None)


def _weapon_mode(event: Token, counted: Counted, lex: Lexicon) -> str | None:
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


def np_actor(head: Token, ctx: Context) -> Actor | None:
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


def _antecedent(head: Token, ctx: Context) -> Actor | None:
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


def phrase(head: Token) -> str:
    """A noun phrase as written, with its determiner and modifiers ("a U.S. base near Jordan's border")."""
    tokens = [t for t in head.subtree if t.dep_ != "punct" or head.left_edge.i < t.i < head.right_edge.i]
    return head.doc[tokens[0].i:tokens[-1].i + 1].text if tokens else head.text


def subject_of(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
