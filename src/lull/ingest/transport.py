"""The network layer under the fetcher: connect only to the address that was checked, within one deadline.

``urls.check_target`` resolves a host and checks every address; this backend
then connects to exactly those addresses (a DNS server that answers
differently the second time cannot steer lull into the local network), and
every connect, TLS handshake, read and write gets at most the time left of the
whole exchange, so a server that trickles its headers or body one byte at a
time is cut off at ``timeout`` seconds in total, not per byte.
"""
from __future__ import annotations

import time
from collections.abc import Iterable

import httpcore
import httpx


class Deadline:
    """A point in monotonic time; ``left()`` is what remains of it, and raises once it has passed."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def left(self, timeout: float | None = None, *, error: type[Exception] = httpcore.ReadTimeout) -> float:
        remaining = self.end - time.monotonic()
        if remaining <= 0:
            raise error(f"the {self.seconds:g}-second deadline for the whole exchange passed")
        return remaining if timeout is None else min(timeout, remaining)


class _BoundedStream(httpcore.NetworkStream):
    def __init__(self, stream: httpcore.NetworkStream, deadline: Deadline):
        self._stream, self._deadline = stream, deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, self._deadline.left(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, self._deadline.left(timeout, error=httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context, server_hostname: str | None = None, timeout: float | None = None):
        wrapped = self._stream.start_tls(ssl_context, server_hostname,
                                         self._deadline.left(timeout, error=httpcore.ConnectTimeout))
        return _BoundedStream(wrapped, self._deadline)

    def get_extra_info(self, info: str):
        return self._stream.get_extra_info(info)


class PinnedBackend(httpcore.NetworkBackend):
    """Connects a host name only to its checked addresses (``pins``; ``None`` = resolve freely, for
    ``allow_private``), and bounds every socket operation by ``deadline``."""

    def __init__(self, deadline: Deadline, pins: dict[str, tuple[str, ...]] | None):
        self._deadline, self._pins, self._backend = deadline, pins, httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable | None = None) -> httpcore.NetworkStream:
        addresses = (host,) if self._pins is None else self._pins.get(host.lower().strip("[]"))
        if not addresses:
            raise httpcore.ConnectError(f"{host} was not checked before connecting; refusing to resolve it again")
        last: Exception | None = None
        for address in addresses:
            try:
                stream = self._backend.connect_tcp(address, port, self._deadline.left(timeout, error=httpcore.ConnectTimeout),
                                                   local_address, socket_options)
                return _BoundedStream(stream, self._deadline)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        raise last  # type: ignore[misc]

    def connect_unix_socket(self, path: str, timeout: float | None = None, socket_options: Iterable | None = None):
        raise httpcore.ConnectError("lull never fetches over a Unix socket")

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


def bounded_transport(deadline: Deadline, pins: dict[str, tuple[str, ...]] | None, *, ssl_context) -> httpx.HTTPTransport:
    """An httpx transport over :class:`PinnedBackend` (HTTP/1.1, no proxies from the environment)."""
    transport = httpx.HTTPTransport(verify=ssl_context, trust_env=False)
    # httpx has no public hook for the network backend; its pool is the documented httpcore one, rebuilt here.
    transport._pool = httpcore.ConnectionPool(ssl_context=ssl_context, network_backend=PinnedBackend(deadline, pins))
    return transport
