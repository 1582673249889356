"""Event resolution: one event per real-world event, within and across documents.

The mentions come from the real pipeline (spaCy + lull's coder) run on the
bundled samples, on corpus-dev articles (CC BY-SA / public domain, see
/work/shared/corpus-dev/index.jsonl), and on short test articles written in
the samples' style for cases the corpus lacks (two attacks on one day, a
disagreeing death toll, a claim beside an accusation and a denial).
"""
from __future__ import annotations

import json
import random
from datetime import date

import pytest
from conftest import CORPUS_DEV as CORPUS  # noqa: E402

from lull.records import DateSpan, Document, Mention, Place
from lull.knowledge.actors import ActorKB
from lull.link.match import dates_overlap, places_compatible, recipients_compatible, same_place
from lull.link.cluster import resolve_events
from lull.settings import Settings


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    return ActorKB.load(Settings().actors_path)


@pytest.fixture(scope="module")
def pipeline(kb):
    from lull.nlp.pipeline import build_pipeline
    from lull.knowledge import Knowledge
    from lull.settings import Settings

    return build_pipeline(Settings(), knowledge=Knowledge.load(Settings()))


def _doc(doc_id: str, text: str, published: date | None) -> Document:
    return Document(id=doc_id, text=text, locator=f"{doc_id}.txt",
                    published=DateSpan.day(published, "user") if published else None)


def _mentions(docs: list[Document], pipeline) -> list[Mention]:
    from lull.extract.documents import extract_document

    return [m for d in docs for m in extract_document(d, nlp=pipeline).mentions if isinstance(m, Mention)]


def _resolve(texts: dict[str, tuple[str, date]], pipeline, kb):
    docs = [_doc(k, text, published) for k, (text, published) in texts.items()]
    mentions = _mentions(docs, pipeline)
    return resolve_events(mentions, kb=kb, documents={d.id: d for d in docs}), mentions


def _assaults(events):
    return [e for e in events if e.type == "ASSAULT"]


# --- matching rules ---------------------------------------------------------------------

JAN = DateSpan(date(2024, 1, 1), date(2024, 1, 31), "month")


@pytest.mark.parametrize("a, b, overlap", [
    (JAN, DateSpan.day(date(2024, 1, 28)), True),  # a month overlaps any of its days
    (JAN, DateSpan.day(date(2024, 2, 1)), False),
    (DateSpan(date(2023, 11, 1), None, "month"), DateSpan.day(date(2024, 1, 28)), True),  # "since November 2023"
    (DateSpan.day(date(2024, 1, 27)), DateSpan.day(date(2024, 1, 28)), False),
    (None, DateSpan.day(date(2024, 1, 28)), False),  # unknown is no evidence
])
def test_event_match_dates_overlap_at_their_precision(a, b, overlap):
    assert dates_overlap(a, b) is overlap


TOWER_22 = Place("Tower 22", "Tower 22", 33.32, 38.69, 1, "JO", "base", "lull:tower-22")
AL_TANF = Place("al-Tanf", "Al-Tanf", 33.50, 38.67, 1, "SY", "base", "lull:al-tanf")  # ~20 km north
RUKBAN = Place("near Rukban", "Rukban", 33.30, 38.26, 2, "SY", "camp", None)  # ~40 km west
JORDAN = Place("Jordan", "Jordan", 31.2, 36.5, 3, "JO", "country", None)
ERBIL = Place("Erbil", "Erbil", 36.19, 44.01, 1, "IQ", "city", None)
SHAQLAWA = Place("Shaqlawa", "Shaqlawa", 36.40, 44.32, 1, "IQ", "city", None)  # ~36 km north-east of Erbil
KOYA = Place("Koya", "Koya", 36.08, 44.63, 1, "IQ", "city", None)  # ~57 km east


@pytest.mark.parametrize("a, b, compatible", [
    (TOWER_22, AL_TANF, True),  # precision 1: within 25 km
    (TOWER_22, RUKBAN, True),  # precision 2: within 50 km
    (TOWER_22, JORDAN, True),  # precision 3: same country
    (AL_TANF, JORDAN, False),  # precision 3: another country
    (TOWER_22, ERBIL, False),
    (TOWER_22, None, True),
    (ERBIL, SHAQLAWA, True),  # two towns ~35 km apart: one event may be placed by either
    (ERBIL, KOYA, False),  # ~57 km: too far for two town-precision places of one event
])
def test_event_match_place_threshold_scales_with_precision(a, b, compatible):
    assert places_compatible(a, b) is compatible


def test_event_match_neighbouring_towns_are_compatible_but_not_the_same_place():
    """Reports place one event by the nearest town each knows; two towns ~35 km apart do not prove it either."""
    assert places_compatible(ERBIL, SHAQLAWA) and not same_place(ERBIL, SHAQLAWA)
    assert same_place(TOWER_22, AL_TANF) is False and same_place(ERBIL, ERBIL)


@pytest.mark.parametrize("a, b, verdict", [
    ({"us_forces"}, {"us_forces"}, True),
    ({"us_forces"}, {"idf"}, False),  # two different forces clash
    ({"oir_coalition"}, {"us_forces"}, None),  # a coalition's troops are its members' forces: no evidence either way
    ({"oir_coalition"}, {"israel"}, None),
    ({"united_states"}, {"us_forces"}, True),
])
def test_event_match_recipients_coalition_beside_forces_is_no_clash(kb, a, b, verdict):
    assert recipients_compatible(a, b, kb) is verdict


# --- real texts --------------------------------------------------------------------------


def test_resolve_events_tower22_background_and_news_are_one_event(pipeline, kb, samples_dir):
    if not CORPUS.is_dir():
        pytest.skip(f"corpus-dev not found at {CORPUS}; it holds the news reports of the Tower 22 attack")
    index = {json.loads(line)["id"]: json.loads(line) for line in (CORPUS / "index.jsonl").read_text().splitlines()}
    docs = [_doc("sample004", (samples_dir / "004_0c48c95ef52fe2e9.txt").read_text(encoding="utf-8"), None)]
    for cid in ("030", "031", "043", "046"):
        published = index[cid]["published"]
        docs.append(_doc(f"dev{cid}", (CORPUS / f"{cid}.txt").read_text(encoding="utf-8"),
                         date.fromisoformat(published) if published else None))
    mentions = _mentions(docs, pipeline)
    events = resolve_events(mentions, kb=kb, documents={d.id: d for d in docs})
    background = next(m for m in mentions if m.doc_id == "sample004" and "three U.S. soldiers were killed"
                      in m.sentence.text and m.type == "ASSAULT")
    tower = [e for e in events if background.id in e.mention_ids]
    assert len(tower) == 1
    event = tower[0]
    assert {"sample004", "dev030", "dev031", "dev046"} <= set(event.doc_ids)
    assert event.place is not None and event.place.name == "Tower 22"
    assert event.date == DateSpan.day(date(2024, 1, 28)) and event.fatalities == 3
    others = [e for e in events if e.id != event.id and e.place is not None and e.place.name == "Tower 22"]
    assert others == []


SAME_DAY = {
    "a": (("A drone attack struck Ain al-Asad air base in western Iraq on January 20, 2024. Another drone attack "
           "hit the Al-Harir Air Base in Erbil on January 20, 2024."), date(2024, 1, 21)),
    "b": ("Iraqi factions said a drone attack targeted the Al-Harir Air Base on January 20, 2024.", date(2024, 1, 22)),
}


def test_resolve_events_two_attacks_on_two_bases_the_same_day_stay_two(pipeline, kb):
    events, _ = _resolve(SAME_DAY, pipeline, kb)
    by_place = {e.place.name: e for e in _assaults(events)}
    assert set(by_place) == {"Ain al-Asad Air Base", "Harir Air Base"}
    assert by_place["Harir Air Base"].doc_ids == ("a", "b")
    assert by_place["Ain al-Asad Air Base"].doc_ids == ("a",)


TOLLS = {
    "early": ("Two U.S. soldiers were killed in a drone attack on Tower 22 in Jordan on January 28, 2024.",
              date(2024, 1, 28)),
    "later": ("Three U.S. soldiers were killed in a drone attack on Tower 22 in Jordan on January 28, 2024.",
              date(2024, 1, 29)),
}


def test_resolve_events_conflicting_death_tolls_are_listed_not_averaged(pipeline, kb):
    events, mentions = _resolve(TOLLS, pipeline, kb)
    [event] = _assaults(events)
    [conflict] = [c for c in event.conflicts if c.field == "fatalities"]
    by_doc = {m.id: m.doc_id for m in mentions}
    assert {value: tuple(by_doc[i] for i in ids) for value, ids in conflict.values} == \
        {"2": ("early",), "3": ("later",)}
    assert event.fatalities == 3  # a tie goes to the larger figure, never the mean
    assert (event.first_reported, event.last_reported) == (date(2024, 1, 28), date(2024, 1, 29))


CLAIM_AND_ATTRIBUTION = {
    "claim": (("The Islamic Resistance in Iraq claimed responsibility for a drone attack on Tower 22 in Jordan on "
               "January 28, 2024."), date(2024, 1, 28)),
    "accusation": (("The United States accused Kata'ib Hezbollah of carrying out the drone attack on Tower 22 in "
                    "Jordan on January 28, 2024."), date(2024, 1, 29)),
    "denial": ("Kata'ib Hezbollah denied that it carried out the drone attack on Tower 22 on January 28, 2024.",
               date(2024, 1, 30)),
    "negation": (("There has not been any attack on Tower 22 since January 28, 2024. The groups may attack "
                  "Tower 22 again."), date(2024, 2, 20)),
}


def test_resolve_events_claim_and_attribution_are_both_kept(pipeline, kb):
    events, _ = _resolve(CLAIM_AND_ATTRIBUTION, pipeline, kb)
    [event] = [e for e in _assaults(events) if e.countable]
    assert [a.id for a in event.claimed_by] == ["islamic_resistance_in_iraq"]
    assert [(who.id, whom.id) for who, whom in event.attributed_to] == [("united_states", "kataib_hezbollah")]
    assert event.status == "confirmed"  # a state not on the perpetrator's side states it
    assert any(c.field == "status" for c in event.conflicts)  # the denial is listed beside the claim
    assert set(event.doc_ids) == {"claim", "accusation", "denial"}  # the accused act is a report of the event too
    assert "negation" not in event.doc_ids


def test_resolve_events_negated_and_hypothetical_mentions_make_no_countable_event(pipeline, kb):
    events, mentions = _resolve(CLAIM_AND_ATTRIBUTION, pipeline, kb)
    unreal = {m.id for m in mentions if m.modality in ("negated", "hypothetical", "future")}
    assert unreal, "the negation article should give negated/hypothetical mentions"
    assert {m.id for m in mentions} == {mid for e in events for mid in e.mention_ids}  # every mention has an event
    only_unreal = [e for e in events if set(e.mention_ids) <= unreal]
    assert only_unreal and not any(e.countable for e in only_unreal)


def test_resolve_events_is_idempotent_and_order_free(pipeline, kb):
    texts = {**SAME_DAY, **TOLLS}
    docs = {k: _doc(k, text, published) for k, (text, published) in texts.items()}
    mentions = _mentions(list(docs.values()), pipeline)
    first = resolve_events(mentions, kb=kb, documents=docs)
    shuffled = list(mentions)
    random.Random(7).shuffle(shuffled)
    assert resolve_events(shuffled, kb=kb, documents=docs) == first
    assert resolve_events(mentions, kb=kb, documents=docs, previous=first) == first


def test_resolve_events_adding_a_document_keeps_existing_ids(pipeline, kb):
    docs = {k: _doc(k, text, published) for k, (text, published) in {**SAME_DAY, **TOLLS}.items()}
    mentions = _mentions(list(docs.values()), pipeline)
    before = resolve_events([m for m in mentions if m.doc_id != "early"], kb=kb, documents=docs)
    after = resolve_events(mentions, kb=kb, documents=docs, previous=before)
    assert {e.id for e in before} == {e.id for e in after}
    tower = next(e for e in after if e.place and e.place.name == "Tower 22")
    assert tower.doc_ids == ("early", "later")


def test_resolve_events_person_stands_for_their_organisation(kb):
    """Akram al-Kaabi's group claim and a Nujaba claim are one actor; Kata'ib Hezbollah is another."""
    def mention(mid: str, actor_id: str) -> Mention:
        from lull.records import Actor, Span

        sentence = Span(mid, 0, 10, "x" * 10)
        return Mention(id=mid, doc_id=mid, sentence=sentence, trigger=sentence, rule_id="test", type="ASSAULT",
                       mode="drone", actors=(Actor(actor_id, id=actor_id),), place=TOWER_22,
                       date=DateSpan.day(date(2024, 1, 28)))

    docs = {}
    nujaba = resolve_events([mention("m1", "akram_al_kaabi"), mention("m2", "harakat_al_nujaba")], kb=kb,
                            documents=docs)
    rivals = resolve_events([mention("m1", "harakat_al_nujaba"), mention("m2", "kataib_hezbollah")], kb=kb,
                            documents=docs)
    assert len(nujaba) == 1 and len(rivals) == 2


# --- undated reports: standing states, mutual acts, bare mentions (constructed mentions, facts as the coder gives them)


def _mention(mid: str, doc_id: str, type_: str, actors: tuple[str, ...] = (), recipients: tuple[str, ...] = (), *,
             sentence: int = 0, trigger: int = 0, place: Place | None = None, when: DateSpan | None = None) -> Mention:
    from lull.records import Actor, Span

    def parties(names: tuple[str, ...]) -> tuple[Actor, ...]:  # one lower-case word: a KB id; else unknown text
        return tuple(Actor(n, id=n) if n.islower() and " " not in n else Actor(n) for n in names)

    return Mention(id=mid, doc_id=doc_id, sentence=Span(doc_id, sentence, sentence + 80, "x" * 80),
                   trigger=Span(doc_id, trigger, trigger + 5, "xxxxx"), rule_id="test", type=type_,
                   actors=parties(actors), recipients=parties(recipients), place=place, date=when)


def _published(**days: date | None) -> dict[str, Document]:
    return {k: _doc(k, "x", d) for k, d in days.items()}


@pytest.mark.parametrize("second, published, events", [
    # "Iraqi factions have observed an unannounced ceasefire with the US forces" two weeks after
    # "The Islamic Resistance in Iraq has suspended its attacks on the United States": one pause
    (("iraqi_factions", "us_forces"), date(2024, 2, 21), 1),
    # the same words in an article ten months earlier: the pause current then (a hard constraint)
    (("iraqi_factions", "us_forces"), date(2023, 4, 29), 2),
    # a halt of attacks on Israel is another pause, whoever halts
    (("iraqi_factions", "israel"), date(2024, 2, 21), 2),
    # an article whose publication date is unknown cannot rule the pause out
    (("iraqi_factions", "us_forces"), None, 1),
])
def test_resolve_events_undated_pause_told_by_close_articles_is_one(kb, second, published, events):
    mentions = [_mention("m1", "a", "RETREAT", ("islamic_resistance_in_iraq",), ("united_states",)),
                _mention("m2", "b", "RETREAT", (second[0],), (second[1],))]
    found = resolve_events(mentions, kb=kb, documents=_published(a=date(2024, 2, 7), b=published))
    assert len(found) == events


def test_resolve_events_mutual_act_compares_all_its_parties(kb):
    """"Secret Deal" of the resistance groups, and "the Iraqi premier promised the resistance groups": one deal."""
    mentions = [_mention("m1", "a", "AGREE", ("iraqi_factions",)),
                _mention("m2", "a", "AGREE", ("iraqi_government",), ("iraqi_factions",), sentence=600, trigger=676)]
    assert len(resolve_events(mentions, kb=kb, documents=_published(a=date(2023, 4, 29)))) == 1
    assault = [_mention("m3", "a", "ASSAULT", ("iraqi_factions",)),
               _mention("m4", "a", "ASSAULT", ("iraqi_government",), ("iraqi_factions",), sentence=600)]
    assert len(resolve_events(assault, kb=kb, documents=_published(a=date(2023, 4, 29)))) == 2


@pytest.mark.parametrize("first, second, events", [
    (("the government",), ("us_forces",), 2),  # "the government sought a ceasefire, and the Americans requested it"
    (("other parties",), ("Other parties",), 1),  # one subject said twice
    (("the government",), ("the Americans",), 2),  # two subjects the KB does not know
    ((), ("us_forces",), 1),  # "sought ... the ceasefire the Americans requested": a subject on one side only
    # "Iran-backed groups attacked Israel amid the war Hamas waged": subjects joined only by a loose coalition
    (("iran_backed_militias",), ("hamas",), 2),
    (("iran_backed_militias",), ("kataib_hezbollah",), 1),  # a generic nominal and a group under its own umbrella
])
def test_resolve_events_one_sentence_two_subjects_are_two_acts(kb, first, second, events):
    mentions = [_mention("m1", "a", "REQUEST", first, trigger=10), _mention("m2", "a", "REQUEST", second, trigger=40)]
    assert len(resolve_events(mentions, kb=kb, documents=_published(a=date(2024, 2, 7)))) == events


@pytest.mark.parametrize("first, second, published, events", [
    ("Winston Blackmore", "WINSTON BLACKMORE", date(2024, 2, 10), 1),  # one named party, close articles
    ("Winston Blackmore", "James Oler", date(2024, 2, 10), 2),  # two people: no evidence, no merge
    ("Sgt. Tim Shields", "Shields", date(2024, 2, 10), 1),  # named in full, then by surname
    ("Mr Ging", "John Ging", date(2024, 2, 10), 1),  # a title instead of the first name
    ("John Ging", "John Holmes", date(2024, 2, 10), 2),  # one first name is no shared party
    ("He", "he", date(2024, 2, 10), 2),  # a pronoun is not a name
    ("Winston Blackmore", "Winston Blackmore", date(2024, 9, 1), 2),  # same name, articles months apart
])
def test_resolve_events_bare_reports_need_a_shared_party_across_documents(kb, first, second, published, events):
    mentions = [_mention("m1", "a", "LEMMA:arrest", (first,)), _mention("m2", "b", "LEMMA:arrest", (second,))]
    found = resolve_events(mentions, kb=kb, documents=_published(a=date(2024, 2, 7), b=published))
    assert len(found) == events


def test_resolve_events_undated_report_cannot_be_a_later_event(kb):
    """"The attack on Ain al-Asad" in an article of April 2023 is not the attack there on 2 February 2024."""
    ain_al_asad = Place("Ain al-Asad", "Ain al-Asad Air Base", 33.80, 42.44, 1, "IQ", "base", "lull:ain-al-asad")
    later = DateSpan.day(date(2024, 2, 2))
    mentions = [_mention("m1", "a", "ASSAULT", place=ain_al_asad),
                _mention("m2", "b", "ASSAULT", place=ain_al_asad, when=later)]
    assert len(resolve_events(mentions, kb=kb, documents=_published(a=date(2023, 4, 29), b=date(2024, 2, 3)))) == 2
    assert len(resolve_events(mentions, kb=kb, documents=_published(a=date(2024, 2, 4), b=date(2024, 2, 3)))) == 1


# --- one event per real event: periods, reversed roles, neighbouring sites, undated documents


def test_resolve_events_a_period_never_joins_an_incident(kb):
    """"Since November 2023, the Islamic Resistance in Iraq has attacked US forces" is a series, not the attack
    on Tower 22 on 28 January 2024 that the same article tells next (aggregates never merge with incidents)."""
    since = DateSpan(date(2023, 11, 1), None, "month")
    from_to = DateSpan(date(2023, 11, 1), date(2024, 3, 31), "month")
    day = DateSpan.day(date(2024, 1, 28))
    for period in (since, from_to):
        mentions = [_mention("m1", "a", "ASSAULT", ("islamic_resistance_in_iraq",), ("us_forces",), when=period),
                    _mention("m2", "a", "ASSAULT", ("islamic_resistance_in_iraq",), ("us_forces",), sentence=200,
                             place=TOWER_22, when=day)]
        assert len(resolve_events(mentions, kb=kb, documents=_published(a=date(2024, 2, 3)))) == 2
    year = DateSpan(date(2024, 1, 1), date(2024, 12, 31), "year")  # "the 2024 attack on Tower 22": a point
    mentions = [_mention("m1", "a", "ASSAULT", ("islamic_resistance_in_iraq",), ("us_forces",), when=year),
                _mention("m2", "a", "ASSAULT", ("islamic_resistance_in_iraq",), ("us_forces",), sentence=200,
                         place=TOWER_22, when=day)]
    assert len(resolve_events(mentions, kb=kb, documents=_published(a=date(2024, 2, 3)))) == 1


@pytest.mark.parametrize("first, second, events", [
    # "U.S. forces conducted airstrikes yesterday in response to the attacks against American forces"
    ((("us_forces",), ()), ((), ("us_forces",)), 2),
    ((("us_forces",), ("kataib_hezbollah",)), (("islamic_resistance_in_iraq",), ("us_forces",)), 2),
    ((("us_forces",), ()), ((), ("kataib_hezbollah",)), 1),  # the strike and its target told apart
])
def test_resolve_events_reversed_roles_are_two_events(kb, first, second, events):
    day = DateSpan.day(date(2022, 8, 24))
    mentions = [_mention("m1", "a", "ASSAULT", *first, when=day),
                _mention("m2", "a", "ASSAULT", *second, sentence=200, when=day)]
    assert len(resolve_events(mentions, kb=kb, documents=_published(a=date(2022, 8, 25)))) == events


OMAR = Place("al-Omar oil field", "Green Village", 35.12, 40.55, 2, "SY", "base", "lull:green-village")
CONOCO = Place("Conoco gas field", "Conoco gas field base", 35.32, 40.28, 2, "SY", "base", "lull:conoco")


@pytest.mark.parametrize("second, events", [(CONOCO, 2), (OMAR, 1)])
def test_resolve_events_two_neighbouring_bases_are_no_evidence(kb, second, events):
    """Undated rocket attacks on al-Omar and on the Conoco base (about 30 km apart) in two reports: two events."""
    mentions = [_mention("m1", "a", "ASSAULT", ("iran_backed_militias",), place=OMAR),
                _mention("m2", "b", "ASSAULT", ("islamic_resistance_in_iraq",), ("us_forces",), place=second)]
    found = resolve_events(mentions, kb=kb, documents=_published(a=date(2024, 2, 7), b=date(2024, 2, 10)))
    assert len(found) == events


@pytest.mark.parametrize("published, events", [
    ((date(2021, 2, 26), None), 2),  # an undated strike in a report of unknown date may be from any year
    ((None, None), 1),  # neither report is dated: time cannot tell them apart, the parties decide
    ((date(2021, 2, 26), date(2021, 3, 1)), 1),
])
def test_resolve_events_unknown_publication_is_no_time_evidence(kb, published, events):
    """"The United States conducted a strike on a facility of the IRGC" told undated by two reports."""
    mentions = [_mention("m1", "a", "ASSAULT", ("us_forces",), ("irgc",), when=DateSpan.day(date(2021, 2, 25))),
                _mention("m2", "b", "ASSAULT", ("us_forces",), ("irgc",))]
    found = resolve_events(mentions, kb=kb, documents=_published(a=published[0], b=published[1]))
    assert len(found) == events


def test_resolve_events_a_plural_pinned_to_a_day_without_its_year_is_one_operation(kb):
    """"On February 2, the United States conducted airstrikes on 85 targets": one operation, not a series."""
    partial = DateSpan(None, None, "day", start_md=(2, 2), end_md=(2, 2))
    from dataclasses import replace
    from lull.vocabulary import Policy

    plural = replace(_mention("m3", "a", "ASSAULT", ("us_forces",), ("irgc",), when=partial),
                     policies=frozenset({Policy.PLURAL}))
    assert [e.mention_ids for e in resolve_events([plural], kb=kb, documents=_published(a=None))] == [("m3",)]


@pytest.mark.parametrize("month_day, apart", [((2, 2), True), ((1, 23), False), ((1, 24), False)])
def test_event_match_a_day_without_its_year_is_another_day_of_the_year(kb, month_day, apart):
    """"On February 2, the United States conducted airstrikes" (a report of unknown date) and strikes on the
    same parties on 23 January 2024 are two operations; the same month and day (or the next) may be one."""
    from lull.link.match import match

    partial = DateSpan(None, None, "day", start_md=month_day, end_md=month_day)
    full = _mention("m1", "a", "ASSAULT", ("us_forces",), ("irgc",), when=DateSpan.day(date(2024, 1, 23)))
    yearless = _mention("m2", "b", "ASSAULT", ("us_forces",), ("irgc",), when=partial)
    assert (match(full, yearless, kb).reason == "date") is apart


def test_resolve_events_unreal_mentions_join_only_by_a_shared_argument(kb):
    """"Kata'ib Hezbollah struck Tower 22 on 28 January" and, in the same article, "further strikes may follow"
    (hypothetical, no party, no place): the hypothetical founds its own uncounted event; "the group could strike
    US forces again" shares the actor and joins the attack, which stays one counted incident. An undated
    hypothetical naming one actor cannot chain that actor's two attacks on two days."""
    from dataclasses import replace
    from lull.vocabulary import Countability, Modality

    day = DateSpan.day(date(2024, 1, 28))
    attack = _mention("m1", "a", "ASSAULT", ("kataib_hezbollah",), ("us_forces",), place=TOWER_22, when=day)
    vague = replace(_mention("m2", "a", "ASSAULT", sentence=200, trigger=200), modality=Modality.HYPOTHETICAL)
    again = replace(_mention("m3", "a", "ASSAULT", ("kataib_hezbollah",), sentence=300, trigger=300),
                    modality=Modality.HYPOTHETICAL)
    found = resolve_events([attack, vague, again], kb=kb, documents=_published(a=date(2024, 1, 29)))
    assert sorted((e.mention_ids, e.countability) for e in found) == [
        (("m1", "m3"), Countability.INCIDENT), (("m2",), Countability.UNREAL)]
    other = _mention("m4", "a", "ASSAULT", ("kataib_hezbollah",), ("us_forces",), sentence=400, trigger=400,
                     place=ERBIL, when=DateSpan.day(date(2024, 1, 20)))
    found = resolve_events([attack, other, again], kb=kb, documents=_published(a=date(2024, 1, 29)))
    assert len(found) == 2 and not any({"m1", "m4"} <= set(e.mention_ids) for e in found)


def test_resolve_events_an_aggregate_never_joins_an_incident(kb):
    """"Militias have attacked US forces more than 150 times" (an aggregate, undated) beside "a drone attack by
    the Islamic Resistance in Iraq killed three US soldiers" in one article: two events, the first uncounted."""
    from dataclasses import replace
    from lull.vocabulary import Countability

    series = replace(_mention("m1", "a", "ASSAULT", ("islamic_resistance_in_iraq",), ("us_forces",)), aggregate=True)
    attack = _mention("m2", "a", "ASSAULT", ("islamic_resistance_in_iraq",), ("us_forces",), sentence=200,
                      trigger=200, place=TOWER_22)
    found = resolve_events([series, attack], kb=kb, documents=_published(a=date(2024, 1, 29)))
    assert sorted((e.mention_ids, e.countability) for e in found) == [
        (("m1",), Countability.AGGREGATE), (("m2",), Countability.INCIDENT)]


def test_resolve_events_a_follow_up_story_joins_its_vague_reports(kb):
    """A wire and its follow-up share the raid on Tower 22 (same site, same day); the follow-up's undated
    "the arrests" then joins the wire's arrests, which across unrelated reports would be no evidence."""
    day = DateSpan.day(date(2024, 1, 28))
    raid = [_mention("r1", "a", "ASSAULT", place=TOWER_22, when=day),
            _mention("r2", "b", "ASSAULT", place=TOWER_22, when=day)]
    arrests = [_mention("x1", "a", "LEMMA:arrest", sentence=200), _mention("x2", "b", "LEMMA:arrest", sentence=200)]
    docs = _published(a=date(2024, 1, 28), b=date(2024, 1, 29))
    assert len(resolve_events(arrests, kb=kb, documents=docs)) == 2  # no story: two undated arrests
    found = resolve_events(raid + arrests, kb=kb, documents=docs)
    assert sorted(len(e.mention_ids) for e in found) == [2, 2]


def test_resolve_events_reports_a_year_apart_are_no_story(kb):
    """Two reports that both re-tell the raid on Tower 22 but were published a year apart are no wire and
    follow-up: their bare undated "arrests" stay two events."""
    day = DateSpan.day(date(2024, 1, 28))
    raid = [_mention("r1", "a", "ASSAULT", place=TOWER_22, when=day),
            _mention("r2", "b", "ASSAULT", place=TOWER_22, when=day)]
    arrests = [_mention("x1", "a", "LEMMA:arrest", sentence=200), _mention("x2", "b", "LEMMA:arrest", sentence=200)]
    found = resolve_events(raid + arrests, kb=kb, documents=_published(a=date(2024, 1, 29), b=date(2025, 2, 1)))
    assert sorted(len(e.mention_ids) for e in found) == [1, 1, 2]


def test_resolve_events_a_story_joins_no_undated_mention_to_a_dated_one(kb):
    """The follow-up's undated retaliation against the militias' umbrella does not join a dated strike on one
    of its commanders told in the wire, though both documents share the raid (one party alone is no time)."""
    day = DateSpan.day(date(2024, 1, 28))
    raid = [_mention("r1", "a", "ASSAULT", place=TOWER_22, when=day),
            _mention("r2", "b", "ASSAULT", place=TOWER_22, when=day)]
    strike = _mention("s1", "a", "ASSAULT", (), ("kataib_hezbollah",), sentence=200, when=DateSpan.day(date(2024, 2, 7)))
    reply = _mention("s2", "b", "ASSAULT", ("us_forces",), ("kataib_hezbollah",), sentence=200)
    found = resolve_events(raid + [strike, reply], kb=kb, documents=_published(a=date(2024, 2, 8), b=date(2024, 2, 9)))
    assert not any({"s1", "s2"} <= set(e.mention_ids) for e in found)


@pytest.mark.parametrize("second_doc, second_place, events", [
    ("a", TOWER_22, 1),  # one article, one site, one day: one attack whatever mode each clause names
    ("b", TOWER_22, 2),  # another report: a drone attack and a rocket attack on one base on one day stay two
    ("a", None, 2),  # no site in common: the modes decide
])
def test_resolve_events_modes_differ_only_within_one_article_at_one_site(kb, second_doc, second_place, events):
    from dataclasses import replace

    day = DateSpan.day(date(2024, 8, 5))
    first = replace(_mention("m1", "a", "ASSAULT", recipients=("us_forces",), place=TOWER_22, when=day),
                    mode="heavy-weapons")
    second = replace(_mention("m2", second_doc, "ASSAULT", recipients=("us_forces",), sentence=300,
                              place=second_place, when=day), mode="drone")
    found = resolve_events([first, second], kb=kb, documents=_published(a=date(2024, 8, 6), b=date(2024, 8, 6)))
    assert len(found) == events


@pytest.mark.parametrize("second, published, events", [
    ({}, None, 1),  # "the earthquake" in two clippings without dates: the type is all there is, and it agrees
    ({"where": JORDAN, "when": DateSpan(date(2024, 1, 1), date(2024, 12, 31), "year")}, None, 1),  # "in 2024 in Jordan"
    ({"where": ERBIL}, None, 2),  # the other names a town: a fact the first lacks, not the same event by type alone
    ({"when": DateSpan.day(date(2024, 1, 28))}, None, 2),  # a day: likewise
    ({"actors": ("James Oler",)}, None, 2),  # two different people the KB does not know
    ({"actors": ("Oler",)}, None, 2),  # a surname of neither
    ({"actors": ("Mr Blackmore",)}, None, 1),  # the same man by his surname
    ({}, date(2024, 1, 29), 2),  # one report is dated: time could tell them apart, the type is no evidence
])
def test_resolve_events_silent_mentions_of_an_undated_collection_join_on_their_type(kb, second, published, events):
    mentions = [_mention("m1", "a", "LEMMA:quake", ("Winston Blackmore",) if "actors" in second else ()),
                _mention("m2", "b", "LEMMA:quake", second.get("actors", ()), place=second.get("where"),
                         when=second.get("when"))]
    found = resolve_events(mentions, kb=kb, documents=_published(a=None, b=published))
    assert len(found) == events


@pytest.mark.parametrize("actor, published, events", [
    ("iran_backed_militias", date(2024, 1, 25), 1),  # "a series of attacks" told while the campaign ran: one campaign
    ("iran_backed_militias", date(2021, 6, 4), 2),  # the same words in 2021: an earlier campaign
    ("iran_backed_militias", None, 2),  # a report of unknown date: no time in common
    ("houthis", date(2024, 1, 25), 2),  # "Iran-backed militias" may stand for the Houthis, but proves no campaign
    ("kataib_hezbollah", date(2024, 1, 25), 1),  # a member of the Iraqi umbrellas the generic nominal names
])
def test_resolve_events_aggregates_of_one_campaign_join_across_reports(kb, actor, published, events):
    """"Militias have executed more than 170 attacks on US bases since 7 October 2023" (published 3 February 2024)
    and another report's undated "the militias have perpetrated a series of attacks against US forces in Iraq"
    (a place the first lacks: no bare evidence)."""
    from dataclasses import replace

    iraq = Place("Iraq", "Iraq", 33.0, 44.0, 3, "IQ", "country", None)
    since = DateSpan(date(2023, 10, 7), date(2024, 2, 3), "day")
    mentions = [replace(_mention("m1", "a", "ASSAULT", ("iran_backed_militias",), ("us_forces",), when=since),
                        aggregate=True),
                replace(_mention("m2", "b", "ASSAULT", (actor,), ("us_forces",), place=iraq), aggregate=True)]
    found = resolve_events(mentions, kb=kb, documents=_published(a=date(2024, 2, 3), b=published))
    assert len(found) == events


@pytest.mark.parametrize("published, events", [
    (date(2024, 1, 21), 1),  # the day after: "rockets were fired at Ain al-Asad" is that attack
    (None, 2),  # a briefing of unknown date: the base is attacked every few months, the site alone is no time
    ("after", 2),  # known only to postdate a strike its text names: as good as unknown, it may be any later attack
])
def test_resolve_events_a_site_alone_needs_some_time(kb, published, events):
    """An undated "rockets were fired at Ain al-Asad" beside another report's attack there on 20 January 2024."""
    ain_al_asad = Place("Ain al-Asad", "Ain al-Asad Air Base", 33.80, 42.44, 1, "IQ", "base", "lull:ain-al-asad")
    mentions = [_mention("m1", "a", "ASSAULT", place=ain_al_asad, when=DateSpan.day(date(2024, 1, 20))),
                _mention("m2", "b", "ASSAULT", place=ain_al_asad)]
    documents = _published(a=date(2024, 1, 21), b=None if published == "after" else published)
    if published == "after":
        documents["b"] = Document(id="b", text="x", locator="b.txt",
                                  published=DateSpan(date(2024, 1, 10), None, "day", "text-inferred"))
    found = resolve_events(mentions, kb=kb, documents=documents)
    assert len(found) == events


@pytest.mark.parametrize("when, events", [
    (DateSpan(date(2021, 1, 1), date(2021, 12, 31), "year"), 2),  # "in 2021 ... the Erbil rocket attack": any day
    (DateSpan.day(date(2021, 1, 6)), 1),  # the same day told twice: one attack
])
def test_resolve_events_a_day_inside_a_year_is_no_evidence_within_an_article(kb, when, events):
    """"On 6 January 2021, another attack was launched by the group" and, further on, an attack in Erbil dated
    only by its year: each tells a fact the other lacks (a party, a town), and the dates only fail to disagree."""
    mentions = [_mention("m1", "a", "ASSAULT", ("saraya_awliya_al_dam",), when=DateSpan.day(date(2021, 1, 6))),
                _mention("m2", "a", "ASSAULT", place=ERBIL, when=when, sentence=300, trigger=300)]
    assert len(resolve_events(mentions, kb=kb, documents=_published(a=date(2021, 3, 1)))) == events


@pytest.mark.parametrize("second_doc, modality, events", [
    ("a", "asserted", 2),  # "Austin will travel to the region next week" ... "Austin hosted the president yesterday"
    ("a", "future", 1),  # two re-tellings of one trip still to come
    ("b", "asserted", 2),  # across reports the unreal-mention rules of cluster.py decide: a plan alone joins none
])
def test_resolve_events_one_article_tells_no_act_as_both_done_and_to_come(kb, second_doc, modality, events):
    from dataclasses import replace

    from lull.vocabulary import Modality

    planned = replace(_mention("m1", "a", "CONSULT", ("lloyd_austin",), trigger=10), modality=Modality.FUTURE)
    other = replace(_mention("m2", second_doc, "CONSULT", ("lloyd_austin",), sentence=200, trigger=210),
                    modality=Modality(modality))
    found = resolve_events([planned, other], kb=kb, documents=_published(a=date(2023, 12, 12), b=date(2023, 12, 12)))
    assert len(found) == events


@pytest.mark.parametrize("first, second, events", [
    # "Today the Department is designating the groups" ... "the Department previously designated them in 2019"
    ("asserted", "historical", 2),
    ("historical", "historical", 1),  # background told twice: "designated in 2019" ... "that designation"
    ("asserted", "asserted", 1),
])
def test_resolve_events_one_article_keeps_background_apart_from_its_news(kb, first, second, events):
    from dataclasses import replace

    from lull.vocabulary import Modality

    news = replace(_mention("m1", "a", "SANCTION", ("us_department_of_state",), ("kataib_hezbollah",), trigger=10),
                   modality=Modality(first))
    in_2019 = DateSpan(date(2019, 1, 1), date(2019, 12, 31), "year")
    background = replace(_mention("m2", "a", "SANCTION", ("us_department_of_state",), ("kataib_hezbollah",),
                                  sentence=200, trigger=210, when=in_2019), modality=Modality(second))
    assert len(resolve_events([news, background], kb=kb, documents=_published(a=date(2025, 9, 17)))) == events


def test_resolve_events_compares_each_pair_of_mentions_once(kb, monkeypatch):
    """Four reports of two strikes on two bases on one day: greedy joining and every merging pass ask about the
    same pairs again, and ``match`` is pure, so each ordered pair is compared once and the events stay the same."""
    import lull.link.cluster as cluster

    asad = Place("Ain al-Asad", "Ain al-Asad Air Base", 33.80, 42.44, 1, "IQ", "base", "lull:ain-al-asad")
    harir = Place("Harir", "Harir Air Base", 36.54, 44.33, 1, "IQ", "base", "lull:harir")
    day = DateSpan.day(date(2024, 1, 20))
    mentions = [_mention(f"{doc}{i}", doc, "ASSAULT", ("islamic_resistance_in_iraq",), ("us_forces",),
                         sentence=100 * i, trigger=100 * i + 10, place=place, when=day)
                for doc in "abcd" for i, place in enumerate((asad, harir))]
    asked: list[tuple[str, str]] = []
    real_match = cluster.match

    def counted(a, b, *args, **kwargs):
        asked.append((a.id, b.id))
        return real_match(a, b, *args, **kwargs)

    monkeypatch.setattr(cluster, "match", counted)
    found = resolve_events(mentions, kb=kb, documents=_published(**dict.fromkeys("abcd", date(2024, 1, 21))))
    assert sorted(sorted(e.mention_ids) for e in found) == [["a0", "b0", "c0", "d0"], ["a1", "b1", "c1", "d1"]]
    assert asked and len(asked) == len(set(asked))


INTERCEPTED = {
    "launch": ("Militants fired rockets at Ain al-Asad Air Base in Iraq on March 3, 2024.", date(2024, 3, 4)),
    "defence": ("U.S. forces shot down the rockets over Ain al-Asad Air Base in Iraq on March 3, 2024.",
                date(2024, 3, 4)),
}


def test_resolve_events_an_interception_and_the_launch_it_stopped_are_two_events(pipeline, kb):
    """Gold-dev manual: "The launch being intercepted is a separate ASSAULT" (link/match.py, Policy.INTERCEPTION)."""
    events, mentions = _resolve(INTERCEPTED, pipeline, kb)
    from lull.vocabulary import Policy

    assert [m.doc_id for m in mentions if Policy.INTERCEPTION in m.policies] == ["defence"]
    assert sorted(e.doc_ids for e in _assaults(events)) == [("defence",), ("launch",)]


ATTEMPT = {"a": ("On 3 March 2023, an explosive-laden drone attacked the Baghdad residence of Prime Minister "
                 "Mustafa al-Kadhimi. Two guards were wounded. The Iraqi army said the prime minister had survived "
                 "an assassination attempt.", date(2023, 3, 4))}


def test_resolve_events_assassination_attempt_by_drone_is_one_attack(pipeline, kb):
    """"Targeted" names what the attack was for, the drone's explosives how: one act, two facets."""
    events, mentions = _resolve(ATTEMPT, pipeline, kb)
    assert {m.mode for m in mentions} >= {"targeted", "explosives"}
    assert len(_assaults(events)) == 1


@pytest.mark.parametrize("modes, target, events", [
    (("aerial", "heavy-weapons"), "kataib_hezbollah", 1),  # "airstrikes" ... "the missile attack"
    (("drone", "explosives"), "kataib_hezbollah", 1),  # "a drone strike" ... "the explosion"
    (("firearms", "targeted"), "kataib_hezbollah", 1),  # "gunmen opened fire" ... "the assassination"
    (("aerial", "heavy-weapons"), None, 2),  # no party in common: the airstrikes and rockets fired back that day
    (("drone", "heavy-weapons"), "kataib_hezbollah", 2),  # two means of their own: a drone and a rocket attack
    (("firearms", "explosives"), "kataib_hezbollah", 2),
])
def test_resolve_events_modes_of_one_act_combine(kb, modes, target, events):
    from dataclasses import replace

    day = DateSpan.day(date(2024, 8, 5))
    first = replace(_mention("m1", "a", "ASSAULT", ("us_forces",), ("kataib_hezbollah",), when=day), mode=modes[0])
    second = replace(_mention("m2", "a", "ASSAULT", (), (target,) if target else (), sentence=300), mode=modes[1])
    found = resolve_events([first, second], kb=kb, documents=_published(a=date(2024, 8, 6)))
    assert len(found) == events
