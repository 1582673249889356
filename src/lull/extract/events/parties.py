"""Who took part in an event: the actors and recipients of a clause's argument heads, resolved to the KB.

The parse gives heads (``arguments.py``); this module turns a head into parties:
named spans and aliases, forces of states, role holders ("the Prime Minister"),
a site's users and garrison, victims as the party they belong to ("members of
the Coalition") or under a short label ("civilians"), affiliated and backed
groups, the article's subject for "the group" (``topic.py``), and the seat of
government for a capital spoken to. ``coder.py`` calls ``_actors`` and
``_recipients`` for each clause; the policies are in each function's docstring.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from ...records import Actor, DateSpan, Place
from ...vocabulary import EventType
from . import arguments as args
from . import coref
from .lexicon import Lexicon

if TYPE_CHECKING:
    from ...knowledge.actors import ActorEntry, ActorKB, Affiliation
    from .coder import DocContext

_ACTOR_ENTS = frozenset({"ORG", "NORP", "GPE", "PERSON"})
_IRAN_BACKED = "iran_backed_militias"  # actors.yaml: the coding scheme's generic name for Iran's militias
_MILITIA_NOUNS = frozenset({"group", "militia", "faction", "proxy", "militant", "force", "organization", "organisation"})
_AFFILIATED = frozenset({"affiliated", "related", "allied", "associated", "aligned", "affiliate", "relate", "ally",
                         "associate", "align"})
_BACKING = frozenset({"support", "back", "sponsor", "fund", "arm", "direct"})
# events whose town is where they happened, not a party (an attack on Beirut, a deployment to Erbil)
_PLACED_TYPES = frozenset({EventType.ASSAULT, EventType.MOBILIZE, EventType.RETREAT, EventType.COERCE,
                           EventType.PROTEST})
_FOOTNOTE_TAIL = re.compile(r"\.?\[\d.*$")  # "soldier.[7][8": a web page's footnote marks glued to a word
_QUANTIFIERS = frozenset({"all", "both", "each", "some", "several", "many", "most", "either", "none"})
_CIVILIANS = "CVL"  # the PLOVER/CAMEO sector of civilians: an unnamed victim group kept under its label
_NATION_KINDS = frozenset({"state", "government"})
_SHIP_PREFIXES = {"USS": "U.S. Navy", "HMS": "Royal Navy"}  # a ship's prefix -> the navy's KB name  # what a nationality word on "Iraqi protesters" resolves to
_OWNER_DEPS = frozenset({"compound", "amod", "nmod"})  # "U.S." in "U.S. forces" names an owner, not where


def _actors(head: Token | None, ctx: DocContext) -> tuple[Actor, ...]:
    """Resolved actors of the noun phrase headed by ``head`` (conjuncts included), in text order."""
    if head is None:
        return ()
    out: list[Actor] = []
    heads = args.conjuncts(head)
    heads += [t for t in _glued_conjuncts(head, ctx) if all(t.i != h.i for h in heads)]
    for conj in heads:
        for actor in _np_actors(conj, ctx):
            if all((actor.id or actor.text) != (o.id or o.text) for o in out):
                out.append(actor)
    return _with_affiliated_groups(heads, tuple(out), ctx)


def _with_participants(tok: Token, actors: tuple[Actor, ...], event_type: EventType,
                       ctx: DocContext) -> tuple[Actor, ...]:
    """``actors`` and whoever the clause says took part in the act its noun names ("HAAA was involved in the
    IRI's drone attack": HAAA beside the IRI; "ISIS was forced to resort to periodic attacks": ISIS;
    ``arguments.participant``); for an attack, a state takes part through its forces (``_forces_of_states``).
    A noun with no actor at all takes a party named on it that only the KB's weak aliases know
    (``_weakly_named``); a verb whose actor acts through others takes them too (``_through_parties``)."""
    if tok.pos_ != "NOUN":
        return _unique_actors([*actors, *_through_parties(tok, ctx)]) if actors else actors
    found = _actors(args.participant(tok, ctx.res.lexicon), ctx) or ([] if actors else _weakly_named(tok, ctx))
    if event_type == EventType.PROTEST and not actors and not found:
        found = _local_protesters(tok, ctx)
    if event_type == EventType.ASSAULT:
        found = _forces_of_states(found, ctx)
    return _unique_actors([*actors, *found]) if found else actors


def _ship_navy(tokens: list[Token], ctx: DocContext) -> Actor | None:
    """"the USS Gerald R. Ford Carrier Strike Group", "HMS Diamond": a commissioned ship's prefix names the
    navy it serves in (``_SHIP_PREFIXES``), when the KB knows that navy."""
    for tok in tokens:
        name = _SHIP_PREFIXES.get(tok.text)
        if name is not None and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].pos_ == "PROPN":
            entry = ctx.res.kb.lookup(name)
            return _entry_actor(tok.doc[tokens[0].i:tokens[-1].i + 1].text, entry) if entry is not None else None
    return None


def _through_parties(verb: Token, ctx: DocContext) -> list[Actor]:
    """"Iran, through the IRGC and its external operations force known as the Qods Force, has supported KSS":
    the bodies a subject acts through, set off between it and its verb, act with it (the coding scheme lists
    them all). Named organisations and forces only: "through Syria" is a route, "through the night" a time."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "through"):
        if subject is None or not subject.i < prep.i < verb.i:
            continue
        ids = {t.i for t in prep.subtree}
        found = [_span_actor(s, ctx.res.kb) for s in ctx.actor_spans if s.start in ids]
        return [a for a in found if a.id and a.kind not in ("state", "person", "outlet")]
    return []


def _weakly_named(noun: Token, ctx: DocContext) -> list[Actor]:
    """"Coalition support", "significant Coalition ground and air support": a capitalised word (not opening its
    sentence; the tagger calls it a noun or a name) compounded on the event noun (or on a modifier of it) that
    NER and the actor ruler missed but the KB knows by a weak alias ("Coalition"): the party whose act it is,
    as a named modifier is ("IAMG attacks"). Not a place, a person or an outlet, and not the target of
    "counter-"/"anti-"."""
    mods = [c for c in noun.children if c.dep_ in ("compound", "nmod") and c.i < noun.i]
    mods += [g for c in mods for g in c.children if g.dep_ in ("compound", "nmod") and g.i < c.i]
    for mod in mods:
        if mod.pos_ not in ("PROPN", "NOUN") or not mod.text[:1].isupper() or mod.i == mod.sent.start \
                or mod.ent_type_ in ("GPE", "LOC", "FAC") or any(
                s.start <= mod.i < s.end for s in ctx.place_spans) or args.countered(mod):
            continue
        entry = ctx.res.kb.lookup(mod.text)
        if entry is not None and entry.kind not in ("person", "outlet"):
            return [_entry_actor(mod.text, entry)]
    return []


def _glued_conjuncts(head: Token, ctx: DocContext) -> list[Token]:
    """"by the IRGC and Iran-aligned militia groups", parsed with "IRGC" as a modifier of "groups" that holds
    the "and", and "the militia Kataib Hezbollah and affiliated groups", with the "and" under the name in
    apposition: a party coordinated into the phrase is a co-actor."""
    glued = [c for c in head.children if c.dep_ in ("nmod", "compound") and c.pos_ == "PROPN" and c.i < head.i
             and any(g.dep_ == "cc" for g in c.children) and c.i in ctx.actor_tokens]
    named = [c for c in head.children if c.dep_ == "appos" and c.i in ctx.actor_tokens]
    return glued + [g for c in named for g in c.children if g.dep_ == "conj" and g.pos_ in ("NOUN", "PROPN")]


def _with_affiliated_groups(heads: list[Token], actors: tuple[Actor, ...], ctx: DocContext) -> tuple[Actor, ...]:
    """``actors`` with an unnamed "related groups" conjunct replaced by the Iran-backed militias it means."""
    for conj in heads:
        generic = _affiliated_groups(conj, [a for a in actors if a.id], ctx)
        if generic is not None:
            text = generic.text
            kept = [a for a in actors if a.id is not None or not text.endswith(a.text)]
            if all(a.id != generic.id for a in kept):
                kept.append(generic)
            return tuple(kept)
    return actors


_AT_SITE = frozenset({"in", "at", "inside"})  # where an attack took place, not whom it was aimed at


def _recipients(head: Token | None, event_type: EventType, actors: tuple[Actor, ...],
                ctx: DocContext) -> tuple[Actor, ...]:
    """The recipients of the clause: the parties, not the places, things or dates the text names in their slot.

    A struck site stands for whoever uses or holds it ("facilities used by X" -> X, "U.S. bases" -> US
    forces, a base that places.tsv says US forces garrison -> US forces, "his residence" -> him); a site
    with no such party, a town or a date is no recipient. The actor is never its own recipient. Among an
    attack's victims a known party wins over a count noun ("killed one contractor and injured several members
    of the coalition": the coalition); the troops a deployment moves are no recipient unless a known party."""
    if head is None:
        return ()
    out: list[Actor] = []
    heads = [h for h in args.conjuncts(head) if not args.subject_of_next_verb(h, ctx.res.lexicon)]
    if event_type == EventType.ASSAULT:
        heads += _further_victims(head)
        heads += _included_victims(heads, ctx)
        heads += [t for h in heads for t in _misparsed_partners(h, ctx)]
    opposed = args.opposed_party(head.head)
    if opposed is not None and opposed.i == head.i:  # "anti-American attacks": the party the prefix names, as named
        return tuple(a for a in _named_word(head, ctx) or _np_actors(head, ctx)
                     if not any((a.id or a.text) == (b.id or b.text) for b in actors))
    for conj in heads:
        conj = _partitive_whole(args.members_owner(conj))  # "several members of the Coalition": the Coalition
        found = _seat_of_government(conj, event_type, ctx) or _shared_owners(conj, ctx) or (
            _site_parties(conj, event_type, ctx) if _is_site(conj, ctx) else _named_word(conj, ctx) or _np_actors(conj, ctx))
        if not any(a.id for a in found):
            found = _shared_owners(conj, ctx, least=1) or found
        found = _named_after(conj, ctx) or found
        label = _victim_label(conj, ctx.res.lexicon) if event_type == EventType.ASSAULT else None
        if label is not None and not any(a.id and a.kind not in _NATION_KINDS for a in found):
            found = [Actor(text=label, sector=_CIVILIANS)]  # "three Iraqi protesters" are not Iraq's government
        for actor in found:
            if all((actor.id or actor.text) != (o.id or o.text) for o in out):
                out.append(actor)
    out = list(_with_affiliated_groups(heads, tuple(out), ctx))
    out = _named_members(heads, out, ctx)
    if (event_type == EventType.ASSAULT and any(r.id for r in out)) or event_type == EventType.MOBILIZE:
        # the party, not the count noun; "deployed militia fighters": its own men; civilians stay beside a party
        out = [r for r in out if r.id or r.sector == _CIVILIANS]
    return tuple(r for r in out if not any((r.id or r.text) == (a.id or a.text) for a in actors))


def _partitive_whole(head: Token) -> Token:
    """"all four of these groups", "two of the militias", "each of them": the whole a number or quantifier
    takes its part of, which names the parties; any other head is returned as it is."""
    if head.pos_ != "NUM" and head.lower_ not in _QUANTIFIERS:
        return head
    return args.prep_object(head, ("of",)) or head


def _named_members(heads: list[Token], found: list[Actor], ctx: DocContext) -> list[Actor]:
    """"facilities used by a number of Iranian-backed groups, including Kata'ib Hezbollah and KSS": the
    members that an "including" list on the generic party's own phrase names stand for that generic class
    (the coding scheme names the groups, not "Iran-backed militias"). A named party keeps its place ("Iraqi
    forces, including the Peshmerga" is not narrowed)."""
    kb = ctx.res.kb
    generic = {a.id for a in found if a.id and (entry := kb.get(a.id)) is not None and entry.generic}
    if not generic:
        return found
    inside = {t.i for h in heads for t in h.subtree}
    phrases = [s.root for s in ctx.actor_spans if s.id_ in generic and s.start in inside]
    members = _unique_actors([a for root in phrases for t in args.included(root) for a in _np_actors(t, ctx)
                              if a.id and (entry := kb.get(a.id)) is not None and not entry.generic])
    if not members:
        return found
    return list(_unique_actors([m for a in found for m in ((*members,) if a.id in generic else (a,))]))


def _seat_of_government(head: Token, event_type: EventType, ctx: DocContext) -> list[Actor]:
    """A capital or country named as the party spoken to, asked, backed or visited ("urged Baghdad to act",
    "visited Doha"): the state or government the KB knows by that name. Force is aimed at places, so an
    attack's, a deployment's or a withdrawal's town stays a place."""
    if event_type in _PLACED_TYPES or head.ent_type_ != "GPE" or any(
            s.start <= head.i < s.end for s in ctx.actor_spans):
        return []
    entry = ctx.res.kb.lookup(head.doc[head.left_edge.i:head.i + 1].text.removeprefix("the "))
    if entry is None or entry.kind not in ("state", "government"):
        return []
    return [_entry_actor(head.text, entry)]


def _misparsed_partners(head: Token, ctx: DocContext) -> list[Token]:
    """Parties coordinated with ``head`` that the parser hung elsewhere: "the IRGC and IRGC-affiliated groups"
    (the IRGC read as a modifier of "groups", with "affiliated" as its conjunct), and "Kataib Hezbollah and
    affiliated groups focused on ..." (the groups read as the subject of a clause of their own). The second is
    taken from the words: "and" + an affiliation word + a group noun right after the name."""
    found = [c for c in head.children if c.dep_ in ("nmod", "compound") and c.i < head.i
             and any(g.dep_ == "conj" for g in c.children) and any(s.start <= c.i < s.end for s in ctx.actor_spans)]
    doc, end = head.doc, head.i + 1
    if (end + 2 < len(doc) and doc[end].lower_ == "and" and doc[end + 1].lemma_.lower() in _AFFILIATED
            and doc[end + 2].lemma_.lower() in _MILITIA_NOUNS and doc[end + 2].head.i != head.i):
        found.append(doc[end + 2])
    return found


def _named_after(head: Token, ctx: DocContext) -> list[Actor]:
    """"the killing of ISIS leaders Abu Ibrahim al-Qurayshi": a person named right after a role noun is the one
    it describes, however the parser attached the name (here to "killing")."""
    span = next((s for s in ctx.actor_spans if s.start == head.i + 1), None)
    entry = ctx.res.kb.get(span.id_) if span is not None else None
    if head.pos_ != "NOUN" or entry is None or entry.kind != "person":
        return []
    return [_entry_actor(span.text, entry)]


def _included_victims(heads: list[Token], ctx: DocContext) -> list[Token]:
    """"killed two civilians and injured six more, including an American soldier": the party named after
    "including" is a victim, where the attack's victims name no party of their own ("two civilians", "six
    more"). Beside a named party it is a subset of the victims that party stands for and adds nothing
    ("members of the Coalition, including one American service member": the Coalition)."""
    if any(head.pos_ == "PRON" or _shared_owners(head, ctx, least=1)
           or any(a.id for a in _np_actors(args.members_owner(head), ctx)) for head in heads):
        return []  # "killed a coalition contractor and injured six others, including ...": the coalition's
    out: list[Token] = []
    for head in heads:  # a bare demonym is no party ("including an American" may be anyone)
        out.extend(t for t in args.included(head) if t.ent_type_ != "NORP" and all(t.i != h.i for h in (*heads, *out)))
    return out


def _victim_label(head: Token, lex: Lexicon) -> str | None:
    """The coding scheme's short label for unarmed victims: "civilians" for people at large ("two civilians",
    "a child", "residents"; ``cues.civilian_nouns``), the plural role word for people in a role, after the
    nationality adjectives ("several Iraqi protesters" -> "Iraqi protesters"; ``cues.victim_roles``),
    without counts or determiners. None for any other head."""
    lemma = head.lemma_.lower()
    if lemma in lex.cue("civilian_nouns"):
        return "civilians"
    if lemma not in lex.cue("victim_roles"):
        return None
    if head.tag_ == "NN" and lemma.endswith("ing"):  # a mass noun keeps its adjectives: "international shipping"
        return " ".join([*(c.lower_ for c in head.children if c.dep_ == "amod" and c.i < head.i), lemma])
    plural = head.lower_ if head.tag_ == "NNS" else f"{lemma}s"
    nations = [c.text for c in head.children if c.dep_ in ("amod", "compound") and c.ent_type_ == "NORP"
               and c.i < head.i]
    return " ".join([*nations, plural])


def _shared_owners(head: Token, ctx: DocContext, least: int = 2) -> list[Actor]:
    """"American and Coalition personnel", "U.S. and Coalition forces": a force noun whose owner word is
    coordinated names each owner's forces (US forces and the US-led coalition), not only the one whose name
    the actor ruler happens to hold. Empty unless ``least`` owners resolve (1: "a coalition contractor", where
    nothing else names the party)."""
    if head.lemma_.lower() not in ctx.res.lexicon.force_nouns:
        return []
    for mod in (c for c in head.children if c.dep_ in ("amod", "nmod", "compound") and c.i < head.i):
        owners = [mod, *(c for c in mod.subtree if c.dep_ == "conj" and c.i < head.i)]
        found = [a for owner in owners if (a := _owner_forces(owner, ctx)) is not None] if len(owners) >= least else []
        if len(found) >= least:
            return list(_unique_actors(found))
    return []


def _owner_forces(owner: Token, ctx: DocContext) -> Actor | None:
    """The forces of one owner word of a force noun: a state's forces when the KB has them ("American",
    "U.S."), else the party the word or its actor span names ("Coalition")."""
    kb = ctx.res.kb
    span = next((s for s in ctx.actor_spans if s.start <= owner.i < s.end), None)
    entry = kb.get(span.id_) if span is not None and span.id_ else kb.lookup(owner.text)
    if entry is None:
        return None
    if entry.kind == "state":
        entry = kb.lookup(f"{owner.text} forces") or kb.lookup(f"{entry.name} forces") or entry
    return _entry_actor(owner.text, entry)


def _named_word(head: Token, ctx: DocContext) -> list[Actor]:
    """A lone adjective or bare word that names a known party ("anti-American attacks": American; "an attack
    on the Coalition"): the KB's lookup of the word itself, weak aliases included. Empty for other heads."""
    if head.pos_ == "PRON" or any(c.dep_ not in ("det", "punct") for c in head.children) or any(
            s.start <= head.i < s.end for s in ctx.actor_spans):
        return []
    entry = ctx.res.kb.lookup(head.text)
    return [_entry_actor(head.text, entry)] if entry is not None else []


def _further_victims(head: Token) -> list[Token]:
    """"killed one contractor and injured several members of the coalition": the objects of the verbs
    coordinated with the one whose object ``head`` is (the victims of the same attack)."""
    verb = head.head
    if head.dep_ != "dobj" or verb.pos_ != "VERB":
        return []
    return [obj for conj in verb.children if conj.dep_ == "conj" and conj.pos_ == "VERB"
            for obj in conj.children if obj.dep_ == "dobj"]


def _is_site(head: Token, ctx: DocContext) -> bool:
    return args.is_site(head, ctx.res.lexicon) or any(s.start <= head.i < s.end for s in ctx.place_spans)


def _site_parties(head: Token, event_type: EventType, ctx: DocContext) -> list[Actor]:
    """The party a site recipient stands for (see ``_recipients``), or none."""
    user_heads = [t for tok in args.site_users(head) for t in (tok, *_misparsed_partners(tok, ctx))]
    users = list(_with_affiliated_groups(user_heads, _unique_actors(
        [a for tok in user_heads for a in _actors(tok, ctx)]), ctx))
    if users:
        return users
    for appos in (c for c in head.children if c.dep_ == "appos" and _is_site(c, ctx)):  # "Tower 22, a US base"
        found = _site_parties(appos, event_type, ctx)
        if found:
            return found
    if head.lemma_.lower() in ctx.res.lexicon.cue("geographic_nouns"):
        return []  # "the Syria-Iraq border", "Iraqi cities": where, not whose
    tokens = args.noun_phrase(head)
    ids = {t.i for t in tokens}
    named = _best_span(head, ids, ctx) is not None or _forces_actor(head, tokens, ctx) is not None
    found = [a for a in _np_actors(head, ctx) if a.id] if named else []
    if found and event_type == EventType.ASSAULT and any(s.start <= head.i < s.end for s in ctx.actor_spans):
        # "attacks against the U.S.": a state named as the target is its forces ("a U.S. base" is already, by its
        # force noun); "U.S. targets" and a government body ("the U.S. Embassy") stay the state's
        return [_forces_of_states((a,), ctx)[0] if a.kind == "state" else a for a in found]
    if found:
        return found
    garrison = _garrison(head, ctx)
    return [garrison] if garrison is not None else []


def _garrison(head: Token, ctx: DocContext) -> Actor | None:
    """The forces places.tsv says a named base hosts ("Al-Asad Airbase" -> US forces)."""
    for span in ctx.place_spans:
        if span.start <= head.i < span.end or (head.lemma_.lower() in ctx.res.lexicon.place_nouns
                                                and span.root.head.i == head.i):
            place = ctx.res.gazetteer.resolve(span.text, context_countries=ctx.countries)
            entry = ctx.res.kb.get(ctx.res.gazetteer.garrison(getattr(place, "source_id", None)) or "")
            if entry is not None:
                return _entry_actor(span.text, entry)
    return None


def _struck_garrison(trigger: Token, actors: tuple[Actor, ...], ctx: DocContext) -> tuple[Actor, ...]:
    """An attack that names no target but took place in or at a base places.tsv says some force garrisons ("the
    rocket attacks in Al Asad", "a drone attack at Ain al-Asad air base") hit that garrison, as an attack on the
    base would; not when the garrison is the attacker (a strike flown from its own base)."""
    for child in trigger.children:
        if child.dep_ == "prep" and child.lower_ in _AT_SITE:
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            garrison = _garrison(pobj, ctx) if pobj is not None else None
            if garrison is not None and all((a.id or a.text) != garrison.id for a in actors):
                return (garrison,)
    return ()


def _forces_of_states(actors: tuple[Actor, ...], ctx: DocContext) -> tuple[Actor, ...]:
    """An attack "by the US" is by its forces: a state, its government and departments, and a political
    office-holder of them ("President Biden directed strikes") become "<state> forces" when the KB knows them."""
    kb = ctx.res.kb
    out = []
    for actor in actors:
        state = _state_of(actor, ctx)
        forces = kb.lookup(f"{state.name} forces") if state is not None else None
        out.append(_entry_actor(actor.text, forces) if forces is not None else actor)
    return _unique_actors(out)


def _state_of(actor: Actor, ctx: DocContext) -> ActorEntry | None:
    """The state an actor acts for when it orders or makes an attack: itself, its government, or the
    government a person serves (not an armed group, and not a military office: those are forces already)."""
    kb = ctx.res.kb
    entry = kb.get(actor.id) if actor.id else None
    if entry is not None and entry.kind == "person":
        entry = kb.affiliation(entry.id, ctx.published.start if ctx.published and ctx.published.start else None)
    if entry is None or entry.kind not in ("state", "government"):
        return None
    if entry.kind == "state":
        return entry
    return next((kb.get(a) for a in kb.ancestors(entry.id) if (e := kb.get(a)) is not None and e.kind == "state"), None)


def _unique_actors(actors: list[Actor]) -> tuple[Actor, ...]:
    out: list[Actor] = []
    for actor in actors:
        if all((actor.id or actor.text) != (o.id or o.text) for o in out):
            out.append(actor)
    return tuple(out)


def _np_actors(head: Token, ctx: DocContext) -> list[Actor]:
    tokens = args.noun_phrase(head)
    ids = {t.i for t in tokens}
    if _others_forces(head, tokens, ctx.res.lexicon):  # "U.S. partner forces": not US forces, nor the US
        return [ctx.res.kb.resolve(head.doc[tokens[0].i:head.i + 1].text.removeprefix("the "))]
    pair = _hyphen_pair(head, ctx.res.kb)
    if pair:
        return pair
    span = _best_span(head, ids, ctx) if head.pos_ != "PRON" else None
    if head.pos_ == "PRON" and (bound := _subject_bound(head, ctx)):
        ctx.corefs.add(head.i)
        return bound
    navy = _ship_navy(tokens, ctx) if span is None else None
    if navy is not None:  # "the USS Gerald R. Ford Carrier Strike Group" is a name, not "the group"
        return [navy]
    if span is None and coref.is_anaphor(head, ctx.res.lexicon):
        spans = coref.antecedent_list(head, ctx.antecedents, ctx.res.kb, ctx.res.lexicon) or _subject_meant(head, ctx)
        if not spans:
            return []
        ctx.corefs.add(head.i)
        return [_span_actor(s, ctx.res.kb) for s in spans]
    if span is None and not coref.is_anaphor(head, ctx.res.lexicon) and (whole := _members_of(head, ctx)):
        return whole
    if head.pos_ == "PRON":
        voice = ctx.voice(head)
        if voice is None:
            return []
        ctx.corefs.add(head.i)
        return [_entry_actor(head.text, voice)]
    entry = ctx.res.kb.get(span.id_) if span is not None else None
    if span is None or (entry is not None and entry.kind == "state"):  # "a U.S. base" is US forces, not the US
        forces = _forces_actor(head, tokens, ctx)
        if forces is not None:
            return [forces]
    if span is not None:
        return [_role_holder(head, tokens, span, ctx) or _span_actor(span, ctx.res.kb)]
    holder = _titled_holder(head, ctx)
    if holder is not None:
        return [holder]
    local = _local_party(head, ctx)
    if local is not None:
        return [local]
    ents = [e for e in ctx.ents if e.label_ in _ACTOR_ENTS and e.start in ids]
    found = [ctx.res.kb.resolve(e.text, e.label_) for e in ents]
    if found and not _described(head, ents, ctx.res.lexicon) and not _described_by_origin(head, ents, found, ctx):
        return found
    if not _party_word(head, ctx.res.lexicon):
        return []  # "a temporary ceasefire plan", "efforts", "allegations" are no actors
    words = [t for t in tokens if t.dep_ not in ("det", "poss", "case") or t.i == head.i]
    text = head.doc[words[0].i:words[-1].i + 1].text if words else head.text
    return [ctx.res.kb.resolve(text)]


def _local_party(head: Token, ctx: DocContext) -> Actor | None:
    """"demonstrators", "the protesters", "the local security forces", "Security institutions": the unnamed
    people of a protest and an unowned security body are those of the country the sentence or the report is set
    in (``_local_state``): "Iraqi protesters" (the coding scheme's label, whatever the word) and the forces the
    KB knows as "<demonym> security forces" (Iraqi Security Forces). A modifier outside ``cues.local_words``
    ("pro-Iranian", "Kurdish") or an owner ("their", "of the KRG") keeps the phrase as it is; None then, and
    when the country is not clear."""
    lex = ctx.res.lexicon
    lemma = head.lemma_.lower()
    mods = [c for c in head.children if c.dep_ in _OWNER_DEPS | {"poss", "npadvmod"} and c.i < head.i]
    protesters = lemma in lex.cue("protester_nouns")
    security = lemma in lex.cue("security_bodies") and any(c.lower_ == "security" for c in mods)
    if head.tag_ != "NNS" or not (protesters or security) or any(c.lower_ not in lex.cue("local_words") for c in mods) \
            or any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children):
        return None
    state = _local_state(head, ctx)
    if state is None:
        return None
    if protesters:
        return _protesters_of(state)
    entry = ctx.res.kb.lookup(f"{state.demonym} security forces")
    return _entry_actor(head.doc[head.left_edge.i:head.i + 1].text, entry) if entry is not None else None


def _local_protesters(noun: Token, ctx: DocContext) -> list[Actor]:
    """"Protests subsided", "mass demonstrations": a protest whose phrase names nobody is held by the protesters
    of the country the sentence or the report is set in ("Iraqi protesters", as ``_local_party``). A phrase
    naming a party or a nationality ("Kurdish protests", "Sadrist demonstrations") is not this case."""
    phrase = args.noun_phrase(noun)  # (NER may call a capitalised "Protests" itself a NORP: only its words count)
    if any(t.i in ctx.actor_tokens or (t.i != noun.i and t.ent_type_ in ("NORP", "GPE", "ORG", "PERSON")) for t in phrase):
        return []
    state = _local_state(noun, ctx)
    return [_protesters_of(state)] if state is not None else []


def _protesters_of(state: ActorEntry) -> Actor:
    """The coding scheme's label for a country's protesters, whatever the text calls them: "Iraqi protesters"."""
    return Actor(text=f"{state.demonym} protesters", sector=_CIVILIANS)


def _local_state(tok: Token, ctx: DocContext) -> ActorEntry | None:
    """The state where ``tok``'s sentence is set: the one country its places lie in; with no place, the state
    the report is set in (``home_state``); None when the sentence's places lie in several countries."""
    codes = set(_place_countries([s for s in ctx.place_spans if s.start >= tok.sent.start and s.end <= tok.sent.end],
                                 ctx))
    if len(codes) > 1:
        return None
    return _state_by_code(codes.pop(), ctx) if codes else ctx.home


def home_state(ctx: DocContext) -> ActorEntry | None:
    """The state a report is set in: the country its places lie in at least twice as often as in any other
    and at least twice in all (GeoNames-certain names only, ``Gazetteer.document_countries``), when the KB
    knows that state's demonym. A place word modifying a noun ("U.S. forces", "Iraqi cities") does not vote:
    it names an owner or a kind more often than where the report is set."""
    ranked = _place_countries(ctx.place_spans, ctx).most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and 2 * ranked[1][1] > ranked[0][1]):
        return None
    return _state_by_code(ranked[0][0], ctx)


def _place_countries(spans: list[Span], ctx: DocContext) -> Counter[str]:
    """ISO alpha-2 country of each place span that is not a modifier of a noun (see ``home_state``)."""
    gazetteer = ctx.res.gazetteer
    return Counter(code for s in spans if s.root.dep_ not in _OWNER_DEPS for code in gazetteer.document_countries([s.text]))


def _state_by_code(code: str, ctx: DocContext) -> ActorEntry | None:
    """The KB state with a demonym whose name the gazetteer places in the ISO alpha-2 country ``code``."""
    for entry in ctx.res.kb.actors.values():
        if entry.kind == "state" and entry.demonym:
            place = ctx.res.gazetteer.resolve(entry.name)
            if isinstance(place, Place) and place.country == code:
                return entry
    return None


def _described(head: Token, ents: list[Span], lex: Lexicon) -> bool:
    """"Iraqi protesters", "some Iraqi politicians", "local Syrian partners": plural people whom only a
    nationality describes (``cues.described_people``) are no state; they keep their descriptive label."""
    return (head.tag_ == "NNS" and head.lemma_.lower() in lex.cue("described_people")
            and all(e.label_ == "NORP" and e.end <= head.i for e in ents))


def _described_by_origin(head: Token, ents: list[Span], found: list[Actor], ctx: DocContext) -> bool:
    """"Sunni militants", "local Arab forces": a nationality or sect the KB does not know, modifying a noun
    for people or forces, only describes them; the party is the whole phrase, not "Sunni"."""
    return (all(a.id is None for a in found) and all(e.label_ == "NORP" and head.i not in range(e.start, e.end)
                                                     for e in ents) and _party_word(head, ctx.res.lexicon))


def _subject_bound(head: Token, ctx: DocContext) -> list[Actor]:
    """"The organization is known for its counter-U.S. operations": a possessive "its"/"their" inside a
    clause whose subject, before it, is a party stands for that subject (not for a state named nearby)."""
    if head.dep_ != "poss" or head.lower_ not in ("its", "their"):
        return []
    verb = head.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.i > head.i or subject.pos_ not in ("NOUN", "PROPN") or head.i in {
            t.i for t in subject.subtree}:
        return []
    return [a for a in _np_actors(subject, ctx) if a.id and a.kind not in ("person", "outlet")]


def _members_of(head: Token, ctx: DocContext) -> list[Actor]:
    """"members of the network", "fighters of the group": the group a description of its members names,
    as "members of Kata'ib Hezbollah" is Kata'ib Hezbollah (``cues.member_nouns``)."""
    if head.lemma_.lower() not in ctx.res.lexicon.cue("member_nouns"):
        return []
    group = args.prep_object(head, ("of",))
    if group is None or not coref.is_anaphor(group, ctx.res.lexicon):
        return []
    return _np_actors(group, ctx)


def _subject_meant(head: Token, ctx: DocContext) -> list[Span]:
    """"The group", "the organization" with no antecedent nearby, in an article whose title is one group's
    name: that group (extract/events/topic.py). Singular descriptions only; "they", "these groups" never."""
    if head.pos_ != "NOUN" or head.tag_ != "NN" or ctx.subject is None:
        return []
    return [ctx.subject]


def _others_forces(head: Token, tokens: list[Token], lex: Lexicon) -> bool:
    """"U.S. partner forces", "allied troops", "Iran's proxy forces": a force the country works with or
    through, which is neither the country nor its own forces."""
    return head.lemma_.lower() in lex.force_nouns and any(
        t.lemma_.lower() in lex.cue("not_own_forces") for t in tokens if t.i < head.i)


def _hyphen_pair(head: Token, kb: ActorKB) -> list[Actor]:
    """"U.S.-Iraq cooperation", "the U.S.-Iran talks": the two states a hyphenated pair names; split into
    three tokens ("the Israel-Hamas war", "Israel–Iran conflict"), the two known parties it names."""
    split = _split_pair(head, kb)
    if split:
        return split
    parts = head.text.split("-")
    if len(parts) != 2:
        return []
    entries = [kb.lookup(part) for part in parts]
    if any(e is None or e.kind != "state" for e in entries) or entries[0].id == entries[1].id:
        return []
    return [_entry_actor(part, entry) for part, entry in zip(parts, entries)]


def _split_pair(head: Token, kb: ActorKB) -> list[Actor]:
    """The two known parties of "Israel-Hamas" when the tokenizer split it and ``head`` is one of its names
    (the second, or the first: "the Israel–Hamas war" gives the war "Israel" as its first named modifier)."""
    doc = head.doc
    if head.pos_ != "PROPN":
        return []
    first = head.i - 2 if _dash_joined(doc, head.i - 2) else head.i if _dash_joined(doc, head.i) else None
    if first is None:
        return []
    parts = [doc[first].text, doc[first + 2].text]
    entries = [kb.lookup(part) for part in parts]
    if any(e is None for e in entries) or entries[0].id == entries[1].id:
        return []
    return [_entry_actor(part, entry) for part, entry in zip(parts, entries)]


def _dash_joined(doc, i: int) -> bool:
    """Whether tokens ``i`` and ``i + 2`` are two names joined by a dash with no space ("Israel–Hamas")."""
    return (0 <= i and i + 2 < len(doc) and doc[i + 1].text in ("-", "–", "—") and not doc[i].whitespace_
            and not doc[i + 1].whitespace_ and doc[i].pos_ == "PROPN" and doc[i + 2].pos_ == "PROPN")


def _party_word(head: Token, lex: Lexicon) -> bool:
    """Whether a noun with no known party still names participants: a proper name, a force noun ("the
    convoy"), or a plural noun for people or groups of them ("two civilians", "Iraqi protesters"); not an
    abstract or a thing ("efforts", "allegations", "dozens of missiles"), nor a lone "the government"."""
    if head.tag_ in ("NNP", "NNPS") or head.ent_type_ == "PERSON":
        return True
    lemma = head.lemma_.lower()
    return lemma in lex.force_nouns or (head.tag_ == "NNS" and lemma in lex.cue("party_nouns"))


def _best_span(head: Token, ids: set[int], ctx: DocContext) -> Span | None:
    """The actor span a noun phrase stands for.

    A named person wins over an organisation ("Iraqi Prime Minister Mohammed
    al-Sudani", "commander of the Quds Force ... Esmail Qaani"), then the span
    holding the head word, then the last span of the phrase (English heads come
    last); a plural with none ("the groups affiliated to X") takes the group it
    is affiliated to."""
    appos = {t.i for c in head.children if c.dep_ == "appos" for t in c.subtree}
    spans = [s for s in ctx.actor_spans if s.start in ids or s.start in appos or s.start <= head.i < s.end]
    if not spans and head.tag_ == "NNS":
        spans = _affiliated_spans(head, ctx)
    if not spans:
        return None
    kb = ctx.res.kb
    persons = [s for s in spans if (entry := kb.get(s.id_)) is not None and entry.kind == "person"]
    holding = [s for s in spans if s.start <= head.i < s.end]
    return (persons or holding or spans[-1:])[0]


def _affiliated_spans(head: Token, ctx: DocContext) -> list[Span]:
    """"the groups affiliated to X": X; "militia groups affiliated with Iran's IRGC", "militias who are acting
    with the support of Iran": the generic Iran-backed militias (a state's backing makes no member of it)."""
    words = ctx.res.lexicon.cue("affiliation") | {"under"}
    for child in head.children:
        backed = child.dep_ in ("acl", "relcl") and any(t.lemma_.lower() in _BACKING for t in child.subtree)
        if child.dep_ in ("acl", "prep", "amod", "relcl") and (child.lemma_.lower() in words or backed):
            ids = {t.i for t in child.subtree}
            found = [s for s in ctx.actor_spans if s.start in ids]
            if found:
                span = found[0]  # the group named right after "affiliated to", not a place further on
                if _state_side(ctx.res.kb.get(span.id_)) and head.lemma_.lower() in _MILITIA_NOUNS:
                    return [Span(head.doc, span.start, span.end, label="ACTOR", span_id=_IRAN_BACKED)]
                return [span]
    return []


def _state_side(entry: ActorEntry | None) -> bool:
    """Iran, its government or its forces: the patrons whose "affiliated groups" are the Iran-backed militias."""
    return entry is not None and entry.country == "IRN" and entry.kind in ("state", "government", "state_force")


def _affiliated_groups(head: Token, others: list[Actor], ctx: DocContext) -> Actor | None:
    """"the IRGC and related groups", "Kataib Hezbollah and affiliated groups": the Iran-backed militias,
    when a conjoined party is Iran's or one of the Iran-aligned groups (the coding scheme's convention)."""
    modifiers = [c for c in head.children if c.dep_ == "amod"]  # "affiliated groups"
    modifiers += [g for c in head.children if c.dep_ in ("nmod", "compound") for g in c.children if g.dep_ == "conj"]
    if head.lemma_.lower() not in _MILITIA_NOUNS or not any(c.lemma_.lower() in _AFFILIATED for c in modifiers):
        return None  # ("the IRGC and related groups" parsed as groups <- IRGC <- related)
    kb = ctx.res.kb
    entry = kb.get(_IRAN_BACKED)
    if entry is None:
        return None
    for other in others:
        known = kb.get(other.id) if other.id else None
        if _state_side(known) or (known is not None and other.id != _IRAN_BACKED and kb.compatible(_IRAN_BACKED, other.id)):
            return _entry_actor(head.doc[head.left_edge.i:head.i + 1].text, entry)
    return None


def _role_holder(head: Token, tokens: list[Token], span: Span, ctx: DocContext) -> Actor | None:
    """"the commander of the IRGC's Quds Force": the person who held that role in that organisation.

    Only when the KB lists exactly one person with that role (compared word for
    word: "deputy commander" is not "commander") in the organisation named in
    the "of" phrase, over the whole span the document may have been published
    in; otherwise None, and the organisation stands for its officer. Without a
    publication date nobody is named: roles change hands (Soleimani, Qaani)."""
    when = ctx.published
    if head.pos_ != "NOUN" or head.tag_ != "NN" or not span.id_ or when is None or when.start is None:
        return None
    if not any(c.dep_ == "prep" and c.lower_ == "of" and c.i < span.start <= c.right_edge.i for c in head.children):
        return None
    role = _role_key(" ".join([*(c.lower_ for c in head.children if c.dep_ in ("compound", "amod")
                                 and c.i < head.i and not c.ent_type_), head.lower_]))
    holders = [entry for entry in ctx.res.kb.actors.values() if entry.kind == "person" and any(
        aff.org == span.id_ and aff.role is not None and _role_key(aff.role) == role and _holds(aff, when)
        for aff in entry.affiliations)]
    if len(holders) != 1:
        return None
    return _entry_actor(head.doc[tokens[0].i:tokens[-1].i + 1].text, holders[0])


def _titled_holder(head: Token, ctx: DocContext) -> Actor | None:
    """"The Secretary", "the President", "the Prime Minister", "the Department": the person the document
    named with that title (or the organisation with that word in its name), the latest one before the
    phrase, else the first after it. A title with a name of its own or an "of" phrase is not this case."""
    if head.pos_ not in ("NOUN", "PROPN") or any(c.dep_ in ("poss", "nummod") for c in head.children):
        return None
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children):
        return None  # "the commander of the Quds Force" (``_role_holder``)
    words = [c.lower_ for c in head.children if c.dep_ == "compound" and c.i < head.i] + [head.lower_]
    title = " ".join(words)
    if head.i > head.sent.start and head.doc[head.i - 1].ent_type_ == "PERSON":
        return None
    holders = [span for word, span in ctx.titled if word == title]
    if not holders:
        return None
    before = [s for s in holders if s.end <= head.i]
    span = before[-1] if before else holders[0]
    entry = ctx.res.kb.get(span.id_)
    if entry is None:
        return None
    return _entry_actor(head.doc[head.left_edge.i:head.i + 1].text, entry)


def _role_key(role: str) -> str:
    return " ".join(role.lower().replace("-", " ").split())


def _holds(aff: Affiliation, when: DateSpan) -> bool:
    """Whether the affiliation covers all of ``when`` (an open ``when`` runs on, so only an open affiliation does)."""
    if aff.start is not None and aff.start.start is not None and (when.start is None or when.start < aff.start.start):
        return False
    if aff.end is None or aff.end.end is None:
        return True
    return when.end is not None and when.end <= aff.end.end


def _span_actor(span: Span, kb: ActorKB) -> Actor:
    entry = kb.get(span.id_) if span.id_ else None
    return _entry_actor(span.text, entry) if entry is not None else kb.resolve(span.text, span.label_ or None)


def _entry_actor(text: str, entry: ActorEntry) -> Actor:
    return Actor(text=text, id=entry.id, name=entry.name, kind=entry.kind, sector=entry.sector, country=entry.country)


def _forces_actor(head: Token, tokens: list[Token], ctx: DocContext) -> Actor | None:
    """"a U.S. base", "American positions", "U.S. soldiers": the country's forces, if the KB knows them (also
    with a footnote mark glued to the noun: "an American soldier.[7][8]")."""
    lemma = _FOOTNOTE_TAIL.sub("", head.lemma_.lower())
    compound = f"{tokens[-2].lemma_.lower()} {lemma}" if len(tokens) > 1 else ""
    if lemma not in ctx.res.lexicon.force_nouns and compound not in ctx.res.lexicon.force_nouns:
        return None
    for tok in head.children:  # the country word must modify the force noun itself, not "the Israeli regime" in it
        voice = ctx.voice(tok) if tok.dep_ == "poss" else None
        if voice is not None and (entry := ctx.res.kb.lookup(f"{voice.name} forces")) is not None:
            return _entry_actor(head.doc[tokens[0].i:head.i + 1].text, entry)  # a spokesperson's "our forces"
        if tok.ent_type_ in ("GPE", "NORP") and tok.dep_ in ("compound", "amod", "nmod", "poss"):
            country = head.doc[tok.left_edge.i:tok.i + 1].text if tok.dep_ != "poss" else tok.text
            entry = ctx.res.kb.lookup(f"{country} forces")
            if entry is not None:
                text = head.doc[tokens[0].i:head.i + 1].text
                return _entry_actor(text, entry)
    return None
