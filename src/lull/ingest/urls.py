"""Fetching http(s) URLs safely: timeout, size cap, content-type check, manual redirects.

Every hop's host is resolved and each of its addresses checked before any
request is sent, so a public URL cannot redirect lull into the local network
or the cloud metadata service (169.254.169.254) unless ``allow_private`` is set.
The connection then goes to exactly the checked addresses (``transport``: no
second DNS answer, no rebinding), and ``timeout`` bounds the whole exchange of
one URL (every hop, headers and body), however slowly a server trickles bytes.
IPv6 forms that carry an IPv4 address (mapped, NAT64 64:ff9b::/96, 6to4
2002::/16, IPv4-compatible ::a.b.c.d, Teredo) and site-local fec0::/10 count
as non-public.
"""
from __future__ import annotations

import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from functools import cache
from urllib.parse import urljoin

import httpx

from ..records import Rejection, RejectionReason
from ..settings import Settings
from .base import reject
from .transport import Deadline, bounded_transport

ACCEPTED_TYPES = frozenset(
    {
        "text/html",
        "application/xhtml+xml",
        "application/xml",
        "text/xml",
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "text/plain",
        "application/json",
        "application/x-ndjson",
        "application/jsonl",
    }
)
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched response body with where it finally came from."""

    url: str  # the final address, after redirects
    media_type: str  # "text/html", ... ("" when the server sent none)
    charset: str | None
    body: bytes


@cache
def _ssl_context() -> ssl.SSLContext:
    """One verified TLS context for all fetches: building it costs ~0.1 s each time."""
    return httpx.create_ssl_context()


def _media_type(header: str | None) -> tuple[str, str | None]:
    """("text/html", "utf-8") from 'text/html; charset=UTF-8'."""
    if not header:
        return "", None
    parts = [p.strip() for p in header.split(";")]
    charset = next((p.split("=", 1)[1].strip("\"' ").lower() for p in parts[1:] if p.lower().startswith("charset=")), None)
    return parts[0].lower(), charset


def _named(label: str, url: str) -> str:
    """How a message names the input: the label, plus the address when it differs."""
    return label if label == url else f"{label} ({url})"


_EMBEDDING = tuple(ipaddress.IPv6Network(n) for n in ("64:ff9b::/96", "64:ff9b:1::/48", "2002::/16", "::/96"))


def non_public(address: str) -> bool:
    """True for loopback, private, link-local, reserved, multicast and cloud-metadata addresses, and for every
    IPv6 form that carries an IPv4 address or is site-local (a NAT64 or 6to4 gateway can reach inside)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped:
            ip = ip.ipv4_mapped
        elif ip.is_site_local or ip.teredo or any(ip in net for net in _EMBEDDING):
            return True
    return not ip.is_global or ip.is_multicast


def _resolve(host: str, port: int) -> tuple[str, ...]:
    """Every address ``host`` resolves to, in the resolver's order (raises ``socket.gaierror``)."""
    found = (str(sockaddr[0]).split("%", 1)[0] for *_, sockaddr in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
    return tuple(dict.fromkeys(found))


def _host_key(parsed: httpx.URL) -> str:
    """The host as the connection layer sees it (ASCII, IDNA-encoded, lower case, no brackets)."""
    return parsed.raw_host.decode("ascii").lower().strip("[]")


def check_target(url: str, *, settings: Settings, label: str,
                 pins: dict[str, tuple[str, ...]] | None = None) -> Rejection | None:
    """Reject an address that is not http(s), has no host, or points inside the network; record the checked
    addresses of the host in ``pins`` (the only ones the fetch may connect to)."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError):
        return reject(label, RejectionReason.INVALID_URL, f"{label}: '{url}' is not a valid URL; write it as http(s)://host/path.")
    if parsed.scheme not in ("http", "https") or not parsed.host:
        return reject(label, RejectionReason.INVALID_URL, f"{label}: '{url}' is not an http(s) URL; use http:// or https://.")
    if settings.allow_private:
        return None
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    try:
        addresses = _resolve(_host_key(parsed), port)
        refused = next((a for a in addresses if non_public(a)), None)
    except (socket.gaierror, UnicodeError, ValueError) as exc:
        return reject(label, RejectionReason.FETCH_FAILED, f"{label}: the host '{parsed.host}' does not resolve ({exc}); check the address.")
    if refused:
        return reject(
            label,
            RejectionReason.PRIVATE_ADDRESS,
            f"{label}: '{parsed.host}' resolves to the non-public address {refused}; lull only fetches public hosts "
            "unless allow_private is set (--allow-private or LULL_ALLOW_PRIVATE=1).",
        )
    if pins is not None:
        pins[_host_key(parsed)] = addresses
    return None


def _read_body(response: httpx.Response, *, settings: Settings, label: str, started: float) -> bytes | Rejection:
    """Stream the body, stopping as soon as it passes the size cap or the time limit."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > settings.max_bytes:
        return reject(label, RejectionReason.TOO_LARGE, f"{label}: the response is {int(declared):,} bytes, over the {settings.max_bytes:,}-byte cap; raise max_bytes or skip it.")
    body = bytearray()
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > settings.max_bytes:
            return reject(label, RejectionReason.TOO_LARGE, f"{label}: the response passed the {settings.max_bytes:,}-byte cap; raise max_bytes or skip it.")
        if time.monotonic() - started > settings.timeout:
            return reject(label, RejectionReason.FETCH_TIMEOUT, f"{label}: the download took over {settings.timeout:g} s; raise timeout or try later.")
    return bytes(body)


def _one_hop(client: httpx.Client, url: str, *, settings: Settings, label: str) -> Fetched | Rejection | str:
    """GET ``url`` once: a Fetched body, a Rejection, or the address a redirect points to."""
    started = time.monotonic()
    with client.stream("GET", url) as response:
        if response.status_code in _REDIRECTS and response.headers.get("location"):
            return urljoin(url, response.headers["location"])
        if not 200 <= response.status_code < 300:
            return reject(label, RejectionReason.HTTP_STATUS, f"{_named(label, url)}: the server answered HTTP {response.status_code}; check the address or try later.")
        media, charset = _media_type(response.headers.get("content-type"))
        if media and media not in ACCEPTED_TYPES:
            return reject(label, RejectionReason.CONTENT_TYPE, f"{label}: the server sent {media}, which lull cannot read; give an HTML page, a feed, plain text or JSONL.")
        body = _read_body(response, settings=settings, label=label, started=started)
        return body if isinstance(body, Rejection) else Fetched(url, media, charset, body)


def fetch(url: str, *, settings: Settings, label: str | None = None) -> Fetched | Rejection:
    """Fetch one URL, following up to ``settings.max_redirects`` redirects by hand.

    ``label`` names the input in messages ("urls.txt line 3"); it defaults to
    the URL. Never raises for network trouble: every failure is a Rejection."""
    label = label or url
    current = url
    headers = {"User-Agent": settings.user_agent, "Accept": "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/xml;q=0.9, text/plain;q=0.8, */*;q=0.1"}
    pins: dict[str, tuple[str, ...]] | None = None if settings.allow_private else {}
    transport = bounded_transport(Deadline(settings.timeout), pins, ssl_context=_ssl_context())
    with httpx.Client(timeout=settings.timeout, headers=headers, follow_redirects=False, trust_env=False,
                      transport=transport) as client:
        for _ in range(settings.max_redirects + 1):
            refused = check_target(current, settings=settings, label=label, pins=pins)
            if refused is not None:
                return refused
            try:
                result = _one_hop(client, current, settings=settings, label=label)
            except httpx.TimeoutException:
                return reject(label, RejectionReason.FETCH_TIMEOUT, f"{_named(label, current)}: no answer within {settings.timeout:g} s; raise timeout or try later.")
            except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
                return reject(label, RejectionReason.INVALID_URL, f"{label}: '{current}' cannot be requested ({exc}); fix the address.")
            except httpx.HTTPError as exc:
                return reject(label, RejectionReason.FETCH_FAILED, f"{_named(label, current)}: the request failed ({type(exc).__name__}: {exc}); check the address and the network.")
            if not isinstance(result, str):
                return result
            current = result
    return reject(label, RejectionReason.TOO_MANY_REDIRECTS, f"{_named(label, url)}: redirected more than {settings.max_redirects} times; use the final address or raise max_redirects.")
