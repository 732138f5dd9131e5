"""A requests session over the bounded connections, for the HTTP API email backends, which
build their requests (JSON, multipart forms) with requests. Fetching feeds and pages does
not use it: `http.HttpClient` sits on urllib3 directly, which costs a third of what a
request through requests costs (its session merges settings, cookies and hooks per request).
"""

from __future__ import annotations

import os
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from requests.sessions import merge_setting
from requests.utils import get_environ_proxies
from urllib3.poolmanager import PoolManager, ProxyManager

from .connection import BOUNDED_POOLS, BoundedPoolManager
from .guard import origin
from .http import USER_AGENT


class Session(requests.Session):
    """requests' session, reading the proxy variables once per host: requests reads them
    for every request, going through every environment variable twice (a fifth of what a
    request to a nearby server costs). They are the process's settings, set before it runs."""

    def __init__(self) -> None:
        super().__init__()
        self._environ_proxies: dict[tuple[str, str, int, str | None], dict[str, str]] = {}

    def merge_environment_settings(self, url: str | None, proxies: Any, stream: Any,
                                   verify: Any, cert: Any) -> dict[str, Any]:
        """requests' own, with the environment's proxies for `url`'s host remembered."""
        if not self.trust_env or url is None:
            return super().merge_environment_settings(url, proxies, stream, verify, cert)
        no_proxy = proxies.get("no_proxy") if proxies is not None else None
        key = (*origin(url), no_proxy)
        found = self._environ_proxies.get(key)
        if found is None:
            found = self._environ_proxies[key] = get_environ_proxies(url, no_proxy=no_proxy)
        if proxies is not None:
            for name, value in found.items():
                proxies.setdefault(name, value)
        if verify is True or verify is None:
            verify = (os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE")
                      or verify)
        return {"proxies": merge_setting(proxies, self.proxies),
                "stream": merge_setting(stream, self.stream),
                "verify": merge_setting(verify, self.verify),
                "cert": merge_setting(cert, self.cert)}


def make_session() -> requests.Session:
    """A requests session that names the project in its User-Agent."""
    session = Session()
    session.headers["User-Agent"] = USER_AGENT
    return session


class BoundedAdapter(HTTPAdapter):
    """requests' adapter over the bounded pools (no address guard: the backends' base_url
    is the operator's own choice), so that each request is cut off at its deadline."""

    def init_poolmanager(self, connections: int, maxsize: int, block: bool = False,
                         **pool_kwargs: Any) -> None:
        super().init_poolmanager(connections, maxsize, block, **pool_kwargs)
        self.poolmanager = BoundedPoolManager(num_pools=connections, maxsize=maxsize,
                                              block=block, **pool_kwargs)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> PoolManager:
        """requests' manager for `proxy`, its HTTP(S) pools the bounded ones."""
        manager: PoolManager = super().proxy_manager_for(proxy, **proxy_kwargs)
        if isinstance(manager, ProxyManager):
            manager.pool_classes_by_scheme = BOUNDED_POOLS
        return manager
