"""Registries of pluggable parts, filled by looking at a package's modules.

A source type or a delivery backend is one module that defines `PLUGIN` (the class, which
names itself by its `type_name`); dropping a new module in the package registers it, with
nothing else to edit.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType
from typing import Any


def discover(package: ModuleType) -> dict[str, Any]:
    """Every `PLUGIN` the modules of `package` define, by its `type_name`, in module order."""
    found: dict[str, Any] = {}
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        plugin = getattr(module, "PLUGIN", None)
        if plugin is None:
            continue
        name = plugin.type_name
        if name in found:
            raise RuntimeError(f"{module.__name__}: {name!r} is registered twice")
        found[name] = plugin
    return found
