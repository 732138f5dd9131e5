"""One exception tree; the CLI turns each into one clear line and an exit code."""

from __future__ import annotations


class DigestError(Exception):
    """Base of every error digest reports to the user."""

    exit_code = 3


class ConfigError(DigestError):
    """The config is wrong; nothing is sent. `problems` lists each one found."""

    exit_code = 2

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or [message]

    @classmethod
    def from_problems(cls, problems: list[str]) -> ConfigError:
        return cls("\n".join(problems), problems)


class UsageError(DigestError):
    exit_code = 2


class SourceError(DigestError):
    """A source could not be read; the run goes on without it."""

    exit_code = 1


class RenderError(DigestError):
    exit_code = 3


class DeliveryError(DigestError):
    exit_code = 1


class StateError(DigestError):
    exit_code = 3
