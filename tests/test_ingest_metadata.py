"""Dates and language found in text and addresses."""
from __future__ import annotations

from datetime import date

import pytest

from lull.ingest.metadata import detect_language, find_dateline, infer_date_from_text, parse_iso_date, url_date


@pytest.mark.parametrize(
    ("top", "iso"),
    [
        ("Iraqi PM- Resistance Groups Secret Deal To Stop Anti-US Attacks!\n\nSaturday 29 April 2023 - 17:10\n\nISWNews Analysis Group – An Iraqi media outlet has claimed", "2023-04-29"),
        ("U.S. Conducts Defensive Airstrikes Against Iranian-backed Militia in Syria\n\nFeb. 25, 2021 | BY Jim Garamone , DOD News\n\nAmerican forces have struck", "2021-02-25"),
        ("US State Department: Rocket Attacks in Erbil\n\nFeb 16, 2021\nUS State Department: Rocket Attacks in Erbil", "2021-02-16"),
        ("Terrorist Designations of Iran-aligned Militia Groups\nTue. Jul 16th, 2024\nThe United States designated", "2024-07-16"),
        ("WASHINGTON, Feb. 3, 2024 — U.S. forces struck more than 85 targets in Iraq and Syria.", "2024-02-03"),
        ("Published: 2024-08-06 09:15 GMT\nA rocket attack targeted Al-Asad Air Base.", "2024-08-06"),
    ],
)
def test_ingest_metadata_dateline(top, iso):
    found = find_dateline(top)
    assert found is not None and found.iso() == iso and found.basis == "dateline"


@pytest.mark.parametrize(
    "top",
    [
        "Statistics show that the digit of attacks made by the Iraqi resistance groups against the US military forces stood at 264 cases from March 21, 2021 to March 20, 2022.",
        "Since February 2, when the Islamic Resistance in Iraq targeted American positions at the Al-Harir Air base, there has not been any strike.",
    ],
)
def test_ingest_metadata_no_dateline_in_prose(top):
    assert find_dateline(top) is None


@pytest.mark.parametrize(
    ("url", "iso", "precision"),
    [
        ("https://www.example-news.com/2024/02/03/iraq-strikes/", "2024-02-03", "day"),
        ("https://www.example-news.com/news/2024-02-03-iraq-strikes.html", "2024-02-03", "day"),
        ("https://www.example-news.com/2024/02/iraq-strikes", "2024-02", "month"),
    ],
)
def test_ingest_metadata_url_date(url, iso, precision):
    found = url_date(url)
    assert found is not None and (found.iso(), found.precision, found.basis) == (iso, precision, "url")


@pytest.mark.parametrize(
    "url",
    [
        "https://www.defense.gov/News/Transcripts/Transcript/Article/3659838/deputy-pentagon-press-secretary/",
        "https://www.example-news.com/2024/13/45/not-a-date/",
    ],
)
def test_ingest_metadata_no_url_date(url):
    assert url_date(url) is None


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("Statistics show 264 cases from March 21, 2021 to March 20, 2022. But the number decreased to 56 cases from March 21, 2022 to March 20, 2023.", ">=2023-03-20", "day"),
        ("The Islamic Resistance in Iraq suspended attacks in February 2024 after the Tower 22 attack.", ">=2024-02-01", "month"),
        ("Iranian-backed forces have attacked American troops in Syria and Iraq 78 times since the beginning of 2021, on 23 March 2023 among others.", ">=2023-03-23", "day"),
    ],
)
def test_ingest_metadata_text_inferred_lower_bound(text, iso, precision):
    found = infer_date_from_text(text, today=date(2025, 1, 1))
    assert found is not None
    assert (found.iso(), found.precision, found.basis, found.end) == (iso, precision, "text-inferred", None)


def test_ingest_metadata_text_inferred_ignores_future_and_yearless():
    text = "The last statement was issued on November 21. Forces must leave by September 2026."
    assert infer_date_from_text(text, today=date(2025, 1, 1)) is None


@pytest.mark.parametrize(
    ("value", "iso", "precision"),
    [("2024-02-03", "2024-02-03", "day"), ("2021-02-25T18:30:00Z", "2021-02-25", "day"), ("2024-02", "2024-02", "month"), ("2024", "2024", "year")],
)
def test_ingest_metadata_parse_iso(value, iso, precision):
    found = parse_iso_date(value, "user")
    assert found is not None and (found.iso(), found.precision) == (iso, precision)


@pytest.mark.parametrize("value", ["last Tuesday", "2024-02-30", "2024-13", "2021-02-25Tnoon"])
def test_ingest_metadata_parse_iso_rejects(value):
    assert parse_iso_date(value, "user") is None


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Kata'ib Hezbollah announced the suspension of military and security operations against U.S. forces in order to prevent any embarrassment to the Iraqi government.", "en"),
        ("اشترك في جريدتنا المجانية. المقاومة الإسلامية في العراق، كتائب حزب الله، حركة حزب الله النجباء، الحشد الشعبي", "ar"),
        ("Iraq 2024", None),
    ],
)
def test_ingest_metadata_language(text, language):
    assert detect_language(text) == language
