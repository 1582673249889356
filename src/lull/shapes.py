"""Stable JSON shapes of lull's records, shared by the CLI, exports and the web app.

Keys are part of the public interface: add keys, never rename or drop them.
"""
from __future__ import annotations

from dataclasses import asdict
from typing import Any

from .records import Document
from .store import Store


def doc_json(doc: Document, store: Store) -> dict[str, Any]:
    p = doc.published
    return {
        "id": doc.id, "title": doc.title, "outlet": doc.outlet, "author": doc.author, "url": doc.url,
        "language": doc.language,
        "published": None if p is None else {"start": p.start and p.start.isoformat(),
                                             "end": p.end and p.end.isoformat(),
                                             "precision": p.precision, "basis": p.basis},
        "content_type": doc.content_type, "chars": len(doc.text), "sources": store.sources(doc.id),
        "removed": [asdict(r) for r in doc.removed],
        "near_duplicates": [{"id": o, "similarity": s} for o, s in store.near_duplicates(doc.id)],
    }


def _actor_full(a) -> dict[str, Any]:
    return {"id": a.id, "name": a.name or a.text, "text": a.text, "kind": a.kind, "sector": a.sector}


def _place_json(p) -> dict[str, Any] | None:
    return None if p is None else {"name": p.name or p.text, "text": p.text, "lat": p.lat, "lon": p.lon,
                                   "precision": p.precision, "country": p.country}


def mention_source_json(m, doc: Document | None) -> dict[str, Any]:
    return {"doc": m.doc_id, "outlet": doc.outlet if doc else None, "sentence": m.sentence.text,
            "start": m.sentence.start, "end": m.sentence.end, "trigger": m.trigger.text, "modality": m.modality,
            "rule": m.rule_id, "mention": m.id}


def mention_json(m, doc: Document | None) -> dict[str, Any]:
    """The stable JSON shape of one mention (one clause of one document reporting an event)."""
    return {
        "id": m.id, "type": m.type, "mode": m.mode,
        "actor": [_actor_full(a) for a in m.actors], "recipient": [_actor_full(a) for a in m.recipients],
        "place": _place_json(m.place), "date": span_json(m.date), "modality": m.modality, "weapon": m.weapon,
        "fatalities": m.fatalities, "injuries": m.injuries,
        "aggregate": m.aggregate, "count": m.count, "count_claim": m.count_claim_id,
        "sources": [mention_source_json(m, doc)],
    }


def event_json(e, mentions: list, docs: dict[str, Document]) -> dict[str, Any]:
    """The stable JSON shape of one resolved event with every mention that reports it.

    ``modality``, ``status`` and ``countability`` are the event's own, decided when it was built (link/build.py);
    only an ``incident`` is counted by series, lulls and checks."""
    return {
        "id": e.id, "type": e.type, "mode": e.mode,
        "actor": [_actor_full(a) for a in e.actors], "recipient": [_actor_full(a) for a in e.recipients],
        "place": _place_json(e.place), "date": span_json(e.date), "modality": e.modality, "status": e.status,
        "countability": e.countability, "weapon": e.weapon, "fatalities": e.fatalities, "injuries": e.injuries,
        "claimed_by": [_actor_full(a) for a in e.claimed_by],
        "attributed_to": [{"by": _actor_full(by), "to": _actor_full(to)} for by, to in e.attributed_to],
        "conflicts": [{"field": c.field, "values": [{"value": v, "mentions": list(ids)} for v, ids in c.values]}
                      for c in e.conflicts],
        "first_reported": e.first_reported and e.first_reported.isoformat(),
        "last_reported": e.last_reported and e.last_reported.isoformat(),
        "origin": e.origin, "external_id": e.external_id, "notes": e.notes,
        "sources": [mention_source_json(m, docs.get(m.doc_id)) for m in mentions],
    }


def actor_json(a) -> dict[str, Any] | None:
    return None if a is None else {"id": a.id, "name": a.name or a.text, "text": a.text, "kind": a.kind}


def span_json(d) -> dict[str, Any] | None:
    return None if d is None else {"start": d.start and d.start.isoformat(), "end": d.end and d.end.isoformat(),
                                   "precision": d.precision}


def source_json(sentence, doc: Document | None) -> dict[str, Any]:
    return {"doc": sentence.doc_id, "outlet": doc.outlet if doc else None, "sentence": sentence.text,
            "start": sentence.start, "end": sentence.end}


def claim_json(c, doc: Document | None) -> dict[str, Any]:
    """The stable JSON shape of one numeric claim."""
    s = c.scope
    return {
        "id": c.id, "text": c.span.text, "value": c.value, "low": c.low, "high": c.high, "qualifier": c.qualifier,
        "unit": c.unit, "rate_per": c.rate_per,
        "scope": {"event_type": s.event_type, "mode": s.mode, "actor": actor_json(s.actor),
                  "recipient": actor_json(s.recipient), "target_area": s.target_area},
        "period": span_json(c.period), "parent": c.parent_id,
        "claimant": actor_json(c.claimant), "claimant_text": c.claimant_text,
        "source": source_json(c.sentence, doc), "rule": c.rule_id,
    }


def quote_json(q, doc: Document | None) -> dict[str, Any]:
    """The stable JSON shape of one quote."""
    return {"id": q.id, "kind": q.kind, "content": q.content.text, "speaker": actor_json(q.speaker),
            "speaker_text": q.speaker_text, "role": q.role, "cue": q.cue, "source": source_json(q.sentence, doc),
            "rule": q.rule_id}


def explanation_json(e, doc: Document | None) -> dict[str, Any]:
    """The stable JSON shape of one explanation."""
    p = e.phenomenon
    return {"id": e.id, "category": e.category, "cause": e.cause.text, "relation": e.relation,
            "phenomenon": {"direction": p.direction, "actor": actor_json(p.actor),
                           "recipient": actor_json(p.recipient), "period": span_json(p.period), "text": p.text},
            "proponent": actor_json(e.proponent), "proponent_text": e.proponent_text,
            "voice": "outlet" if e.proponent is None and not e.proponent_text else "speaker",
            "stance": e.stance, "hedge": e.hedge, "quote": e.quote_id, "mentions": list(e.mention_ids),
            "source": source_json(e.sentence, doc), "rule": e.rule_id}
