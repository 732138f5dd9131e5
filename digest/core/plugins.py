"""Registries of pluggable parts, filled by looking at a package's modules.

A source type (`SOURCE`, in digest/sources/) or a delivery backend (`BACKEND`, in
digest/delivery/backends/) is one module that sets the package's attribute; dropping a new
module in the package registers it, with nothing else to edit.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from types import ModuleType
from typing import TypeVar

T = TypeVar("T")


def discover(package: ModuleType, attribute: str, name: Callable[[T], str]) -> dict[str, T]:
    """The `attribute` of every module of `package` that sets it, by `name(value)`, in the
    order of the modules' names; a name registered twice is refused."""
    found: dict[str, T] = {}
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        if not hasattr(module, attribute):
            continue
        plugin = getattr(module, attribute)
        key = name(plugin)
        if key in found:
            raise RuntimeError(f"{module.__name__}: {key!r} is registered twice")
        found[key] = plugin
    return found
