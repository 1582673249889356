"""Numeric claims, quotes and explanations: one table each, replaced per document."""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any

from ..records import (
    Actor,
    ClaimScope,
    DateSpan,
    Explanation,
    NumericClaim,
    Phenomenon,
    Quote,
    Span,
)
from ..vocabulary import policies_of, policies_text
from .core import _iso_bound, _now, _span


def _actor_json(actor: Actor | None) -> str | None:
    return None if actor is None else json.dumps(asdict(actor), ensure_ascii=False)


def _actor(value: Any) -> Actor | None:
    if value is None:
        return None
    data = json.loads(value) if isinstance(value, str) else value
    return Actor(**data)


def _period_json(period: DateSpan | None) -> dict | None:
    if period is None:
        return None
    return {"start": _iso_bound(period.start, period.start_md), "end": _iso_bound(period.end, period.end_md),
            "precision": period.precision}  # a year-less "--02-02" kept, as in the claims' period columns


def _period(data: dict | None) -> DateSpan | None:
    return None if data is None else _span(data["start"], data["end"], data["precision"])


def _sentence(r: sqlite3.Row) -> Span:
    return Span(r["doc_id"], r["sent_start"], r["sent_end"], r["sentence"])


class ClaimQueries:
    conn: sqlite3.Connection

    def replace_claims(self, doc_id: str, *, numeric: Iterable[NumericClaim], quotes: Iterable[Quote],
                       explanations: Iterable[Explanation], stage: str, version: str) -> tuple[int, int, int]:
        """Replace one document's claims of all three kinds in one transaction (idempotent re-runs)."""
        numeric, quotes, explanations = list(numeric), list(quotes), list(explanations)
        with self.conn:
            for table in ("numeric_claims", "quotes", "explanations"):
                self.conn.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))
            self.conn.executemany(
                "INSERT INTO numeric_claims (id, doc_id, sent_start, sent_end, sentence, span_start, span_end,"
                " span_text, rule_id, unit, value, low, high, qualifier, rate_per, scope, period_start, period_end,"
                " period_precision, parent_id, claimant, claimant_text) VALUES"
                " (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [(c.id, c.doc_id, c.sentence.start, c.sentence.end, c.sentence.text, c.span.start, c.span.end,
                  c.span.text, c.rule_id, c.unit, c.value, c.low, c.high, c.qualifier, c.rate_per,
                  json.dumps(asdict(c.scope), ensure_ascii=False),
                  _iso_bound(c.period.start, c.period.start_md) if c.period else None,
                  _iso_bound(c.period.end, c.period.end_md) if c.period else None,
                  c.period.precision if c.period else None, c.parent_id, _actor_json(c.claimant), c.claimant_text)
                 for c in numeric],
            )
            self.conn.executemany(
                "INSERT INTO quotes (id, doc_id, sent_start, sent_end, sentence, content_start, content_end, content,"
                " rule_id, kind, speaker, speaker_text, role, cue, policies) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [(q.id, q.doc_id, q.sentence.start, q.sentence.end, q.sentence.text, q.content.start, q.content.end,
                  q.content.text, q.rule_id, q.kind, _actor_json(q.speaker), q.speaker_text, q.role, q.cue,
                  policies_text(q.policies))
                 for q in quotes],
            )
            self.conn.executemany(
                "INSERT INTO explanations (id, doc_id, sent_start, sent_end, sentence, cause_start, cause_end, cause,"
                " category, rule_id, relation, direction, phenomenon, proponent, proponent_text, stance, hedge,"
                " quote_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [(e.id, e.doc_id, e.sentence.start, e.sentence.end, e.sentence.text, e.cause.start, e.cause.end,
                  e.cause.text, e.category, e.rule_id, e.relation, e.phenomenon.direction,
                  json.dumps({"actor": e.phenomenon.actor and asdict(e.phenomenon.actor),
                              "recipient": e.phenomenon.recipient and asdict(e.phenomenon.recipient),
                              "period": _period_json(e.phenomenon.period), "text": e.phenomenon.text},
                             ensure_ascii=False),
                  _actor_json(e.proponent), e.proponent_text, e.stance, e.hedge, e.quote_id)
                 for e in explanations],
            )
            self.conn.executemany(
                "INSERT OR IGNORE INTO explanation_mentions (explanation_id, mention_id, rank) VALUES (?,?,?)",
                [(e.id, m, n) for e in explanations for n, m in enumerate(e.mention_ids)],
            )
            self.conn.execute(
                "INSERT OR REPLACE INTO extractions (doc_id, stage, version, done_at) VALUES (?,?,?,?)",
                (doc_id, stage, version, _now()),
            )
        return len(numeric), len(quotes), len(explanations)

    def numeric_claims(self, *, doc_id: str | None = None) -> list[NumericClaim]:
        sql, params = "SELECT * FROM numeric_claims", []
        if doc_id:
            sql, params = sql + " WHERE doc_id = ?", [doc_id]
        out = []
        for r in self.conn.execute(sql + " ORDER BY doc_id, span_start", params):
            scope = json.loads(r["scope"])
            out.append(NumericClaim(
                id=r["id"], doc_id=r["doc_id"], sentence=_sentence(r),
                span=Span(r["doc_id"], r["span_start"], r["span_end"], r["span_text"]), rule_id=r["rule_id"],
                unit=r["unit"], value=r["value"], low=r["low"], high=r["high"], qualifier=r["qualifier"],
                rate_per=r["rate_per"],
                scope=ClaimScope(event_type=scope.get("event_type"), mode=scope.get("mode"),
                                 actor=_actor(scope.get("actor")), recipient=_actor(scope.get("recipient")),
                                 target_area=scope.get("target_area")),
                period=_span(r["period_start"], r["period_end"], r["period_precision"]),
                parent_id=r["parent_id"], claimant=_actor(r["claimant"]), claimant_text=r["claimant_text"],
            ))
        return out

    def quotes(self, *, doc_id: str | None = None, speaker: str | None = None) -> list[Quote]:
        sql, params = "SELECT * FROM quotes WHERE 1=1", []
        if doc_id:
            sql, params = sql + " AND doc_id = ?", params + [doc_id]
        if speaker:
            sql += " AND (lower(speaker->>'id') = ? OR lower(COALESCE(speaker_text, '')) LIKE ?)"
            params += [speaker.lower(), f"%{speaker.lower()}%"]
        return [
            Quote(id=r["id"], doc_id=r["doc_id"], sentence=_sentence(r),
                  content=Span(r["doc_id"], r["content_start"], r["content_end"], r["content"]),
                  rule_id=r["rule_id"], kind=r["kind"], speaker=_actor(r["speaker"]), speaker_text=r["speaker_text"],
                  role=r["role"], cue=r["cue"], policies=policies_of(r["policies"]))
            for r in self.conn.execute(sql + " ORDER BY doc_id, content_start", params)
        ]

    def explanations(self, *, doc_id: str | None = None, actor: str | None = None) -> list[Explanation]:
        """Explanations; ``actor`` matches the phenomenon's actor by KB id or name (case-insensitive)."""
        sql, params = "SELECT * FROM explanations WHERE 1=1", []
        if doc_id:
            sql, params = sql + " AND doc_id = ?", params + [doc_id]
        if actor:
            sql += (" AND (lower(phenomenon->>'$.actor.id') = ? OR lower(COALESCE(phenomenon->>'$.actor.name',"
                    " phenomenon->>'$.actor.text', '')) LIKE ?)")
            params += [actor.lower(), f"%{actor.lower()}%"]
        out = []
        links: dict[str, list[str]] = {}
        for link in self.conn.execute("SELECT explanation_id, mention_id FROM explanation_mentions ORDER BY rank"):
            links.setdefault(link["explanation_id"], []).append(link["mention_id"])
        for r in self.conn.execute(sql + " ORDER BY doc_id, cause_start", params):
            p = json.loads(r["phenomenon"])
            out.append(Explanation(
                id=r["id"], doc_id=r["doc_id"], sentence=_sentence(r),
                cause=Span(r["doc_id"], r["cause_start"], r["cause_end"], r["cause"]), category=r["category"],
                phenomenon=Phenomenon(direction=r["direction"], actor=_actor(p.get("actor")),
                                      recipient=_actor(p.get("recipient")), period=_period(p.get("period")),
                                      text=p.get("text")),
                rule_id=r["rule_id"], relation=r["relation"], proponent=_actor(r["proponent"]),
                proponent_text=r["proponent_text"], stance=r["stance"], hedge=r["hedge"], quote_id=r["quote_id"],
                mention_ids=tuple(links.get(r["id"], ())),
            ))
        return out
