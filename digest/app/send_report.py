"""What a send did (`SendReport`): its status, each recipient's result, the sources'
reports and problems, and the exit code they make."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from ..core.models import DeliveryResult, DeliveryStatus, Selection, SendStatus, SourceStatus, tally
from ..delivery.backends.base import BackendError, UnavailableError
from .collect import SourceReport

log = logging.getLogger("digest.app.pipeline")  # one logger for every stage of a run


@dataclass
class SendReport:
    """What `send` did, for the CLI to print and to turn into an exit code."""

    status: SendStatus
    day: str
    edition: int | None = None
    stories: int = 0
    results: list[DeliveryResult] = field(default_factory=list)
    sources: list[SourceReport] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    error_code: int | None = None  # the backend stopped the send (bad credentials, config)
    selection: Selection | None = None  # how the new edition's stories were chosen
    strict: bool = False  # any failed source makes the exit code 1

    def stopped_by(self, error: BackendError | None) -> None:
        """Note the error a backend raised mid-send; but for "try later", the send failed."""
        if error is not None:
            log.error("%s", error)
            self.problems.append(str(error))
            if not isinstance(error, UnavailableError):
                self.error_code = error.exit_code
                self.status = SendStatus.FAILED

    @property
    def counts(self) -> dict[DeliveryStatus, int]:
        """How many recipients ended in each status."""
        return tally(r.status for r in self.results)

    @property
    def sources_failed(self) -> int:
        return sum(s.status is SourceStatus.ERROR for s in self.sources)

    @property
    def exit_code(self) -> int:
        counts = self.counts
        if self.error_code:
            return self.error_code
        if self.results and not counts[DeliveryStatus.SENT]:
            return 3
        unsettled = sum(counts[s] for s in (DeliveryStatus.FAILED, DeliveryStatus.DEFERRED,
                                            DeliveryStatus.UNKNOWN))
        return 1 if unsettled or self.problems or self.failed_by_sources else 0

    @property
    def failed_by_sources(self) -> bool:
        """Whether failed sources make this send a failure: with `strict`, any one; else only
        when nothing went out and no source worked (an outage is not a quiet news day). A
        failed source is reported either way."""
        failed = self.sources_failed
        if self.strict or not failed:
            return bool(failed)
        return failed == len(self.sources) and not self.counts[DeliveryStatus.SENT]
