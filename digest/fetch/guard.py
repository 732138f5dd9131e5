"""Which addresses a fetch may connect to: the server-side request forgery guard.

A feed or a page names URLs that digest then fetches (an entry's link for its full text, a
redirect's target). Without a check, a hostile feed could make digest request the
operator's own network: a router's admin page, a cloud's metadata service at
169.254.169.254, a database's HTTP port on localhost. So an address that is not public
(loopback, private, link-local, unique-local, shared, unspecified, multicast or reserved) is
connected to only when the request goes to exactly the scheme, host and port of a URL the
operator configured, or to a host the operator listed in `http.allow_hosts`.

The check is made on the addresses a name resolves to, by the code that then connects to
one of those same addresses (`fetch/connection.py`), so a name that resolves to a public
address when checked and to a private one when connected to (DNS rebinding) gets nowhere.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
DEFAULT_PORTS = {"http": 80, "https": 443}

# What a non-public address is, in the words of the refusal; the first network that holds
# the address names it. Anything else that is not global is "reserved".
KINDS: tuple[tuple[str, str], ...] = (
    ("0.0.0.0/8", "an unspecified address"),
    ("127.0.0.0/8", "a loopback address"),
    ("10.0.0.0/8", "a private address"),
    ("172.16.0.0/12", "a private address"),
    ("192.168.0.0/16", "a private address"),
    ("169.254.0.0/16", "a link-local address"),
    ("100.64.0.0/10", "a shared (carrier-grade NAT) address"),
    ("224.0.0.0/4", "a multicast address"),
    ("::/128", "an unspecified address"),
    ("::1/128", "a loopback address"),
    ("fe80::/10", "a link-local address"),
    ("fc00::/7", "a unique-local address"),
    ("ff00::/8", "a multicast address"),
)
NETWORKS = tuple((ipaddress.ip_network(net), kind) for net, kind in KINDS)
NAT64 = ipaddress.ip_network("64:ff9b::/96")  # IPv4 addresses spelled in IPv6


class AddressRefused(Exception):
    """A connection the guard does not allow; `url` is filled in by whoever knows it."""

    def __init__(self, host: str, kind: str) -> None:
        super().__init__(f"{host} is {kind}")
        self.host = host
        self.kind = kind
        self.url: str | None = None

    def __str__(self) -> str:
        return (f"refused {self.url or self.host}: {self.kind} "
                "(set http.allow_hosts to allow it)")


def address_kind(address: str | IPAddress) -> str | None:
    """What makes `address` not public ("a private address"), or None for a public one."""
    ip = ipaddress.ip_address(address.split("%", 1)[0] if isinstance(address, str) else address)
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is None and ip in NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            return address_kind(embedded)
    for network, kind in NETWORKS:
        if ip.version == network.version and ip in network:
            return kind
    return None if ip.is_global else "a reserved address"


def origin(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) of a URL, the port filled in from the scheme; ("", "", 0), an
    origin nothing connects to, for a URL whose host or port cannot be read ("http://[::1/x",
    a port past 65535): config validation refuses those, and the guard must not fail on one."""
    try:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        return scheme, (parts.hostname or "").lower(), parts.port or DEFAULT_PORTS.get(scheme, 0)
    except ValueError:
        return "", "", 0


class AddressGuard:
    """Allows public addresses, and any address for a configured origin or allowed host."""

    def __init__(self, origins: Iterable[str] = (), allow_hosts: Iterable[str] = ()) -> None:
        self.origins = frozenset(origin(url) for url in origins)
        self.allow_hosts = frozenset(host.lower().strip("[]") for host in allow_hosts)

    def trusts(self, scheme: str, host: str, port: int) -> bool:
        """True when the operator named this origin or host: any address is fine for it."""
        host = host.lower().strip("[]")
        return (scheme, host, port) in self.origins or host in self.allow_hosts

    def check(self, scheme: str, host: str, port: int, addresses: Iterable[str]) -> None:
        """Raise AddressRefused unless every address `host` resolved to may be connected to."""
        if self.trusts(scheme, host, port):
            return
        for address in addresses:
            kind = address_kind(address)
            if kind is not None:
                raise AddressRefused(host, kind)
