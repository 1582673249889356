"""Numeric claims: a count stated in a sentence, what it counts, over which period, and who states it.

``find_numeric_claims(doc, res=...)`` reads a parsed Doc (after ``lull_actors``
and the model's NER) and returns ``records.NumericClaim``s. The rule book is
``data/patterns/numbers.yaml`` (count nouns, qualifier phrases, rate and
claimant cues, with ids); the event lexicon (``data/patterns/events.yaml``)
gives the PLOVER type and mode of counted events and the agent/recipient
walkers of ``extract.arguments`` give their actor and recipient.

Policies (each visible in ``rule_id``: the unit rule's id plus suffixes):

* **What is a claim.** A cardinal or a vague quantity word counting a listed
  noun (attacks, soldiers, rockets, days ...), or digits counting any other
  plural noun that is not a measure ("85 targets"). Dates, years, ages,
  ordinals, money, percentages, distances ("250 kilometers north of Baghdad")
  and numbers inside names ("Tower 22") are not claims. Counted time is a claim
  with its time unit: durations and lags ("for 45 days", "the 60-day ceasefire",
  "three days after a visit"), but not "two weeks ago" (a date) nor the window
  of a count ("264 attacks in one year", read as a rate).
* **Words.** "three" is 3. A vague word is its literal lower bound with the
  qualifier ``at_least``: "several" 3, "dozens" 24 (two dozen), "hundreds" 200;
  ``+vague``. This is what the text claims; ACLED's fatality convention
  ("dozens" -> 12) is an export rule, applied where events are exported.
* **Qualifier** from the phrase just before the number ("around" -> about,
  "more than" -> more_than, "nearly" -> up_to); "between 40 and 50", "40-50", "two or three" are
  ranges (``low``/``high``, qualifier ``up_to``); "21+" is at_least in an infobox line, more_than in prose.
* **Rates** ("25 attacks per week", "a day", "daily") set ``rate_per`` (``+rate``);
  "264 attacks in one year" is a count over an unplaced window: ``rate_per``
  "year" (``+window``) unless the sentence dates the period.
* **Generic counters** ("264 cases", "78 times") take their unit from "the number
  of attacks" in the clause (``+aggregate``) or from the event verb (``+times``).
* **Subsets** ("94 of which directly impacted Israeli territories", "including
  two children") point to the claim before them (``parent_id``) and inherit its
  unit, scope, period and claimant; what the subset verb names becomes the
  target area (``+subset``).
* **Period**: the date expression attached to the number's own clause, resolved
  against the publication date by ``knowledge.dates`` (its rules hold: with only a
  lower bound on the publication date, "since November 2" has no year and the
  period stays ``None``; never a guessed year).
* **Claimant**: the subject of the outermost reporting verb over the number
  ("The statement also highlighted that ...", "Statistics show that ..."), or
  "according to X". An actor (a KB actor, "he" -> the last named person, "the
  statement" -> whoever issued the last statement, "the committee" -> the last
  actor named "... Committee ...") is ``claimant``; a source that is no actor
  ("Statistics") leaves ``claimant`` None with ``claimant_text`` as written.
  A sentence that continues the previous one ("But the number of attacks
  decreased to 56 cases") inherits its claimant and missing scope (``+continued``);
  an item of a list ("- ...") inherits the claimant of its lead line ("According
  to Ihsan al-Shammari, several factors have contributed ...:"), list markers
  being those of ``data/patterns/speech.yaml`` (``extract.attribution``).
"""
from __future__ import annotations

from .finder import claim_id, find_numeric_claims, text_id
from .rules import (
           NumberResources,
           NumberRules,
           UnitRule,
           load_number_rules,
)

__all__ = ["NumberResources", "NumberRules", "UnitRule", "claim_id", "find_numeric_claims",
           "load_number_rules", "text_id"]
