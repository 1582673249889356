"""Analysis over records: when did they stop, and why (issue 12). Pure functions, no SQL; the store's
named views and the CLI feed them plain records plus the actor KB, and every result is a frozen dataclass
with ``to_json()``.

series.build_series(events, *, kb, filter, freq, start, end, claims)   How many events did this actor
    (members rolled up to umbrellas), against this recipient, of this type/mode/status, have per day or week?
    Coarse dates and numeric claims come back as separate evidence, never as counts.
series.series_by(events, *, kb, dimension, freq)   The same, one series per actor/recipient/type/mode/status.
lulls.reports(events=, mentions=, explanations=, documents=, kb=)   Which sources say the activity stopped
    (reported) or the group announced it (declared), and since when (partial dates kept)?
lulls.find_lulls(events, *, kb, actor, recipient, reports_, as_of)   When did the actor stop or surge, until
    when, at what rate before and after, how sure are we (calibrated observed evidence combined with
    declarations and reports), and on what evidence?
lulls.gaps(series) / lulls.change_points(values) / lulls.acled_surge_weeks(weekly)   The observed pieces.
board.board(lull, *, kb, explanations, events, documents)   Why: the causes sources offer (by category,
    with proponents, outlets, stance), the candidate triggers before the start, and the contradictions.
checks.check_claims(claims, events, *, kb, published)   Does "316 attacks since November 2" agree with the
    events we hold for that scope and period, and what share of them do we hold?
framing.framing(documents, *, lexicon, quotes, mentions)   Which loaded terms does each outlet use in its own
    voice and in quoted speech (per 1,000 words), and what does it call each actor?
"""
