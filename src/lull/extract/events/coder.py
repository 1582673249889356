"""One clause -> one PLOVER-coded ``Mention``: type, mode, modality and resolved arguments.

Policies (each set in the mention's ``policies`` as a ``vocabulary.Policy`` where
it fires, and, for provenance only, as a suffix of its ``rule_id``, the id of
the trigger rule from data/patterns/events.yaml; nothing reads the suffixes):

``+declared``  a halt or withdrawal under "announce"/"declare"/"decide" is a
               CONCEDE (a declaration), not a RETREAT (an observed halt).
``+generic``   an aggregate or habitual statement ("316 attacks", "attacks have
               increased", "drones patrol almost daily") is kept as a mention
               but never given a single day or casualties: it is not one event
               (a stated period stays: "264 attacks from March 2021 to March 2022").
``+content``   the act an allegation is about ("accused X of carrying out the
               drone attack on Tower 22") is its own mention: its actor is the
               accused, its modality "reported" on the accuser's word (unless
               the clause says more: "denied accusations of ..." is denied).
``+coref``     an argument that is a pronoun or a definite description ("they",
               "their attacks", "the group", "the latter") was resolved to the
               last compatible actor named (extract/coref.py); a halt or a
               "this meeting" without an actor continued the previous one
               (extract/discourse.py, which also applies ``+anaphor``); an act
               whose doer is an attack's (a headline's attack, what "the
               operation" sends, a casualty toll) took that attacker
               (extract/events/attackers.py).
plural         (no suffix) a noun trigger in the plural ("attacks", "strikes"):
               link/cluster.py keeps it out of events unless it is pinned to a
               fine date or a precise place (a series, not one event).

Actors and recipients are resolved in ``parties.py``: the actor ruler's spans (``doc.spans["lull_actors"]``), then
"<country> forces" for a force or site noun with a country word ("a U.S.
base"), then NER entities through ``kb.resolve``, then the descriptive noun
phrase as text; a role description ("the commander of the IRGC's Quds Force")
is the one person the KB says held that role in that organisation when the
document was published, else the organisation; the actor of an ASSAULT that is a state becomes the state's
forces when the KB has them ("targeted by the US" -> us_forces). Places come
from the place ruler's spans and GPE/LOC/FAC entities attached as locations,
resolved with the gazetteer in the document's country context. Dates and the
"historical" modality come from extract/timing.py (never the publication date
itself).
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from ...records import Actor, DateSpan, Mention, Place, Rejection, RejectionReason
from ...vocabulary import UNREAL_MODALITIES, EventType, Modality, Policy, Stage
from ...records import Span as TextSpan
from ...knowledge.reference_events import (
    ReferenceEvent,
    ReferenceEvents,
)
from . import aggregates, attackers
from . import arguments as args
from . import coref
from . import discourse
from . import timing
from . import topic
from .clauses import Clause, Trigger, clause_head, find_clauses, trigger_text, unmarked
from .discourse import mention_id
from ..doctext import text_of
from .lexicon import Lexicon
from .location import SITE_FEATURES, PlaceCandidate, place_candidates
from .modality import modality, official, own_side, speaker, spoken
from .parties import home_state
from .parties import (_BACKING, _CIVILIANS, _IRAN_BACKED, _MILITIA_NOUNS, _actors, _entry_actor, _forces_of_states,
                      _party_word, _recipients, _state_side, _struck_garrison, _unique_actors,
                      _with_participants)

if TYPE_CHECKING:
    from ...knowledge.actors import ActorEntry, ActorKB
    from ...knowledge.places import Gazetteer

_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
_WEAK_PLACE_ENTS = frozenset({"ORG", "NORP", "PRODUCT", "EVENT"})  # NER calls towns so too ("the Erbil attacks")
_NEVER_BARE = frozenset({EventType.ASSAULT, EventType.RETREAT, EventType.CONCEDE})
# words of an organisation's name that "the Department", "the Ministry" refer back to
_ORG_ROLE_WORDS = frozenset({"department", "ministry", "command", "embassy", "agency", "council", "committee"})
# acts done in a contact whose partner is theirs ("called X to urge ..."); not an accusation ("called X to condemn
# the attack" accuses the attackers)
_CONTACT_PURPOSES = frozenset({EventType.CONSULT, EventType.REQUEST, EventType.SUPPORT, EventType.AGREE})
# speech acts that answer another party's act or words, which is then their recipient
_RESPONSES = frozenset({EventType.ACCUSE, EventType.REJECT, EventType.SUPPORT})
_DIRECT_SPEECH = frozenset({"direct", "post"})  # quote kinds whose words are the speaker's own ("I", "we")
_DEFENCE = frozenset({"defend", "protect", "intercept", "shield", "repel"})  # "launched to defend the base"
_SERIES = frozenset({Policy.PLURAL, Policy.GENERIC})  # an attack noun in the plural or a generic statement
_TOPIC_PREPS = frozenset({"on", "about", "regarding", "concerning"})  # "briefed on the attack": what is told


@dataclass(frozen=True, slots=True)
class Resources:
    """What the coder consults: the trigger lexicon and the three knowledge bases."""

    lexicon: Lexicon
    kb: ActorKB
    gazetteer: Gazetteer
    references: ReferenceEvents


@dataclass
class DocContext:
    """Per-document facts computed once, on first need."""

    doc: Doc
    doc_id: str
    published: DateSpan | None
    res: Resources
    rejections: list[Rejection] = field(default_factory=list)
    corefs: set[int] = field(default_factory=set)  # argument heads resolved to an antecedent ("+coref")
    aggregates: dict[EventType, bool] = field(default_factory=dict)  # type -> was its last mention an aggregate
    noun_aggregates: dict[str, bool] = field(default_factory=dict)  # the same by trigger noun (antecedent_key)

    @cached_property
    def actor_spans(self) -> list[Span]:
        return list(self.doc.spans["lull_actors"]) if "lull_actors" in self.doc.spans else []

    @cached_property
    def antecedents(self) -> list[Span]:
        """What a pronoun may refer to: the actor spans, plus persons NER found whom the KB knows by a
        weak alias ("Romanowski", "Al-Kaabi"), as spans carrying the KB id."""
        spans = list(self.actor_spans)
        for ent in self.ents:
            if ent.label_ == "PERSON" and not any(a.start < ent.end and ent.start < a.end for a in self.actor_spans):
                entry = self.res.kb.lookup(ent.text)
                if entry is not None:
                    spans.append(Span(self.doc, ent.start, ent.end, label="ACTOR", span_id=entry.id))
        spans += _backed_groups(self)
        return sorted(spans, key=lambda s: s.start)

    @cached_property
    def speakers(self) -> list[tuple[int, ActorEntry | None]]:
        """Transcript speaker tags ("MS. SINGH:"), for first-person pronouns (extract/coref.py)."""
        return coref.transcript_speakers(self.doc.text, self.res.kb)

    @cached_property
    def voices(self) -> list[tuple[int, int, ActorEntry]]:
        """(start, end, speaker) of each direct quote whose speaker the KB knows (``doc._.lull_quotes``, when the
        quote finder ran before the coder), for first-person pronouns outside transcripts (extract/coref.py)."""
        quotes = self.doc._.lull_quotes if Doc.has_extension("lull_quotes") else None
        out = []
        for quote in quotes or ():
            entry = self.res.kb.get(quote.speaker.id) if quote.speaker is not None and quote.speaker.id else None
            if entry is not None and quote.kind in _DIRECT_SPEECH:
                out.append((quote.content.start, quote.content.end, entry))
        return out

    def voice(self, head: Token) -> ActorEntry | None:
        """Who a first-person pronoun stands for: a transcript's speaker, else the speaker of the direct quote
        it stands in (extract/coref.py), else nobody."""
        return (coref.first_person(head, self.speakers, self.res.kb)
                or coref.quoted_voice(head, self.voices, self.res.kb))

    def speaker_of(self, tok: Token) -> ActorEntry | None:
        """The known speaker whose words ``tok`` stands in: a transcript turn's, else a direct quote's."""
        turn = next(((start, entry) for start, entry in reversed(self.speakers) if start <= tok.idx), None)
        if turn is not None:
            return turn[1]
        return next((entry for start, end, entry in self.voices if start <= tok.idx < end), None)

    @cached_property
    def titled(self) -> list[tuple[str, Span]]:
        """(title, span) for each KB person named with a title before the name ("Secretary of State Antony
        J. Blinken", "President Biden"), and (word, span) for each organisation by the words of its name
        ("the Department of State" under "department"), in text order: what "the Secretary" or "the
        Department" refers to later in the document (``_titled_holder``)."""
        kb, out = self.res.kb, []
        titles = set(kb.titles)
        for span in self.actor_spans:
            entry = kb.get(span.id_)
            if entry is None:
                continue
            if entry.kind == "person":
                words = [t.lower_ for t in self.doc[max(span.sent.start, span.start - 4):span.end]
                         if not t.is_punct and t.ent_type_ != "PERSON"]  # "President Biden" is one alias
                for size in (3, 2, 1):
                    for i in range(len(words) - size + 1):
                        phrase = " ".join(words[i:i + size])
                        if phrase in titles:
                            out.append((phrase, span))
            elif entry.kind in ("government", "state_force", "organisation"):
                out.extend((t.lower_, span) for t in span if t.lower_ in _ORG_ROLE_WORDS)
        return out

    @cached_property
    def actor_tokens(self) -> frozenset[int]:
        return frozenset(i for span in self.actor_spans for i in range(span.start, span.end))

    def inside_actor_name(self, span: Span) -> bool:
        """Whether a place name is part of a longer actor name ("the Islamic Resistance in Iraq")."""
        return any(a.start <= span.start and span.end <= a.end and a.end - a.start > span.end - span.start
                   for a in self.actor_spans)

    @cached_property
    def ents(self) -> tuple[Span, ...]:
        return self.doc.ents  # computed by spaCy on every access: read once

    @cached_property
    def place_spans(self) -> list[Span]:
        ruled = list(self.doc.spans["lull_places"]) if "lull_places" in self.doc.spans else []
        return ruled + [e for e in self.ents if e.label_ in _PLACE_ENTS]

    @cached_property
    def weak_place_spans(self) -> list[Span]:
        """ORG/NORP/PRODUCT/EVENT entities that are no actor: NER often labels a town so ("the Erbil attack",
        "the town of Samarra"); they count as places only where the gazetteer knows them."""
        return [e for e in self.ents if e.label_ in _WEAK_PLACE_ENTS
                and not any(a.start < e.end and e.start < a.end for a in self.actor_spans)]

    @cached_property
    def countries(self) -> tuple[str, ...]:
        return self.res.gazetteer.document_countries(s.text for s in self.place_spans)

    @cached_property
    def home(self) -> ActorEntry | None:
        """The state the report is set in (``parties.home_state``)."""
        return home_state(self)

    @cached_property
    def reference_date(self) -> date | None:
        """The day the "historical" test measures from (``timing.news_reference``)."""
        return timing.news_reference(self.published)

    @cached_property
    def subject(self) -> Span | None:
        """The group the article is about, by its title line (extract/events/topic.py)."""
        return topic.title_subject(self.doc, self.actor_spans, self.res.kb)

    @cached_property
    def reference_events(self) -> list[tuple[int, int, str, ReferenceEvent]]:
        return self.res.references.find(text_of(self.doc))


def _backed_groups(ctx: DocContext) -> list[Span]:
    """"Iran has long backed a network of armed groups": the unnamed groups Iran backs are the Iran-backed
    militias, as an antecedent for "these groups" after them (the coding scheme's generic name)."""
    kb, out = ctx.res.kb, []
    for verb in ctx.doc:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in _BACKING or args.passive(verb):
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if subject is None or obj is None or obj.lemma_.lower() not in _MILITIA_NOUNS | {"network"}:
            continue
        patron = next((a for a in ctx.actor_spans if a.start <= subject.i < a.end), None)
        if patron is None or not _state_side(kb.get(patron.id_)) or obj.i in ctx.actor_tokens:
            continue
        phrase = args.noun_phrase(obj)
        out.append(Span(ctx.doc, phrase[0].i, phrase[-1].i + 1, label="ACTOR", span_id=_IRAN_BACKED))
    return out


def code_doc(doc: Doc, *, res: Resources, doc_id: str, published: DateSpan | None) -> tuple[list[Mention], list[Rejection]]:
    """Every event mention of a parsed document, and the rejections met on the way (unresolved places)."""
    ctx = DocContext(doc, doc_id, published, res)
    coded: list[tuple[Clause, Mention]] = []
    for sent in doc.sents:
        for clause in find_clauses(sent, res.lexicon, ctx.actor_tokens):
            coded.append((clause, code_clause(clause, sent, ctx)))
    nouns = {m.trigger.start for clause, m in coded if _lone_noun(clause.winner.token, ctx)}
    echoes = {m.trigger.start for clause, m in coded if _bare_anaphor(clause.winner.token, m, res.lexicon)
              or _idle_anaphor(clause.winner.token, m, res.lexicon)}
    echoes |= _carriers(coded) | _threatened(coded)
    stitched = zip((clause for clause, _ in coded), discourse.stitch(coded, res.lexicon, res.kb))
    mentions = [m for m in attackers.fill(list(stitched), ctx)
                if not bare(m, m.trigger.start in nouns) and m.trigger.start not in echoes]
    mentions = timing.fallback_dates(mentions, doc, ents=ctx.ents, anchor=timing.reading_anchor(published),
                                     published=published, lex=res.lexicon)
    return _boxed_attacker(mentions, ctx), ctx.rejections


def _boxed_attacker(mentions: list[Mention], ctx: DocContext) -> list[Mention]:
    """The attack an infobox article reports, told with no attacker: its first belligerent (extract/events/topic.py).

    Only a real, single attack dated to the box's one day, at no place or at the box's place, and not a
    defence against it ("Patriot missiles were launched to defend the base"); the actor becomes the state's forces for a state
    side, as any attack by a state does (``_forces_of_states``); the mention gets the ``+coref`` policy."""
    day = topic.box_day(ctx.doc)
    side = topic.first_belligerent(ctx.doc, ctx.res.kb) if day is not None else None
    if side is None:
        return mentions
    actors = _forces_of_states((_entry_actor(*side),), ctx)
    where = topic.box_place(ctx.doc)
    site = ctx.res.gazetteer.resolve(where, context_countries=ctx.countries) if where else None
    site_id = site.source_id if isinstance(site, Place) else None
    out = []
    for m in mentions:
        if (m.type == EventType.ASSAULT and not m.actors and m.modality not in UNREAL_MODALITIES
                and m.modality not in (Modality.DENIED, Modality.HISTORICAL) and not m.aggregate and not m.policies & _SERIES
                and m.date is not None and (m.date.start, m.date.end) == (day.start, day.end)
                and (m.place is None or (site_id is not None and m.place.source_id == site_id))
                and not _defensive(ctx.doc.char_span(m.trigger.start, m.trigger.end), ctx.res.lexicon)
                and not _same_actor(actors, m.recipients, ctx)):
            rule_id = m.rule_id if Policy.COREF in m.policies else f"{m.rule_id}+coref"
            m = dataclasses.replace(m, actors=actors, rule_id=rule_id, policies=m.policies | {Policy.COREF},
                                    id=mention_id(m.doc_id, m.sentence.start, m.trigger.start, m.type, rule_id))
        out.append(m)
    return out


def code_clause(clause: Clause, sent: Span, ctx: DocContext) -> Mention:
    """The mention of one clause (see the module docstring for the policies)."""
    lex = ctx.res.lexicon
    resolved_before = len(ctx.corefs)
    trig = clause.winner
    tok, rule = trig.token, trig.rule
    rule_id, event_type, mode = rule.id, rule.type, rule.mode
    policies: set[Policy] = set()
    declarer = _declarer(tok, lex) if rule.declared else None
    if declarer is not None:
        rule_id, event_type, mode = f"{rule.id}+declared", rule.declared, None
        policies.add(Policy.DECLARED)
    if rule.pos == "noun" and _plural_word(tok.text):
        policies.add(Policy.PLURAL)
    mood = modality(declarer or tok, clause_head(declarer) if declarer is not None else clause.head, lex, event_type)
    inside = _related_triggers(clause, event_type)
    agent_tok = _first(args.agent(t.token, t.rule, lex) for t in inside)
    content = {t.token.i: t for t in clause.triggers}
    if agent_tok is not None and agent_tok.i in content:  # "operations have ceased": the operations' agent
        held = content[agent_tok.i]
        agent_tok = args.agent(held.token, held.rule, lex) if held.token.i != tok.i else None
    elif agent_tok is not None and agent_tok.lemma_.lower() in lex.assault_content:
        agent_tok = args.event_noun_agent(agent_tok, lex)  # "operations have ceased": whose operations
    if agent_tok is None and event_type == EventType.CONSULT and tok.pos_ == "NOUN":
        agent_tok = args.setting_subject(tok, lex)  # "during a meeting with X, Qaani presented": Qaani met X
    if rule.pos == "verb" and tok.pos_ == "VERB":  # "the IRI supported Hamas and the United States supported
        agent_tok = args.stolen_subject(tok, lex) or agent_tok  # Israel"; "America's commitment to supporting X"
        if agent_tok is None:
            agent_tok = args.noun_controller(tok)
    if rule.needs == "voiced" and (agent_tok is None or agent_tok.pos_ == "PRON"):
        agent_tok = next((c for c in tok.head.children if c.dep_ == "nsubj"), agent_tok)  # "Baghdad expressed its wish"
    if clause.governor is not None:
        rule_id += "+content"
        policies.add(Policy.CONTENT)
        agent_tok = _accused(clause, lex) or agent_tok
        if agent_tok is None and mood.value == Modality.DENIED and mood.cue is not None:
            agent_tok = speaker(mood.cue)  # "X denied accusations of carrying out the attack": X is the accused
        if mood.value == Modality.ASSERTED:
            mood = dataclasses.replace(mood, value=Modality.REPORTED, cue=clause.governor.token)
    actors = (_forces_of_states(_actors(agent_tok, ctx), ctx) if event_type == EventType.ASSAULT
              else _actors(agent_tok, ctx))
    actors = _with_participants(tok, actors, event_type, ctx)
    if event_type == EventType.THREATEN:
        actors = _warner(tok, agent_tok, ctx) or actors
    if mood.value in (Modality.CLAIMED, Modality.REPORTED) and mood.cue is not None:
        claimant = _actors(speaker(mood.cue) or _participle_speaker(mood.cue), ctx)
        if mood.value == Modality.CLAIMED and not actors:
            actors = claimant  # "the statement by IRI ... announcing a drone strike"
        if mood.value == Modality.CLAIMED and official(claimant) and _same_actor(claimant, actors, ctx):
            mood = dataclasses.replace(mood, value=Modality.ASSERTED)  # "the Department announces the designations"
        elif mood.value == Modality.REPORTED and (_same_actor(claimant, actors, ctx) or own_side(claimant, actors)):
            # the perpetrator says it did it; a government or military body telling its own actions asserts them
            mood = dataclasses.replace(mood, value=Modality.ASSERTED if official(claimant) or spoken(event_type, lex)
                                       else Modality.CLAIMED)
    rec_tok = _recipient(clause, lex)
    if rec_tok is None and rule.pos == "verb":  # "the IRI supported [Hamas and the United States supported ...]"
        rec_tok = args.lost_object(tok, lex)
    recipients = _recipients(rec_tok, event_type, actors, ctx)
    if event_type in (EventType.AID, EventType.SUPPORT):  # "Iran has long backed a network of armed groups"
        recipients = _patron_clients(rec_tok, actors, recipients, ctx) or recipients
    if not recipients and event_type in _RESPONSES:  # "denied allegations by X": X
        recipients = _answered_parties(tok, rule, actors, ctx)
    if not recipients and event_type == EventType.ACCUSE:  # "allegations that they have ties to the group"
        recipients = _recipients(args.alleged_subject(tok), event_type, actors, ctx)
    if not recipients and event_type == EventType.REQUEST:  # "we expect Iran to take measures": Iran
        recipients = _recipients(args.asked_party(tok), event_type, actors, ctx)
    if not recipients and event_type in _CONTACT_PURPOSES:  # "reached out to X to discuss the incident": X
        recipients = _recipients(args.contact_partner(tok, lex), event_type, actors, ctx)
    if not recipients and event_type == EventType.ASSAULT:  # "X was killed in a strike on Beirut": X, if known
        victims = _victims(clause, lex) or (args.subject_victims(tok, lex) if tok.pos_ == "NOUN" else None)
        recipients = tuple(r for r in _recipients(victims, event_type, actors, ctx) if r.id or r.sector == _CIVILIANS)
    if not recipients and event_type == EventType.ASSAULT and not _interception(tok, lex):
        recipients = _struck_garrison(tok, actors, ctx)  # "the rocket attacks in Al Asad": the base's garrison
    actors, recipients = _meeting_sides(event_type, actors, recipients)
    actors, recipients = _mutual_sides(event_type, tok, agent_tok, actors, recipients)
    if rule.needs == "defence" and not actors:  # "the troops who took part in the defense of Israel"
        actors = _forces_of_states(_actors(_defender(tok), ctx), ctx)
    if rule.needs == "committed":  # "The United States remains committed to countering Iran and disrupting X"
        actors, recipients = _committed_sides(tok, clause, actors, recipients, ctx)
    if rule.pos == "verb" and tok.lemma_.lower() in lex.cue("patient_subject_verbs"):
        actors, recipients = (), actors or recipients  # "U.S. forces came under fire": the forces were hit
    if event_type == EventType.SUPPORT and _material(tok, actors, recipients, lex):
        event_type = EventType.AID
    if event_type == EventType.AGREE:
        event_type = _pledged(tok, lex) or event_type
        if event_type != EventType.AGREE:
            actors, recipients = _pledge_parties(tok, actors, recipients, ctx)
    if event_type == EventType.AGREE and _promised_force(tok, lex):
        event_type, mode = EventType.THREATEN, "violence"  # "we promise we will carry out other operations"
    if event_type == EventType.REJECT and _withheld(tok):
        event_type, mode = EventType.SANCTION, None
    weapon_key = args.clause_weapon(clause, lex) if event_type in (EventType.ASSAULT, EventType.THREATEN) else None
    weapon = lex.weapons[weapon_key] if weapon_key else None
    if event_type == EventType.ASSAULT and mode is None and weapon is not None and not _interception(tok, lex):
        mode = weapon.mode
    if event_type == EventType.ASSAULT and not _interception(tok, lex):
        mode = _implied_mode(mode, clause)
    if event_type == EventType.ASSAULT and _interception(tok, lex):
        policies.add(Policy.INTERCEPTION)  # the launch it stopped is another ASSAULT (link/match.py)
    if event_type == EventType.THREATEN:
        mode = "violence" if _threatens_violence(tok, clause, lex) else mode
    generic = event_type == EventType.ASSAULT and _is_generic(tok, clause, lex)
    if generic:
        rule_id += "+generic"
        policies.add(Policy.GENERIC)
    fatalities, injuries = (None, None) if generic else args.casualties(clause, lex)
    when = timing.event_date(clause, tok, ents=ctx.ents, anchor=timing.reading_anchor(ctx.published),
                             reference_events=ctx.reference_events)
    if generic and when is not None and (when.start, when.start_md) == (when.end, when.end_md) \
            and not _performed_on_the_day(tok):
        when = None  # an aggregate keeps its period ("from March 2021 to March 2022"), not the day of a trend
    if len(ctx.corefs) > resolved_before:  # an argument of this clause was resolved by _np_actors
        rule_id += "+coref"
        policies.add(Policy.COREF)
    noun_key = aggregates.antecedent_key(tok, lex)
    aggregate = aggregates.is_aggregate(tok, clause, lex, generic=generic, when=when,
                                        antecedent=ctx.noun_aggregates.get(noun_key,
                                                                           ctx.aggregates.get(event_type, False)),
                                        event_type=event_type)
    ctx.aggregates[event_type] = ctx.noun_aggregates[noun_key] = aggregate
    value = timing.background_modality(mood.value, tok, clause, lex, when=when, reference=ctx.reference_date,
                                       generic=generic, reference_events=ctx.reference_events, series=aggregate)
    mention = _mention(ctx, sent, tok, rule_id, event_type, mode, value, actors, recipients,
                       _place(clause, tok, ctx), when, weapon.weapon if weapon else None, fatalities, injuries,
                       frozenset(policies))
    if not aggregate:
        return mention
    return dataclasses.replace(mention, aggregate=True, count=aggregates.count_of(tok, lex), fatalities=None,
                               injuries=None)


def _defender(noun: Token) -> Token | None:
    """Who took part in a defence: the subject of the verb a defence noun hangs from ("the troops who took part
    in the defense of Israel": the troops), through a relative pronoun."""
    if noun.pos_ != "NOUN" or noun.dep_ != "pobj":
        return None
    verb = noun.head.head
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
        return verb.head
    return subject


def _committed_sides(tok: Token, clause: Clause, actors: tuple[Actor, ...], recipients: tuple[Actor, ...],
                     ctx: DocContext) -> tuple[tuple[Actor, ...], tuple[Actor, ...]]:
    """Who is committed to countering whom: the subject of the commitment word ("The United States remains
    committed to ..."), and the parties of every act it pledges ("countering Iran ... and disrupting
    Iran-aligned militia groups"; "counter Iran's support": Iran; "disrupt the ability of X-backed groups": the
    groups)."""
    lex = ctx.res.lexicon
    t = tok
    while t.head.i != t.i and t.lemma_.lower() not in lex.cue("commitment_words") \
            and t.lower_ not in lex.cue("commitment_words"):
        t = t.head
    holder = t.head if t.dep_ in ("acomp", "xcomp", "oprd") else t
    subject = next((c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    actors = actors or _actors(subject, ctx)
    acts = [t for t in clause.tokens if t.pos_ == "VERB" and lex.verbs.get(t.lemma_.lower()) is clause.winner.rule]
    parties: list[Actor] = []
    for act in acts:
        for obj in (c for c in act.children if c.dep_ == "dobj"):
            owner = next((c for c in obj.children if c.dep_ == "poss"), None) or _first(
                g for c in obj.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                if g.dep_ == "pobj") if obj.lemma_.lower() in lex.nouns or obj.lemma_.lower() in lex.cue(
                "capability_nouns") else obj
            parties.extend(_recipients(owner, EventType.THREATEN, actors, ctx))
    return actors, _unique_actors(parties) or recipients


def _performed_on_the_day(tok: Token) -> bool:
    """Whether an aggregate trigger is what its clause's verb carries out ("on 2 February the air force
    launched a series of airstrikes", "conducted 85 strikes"): the day the clause states is then the day
    of the whole series (a strike package), as the text states it. Not a trend or a claim told on a day
    ("on Monday, attacks increased": the subject; "claimed responsibility for attacks")."""
    noun = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" else tok
    return tok.pos_ == "NOUN" and noun.dep_ == "dobj" and noun.head.pos_ == "VERB"


def _implied_mode(mode: str | None, clause: Clause) -> str | None:
    """The killing of a named person is targeted, joined to the weapon's mode as the gold scheme joins modes
    ("drone|targeted"). (A strike's weapon told elsewhere in the text: extract/events/discourse.py.)"""
    if args.named_victim(clause):
        mode = "|".join(sorted({*(mode.split("|") if mode else ()), "targeted"}))
    return mode


def _defensive(trigger: Span | None, lex: Lexicon) -> bool:
    """A launch or strike whose purpose is defence or interception ("launched to defend the base")."""
    if trigger is None:
        return False
    tok = trigger.root
    return _interception(tok, lex) or any(c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in _DEFENCE
                                          for c in tok.children)


def _interception(tok: Token, lex: Lexicon) -> bool:
    """An interception or shoot-down has no mode of its own (the weapon is the one intercepted)."""
    return tok.lemma_.lower() in lex.cue("interception") or _launched_to_intercept(tok, lex)


def _launched_to_intercept(tok: Token, lex: Lexicon) -> bool:
    """A launch whose stated purpose is an interception: "interceptors were fired to shoot down the drones",
    "Patriot missiles were launched to defend the base" (a defence of a site, ``cues.defended_sites``; strikes
    "to defend U.S. personnel" answer an attack and are attacks)."""
    objects = (a for o in tok.children if o.dep_ == "dobj" for a in o.children)
    purposes = [c for c in (*tok.children, *objects) if c.dep_ in ("xcomp", "advcl", "acl")
                and any(x.dep_ == "aux" and x.lower_ == "to" for x in c.children)]
    for verb in purposes:
        lemma = verb.lemma_.lower()
        if lemma == "defend":
            sites = lex.cue("defended_sites")  # "the base.[5]": a citation glued to the word is no part of it
            if any(o.dep_ == "dobj" and o.lemma_.lower().split(".[")[0] in sites for o in verb.children):
                return True
        elif lemma in lex.cue("interception"):
            return True
    return False


def _material(tok: Token, actors: tuple[Actor, ...], recipients: tuple[Actor, ...], lex: Lexicon) -> bool:
    """Support that is material backing (AID): a patron's for an armed group ("Iran supports these groups",
    "supporting Shia militias"; "the IRI supported Hamas" is one armed group's political SUPPORT for
    another), by a state's armed arm ("supported by the IRGC's Quds Force"), of a material kind ("air support", "militarily supports":
    ``cues.material_words``), or given, received or relied on ("provides support that enables
    these militias", "continued to rely on Coalition support"), or backing against an enemy ("support the
    regime against the rebels"; not a state's: "supporting Ukraine against Russian aggression")."""
    armed = lex.cue("aid_party_kinds")
    if any(a.kind in armed for a in recipients) and not any(a.kind in armed for a in actors):
        return True  # a patron backing an armed group; one armed group's support for another is SUPPORT
    if any(a.kind in lex.cue("aid_patron_kinds") for a in actors):
        return True
    if any(c.dep_ in ("amod", "compound", "advmod", "nmod", "conj") and c.lower_ in lex.cue("material_words")
           for c in tok.children):
        return True  # "Coalition ground and air support", "militarily supports", "ISR support"
    if tok.pos_ == "VERB" and any(c.dep_ == "prep" and c.lower_ == "with" and any(g.dep_ == "pobj" for g in c.children)
                                  for c in tok.children):
        return True  # "supported KSS with training, funding, and weapons", "supporting partners with stabilization"
    if tok.pos_ == "VERB" and any(c.dep_ == "prep" and c.lower_ == "against" for c in tok.children) \
            and not any(a.kind == "state" for a in recipients) \
            and not any(c.dep_ == "dobj" and c.ent_type_ == "GPE" for c in tok.children):
        return True  # "to support Bashar al-Assad in Syria against Islamist rebels": backing in a fight (a
        # state backed "against Russian aggression" is the gold manual's political SUPPORT)
    if tok.pos_ == "NOUN":
        t = tok.head if tok.dep_ == "pobj" else tok
        return t.head.lemma_.lower() in lex.cue("aid_heads") or _for_armed_groups(tok)
    return any(c.dep_ == "dobj" and c.lemma_.lower() in ("militia", "group", "faction", "proxy", "fighter")
               for c in tok.children)


_ARMED_NOUNS = frozenset({"militia", "faction", "proxy", "fighter", "rebel", "insurgent"})
_ARMED_MODIFIERS = frozenset({"armed", "nonstate", "non-state", "militant", "paramilitary"})


def _for_armed_groups(noun: Token) -> bool:
    """Support for armed groups named by a common noun, "support for regional nonstate actors", "its support
    to the militias": material backing (AID), like a patron's support for a known armed group."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in ("for", "to", "of"):
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                if obj.lemma_.lower() in _ARMED_NOUNS or any(
                        c.dep_ in ("amod", "compound") and c.lower_ in _ARMED_MODIFIERS for c in obj.children):
                    return True
    return False


def _withheld(verb: Token) -> bool:
    """"deny funding and resources to terrorists", "denying them access to the financial system": denying
    someone something is withholding it (a SANCTION), not rejecting a claim."""
    return verb.pos_ == "VERB" and (any(c.dep_ in ("dative", "iobj") for c in verb.children) or (
        any(c.dep_ == "dobj" for c in verb.children)
        and any(c.dep_ == "prep" and c.lower_ == "to" for c in verb.children)))


def _pledged(verb: Token, lex: Lexicon) -> EventType | None:
    """What a pledge gives when that is no agreement: loyalty ("pledged its loyalties to Iran") is SUPPORT;
    money or aid ("committed more than $44 billion in security assistance") is AID (gold manual, "Sanctions
    and support"). ``cues.allegiance_nouns``; AID nouns from the trigger lexicon."""
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        if obj.lemma_.lower() in lex.cue("allegiance_nouns"):
            return EventType.SUPPORT
        if any(t.ent_type_ == "MONEY" or (rule := lex.nouns.get(t.lemma_.lower())) is not None
               and rule.type == EventType.AID for t in obj.subtree):
            return EventType.AID
    return None


def _patron_clients(head: Token | None, actors: tuple[Actor, ...], recipients: tuple[Actor, ...],
                    ctx: DocContext) -> tuple[Actor, ...]:
    """Unnamed armed groups that Iran backs are the Iran-backed militias (gold manual: the generic name when
    the text says Iran backs them): "Iran has long backed a network of armed groups", "Tehran supports
    several armed factions", "Iran supports these groups" (when no group named before is found). Named
    groups, states and forces stay themselves; ``()`` when this is not the case."""
    kb = ctx.res.kb
    if head is None or not any(_state_side(kb.get(a.id) if a.id else None) for a in actors):
        return ()
    entries = [kb.get(r.id) if r.id else None for r in recipients]
    if not all(e is not None and e.generic and e.kind == "armed_group" for e in entries):
        return ()  # a named group, a state, a force or a described party is itself
    phrase = args.noun_phrase(head)
    if not recipients and any(t.i in ctx.actor_tokens for t in phrase):
        return ()
    if not any(t.tag_ == "NNS" and t.lemma_.lower() in _MILITIA_NOUNS for t in phrase):
        return ()
    entry = kb.get(_IRAN_BACKED)
    return (_entry_actor(head.doc[phrase[0].i:phrase[-1].i + 1].text, entry),) if entry is not None else ()


def _answered_parties(tok: Token, rule, actors: tuple[Actor, ...], ctx: DocContext) -> tuple[Actor, ...]:
    """The parties whose act or words a response answers ("denied allegations by some Iraqi politicians",
    "welcomed the Prime Minister's condemnation", "objected to a visit by a U.S. delegation"): the agents
    of the nouns it takes as object, when those nouns name no party themselves."""
    lex = ctx.res.lexicon
    found: list[Actor] = []
    for noun in args.answered(tok, rule, lex):
        if _party_word(noun, lex) or any(t.i in ctx.actor_tokens for t in args.noun_phrase(noun)
                                         if t.dep_ not in ("poss", "prep", "pobj", "case")):
            continue  # "condemned Iran", "rejected the militias": a party, no act of one
        found.extend(_recipients(args.act_agent(noun, lex), EventType.ACCUSE, actors, ctx))
    return _unique_actors(found)


def _warner(tok: Token, agent: Token | None, ctx: DocContext) -> tuple[Actor, ...]:
    """Who warns when a quoted person threatens an act of their side ("be prepared for us to act forcefully",
    said President Biden): the threat is the saying, so its actor is the speaker, not the "us" who would act.
    Only for a verb that names the act threatened (not "warn", "threaten", nor a message sent by "we")."""
    if agent is None or agent.lower_ not in ("we", "us") or tok.pos_ != "VERB" \
            or tok.lemma_.lower() in ctx.res.lexicon.cue("warning_words"):
        return ()
    speaker = ctx.speaker_of(agent)
    return (_entry_actor(speaker.name, speaker),) if speaker is not None and speaker.kind == "person" else ()


def _pledge_parties(verb: Token, actors: tuple[Actor, ...], recipients: tuple[Actor, ...],
                    ctx: DocContext) -> tuple[tuple[Actor, ...], tuple[Actor, ...]]:
    """Who gives and who gets what a pledge gives (``_pledged``): the possessor of the thing pledged gives it
    ("I ... pledge our support": the speaker's state), and its "to" phrase, on the verb or on the thing,
    receives it ("pledged its loyalties to Iran", "committed $44 billion in security assistance to Ukraine")."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    giver = next((c for c in obj.children if c.dep_ == "poss"), None) if obj is not None else None
    actors = _actors(giver, ctx) or actors
    if not recipients:
        holders = [verb, *(t for t in (obj.subtree if obj is not None else ()) if t.pos_ == "NOUN")]
        receiver = _first(args.prep_object(h, ("to",)) for h in holders)
        recipients = _recipients(receiver, EventType.AID, actors, ctx)
    return actors, recipients


def _lone_noun(tok: Token, ctx: DocContext) -> bool:
    """A noun trigger with no name in its phrase ("Coalition support") that nobody gives or gets
    ("provide support"): a candidate bare noun."""
    if tok.pos_ != "NOUN" or any(t.i in ctx.actor_tokens or t.pos_ == "PROPN" or t.ent_type_ for t in tok.subtree):
        return False
    verb = tok.head.head if tok.dep_ == "pobj" else tok.head
    return not (tok.dep_ in ("dobj", "pobj") and verb.lemma_.lower() in ctx.res.lexicon.cue("aid_heads"))


def _promised_force(verb: Token, lex: Lexicon) -> bool:
    """A promise or pledge whose complement is an attack ("we promise we will carry out other qualitative
    operations", "vowed to strike back"): a threat of violence, not an agreement."""
    if verb.pos_ != "VERB":
        return False
    for comp in (c for c in verb.children if c.dep_ in ("ccomp", "xcomp")):
        keys = [unmarked(t, lex) or t.lemma_.lower() for t in comp.subtree]  # "operations.[15]" too
        rules = [lex.verbs.get(key) or lex.nouns.get(key) for key in keys]
        if any(r is not None and r.type in (EventType.RETREAT, EventType.CONCEDE) for r in rules) or any(
                t.lower_ in lex.cue("negation") for t in comp.subtree):
            continue  # "pledged to halt attacks", "promised not to strike": no threat
        if any(r is not None and r.type == EventType.ASSAULT for r in rules) or any(
                key in lex.assault_content for key in keys):
            return True
    return False


def _threatened(coded: list[tuple[Clause, Mention]]) -> set[int]:
    """Attacks a threat announces in its own complement clause ("warned that it would strike U.S. bases",
    "we promise we will carry out other operations"): the threat is the event; the attack it names has not
    happened and is not coded apart."""
    inside: set[int] = set()
    for clause, m in coded:
        tok = clause.winner.token
        if m.type == EventType.THREATEN and tok.pos_ == "VERB":
            inside |= {t.idx for c in tok.children if c.dep_ in ("ccomp", "xcomp") and c.i > tok.i
                       for t in c.subtree}  # what follows the threat ("warned that it would strike ...")
    return {m.trigger.start for clause, m in coded if m.type == EventType.ASSAULT and m.trigger.start in inside}


def _carriers(coded: list[tuple[Clause, Mention]]) -> set[int]:
    """The content of a message sent in the same sentence ("sends an unambiguous message: President
    Biden will act to protect ...", "sent a clear message ... that any threat against our forces will not
    be tolerated"): one threat, made by sending the message (a ``needs: sent`` trigger), which is kept;
    the other THREATEN triggers of that sentence are its content and are dropped."""
    threats: dict[int, list[tuple[Clause, Mention]]] = {}
    for clause, m in coded:
        if m.type == EventType.THREATEN:
            threats.setdefault(m.sentence.start, []).append((clause, m))
    return {m.trigger.start for items in threats.values() if any(c.winner.rule.needs == "sent" for c, _ in items)
            for clause, m in items if clause.winner.rule.needs != "sent"}


def _bare_anaphor(tok: Token, mention: Mention, lex: Lexicon) -> bool:
    """"the strike", "these attacks" named only in passing, inside a phrase about something else ("the
    assessment of the strike", "explosions after the strike", "in response to these attacks"), adding no
    party, place, date, weapon or casualty: the manual's bare anaphor, no mention (its event is told
    elsewhere). An anaphor the clause is about stays ("These strikes were authorized ...", "The attack
    resulted in ... being injured", "killed in this attack"): the gold codes those."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in lex.cue("anaphoric_nouns") or tok.dep_ != "pobj":
        return False
    prep = tok.head
    if not (prep.head.pos_ == "NOUN" or prep.lower_ in lex.cue("reference_point")):
        return False
    return _plain_anaphor(tok, lex) and not _own_details(mention)


def _plain_anaphor(tok: Token, lex: Lexicon) -> bool:
    """"the strike", "these attacks": an attack noun under an anaphoric determiner with no word of its own."""
    if not any(c.dep_ == "det" and c.lower_ in lex.cue("anaphoric_determiners") for c in tok.children):
        return False
    # "the recent attacks", "the attack on the embassy", "the attack that killed"
    return not any(c.dep_ in ("amod", "compound", "nummod", "prep", "acl", "relcl", "poss") for c in tok.children)


def _own_details(mention: Mention) -> bool:
    return bool(mention.actors or mention.recipients or mention.place or mention.date or mention.weapon
                or mention.fatalities is not None or mention.injuries is not None)


def _idle_anaphor(tok: Token, mention: Mention, lex: Lexicon) -> bool:
    """A bare anaphor whose clause says nothing about the attack but why it was done or when something else
    happened: "The strikes were intended to deter further attacks", "I directed the strikes in order to
    protect our personnel" (the purpose goes to the explanations), "two days before the attack occurred,
    protesters ..." (a time reference for another event), "should these attacks continue" (a condition), "This attack was part of the proxy war" (what kind
    of thing it is). Like ``_bare_anaphor``: the manual's bare
    anaphor, its event told elsewhere. A reason phrase is no purpose ("These strikes were authorized in
    response to recent attacks": the gold codes those), nor is a casualty or a named attacker."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in lex.cue("anaphoric_nouns") or not _plain_anaphor(tok, lex):
        return False
    verb = tok.head
    if tok.dep_ == "pobj" and verb.lower_ in _TOPIC_PREPS and verb.head.pos_ == "VERB":
        return not _own_details(dataclasses.replace(mention, date=None))  # the date is the telling's
    if tok.dep_ not in ("nsubj", "nsubjpass", "dobj") or _own_details(mention):
        return False
    if tok.dep_ == "nsubj" and ((verb.dep_ == "advcl" and _reference_point(verb, lex)) or _condition(verb, tok)):
        return True
    if tok.dep_ == "nsubj" and verb.lemma_ == "be" and any(c.dep_ == "attr" for c in verb.children):
        return True  # "This attack was part of the wider proxy war": what the attack is, not what happened
    return not any(c.dep_ == "agent" for c in verb.children) and any(_purpose(c) for c in verb.children)


def _condition(verb: Token, subject: Token) -> bool:
    """"should these attacks continue", "if the strikes resume", "unless the raids stop": a clause that only
    sets a condition on the attacks told elsewhere (the act it conditions is the event)."""
    return any((c.dep_ == "mark" and c.lower_ in ("if", "unless") and verb.dep_ == "advcl")
               or (c.dep_ == "aux" and c.lower_ == "should" and c.i < subject.i) for c in verb.children)


def _reference_point(verb: Token, lex: Lexicon) -> bool:
    """"before the attack occurred": a clause that only dates another event (a mark such as "before",
    "after", "since", and no object, agent or phrase of its own)."""
    return (any(c.dep_ == "mark" and c.lower_ in lex.cue("reference_point") for c in verb.children)
            and not any(c.dep_ in ("dobj", "agent", "prep", "attr", "acomp") for c in verb.children))


def _purpose(child: Token) -> bool:
    """"(taken) to degrade ...", "(intended) to deter ...", "in order to protect ...": an infinitive of purpose."""
    if child.dep_ in ("advcl", "xcomp") and child.pos_ == "VERB":
        return any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
    if child.dep_ == "prep" and child.lower_ == "in":
        return any(o.lower_ == "order" and any(v.dep_ == "acl" for v in o.children) for o in child.children)
    return False


def bare(mention: Mention, noun: bool) -> bool:
    """A noun that names no participant, place or date is no event ("Tonight's call is on background",
    "the primary terrorist threats within Iraq", "continued to pose a threat"): the manual's bare
    anaphors and generic nouns. Attacks and halts are kept (a casualty count, a later sentence or the
    halt told before fills them: extract/events/discourse.py)."""
    return (noun and mention.type not in _NEVER_BARE and not mention.actors
            and not mention.recipients and mention.place is None and mention.date is None)


def _plural_word(word: str) -> bool:
    """"attacks", "strikes", "raids" (not "mass"): a noun trigger that names many events."""
    word = word.casefold()
    return word.endswith("s") and not word.endswith("ss")


def _mention(ctx: DocContext, sent: Span, tok: Token, rule_id: str, event_type: EventType, mode: str | None,
             value: Modality, actors: tuple[Actor, ...], recipients: tuple[Actor, ...], place: Place | None,
             when: DateSpan | None, weapon: str | None, fatalities: int | None, injuries: int | None,
             policies: frozenset[Policy]) -> Mention:
    sentence = TextSpan(ctx.doc_id, sent.start_char, sent.end_char, sent.text)
    word = trigger_text(tok)  # provenance: the trigger word, not a reference mark glued to it
    trigger = TextSpan(ctx.doc_id, tok.idx, tok.idx + len(word), word)
    return Mention(
        id=mention_id(ctx.doc_id, sentence.start, trigger.start, event_type, rule_id),
        doc_id=ctx.doc_id, sentence=sentence, trigger=trigger, rule_id=rule_id, type=event_type, mode=mode,
        modality=value, actors=actors, recipients=recipients, place=place, date=when, weapon=weapon,
        fatalities=fatalities, injuries=injuries, policies=policies,
    )


def _related_triggers(clause: Clause, event_type: str) -> list[Trigger]:
    """Triggers whose arguments may stand in for the winner's: the winner first.

    An attack's other ASSAULT triggers in the clause are the same attack ("were
    killed in an attack"); a halt's are what it halts, inside its phrase
    ("the attacks by X ... have been suspended"); a speech act borrows nothing
    ("condemnation of attacks from Iraqi factions": the factions did not condemn)."""
    win = clause.winner
    if event_type == EventType.ASSAULT:
        return [win, *(t for t in clause.triggers[1:] if t.rule.type == EventType.ASSAULT)]
    if event_type in (EventType.RETREAT, EventType.CONCEDE):
        return [t for t in clause.triggers if win.token.left_edge.i <= t.token.i <= win.token.right_edge.i]
    return [win]


def _first(items) -> Token | None:
    return next((item for item in items if item is not None), None)


def _declarer(tok: Token, lex: Lexicon) -> Token | None:
    """The declaring verb a halt hangs from as object or complement ("announced the suspension of ...")."""
    t = tok
    for _ in range(4):
        if t.head.i == t.i or t.dep_ not in ("dobj", "xcomp", "pobj", "prep", "nsubjpass"):
            return None
        t = t.head
        if t.pos_ == "VERB" and t.lemma_.lower() in lex.cue("declare"):
            return t
    return None


def _accused(clause: Clause, lex: Lexicon) -> Token | None:
    """Who the governing allegation accuses ("accused Kata'ib Hezbollah of ...", "blamed X for ..."),
    unless what it names is the act itself ("accusations of the attack")."""
    gov = clause.governor
    if gov is None:
        return None
    found = args.recipient(gov.token, gov.rule, lex)
    act = {t.i for trig in clause.triggers for t in trig.token.subtree}
    if gov.token.i in act:  # "killed in Tehran, an act for which Iran has blamed Israel": the allegation hangs on
        act -= {t.i for t in gov.token.subtree}
    return found if found is not None and found.i not in act else None


def _participle_speaker(cue: Token) -> Token | None:
    """"The statement ... was issued, announcing a drone strike": the announcer is the statement's author."""
    if cue.dep_ in ("advcl", "xcomp", "conj") and cue.head.pos_ in ("VERB", "AUX"):
        return speaker(cue.head)
    return None


def _recipient(clause: Clause, lex: Lexicon) -> Token | None:
    """The winner's recipient; when that is itself an event ("suspended their attacks on US bases"), its target.

    An accusation or demand about an attack targets the attackers ("condemnation of attacks from Iraqi factions")."""
    trig = clause.winner
    by_token = {t.token.i: t for t in clause.triggers}
    rec = args.recipient(trig.token, trig.rule, lex)
    if rec is None and trig.token.pos_ != "VERB" and trig.rule.type == EventType.ASSAULT:
        rec = args.displaced_target(trig.token)
    if rec is not None and rec.i not in by_token and (rec.lemma_.lower() in lex.weapons
                                                      or rec.lemma_.lower() in lex.assault_content):
        rec = args.weapon_target(rec, lex)  # "launched rocket and mortar attacks on bases": the bases
    if rec is None and trig.rule.type in (EventType.RETREAT, EventType.CONCEDE, EventType.THREATEN):
        rec = _first(by_token[i].token for i in by_token if by_token[i].rule.type == EventType.ASSAULT)
    if rec is None and trig.rule.type == EventType.ASSAULT:  # "the attacks killed one contractor": the victims
        rec = _victims(clause, lex)
    if rec is None and trig.rule.type == EventType.ASSAULT and trig.token.pos_ == "NOUN":
        rec = args.subject_victims(trig.token, lex)  # the same, with "killed" parsed as a clause of its own
    if rec is None and trig.rule.type == EventType.ASSAULT and trig.token.pos_ == "NOUN":
        rec = args.opposed_party(trig.token)  # "counter-U.S. operations" (not what cooperation "on" them targets)
    for _ in range(3):
        if rec is None or rec.i not in by_token or rec.i == trig.token.i:
            break
        content = by_token[rec.i]
        if trig.rule.type in (EventType.ACCUSE, EventType.REQUEST) and content.rule.type == EventType.ASSAULT:
            return args.agent(content.token, content.rule, lex)
        rec = args.recipient(content.token, content.rule, lex)
    return rec if rec is None or rec.i not in by_token else None


def _victims(clause: Clause, lex: Lexicon) -> Token | None:
    """Who the clause's casualty verb killed or wounded ("the attacks killed one contractor", "X was killed in
    a strike"): an attack's victims, also where its own target is only a place. Not from another ASSAULT
    trigger without casualties ("strikes in response to attacks against X")."""
    return _first(args.recipient(t.token, t.rule, lex) for t in _related_triggers(clause, EventType.ASSAULT)[1:]
                  if t.rule.casualty is not None)


def _meeting_sides(event_type: EventType, actors: tuple[Actor, ...],
                   recipients: tuple[Actor, ...]) -> tuple[tuple[Actor, ...], tuple[Actor, ...]]:
    """"The Secretary and the Prime Minister discussed ...": a meeting between two named parties is coded
    with the first as actor and the others as recipients, the way "X met Y" is; an agreement keeps all
    its parties as actors (the coding scheme's "United States; Iraqi government")."""
    if event_type != EventType.CONSULT or recipients or len(actors) < 2:
        return actors, recipients
    return actors[:1], actors[1:]


def _mutual_sides(event_type: EventType, tok: Token, agent_tok: Token | None, actors: tuple[Actor, ...],
                  recipients: tuple[Actor, ...]) -> tuple[tuple[Actor, ...], tuple[Actor, ...]]:
    """"the war between Hamas and Israel", "escalating strikes between Hezbollah and Israel": both sides
    fight, and the coding scheme lists both as actors with no recipient. "Clashes between X and Y" keeps X
    against Y (the scheme codes a clash one side against the other)."""
    if (event_type != EventType.ASSAULT or agent_tok is None or agent_tok.dep_ != "pobj"
            or agent_tok.head.lower_ != "between" or tok.lemma_.lower() == "clash"):
        return actors, recipients
    return _unique_actors([*actors, *recipients]), ()


def _same_actor(a: tuple[Actor, ...], b: tuple[Actor, ...], ctx: DocContext) -> bool:
    return any(x.id and y.id and ctx.res.kb.compatible(x.id, y.id) for x in a for y in b)


def _threatens_violence(tok: Token, clause: Clause, lex: Lexicon) -> bool:
    if any(t.rule.type == EventType.ASSAULT for t in clause.triggers):
        return True
    return any(t.lemma_.lower() in lex.assault_content or t.lemma_.lower() in lex.weapons for t in tok.subtree)


def _is_generic(tok: Token, clause: Clause, lex: Lexicon) -> bool:
    """Aggregates and habits: "316 attacks", "the number of attacks", "attacks have increased", "almost daily"."""
    if any(t.lower_ in lex.cue("habitual") for t in clause.tokens):
        return True
    if tok.pos_ != "NOUN" or tok.tag_ != "NNS":
        return False
    for child in tok.children:
        if child.dep_ in ("nummod", "amod", "det") and child.ent_type_ not in ("DATE", "TIME") \
                and (args.number(child, lex) or 0) > 1:  # "the 2021 Erbil rocket attacks" is no count
            return True
    if tok.dep_ == "pobj" and tok.head.head.lemma_.lower() in lex.cue("aggregate_heads"):
        return True
    return clause.head.lemma_.lower() in lex.cue("trend_verbs") and tok.dep_ in ("nsubj", "nsubjpass")


def _place(clause: Clause, tok: Token, ctx: DocContext) -> Place | None:
    """The most precise place among the best-attached place names of the event (extract/location.py).

    Country-level and multi-country places yield to any finer place or
    unresolved name ("the Middle East" says nothing more), but an event told
    only "in Iraq" is placed in Iraq (precision 3, as the gold-dev manual codes
    it; ``_country_fallback``); a border
    named after "near"/"along" is a border region at precision 2 ("near
    Jordan's border with Syria"). A name the gazetteer cannot place is kept as
    text, with a Rejection so that it can be added to data/places.tsv."""
    clause_ids = frozenset(t.i for t in clause.tokens)
    candidates = place_candidates(tok, clause_ids, ctx.place_spans, ctx.res.lexicon,
                                  is_actor_name=ctx.inside_actor_name, weak=ctx.weak_place_spans)
    unresolved: list[str] = []
    for rank in sorted({c.rank for c in candidates}):
        resolved = [p for c in candidates if c.rank == rank
                    if (p := _resolve(c, ctx, unresolved)) is not None]
        if resolved:
            return min(resolved, key=lambda p: p.precision or 9)  # stable: the nearest of equal precision
    if not unresolved:
        return _country_fallback(candidates, tok, ctx)
    ctx.rejections.append(Rejection(
        input=unresolved[0], stage=Stage.RESOLVE, reason=RejectionReason.UNRESOLVED_PLACE, doc_id=ctx.doc_id,
        message=f"place {unresolved[0]!r} is in neither our gazetteer nor GeoNames; add it to data/places.tsv.",
    ))
    return Place(text=unresolved[0])


def _resolve(candidate: PlaceCandidate, ctx: DocContext, unresolved: list[str]) -> Place | None:
    """A candidate's place finer than a country, or None (an unplaceable name joins ``unresolved``)."""
    gazetteer, span = ctx.res.gazetteer, candidate.span
    place = gazetteer.resolve(candidate.phrase, context_countries=ctx.countries)
    if isinstance(place, Place) and place.feature == "country" and candidate.phrase != span.text:
        place = gazetteer.resolve(span.text, context_countries=ctx.countries)  # "in Zzyzxville, Iraq"
    if not isinstance(place, Place):
        if not candidate.weak and span.text not in unresolved:
            unresolved.append(span.text)
        return None
    if _too_coarse(place) or (candidate.site_only and place.feature not in SITE_FEATURES):
        return None
    if place.feature == "border" and candidate.near:
        return dataclasses.replace(place, precision=2)
    return place


def _country_fallback(candidates: list[PlaceCandidate], tok: Token, ctx: DocContext) -> Place | None:
    """The first country or multi-country region named in a locative phrase on the trigger ``tok`` itself
    ("attacks in Iraq", "operations in the Middle East"), when nothing finer places the event. A country on
    the event noun or its subject ("Iran's attack", "Iraqi forces") says whose, not where; one deeper in an
    argument ("strikes in response to attacks on personnel in Iraq") is another event's; one on a word above
    the trigger ("Iran's attack on Israel was condemned") is not where the condemnation was."""
    preps = ctx.res.lexicon.cue("locative_preps")
    for c in candidates:
        prep = c.span.root.head
        if c.weak or c.site_only or prep.head.i != tok.i or prep.lower_ not in preps or prep.dep_ != "prep":
            continue
        place = ctx.res.gazetteer.resolve(c.span.text, context_countries=ctx.countries)
        if isinstance(place, Place) and (place.feature or "").split(":")[0] in ("country", "region"):
            return place
    return None


def _too_coarse(place: Place) -> bool:
    """A country, a continent, or a region spanning several countries ("the Middle East")."""
    feature = (place.feature or "").split(":")[0]
    return feature in ("country", "continent") or (feature == "region" and not place.country)
