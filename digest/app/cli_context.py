"""What every command shares: the config path and verbosity the group was given, the
settings loaded once when a command first asks, and the garbage collector held off while
they load.

A module of its own so that the command modules and cli.py, which registers them, both
import it and not each other.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from ..config import Settings


class Context:
    def __init__(self, config: Path, verbose: bool) -> None:
        self.config_path = config
        self.verbose = verbose
        self._settings: Settings | None = None

    @property
    def settings(self) -> Settings:
        """The settings, for a command that may deliver: every secret must be set."""
        if self._settings is None:
            from ..config import load_settings

            self._settings = settled(load_settings(self.config_path))
        return self._settings

    @property
    def reading_settings(self) -> Settings:
        """The settings, for a command that only reads: delivery secrets may be unset."""
        from ..config import load_settings

        return self._settings or settled(load_settings(self.config_path, delivering=False))


def settled(settings: Settings) -> Settings:
    """The settings, once what the command has loaded so far (its modules, the config's
    models, the settings) is set aside from the garbage collector: it lives as long as the
    process, and the collector's full passes would walk all of it again each time the
    command's own work makes objects (a sixth of an all-304 `collect`). The collector is on
    from here (`quiet_start`)."""
    gc.freeze()
    gc.enable()
    return settings


def quiet_start() -> None:
    """For a command that loads the settings before its own work: no pass of the garbage
    collector until they are loaded (`settled`). What it allocates until then (modules,
    the config's models, the settings) is kept for the whole run, and a pass every 700
    allocations would walk it again and again: ≈20 ms of an all-304 `collect`, ≈13 ms of
    `status`. The collector is on again at `settled` (the few hundred objects of cycles
    left by then are kept with the rest), or when the command ends whatever happens (a
    config error)."""
    gc.disable()
    click.get_current_context().call_on_close(gc.enable)
