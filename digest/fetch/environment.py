"""What a requests session takes from the environment, taken the same way by HttpClient:
the certificate authorities (`REQUESTS_CA_BUNDLE`, `CURL_CA_BUNDLE`, else certifi's), the
proxies (`HTTP_PROXY`, `NO_PROXY`...) and netrc's credentials. The common case, no proxy
variable and no netrc file, is found once and costs a request nothing; otherwise requests'
own functions read them (loaded then), so that they mean what they meant."""

from __future__ import annotations

import os
import threading
from typing import Any

import urllib3
from urllib3 import PoolManager
from urllib3.util import make_headers

from .connection import BOUNDED_POOLS, verification
from .failures import FetchError
from .guard import origin


def ca_location() -> str:
    """The certificate authorities requests would trust: the environment's bundle, else
    certifi's (asked for each new HTTPS pool, one a host). A variable that names nothing
    is a FetchError, failed for good: the environment's to fix."""
    for name in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        found = os.environ.get(name)
        if found:
            if not os.path.exists(found):
                raise FetchError(f"{name} names {found}, which does not exist: set it to a "
                                 "CA bundle (a file or a folder), or unset it")
            return found
    import certifi

    return certifi.where()


def proxy_settings() -> bool:
    """Whether the environment names any proxy (`http_proxy`, `NO_PROXY`...): when none
    does, as is usual, no request looks them up."""
    return any(name.lower().endswith("_proxy") for name in os.environ)


def netrc_present() -> bool:
    """Whether a netrc file (`$NETRC`, `~/.netrc`, `~/_netrc`) could give credentials."""
    names = [os.environ["NETRC"]] if "NETRC" in os.environ else ["~/.netrc", "~/_netrc"]
    return any(os.path.exists(os.path.expanduser(name)) for name in names)


class Proxies:
    """The environment's proxy for each URL, read as requests reads it (its own functions,
    loaded only when a proxy variable is set), once per origin."""

    def __init__(self, pool_kwargs: dict[str, Any]) -> None:
        self._pool_kwargs = pool_kwargs
        self._found: dict[tuple[str, str, int], str | None] = {}
        self._managers: dict[str, PoolManager] = {}
        self._lock = threading.Lock()

    def proxy_for(self, url: str) -> str | None:
        from requests.utils import get_environ_proxies, prepend_scheme_if_needed, select_proxy

        key = origin(url)
        if key not in self._found:
            proxy = select_proxy(url, get_environ_proxies(url))
            self._found[key] = prepend_scheme_if_needed(proxy, "http") if proxy else None
        return self._found[key]

    def manager(self, proxy: str) -> PoolManager:
        """The manager of the pools to `proxy`: bounded ones for an HTTP(S) proxy, urllib3's
        own for SOCKS."""
        with self._lock:
            if proxy not in self._managers:
                self._managers[proxy] = self._make(proxy)
            return self._managers[proxy]

    def _make(self, proxy: str) -> PoolManager:
        """A manager whose HTTPS pools check certificates as the direct ones do."""
        from requests.utils import get_auth_from_url

        username, password = get_auth_from_url(proxy)
        pool_kwargs = {**self._pool_kwargs, **verification(ca_location())}
        if proxy.lower().startswith("socks"):
            from urllib3.contrib.socks import SOCKSProxyManager

            return SOCKSProxyManager(proxy, username=username, password=password,
                                     **pool_kwargs)
        headers = ({"Proxy-Authorization": make_headers(
            proxy_basic_auth=f"{username}:{password}")["proxy-authorization"]} if username
            else None)
        manager = urllib3.ProxyManager(proxy, proxy_headers=headers, **pool_kwargs)
        manager.pool_classes_by_scheme = BOUNDED_POOLS
        return manager

    def clear(self) -> None:
        for manager in self._managers.values():
            manager.clear()




def netrc_authorization(url: str) -> str | None:
    """The Authorization header netrc gives for `url`'s host, or None."""
    from requests.utils import get_netrc_auth

    found = get_netrc_auth(url)
    return make_headers(basic_auth=":".join(found))["authorization"] if found else None
