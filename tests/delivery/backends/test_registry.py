"""Backends are found by scanning their package; config's `delivery:` is built from them."""

from __future__ import annotations

import importlib
import sys

import pytest

from digest.config import load_settings
from digest.core.errors import ConfigError
from digest.delivery.backends.console import ConsoleBackend
from digest.delivery.backends.file import FileBackend, FileBackendConfig
from digest.delivery.backends.registry import BackendSpec, backends, find_backends, make_backend
from digest.delivery.backends.smtp import SmtpConfig


def test_every_backend_module_registers_itself_in_order():
    assert list(backends()) == ["file", "console", "smtp", "sendgrid", "mailgun", "postmark"]
    assert backends()["smtp"].options is SmtpConfig
    assert [name for name, spec in backends().items() if not spec.needs_section] == [
        "file", "console"]


def test_a_new_module_in_a_backends_package_is_found_without_any_other_change(
        tmp_path, monkeypatch):
    package = tmp_path / "more_backends"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "helpers.py").write_text("NOT_A_BACKEND = 1\n")
    (package / "pigeon.py").write_text(
        "from digest.delivery.backends.file import FileBackend, FileBackendConfig\n"
        "from digest.delivery.backends.registry import BackendSpec\n"
        "BACKEND = BackendSpec('pigeon', FileBackendConfig,\n"
        "                      lambda options, context: FileBackend(options.outbox))\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        found = find_backends(importlib.import_module("more_backends"))
    finally:
        for name in [m for m in sys.modules if m.startswith("more_backends")]:
            del sys.modules[name]
    assert list(found) == ["pigeon"]
    assert isinstance(found["pigeon"], BackendSpec)
    assert found["pigeon"].options is FileBackendConfig


def test_delivery_has_a_section_per_backend_and_the_factory_gets_resolved_paths(write_config):
    settings = load_settings(write_config("""
        newsletter:
          from: digest@example.com
        delivery:
          backend: file
          file: {outbox: mail/out}
    """))
    assert settings.delivery.file == FileBackendConfig(outbox="mail/out")
    assert settings.delivery.smtp is None and settings.delivery.console.html is False
    backend = make_backend(settings.delivery, settings.path)
    assert isinstance(backend, FileBackend)
    assert backend.outbox == settings.base_dir / "mail" / "out"
    console = load_settings(write_config("""
        newsletter:
          from: digest@example.com
        delivery: {backend: console, console: {html: true}}
    """))
    backend = make_backend(console.delivery, console.path)
    assert isinstance(backend, ConsoleBackend) and backend.html


def test_an_unknown_backend_names_the_registered_ones(write_config):
    with pytest.raises(ConfigError) as caught:
        load_settings(write_config("""
            newsletter:
              from: digest@example.com
            delivery:
              backend: pigeon
        """))
    assert str(caught.value).endswith(
        "delivery.backend: Input should be 'file', 'console', 'smtp', 'sendgrid', 'mailgun' "
        "or 'postmark'")
