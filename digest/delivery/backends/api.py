"""What the HTTP API backends share: the request and retry loop, and error mapping.

Each batch (see batching.py) becomes one request; a subclass says how (`build_request`),
how a successful answer becomes per-recipient results (`parse_results`) and how its error
bodies read (`error_text`).
"""

from __future__ import annotations

import logging
import random
import time
from abc import abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from email.headerregistry import Address
from typing import Any, ClassVar

import requests
from urllib3.exceptions import NewConnectionError

from ...config import ApiBackendConfig
from ...http import make_session
from ...models import DeliveryResult
from ...retry import RetryPolicy, retry_after_seconds
from .base import (
    AuthenticationError,
    Backend,
    BackendError,
    Clock,
    OutgoingMessage,
    Pacer,
    ProviderError,
    ResultHook,
    Sleep,
    UnavailableError,
)
from .batching import MAX_OWN, Batch, make_batches

log = logging.getLogger(__name__)

# Our own Message-ID goes to each provider as per-recipient metadata under this name, so that
# a provider's events can be matched to the message they are about.
TRACKING_KEY = "digest_message_id"

def recipient_address(item: OutgoingMessage) -> Address:
    return Address(display_name=item.recipient.name or "", addr_spec=item.recipient.email)


def message_id(item: OutgoingMessage) -> str:
    return str(item.message["Message-ID"])


def sent(item: OutgoingMessage, provider_id: str | None) -> DeliveryResult:
    return DeliveryResult(item.recipient.email, "sent", message_id=provider_id)


def failed(item: OutgoingMessage, reason: str) -> DeliveryResult:
    return DeliveryResult(item.recipient.email, "failed", error=reason)


@dataclass(frozen=True)
class ApiRequest:
    path: str
    body: dict[str, Any]  # keyword arguments for requests: json=... or files=...


class _InDoubt(Exception):
    """The request may have reached the provider but no answer came back."""


def _never_reached(exc: requests.RequestException) -> bool:
    """True when the request cannot have reached the provider, so repeating it is safe: the
    connection timed out or urllib3 could not open one (a NewConnectionError in the chain)."""
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
    # How many characters of a shared body part may be each recipient's own (their stretches
    # together); None for a provider whose requests carry every message's whole body.
    max_own: ClassVar[int | None] = MAX_OWN
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
        self.config = config
        self.session = session or make_session()
        self._owns_session = session is None
        self.sleep = sleep
        self.retry = RetryPolicy(attempts=config.max_retries + 1, backoff=config.backoff,
                                 cap=config.max_wait, jitter=jitter)
        self.pacer = Pacer(max_per_second, sleep, clock)

    def close(self) -> None:
        if self._owns_session:
            self.session.close()

    @abstractmethod
    def auth_headers(self) -> dict[str, str]: ...

    @abstractmethod
    def build_request(self, batch: Batch) -> ApiRequest: ...

    @abstractmethod
    def parse_results(self, batch: Batch, response: requests.Response) -> list[DeliveryResult]:
        """One result per message of the batch, from a 2xx answer."""

    def error_text(self, body: Any) -> str | None:
        """The provider's own explanation, from a parsed JSON error body."""
        return None

    def culprits(self, batch: Batch, body: Any) -> dict[int, str]:
        """Positions in the batch a rejected request's error names, with the reason for each."""
        return {}

    def send(
        self, messages: Sequence[OutgoingMessage], on_result: ResultHook | None = None
    ) -> list[DeliveryResult]:
        results: list[DeliveryResult | None] = [None] * len(messages)
        try:
            for batch in make_batches(messages, self.max_batch, self.max_own):
                self.pacer.wait(len(batch.items))
                for index, result in zip(batch.indices, self._deliver(batch), strict=True):
                    results[index] = result
                    if on_result is not None:
                        on_result(result)
        except BackendError as exc:
            exc.results = [r for r in results if r is not None]
            raise
        return [r for r in results if r is not None]

    def _deliver(self, batch: Batch) -> list[DeliveryResult]:
        try:
            response = self._post(self.build_request(batch))
        except _InDoubt as exc:
            return [failed(item, str(exc)) for item in batch.items]
        if response.ok:
            return self.parse_results(batch, response)
        reason = f"{self.name}: HTTP {response.status_code}: {self._describe(response)}"
        if response.status_code == 404:
            raise ProviderError(f"{reason} (check delivery.{self.name}: {self.locating_keys})")
        culprits = self.culprits(batch, json_body(response))
        if not culprits or len(culprits) == len(batch.items):
            return [failed(item, reason) for item in batch.items]
        # The provider named the messages it refused: fail those, send the rest again.
        others = iter(self._deliver(batch.without(set(culprits))))
        return [
            failed(item, f"{self.name}: {culprits[i]}") if i in culprits else next(others)
            for i, item in enumerate(batch.items)
        ]

    def _post(self, request: ApiRequest) -> requests.Response:
        """POST with retries of 429, 5xx and failed connections, as `self.retry` allows."""
        url = self.config.base_url + request.path
        retry = 0
        while True:
            asked = None
            try:
                response = self.session.post(
                    url, headers=self.auth_headers(), timeout=self.config.timeout, **request.body
                )
            except requests.RequestException as exc:
                if not _never_reached(exc):
                    raise _InDoubt(
                        f"{self.name}: no answer from {url} ({type(exc).__name__}); the provider "
                        "may have accepted the request, so it is not sent again"
                    ) from None
                problem = f"cannot connect to {url}"
            else:
                status = response.status_code
                if status in (401, 403):
                    raise AuthenticationError(
                        f"{self.name}: HTTP {status}: {self._describe(response)}"
                        f" (check delivery.{self.name}.api_key)"
                    )
                if status != 429 and status < 500:
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
                raise UnavailableError(f"{self.name}: {problem} ({self.retry.attempts} attempts)")
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
