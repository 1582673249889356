"""URL fetching against a real HTTP server on 127.0.0.1 (allow_private=True), and refusal without it."""
from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from lull.ingest import read_inputs
from lull.ingest.urls import fetch
from lull.records import Document, Rejection, RejectionReason
from lull.settings import Settings

FORMATS = Path(__file__).parent / "fixtures" / "ingest" / "formats"
LOCAL = Settings(allow_private=True, timeout=2.0, max_redirects=3)
SLOW_SECONDS = 1.5


def _feed(base: str) -> bytes:
    """The RSS fixture with entry 1 linking to the server's article, entry 2 to an image."""
    rss = (FORMATS / "feed.rss").read_text(encoding="utf-8")
    rss = rss.replace("https://stl.news/us-state-department-rocket-attacks-in-erbil/", f"{base}/article.html")
    return rss.replace("https://www.state.gov/secretary-blinkens-call-with-iraqi-prime-minister-al-sudani-4/", f"{base}/image.png").encode("utf-8")


class _Handler(BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, dict[str, str], bytes]] = {}

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        if self.path == "/slow":
            time.sleep(SLOW_SECONDS)
        status, headers, body = self.routes.get(self.path, (404, {"Content-Type": "text/plain"}, b"not found"))
        try:
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            if "Content-Length" not in headers and not headers.get("X-No-Length"):
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout and size-cap tests)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - signature from http.server
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    html = {"Content-Type": "text/html; charset=utf-8"}
    _Handler.routes = {
        "/article.html": (200, html, (FORMATS / "article.html").read_bytes()),
        "/feed.rss": (200, {"Content-Type": "application/rss+xml"}, _feed(base)),
        "/readout.txt": (200, {"Content-Type": "text/plain; charset=windows-1252"}, (FORMATS / "readout-cp1252.txt").read_bytes()),
        "/records.jsonl": (200, {"Content-Type": "application/x-ndjson"}, (FORMATS / "mixed.jsonl").read_bytes()),
        "/slow": (200, html, (FORMATS / "article.html").read_bytes()),
        "/image.png": (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n"),
        "/big": (200, html, (FORMATS / "article.html").read_bytes()),
        "/big-unsized": (200, {**html, "X-No-Length": "1"}, (FORMATS / "article.html").read_bytes()),
        "/hop2": (302, {"Location": "/hop1"}, b""),
        "/hop1": (301, {"Location": f"{base}/article.html"}, b""),
        "/loop": (302, {"Location": "/loop"}, b""),
        "/to-localhost": (302, {"Location": f"http://localhost:{httpd.server_address[1]}/article.html"}, b""),
        "/error": (500, {"Content-Type": "text/plain"}, b"server error"),
    }
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield base
    httpd.shutdown()
    httpd.server_close()


def _read(*inputs: str, settings: Settings = LOCAL) -> list[Document | Rejection]:
    return list(read_inputs(list(inputs), settings=settings))


def test_ingest_url_html_page(server):
    (doc,) = _read(f"{server}/article.html")
    assert isinstance(doc, Document) and doc.content_type == "html"
    assert doc.locator == doc.url == f"{server}/article.html"
    assert doc.title == "U.S. Conducts Defensive Airstrikes Against Iranian-backed Militia in Syria"


def test_ingest_url_feed_and_text_and_jsonl_dispatched(server):
    items = _read(f"{server}/feed.rss", f"{server}/readout.txt", f"{server}/records.jsonl")
    assert [getattr(i, "content_type", None) for i in items] == ["feed-entry", "feed-entry", "text", "jsonl", None, "jsonl", None, "jsonl"]
    assert "Prime Minister’s strong condemnation" in items[2].text  # charset from the header


def test_ingest_url_list_file(server, tmp_path):
    listing = tmp_path / "sources.txt"
    listing.write_text(f"# to read\n{server}/article.html\n\n{server}/error\n{server}/feed.rss\n", encoding="utf-8")
    items = _read(str(listing))
    assert [type(i).__name__ for i in items] == ["Document", "Rejection", "Document", "Document"]
    assert items[1].reason is RejectionReason.HTTP_STATUS
    assert items[1].message.startswith(f"{listing} line 4 ({server}/error): the server answered HTTP 500")


def test_ingest_url_private_address_refused_by_default(server, tmp_path):
    (item,) = _read(f"{server}/article.html", settings=Settings())
    assert isinstance(item, Rejection) and item.reason is RejectionReason.PRIVATE_ADDRESS
    assert "127.0.0.1" in item.message and "allow_private" in item.message


@pytest.mark.parametrize(
    "url",
    ["http://169.254.169.254/latest/meta-data/", "http://[::1]/", "http://10.0.0.8/admin", "http://[::ffff:192.168.1.1]/", "http://224.0.0.1/"],
)
def test_ingest_url_non_public_addresses_refused(url):
    result = fetch(url, settings=Settings())
    assert isinstance(result, Rejection) and result.reason is RejectionReason.PRIVATE_ADDRESS


def test_ingest_url_each_redirect_hop_rechecked(server, monkeypatch):
    # Let 127.0.0.1 through but treat "localhost" as the forbidden network: the
    # redirect to it must be refused at the second hop, before it is requested.
    monkeypatch.setattr("lull.ingest.urls._resolve", lambda host, port: ("192.168.0.1",) if host == "localhost" else ("127.0.0.1",))
    monkeypatch.setattr("lull.ingest.urls.non_public", lambda address: address != "127.0.0.1")
    result = fetch(f"{server}/to-localhost", settings=Settings())
    assert isinstance(result, Rejection) and result.reason is RejectionReason.PRIVATE_ADDRESS
    assert "'localhost'" in result.message


def test_ingest_url_redirects_followed(server):
    result = fetch(f"{server}/hop2", settings=LOCAL)
    assert not isinstance(result, Rejection)
    assert result.url == f"{server}/article.html" and result.media_type == "text/html" and result.charset == "utf-8"


def test_ingest_url_timeout(server):
    started = time.monotonic()
    (result,) = _read(f"{server}/slow", settings=Settings(allow_private=True, timeout=0.5))
    assert isinstance(result, Rejection) and result.reason is RejectionReason.FETCH_TIMEOUT
    assert result.message == f"{server}/slow: no answer within 0.5 s; raise timeout or try later."
    assert time.monotonic() - started < SLOW_SECONDS


@pytest.mark.parametrize(
    ("path", "settings", "reason"),
    [
        ("/loop", LOCAL, RejectionReason.TOO_MANY_REDIRECTS),
        ("/hop2", Settings(allow_private=True, max_redirects=1), RejectionReason.TOO_MANY_REDIRECTS),
        ("/image.png", LOCAL, RejectionReason.CONTENT_TYPE),
        ("/big", Settings(allow_private=True, max_bytes=500), RejectionReason.TOO_LARGE),
        ("/big-unsized", Settings(allow_private=True, max_bytes=500), RejectionReason.TOO_LARGE),
        ("/nothing-here", LOCAL, RejectionReason.HTTP_STATUS),
    ],
)
def test_ingest_url_rejections(server, path, settings, reason):
    result = fetch(f"{server}{path}", settings=settings)
    assert isinstance(result, Rejection) and result.reason is reason
    assert path in result.message or server in result.message


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://", RejectionReason.INVALID_URL),
        ("file:///etc/passwd", RejectionReason.INVALID_URL),
        ("http://127.0.0.1:9/closed-port", RejectionReason.FETCH_FAILED),
    ],
)
def test_ingest_url_bad_addresses(url, reason):
    result = fetch(url, settings=LOCAL)
    assert isinstance(result, Rejection) and result.reason is reason


def test_ingest_feed_follow_links(server):
    items = _read(f"{server}/feed.rss", settings=Settings(allow_private=True, follow_links=True, timeout=2.0))
    kinds = [type(i).__name__ for i in items]
    # Entry 2 links to an image: that link is rejected and the entry's own summary used.
    assert kinds == ["Document", "Rejection", "Document"]
    assert items[1].reason is RejectionReason.CONTENT_TYPE
    first = items[0]
    assert "Kait'ib Hezbollah and Kait'ib Sayyid al-Shuhada" in first.text  # the page's text, not the summary
    assert first.title == "US State Department: Rocket Attacks in Erbil" and first.url == f"{server}/article.html"
    assert first.published is not None and first.published.iso() == "2021-02-16"
    assert items[-1].text.startswith("Secretary of State Antony J. Blinken spoke today")
