"""Numeric claims (lull_numbers): tables of real sentences -> expected NumericClaim records.

Sentences come from the bundled samples and from /work/shared/corpus-dev
(public-domain US government texts; one CC BY-SA 4.0 sentence from the
Wikipedia article "February 2024 United States bombing of Iraq and Syria",
by Wikipedia contributors, https://creativecommons.org/licenses/by-sa/4.0/,
not modified), quoted inline so each row reads as the spec. The pipeline is
the real one (spaCy model, actor ruler and KB, event coder) plus
``lull_numbers``; one is built per module.
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from lull.errors import ConfigError
from lull.extract.claims.numbers import find_numeric_claims, load_number_rules
from lull.records import DateSpan, NumericClaim
from lull.settings import Settings

SAMPLES = Path(__file__).resolve().parent.parent / "src" / "lull" / "data" / "samples"
from conftest import CORPUS_DEV  # noqa: E402


@pytest.fixture(scope="module")
def pipeline():
    from lull.nlp import number_finder  # noqa: F401  (registers the factory)
    from lull.nlp.pipeline import build_pipeline
    from lull.knowledge import Knowledge
    from lull.settings import Settings

    knowledge = Knowledge.load(Settings())
    nlp = build_pipeline(Settings(), knowledge=knowledge)
    if "lull_numbers" not in nlp.pipe_names:
        nlp.add_pipe("lull_numbers", config={"knowledge": knowledge.source.config()}).initialize(knowledge=knowledge)
    return nlp


def claims_of(pipeline, text: str, published: DateSpan | None = None, doc_id: str = "test-doc") -> list[NumericClaim]:
    doc = pipeline.make_doc(text)
    doc._.lull_doc_id, doc._.lull_published = doc_id, published
    return pipeline(doc)._.lull_numeric_claims


def sample(stem: str) -> str:
    return next(SAMPLES.glob(f"{stem}_*.txt")).read_text(encoding="utf-8")


def by_span(claims: list[NumericClaim], text: str) -> NumericClaim:
    found = [c for c in claims if c.span.text == text]
    assert found, f"no claim with span {text!r}; got {[c.span.text for c in claims]}"
    return found[0]


def actor_id(actor) -> str | None:
    return actor.id if actor is not None else None


def assert_provenance(claim: NumericClaim, text: str, doc_id: str) -> None:
    assert claim.doc_id == claim.sentence.doc_id == claim.span.doc_id == doc_id
    assert text[claim.sentence.start:claim.sentence.end] == claim.sentence.text
    assert text[claim.span.start:claim.span.end] == claim.span.text
    assert claim.sentence.start <= claim.span.start < claim.span.end <= claim.sentence.end


# --- the acceptance cases from the samples ----------------------------------------------------------


def test_numbers_264_and_56_attacks_with_their_iranian_years_and_statistics_as_claimant(pipeline):
    text = sample("003")
    claims = claims_of(pipeline, text, DateSpan.day(date(2023, 4, 29)), doc_id="003")
    first, second = by_span(claims, "264 cases"), by_span(claims, "56 cases")
    assert (first.value, first.unit, first.qualifier) == (264, "attacks", "exact")
    assert (second.value, second.unit, second.qualifier) == (56, "attacks", "exact")
    assert first.period == DateSpan(date(2021, 3, 21), date(2022, 3, 20), "day")
    assert second.period == DateSpan(date(2022, 3, 21), date(2023, 3, 20), "day")
    for claim in (first, second):  # "Statistics show": the outlet's own voice resting on statistics
        assert claim.claimant is None and claim.claimant_text == "Statistics"
        assert claim.scope.event_type == "ASSAULT"
        assert actor_id(claim.scope.actor) == "iraqi_factions"
        assert actor_id(claim.scope.recipient) == "us_forces"
        assert_provenance(claim, text, "003")
    assert second.rule_id.endswith("+continued")  # "But the number of attacks decreased to 56 cases"


def test_numbers_316_attacks_with_94_subset_and_the_committee_statement_as_claimant(pipeline):
    text = sample("001")
    bound = DateSpan(date(2024, 12, 8), None, "day", "reference-events")  # what ingest infers (Assad's fall)
    claims = claims_of(pipeline, text, bound, doc_id="001")
    total, subset = by_span(claims, "316 attacks"), by_span(claims, "94")
    assert (total.value, total.unit, total.parent_id) == (316, "attacks", None)
    assert (subset.value, subset.unit, subset.parent_id) == (94, "attacks", total.id)
    assert subset.scope.target_area == "Israeli territories"
    for claim in (total, subset):
        assert actor_id(claim.claimant) == "coordinating_committee_of_iraqi_factions"
        assert claim.claimant_text == "The statement"
        assert actor_id(claim.scope.actor) == "iraqi_factions"
        assert actor_id(claim.scope.recipient) == "israel"
        # only a lower bound on publication: "since November 2" keeps its month-day, with no guessed year
        assert claim.period.start is None and claim.period.start_md == (11, 2) and claim.period.end is None
        assert_provenance(claim, text, "001")


def test_numbers_since_november_2_is_an_open_period_when_the_publication_day_is_known(pipeline):
    claims = claims_of(pipeline, sample("001"), DateSpan.day(date(2024, 12, 10)))
    total, subset = by_span(claims, "316 attacks"), by_span(claims, "94")
    assert total.period == DateSpan(date(2024, 11, 2), date(2024, 12, 10), "day")
    assert subset.period == total.period


def test_numbers_rate_of_about_25_attacks_per_week_in_the_outlets_own_voice(pipeline):
    text = sample("001")
    claim = by_span(claims_of(pipeline, text, doc_id="001"), "25 attacks")
    assert (claim.value, claim.qualifier, claim.unit, claim.rate_per) == (25, "about", "attacks", "week")
    assert claim.claimant is None and claim.claimant_text is None
    assert actor_id(claim.scope.actor) == "iraqi_factions"  # "This comes after ...": the previous sentence's factions
    assert_provenance(claim, text, "001")


def test_numbers_three_soldiers_killed_are_fatalities_of_an_attack_on_a_us_base(pipeline):
    claim = by_span(claims_of(pipeline, sample("004"), DateSpan.day(date(2024, 2, 23))), "three U.S. soldiers")
    assert (claim.value, claim.unit, claim.qualifier) == (3, "killed", "exact")
    assert actor_id(claim.scope.recipient) == "us_forces"
    assert claim.scope.target_area == "a U.S. base near Jordan's border with Syria"
    assert claim.period is None  # "On January 27, ... but later three U.S. soldiers were killed"


# --- forms: qualifiers, ranges, rates, words ----------------------------------------------------------

FORMS = [
    # (sentence, span, unit, value, low, high, qualifier, rate_per)
    ("Preliminary indications are that approximately 10 rockets were fired from points of origin east of the base.",
     "10 rockets", "rockets", 10, None, None, "about", None),
    (("Since the onset of the Israel–Hamas war on 7 October 2023, militia groups supported by Iran have executed "
      "more than 170 attacks on US bases in Iraq, Jordan and Syria."),
     "170 attacks", "attacks", 170, None, None, "more_than", None),
    # people who died are counted as killed (an intransitive death verb's subject), fighters or not
    ("Local monitors said that at least seven militia fighters died in the strike, leaving many others injured.",
     "seven militia fighters", "killed", 7, None, None, "at_least", None),
    ("Three U.S. servicemembers were killed and dozens of personnel were injured from a one-way attack drone.",
     "dozens of personnel", "injured", 24, None, None, "at_least", None),
    ("The attack killed three U.S. soldiers and wounded between 40 and 50 others.",
     "40 and 50 others", "injured", None, 40, 50, "up_to", None),
    ("The factions carried out 264 attacks in one year.", "264 attacks", "attacks", 264, None, None, "exact", "year"),
    ("This comes after previously averaging around 25 attacks per week.",
     "25 attacks", "attacks", 25, None, None, "about", "week"),
    ("The militias launched up to 1.5 million rounds of ammunition a day.",
     "1.5 million rounds", "rounds", 1_500_000, None, None, "up_to", "day"),
    (("The fall of Bashar al-Assad's regime and the 60-day ceasefire agreement between Hezbollah and Israel have "
      "played a significant role."), "60-day", "days", 60, None, None, "exact", None),
    ("The U.S. forces retaliated by striking some headquarters of armed groups, killing and wounding dozens of them.",
     "dozens", "casualties", 24, None, None, "at_least", None),
]


@pytest.mark.parametrize("sentence,span,unit,value,low,high,qualifier,rate_per", FORMS)
def test_numbers_reads_value_qualifier_unit_and_rate(pipeline, sentence, span, unit, value, low, high, qualifier,
                                                     rate_per):
    claim = by_span(claims_of(pipeline, sentence), span)
    assert (claim.unit, claim.value, claim.low, claim.high) == (unit, value, low, high)
    assert (claim.qualifier, claim.rate_per) == (qualifier, rate_per)


NOT_CLAIMS = [
    "An oil refinery in the city of Beiji, some 250 kilometers north of Baghdad, was hit.",  # a distance
    "The assassination of Qasem Soleimani and Abu Mahdi al-Muhandis in 2020 marked a turning point.",  # a year
    "HAAA was involved in the January 2024 drone attack on Tower 22 in Jordan.",  # a date and a name
    "The militia fired rockets at the base two weeks ago.",  # a date relative to now
    "Attacks fell sharply last year, compared with the previous three years.",  # a comparison baseline
    "The 2024 Al-Asad Airbase missile attack wounded soldiers.",  # a year before a singular noun
    "Several factors have contributed to the cessation of these attacks.",  # a vague word on no count noun
    "Support for the government fell by 20 percent.",  # a percentage
    "Several rockets struck near the airport, and several people fled.",  # "several" is no claim (the manual)
    "An attack on the convoy was reported.",  # "an" counts one only as a casualty or a subset member
    "The group was designated in 2019 [12] and is one of the original members.",  # a reference marker, "one of"
]


# --- forms the coding manual codes: money, "a"/"an", subsets, computed durations, infoboxes ---------------
# (sentences written for these tests)

MANUAL_FORMS = [
    # (text, span, unit, value, low, high, qualifier)
    ("The ministry pledged more than $12 billion in reconstruction aid.", "12 billion", "USD", 12e9, None, None,
     "more_than"),
    ("The program cost approximately $350 million last year.", "350 million", "USD", 350e6, None, None, "about"),
    ("A roadside bomb killed a police officer in Tikrit.", "a police officer", "killed", 1, None, None, "exact"),
    ("The convoy was stalled for (2 months, 1 week and 3 days) before it moved.", "2 months, 1 week and 3 days",
     "days", 70, None, None, "exact"),
    ("Group profile\nStrength: 4,500 (March 2019)\n6,000 (May 2021; at most)\nLeaders: unknown\n", "6,000 (May 2021; at most)",
     "fighters", 6000, None, None, "up_to"),
    ("Outcome\n| Size | 12,000 |\n| Fatalities: None |\n", "12,000", "fighters", 12000, None, None, "exact"),
    ("Casualties\n3–11 fighters killed[b]\n14+ wounded\n", "14+ wounded", "injured", 14, None, None, "at_least"),
    ("Casualties\n3–11 fighters killed[b]\n14+ wounded\n", "3–11 fighters killed", "killed", None, 3, 11, "up_to"),
]


@pytest.mark.parametrize("text,span,unit,value,low,high,qualifier", MANUAL_FORMS)
def test_numbers_reads_the_manuals_forms(pipeline, text, span, unit, value, low, high, qualifier):
    claim = by_span(claims_of(pipeline, text), span)
    assert (claim.unit, claim.value, claim.low, claim.high, claim.qualifier) == (unit, value, low, high, qualifier)


SUBSETS = [
    # (text, subset span, parent value)
    ("The blast wounded four U.S. soldiers, one critically.", "one", 4),
    ("The explosion wounded nine soldiers. Two of those soldiers were flown to Germany.", "Two", 9),
    ("Mortars injured seven contractors, including an American engineer.", "an", 7),
    ("Twelve sailors were hurt. Four of the injured sailors were evacuated. The other eight returned to duty.",
     "eight", 12),
]


@pytest.mark.parametrize("text,span,parent_value", SUBSETS)
def test_numbers_subsets_point_to_their_total(pipeline, text, span, parent_value):
    claims = claims_of(pipeline, text)
    subset = next(c for c in claims if c.span.text.split()[0] == span)
    parent = next(c for c in claims if c.id == subset.parent_id)
    assert parent.value == parent_value


def test_numbers_infobox_figures_take_the_period_of_their_parenthesis_or_the_box_date(pipeline):
    text = ("Battle of the bridge\nDate4 March 2019\nCasualties\n17 killed\nGroup\nSize800 (June 2015)\n")
    claims = claims_of(pipeline, text)
    assert by_span(claims, "17 killed").period == DateSpan.day(date(2019, 3, 4))
    assert by_span(claims, "800 (June 2015)").period.start == date(2015, 6, 1)


def test_numbers_a_box_without_a_date_line_takes_the_first_day_of_the_prose_for_its_tolls(pipeline):
    text = ("Raid on the depot\nInfobox\n- Location: Mosul, Iraq\n- Injuries: 4 guards\n- Size: 300 fighters\n\n"
            "On 12 March 2022, gunmen stormed a weapons depot near Mosul. A second raid followed on 20 May 2022.")
    claims = claims_of(pipeline, text)
    assert by_span(claims, "4").period == DateSpan.day(date(2022, 3, 12))


def test_numbers_since_runs_to_the_day_the_sentence_dates_the_statement(pipeline):
    text = ("During his 14 April 2023 testimony, the general said militias have attacked U.S. troops 83 times "
            "since the beginning of 2021.")
    claim = by_span(claims_of(pipeline, text), "83 times")
    assert (claim.period.start, claim.period.end) == (date(2021, 1, 1), date(2023, 4, 14))


def test_numbers_injuries_to_troops_count_the_injured(pipeline):
    claim = by_span(claims_of(pipeline, "The rocket attacks resulted in injuries to dozens of troops."),
                    "dozens of troops")
    assert claim.unit == "injured"
    claims = claims_of(pipeline, "The strike caused injuries to four soldiers and two contractors.")
    assert [c.unit for c in claims] == ["injured", "injured"]  # the second conjunct is injured too


def test_numbers_the_quarter_is_the_reports_period_and_incident_tolls_carry_their_date(pipeline):
    text = ("Quarterly Report to Congress, April 1, 2023—June 30, 2023\n\n"
            "The agency funded 14 grants during the quarter. The inspectors issued 5 audits.\n\n"
            "Some 900 U.S. troops remain in Syria.\n\n"
            "On May 3, 2023, a drone attack struck the airport in Erbil. The attack killed two soldiers.")
    claims = claims_of(pipeline, text)
    grants = by_span(claims, "14 grants")
    assert (grants.period.start, grants.period.end) == (date(2023, 4, 1), date(2023, 6, 30))
    audits = by_span(claims, "5 audits")  # past tense in a periodic report: the report's period
    assert (audits.period.start, audits.period.end) == (date(2023, 4, 1), date(2023, 6, 30))
    troops = by_span(claims, "900 U.S. troops")  # a stock in the present tense: as of the period's end
    assert (troops.period.start, troops.period.end) == (None, date(2023, 6, 30))
    guards = by_span(claims, "two soldiers")  # an incident's toll: the incident's day
    assert guards.period == DateSpan.day(date(2023, 5, 3))


@pytest.mark.parametrize("sentence", NOT_CLAIMS)
def test_numbers_distances_dates_names_money_are_not_claims(pipeline, sentence):
    assert claims_of(pipeline, sentence) == []


# --- scope, period and claimant -------------------------------------------------------------------------


def test_numbers_times_after_an_attack_verb_counts_attacks_with_period_and_named_claimant(pipeline):
    text = ("Army Gen. Michael Erik Kurilla, commander of U.S. Central Command, said Iranian-backed forces have "
            "attacked American troops in Syria and Iraq 78 times since the beginning of 2021.")
    claim = by_span(claims_of(pipeline, text, DateSpan.day(date(2023, 3, 24))), "78 times")
    assert (claim.unit, claim.value, claim.scope.event_type) == ("attacks", 78, "ASSAULT")
    assert actor_id(claim.scope.recipient) == "us_forces"
    assert claim.period is not None and claim.period.start == date(2021, 1, 1)
    assert claim.period.end == date(2023, 3, 24)
    assert claim.claimant is not None and "Kurilla" in (claim.claimant_text or "")


def test_numbers_list_items_inherit_the_claimant_of_their_lead_line(pipeline):
    from lull.ingest import read_inputs
    from lull.settings import Settings

    [document] = read_inputs([str(next(SAMPLES.glob("001_*.txt")))], settings=Settings())  # drops the lone "-" lines
    text = document.text
    claim = by_span(claims_of(pipeline, text, doc_id="001"), "60-day")
    assert (claim.unit, claim.value) == ("days", 60)
    assert actor_id(claim.claimant) == "ihsan_al_shammari"
    assert_provenance(claim, text, "001")


def test_numbers_according_to_names_the_claimant(pipeline):
    text = "According to the Pentagon, 56 attacks targeted U.S. forces in Iraq and Syria."
    claim = by_span(claims_of(pipeline, text), "56 attacks")
    assert claim.claimant_text is not None and "Pentagon" in claim.claimant_text


def test_numbers_a_claim_of_responsibility_does_not_claim_the_toll(pipeline):
    """The group claims the attack; the toll in the relative clause is the outlet's."""
    claim = by_span(claims_of(pipeline, "Kataib Hezbollah claimed responsibility for the rocket attack on the base, "
                                        "which wounded three soldiers."), "three soldiers")
    assert (claim.unit, claim.claimant, claim.claimant_text) == ("injured", None, None)


def test_numbers_including_marks_a_subset_of_the_count_before_it(pipeline):
    text = "The attack wounded six U.S. personnel, including two contractors."
    claims = claims_of(pipeline, text)
    parent, child = by_span(claims, "six U.S. personnel"), by_span(claims, "two contractors")
    assert child.parent_id == parent.id
    assert child.rule_id.endswith("+subset")


def test_numbers_ids_are_stable_and_distinct(pipeline):
    text = sample("001")
    first = claims_of(pipeline, text, doc_id="001")
    again = claims_of(pipeline, text, doc_id="001")
    other = claims_of(pipeline, text, doc_id="another")
    assert [c.id for c in first] == [c.id for c in again]
    assert len({c.id for c in first}) == len(first)
    assert not {c.id for c in first} & {c.id for c in other}


def test_numbers_function_reads_doc_id_and_publication_from_the_doc(pipeline):
    doc = pipeline.make_doc(sample("003"))
    doc._.lull_doc_id, doc._.lull_published = "003", DateSpan.day(date(2023, 4, 29))
    doc = pipeline(doc)
    res = pipeline.get_pipe("lull_numbers").resources
    direct = find_numeric_claims(doc, res=res)
    assert direct == doc._.lull_numeric_claims
    assert {c.doc_id for c in direct} == {"003"}


# --- the rule book --------------------------------------------------------------------------------------


def test_numbers_bundled_rules_load_with_ids_and_literal_vague_bounds():
    rules = load_number_rules(Settings().number_rules_path)
    assert rules.units["attack"].id == "unit.event.attack"
    assert rules.vague["dozens"] == 24 and rules.vague["hundreds"] == 200
    assert ("more", "than") in [phrase for phrase, _ in rules.qualifiers]


@pytest.mark.parametrize("content,fragment", [
    ("units: [", "cannot read number rules"),
    ("version: 1\n", "missing or malformed section"),
])
def test_numbers_broken_rule_file_names_the_file_and_the_fix(tmp_path, content, fragment):
    path = tmp_path / "numbers.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=fragment) as info:
        load_number_rules(path)
    assert str(path) in str(info.value)


def test_numbers_a_lemma_in_two_unit_rules_is_refused(tmp_path):
    import yaml


    data = yaml.safe_load(Settings().number_rules_path.read_text(encoding="utf-8"))
    data["units"].append({"id": "unit.dup", "kind": "event", "unit": "attack", "lemmas": ["raid"]})
    path = tmp_path / "numbers.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(ConfigError, match="'raid' is in both"):
        load_number_rules(path)


# --- generality on the development corpus ------------------------------------------------------------


@pytest.mark.skipif(not CORPUS_DEV.exists(), reason="/work/shared/corpus-dev is not on this machine")
def test_numbers_corpus_dev_counts_of_attacks_and_casualties(pipeline):
    index = [json.loads(line) for line in (CORPUS_DEV / "index.jsonl").read_text(encoding="utf-8").splitlines()]
    claims: dict[str, list[NumericClaim]] = {}
    for row in index:
        text = (CORPUS_DEV / f"{row['id']}.txt").read_text(encoding="utf-8")
        published = DateSpan.day(date.fromisoformat(row["published"])) if row["published"] else None
        claims[row["id"]] = claims_of(pipeline, text, published, doc_id=row["id"])
        for claim in claims[row["id"]]:
            assert_provenance(claim, text, row["id"])
            assert claim.value is not None or (claim.low is not None and claim.high is not None)
    units = [c.unit for found in claims.values() for c in found]
    assert units.count("attacks") >= 4 and units.count("killed") + units.count("injured") >= 3
    assert by_span(claims["031"], "170 attacks").qualifier == "more_than"
    assert by_span(claims["006"], "10 rockets").qualifier == "about"
    assert all(c.value != 2024 for found in claims.values() for c in found)  # years are never counts
