"""Event mentions -> one ``Event`` per real-world event, within and across documents.

Why: counts, series and lulls are only as true as this step. Automated event
data fails by counting reports instead of events (GDELT turned one kidnapping
into hundreds of records); articles also re-tell old events as background,
which must link to the one event, not make another.

``resolve_events`` is pure: the same mentions, documents and knowledge base
give the same events with the same ids, whatever the input order.

Which mentions make events. Every mention belongs to an event, and the
event says whether it is one countable incident (``Event.countability``,
decided in build.py): series, lulls and checks count incidents only. An
event mention in the full sense (``is_event_mention``: asserted, claimed,
reported, historical or denied, and neither an aggregate the coder marked
``Policy.GENERIC`` - "316 attacks", "25 attacks per week" - nor a bare plural
assault) links under the rules below. The others - negated, hypothetical and
future mentions ("there has not been any strike", "strikes that the United
States may undertake", "plan to expel"), generic aggregates and bare plurals -
are visited last, so they never found an event that an incident would
join, and join one only by strict evidence: besides every constraint and the
usual evidence, each pair they take part in must share an argument (the same
place, compatible known actors or recipients), and across documents match
strongly (the same precise place, or the same recipient and toll), so "strikes
the US may undertake" cannot chain two unrelated strikes, and "the attacks on
US forces" of two articles stay apart unless a site ties them (two campaigns
of one actor against one target differ by their period, which such mentions
seldom state). An unreal mention joins another document's event only beside a
real mention of its own article that does (a possible attack is not another
source's attack). An aggregate (``is_aggregate``: a campaign, series, count
or trend; the extractor's ``aggregate`` included) never merges with an
incident: the campaign of attacks on US forces is one event, each attack
another.

Campaigns. Reports re-tell one campaign in their own words and at their own
time: "more than 170 attacks on US bases since 7 October 2023" in February,
"a series of attacks against US forces" in a January letter. Two aggregates
of two reports (neither negated nor hypothetical) join when they are told as
going on at one time (``Match.concurrent``: their spans overlap, an open
"since X" running to its document's publication, an undated one standing
for the weeks before its document's) and have the same parties
(``Match.parties``: compatible known actors and recipients, a generic
nominal only through an umbrella of its own: the Houthis' campaign is not
the Iraqi militias' campaign, though "Iran-backed militias" covers both
through the Axis of Resistance). Reports without a publication date give no
time, so their campaigns stay apart: two campaigns of one actor against one
target (2020-21, 2023-24) differ only by their time. Such a pair is also
strict enough for a generic or plural aggregate (which otherwise needs a
shared precise place across documents); the other pairs of the two events
keep their usual rules, except that two aggregates told together across the
two reports need no more (a "future attacks" of one report rides with its
campaign, as ``_unreal_anchored`` allows).

Clustering (greedy, complete link). Mentions are visited most specific first
(fine date, precise place, fatalities, known actors), then in document order,
so an event is founded by its most informative report and vaguer ones
("the attack") join it. A mention joins the cluster with the best evidence
among those whose every member it is compatible with (``event_match``: type,
date, place, actors, recipients) and that has enough evidence: any member in
the same document, or strong / fine-date evidence with a member of another
document. Ties within a document go to the cluster mentioned nearest before
the mention in the text; a tie across documents is ambiguous and the mention
founds its own event (never a guess), unless the tied events would join one
another: then they are one event told in parts, and the merging step below
joins them all. Complete link keeps two similar events
(two drone attacks on two bases on the same day) apart: a vague report
compatible with both cannot chain them together.

Stories. Two documents that report one event together (a cluster that the
rules above formed across them) tell one story: a report and its follow-up,
two wires on one incident. Between the documents of such a pair, a second
merging pass takes the within-document evidence (facts nested, or one
positive signal, or overlapping dates) instead of the cross-document one,
so "the raid" and "the arrests" of the follow-up join the raid and arrests
its source told, while every constraint still holds. Stories come only from
the first pass (no chaining from story to story).

Held members (incremental linking, link/blocks.py "Large events"). A large
stored event re-linked with new mentions may send only its representative
members to clustering and hold the others (``held``). After clustering, the
held members go back into the one cluster that holds the event's clustered
members; if those ended in several clusters (the new mentions split the
event), or a newcomer to that cluster fails a pair rule of ``_fit`` with a
held member (compatibility, strict evidence for unreal or generic ones,
campaign and incident apart: complete link over the whole event), the
clustering is done again with every held member, as without holding.

Stable ids. An event's id is ``ev-`` + a hash of its smallest member mention
id. When ``previous`` events are given (the stored ones), a cluster that
shares mentions with a previous event keeps that event's id (largest overlap
first, each id once), so adding or deleting a document never renames the
events it does not touch, and a shrunken event keeps its id.

Blocks (incremental linking). Which mentions are re-linked together when
documents come and go is the policy of ``link/blocks.py``; ``context`` (see
``resolve_events``) carries the mentions a block leaves out that only speak
about its mentions.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date

from ..records import Actor, DateSpan, Document, Event, Mention, Quote
from ..vocabulary import EVENT_MODALITIES, UNREAL_MODALITIES, Modality, Policy
from ..knowledge.actors import ActorKB
from .build import Voices, build_event, is_aggregate, is_plural_assault
from .match import Match, dates_overlap, is_fine, match, same_place

Published = Mapping[str, DateSpan | None]  # doc id -> publication span
Fit = Callable[[list[Mention], list[Mention]], int | None]  # (group, members) -> ``_fit``'s score or None
STORY_DAYS = 7  # a follow-up is published within a week of the report it follows
_SPEECH_MODALITIES = frozenset({Modality.ASSERTED, Modality.REPORTED, Modality.HISTORICAL})


def is_event_mention(mention: Mention) -> bool:
    """Whether a mention links under the usual evidence; the others need strict evidence (see the module docstring)."""
    return (mention.modality in EVENT_MODALITIES and Policy.GENERIC not in mention.policies
            and not is_plural_assault(mention))


def resolve_events(mentions: Iterable[Mention], *, kb: ActorKB, documents: Mapping[str, Document],
                   quotes: Iterable[Quote] = (), previous: Iterable[Event] = (),
                   context: Iterable[Mention] = (), held: Mapping[str, Sequence[Mention]] | None = None) -> list[Event]:
    """One ``Event`` per real-world event that ``mentions`` report, ordered by date then id.

    ``documents`` maps doc id -> Document (publication dates give first/last
    report times and the order of mentions; the text is not read); ``quotes``
    give the speakers of reported mentions (for attribution and "confirmed");
    ``previous`` are the events stored before, whose ids are kept (see "Stable
    ids"); ``context`` are other mentions of the same documents, linked
    elsewhere, that only speak about ``mentions`` (accusations: see "Blocks"); ``held`` maps the id of a
    ``previous`` event to its members left out of ``mentions`` ("Held members")."""
    mentions, previous, held = list(mentions), list(previous), held or {}
    order = _canonical_order(documents)
    eligible = sorted(mentions, key=order)
    published = {doc_id: doc.published for doc_id, doc in documents.items()}
    clusters = _with_held(_cluster(eligible, kb, published), held, previous, _Pairs(kb, published))
    if clusters is None:  # a new mention splits a held event or cannot be one event with a held member
        whole = mentions + [m for members in held.values() for m in members]
        return resolve_events(whole, kb=kb, documents=documents, quotes=quotes, previous=previous, context=context)
    clusters = [sorted(c, key=order) for c in clusters]
    ids = _event_ids(clusters, previous)
    voices = find_voices(mentions + [m for ms in held.values() for m in ms] + list(context), quotes, kb=kb,
                         clusters=clusters)
    events = [build_event(i, c, kb=kb, documents=documents, voices=voices) for i, c in zip(ids, clusters)]
    return sorted(events, key=lambda e: (e.date.start if e.date and e.date.start else date.max, e.id))


def _with_held(clusters: list[list[Mention]], held: Mapping[str, Sequence[Mention]], previous: Sequence[Event],
               pairs: _Pairs) -> list[list[Mention]] | None:
    """``clusters`` with each event's held members back in the one cluster that holds its clustered members, or
    ``None`` when an event's clustered members ended in several clusters (a split) or a newcomer to its cluster
    is not one event with a held member by the pair rules of ``_fit`` (complete link): see "Held members"."""
    if not held:
        return clusters
    where = {m.id: ci for ci, c in enumerate(clusters) for m in c}
    members_of = {e.id: set(e.mention_ids) for e in previous if e.id in held}
    out, homes = [list(c) for c in clusters], {}
    for event_id, kept in held.items():
        found = {where[mid] for mid in members_of[event_id] if mid in where}
        if len(found) != 1:
            return None
        homes[event_id] = found.pop()
        out[homes[event_id]] += kept
    for event_id, kept in held.items():
        for m in (m for m in out[homes[event_id]] if m.id not in members_of[event_id]):
            for h in kept:
                mt = pairs(m, h)
                if (is_aggregate(m) != is_aggregate(h) or not mt.compatible
                        or not (_strict_enough(m, h, mt) or _told_together(m, h, mt))):
                    return None
    return out


def _canonical_order(documents: Mapping[str, Document]):
    """Mentions by their document's publication day, document id, then position in the text."""
    def key(m: Mention) -> tuple:
        doc = documents.get(m.doc_id)
        published = doc.published.start if doc is not None and doc.published and doc.published.start else date.max
        return published, m.doc_id, m.sentence.start, m.trigger.start, m.id
    return key


def _specificity(m: Mention) -> int:
    precise_place = m.place is not None and m.place.lat is not None and (m.place.precision or 3) <= 2
    known_actor = any(a.id for a in (*m.actors, *m.recipients))
    return 2 * is_fine(m.date) + 2 * precise_place + (m.fatalities is not None) + known_actor


def _cluster(mentions: Sequence[Mention], kb: ActorKB, published: Published) -> list[list[Mention]]:
    """Greedy complete-link clustering of the event mentions, then merging of clusters that the evidence joins,
    then merging within the stories that pass formed (see the module docstring); only then do the other
    mentions (unreal, generic, plural) join or found events, so they never keep two reports of one event apart."""
    pairs = _Pairs(kb, published)
    real = [m for m in mentions if is_event_mention(m)]
    clusters, by_type = _greedy(real, pairs)
    clusters = _merge(clusters, by_type, pairs)
    stories = _stories(clusters, published)
    if stories:
        clusters = _merge(clusters, _by_type(clusters), pairs, stories)
    others = [m for m in mentions if not is_event_mention(m)]
    if not others:
        return clusters
    clusters, by_type = _greedy(others, pairs, clusters)
    return _merge(clusters, by_type, pairs)


class _Pairs:
    """``match`` of each ordered pair of mentions, computed once per clustering.

    Why: greedy joining and every merging pass compare the same pairs again
    (a pass re-scores every pair of clusters, and a merged cluster brings its
    members' pairs along), and ``match`` is pure, so one clustering computes
    each pair once. Keyed by object identity: the mentions live as long as
    the clustering that holds this."""

    __slots__ = ("kb", "published", "_seen")

    def __init__(self, kb: ActorKB, published: Published) -> None:
        self.kb, self.published, self._seen = kb, published, {}

    def __call__(self, a: Mention, b: Mention) -> Match:
        key = (id(a), id(b))
        found = self._seen.get(key)
        if found is None:
            found = self._seen[key] = match(a, b, self.kb,
                                            published=(self.published.get(a.doc_id), self.published.get(b.doc_id)))
        return found


def _by_type(clusters: Sequence[Sequence[Mention]]) -> dict[str, list[int]]:
    by_type: dict[str, list[int]] = defaultdict(list)
    for ci, c in enumerate(clusters):
        by_type[c[0].type].append(ci)
    return by_type


def _greedy(mentions: Sequence[Mention], pairs: _Pairs,
            clusters: Sequence[list[Mention]] = ()) -> tuple[list[list[Mention]], dict[str, list[int]]]:
    """Each mention, most specific first, joins the cluster ``_choose`` picks or founds its own."""
    clusters = [list(c) for c in clusters]
    by_type = _by_type(clusters)

    def fit(group: list[Mention], members: list[Mention]) -> int | None:
        return _fit(group, members, pairs)

    for i in sorted(range(len(mentions)), key=lambda i: (-_specificity(mentions[i]), i)):
        m = mentions[i]
        chosen = _choose([m], [(ci, clusters[ci]) for ci in by_type[m.type]], fit)
        if chosen is None:
            by_type[m.type].append(len(clusters))
            clusters.append([m])
        else:
            clusters[chosen].append(m)
    return clusters, by_type


def _stories(clusters: Sequence[Sequence[Mention]], published: Published) -> frozenset[frozenset[str]]:
    """Pairs of documents that report one event together (a cluster the evidence rules formed across them),
    unless their dates show them published more than ``STORY_DAYS`` apart: a wire and its follow-up are one
    story; two reports a year apart that both re-tell one attack are not, and a bare "negotiations" of one is
    no evidence for the meeting the other tells. Documents of unknown date (a collection) may be one story."""
    pairs: set[frozenset[str]] = set()
    for c in clusters:
        docs = sorted({m.doc_id for m in c})
        pairs.update(frozenset((a, b)) for i, a in enumerate(docs) for b in docs[i + 1:]
                     if not _published_apart(published.get(a), published.get(b)))
    return frozenset(pairs)


def _published_apart(a: DateSpan | None, b: DateSpan | None) -> bool:
    """Both publication dates (or their lower bounds) known and more than ``STORY_DAYS`` apart."""
    if a is None or b is None or a.start is None or b.start is None:
        return False
    return abs((a.start - b.start).days) > STORY_DAYS


def _merge(clusters: list[list[Mention]], by_type: Mapping[str, list[int]], pairs: _Pairs,
           stories: frozenset[frozenset[str]] = frozenset()) -> list[list[Mention]]:
    """Join whole clusters when every cross pair is compatible and some pair has enough evidence.

    A report founded its own event when, on its own, it lacked evidence for
    any existing one ("three U.S. servicemembers were killed" yesterday, no
    place); once other reports join it, it may share a recipient and a death
    toll with another event: the two are one.

    Each pass re-asks every cluster whether it joins another, but only a
    cluster that grew since can answer differently: ``fit`` scores a pair of
    clusters once per content (a cluster only grows, so its list and length
    name what it holds), and a pass after the last merge costs look-ups."""
    scores: dict[tuple[int, int, int, int], int | None] = {}

    def fit(group: list[Mention], members: list[Mention]) -> int | None:
        key = (id(group), len(group), id(members), len(members))
        if key not in scores:
            scores[key] = _fit(group, members, pairs, stories)
        return scores[key]

    alive = [True] * len(clusters)
    changed = True
    while changed:
        changed = False
        for indices in by_type.values():
            for ci in indices:
                if not alive[ci]:
                    continue
                others = [(cj, clusters[cj]) for cj in indices if cj != ci and alive[cj]]
                chosen = _choose(clusters[ci], others, fit)
                if chosen is not None:
                    clusters[chosen] += clusters[ci]
                    alive[ci] = False
                    changed = True
    return [c for c, keep in zip(clusters, alive) if keep]


def _choose(group: list[Mention], candidates: list[tuple[int, list[Mention]]], fit: Fit) -> int | None:
    """The cluster ``group`` joins, or ``None`` when it stays apart (no fit, or a tie across documents);
    ``fit`` scores a group against a cluster (``_fit``)."""
    scored: list[tuple[int, tuple[int, int], int]] = []  # (score, proximity, cluster index)
    for ci, members in candidates:
        score = fit(group, members)
        if score is not None:
            scored.append((score, min(_proximity(m, members) for m in group), ci))
    if not scored:
        return None
    best = max(s for s, _, _ in scored)
    top = [(p, ci) for s, p, ci in scored if s == best]
    if len(top) == 1:
        return top[0][1]
    same_doc = sorted((p, ci) for p, ci in top if p[0] < 2)
    if same_doc:
        return same_doc[0][1]
    return min(ci for _, ci in top) if _one_event(top, candidates, fit) else None


def _one_event(top: list[tuple[tuple[int, int], int]], candidates: list[tuple[int, list[Mention]]], fit: Fit) -> bool:
    """Whether tied candidate clusters would join one another: then the tie is one event told apart, not two."""
    members = dict(candidates)
    tied = sorted(ci for _, ci in top)
    return all(fit(members[a], members[b]) is not None for i, a in enumerate(tied) for b in tied[i + 1:])


def _fit(group: list[Mention], members: list[Mention], matches_of: _Pairs,
         stories: frozenset[frozenset[str]] = frozenset()) -> int | None:
    """The evidence score for ``group`` joining ``members``, or ``None`` if a constraint fails or evidence is short.

    Every failed rule gives ``None``, so the cheap ones go first and the first incompatible pair ends the
    comparison (complete link: one pair that cannot be one event keeps the two apart)."""
    if len({is_aggregate(m) for m in (*group, *members)}) > 1:
        return None  # a campaign or series is never one of its incidents
    pairs = []
    for g in group:
        for x in members:
            mt = matches_of(g, x)
            if not mt.compatible:
                return None
            pairs.append((g, x, mt))
    matches = [mt for _, _, mt in pairs]
    if not _recipients_tolerable(matches):
        return None
    if not all(_strict_enough(g, x, mt) or _told_together(g, x, mt) for g, x, mt in pairs):
        return None
    if not _unreal_anchored([*group, *members]):
        return None
    near = [mt for g, x, mt in pairs if g.doc_id == x.doc_id]
    if near and not all(mt.enough_within_document for mt in near):
        return None
    if not near and not any(mt.enough_across_documents or _story_evidence(g, x, mt, stories)
                            or _campaign(g, x, mt) for g, x, mt in pairs) \
            and not _silent_evidence(matches):
        return None
    return max(mt.score for mt in matches) + (2 if near else 0)


def _story_evidence(a: Mention, b: Mention, mt: Match, stories: frozenset[frozenset[str]]) -> bool:
    """Within a story (two documents already sharing an event) within-document evidence joins two mentions,
    both dated or both undated: an undated mention beside a dated one in the other report has no time to agree
    on, and one shared party alone would join a follow-up's undated retaliation to any dated strike on a
    related group (the undated "arrests" of a wire and its follow-up still join each other)."""
    return (frozenset((a.doc_id, b.doc_id)) in stories and (a.date is None) == (b.date is None)
            and mt.enough_within_document)


def _told_together(a: Mention, b: Mention, mt: Match) -> bool:
    """Two aggregates of two reports told as going on at one time, whose known parties do not differ
    (see "Campaigns")."""
    return a.doc_id != b.doc_id and is_aggregate(a) and is_aggregate(b) and mt.concurrent and not mt.unlike


def _campaign(a: Mention, b: Mention, mt: Match) -> bool:
    """Evidence of one campaign: two real aggregates told together by the same parties (see "Campaigns")."""
    return (_told_together(a, b, mt) and mt.parties and a.modality not in UNREAL_MODALITIES
            and b.modality not in UNREAL_MODALITIES)


def _silent_evidence(matches: list[Match]) -> bool:
    """Two events of one type in an undated collection, no mention of which states anything that tells it from
    another event of its type (match.py "silent"): every pair silent, so no member brings a fact the other lacks."""
    return all(mt.silent for mt in matches)


def _strict_enough(a: Mention, b: Mention, mt: Match) -> bool:
    """Strict evidence for a pair with an unreal, generic or plural mention (see the module docstring): an
    argument in common, and across documents strong evidence (the same precise place, or the same recipient and
    toll)."""
    if is_event_mention(a) and is_event_mention(b):
        return True
    return mt.shared and (a.doc_id == b.doc_id or mt.strong)


def _unreal_anchored(mentions: list[Mention]) -> bool:
    """Whether every unreal mention (negated, hypothetical, future) of an event spanning documents has a mention
    of its own document that is not unreal: "the groups may attack Tower 22 again" re-tells an attack only
    when its article tells that attack; on its own it is a possible attack, not another source's one."""
    docs = {m.doc_id for m in mentions}
    if len(docs) < 2:
        return True
    real = {m.doc_id for m in mentions if m.modality not in UNREAL_MODALITIES}
    return all(m.doc_id in real for m in mentions if m.modality in UNREAL_MODALITIES)


def _recipients_tolerable(matches: list[Match]) -> bool:
    """A recipient clash is tolerated only when the event also matches strongly (place, or recipient and toll)
    and finely in date: extractors name the wrong target more often than two such events coincide."""
    if not any(mt.recipient_clash for mt in matches):
        return True
    return any(mt.strong for mt in matches) and any(mt.fine_date for mt in matches)


def _proximity(m: Mention, members: list[Mention]) -> tuple[int, int]:
    """(0 for a member mentioned before ``m``, 1 after, 2 none in its document; character distance)."""
    near = [x for x in members if x.doc_id == m.doc_id]
    if not near:
        return 2, 0
    return min((0 if x.trigger.start <= m.trigger.start else 1, abs(x.trigger.start - m.trigger.start))
               for x in near)


# --- ids ------------------------------------------------------------------------------


def event_id(mention_id: str, salt: int = 0) -> str:
    """The id of an event anchored at ``mention_id`` (``salt`` only to step past a taken id)."""
    key = mention_id if salt == 0 else f"{mention_id}|{salt}"
    return "ev-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _event_ids(clusters: Sequence[Sequence[Mention]], previous: Iterable[Event]) -> list[str]:
    owner = {mid: e.id for e in previous if e.origin == "lull" for mid in e.mention_ids}
    overlaps: list[tuple[int, str, int]] = []  # (-shared mentions, previous id, cluster index)
    for ci, members in enumerate(clusters):
        shared: dict[str, int] = defaultdict(int)
        for m in members:
            if m.id in owner:
                shared[owner[m.id]] += 1
        overlaps += [(-n, pid, ci) for pid, n in shared.items()]
    ids: list[str | None] = [None] * len(clusters)
    taken: set[str] = set()
    for _, pid, ci in sorted(overlaps):
        if ids[ci] is None and pid not in taken:
            ids[ci] = pid
            taken.add(pid)
    taken |= set(owner.values())  # a dropped event's id is never reused for another event
    order = sorted(range(len(clusters)), key=lambda ci: min(m.id for m in clusters[ci]))
    for ci in order:
        if ids[ci] is None:
            anchor, salt = min(m.id for m in clusters[ci]), 0
            while (candidate := event_id(anchor, salt)) in taken:
                salt += 1
            ids[ci] = candidate
            taken.add(candidate)
    return ids  # type: ignore[return-value]


# --- who speaks about a mention ---------------------------------------------------------


def find_voices(mentions: Sequence[Mention], quotes: Iterable[Quote], *, kb: ActorKB,
                clusters: Sequence[Sequence[Mention]] = ()) -> Voices:
    """Speakers and attributions of each mention: quote speakers around its trigger, and accusers.

    An accusation speaks about an event in two ways. In its sentence: "The U.S.
    said the attack was carried out by the Islamic Resistance in Iraq" is an
    ACCUSE mention (the U.S. against the IRI) beside the attack's mention. Or
    by place and day: "The United States accused Kata'ib Hezbollah of the drone
    attack on Tower 22 on January 28" has no attack mention of its own, but its
    site and day match exactly one event of ``clusters`` (none or several: no link)."""
    speakers: dict[str, list[Actor]] = defaultdict(list)
    attributions: dict[str, list[tuple[Actor, Actor]]] = defaultdict(list)
    by_doc: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_doc[m.doc_id].append(m)
    for q in quotes:
        if q.speaker is None or q.speaker.id is None:
            continue
        for m in by_doc.get(q.doc_id, ()):
            if q.content.start <= m.trigger.start < q.content.end:
                speakers[m.id].append(q.speaker)
                attributions[m.id] += [(q.speaker, a) for a in m.actors
                                       if a.id and not kb.compatible(q.speaker.id, a.id)]
    for acc in mentions:
        accusers = [a for a in acc.actors if a.id]
        if acc.type != "ACCUSE" or acc.modality not in _SPEECH_MODALITIES or not accusers:
            continue
        targets = [m for m in by_doc[acc.doc_id] if m.type != "ACCUSE" and m.sentence.start == acc.sentence.start
                   and is_event_mention(m)] or _event_at(acc, clusters)
        for m in targets:
            named = [a.id for a in m.actors if a.id] if m.sentence.start == acc.sentence.start else []
            accused = [r for r in acc.recipients if r.id and (not named or any(kb.compatible(r.id, n) for n in named))]
            speakers[m.id] += accusers
            attributions[m.id] += [(who, whom) for who in accusers for whom in accused]
    return Voices({k: tuple(v) for k, v in speakers.items()}, {k: tuple(v) for k, v in attributions.items()})


def _event_at(acc: Mention, clusters: Sequence[Sequence[Mention]]) -> list[Mention]:
    """The first mention of the one non-ACCUSE event at the accusation's precise place on its fine date."""
    if not is_fine(acc.date) or acc.place is None:
        return []
    found = [c for c in clusters if c[0].type != "ACCUSE" and any(
        same_place(m.place, acc.place) and dates_overlap(m.date, acc.date) and is_fine(m.date) for m in c)]
    return [found[0][0]] if len(found) == 1 else []
