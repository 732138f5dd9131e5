"""How every command ends on an error: one line and its exit code (a traceback with
--verbose); a module of its own so that command modules besides cli.py share it."""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from ..core.errors import ConfigError, DigestError

F = TypeVar("F", bound=Callable[..., Any])


log = logging.getLogger("digest")


def fail(message: str, code: int) -> None:
    """The one line of an error, as a log line (timestamped in a log file), and its code."""
    log.error("%s", message)
    sys.exit(code)


def reports_errors(command: F) -> F:
    """Turn a DigestError into one clear line and its exit code (a traceback with --verbose)."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        verbose = bool(getattr(click.get_current_context().obj, "verbose", False))
        try:
            return command(*args, **kwargs)
        except ConfigError as exc:
            if verbose:
                raise
            first = exc.problems[0]
            more = len(exc.problems) - 1
            fail(first + (f" (and {more} more: run `digest check`)" if more else ""), 2)
        except DigestError as exc:
            if verbose:
                raise
            fail(str(exc), exc.exit_code)
        except KeyboardInterrupt:
            fail("interrupted", 130)

    return wrapper  # type: ignore[return-value]
