"""Hostile servers on loopback (issue 10): slow headers, slow bodies, bombs, redirect chains, DNS rebinding.

Each server is a real socket server in a thread; the fetcher must answer every
one with a Rejection within its deadline, and connect only to checked addresses."""
from __future__ import annotations

import functools
import gzip
import socket
import socketserver
import threading
import time
from collections.abc import Iterator

import pytest

from lull.ingest import urls
from lull.ingest.urls import fetch, non_public
from lull.records import Rejection, RejectionReason
from lull.settings import Settings

PAGE = b"<html><body><p>" + b"Rockets hit the base today, officials said. " * 20 + b"</p></body></html>"


@functools.cache
def _bomb() -> bytes:
    """100 MB of zeros in ~100 KB of gzip (made once)."""
    return gzip.compress(b"\0" * 100_000_000, compresslevel=9)


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def _serve(handler, host: str = "127.0.0.1", port: int = 0) -> tuple[_Server, int]:
    server = _Server((host, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]


class _Hostile(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        request = self.request.recv(65536).decode("latin-1")
        path = request.split(" ", 2)[1] if " " in request else "/"
        try:
            getattr(self, "route_" + path.strip("/").split("?")[0].replace("-", "_"))(path)
        except (BrokenPipeError, ConnectionResetError, OSError):
            pass  # the client gave up, as it should

    def send(self, data: bytes) -> None:
        self.request.sendall(data)

    def route_slow_headers(self, path: str) -> None:
        for byte in b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Padding: " + b"a" * 400:
            self.send(bytes([byte]))
            time.sleep(0.05)  # each byte well inside the per-read timeout; the whole far past the deadline

    def route_slow_body(self, path: str) -> None:
        self.send(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n")
        for _ in range(400):
            self.send(b"<p>x</p>")
            time.sleep(0.05)

    def route_gzip_bomb(self, path: str) -> None:
        bomb = _bomb()
        self.send(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nContent-Length: "
                  + str(len(bomb)).encode() + b"\r\n\r\n" + bomb)

    def route_chain(self, path: str) -> None:
        n = int(path.split("?")[1]) if "?" in path else 0
        self.send(f"HTTP/1.1 302 Found\r\nLocation: /chain?{n + 1}\r\nContent-Length: 0\r\n\r\n".encode())

    def route_page(self, path: str) -> None:
        self.send(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + str(len(PAGE)).encode()
                  + b"\r\n\r\n" + PAGE)


@pytest.fixture(scope="module")
def hostile() -> Iterator[str]:
    _bomb()
    server, port = _serve(_Hostile)
    yield f"http://127.0.0.1:{port}"
    server.shutdown()


LOCAL = Settings(allow_private=True, timeout=1.0, max_bytes=2_000_000, max_redirects=5)


@pytest.mark.parametrize("route, reason", [
    ("/slow-headers", RejectionReason.FETCH_TIMEOUT),
    ("/slow-body", RejectionReason.FETCH_TIMEOUT),
    ("/gzip-bomb", RejectionReason.TOO_LARGE),
    ("/chain", RejectionReason.TOO_MANY_REDIRECTS),
])
def test_reliability_hostile_server_is_a_rejection_within_the_deadline(hostile, route, reason):
    started = time.monotonic()
    result = fetch(hostile + route, settings=LOCAL)
    elapsed = time.monotonic() - started
    assert isinstance(result, Rejection) and result.reason is reason, result
    assert route in result.message
    assert elapsed < LOCAL.timeout + 1.5, f"{route} took {elapsed:.1f} s with a {LOCAL.timeout} s deadline"


def test_reliability_fetch_deadline_covers_every_redirect_hop(hostile):
    # five hops each answered at once, but the whole exchange is bounded: a sixth never starts after the deadline
    result = fetch(hostile + "/page", settings=LOCAL)
    assert not isinstance(result, Rejection) and result.body == PAGE


def test_reliability_dns_rebinding_connects_only_to_the_checked_address(monkeypatch):
    # the host first resolves to 127.0.0.1 (treated as public here), then to 127.0.0.2 (private, a "secret"
    # server): lull must fetch from the address it checked and never resolve the name again
    class Public(_Hostile):
        def route_page(self, path: str) -> None:
            self.send(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 6\r\n\r\npublic")

    class Secret(_Hostile):
        def route_page(self, path: str) -> None:
            self.send(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 6\r\n\r\nsecret")

    public, port = _serve(Public, "127.0.0.1")
    secret, _ = _serve(Secret, "127.0.0.2", port)
    answers = iter([("127.0.0.1",)] + [("127.0.0.2",)] * 10)
    real = socket.getaddrinfo
    lookups = []

    def rebinding(host, *args, **kwargs):
        if host != "rebind.test":
            return real(host, *args, **kwargs)
        lookups.append(host)
        (address,) = next(answers)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, args[0] if args else 80))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    monkeypatch.setattr(urls, "non_public", lambda address: address != "127.0.0.1")
    try:
        result = fetch(f"http://rebind.test:{port}/page", settings=Settings(timeout=2.0))
    finally:
        public.shutdown()
        secret.shutdown()
    assert not isinstance(result, Rejection), result
    assert result.body == b"public" and lookups == ["rebind.test"]


@pytest.mark.parametrize("address", [
    "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "2002:7f00:1::", "2002:c0a8:101::1", "::127.0.0.1", "::10.0.0.1",
    "fec0::1", "::ffff:127.0.0.1", "2001:0:4136:e378:8000:63bf:3fff:fdd2", "127.0.0.1", "169.254.169.254", "fe80::1",
])
def test_reliability_ipv6_forms_carrying_private_addresses_are_not_public(address):
    assert non_public(address)


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"])
def test_reliability_public_addresses_stay_public(address):
    assert not non_public(address)


@pytest.mark.parametrize("url", ["http://[64:ff9b::7f00:1]/", "http://[2002:7f00:1::]/", "http://[::127.0.0.1]/",
                                 "http://[fec0::1]/"])
def test_reliability_ipv6_private_forms_refused_before_any_request(url):
    result = fetch(url, settings=Settings())
    assert isinstance(result, Rejection) and result.reason is RejectionReason.PRIVATE_ADDRESS


def test_reliability_allow_private_in_lull_toml_is_ignored_loudly(tmp_path, caplog):
    from lull.settings import load_settings

    cfg = tmp_path / "lull.toml"
    cfg.write_text("[lull]\nallow_private = true\ntimeout = 4\n", encoding="utf-8")
    with caplog.at_level("WARNING"):
        settings = load_settings(cfg, env={})
    assert settings.allow_private is False and settings.timeout == 4.0
    assert "allow_private" in caplog.text and "--allow-private" in caplog.text
    assert load_settings(cfg, env={}, allow_private=True).allow_private is True  # the command line still can
