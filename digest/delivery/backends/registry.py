"""Every backend by its `delivery.backend:` name, found by scanning this package.

A backend module registers itself with a module-level `BACKEND = BackendSpec(...)`: its name,
its options model (the `delivery.<name>` section) and a factory. Adding a backend is adding
a module here; config builds `delivery:` from what it finds, and nothing else changes.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, Protocol

from pydantic import BaseModel

from ...core.plugins import discover
from .base import Backend


@dataclass(frozen=True)
class BackendContext:
    """What a factory may need from the settings beyond its own section, passed explicitly."""

    path: Callable[[Path], Path]  # a path from config made absolute (ca_file, outbox)
    max_per_second: float | None = None


@dataclass(frozen=True)
class BackendSpec:
    name: str
    options: type[BaseModel]  # the `delivery.<name>` section
    factory: Callable[[Any, BackendContext], Backend]  # (its options, context) -> a backend
    order: int = 100  # its place among the names, in error messages and the docs
    needs_section: bool = True  # False: it works without a section, with the defaults


class DeliverySettings(Protocol):
    """The `delivery:` section as config builds it: `backend`, `max_per_second`, and one
    attribute per backend holding its section (or None)."""

    backend: str
    max_per_second: float | None


def find_backends(package: ModuleType) -> dict[str, BackendSpec]:
    """The `BACKEND` of every module of a package, by name, in their `order`."""
    found = discover(package, "BACKEND", lambda spec: spec.name)
    return dict(sorted(found.items(), key=lambda item: (item[1].order, item[0])))


@functools.cache
def backends() -> dict[str, BackendSpec]:
    """Every backend of this package, by name."""
    return find_backends(importlib.import_module(__package__))


def make_backend(delivery: DeliverySettings, path: Callable[[Path], Path]) -> Backend:
    """The backend `delivery.backend` names, made from its section."""
    spec = backends()[delivery.backend]
    return spec.factory(getattr(delivery, spec.name),
                        BackendContext(path, delivery.max_per_second))
