"""HTML, RSS, Atom, JSONL and directory sniffing."""
from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from lull.ingest import read_html, read_inputs
from lull.ingest.sniff import sniff
from lull.records import Document, Rejection, RejectionReason
from lull.settings import Settings

FORMATS = Path(__file__).parent / "fixtures" / "ingest" / "formats"
BAD = Path(__file__).parent / "fixtures" / "ingest" / "bad"
SETTINGS = Settings()


def _read(*inputs: str, **kwargs) -> list[Document | Rejection]:
    return list(read_inputs(list(inputs), settings=SETTINGS, **kwargs))


def test_ingest_html_article_and_metadata():
    doc = read_html((FORMATS / "article.html").read_bytes(), locator="article.html", url="https://www.defense.gov/Explore/News/Article/Article/2516530/")
    assert isinstance(doc, Document)
    assert doc.title == "U.S. Conducts Defensive Airstrikes Against Iranian-backed Militia in Syria"
    assert (doc.author, doc.outlet, doc.language, doc.content_type) == ("Jim Garamone", "U.S. Department of Defense", "en", "html")
    assert doc.published is not None and (doc.published.iso(), doc.published.basis) == ("2021-02-25", "page-metadata")
    assert "Kait'ib Hezbollah and Kait'ib Sayyid al-Shuhada" in doc.text
    assert "Great reporting" not in doc.text  # comments excluded
    assert "Privacy Policy" not in doc.text and "Transcripts" not in doc.text  # navigation and footer gone
    assert [r.reason for r in doc.removed] == ["share-buttons"]


def test_ingest_html_accepts_str_and_keeps_tables():
    page = (
        "<html><body><article><h1>Attacks on U.S. forces</h1>"
        "<p>Iranian-backed forces have attacked American troops in Syria and Iraq 78 times since the beginning of 2021.</p>"
        "<table><tr><th>Period</th><th>Attacks</th></tr><tr><td>March 21, 2021 to March 20, 2022</td><td>264</td></tr></table>"
        "</article></body></html>"
    )
    doc = read_html(page, locator="tally.html")
    assert isinstance(doc, Document)
    assert "264" in doc.text and "78 times" in doc.text


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ((BAD / "truncated.html").read_bytes(), RejectionReason.MALFORMED_HTML),
        (b"<html><head><title>Defense.gov</title><script>var x = 1;</script></head><body><nav><a href='/'>Home</a></nav></body></html>", RejectionReason.NO_TEXT),
        (b"", RejectionReason.EMPTY),
    ],
)
def test_ingest_html_rejections(raw, reason):
    result = read_html(raw, locator="page.html")
    assert isinstance(result, Rejection) and result.reason is reason and "page.html" in result.message


def test_ingest_rss_entries():
    items = _read(str(FORMATS / "feed.rss"))
    assert [type(i) for i in items] == [Document, Document]
    first, second = items
    assert first.locator.endswith("feed.rss#1") and second.locator.endswith("feed.rss#2")
    assert first.title == "US State Department: Rocket Attacks in Erbil"
    assert first.url == "https://stl.news/us-state-department-rocket-attacks-in-erbil/"
    assert (first.author, first.outlet, first.content_type) == ("Antony J. Blinken", "U.S. Department of State", "feed-entry")
    assert first.published is not None and (first.published.iso(), first.published.basis) == ("2021-02-16", "page-metadata")
    assert first.text.startswith("We are outraged by today’s rocket attack in the Iraqi Kurdistan Region.\nInitial reports")
    assert "<p>" not in first.text and "trackView" not in first.text
    assert second.published is None


def test_ingest_atom_entries():
    items = _read(str(FORMATS / "feed.atom"))
    assert [type(i) for i in items] == [Document, Document]
    first, second = items
    assert (first.author, first.outlet) == ("Jim Garamone", "DOD News")
    assert first.published is not None and first.published.iso() == "2021-02-25"
    assert "Kait'ib Sayyid al-Shuhada" in first.text and "&lt;" not in first.text
    assert second.title == "The United States Will Protect Its Forces"
    assert second.text.startswith("The United States conducted airstrikes")


def test_ingest_feed_not_xml_from_stdin_is_text_not_feed():
    # Without a name to hint "feed", plain words are plain text, whatever they say.
    (item,) = _read("-", stdin=io.BytesIO((BAD / "not-a-feed.rss").read_bytes()))
    assert isinstance(item, Document) and item.content_type == "text"


def test_ingest_jsonl_bad_line_named_and_good_lines_kept():
    items = _read(str(FORMATS / "mixed.jsonl"))
    kinds = [(type(i).__name__, getattr(i, "reason", None)) for i in items]
    assert kinds == [
        ("Document", None),
        ("Rejection", RejectionReason.MALFORMED_JSON),
        ("Document", None),
        ("Rejection", RejectionReason.MISSING_FIELD),
        ("Document", None),
    ]
    assert items[1].message.startswith(f"{FORMATS / 'mixed.jsonl'} line 2: not valid JSON (")
    assert items[3].message.startswith(f"{FORMATS / 'mixed.jsonl'} line 4:")
    first, html_line, last = items[0], items[2], items[4]
    assert first.locator == f"{FORMATS / 'mixed.jsonl'}:1"
    assert (first.title, first.outlet, first.content_type) == ("Secretary Blinken’s Call with Iraqi Prime Minister al-Sudani", "U.S. Department of State", "jsonl")
    assert html_line.text.startswith("U.S. Conducts Defensive Precision Strike\nAt President Biden’s direction")
    assert html_line.outlet == "U.S. Department of Defense"
    assert last.published is not None and (last.published.iso(), last.published.basis) == ("2021-02-25", "user")


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('["not", "an", "object"]', RejectionReason.MALFORMED_JSON),
        ('{"text": 42}', RejectionReason.MALFORMED_JSON),
        ('{"text": "   "}', RejectionReason.MISSING_FIELD),
        ('{"text": "Kata\'ib Hezbollah suspended operations.", "published": "last Tuesday"}', RejectionReason.INVALID_DATE),
    ],
)
def test_ingest_jsonl_line_rejections(tmp_path, line, reason):
    path = tmp_path / "notes.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    (item,) = _read(str(path))
    assert isinstance(item, Rejection) and item.reason is reason
    assert item.message.startswith(f"{path} line 1:") and item.input == f"{path}:1"


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("page.txt", (FORMATS / "article.html").read_bytes(), "html"),
        ("feed.dat", (FORMATS / "feed.atom").read_bytes(), "feed"),
        ("rss", (FORMATS / "feed.rss").read_bytes(), "feed"),
        ("records.txt", b'{"text": "Kata\'ib Hezbollah suspended operations."}\n\n{"text": "Attacks resumed."}\n', "jsonl"),
        ("sources", b"# reading list\nhttps://www.state.gov/reports/country-reports-on-terrorism-2020/iraq/\n\nhttps://www.defense.gov/News/\n", "urls"),
        ("notes.html", b"The Islamic Resistance in Iraq suspended attacks.\n", "text"),
        ("pic.txt", (BAD / "image.png").read_bytes(), "binary"),
    ],
)
def test_ingest_sniff_by_content(name, content, kind):
    assert sniff(content, name=name) == kind


def test_ingest_directory_recursive_sorted_hidden_skipped(tmp_path):
    (tmp_path / "b" / "nested").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    shutil.copy(FORMATS / "article.html", tmp_path / "b" / "nested" / "page")
    shutil.copy(FORMATS / "feed.rss", tmp_path / "a-feed")
    (tmp_path / "c.txt").write_text("Kata'ib Hezbollah announced the suspension of military operations against U.S. forces.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("The hidden note is never read.", encoding="utf-8")
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main", encoding="utf-8")
    items = _read(str(tmp_path))
    assert all(isinstance(i, Document) for i in items)
    assert [(Path(d.locator.split("#")[0]).name, d.content_type) for d in items] == [
        ("a-feed", "feed-entry"),
        ("a-feed", "feed-entry"),
        ("page", "html"),
        ("c.txt", "text"),
    ]


def test_ingest_jsonl_published_is_the_users_word_and_beats_a_url_date(tmp_path):
    text = ("Saturday 29 April 2023 - 17:10\n\nThe Islamic Resistance in Iraq said it targeted a base in Syria "
            "with drones, the group's statement said.")
    line = ('{"text": ' + __import__("json").dumps(text) + ', "url": "https://example.org/2023/05/02/story",'
            ' "published": "2023-05-01"}\n')
    (tmp_path / "items.jsonl").write_text(line, encoding="utf-8")
    (doc,) = read_inputs([str(tmp_path / "items.jsonl")], settings=Settings())
    assert isinstance(doc, Document)
    assert (doc.published.start.isoformat(), doc.published.basis) == ("2023-05-01", "user")
