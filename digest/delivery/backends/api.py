"""What the HTTP API backends share: the request and retry loop, and error mapping.

Each `send` becomes one request per `max_batch` recipients; a subclass says how
(`build_request`), how a successful answer becomes per-recipient results (`parse_results`)
and how its error bodies read (`error_text`). The edition goes once in each request, with
each recipient's own values as the provider's substitutions (or, for a provider without
them, each message's whole body).

What each answer means, per request (`max_retries` retries within a run, with backoff):

answer                                              outcome for the request's recipients
2xx that accounts for every recipient               sent (failed, for those it refuses)
429, 5xx but 502/504, a refused connection, a       retried in the run, then deferred (and
  connect timeout: the request never went through     the rest of the run): the next run
                                                      tries again
a `Retry-After` longer than `max_wait`              deferred at once, the rest of the run too
a read timeout or a lost connection once the        unknown: it may have been accepted
  request was sent
502 or 504 (a gateway gave up after the body        unknown
  went out)
2xx whose body cannot be read or does not account   unknown
  for every recipient
401, 403                                            an authentication error for the whole
                                                      send (exit 3): recipients stay pending
404                                                 a config error (base_url, domain), exit 2
other 4xx                                           failed: those the provider names, else
                                                      every recipient of the request

`timeout` bounds each request as a whole (connect, send, the whole answer), not only each
read: the session's connections are fetch's bounded ones, under a `Watch` that shuts the
socket when the time is up, so a provider that trickles its answer ends as a read timeout.

Unknown recipients are not sent again unless asked (`digest send --resend-unknown`); each
copy carries the recipient's stable Message-ID, so a copy sent again is recognisable.
`batch_size` makes requests smaller than the provider allows, so that fewer recipients are
in doubt when one request is.
"""

from __future__ import annotations

import logging
import random
import re
import time
from abc import abstractmethod
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import Field, SecretStr, field_validator

from ...core.models import DeliveryResult
from ...core.options import Strict
from ...core.retry import RetryPolicy, retry_after_seconds
from ...core.text import plural
from .api_requests import ApiRequest, requests_of
from .base import (
    AttemptHook,
    AuthenticationError,
    Backend,
    BackendError,
    Clock,
    Outgoing,
    Pacer,
    ProviderError,
    ResultHook,
    Sleep,
    UnavailableError,
    deferred,
    failed,
    unknown,
)
from .registry import BackendContext

if TYPE_CHECKING:  # requests is imported when a backend is made, not when config is read
    import requests

log = logging.getLogger(__name__)


class ApiBackendConfig(Strict):
    """Options every HTTP API backend has; `base_url` lets a region, a proxy or a test server in."""

    api_key: SecretStr
    base_url: str
    timeout: float = Field(default=30.0, gt=0)
    max_retries: int = Field(default=5, ge=0)  # for 429, 5xx and connection errors
    backoff: float = Field(default=1.0, ge=0)  # seconds before the first retry, then doubled
    max_wait: float = Field(default=300.0, gt=0)  # a longer Retry-After means: give up now
    batch_size: int | None = Field(default=None, ge=1)  # recipients a request, below the cap

    @field_validator("base_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not re.match(r"^https?://[^/\s]+", value):
            raise ValueError(f"{value!r} is not an http(s) URL, such as https://api.example.com")
        return value.rstrip("/")


class _InDoubt(Exception):
    """The request may have reached the provider but no answer came back."""


IN_DOUBT_STATUSES = (502, 504)  # a gateway gave up waiting for the provider: it may have sent


def in_doubt(reason: str) -> str:
    return f"{reason}; it may have been accepted: `digest send --resend-unknown` sends it again"


def _never_reached(exc: requests.RequestException) -> bool:
    """True when the request cannot have reached the provider, so repeating it is safe: the
    connection timed out or urllib3 could not open one (a NewConnectionError in the chain)."""
    import requests
    from urllib3.exceptions import NewConnectionError

    if isinstance(exc, requests.ConnectTimeout):
        return True
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, NewConnectionError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


class ApiBackend(Backend):
    """Base of the HTTP API backends. Never raises for one recipient; raises a BackendError
    on 401/403, on a 404 (wrong base_url or domain), and when retries of 429, 5xx or
    connection failures are spent."""

    name: ClassVar[str]
    # The settings to check when the provider answers 404.
    locating_keys: ClassVar[str] = "base_url"
    config: ApiBackendConfig

    def __init__(
        self,
        config: ApiBackendConfig,
        *,
        session: requests.Session | None = None,
        max_per_second: float | None = None,
        sleep: Sleep = time.sleep,
        clock: Clock = time.monotonic,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        from ...fetch.sessions import BoundedAdapter, make_session

        self.config = config
        self.session = session or make_session()
        adapter = BoundedAdapter()  # no address guard: base_url is the operator's own choice
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self._owns_session = session is None
        self.sleep = sleep
        self.retry = RetryPolicy(attempts=config.max_retries + 1, backoff=config.backoff,
                                 cap=config.max_wait, jitter=jitter)
        self.pacer = Pacer(max_per_second, sleep, clock)
        self.max_batch = min(type(self).max_batch, config.batch_size or type(self).max_batch)

    @classmethod
    def create(cls, options: ApiBackendConfig, context: BackendContext) -> ApiBackend:
        """The factory the registry calls."""
        return cls(options, max_per_second=context.max_per_second)

    def close(self) -> None:
        if self._owns_session:
            self.session.close()

    @abstractmethod
    def auth_headers(self) -> dict[str, str]: ...

    @abstractmethod
    def build_request(self, batch: Outgoing) -> ApiRequest: ...

    @abstractmethod
    def parse_results(self, batch: Outgoing, response: requests.Response) -> list[DeliveryResult]:
        """One result per recipient of the batch, from a 2xx answer; `unreadable` for
        each when the answer does not say what became of each."""

    def unreadable(self, batch: Outgoing, response: requests.Response) -> list[DeliveryResult]:
        """A 2xx answer that does not account for the batch: every recipient in doubt."""
        reason = in_doubt(f"{self.name}: HTTP {response.status_code} with an answer that does "
                          f"not account for the {len(batch)} recipients of the request")
        return [unknown(copy, reason) for copy in batch]

    def error_text(self, body: Any) -> str | None:
        """The provider's own explanation, from a parsed JSON error body."""
        return None

    def culprits(self, batch: Outgoing, body: Any) -> dict[int, str]:
        """Positions in the batch a rejected request's error names, with the reason for each."""
        return {}

    def send(self, outgoing: Outgoing, on_result: ResultHook | None = None,
             on_attempt: AttemptHook | None = None) -> list[DeliveryResult]:
        results: list[DeliveryResult] = []

        def settle(batch_results: list[DeliveryResult]) -> None:
            results.extend(batch_results)
            if on_result is not None and batch_results:
                on_result(batch_results)

        try:
            for batch in requests_of(outgoing, self.max_batch):
                self.pacer.wait(len(batch))
                try:
                    settle(self._deliver(batch, on_attempt))
                except UnavailableError as exc:  # the request never went through
                    settle([deferred(copy, str(exc)) for copy in batch])
                    raise
        except BackendError as exc:
            exc.results = results
            raise
        return results

    def _deliver(self, batch: Outgoing, on_attempt: AttemptHook | None) -> list[DeliveryResult]:
        if on_attempt is not None:
            on_attempt(batch)
        try:
            response = self._post(self.build_request(batch))
        except _InDoubt as exc:
            return [unknown(copy, str(exc)) for copy in batch]
        if response.ok:
            return self.parse_results(batch, response)
        reason = f"{self.name}: HTTP {response.status_code}: {self._describe(response)}"
        if response.status_code in IN_DOUBT_STATUSES:
            return [unknown(copy, in_doubt(reason)) for copy in batch]
        if response.status_code == 404:
            raise ProviderError(f"{reason} (check delivery.{self.name}: {self.locating_keys})")
        culprits = self.culprits(batch, json_body(response))
        if not culprits or len(culprits) == len(batch):
            return [failed(copy, reason) for copy in batch]
        # The provider named the recipients it refused: fail those, send the rest again.
        others = iter(self._deliver(batch.without(culprits), on_attempt))
        return [
            failed(copy, f"{self.name}: {culprits[i]}") if i in culprits else next(others)
            for i, copy in enumerate(batch)
        ]

    def _post(self, request: ApiRequest) -> requests.Response:
        """POST with retries of 429, 5xx (but 502 and 504) and connections never opened, as
        `self.retry` allows; UnavailableError when they are spent."""
        import requests

        from ...core.deadlines import Watch

        url = self.config.base_url + request.path
        retry = 0
        while True:
            asked = None
            try:
                with Watch(time.monotonic() + self.config.timeout) as watch:
                    response = self.session.post(
                        url, headers=self.auth_headers(), timeout=self.config.timeout,
                        **request.body
                    )
            except requests.RequestException as exc:
                if not _never_reached(exc):
                    why = (f"no complete answer within {self.config.timeout:g} s"
                           if watch.fired else type(exc).__name__)
                    raise _InDoubt(in_doubt(f"{self.name}: no answer from {url} ({why})")) from None
                problem = f"cannot connect to {url}"
            else:
                status = response.status_code
                if status in (401, 403):
                    raise AuthenticationError(
                        f"{self.name}: HTTP {status}: {self._describe(response)}"
                        f" (check delivery.{self.name}.api_key)"
                    )
                if (status != 429 and status < 500) or status in IN_DOUBT_STATUSES:
                    return response
                problem = f"HTTP {status}: {self._describe(response)}"
                asked = retry_after_seconds(response.headers.get("Retry-After"), time.time())
                if self.retry.too_long(asked):
                    raise UnavailableError(
                        f"{self.name}: {problem}; asked to wait {asked:.0f} s, longer than "
                        f"delivery.{self.name}.max_wait ({self.config.max_wait:.0f} s)"
                    )
            wait = self.retry.delay(retry, asked)
            if wait is None:
                tries = plural(self.retry.attempts, "attempt")
                raise UnavailableError(f"{self.name}: {problem} ({tries})")
            log.warning("%s: %s; retrying in %.1f s", self.name, problem, wait)
            self.sleep(wait)
            retry += 1

    def _describe(self, response: requests.Response) -> str:
        body = json_body(response)
        text = self.error_text(body) if body is not None else None
        return text or response.text.strip()[:200] or response.reason or "no explanation"


def json_body(response: requests.Response) -> Any:
    """The parsed JSON body, or None when there is none."""
    try:
        return response.json()
    except ValueError:
        return None
