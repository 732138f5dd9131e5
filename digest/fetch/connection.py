"""The connection layer under HttpClient: every wait bounded by a deadline, every address
checked by the guard before it is connected to.

urllib3 bounds each socket operation (connect, one read) but not a request as a
whole: a server that sends one header byte every few seconds keeps each read short and the
request alive for ever, and a name lookup has no timeout at all. So each request runs under
a `Watch`: a deadline, at which the request's sockets are shut (a blocked read then returns at
once; `core/deadlines.py`). The connections here register their sockets with the watch of
the request that uses them, found through a thread-local, since urllib3 runs a request in
the calling thread and offers no way to hand anything down to the socket.
The lookup runs in a daemon thread waited for no longer than the time left.

The same connections resolve the host, check every address with the `AddressGuard`, and
connect to a checked address (never resolving again), so a redirect, which goes through the
same pools, is checked too, and DNS rebinding cannot slip a private address past the check.
A request sent through a proxy is checked by HttpClient on the addresses its host resolves to
(the proxy resolves it again on its own; the proxy is the operator's choice); the connection to an
HTTP proxy is one of the bounded ones above, without the guard, so a proxy that trickles its
answer is cut off at the deadline too. A SOCKS proxy's connections are urllib3's own: each of
their reads is bounded, a request through one as a whole is not.

The API email backends use these pools without a guard, for the deadline alone, under
requests (`sessions.BoundedAdapter`).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Callable
from contextlib import suppress
from typing import Any

from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError
from urllib3.poolmanager import PoolManager

from ..core.deadlines import current_watch
from .guard import AddressGuard

AddressInfo = tuple[Any, ...]  # one entry of socket.getaddrinfo


def resolve(host: str, port: int, timeout: float) -> list[AddressInfo]:
    """getaddrinfo, given up on after `timeout` seconds (the lookup itself cannot be stopped;
    it finishes in a daemon thread nobody waits for)."""
    with suppress(socket.gaierror):  # an address literal needs no lookup
        return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM,
                                  flags=socket.AI_NUMERICHOST)
    answer: list[list[AddressInfo] | OSError] = []
    done = threading.Event()

    def look_up() -> None:
        try:
            answer.append(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except OSError as exc:
            answer.append(exc)
        finally:
            done.set()

    threading.Thread(target=look_up, daemon=True, name="resolve").start()
    if not done.wait(max(0.0, timeout)):
        raise TimeoutError(f"no answer from the name resolver in {timeout:g} s")
    if isinstance(answer[0], OSError):
        raise answer[0]
    return answer[0]


class _Bounded:
    """Mixed into urllib3's connections: resolve within the time left, check the addresses,
    connect to a checked one, and put the socket under the request's watch."""

    scheme = "http"
    host: str
    port: int
    timeout: Any
    source_address: tuple[str, int] | None
    socket_options: Any

    def __init__(self, *args: Any, guard: AddressGuard | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.guard = guard

    def _new_conn(self) -> socket.socket:
        watch = current_watch()
        limit = self.timeout if isinstance(self.timeout, int | float) else None
        if watch is not None:
            limit = min(limit if limit is not None else watch.remaining(), watch.remaining())
        until = time.monotonic() + (limit if limit is not None else 365 * 86400)
        host = self.host.strip("[]")
        try:
            infos = resolve(host, self.port, until - time.monotonic())
            if self.guard is not None:
                self.guard.check(self.scheme, host, self.port, (info[4][0] for info in infos))
            sock = self._connect_any(infos, until)
        except socket.gaierror as exc:
            raise NameResolutionError(self.host, self, exc) from exc  # type: ignore[arg-type]
        except TimeoutError as exc:
            raise ConnectTimeoutError(self, f"Connection to {self.host} timed out. "
                                      f"(connect timeout={limit})") from exc
        except OSError as exc:
            raise NewConnectionError(  # type: ignore[arg-type]
                self, f"Failed to establish a new connection: {exc}") from exc
        if watch is not None:
            watch.track(sock)
        return sock

    def _connect_any(self, infos: list[AddressInfo], until: float) -> socket.socket:
        """A socket connected to the first of `infos` that answers."""
        error: OSError = OSError("no address to connect to")
        for family, kind, proto, _, address in infos:
            sock = socket.socket(family, kind, proto)
            try:
                for option in self.socket_options or ():
                    sock.setsockopt(*option)
                sock.settimeout(max(0.001, until - time.monotonic()))
                if self.source_address:
                    sock.bind(self.source_address)
                sock.connect(address)
            except OSError as exc:
                sock.close()
                error = exc
                continue
            return sock
        raise error


class BoundedHTTPConnection(_Bounded, HTTPConnection):
    scheme = "http"


class BoundedHTTPSConnection(_Bounded, HTTPSConnection):
    scheme = "https"


class _Tracking:
    """Mixed into urllib3's pools: a connection taken from the pool for a request is watched
    by that request (a new one registers itself when it connects)."""

    def _get_conn(self, timeout: float | None = None) -> Any:
        conn = super()._get_conn(timeout)  # type: ignore[misc]
        watch = current_watch()
        if watch is not None and conn.sock is not None:
            watch.track(conn.sock)
        return conn


class BoundedHTTPPool(_Tracking, HTTPConnectionPool):
    ConnectionCls = BoundedHTTPConnection


class BoundedHTTPSPool(_Tracking, HTTPSConnectionPool):
    ConnectionCls = BoundedHTTPSConnection


BOUNDED_POOLS: dict[str, type[HTTPConnectionPool]] = {"http": BoundedHTTPPool,
                                                      "https": BoundedHTTPSPool}


class BoundedPoolManager(PoolManager):
    """Hands out the pools above, their connections given the guard; an HTTPS pool
    verifies certificates with the authorities `ca_location` names (a file or a folder),
    asked for when the first such pool is made."""

    def __init__(self, *args: Any, guard: AddressGuard | None = None,
                 ca_location: Callable[[], str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.guard = guard
        self.ca_location = ca_location
        self.pool_classes_by_scheme = BOUNDED_POOLS

    def _new_pool(self, scheme: str, host: str, port: int,
                  request_context: dict[str, Any] | None = None) -> HTTPConnectionPool:
        pool = super()._new_pool(scheme, host, port, request_context)
        pool.conn_kw["guard"] = self.guard
        if self.ca_location is not None and isinstance(pool, HTTPSConnectionPool):
            for name, value in verification(self.ca_location()).items():
                setattr(pool, name, value)
        return pool


def verification(location: str) -> dict[str, str]:
    """The settings of an HTTPS pool that check certificates against the authorities in
    `location`, a file or a folder: the same for a direct pool and a proxy's."""
    return {"cert_reqs": "CERT_REQUIRED",
            "ca_cert_dir" if os.path.isdir(location) else "ca_certs": location}
