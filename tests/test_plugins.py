"""Registries fill themselves from a package's modules: a new module is a new plug-in."""

import importlib
import sys
import textwrap
from pathlib import Path

import pytest

from digest.core.plugins import discover
from digest.sources import SOURCE_TYPES


def make_package(root: Path, name: str, modules: dict[str, str]) -> None:
    package = root / name
    package.mkdir()
    (package / "__init__.py").write_text("")
    for module, source in modules.items():
        (package / f"{module}.py").write_text(textwrap.dedent(source))


@pytest.fixture
def importable(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(tmp_path))
    yield tmp_path
    for name in [n for n in sys.modules if n.startswith("plugs")]:
        del sys.modules[name]


def test_every_module_with_a_plugin_is_registered_by_its_type_name(importable) -> None:
    make_package(importable, "plugs_a", {
        "rss": "class Rss:\n    type_name = 'rss'\nSOURCE = Rss\n",
        "helpers": "def helper():\n    return 1\n",
        "mastodon": "class Toots:\n    type_name = 'mastodon'\nSOURCE = Toots\n",
    })
    found = discover(importlib.import_module("plugs_a"), "SOURCE", lambda p: p.type_name)
    assert sorted(found) == ["mastodon", "rss"]
    assert found["rss"].__name__ == "Rss"


def test_a_type_name_registered_twice_is_refused(importable) -> None:
    make_package(importable, "plugs_b", {
        "one": "class One:\n    type_name = 'same'\nSOURCE = One\n",
        "two": "class Two:\n    type_name = 'same'\nSOURCE = Two\n",
    })
    with pytest.raises(RuntimeError, match="registered twice"):
        discover(importlib.import_module("plugs_b"), "SOURCE", lambda p: p.type_name)


def test_the_packaged_source_types() -> None:
    assert sorted(SOURCE_TYPES) == ["feed", "files", "page"]
    assert all(name == cls.type_name for name, cls in SOURCE_TYPES.items())
