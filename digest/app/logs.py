"""How every command logs: short lines on a terminal, lines with an ISO-8601 timestamp when
stderr is a file or a pipe (cron, systemd, a log file), or one JSON object a line.

`-v` adds digest's own info and debug lines; libraries (urllib3, charset_normalizer,
trafilatura, aiosmtpd, asyncio, filelock, PIL, …) keep to warnings and errors, and those that
log about every page they read keep quiet entirely, until `-vv` lets everything in.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import datetime
from typing import Any, TextIO

FORMATS = ("auto", "text", "json")
# Libraries that log about the pages they read (markup, guessed dates, encodings): not ours
# to report, so silent below -vv.
PAGE_NOISE = ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer", "urllib3")
# What every LogRecord has; anything else on a record came as `extra=` and goes into JSON.
STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


def who(record: logging.LogRecord) -> str:
    """`digest` for our own lines (as the CLI's error lines say), the logger's name else."""
    return "digest" if record.name.split(".")[0] == "digest" else record.name


class ShortFormatter(logging.Formatter):
    """`digest: warning: …`, the same shape as the CLI's own lines: for a terminal."""

    def format(self, record: logging.LogRecord) -> str:
        line = f"{who(record)}: {record.levelname.lower()}: {record.getMessage()}"
        return line + ("\n" + self.formatException(record.exc_info) if record.exc_info else "")


class TextFormatter(ShortFormatter):
    """The short line after an ISO-8601 timestamp with its UTC offset: for a log file."""

    def format(self, record: logging.LogRecord) -> str:
        return f"{timestamp(record)} {super().format(record)}"


class JsonFormatter(logging.Formatter):
    """One JSON object a line: ts, level, logger, message, the record's extra fields, and
    the traceback as `exception` when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {"ts": timestamp(record), "level": record.levelname.lower(),
                                "logger": record.name, "message": record.getMessage()}
        data.update((k, v) for k, v in vars(record).items()
                    if k not in STANDARD and not k.startswith("_"))
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False, default=str)


def timestamp(record: logging.LogRecord) -> str:
    return datetime.fromtimestamp(record.created).astimezone().isoformat(timespec="milliseconds")


def formatter(log_format: str, stream: TextIO) -> logging.Formatter:
    if log_format == "json":
        return JsonFormatter()
    if log_format == "text" or not stream.isatty():
        return TextFormatter()
    return ShortFormatter()


def setup_logging(verbosity: int = 0, log_format: str = "auto",
                  stream: TextIO | None = None) -> None:
    """Send every log line to stderr in `log_format` (auto: short on a terminal, timestamped
    text otherwise); `verbosity` is the number of -v given."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(formatter(log_format, handler.stream))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if verbosity >= 2 else logging.WARNING)
    logging.getLogger("digest").setLevel(logging.DEBUG if verbosity else logging.NOTSET)
    for noisy in PAGE_NOISE:
        logging.getLogger(noisy).setLevel(logging.NOTSET if verbosity >= 2 else logging.CRITICAL)


def at_least(level: int) -> None:
    """Let digest's own lines of `level` through whatever the verbosity (`digest run` logs
    what it does at info)."""
    logger = logging.getLogger("digest")
    logger.setLevel(min(logger.getEffectiveLevel(), level))
