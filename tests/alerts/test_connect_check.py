"""`digest check --connect` against real local servers: aiosmtpd with STARTTLS and AUTH,
provider APIs answering 200/400/401/404, feeds answering 200/401/404 or refusing, and a
state folder that cannot be written."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from digest.app.connect_check import connect_check
from digest.config import load_settings

from ..delivery.backends.conftest import API_KEY, PASSWORD, USERNAME
from ..webserver import static
from .conftest import start_smtp
from .test_alerts import closed_port


def project(folder: Path, delivery: str, sources: str = "", state: str = "state.sqlite"):
    config = folder / "config.yaml"
    config.write_text(textwrap.dedent("""\
        newsletter: {title: Check Daily, from: news@example.com}
        recipients: [ann@example.com]
        state: {path: %s}
        sources:
        %s
        delivery:
        """) % (state, textwrap.indent(sources or "  []", "")) + textwrap.indent(
        textwrap.dedent(delivery), "  "))
    return config


def lines(config: Path) -> list[str]:
    return [str(line) for line in connect_check(load_settings(config))]


@pytest.fixture
def starttls_server(tls_files):
    controller, server = start_smtp(tls_files)
    yield server
    controller.stop()


def smtp_delivery(server, password: str = PASSWORD, port: int | None = None) -> str:
    return f"""\
        backend: smtp
        smtp: {{host: 127.0.0.1, port: {port or server.port}, username: {USERNAME},
               password: {password}, ca_file: {server.ca_file}, timeout: 5}}
        """


def test_smtp_connect_starttls_and_login(tmp_path, starttls_server):
    config = project(tmp_path, smtp_delivery(starttls_server))
    where = f"smtp 127.0.0.1:{starttls_server.port}"
    assert lines(config) == [
        f"ok    {where}: connected, STARTTLS, logged in as {USERNAME}",
        f"ok    state folder {tmp_path}: writable",
    ]
    assert starttls_server.handler.received == []  # nothing sent


def test_smtp_login_refused(tmp_path, starttls_server):
    config = project(tmp_path, smtp_delivery(starttls_server, password="wrong"))
    first = lines(config)[0]
    assert first.startswith(f"FAIL  smtp 127.0.0.1:{starttls_server.port}: login refused: 535")
    assert first.endswith("(check delivery.smtp.username and password)")
    assert "wrong" not in first


def test_smtp_server_down(tmp_path, starttls_server):
    port = closed_port()
    config = project(tmp_path, smtp_delivery(starttls_server, port=port))
    assert lines(config)[0] == (f"FAIL  smtp 127.0.0.1:{port}: cannot connect: [Errno 111] "
                                "Connection refused (1 attempt)")


PROVIDERS = {
    "sendgrid": ("/v3/mail/batch/digest-connect-check", "Authorization", f"Bearer {API_KEY}"),
    "postmark": ("/server", "X-Postmark-Server-Token", API_KEY),
    "mailgun": ("/v3/domains/mg.example.com", "Authorization", None),
}


@pytest.mark.parametrize(("provider", "status", "expected"), [
    ("sendgrid", 400, "ok    sendgrid API key: accepted by {base}"),  # unknown batch id
    ("sendgrid", 401, "FAIL  sendgrid API key: refused by {base} (HTTP 401); check "
                      "delivery.sendgrid.api_key"),
    ("postmark", 200, "ok    postmark API key: accepted by {base}"),
    ("postmark", 503, "FAIL  postmark API key: HTTP 503 from {base}; try again later"),
    ("mailgun", 200, "ok    mailgun API key: accepted by {base}"),
    ("mailgun", 404, "FAIL  mailgun API key: HTTP 404 from {base}/v3/domains/mg.example.com; "
                     "check delivery.mailgun.domain, region, base_url"),
])
def test_api_key_by_one_harmless_request(tmp_path, httpserver, provider, status, expected):
    path, header, value = PROVIDERS[provider]
    httpserver.expect_request(path, method="GET").respond_with_data("{}", status=status)
    base = httpserver.url_for("").rstrip("/")
    domain = "domain: mg.example.com, " if provider == "mailgun" else ""
    config = project(tmp_path, f"""\
        backend: {provider}
        {provider}: {{{domain}api_key: {API_KEY}, base_url: {base}}}
        """)
    assert lines(config)[0] == expected.format(base=base)
    [(request, _)] = httpserver.log
    if value is not None:
        assert request.headers[header] == value
    else:
        assert request.authorization.username == "api"
        assert request.authorization.password == API_KEY


def test_each_source_url_and_the_state_folder(tmp_path, web):
    web.routes["/ok"] = static(b"<rss/>")
    web.routes["/private"] = static(b"no", status=401)
    refused = closed_port()
    sources = "".join(f"  - {{name: {name}, type: feed, url: {url}}}\n" for name, url in [
        ("Good", web.url("/ok")), ("Members", web.url("/private")),
        ("Gone", web.url("/gone")), ("Down", f"http://127.0.0.1:{refused}/feed"),
    ]) + "  - {name: Local, type: files, path: .}\n"
    (tmp_path / "blocker").write_text("a file where the state folder should be")
    config = project(tmp_path, "backend: file\n", sources, state="blocker/state.sqlite")
    assert lines(config) == [
        "ok    delivery file: nothing to connect to",
        f"ok    source Good: {web.url('/ok')}: HTTP 200",
        f"FAIL  source Members: {web.url('/private')}: HTTP 401",
        f"FAIL  source Gone: {web.url('/gone')}: HTTP 404",
        f"FAIL  source Down: http://127.0.0.1:{refused}/feed: cannot connect: Connection refused",
        "ok    source Local: no URL to fetch",
        f"FAIL  state folder {tmp_path / 'blocker'}: not writable: File exists; give this "
        "user write access to it or set state.path",
    ]


def run(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "digest", "--config", str(config), *args],
                          capture_output=True, text=True, timeout=60)


def test_cli_exit_code_is_1_when_an_item_fails(tmp_path, web):
    web.routes["/ok"] = static(b"<rss/>")
    good = f"  - {{name: Good, type: feed, url: {web.url('/ok')}}}\n"
    config = project(tmp_path, "backend: file\n", good)
    result = run(config, "check", "--connect")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:2] == ["ok    delivery file: nothing to connect to",
                                              f"ok    source Good: {web.url('/ok')}: HTTP 200"]
    assert result.stdout.splitlines()[-1].endswith("OK (1 source, backend file)")
    config = project(tmp_path, "backend: file\n",
                     good + f"  - {{name: Gone, type: feed, url: {web.url('/gone')}}}\n")
    result = run(config, "check", "--connect")
    assert result.returncode == 1
    assert f"FAIL  source Gone: {web.url('/gone')}: HTTP 404" in result.stdout


def test_api_unreachable(tmp_path):
    base = f"http://127.0.0.1:{closed_port()}"
    config = project(tmp_path, f"""\
        backend: postmark
        postmark: {{api_key: {API_KEY}, base_url: {base}}}
        """)
    first = lines(config)[0]
    assert first.startswith(f"FAIL  postmark API key: cannot reach {base}: ")
    assert "Connection refused" in first and API_KEY not in first


def test_a_postgresql_state_is_opened_not_its_folder(tmp_path, pg_url):
    from digest.store import Store, describe

    Store.migrate(pg_url)
    config = tmp_path / "config.yaml"
    config.write_text(textwrap.dedent(f"""\
        newsletter: {{title: Check Daily, from: news@example.com}}
        recipients: [ann@example.com]
        state: {{url: "{pg_url}"}}
        sources: []
        delivery: {{backend: file}}
        """))
    assert lines(config)[-1] == f"ok    state database {describe(pg_url)}: reachable"


def test_an_unreachable_postgresql_state_fails_its_line(tmp_path):
    config = tmp_path / "config.yaml"
    url = f"postgresql://digest:secret@127.0.0.1:{closed_port()}/digest"
    config.write_text(textwrap.dedent(f"""\
        newsletter: {{title: Check Daily, from: news@example.com}}
        recipients: [ann@example.com]
        state: {{url: "{url}"}}
        sources: []
        delivery: {{backend: file}}
        """))
    last = lines(config)[-1]
    assert last.startswith("FAIL  state database ") and "secret" not in last
