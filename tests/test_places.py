"""Place resolution: our gazetteer of sites, GeoNames, context countries, and the lull_places ruler."""
from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

import pytest
import spacy

from lull.errors import ConfigError
from lull.knowledge import Knowledge, KnowledgeSource
from lull.nlp.pipeline import initialize_knowledge
from lull.nlp.place_ruler import SPANS_KEY, make_place_ruler
from lull.records import Place, Rejection, RejectionReason
from lull.knowledge.places import COLUMNS, Gazetteer, strip_articles, tokens
from lull.settings import Settings

TSV = Path(__file__).resolve().parent.parent / "src" / "lull" / "data" / "places.tsv"


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return Knowledge.load(Settings())


@pytest.fixture(scope="module")
def gazetteer(knowledge) -> Gazetteer:
    return knowledge.places


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


# text as a caller passes it -> expected position (within 25 km), precision, country
RESOLVED = [
    ("the Al-Harir Air base located in Iraq's Erbil province", (36.54, 44.35), 1, "IQ"),
    ("Harir Air Base", (36.54, 44.35), 1, "IQ"),
    ("Erbil", (36.19, 44.01), 1, "IQ"),
    ("the Iraqi city of Erbil", (36.19, 44.01), 1, "IQ"),
    ("a U.S. base near Jordan's border with Syria", (33.32, 38.69), 2, "JO"),
    ("Tower 22", (33.32, 38.69), 1, "JO"),
    ("Baghdad", (33.34, 44.40), 1, "IQ"),
    ("north of Baghdad", (33.34, 44.40), 2, "IQ"),
    ("Beiji", (34.93, 43.49), 1, "IQ"),
    ("the city of Beiji", (34.93, 43.49), 1, "IQ"),
    ("Ain al-Asad", (33.79, 42.44), 1, "IQ"),
    ("Ayn al Asad air base", (33.79, 42.44), 1, "IQ"),
    ("the US embassy in Baghdad", (33.30, 44.40), 1, "IQ"),
    ("al-Qaim", (34.39, 40.99), 1, "IQ"),
    ("Al Qā’im", (34.39, 40.99), 1, "IQ"),
    ("Albu Kamal", (34.45, 40.92), 1, "SY"),
    ("Deir al-Zor", (35.34, 40.14), 1, "SY"),
    ("Umm al-Rashrash", (29.56, 34.95), 1, "IL"),
    ("southern occupied Palestine", (30.85, 34.78), 3, "IL"),
    ("Anbar province", (33.1, 42.0), 3, "IQ"),
    ("Iraq's Kurdistan Region", (36.4, 44.4), 3, "IQ"),
    ("eastern Syria", (35.0, 38.0), 3, "SY"),
    ("Syria", (35.0, 38.0), 3, "SY"),
]


@pytest.mark.parametrize(("text", "position", "precision", "country"), RESOLVED)
def test_places_resolve_real_phrases(gazetteer, text, position, precision, country):
    place = gazetteer.resolve(text)
    assert isinstance(place, Place), place
    assert km(place.lat, place.lon, *position) <= 25, (place.name, place.lat, place.lon)
    assert (place.precision, place.country, place.text) == (precision, country, text)
    assert place.source_id and place.source_id.split(":")[0] in ("lull", "geonames")


@pytest.mark.parametrize(
    ("text", "context", "position", "country"),
    [
        ("Tripoli", ("LB",), (34.43, 35.84), "LB"),
        ("Tripoli", ("LY",), (32.89, 13.19), "LY"),
        ("Tripoli", (), (32.89, 13.19), "LY"),  # no context: the most populous
        ("Paris", ("US",), (33.66, -95.56), "US"),  # Paris, Texas, the largest US Paris
        ("Paris", (), (48.85, 2.35), "FR"),
    ],
)
def test_places_ambiguous_name_follows_context_country(gazetteer, text, context, position, country):
    place = gazetteer.resolve(text, context_countries=context)
    assert isinstance(place, Place)
    assert place.country == country
    assert km(place.lat, place.lon, *position) <= 25


def test_places_country_named_in_text_is_context(gazetteer):
    place = gazetteer.resolve("Tripoli, Lebanon")
    assert isinstance(place, Place) and place.country == "LB" and place.precision == 1


def test_places_province_without_row_stands_at_its_capital(gazetteer):
    place = gazetteer.resolve("Basra province")
    assert isinstance(place, Place)
    assert (place.precision, place.feature, place.country) == (3, "province:capital-coordinates", "IQ")
    assert km(place.lat, place.lon, 30.51, 47.78) <= 25


def test_places_country_without_centre_stands_mid_extent_and_says_so(gazetteer):
    place = gazetteer.resolve("Libya")
    assert isinstance(place, Place)
    assert (place.precision, place.feature, place.country) == (3, "country:town-extent-midpoint", "LY")
    assert km(place.lat, place.lon, 28.0, 17.0) <= 300  # GeoNames' centre; the capital Tripoli is 650 km away


@pytest.mark.parametrize(
    ("text", "context", "country", "feature"),
    [
        ("Georgia", (), "GE", "country:town-extent-midpoint"),
        ("Georgia", ("US",), "US", "admin1:town-extent-midpoint"),
        ("Lebanon", ("US", "IQ"), "LB", "country"),  # a country beats its namesake towns
        ("Europe", ("US",), None, "continent"),
    ],
)
def test_places_countries_states_and_continents(gazetteer, text, context, country, feature):
    place = gazetteer.resolve(text, context_countries=context)
    assert isinstance(place, Place)
    assert (place.country, place.feature, place.precision) == (country, feature, 3)


def test_places_town_inside_longer_proper_name_is_not_the_town(gazetteer):
    assert isinstance(gazetteer.resolve("Laurel County"), Rejection)
    assert isinstance(gazetteer.resolve("Republic of Tunisia"), Place)
    assert gazetteer.resolve("Republic of Tunisia").country == "TN"


@pytest.mark.parametrize("text", ["Qarqasheen al-Fawqa crossing", "", "the region", "Iraqi"])
def test_places_unknown_is_rejection_naming_fix(gazetteer, text):
    result = gazetteer.resolve(text)
    assert isinstance(result, Rejection)
    assert (result.stage, result.reason, result.input) == ("resolve", RejectionReason.UNRESOLVED_PLACE, text)
    assert repr(text) in result.message and "data/places.tsv" in result.message


def test_places_document_countries_most_frequent_first(gazetteer):
    texts = ["Iraq", "Baghdad", "Syria", "Erbil", "U.S.", "Deir ez-Zor", "Anbar", "Washington", "Qarqasheen"]
    assert gazetteer.document_countries(texts) == ("IQ", "SY", "US")


def test_places_document_countries_ignores_ambiguous_names(gazetteer):
    """"Paris" must not vote for France in a Texas story (and then win by its own vote)."""
    assert gazetteer.document_countries(["Paris", "Paris", "Paris", "Texas", "Dallas"]) == ("US",)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Al Qā’im", ["al", "qaim"]),
        ("U.S. Embassy", ["us", "embassy"]),
        ("Jordan's border", ["jordan", "border"]),
        ("Deir ez-Zor Governorate", ["deir", "ez", "zor", "province"]),
        ("the Ḩarir base", ["harir", "base"]),
    ],
)
def test_places_tokens_normalise_spellings(name, expected):
    assert tokens(name) == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["ash", "shaddadah"], ["shaddadah"]),
        (["deir", "ez", "zor"], ["deir", "zor"]),
        (["ain", "al", "asad"], ["ain", "asad"]),
        (["an", "iraqi", "base"], ["an", "iraqi", "base"]),  # English "an", not an article
        (["al"], ["al"]),
    ],
)
def test_places_strip_articles_only_arabic_ones(words, expected):
    assert strip_articles(words) == expected


def test_places_tsv_rows_are_consistent():
    """Ids unique, no alias shared by two rows, every ``within`` names a row or a country code."""
    sites = Gazetteer.load(Settings().places_path, geonames=False)
    ids = {place_id.removeprefix("lull:") for place_id in sites.sites}
    owners: dict[str, set[str]] = {}
    for line in TSV.read_text(encoding="utf-8").splitlines()[1:]:
        row = dict(zip(COLUMNS, line.split("\t")))
        for alias in [row["name"], *row["aliases"].split("|")]:
            owners.setdefault(" ".join(tokens(alias)), set()).add(row["id"])
        for parent in filter(None, row["within"].split("|")):
            assert parent in ids or (len(parent) == 2 and parent.isupper()), (row["id"], parent)
    shared = {key: rows for key, rows in owners.items() if len(rows) > 1}
    assert not shared
    assert len(ids) == len(TSV.read_text(encoding="utf-8").splitlines()) - 1


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("id\tname\n", "header"),
        ("\t".join(COLUMNS) + "\nx\tX\tX\tnorth\t44\tIQ\tbase\t1\t\t\tnote\n", "line 2"),
        ("\t".join(COLUMNS) + "\nx\tX\tX\t33\t44\tIQ\tbase\t1\t\t\t\n", "source note"),
    ],
)
def test_places_bad_tsv_names_line_and_fix(tmp_path, content, fragment):
    path = tmp_path / "places.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=fragment):
        Gazetteer.load(path, geonames=False)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("A drone struck Tower 22 in Jordan on Sunday.", [("Tower 22", "tower-22")]),
        ("Rockets hit Ain al-Asad air base in western Iraq.", [("Ain al-Asad air base", "ain-al-asad")]),
        (
            "The Islamic Resistance targeted the Al-Harir Air base located in Iraq's Erbil province.",
            [("Al-Harir Air base", "harir-air-base"), ("Erbil province", "erbil-province")],
        ),
        ("Drones attacked K-1 and Victory base near Baghdad airport.",
         [("K-1", "k1"), ("Victory base", "victory-base"), ("Baghdad airport", "victory-base")]),
        ("The group fired at Umm al-Rashrash in southern occupied Palestine.",
         [("Umm al-Rashrash", "eilat"), ("southern occupied Palestine", "southern-israel")]),
        ("Jordan and Syria held talks in Amman.", []),
    ],
)
def test_places_ruler_marks_sites_ner_misses(nlp, sentence, expected, knowledge):
    ruler = make_place_ruler(nlp, "lull_places", knowledge=knowledge.source)
    ruler.initialize(knowledge=knowledge)
    doc = ruler(nlp(sentence))
    assert [(span.text, span.id_) for span in doc.spans[SPANS_KEY]] == expected
    assert all(span.label_ == "PLACE" for span in doc.spans[SPANS_KEY])


def test_places_factory_is_registered_and_reads_given_file(tmp_path):
    path = tmp_path / "places.tsv"
    path.write_text("\t".join(COLUMNS) + "\nsite-9\tSite Nine\tCamp Nine\t33\t44\tIQ\tbase\t1\t\tus_forces\ttest row\n", encoding="utf-8")
    nlp = spacy.blank("en")
    source = KnowledgeSource.from_settings(Settings().with_overrides(places_path=path))
    nlp.add_pipe("lull_places", config={"knowledge": source.config()})
    initialize_knowledge(nlp)
    doc = nlp("Shelling near Camp Nine and Tower 22.")
    assert [(span.text, span.id_) for span in doc.spans[SPANS_KEY]] == [("Camp Nine", "site-9")]


def test_places_sample_gpes_mostly_resolve(nlp, gazetteer, samples_dir):
    """Across the bundled sample articles, at least 90 % of GPE mentions resolve (floor, measured 2026-11)."""
    outcomes: Counter[bool] = Counter()
    for path in sorted(samples_dir.glob("*.txt")):
        doc = nlp(path.read_text(encoding="utf-8"))
        for ent in doc.ents:
            if ent.label_ == "GPE":
                outcomes[isinstance(gazetteer.resolve(ent.text), Place)] += 1
    assert sum(outcomes.values()) >= 20
    assert outcomes[True] / sum(outcomes.values()) >= 0.9, outcomes


@pytest.mark.parametrize(("text", "garrison"), [
    ("Tower 22", "us_forces"),
    ("the Al-Asad Airbase", "us_forces"),
    ("Union III", "oir_coalition"),
    ("Camp Taji", None),  # host changed over the years: no garrison
    ("Eilat", None),
])
def test_places_garrison_names_the_forces_a_base_hosts(gazetteer, text, garrison):
    assert gazetteer.garrison(gazetteer.resolve(text).source_id) == garrison


def test_places_tsv_without_garrison_column_still_loads(tmp_path):
    header = "\t".join(c for c in COLUMNS if c != "garrison")
    path = tmp_path / "places.tsv"
    path.write_text(header + "\nsite-9\tSite Nine\tCamp Nine\t33\t44\tIQ\tbase\t1\t\ttest row\n", encoding="utf-8")
    gazetteer = Gazetteer.load(path, geonames=False)
    assert gazetteer.resolve("Camp Nine").source_id == "lull:site-9"
    assert gazetteer.garrison("lull:site-9") is None


# --- event places: where the coder places a mention (extract/events/location.py) -------------------


@pytest.fixture(scope="module")
def pipeline():
    from lull.nlp.pipeline import build_pipeline

    return build_pipeline(Settings(), knowledge=Knowledge.load(Settings()))


def place_of(pipeline, text: str, trigger: str) -> Place | None:
    from test_events import by_trigger, mentions_of

    return by_trigger(mentions_of(pipeline, text), trigger).place


@pytest.mark.parametrize(("text", "trigger", "name"), [
    # a relative clause's event is its noun's: the place named in that noun's phrase
    ("The militia claimed the 2019 Kirkuk bombings, which killed four police officers.", "killed", "Kirkuk"),
    # an unnamed "the base" is the base named before
    ("On 3 March 2021, militants attacked the Al-Asad airbase.\n\nSeveral of the rockets hit the base.",
     "hit", "Ain al-Asad Air Base"),
    # a casualty update of "the attack" (a citation mark glued to it) is where the attack was
    ("On 20 January 2024, the Al-Asad Airbase in Iraq was attacked by militants.\n\nAt least one Iraqi "
     "soldier was injured in the attack.[6]", "injured", "Ain al-Asad Air Base"),
    # gazetteer: the Green Zone of Baghdad
    ("Protesters tried to storm the Green Zone on Friday.", "storm", "Green Zone (International Zone, Baghdad)"),
])
def test_places_event_place_from_the_phrase_or_an_earlier_mention(pipeline, text, trigger, name):
    place = place_of(pipeline, text, trigger)
    assert place is not None and place.name == name


def test_places_assassination_of_someone_keeps_no_earlier_place(pipeline):
    """"the assassination of X" names its own participant: it is no anaphor of the attack told before."""
    text = ("On 20 January 2024, militants attacked the Al-Asad Airbase.\n\n"
            "The assassination of the commander was condemned.")
    assert place_of(pipeline, text, "assassination") is None


def test_places_a_three_letter_geonames_alternate_is_a_code_not_a_name(gazetteer):
    # "ARK" is Arusha's airport code among its GeoNames alternate names; "Ark" is Arkansas in a US dateline
    assert isinstance(gazetteer.resolve("Ark"), Rejection)


def test_places_a_comma_ends_a_name_city_then_its_region(gazetteer):
    place = gazetteer.resolve("Fort Smith, Ark")
    assert isinstance(place, Place) and place.name == "Fort Smith" and place.country == "US"
    assert gazetteer.resolve("Erbil, Iraq").name == "Erbil"


@pytest.mark.parametrize("text", ["British Columbia", "T-Mobile"])
def test_places_town_ending_a_longer_proper_name_is_not_the_town(gazetteer, text):
    """"British Columbia" is not Columbia, Missouri, nor "T-Mobile" Mobile, Alabama (a capitalised word before)."""
    assert isinstance(gazetteer.resolve(text), Rejection)


@pytest.mark.parametrize("text", ["Northern California", "Near Healdsburg", "Outside Sacramento", "East Jerusalem"])
def test_places_capitalised_lead_word_keeps_the_town(gazetteer, text):
    assert isinstance(gazetteer.resolve(text), Place)


def test_places_own_name_beats_an_alternate_name(gazetteer):
    """GeoNames lists "Sonoma" among the names of Ennis, Texas, a larger town: the town called Sonoma wins; a city
    ten times as populous still wins by an alternate name ("St. Petersburg" beside a Floridian namesake)."""
    place = gazetteer.resolve("Sonoma", context_countries=("US",))
    assert isinstance(place, Place) and place.name == "Sonoma" and km(place.lat, place.lon, 38.29, -122.46) <= 25
    assert gazetteer.resolve("St. Petersburg").country == "RU"


def test_places_country_beside_a_town_qualifies_it(gazetteer):
    """"Yida" is only an alternate name of Jeddah in GeoNames; "Yida, South Sudan" is in South Sudan."""
    for text in ("a refugee camp in Yida, South Sudan", "Yida in South Sudan"):
        place = gazetteer.resolve(text)
        assert isinstance(place, Place) and place.country == "SS", text
    assert gazetteer.resolve("Tripoli, Lebanon").country == "LB"


def test_places_a_state_votes_for_its_country(gazetteer):
    """A state's name is the state far more often than a town abroad that shares it."""
    assert gazetteer.document_countries(["Northern California", "Santa Rosa"]) == ("US",)
    assert gazetteer.resolve("north of Santa Rosa", context_countries=("US",)).country == "US"
