"""Who did what to whom, with what, and how many were hurt: walking the dependency parse.

Each function takes a trigger token (or a clause) and returns tokens or plain
values; turning token spans into ``records.Actor``/``Place``/``DateSpan`` is the
coder's job (``nlp/event_coder.py``), which holds the knowledge bases.

Agent: the subject of an active verb, the "by" phrase of a passive one; for a
noun, its possessor, its "by" phrase, a name compounded on it ("IRI drone
attack", not "counter-ISIS operations": that is the target), the subject of
the light verb it is the object of ("launched attacks", "the attack was
carried out by X"), or the party it is attributed to ("the attacks were
attributed to X"). "Disrupting X from conducting attacks": X would attack. A participle or infinitive
without a subject borrows its controller's ("prompted US forces to retaliate by
striking" -> US forces strike). A subject the parser glued onto a fronted
adverbial ("after the request by X, the commander traveled") is repaired: the
verb's own subject wins over the adverbial's "by" agent. A meeting that is the
setting of a clause ("during a meeting with X, Qaani presented ...") has the
clause's subject as a party (``setting_subject``).

Recipient: the object of an active verb, the subject of a passive one; for a
noun, its "on"/"against"/"targeting" phrase (and "of" for assassinations and
killings); for meetings and calls, the "with" phrase.
"""
from __future__ import annotations

from spacy.tokens import Token

from .clauses import Clause, Trigger, weapon_of
from .lexicon import Lexicon, TriggerRule

_SUBJECTS = ("nsubj", "csubj")
_PASSIVE_SUBJECTS = ("nsubjpass", "csubjpass")
_TARGET_PREPS = frozenset({"on", "against", "at", "upon", "targeting", "toward", "towards"})
_PARTNER_PREPS = frozenset({"with"})
_PARTNERED = frozenset({"CONSULT", "COOPERATE"})  # types whose "with" names the other side ("partner with the SDF")
_POSSESSORS = ("PROPN", "NOUN", "PRON")  # "their attacks": a pronoun is resolved by the coder
_NONFINITE_LINKS = frozenset({"xcomp", "advcl", "pcomp", "conj", "acl", "ccomp", "relcl"})
_NP_CUT = frozenset({"relcl", "acl", "punct", "cc", "conj", "prep", "appos", "advmod", "det", "case"})
# a subordinator that opens a fronted adverbial: "after the request by X, the commander traveled"
_FRONTING_MARKS = frozenset({"after", "before", "following", "upon", "since", "until"})
# an event noun under these is the setting of its host verb: "during a meeting with X, Qaani presented ..."
_SETTING_PREPS = frozenset({"during", "at", "in"})
_WHEN_ENTS = frozenset({"DATE", "TIME"})
# the slots of a noun: a trigger the tagger calls a verb there is a noun ("attacks ... were launched by X")
_NOUN_SLOTS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})
# nouns that hold a run of events: "a series of attacks", "a campaign of strikes"
_CONTAINERS = frozenset({"series", "campaign", "wave", "string", "spate", "barrage", "number", "round", "volley",
                         "succession", "flurry", "surge"})
# nouns of what a party does: as a subject their possessor acts ("the group's terrorist activity has threatened")
_ACTIVITY_NOUNS = frozenset({"activity", "action", "aggression", "behavior", "behaviour", "conduct"})
# event types whose noun is given by the subject of the verb that takes it as object ("provides support")
_GIVEN = frozenset({"THREATEN", "AID", "SUPPORT"})
# verbs whose subject takes (not gives) the warning that is their object
_TAKING_VERBS = frozenset({"receive", "get", "ignore", "heed", "face", "reject", "dismiss", "hear", "read", "note",
                           "condemn", "welcome", "see", "seek", "request", "need", "lose", "accept", "enjoy",
                           "cut", "end", "suspend", "halt", "stop", "deny", "withdraw"})
# verbs whose object is an instrument, not the doer of their infinitive: "used force to disperse protesters"
_INSTRUMENT_VERBS = frozenset({"use", "employ", "utilize", "utilise", "deploy", "take", "need", "spend", "have"})
_RECEIVING = frozenset({"rely", "depend", "receive", "get", "obtain", "accept", "enjoy", "seek", "request"})
_ENABLING = frozenset({"enable", "allow", "help", "permit", "empower"})  # "support that enables X to ..."
_SURVIVING = frozenset({"survive", "escape", "evade", "outlive"})  # verbs whose subject was an attack's target
_RELYING = frozenset({"rely", "depend", "count", "lean"})  # "rely on X for support": X gives it
_AIMING = frozenset({"direct", "aim", "launch", "carry", "conduct", "level"})  # participles that carry the target
# nouns of things struck rather than parties: the party is whoever uses them (``site_users``)
_SITE_NOUNS = frozenset({"facility", "infrastructure", "location", "target", "site", "house", "building", "residence",
                         "depot", "warehouse", "compound", "headquarters", "installation", "storage", "plant",
                         "field", "oilfield", "airfield", "point", "vehicle", "truck", "convoy"})
# nouns of what a party owns or fields: a bare one after a named owner's ("U.S. bases and personnel") is the same party
_OWNED_NOUNS = _SITE_NOUNS | {"personnel", "troop", "soldier", "force", "servicemember", "base", "position",
                              "interest", "asset", "embassy", "diplomat", "installation", "vessel", "ship"}
_STRIKING = frozenset({"target", "hit", "strike", "attack", "bomb", "shell", "raid"})  # their object is the target
_AGAINST_PREFIXES = frozenset({"counter", "anti"})  # "counter-ISIS operations": ISIS is the target
_SITE_USE = frozenset({"use", "utilize", "utilise", "occupy", "operate", "run", "affiliate", "link", "belong",
                       "associate", "control", "hold"})
_USER_PREPS = frozenset({"by", "with", "to"})
# triggers whose complement clause is what is said, denied or asked, never a lost object
_SAYING_TYPES = frozenset({"ACCUSE", "REJECT", "REQUEST", "THREATEN", "AGREE"})
# prefixes that make the party they are glued to the target of an event noun ("anti-American attacks")
_OPPOSING_PREFIXES = frozenset({"anti", "counter"})
_PLACE_PREPS = frozenset({"in", "at", "near", "from", "across", "inside", "outside", "within", "around", "into",
                          "north", "south", "east", "west", "of"})


def agent(trigger: Token, rule: TriggerRule, lex: Lexicon) -> Token | None:
    """The head token of the trigger's agent noun phrase, if the parse shows one."""
    if _is_verb(trigger):
        return _verb_agent(trigger, lex, hops=0)
    found = _noun_agent(trigger, lex, victim_possessor=_possessor_is_victim(rule))
    if found is None and _container(trigger) is not trigger:  # "perpetrated a series of attacks"
        found = _noun_agent(_container(trigger), lex)
    if found is None and trigger.pos_ == "VERB":  # misread noun: "The U.S. strikes targeted" ("U.S." its subject)
        found = _verb_agent(trigger, lex, hops=0)
    if found is None and rule.type in _GIVEN and _sent(trigger):  # "X sent a clear message to Y", "X provides
        found = _verb_agent(trigger.head, lex, hops=0)  # support"
    if found is None and rule.type in ("AID", "SUPPORT") and _backing_host(trigger) is not None:
        found = _prep_object(trigger, ("of",))  # "militias acting with the support of Iran": Iran
    if found is None and rule.mode == "withdraw":  # "the withdrawal of American forces": who withdraws
        found = _prep_object(trigger, ("of",))
    if found is None and rule.type in ("AID", "SUPPORT"):  # "rely on the Coalition for ISR support"
        found = _relied_on(trigger)
    return found


def _relied_on(noun: Token) -> Token | None:
    """The giver of what a party relies on another for: "they continued to rely on the Coalition for
    critical intelligence, surveillance, and reconnaissance (ISR) support" (the Coalition gives the support)."""
    head = noun
    while head.dep_ == "conj":
        head = head.head
    prep = head.head
    if head.dep_ != "pobj" or prep.lower_ != "for" or prep.head.lemma_.lower() not in _RELYING:
        return None
    return _prep_object(prep.head, ("on", "upon"))


def _backing_host(noun: Token) -> Token | None:
    """The verb of "acting with the support of Iran", "operating with the backing of X": its doer is backed."""
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ == "with" and prep.head.pos_ == "VERB":
        return prep.head
    return None


def _sent(noun: Token) -> bool:
    """A warning, message or ultimatum as the object of the verb that issues it ("sent a clear message",
    "issued a warning"), not of one that takes it ("received a warning", "ignored the ultimatum")."""
    return (noun.dep_ == "dobj" and noun.head.pos_ == "VERB"
            and noun.head.lemma_.lower() not in _TAKING_VERBS)


def _is_verb(trigger: Token) -> bool:
    """Whether the trigger acts as a verb: a word tagged as a verb in a noun's slot ("attacks ... were launched
    by X", tagged VBZ as the subject of "were launched") is a noun the tagger misread."""
    return trigger.pos_ == "VERB" and trigger.dep_ not in _NOUN_SLOTS


def _container(noun: Token) -> Token:
    """The noun that holds an event noun in "a series of attacks", "a campaign of strikes", "a wave of
    attacks": the container takes the event's verb ("perpetrated a series of attacks"), so its agent is
    the event's; other modifiers of the event noun stay on it."""
    head = noun.head
    if (noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in _CONTAINERS
            and head.head.pos_ == "NOUN"):
        return head.head
    return noun


def event_noun_agent(noun: Token, lex: Lexicon) -> Token | None:
    """The agent of an event noun that is no trigger of its own ("operations have ceased": whose operations)."""
    return _noun_agent(noun, lex)


def _possessor_is_victim(rule: TriggerRule) -> bool:
    """"Soleimani's assassination", "the soldiers' killing": the possessor is the one killed."""
    return rule.mode in ("targeted", "abduct") or rule.casualty is not None


def passive(verb: Token) -> bool:
    """Whether ``verb`` is passive (see ``_passive``)."""
    return _passive(verb)


def _passive(verb: Token) -> bool:
    """A passive verb: with a passive subject or auxiliary, or a participle with a "by" agent of its own
    ("backed and supported by Iran": "supported" shares its subject with "backed")."""
    return any(c.dep_ in _PASSIVE_SUBJECTS or c.dep_ in ("auxpass", "agent") for c in verb.children)


def _shared_agent(verb: Token) -> Token | None:
    """The "by" agent of coordinated passives, written once on the last of them: "KSS is funded, trained and
    equipped by the Quds Force", "are backed and supported by Iran"."""
    for conj in (c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB" and c.tag_ == "VBN"):
        if any(c.dep_ in _PASSIVE_SUBJECTS for c in conj.children):
            continue  # a passive with a subject of its own is another clause
        by = next((c for c in conj.children if c.dep_ == "agent"), None)
        if by is not None:
            return next((g for g in by.children if g.dep_ == "pobj"), None)
        found = _shared_agent(conj)
        if found is not None:
            return found
    return None


def _verb_agent(verb: Token, lex: Lexicon, hops: int, controlled: bool = False) -> Token | None:
    passive = _passive(verb)
    for child in verb.children:
        if passive and child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
        if not passive and child.dep_ in _SUBJECTS:
            if child.lower_ in ("which", "who", "that"):
                return _relative_antecedent(child)
            if child.lemma_.lower() in _ACTIVITY_NOUNS or child.lemma_.lower() in lex.weapons:
                # "the group's terrorist activity has threatened", "their rockets hit": the possessor acts;
                # a weapon with none ("two rockets hit the base") is no actor
                poss = next((c for c in child.children if c.dep_ == "poss"), None)
                if poss is not None:
                    return poss
                if child.lemma_.lower() in lex.weapons and not any(  # "American warplanes struck": US forces
                        c.ent_type_ or _span_at(c) is not None for c in child.children if c.dep_ != "det"):
                    return None
            event = _attack_subject(verb, lex)  # "a Shahed 136[verification needed] drone strike carried out
            if event is not None:  # by the IRI targeted Tower 22": the strike's own agent
                return event
            return _fronted_subject(verb, child)  # a pronoun too: the coder resolves it (extract/coref.py)
    if passive:
        shared = _shared_agent(verb)
        if shared is not None:
            return shared
        if controlled or _involved(verb, lex):
            return _passive_doer(verb, lex, hops)
        return None
    misread = _misread_subject(verb)
    if misread is not None:
        return misread
    if hops > 3 or verb.dep_ not in _NONFINITE_LINKS or verb.head.i == verb.i:
        return None
    split = _split_subject(verb)
    if split is not None:  # "after a drone attack by X killed ...": the attack's agent, not the main clause's
        return _noun_agent(split, lex)
    head = verb.head
    if verb.dep_ == "xcomp" and head.lemma_.lower() not in _INSTRUMENT_VERBS:  # object control: "prompted the
        obj = next((c for c in head.children if c.dep_ == "dobj"), None)  # U.S. forces to retaliate"
        if obj is not None:
            return obj
    if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN") and verb.tag_ == "VBN":  # "the militias targeted
        event = next((g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "during")  # in the U.S.
                      for g in c.children if g.dep_ == "pobj" and _attack_noun(g, lex)), None)  # strikes"
        if event is not None:
            return _noun_agent(event, lex)
        if verb.lemma_.lower() in _STRIKING:
            return None  # the participle's noun was struck, and its names are the target's
    if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):  # "a drone strike targeting X": the strike's agent
        return _noun_agent(head, lex)
    if head.pos_ in ("VERB", "AUX"):
        return _verb_agent(head, lex, hops + 1, controlled=verb.dep_ == "xcomp" or _active_conjunct(verb))
    if verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.dep_ == "acomp":  # "were able to conduct operations"
        return _verb_agent(head.head, lex, hops + 1, controlled=True)
    if verb.dep_ == "pcomp" and head.lower_ == "from" and head.head.pos_ == "VERB":  # "disrupting the groups
        obj = next((c for c in head.head.children if c.dep_ == "dobj"), None)  # from conducting attacks"
        if obj is not None:
            return obj
    if head.dep_ == "prep" and head.head.pos_ == "VERB":  # "by striking": pcomp of a preposition
        return _verb_agent(head.head, lex, hops + 1)
    return None


def _active_conjunct(verb: Token) -> bool:
    """An active verb with an auxiliary of its own coordinated after a passive one shares its surface subject:
    "the group was formed in 2014 and has fought in every major battle" (the group fought). A bare
    participle ("was ambushed and burned") is the passive's second verb, not this case."""
    return verb.dep_ == "conj" and any(c.dep_ == "aux" for c in verb.children) and not _passive(verb)


def _involved(verb: Token, lex: Lexicon) -> bool:
    """A passive of taking part in something: "has been involved in Syria's war", "was engaged in fighting"
    (``cues.involvement_verbs`` with an "in" phrase; "the drones were engaged and destroyed" is no such)."""
    return verb.lemma_.lower() in lex.cue("involvement_verbs") and any(
        c.dep_ == "prep" and c.lower_ == "in" for c in verb.children)


def _passive_doer(verb: Token, lex: Lexicon, hops: int) -> Token | None:
    """The subject of a passive that does what its clause tells: subject control ("Secretary Austin was
    honored to host", "ISIS ... was forced to resort to attacks") and a passive of taking part ("Iran has
    been involved in Syria's war, advising pro-government elements": Iran advises; ``cues.involvement_verbs``).
    A coordinated passive with no subject of its own shares its first conjunct's ("ISIS was unable to control
    territory and was forced to ...")."""
    subject = next((c for c in verb.children if c.dep_ in _PASSIVE_SUBJECTS), None)
    if subject is None and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and hops <= 3:
        head = verb.head
        subject = next((c for c in head.children if c.dep_ in _SUBJECTS or c.dep_ in _PASSIVE_SUBJECTS), None)
    return subject


def participant(noun: Token, lex: Lexicon) -> Token | None:
    """Who takes part in the act an event noun names as the object of a verb of taking part
    (``cues.pursuit_verbs``): "ISIS was forced to resort to periodic attacks", "the group engaged in attacks",
    "HAAA was involved in the IRI's drone attack" (a party beside the attack's own agent)."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.head.pos_ != "VERB":
        return None
    verb = prep.head
    if f"{verb.lemma_.lower()} {prep.lower_}" not in lex.cue("pursuit_verbs"):
        return None
    if next(c for c in verb.children if c.dep_ == "prep" and c.lower_ == prep.lower_).i != prep.i:
        return None  # "engaged in the battle ... in support of the army": the verb's own object is the first
    return _verb_agent(verb, lex, hops=0)


def _misread_subject(verb: Token) -> Token | None:
    """A name the tagger read as an adverb in the subject's place: "In Iraq, USAID funded 11 awards" (an
    acronym tagged RB): an organisation, state or person entity right before a finite verb with no subject."""
    if verb.tag_ not in ("VBD", "VBZ", "VBP", "VBN") or verb.i == 0:
        return None
    before = verb.doc[verb.i - 1]
    if before.head.i == verb.i and before.dep_ in ("advmod", "npadvmod") and before.ent_type_ in (
            "ORG", "GPE", "NORP", "PERSON"):
        return before
    return None


def _attack_noun(tok: Token, lex: Lexicon) -> bool:
    rule = lex.nouns.get(tok.lemma_.lower())
    return rule is not None and rule.type == "ASSAULT"


def _attack_subject(verb: Token, lex: Lexicon) -> Token | None:
    """The agent of an attack noun that is a subject of ``verb`` and names its own agent ("a drone strike
    carried out by X targeted Y": X), even where the parser made a second subject of noise before it."""
    for child in verb.children:
        if child.dep_ in _SUBJECTS and _attack_noun(child, lex):
            found = _noun_agent(child, lex)
            if found is not None:
                return found
    return None


def _fronted_subject(verb: Token, subject: Token) -> Token:
    """The real subject when the parser glued a fronted adverbial onto it.

    "after the request for mediation by the Iraqi prime minister, the commander
    of the IRGC's Quds Force traveled": the parser makes "request" the subject
    and "the commander ..." an apposition of "minister". A subject that opens
    right after a subordinator of its own verb ("after", "before", ...) and
    holds an apposition set off by a comma and running up to the verb is such a
    misparse: the apposition is the subject. A true apposition closes with a
    comma before the verb ("After Qaani, the commander, arrived ...")."""
    opens_adverbial = any(c.dep_ == "mark" and c.lower_ in _FRONTING_MARKS and c.i == subject.left_edge.i - 1
                          for c in verb.children)
    if not opens_adverbial:
        return subject
    doc = verb.doc
    for tok in subject.subtree:
        if tok.dep_ == "appos" and tok.left_edge.i > 0 and doc[tok.left_edge.i - 1].text == "," \
                and tok.right_edge.i == verb.i - 1:
            return tok
    return subject


def setting_subject(noun: Token, lex: Lexicon) -> Token | None:
    """Who takes part in an event noun that is the setting of a clause: its host verb's subject.

    "during a recent meeting with resistance commanders in Baghdad, Qaani
    presented ...": Qaani was at the meeting. Only for a noun under "during",
    "at" or "in" hung on a verb; the coder asks only for meetings and talks,
    where being there is taking part (not "during the attack, soldiers fled")."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in _SETTING_PREPS:
        return None
    host = prep.head
    return _verb_agent(host, lex, hops=0) if host.pos_ == "VERB" else None


def _relative_antecedent(subject: Token) -> Token:
    """"which"/"who" as subject of a relative clause stands for the noun the clause modifies."""
    if subject.lower_ in ("which", "who", "that") and subject.head.dep_ == "relcl":
        return subject.head.head
    return subject


def _noun_agent(noun: Token, lex: Lexicon, victim_possessor: bool = False) -> Token | None:
    for child in noun.children:
        if child.dep_ == "poss" and child.pos_ in _POSSESSORS and not victim_possessor:
            return child
        if child.dep_ == "prep" and child.lower_ == "between":  # "a ceasefire between X and Y": X
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None and pobj.ent_type_ not in ("GPE", "LOC", "FAC", "DATE"):
                return pobj
    for child in noun.children:  # "a drone strike carried out by the IRI", "attacks conducted by X": before a
        if child.dep_ == "acl" and _is_light(child, lex):  # name on the noun ("a Shahed 136 drone strike")
            by = next((c for c in child.children if c.dep_ == "agent"), None)
            pobj = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
            if pobj is not None:
                return pobj
    for child in noun.children:
        if child.dep_ in ("compound", "amod", "nmod") and _names_party(child) and not _countered(child):
            return child  # "IAMG attacks"
    for child in (c for c in noun.children if c.dep_ == "compound"):  # "the KH drone attack": through "drone"
        for grand in child.children:
            if grand.dep_ in ("compound", "amod", "nmod") and _names_party(grand) and not _countered(grand):
                return grand
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB" and _is_light(head, lex):
        return _verb_agent(head, lex, hops=0)
    if (noun.dep_ == "dobj" and head.dep_ == "conj" and head.head.pos_ == "VERB" and _is_light(head.head, lex)
            and not any(c.dep_ == "dobj" for c in head.head.children)):  # "has planned and supported attacks"
        return _verb_agent(head, lex, hops=0)
    if noun.dep_ == "nsubjpass" and head.lemma_.lower() in lex.cue("attribution_verbs"):
        found = _prep_object(head, ("to", "on"))  # "these attacks were largely attributed to KH and HAN"
        if found is not None:
            return found
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.lemma_.lower() in lex.cue("claim_nouns"):
        claim = head.head.head  # "claimed responsibility for the attack"
        if claim.pos_ == "VERB":
            return _verb_agent(claim, lex, hops=0)
    return None


def countered(modifier: Token) -> bool:
    """Whether a modifier names the target after "counter-"/"anti-" (``_countered``)."""
    return _countered(modifier)


def _countered(modifier: Token) -> bool:
    """"counter-ISIS operations", "anti-U.S. attacks": the party after "counter-"/"anti-" is the target,
    never the agent."""
    doc = modifier.doc
    i = modifier.i
    if i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in _AGAINST_PREFIXES:
        return True
    return any(modifier.lower_.startswith(f"{p}-") for p in _AGAINST_PREFIXES)


def _names_party(modifier: Token) -> bool:
    """Whether a modifier of an event noun names a party: an NER organisation, nationality, state or person,
    or a name the actor ruler found ("IAMG attacks")."""
    return modifier.ent_type_ in ("ORG", "NORP", "GPE", "PERSON") or _span_at(modifier) is not None


def _is_light(verb: Token, lex: Lexicon) -> bool:
    lemma = verb.lemma_.lower()
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    return lemma in lex.light_verbs or (particle is not None and f"{lemma} {particle}" in lex.light_verbs)


def recipient(trigger: Token, rule: TriggerRule, lex: Lexicon) -> Token | None:
    """The head token of the trigger's recipient (target, partner) noun phrase."""
    if _is_verb(trigger):
        passive = _passive(trigger)
        for child in trigger.children:
            if (passive and child.dep_ in _PASSIVE_SUBJECTS) or (not passive and child.dep_ in ("dobj", "dative")):
                return _relative_antecedent(child)
        if passive and trigger.dep_ == "conj" and _passive(trigger.head):  # "are backed and supported by Iran"
            shared = next((c for c in trigger.head.children if c.dep_ in _PASSIVE_SUBJECTS), None)
            if shared is not None:
                return _relative_antecedent(shared)
        preps = _TARGET_PREPS | (_PARTNER_PREPS if rule.type in _PARTNERED else frozenset())
    else:
        preps = _TARGET_PREPS | (_PARTNER_PREPS if rule.type in _PARTNERED else frozenset())
        between = _between_second(trigger)
        if between is not None:
            return between
        if _possessor_is_victim(rule):
            poss = next((c for c in trigger.children if c.dep_ == "poss" and c.pos_ in _POSSESSORS), None)
            if poss is not None:
                return poss
        host = _backing_host(trigger) if rule.type in ("AID", "SUPPORT") else None
        if host is not None:  # "militias acting with the support of Iran": the militias are backed
            return _verb_agent(host, lex, hops=0)
        enabled = _enabled(trigger) if rule.type in ("AID", "SUPPORT") else None
        if enabled is not None:  # "support that enables these militias to plan attacks": the militias
            return enabled
        if _possessor_is_victim(rule) or rule.type in ("ACCUSE", "SANCTION", "SUPPORT"):
            preps = preps | {"of", "for"}
        if rule.casualty is not None:  # "injuries to dozens of U.S. servicemembers", "deaths among the troops"
            preps = preps | {"to", "among"}
        for child in (c for h in {trigger.i: trigger, _container(trigger).i: _container(trigger)}.values()
                      for c in h.children):  # "a surge of attacks ... that primarily targeted X"
            if child.dep_ in ("acl", "relcl") and child.lemma_.lower() in ("target", "hit", "strike"):
                obj = next((g for g in child.children if g.dep_ == "dobj"), None)
                if obj is not None:
                    return obj
            if child.dep_ == "acl" and child.lemma_.lower() in _AIMING:  # "attacks directed at U.S. bases"
                obj = _prep_object(child, tuple(_TARGET_PREPS))
                if obj is not None and obj.ent_type_ not in _WHEN_ENTS:
                    return obj
    if rule.type in _GIVEN:  # "a message to the militias", "a warning to Iran", "support to the militias"
        preps = preps | {"to"}
    holders = [trigger]
    if rule.type in _GIVEN and not _is_verb(trigger) and _sent(trigger):
        holders.append(trigger.head)  # "sent a clear message to X": the "to" phrase hangs on the verb
    if not _is_verb(trigger):
        holder = _container(trigger)
        if holder is not trigger:  # "a series of airstrikes against X"
            holders.append(holder)
        if holder.dep_ in ("dobj", "nsubjpass") and _is_light(holder.head, lex):
            holders.append(holder.head)  # "attacks have been carried out against the Israeli regime"
    for holder in holders:
        for child in holder.children:
            if child.dep_ in ("prep", "dative") and child.lower_ in preps:
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is not None and pobj.ent_type_ not in _WHEN_ENTS:  # "on 6 January 2021" is a date
                    return pobj
    if rule.type in ("AID", "SUPPORT") and not _is_verb(trigger):
        return _beneficiary(trigger, lex)
    return _modified_patient(trigger, lex)


def _beneficiary(noun: Token, lex: Lexicon) -> Token | None:
    """"they continued to rely on the Coalition for ISR support", "received U.S. support", "repelled the
    attack, but only with Coalition air support": who relies on, receives or acts with the support gets it
    (the subject of that verb). Not a giver's verb ("provided support": the subject gives it), and not a
    pronoun subject ("they continued to rely on ...": the nearest party before it is too often the enemy
    the partners fought, "operations against ISIS")."""
    tok, through_with = noun, False
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        through_with = through_with or (tok.dep_ == "prep" and tok.lower_ == "with")
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX") or not (through_with or tok.lemma_.lower() in _RECEIVING):
        return None
    subject = _verb_agent(tok, lex, hops=0)
    return subject if subject is not None and subject.pos_ != "PRON" else None


def _enabled(noun: Token) -> Token | None:
    """"provides support that enables these militias to ...", "aid which allows the forces to ...": the
    object of a relative clause of enabling on the support noun is who gets it."""
    for clause in (c for c in noun.children if c.dep_ == "relcl" and c.lemma_.lower() in _ENABLING):
        obj = next((g for g in clause.children if g.dep_ == "dobj"), None)
        if obj is not None:
            return obj
    return None


def _modified_patient(trigger: Token, lex: Lexicon) -> Token | None:
    """"the facilities targeted in the strikes", "the IRGC positions hit on Friday": a past participle
    modifying a site or a named party (a reduced passive relative) acts on that noun. Not a weapon
    ("rockets launched from Syria": what was fired), and not an unnamed person ("the contractor killed in
    this attack" is told by the attack's own victims)."""
    if not _is_verb(trigger) or trigger.tag_ != "VBN" or trigger.dep_ != "acl":
        return None
    noun = trigger.head
    if noun.pos_ not in ("NOUN", "PROPN") or weapon_of(noun, lex) is not None:
        return None
    named = any(_span_at(t) is not None for t in noun.doc[noun.left_edge.i:noun.i + 1])
    return noun if named or is_site(noun, lex) else None


def phrasal_object(trigger: Token, lex: Lexicon) -> Token | None:
    """The object of a verb trigger whose lemma takes its preposition ("objected to X", "partner with X",
    "called on X"): the preposition's object, which the parser hangs as a prepositional phrase."""
    if not _is_verb(trigger):
        return None
    for child in trigger.children:
        if child.dep_ == "prep" and f"{trigger.lemma_.lower()} {child.lower_}" in lex.verbs:
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def answered(trigger: Token, rule: TriggerRule, lex: Lexicon) -> list[Token]:
    """What a response is to: the object of "denied allegations by X", "welcomed the Prime Minister's
    condemnation ... as well as the government's pledge", "objected to a visit by X" (each coordinated
    noun of it), for the coder to find whose act it was (``act_agent``)."""
    obj = recipient(trigger, rule, lex) or phrasal_object(trigger, lex)
    return [] if obj is None else [t for t in conjuncts(obj) if t.pos_ == "NOUN"]


def act_agent(noun: Token, lex: Lexicon) -> Token | None:
    """Whose act or words a noun names: its possessor, its "by"/"from" phrase or a party compounded on it
    ("allegations by some Iraqi politicians", "the government's pledge", "a visit by a U.S. delegation"); a
    state in the "by" phrase is the one who asked or said ("a request by the United States")."""
    return _prep_object(noun, ("by",)) or _noun_agent(noun, lex)


def alleged_subject(trigger: Token) -> Token | None:
    """Whom an allegation's that-clause is about: "allegations ... that they have ties to the group",
    "alleged that Iran supplied the drones": the clause's subject (not an expletive "there")."""
    for clause in (c for c in trigger.children if c.dep_ in ("acl", "ccomp")):
        if any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children):
            return next((c for c in clause.children if c.dep_ == "nsubj"), None)
    return None


def noun_controller(verb: Token) -> Token | None:
    """Whose stance or decision a verb complements: "America's commitment to supporting Ukraine", "the
    government's decision to expel the troops": the noun's possessor does the act (None when it has none)."""
    noun = verb.head
    if verb.dep_ == "pcomp" and noun.dep_ == "prep":
        noun = noun.head
    elif verb.dep_ != "acl" or not any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children):
        return None
    if noun.pos_ != "NOUN":
        return None
    return next((c for c in noun.children if c.dep_ == "poss"), None)


def subject_of_next_verb(noun: Token, lex: Lexicon) -> bool:
    """A conjunct the parser hung on an object that is the subject of the next coordinated verb: "the IRI
    supported Hamas and the United States supported Israel" ("the United States" supported, was not
    supported). The verb right after it is a conjunct verb with no subject of its own."""
    if noun.dep_ != "conj" or noun.right_edge.i + 1 >= len(noun.doc):
        return False
    verb = noun.doc[noun.right_edge.i + 1]
    if verb.pos_ != "VERB" or verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return False
    if verb.dep_ == "ccomp" and noun.head.dep_ == "nsubj" and noun.head.head.i == verb.i:
        return _lost_object(verb.head, lex) is not None  # "supported [Hamas and the United States supported Israel]"
    return verb.dep_ == "conj" and not any(c.dep_ in _SUBJECTS or c.dep_ in _PASSIVE_SUBJECTS for c in verb.children)


def _lost_object(verb: Token, lex: Lexicon) -> Token | None:
    """The object of a transitive verb that the parser made the subject of a complement clause right after
    it ("the IRI supported [Hamas and the United States supported Israel]"): that subject, when the verb is
    a trigger that takes a party as object (not one that takes words: "said", "denied", "demanded"), has
    no object, and the clause no "that"."""
    rule = lex.verbs.get(verb.lemma_.lower())
    if (verb.pos_ != "VERB" or rule is None or rule.type in _SAYING_TYPES
            or any(c.dep_ == "dobj" for c in verb.children)):
        return None
    for comp in (c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i):
        subject = next((c for c in comp.children if c.dep_ == "nsubj"), None)
        if (subject is not None and subject.left_edge.i == verb.i + 1 and not any(c.dep_ == "mark" for c in comp.children)
                and any(c.dep_ == "conj" for c in subject.children)):
            return subject
    return None


def lost_object(verb: Token, lex: Lexicon) -> Token | None:
    """``_lost_object`` for the coder: the object the parser hung as the next clause's subject."""
    return _lost_object(verb, lex)


def stolen_subject(verb: Token, lex: Lexicon) -> Token | None:
    """The subject of a coordinated verb that the parser took for an object conjunct of the verb before it
    (``subject_of_next_verb``): "... and the United States supported Israel"."""
    if verb.dep_ not in ("conj", "ccomp") or verb.i == 0:
        return None
    before = verb.doc[verb.i - 1]
    while before.dep_ not in ("conj", "ROOT") and before.head.i > before.i:
        before = before.head  # from "the"/"United" up to "States"
    return before if subject_of_next_verb(before, lex) and before.right_edge.i == verb.i - 1 else None


def asked_party(trigger: Token) -> Token | None:
    """Who is asked to act: the subject of the act a request or expectation puts ("we expect Iran to take
    measures", "its desire for coalition troops to begin withdrawing", "demanded that the government
    resign"), a to-infinitive or that-clause of the verb, or of the noun ("desire for X to ...")."""
    deps = ("ccomp", "xcomp") if _is_verb(trigger) else ("acl",)
    for act in (c for c in trigger.children if c.dep_ in deps):
        marked = any((m.dep_ == "aux" and m.tag_ == "TO") or (m.dep_ == "mark" and m.lower_ in ("that", "for"))
                     for m in act.children)
        subject = next((c for c in act.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if marked and subject is not None:
            return subject
    duty = _prep_object(trigger, ("of",)) if not _is_verb(trigger) else None
    if duty is not None and noun_controller_of(duty) is not None:  # "the importance of Iraq's responsibility
        return noun_controller_of(duty)  # to protect the advisors": Iraq
    return None


def noun_controller_of(noun: Token) -> Token | None:
    """The possessor of a noun that a to-infinitive complements ("Iraq's responsibility to protect")."""
    if not any(c.dep_ == "acl" and any(g.dep_ == "aux" and g.tag_ == "TO" for g in c.children)
               for c in noun.children):
        return None
    return next((c for c in noun.children if c.dep_ == "poss"), None)


def contact_partner(trigger: Token, lex: Lexicon) -> Token | None:
    """Whom a contact was made with, for the act that is its purpose: "reached out to Prime Minister X to
    discuss the incident", "called X to urge ...", "met with X to pledge support": X.

    Only a verb in a "to" purpose clause (or coordinated with one) of a contact verb (``cues.contact_verbs``);
    the partner is the contact verb's object, else its "to"/"with" phrase."""
    verb = trigger
    while verb.dep_ == "conj" and verb.head.pos_ == "VERB":
        verb = verb.head  # "to discuss the incident and to pledge our support"
    if not _is_verb(trigger) or verb.dep_ not in ("advcl", "xcomp") or not any(
            c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children):
        return None
    contact = verb.head
    if contact.pos_ != "VERB" or contact.lemma_.lower() not in lex.cue("contact_verbs"):
        return None
    obj = next((c for c in contact.children if c.dep_ == "dobj"), None)
    return obj if obj is not None else _prep_object(contact, ("to", "with"))
def opposed_party(noun: Token) -> Token | None:
    """The party an "anti-"/"counter-" modifier names on an event noun: its target, not its agent.

    "counter-U.S. operations", "anti-American attacks", "anti-Israel strikes": the
    tokenizer splits "anti-American" into "anti", "-", "American", all modifiers of the
    noun; the word after the prefix and its hyphen is the party. "counter-terrorism
    operations" names a kind of act, not a party: the coder resolves only known names."""
    doc = noun.doc
    for child in noun.children:
        if child.i >= noun.i or child.dep_ not in ("amod", "compound", "nmod"):
            continue
        if child.i >= 2 and doc[child.i - 1].text == "-" and doc[child.i - 2].lower_ in _OPPOSING_PREFIXES:
            return child
        prefix, _, rest = child.lower_.partition("-")
        if rest and prefix in _OPPOSING_PREFIXES:  # one token: "anti-American"
            return child
    return None


def included(head: Token) -> list[Token]:
    """"injured six more, including an American soldier": the heads named after "including", hung on the
    victims or on the verb that takes them, with their conjuncts."""
    holders = [head, head.head] if head.dep_ in ("dobj", "nsubjpass") else [head]
    return [c for holder in holders for prep in holder.children if prep.dep_ == "prep" and prep.lower_ == "including"
            for obj in prep.children if obj.dep_ == "pobj" for c in conjuncts(obj)]


def members_owner(head: Token) -> Token:
    """"several members of the Coalition", "members of the security forces": the body the members belong to
    (the party hit); any other head is returned as it is."""
    if head.lemma_.lower() != "member":
        return head
    return _prep_object(head, ("of",)) or head


def is_site(head: Token, lex: Lexicon) -> bool:
    """Whether a recipient head names a place or a thing rather than a party: "the base", "one facility",
    "infrastructure", "85 targets", "residential houses", a named site or town ("Al-Asad Airbase", "Beirut")."""
    return (head.lemma_.lower() in lex.place_nouns or head.lemma_.lower() in _SITE_NOUNS
            or head.ent_type_ in ("GPE", "LOC", "FAC"))


def site_users(head: Token) -> list[Token]:
    """Who uses, holds or owns a struck site: the party the attack is aimed at.

    "facilities used by groups affiliated with X", "infrastructure utilized by
    Iranian-backed militant groups", "one facility in eastern Syria, affiliated
    with the IRGC and related groups", "his Baghdad residence" (the possessor).
    Searched under the site noun (participles, relative clauses, appositions),
    at most three arcs down, so another clause's party is not taken."""
    found: list[Token] = [c for c in head.children if c.dep_ == "poss"]
    governor = head.head
    while governor.pos_ not in ("VERB", "AUX") and governor.head.i != governor.i:
        governor = governor.head
    for child in governor.children:  # "... against one facility in eastern Syria, affiliated with X": misparsed
        if (child.dep_ == "advcl" and child.i > head.i and child.lemma_.lower() in _SITE_USE
                and child.doc[child.i - 1].text == ","):
            found.extend(_user_of(child))
    found.extend(u for clause in _stranded_use(head) for u in _user_of(clause))
    frontier = [head]
    for _ in range(3):
        nxt = []
        for tok in frontier:
            for child in tok.children:
                if child.lemma_.lower() in _SITE_USE and child.pos_ in ("VERB", "ADJ"):
                    found.extend(_user_of(child))
                elif child.dep_ in ("acl", "relcl", "appos", "amod", "prep", "pobj", "conj"):
                    nxt.append(child)
        frontier = nxt
    return found


def _stranded_use(site: Token) -> list[Token]:
    """"airstrikes on 85 targets in Iraq that have been used by X": a relative clause of use that the parser
    hung on the noun whose preposition takes the site (strikes are not "used by" anyone; the targets are)."""
    if site.dep_ != "pobj" or site.head.dep_ != "prep":
        return []
    return [c for c in site.head.head.children if c.dep_ == "relcl" and c.i > site.i
            and c.lemma_.lower() in _SITE_USE and c.pos_ == "VERB"]


def _user_of(participle: Token) -> list[Token]:
    """"used by X", "affiliated with X", "belonging to X": X (also through a passive auxiliary chain)."""
    out = []
    for tok in participle.subtree:
        if tok.dep_ == "pobj" and tok.head.lower_ in _USER_PREPS and tok.head.head.i in (
                participle.i, *(c.i for c in participle.children if c.pos_ in ("VERB", "AUX"))):
            out.append(tok)
    return out[:1]


def prep_object(head: Token, preps: tuple[str, ...]) -> Token | None:
    """The object of the first of ``head``'s prepositions that is one of ``preps``."""
    return _prep_object(head, preps)


def _prep_object(head: Token, preps: tuple[str, ...]) -> Token | None:
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return None


def prep_object(head: Token, preps: tuple[str, ...]) -> Token | None:
    """The object of the first of ``head``'s prepositional phrases opened by one of ``preps`` ("to Iran")."""
    return _prep_object(head, preps)


def displaced_target(noun: Token) -> Token | None:
    """An "against" phrase the parser hung lower in the noun's own phrase.

    "the attacks by the groups affiliated to X against the positions of Y":
    the parser attaches "against" to "affiliated"; it still names the attacks'
    target. Only "against" (never "on" or "at") and only through "by"/"of"
    phrases and participles, so another event's target is not taken. So too
    "targeting X" on the attackers ("attacks by Iran-backed groups targeting
    U.S. forces"): the groups target X in the attacks."""
    frontier = [noun]
    for _ in range(3):
        nxt = []
        for tok in frontier:
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ == "against":
                    pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                    if pobj is not None:
                        return pobj
                if tok.i != noun.i and child.dep_ == "acl" and child.lemma_.lower() == "target":
                    obj = next((g for g in child.children if g.dep_ == "dobj"), None)
                    if obj is not None:  # "attacks by Iran-backed groups targeting U.S. forces"
                        return obj
                if (child.dep_ == "prep" and child.lower_ in ("by", "of")) or child.dep_ in ("pobj", "acl"):
                    nxt.append(child)
        frontier = nxt
    return None


def weapon_target(obj: Token, lex: Lexicon) -> Token | None:
    """"launched rocket, drone and mortar attacks on military bases": the target of the fired things; "fired
    rockets at the base": the target phrase of the verb that fires them."""
    for head in conjuncts(obj):
        found = _prep_object(head, tuple(_TARGET_PREPS))
        if found is not None:
            return found
    if obj.dep_ == "dobj" and obj.head.pos_ == "VERB":
        return _aimed_at(obj.head)
    return None


def _aimed_at(verb: Token) -> Token | None:
    """The object of the verb's first target phrase that is no time: "At 4 p.m., the group launched drones at
    the base" aims at the base, not at the hour."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in _TARGET_PREPS:
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None and pobj.ent_type_ not in _WHEN_ENTS:
                return pobj
    return None


def _between_second(noun: Token) -> Token | None:
    """"a ceasefire between the armed factions and the Americans": the second party is the recipient."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "between":
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return next((g for g in pobj.children if g.dep_ == "conj"), None)
    return None


def noun_phrase(head: Token) -> list[Token]:
    """The tokens of the noun phrase headed by ``head``, without relative clauses or locative phrases.

    "of" phrases stay ("the positions of American occupiers"); conjuncts go
    (``conjuncts`` lists them: "Kataib Hezbollah and affiliated groups")."""
    keep = [head]
    for child in head.children:
        if child.dep_ in _NP_CUT and not (child.dep_ == "prep" and child.lower_ in ("of", "like")):
            continue
        keep.extend(noun_phrase(child) if child.dep_ != "prep" else _prep_phrase(child))
    return sorted(keep, key=lambda t: t.i)


def _prep_phrase(prep: Token) -> list[Token]:
    out = [prep]
    for child in prep.children:
        if child.dep_ == "pobj":
            out.extend(noun_phrase(child))
    return out


def conjuncts(head: Token) -> list[Token]:
    """``head`` and the noun heads coordinated with it ("the U.S., Israel, and their allies").

    Not under "between": "a ceasefire between X and Y" has two sides, not two co-actors. A list of
    actor names counts even where the parse breaks it (``listed_names``)."""
    if head.dep_ == "pobj" and head.head.lower_ == "between":
        return [head]
    out = [head]
    for child in head.children:
        if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN", "PRON") and not _shares_owner(head, child):
            out.extend(conjuncts(child))
    listed = listed_names(head)
    if listed and listed[0] is not head and _span_at(head) is not None and _span_at(head).end == _span_at(
            listed[0]).start:
        out.remove(head)  # "IAMGs Harakat al-Nujaba, ...": the label gives way to the names it introduces
    out.extend(t for t in listed if all(t.i != o.i for o in out))
    return out


_LIST_GLUE = frozenset({",", "and", "or", "&", "(", ")"})


def _shares_owner(head: Token, conj: Token) -> bool:
    """"U.S. military bases and personnel": a bare force or site noun coordinated with one that names its
    owner belongs to the same owner, so it is no party of its own (it adds "personnel" as a second party)."""
    if conj.lemma_.lower() not in _OWNED_NOUNS or any(c.dep_ not in ("cc", "punct", "prep") for c in conj.children):
        return False
    return any(c.dep_ in ("compound", "amod", "nmod", "poss") and (c.ent_type_ in ("GPE", "NORP", "ORG")
                                                                   or _span_at(c) is not None)
               for c in head.subtree if c.i < head.i)


def _span_at(tok: Token):
    spans = tok.doc.spans["lull_actors"] if "lull_actors" in tok.doc.spans else ()
    return next((s for s in spans if s.start <= tok.i < s.end), None)


def listed_names(head: Token) -> list[Token]:
    """The last tokens of the actor names listed after the one holding ``head``, by the text, not the parse.

    Names of armed groups break the tagger ("designating Kata’ib Sayyid al-Shuhada, Harakat Ansar Allah
    al-Awfiya, and Kata’ib al-Imam Ali" comes out as punctuation and persons), so a run of actor spans
    (``doc.spans["lull_actors"]``) joined only by commas, "and", "or" and brackets is one list. A name
    right after another with nothing between ("IAMGs Harakat al-Nujaba", "the militia group Kata'ib
    Hezbollah") names what the first one describes and starts the list."""
    doc = head.doc
    spans = sorted(doc.spans["lull_actors"], key=lambda s: s.start) if "lull_actors" in doc.spans else []
    current = next((s for s in spans if s.start <= head.i < s.end), None)
    if current is None:
        return []
    out: list[Token] = []
    for nxt in (s for s in spans if s.start >= current.end):  # a full stop in a gap ends it, not the parser's
        # sentence boundary (a broken parse splits such lists)
        gap = doc[current.end:nxt.start]
        adjacent = len(gap) == 0
        if not adjacent and not (all(t.text in _LIST_GLUE for t in gap) and any(t.text in (",", "and", "or", "&")
                                                                                for t in gap)):
            if all(t.text in _LIST_GLUE for t in gap):  # "(KSS)": an acronym in brackets repeats the name
                current = nxt
                continue
            break
        if adjacent and out:
            break  # two names glued inside the list: not this case
        out.append(nxt[-1])
        current = nxt
    return out


def clause_weapon(clause: Clause, lex: Lexicon) -> str | None:
    """The first weapon word of the clause, the winning trigger's own compound first ("drone strike")."""
    winner = clause.winner.token
    for tok in (winner, *(c for c in winner.children if c.dep_ in ("compound", "amod", "dobj"))):
        found = weapon_of(tok, lex)
        if found is not None:
            return found
    for trig in clause.triggers:
        found = weapon_of(trig.token, lex)
        if found is not None:
            return found
    for tok in clause.tokens:
        if tok.pos_ in ("NOUN", "PROPN", "ADJ"):
            found = weapon_of(tok, lex)
            if found is not None:
                return found
    return None


def casualties(clause: Clause, lex: Lexicon) -> tuple[int | None, int | None]:
    """(fatalities, injuries) stated by the clause's casualty triggers, most conservative reading.

    The victims are the object (or passive subject) of "kill"/"wound", or the
    "of"/"to" phrase of "killing"/"injuries"; conjoined victims add up ("one
    civilian and two soldiers" -> 3); a named person counts one; a plural with
    no number counts nothing (None). A count shared by a killed-and-wounded
    coordination ("killing and wounding dozens") is left None for both."""
    counts: dict[str, int | None] = {}
    for trig in clause.triggers:
        kind = _casualty(trig)
        if kind is None:
            continue
        victims = _victims(trig.token)
        if victims is None or _shared_with_other_casualty(trig.token, lex):
            counts.setdefault(kind, None)
            continue
        value = _count(victims, lex)
        if value is not None:
            counts[kind] = (counts.get(kind) or 0) + value
        else:
            counts.setdefault(kind, None)
    return counts.get("fatalities"), counts.get("injuries")


def _casualty(trig: Trigger) -> str | None:
    """What a trigger's patient suffered: its rule's casualty, or death for an assassination told as a verb
    ("Gunmen assassinated the journalist"; the noun may be an attempt: "an assassination attempt")."""
    if trig.rule.casualty is None and trig.rule.mode == "targeted" and trig.token.pos_ == "VERB":
        return "fatalities"
    return trig.rule.casualty


def named_victim(clause: Clause) -> bool:
    """Whether a killing in the clause names its victim as a person ("Ismail Haniyeh was killed", "the killing
    of ISIS leader Abu Ibrahim al-Qurayshi"): the killing of a named person is a targeted one."""
    for trig in clause.triggers:
        victim = _victims(trig.token) if _casualty(trig) == "fatalities" else None
        if victim is not None and any(_names_person(t, victim) for t in victim.subtree):
            return True
    return False


def _names_person(tok: Token, victim: Token) -> bool:
    """``tok`` is a person's name that is the victim, or its apposition ("ISIS leaders Abu ...")."""
    if tok.ent_type_ != "PERSON":
        return False
    while tok.i != victim.i:
        if tok.dep_ not in ("compound", "appos", "flat", "conj"):
            return False
        tok = tok.head
    return True


def subject_victims(noun: Token, lex: Lexicon) -> Token | None:
    """Who the attack noun, as a subject, hurt: the object of its casualty verb ("a deadly drone attack near
    the base killed a U.S. contractor", also where the parser split the verb into a clause of its own) or of
    a verb of damage (``cues.impact_verbs``: "the strikes destroyed facilities used by X"), or the
    victims of the harm it had as an outcome (``cues.outcome_verbs``/``outcome_nouns``): "resulted in injuries
    to dozens of U.S. servicemembers", "caused deaths among civilians", "resulted in one Iraqi soldier ...
    being injured"."""
    survivor = _survivor(noun)
    if survivor is not None:
        return survivor
    verb = noun.head if noun.dep_ == "nsubj" else _split_predicate(noun) or _relative_predicate(noun)
    if verb is None or verb.pos_ != "VERB":
        return None
    rule = lex.verbs.get(verb.lemma_.lower())
    if (rule is not None and rule.casualty is not None) or verb.lemma_.lower() in lex.cue("impact_verbs"):
        return next((c for c in verb.children if c.dep_ == "dobj"), None)  # "... destroyed facilities used by X"
    if verb.lemma_.lower() not in lex.cue("outcome_verbs"):
        return None
    outcomes = [c for c in verb.children if c.dep_ == "dobj"] + [
        g for c in verb.children if c.dep_ == "prep" and c.lower_ == "in" for g in c.children if g.dep_ == "pobj"]
    for outcome in outcomes:
        if any(c.dep_ in ("acl", "relcl") and (r := lex.verbs.get(c.lemma_.lower())) is not None and r.casualty
               for c in outcome.children):
            return outcome  # "resulted in one Iraqi soldier ... being injured"
        if outcome.lemma_.lower() in lex.cue("outcome_nouns"):  # "to" hung on the noun or, misparsed, the verb
            return _prep_object(outcome, ("to", "among", "of")) or _prep_object(verb, ("to", "among")) or next(
                (g for c in verb.children if c.dep_ == "dative" and c.lower_ == "to"  # "caused injuries to X"
                 for g in c.children if g.dep_ == "pobj"), None)
    return None


def _survivor(noun: Token) -> Token | None:
    """"the Prime Minister survived an assassination attempt", "the convoy escaped an ambush": the subject of
    a verb of surviving whose object is the attack (or the "attempt" it names) was its target."""
    obj = noun.head if noun.dep_ == "compound" else noun
    if obj.dep_ != "dobj" or obj.head.lemma_.lower() not in _SURVIVING:
        return None
    return next((c for c in obj.head.children if c.dep_ == "nsubj"), None)


def _relative_predicate(noun: Token) -> Token | None:
    """"conducted multiple attacks that resulted in the deaths of ...", "a strike which killed two fighters":
    the verb of a relative clause whose subject is the relative pronoun standing for the attack noun, also
    where the parser hung the clause on the attack's place ("attacks in the region that resulted in ...";
    the caller keeps only verbs of harm and outcome). Restrictive clauses only: ", which killed two civilians"
    is a statement of its own about the attack (its casualty verb is a mention of its own), not part of,
    say, the attack a group claimed."""
    holders = [noun, *(g for c in noun.children if c.dep_ == "prep" and c.lower_ in ("in", "near", "at", "on")
                       for g in c.children if g.dep_ == "pobj")]
    return next((c for h in holders for c in h.children if c.dep_ == "relcl" and c.pos_ == "VERB" and any(
        g.dep_ == "nsubj" and g.lower_ in ("that", "which") and g.doc[g.i - 1].text != "," for g in c.children)), None)


def _split_predicate(noun: Token) -> Token | None:
    """"... after a deadly drone attack near the base killed a U.S. contractor": the parser reads the attack
    as the object of "after" and "killed" as a subjectless clause of the main verb; the verb that opens right
    after the attack's phrase is the attack's own predicate."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in _FRONTING_MARKS or prep.head.pos_ not in ("VERB", "AUX"):
        return None
    return next((c for c in prep.head.children if c.dep_ in ("advcl", "conj") and c.pos_ == "VERB"
                 and c.left_edge.i == noun.right_edge.i + 1 and not any(g.dep_ in _SUBJECTS for g in c.children)),
                None)


def _split_subject(verb: Token) -> Token | None:
    """The event noun the parser cut off as the object of "after" whose predicate ``verb`` is (``_split_predicate``)."""
    for prep in (c for c in verb.head.children if c.dep_ == "prep" and c.lower_ in _FRONTING_MARKS):
        for noun in (g for g in prep.children if g.dep_ == "pobj"):
            found = _split_predicate(noun)
            if found is not None and found.i == verb.i:
                return noun
    return None


def _victims(trigger: Token) -> Token | None:
    if trigger.pos_ == "VERB":
        passive = any(c.dep_ in _PASSIVE_SUBJECTS or c.dep_ == "auxpass" for c in trigger.children)
        wanted = _PASSIVE_SUBJECTS if passive else ("dobj",)
        found = next((c for c in trigger.children if c.dep_ in wanted), None)
        if found is None and trigger.dep_ == "conj":  # "killing and wounding dozens": object on the last conjunct
            found = next((c for c in trigger.head.children if c.dep_ in wanted), None)
        if found is None and trigger.dep_ == "acl" and trigger.tag_ == "VBN":
            found = trigger.head  # "the civilian contractor killed in this attack"
        return _relative_antecedent(found) if found is not None else None
    for child in trigger.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "to", "among"):
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _shared_with_other_casualty(trigger: Token, lex: Lexicon) -> bool:
    """"killing and wounding dozens": one count for two outcomes, unless each verb has its own victims."""
    partners = [c for c in trigger.children if c.dep_ == "conj"]
    if trigger.dep_ == "conj":
        partners.append(trigger.head)
    partners = [p for p in partners if (rule := lex.verbs.get(p.lemma_.lower())) is not None and rule.casualty]
    if not partners:
        return False
    return not (_has_own_victims(trigger) and all(_has_own_victims(p) for p in partners))


def _has_own_victims(verb: Token) -> bool:
    return any(c.dep_ in ("dobj", "nsubjpass") for c in verb.children)


def _count(victim: Token, lex: Lexicon) -> int | None:
    total = 0
    for head in conjuncts(victim):
        value = _one_count(head, lex)
        if value is None:
            return None
        total += value
    return total


def _one_count(head: Token, lex: Lexicon) -> int | None:
    for child in head.children:
        if child.dep_ in ("nummod", "quantmod") or (child.dep_ in ("amod", "det") and child.lower_ in lex.quantities):
            return number(child, lex)
    if head.lower_ in lex.quantities and head.tag_ in ("NNS", "CD", "JJ"):  # "killing dozens"
        return lex.quantities[head.lower_]
    if head.like_num:
        return number(head, lex)
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lower_ in lex.quantities:
        return lex.quantities[head.head.head.lower_]  # "dozens of personnel"
    if head.tag_ == "NNP" or (head.tag_ == "NN" and head.ent_type_ == "PERSON"):
        return 1
    if head.tag_ == "NN" and any(c.dep_ == "det" and c.lower_ in ("a", "an", "one") for c in head.children):
        return 1
    if head.tag_ == "PRP" and head.lower_ in ("he", "she", "him", "her"):
        return 1  # "until he was killed in a drone strike"
    if head.tag_ == "NN" and head.lemma_.lower() not in lex.cue("collective_nouns") and any(
            c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "his", "her", "its", "their")
            for c in head.children):
        return 1  # "the civilian contractor killed in this attack", "his driver" (not "the crew")
    for child in head.children:  # "dozens of personnel": the quantity word heads the phrase
        if child.dep_ == "prep" and child.lower_ == "of" and head.lower_ in lex.quantities:
            return lex.quantities[head.lower_]
    return None


def number(token: Token, lex: Lexicon) -> int | None:
    """A count word or numeral as an int ("three" -> 3, "1,200" -> 1200, "dozens" -> 12); None if vague beyond that."""
    text = token.lower_.replace(",", "")
    if text.isdigit():
        return int(text)
    return lex.quantities.get(text)
