"""Event mentions and the bookkeeping of which documents each extractor version has processed."""
from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import asdict
from datetime import date

from ..records import Actor, DateSpan, Mention, Place, Span, md_iso, parse_month_day
from ..vocabulary import policies_of, policies_text
from .core import _iso, _now, _span


class MentionQueries:
    conn: sqlite3.Connection

    # --- extraction bookkeeping ---------------------------------------------------
    def pending_documents(self, stage: str, version: str) -> list[str]:
        """Ids of documents that ``stage`` at ``version`` has not processed yet."""
        rows = self.conn.execute(
            "SELECT id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM extractions e WHERE e.doc_id = d.id"
            " AND e.stage = ? AND e.version = ?) ORDER BY rowid",
            (stage, version),
        )
        return [r[0] for r in rows]

    def replace_mentions(self, doc_id: str, mentions: Iterable[Mention], *, stage: str, version: str) -> int:
        """Replace the mentions of one document in one transaction (idempotent re-runs)."""
        rows = [_mention_row(m) for m in mentions]
        with self.conn:
            self.conn.execute("DELETE FROM mentions WHERE doc_id = ?", (doc_id,))
            if rows:
                cols = ",".join(rows[0])
                self.conn.executemany(
                    f"INSERT INTO mentions ({cols}) VALUES ({','.join('?' * len(rows[0]))})",
                    [tuple(r.values()) for r in rows],
                )
            self.conn.execute(
                "INSERT OR REPLACE INTO extractions (doc_id, stage, version, done_at) VALUES (?,?,?,?)",
                (doc_id, stage, version, _now()),
            )
        return len(rows)

    def mentions(self, *, type: str | None = None, actor: str | None = None, since: date | None = None,
                 until: date | None = None, doc_id: str | None = None,
                 modality: Iterable[str] | None = None) -> list[Mention]:
        """Stored mentions. ``actor`` matches an actor's KB id, name or text (case-insensitive);
        ``since``/``until`` keep mentions whose date span overlaps the range."""
        sql, params = "SELECT * FROM mentions WHERE 1=1", []
        if type:
            sql += " AND type = ?"
            params.append(type.upper())
        if doc_id:
            sql += " AND doc_id = ?"
            params.append(doc_id)
        if since:
            sql += " AND COALESCE(date_end, date_start) >= ?"
            params.append(since.isoformat())
        if until:
            sql += " AND date_start <= ?"
            params.append(until.isoformat())
        if modality:
            modality = list(modality)
            sql += f" AND modality IN ({','.join('?' * len(modality))})"
            params.extend(modality)
        if actor:
            sql += (" AND EXISTS (SELECT 1 FROM json_each(mentions.actors) a WHERE lower(a.value->>'id') = ?"
                    " OR lower(a.value->>'name') LIKE ? OR lower(a.value->>'text') LIKE ?)")
            params += [actor.lower(), f"%{actor.lower()}%", f"%{actor.lower()}%"]
        sql += " ORDER BY doc_id, sent_start, trigger_start"
        return [_mention(r) for r in self.conn.execute(sql, params)]



def _mention_row(m: Mention) -> dict:
    p, d = m.place, m.date
    return {
        "id": m.id, "doc_id": m.doc_id, "sent_start": m.sentence.start, "sent_end": m.sentence.end,
        "sentence": m.sentence.text, "trigger_start": m.trigger.start, "trigger_end": m.trigger.end,
        "trigger": m.trigger.text, "rule_id": m.rule_id, "type": m.type, "mode": m.mode, "modality": m.modality,
        "actors": json.dumps([asdict(a) for a in m.actors], ensure_ascii=False),
        "recipients": json.dumps([asdict(a) for a in m.recipients], ensure_ascii=False),
        "place_text": p.text if p else None, "place_name": p.name if p else None,
        "lat": p.lat if p else None, "lon": p.lon if p else None, "geo_precision": p.precision if p else None,
        "country": p.country if p else None, "feature": p.feature if p else None,
        "place_source": p.source_id if p else None,
        "date_start": _iso(d.start) if d else None, "date_end": _iso(d.end) if d else None,
        "date_precision": d.precision if d else None, "date_basis": d.basis if d else None,
        "date_start_md": md_iso(d.start_md) if d else None, "date_end_md": md_iso(d.end_md) if d else None,
        "date_year_min": d.years[0] if d else None, "date_year_max": d.years[1] if d else None,
        "weapon": m.weapon, "fatalities": m.fatalities, "injuries": m.injuries,
        "policies": policies_text(m.policies),
        "aggregate": int(m.aggregate), "count": m.count, "count_claim_id": m.count_claim_id,
    }


def _mention(r: sqlite3.Row) -> Mention:
    place = None
    if r["place_text"] is not None:
        place = Place(text=r["place_text"], name=r["place_name"], lat=r["lat"], lon=r["lon"],
                      precision=r["geo_precision"], country=r["country"], feature=r["feature"],
                      source_id=r["place_source"])
    return Mention(
        id=r["id"], doc_id=r["doc_id"],
        sentence=Span(r["doc_id"], r["sent_start"], r["sent_end"], r["sentence"]),
        trigger=Span(r["doc_id"], r["trigger_start"], r["trigger_end"], r["trigger"]),
        rule_id=r["rule_id"], type=r["type"], mode=r["mode"], modality=r["modality"],
        actors=tuple(Actor(**a) for a in json.loads(r["actors"])),
        recipients=tuple(Actor(**a) for a in json.loads(r["recipients"])),
        place=place, date=_mention_date(r),
        weapon=r["weapon"], fatalities=r["fatalities"], injuries=r["injuries"],
        policies=policies_of(r["policies"]),
        aggregate=bool(r["aggregate"]), count=r["count"], count_claim_id=r["count_claim_id"],
    )


def _mention_date(r: sqlite3.Row) -> DateSpan | None:
    span = _span(r["date_start"], r["date_end"], r["date_precision"], r["date_basis"])
    if span is None or not (r["date_start_md"] or r["date_end_md"]):
        return span
    return dataclasses.replace(span, start_md=parse_month_day(r["date_start_md"]),
                               end_md=parse_month_day(r["date_end_md"]),
                               years=(r["date_year_min"], r["date_year_max"]))
