"""Plain-text ingest: the five samples, bad inputs, encodings, boilerplate rules."""
from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from lull.ingest import doc_id, read_inputs
from lull.ingest.base import normalise_text
from lull.ingest.boilerplate import load_rules, strip_boilerplate
from lull.ingest.files import read_file
from lull.records import Document, Rejection, RejectionReason
from lull.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
SETTINGS = Settings()


def _read(*inputs: str, settings: Settings = SETTINGS, **kwargs) -> list[Document | Rejection]:
    return list(read_inputs(list(inputs), settings=settings, **kwargs))


def _sample(samples_dir: Path, prefix: str) -> Document:
    (path,) = samples_dir.glob(f"{prefix}_*.txt")
    (doc,) = _read(str(path))
    assert isinstance(doc, Document), doc
    return doc


def test_ingest_samples_read_as_five_documents(samples_dir):
    items = _read(*sorted(str(p) for p in samples_dir.glob("*.txt")))
    assert [type(i) for i in items] == [Document] * 5
    assert len({d.id for d in items}) == 5
    assert all(d.language == "en" and d.content_type == "text" for d in items)


def test_ingest_samples_directory_skips_notice(samples_dir):
    items = _read(str(samples_dir))
    assert [Path(d.locator).name[:3] for d in items] == ["000", "001", "002", "003", "004"]


def test_ingest_sample_003_dateline_date(samples_dir):
    doc = _sample(samples_dir, "003")
    assert doc.published is not None
    assert doc.published.iso() == "2023-04-29"
    assert doc.published.basis == "dateline"
    assert doc.title == "Iraqi PM- Resistance Groups Secret Deal To Stop Anti-US Attacks!"
    assert doc.text.startswith(doc.title)  # the title stays in the text
    assert doc.outlet == "ISWNews"


def test_ingest_sample_001_newsletter_and_bare_dashes_removed(samples_dir):
    doc = _sample(samples_dir, "001")
    reasons = [r.reason for r in doc.removed]
    assert reasons.count("bare-list-marker") == 8
    assert {"newsletter-heading", "newsletter-pitch"} <= set(reasons)
    assert "Newsletter" not in doc.text and "subscribing" not in doc.text
    assert "\n-\n" not in doc.text
    assert "- Israeli Retaliatory Threats:" in doc.text  # real list items stay
    newsletter = next(r for r in doc.removed if r.reason == "newsletter-heading")
    raw_lines = (next(samples_dir.glob("001_*.txt"))).read_text(encoding="utf-8").split("\n")
    assert raw_lines[newsletter.line_no - 1].strip() == newsletter.text
    assert doc.outlet == "Sunna Files"


def test_ingest_sample_002_readers_teaser_removed(samples_dir):
    doc = _sample(samples_dir, "002")
    assert [(r.text, r.reason) for r in doc.removed] == [("Our readers are reading too", "related-reading")]
    assert not doc.text.endswith("reading too")
    assert doc.title == '"Unannounced Ceasefire" Between Iraqi Factions and US Forces'


def test_ingest_sample_004_cfp_captions_removed(samples_dir):
    doc = _sample(samples_dir, "004")
    captions = [r for r in doc.removed if r.reason == "photo-credit-caption"]
    assert len(captions) == 2 and all(r.text.endswith("/CFP") for r in captions)
    assert "/CFP" not in doc.text
    assert "(With input from Xinhua)" in doc.text
    # The latest dated mention (a caption's 23 February 2024) is a lower bound only.
    assert doc.published is not None and doc.published.basis == "text-inferred"
    assert doc.published.iso() == ">=2024-02-23"


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Sunna Files Free Newsletter - اشترك في جريدتنا المجانية", "newsletter-heading"),
        ("Stay updated with our latest reports, news, designs, and more by subscribing to our newsletter!", "newsletter-pitch"),
        ("Sign up for our newsletter to get the day's top stories delivered to your inbox.", "newsletter-pitch"),
        ("Our readers are reading too", "related-reading"),
        ("Read also:", "related-reading"),
        ("You may also like", "related-reading"),
        ("An oil refinery in the city of Beiji, some 250 kilometers north of Baghdad, Iraq, February 23, 2024. /CFP", "photo-credit-caption"),
        ("Iraqi security forces patrol the streets of Baghdad, Iraq, January 5, 2024. / AFP", "photo-credit-caption"),
        ("Photo: Reuters", "photo-credit-line"),
        ("-", "bare-list-marker"),
        ("•", "bare-list-marker"),
        ("Share this article", "share-buttons"),
    ],
)
def test_ingest_boilerplate_rule_matches(line, rule):
    _, removed = strip_boilerplate(f"The Islamic Resistance in Iraq announced a pause.\n{line}\nAttacks stopped.", load_rules())
    assert [(r.line_no, r.reason) for r in removed] == [(2, rule)]


@pytest.mark.parametrize(
    "line",
    [
        "Al-Sudani's government, labeled the \"Resistance Government,\" has shown partial compliance, given its sensitive political position.",
        "The group said in its weekly newsletter that attacks on U.S. forces would resume.",
        "- Israeli Retaliatory Threats: Al-Shammari noted that Israel's warnings created a significant deterrent.",
        "Statistics show that the digit of attacks stood at 264 cases from March 21, 2021 to March 20, 2022.",
        "(With input from Xinhua)",
        "Related to the attack, Kata'ib Hezbollah announced the suspension of military operations.",
    ],
)
def test_ingest_boilerplate_keeps_prose(line):
    kept, removed = strip_boilerplate(line, load_rules())
    assert removed == () and kept == line


def test_ingest_doc_id_ignores_spacing_and_case():
    a = doc_id("The Islamic Resistance in Iraq\n\nsuspended  attacks.")
    assert a == doc_id("the islamic resistance in iraq suspended attacks.")
    assert len(a) == 20 and int(a, 16) >= 0
    assert a != doc_id("The Islamic Resistance in Iraq resumed attacks.")


def test_ingest_normalise_text_unifies_lines_and_nfc():
    assert normalise_text("Cafe\u0301 \u00a0 Baghdad\r\n\r\n\r\n\r\nErbil\t \n") == "Café Baghdad\n\nErbil"


def test_ingest_cp1252_text_is_detected_not_assumed():
    (doc,) = _read(str(FIXTURES / "formats" / "readout-cp1252.txt"))
    assert isinstance(doc, Document)
    assert "Prime Minister’s strong condemnation" in doc.text
    assert "“acts of terrorism”" in doc.text
    assert doc.title == "Secretary Blinken’s Call with Iraqi Prime Minister al-Sudani"


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", RejectionReason.EMPTY),
        ("image.png", RejectionReason.BINARY),
        ("invalid-utf8.txt", RejectionReason.UNDECODABLE),
        ("truncated.html", RejectionReason.MALFORMED_HTML),
        ("not-a-feed.rss", RejectionReason.MALFORMED_FEED),
        ("ftp-url.txt", RejectionReason.INVALID_URL),
        ("no-text.jsonl", RejectionReason.MISSING_FIELD),
    ],
)
def test_ingest_bad_fixture_is_one_rejection(name, reason):
    (item,) = _read(str(FIXTURES / "bad" / name))
    assert isinstance(item, Rejection)
    assert (item.stage, item.reason) == ("ingest", reason)
    assert name in item.message and item.message.endswith(".")
    assert ";" in item.message  # the sentence goes on to say what to do


def test_ingest_bad_folder_with_samples_end_to_end(samples_dir):
    items = _read(str(samples_dir), str(FIXTURES / "bad"))
    docs = [i for i in items if isinstance(i, Document)]
    rejections = [i for i in items if isinstance(i, Rejection)]
    assert len(docs) == 5
    assert len(rejections) == len(list((FIXTURES / "bad").iterdir()))


def test_ingest_whitespace_only_is_empty(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_text(" \n\t\n  \n", encoding="utf-8")
    (item,) = _read(str(path))
    assert isinstance(item, Rejection) and item.reason is RejectionReason.EMPTY


def test_ingest_over_size_cap_is_rejected_before_reading(samples_dir, monkeypatch):
    path = next(samples_dir.glob("003_*.txt"))
    small = Settings(max_bytes=1000)
    reads: list[str] = []
    monkeypatch.setattr("lull.ingest.files.read_stream", lambda *a, label, **k: reads.append(label) or b"")
    (item,) = _read(str(path), settings=small)
    assert isinstance(item, Rejection) and item.reason is RejectionReason.TOO_LARGE
    assert f"{path.stat().st_size:,} bytes" in item.message and "1,000-byte cap" in item.message
    assert reads == []  # the size came from stat, nothing was read


def test_ingest_stdin_over_size_cap():
    (item,) = _read("-", settings=Settings(max_bytes=10), stdin=io.BytesIO(b"Kata'ib Hezbollah suspended its operations."))
    assert isinstance(item, Rejection) and item.reason is RejectionReason.TOO_LARGE


def test_ingest_missing_path_is_not_found(tmp_path):
    (item,) = _read(str(tmp_path / "no-such-article.txt"))
    assert isinstance(item, Rejection) and item.reason is RejectionReason.NOT_FOUND
    assert "no-such-article.txt" in item.message


def test_ingest_path_under_a_file_is_not_found(samples_dir):
    path = next(samples_dir.glob("000_*.txt")) / "child.txt"
    (item,) = _read(str(path))
    assert isinstance(item, Rejection) and item.reason is RejectionReason.NOT_FOUND


def test_ingest_directory_where_file_expected_is_unreadable(tmp_path):
    result = read_file(tmp_path, max_bytes=1000)
    assert isinstance(result, Rejection) and result.reason is RejectionReason.UNREADABLE


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read a chmod 000 file; covered by the directory-as-file case")
def test_ingest_chmod_000_is_unreadable(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text("The Islamic Resistance in Iraq suspended attacks.", encoding="utf-8")
    path.chmod(0)
    (item,) = _read(str(path))
    assert isinstance(item, Rejection) and item.reason is RejectionReason.UNREADABLE


def test_ingest_stdin_text():
    text = "Kata'ib Hezbollah announced the suspension of military and security operations against U.S. forces."
    (doc,) = _read("-", stdin=io.BytesIO(text.encode("utf-8")))
    assert isinstance(doc, Document)
    assert (doc.locator, doc.text, doc.content_type) == ("<stdin>", text, "text")


def test_ingest_user_published_overrides_dateline(samples_dir):
    from datetime import date

    from lull.records import DateSpan

    flag = DateSpan(date(2023, 5, 1), date(2023, 5, 31), "month", "user")
    (doc,) = _read(str(next(samples_dir.glob("003_*.txt"))), published=flag)
    assert isinstance(doc, Document) and doc.published == flag


def test_ingest_removal_line_numbers_match_the_input():
    raw = "\n\nTimeline of Events\n\n\n\nThe last known statement was issued on November 21.\n-\n- Israeli Retaliatory Threats: Al-Shammari noted Israel's warnings.\n"
    (doc,) = _read("-", stdin=io.BytesIO(raw.encode("utf-8")))
    assert isinstance(doc, Document)
    assert [(r.line_no, r.text) for r in doc.removed] == [(8, "-")]
    assert raw.split("\n")[7] == "-"
    assert doc.text == "Timeline of Events\n\nThe last known statement was issued on November 21.\n- Israeli Retaliatory Threats: Al-Shammari noted Israel's warnings."


# Names of the factions as written in Arabic in corpus-dev 039-043 (Wikipedia, CC BY-SA 4.0).
ARABIC = "المقاومة الإسلامية في العراق، كتائب حزب الله، حركة حزب الله النجباء، كتائب سيد الشهداء، الحشد الشعبي"


@pytest.mark.parametrize("encoding", ["utf-16", "cp1256", "utf-8-sig", "iso8859_6"])
def test_ingest_arabic_text_in_any_encoding(encoding):
    (doc,) = _read("-", stdin=io.BytesIO(ARABIC.encode(encoding)))
    assert isinstance(doc, Document)
    assert (doc.text, doc.language) == (ARABIC, "ar")
