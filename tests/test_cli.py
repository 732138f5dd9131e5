"""End to end: the real CLI, in a subprocess, on a copy of the bundled default config."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from .logs import lines, short

SEED_LEAD = "North Korean officials on Friday abruptly pulled out of an inter-Korean liaison office"
SEED_HEADLINE = "North Korea quits liaison office with South after new US sanctions"


def run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "digest", "--config", str(project / "config.yaml"), *args],
        cwd=project, capture_output=True, text=True, timeout=120,
    )


def outbox(project: Path) -> list[Path]:
    return sorted((project / "outbox").glob("*.eml")) if (project / "outbox").exists() else []


def test_send_writes_real_eml_once(project):
    result = run(project, "send")
    assert result.returncode == 0, result.stderr
    assert "Sent 3 stories to 2 recipients" in result.stdout
    files = outbox(project)
    assert len(files) == 2
    message = message_from_bytes(files[0].read_bytes(), policy=policy.default)
    assert message.get_content_type() == "multipart/alternative"
    html = message.get_body(("html",)).get_content()
    text = message.get_body(("plain",)).get_content()
    for part in (" ".join(html.split()), " ".join(text.split())):
        assert SEED_HEADLINE in part
        assert SEED_LEAD in part
        assert "John Hemmings" in part
    assert message["From"] == "Morning Digest <digest@example.com>"
    assert {str(m["To"]) for m in map(
        lambda f: message_from_bytes(f.read_bytes(), policy=policy.default), files)} == {
        "reader@example.com", "The Editor <editor@example.com>"}

    again = run(project, "send")
    assert again.returncode == 0
    assert "already sent" in again.stdout
    assert len(outbox(project)) == 2

    forced = run(project, "send", "--force", "--json")
    assert forced.returncode == 0, forced.stderr
    report = json.loads(forced.stdout)
    assert report["status"] == "sent" and report["stories"] == 3
    assert [r["status"] for r in report["recipients"]] == ["sent", "sent"]
    assert len(outbox(project)) == 4


def test_preview_has_no_side_effects(project):
    result = run(project, "preview", "--out", str(project / "p.html"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(project / "p.html")
    html = (project / "p.html").read_text(encoding="utf-8")
    assert SEED_HEADLINE in html and "<mjml" not in html
    assert not (project / ".digest" / "state.sqlite").exists()
    text = run(project, "preview", "--text")
    assert text.returncode == 0
    assert SEED_LEAD in " ".join(Path(text.stdout.strip()).read_text(encoding="utf-8").split())
    # preview marks nothing: a send afterwards still delivers every story
    assert "Sent 3 stories" in run(project, "send").stdout


def test_preview_open_without_a_browser_says_so_and_gives_the_path(project):
    result = subprocess.run(
        [sys.executable, "-m", "digest", "--config", str(project / "config.yaml"), "preview",
         "--open"], cwd=project, capture_output=True, text=True, timeout=120,
        env={**os.environ, "BROWSER": str(project / "no-such-browser")},
    )
    assert result.returncode == 0, result.stderr
    page = Path(result.stdout.strip())
    assert page.is_file()
    assert result.stderr == (f"3 stories in the edition\n"
                             f"digest: no web browser could be started here; open "
                             f"{page.resolve().as_uri()} yourself\n")


def test_commands_that_only_read_need_no_delivery_secret(project):
    config = project / "config.yaml"
    sendgrid = "  sendgrid:\n    api_key: ${DIGEST_TEST_UNSET_KEY}\n  backend: sendgrid "
    config.write_text(config.read_text().replace("  backend: file ", sendgrid))
    assert "DIGEST_TEST_UNSET_KEY" not in os.environ
    for command in (["status"], ["preview"], ["check"], ["summarize", "samples/harbour-ferry.md"]):
        result = run(project, *command)
        assert result.returncode == 0, (command, result.stderr)
    send = run(project, "send")
    assert send.returncode == 2
    assert "delivery.sendgrid.api_key: environment variable DIGEST_TEST_UNSET_KEY is not set" \
        in send.stderr


def test_dry_run_and_test_send_record_nothing(project):
    dry = run(project, "send", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "nobody was contacted" in dry.stdout
    assert outbox(project) == []
    test = run(project, "send", "--to", "Tester <tester@example.net>")
    assert test.returncode == 0, test.stderr
    assert [f.name.split("-")[0] for f in outbox(project)] == ["tester_example.net"]
    assert "Sent 3 stories to 2 recipients" in run(project, "send").stdout


def test_broken_config_exits_2_with_one_line(project):
    config = project / "config.yaml"
    config.write_text(config.read_text().replace("backend: file", "backend: pigeon"))
    result = run(project, "send")
    assert result.returncode == 2
    (line,) = lines(result.stderr)
    assert line.startswith(f"digest: error: {config}:")
    assert "delivery.backend" in line
    assert "Traceback" not in result.stderr
    assert outbox(project) == []


def test_missing_config_exits_2(tmp_path):
    result = subprocess.run([sys.executable, "-m", "digest", "send"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "config file not found" in result.stderr and "Traceback" not in result.stderr


def test_check_reports_every_problem(project):
    ok = run(project, "check")
    assert ok.returncode == 0 and "OK" in ok.stdout
    config = project / "config.yaml"
    config.write_text(config.read_text().replace("timezone: Europe/Berlin", "timezone: Nowhere")
                      .replace("window: 24h", "window: often"))
    bad = run(project, "check")
    assert bad.returncode == 2
    assert len(bad.stderr.strip().splitlines()) == 2


def test_check_and_send_agree_on_a_bad_recipient_row(project):
    config = project / "config.yaml"
    config.write_text(config.read_text().replace("# recipients_file: recipients.csv",
                                                 "recipients_file: people.csv"))
    (project / "people.csv").write_text("email,name\nann@example.com,Ann\nnot-an-address,Bad\n")
    row = f"{project / 'people.csv'}:3: 'not-an-address' is not a valid email address"
    check = run(project, "check")
    assert check.returncode == 1
    assert check.stderr.count("\n") == 1 and row in check.stderr
    send = run(project, "send")
    assert send.returncode == 1
    assert send.stderr.count("\n") == 1 and row in send.stderr
    assert not any("not-an-address" in path.name for path in outbox(project))
    assert len(outbox(project)) == 3  # the two listed in config.yaml, and Ann


def test_summarize_seed_json(project):
    seed = project / "samples" / "north-korea-liaison-office.txt"
    result = run(project, "summarize", str(seed), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"input", "title", "lead", "quotes", "url"}
    assert data["title"] == SEED_HEADLINE
    assert data["lead"].startswith(SEED_LEAD)
    speakers = {q["speaker"] for q in data["quotes"]}
    assert "John Hemmings" in speakers
    every = json.loads(run(project, "summarize", str(seed), "--json", "--max-quotes", "0").stdout)
    all_speakers = {q["speaker"] for q in every["quotes"]}
    assert {"John Hemmings", "Chun Hae Sung"} <= all_speakers
    assert "Chun" not in all_speakers
    assert not any("golden opportunity" in q["text"] for q in every["quotes"])


def test_summarize_several_inputs_is_json_lines(project):
    samples = sorted((project / "samples").iterdir())
    missing = project / "missing.txt"
    result = run(project, "summarize", *map(str, samples), str(missing), "--json")
    assert result.returncode == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["input"] for line in lines] == [*map(str, samples), str(missing)]
    assert "error" in lines[-1] and "no such file" in result.stderr


def test_summarize_reads_text_and_markdown_urls_as_text(project, web):
    from .webserver import static

    seed = (project / "samples" / "north-korea-liaison-office.txt").read_bytes()
    markdown = f"# {SEED_HEADLINE}\n\n".encode() + seed
    web.routes["/story"] = static(seed, "text/plain; charset=utf-8")
    web.routes["/story-md"] = static(markdown, "text/markdown")
    web.routes["/story.txt"] = static(seed, "application/octet-stream")
    paths = ("/story", "/story-md", "/story.txt")
    result = run(project, "summarize", *map(web.url, paths), "--json", "--max-quotes", "0")
    assert result.returncode == 0, result.stderr
    for line in result.stdout.splitlines():
        data = json.loads(line)
        assert data["title"] == SEED_HEADLINE
        assert data["lead"].startswith(SEED_LEAD)
        assert "Chun Hae Sung" in {q["speaker"] for q in data["quotes"]}


def test_summarize_reads_text_in_its_declared_charset_or_a_safe_default(project, web):
    from .webserver import static

    text = 'Café owners reopened on Monday.\n\n"We will not close again," said Zoë Brand.\n'
    web.routes["/latin"] = static(text.encode("latin-1"), "text/plain; charset=ISO-8859-1")
    for name in ("undefined", "punycode", "idna", "rot13", "no-such-codec"):
        web.routes[f"/{name}"] = static(text.encode(), f"text/plain; charset={name}")
    paths = ["/latin", "/undefined", "/punycode", "/idna", "/rot13", "/no-such-codec"]
    result = run(project, "summarize", *map(web.url, paths), "--json", "--max-quotes", "0")
    assert result.returncode == 0, result.stderr
    for line in result.stdout.splitlines():
        assert json.loads(line)["quotes"] == [
            {"text": "We will not close again,", "speaker": "Zoë Brand", "role": None}
        ]


def test_summarize_names_the_url_it_could_not_fetch(project):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}/story"
    result = run(project, "summarize", url, "--json")
    assert result.returncode != 0
    assert json.loads(result.stdout)["input"] == url
    assert short(result.stderr) == f"digest: error: {url}: cannot connect: Connection refused\n"


def test_help_on_every_command(project):
    for command in ("preview", "send", "summarize", "check", "collect", "run", "status"):
        result = run(project, command, "--help")
        assert result.returncode == 0 and "Usage:" in result.stdout


def test_status_shows_editions_and_recipients(project):
    assert "No digest has been sent yet." in run(project, "status").stdout
    run(project, "send")
    human = run(project, "status")
    assert human.returncode == 0 and "sent" in human.stdout
    data = json.loads(run(project, "status", "--json").stdout)
    (edition,) = data["editions"]
    assert edition["status"] == "sent" and edition["stories"] == 3
    assert edition["counts"] == {"sent": 2, "failed": 0, "pending": 0, "sending": 0,
                                 "deferred": 0, "unknown": 0, "suppressed": 0}
    assert {r["email"] for r in edition["recipients"]} == {"reader@example.com",
                                                           "editor@example.com"}
    assert all(r["message_id"].startswith("<digest.") for r in edition["recipients"])


def as_rich_prints(columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    from rich.table import Table

    from digest.app.cli_output import table_console

    table = Table(*columns, box=None)
    for row in rows:
        table.add_row(*row)
    console = table_console()
    with console.capture() as captured:
        console.print(table)
    return captured.get()


def test_status_table_in_a_pipe_is_the_text_rich_prints_there():
    """Without a terminal (cron, a log) the table is written without rich: byte for byte
    what rich prints to a pipe, whatever the widths of the cells."""
    from digest.app.cli_output import plain_table
    from digest.app.status import COLUMNS

    rows = [("1", "2026-12-07", "sent", "3", "100", "0", "0", "0", "0", "0"),
            ("12345", "2026-12-08", "interrupted", "40", "9", "100000", "12", "7", "3", "1")]
    for shown in ([], rows[:1], rows):
        assert plain_table(COLUMNS, shown) + "\n" == as_rich_prints(COLUMNS, shown)


def test_collect_table_in_a_pipe_is_the_text_rich_prints_there():
    """The sources' table of `collect` too, with names of any script: wide characters take
    two columns and combining accents none, as rich counts them."""
    from digest.app.cli_output import plain_table

    columns = ("source", "status", "new", "seconds", "error")
    rows = [("Le Monde — À la une", "ok", "3", "0.21", ""),
            ("日本経済新聞", "error", "0", "1.02", "HTTP 503 from the server; retried twice"),
            ("Cafe\u0301 news 🎉", "not_modified", "0", "0.04", ""),
            ("ＦＵＬＬ width", "ok", "12", "10.50", "")]
    for shown in ([], rows[:1], rows):
        assert plain_table(columns, shown) + "\n" == as_rich_prints(columns, shown)


def test_a_table_in_a_pipe_keeps_each_row_on_one_line_and_brackets_as_text():
    """rich would wrap a row wider than its console and read `[b]` or `:name:` as markup;
    a log gets the row as it is, one line a source, so that it can be searched."""
    from digest.app.cli_output import plain_table

    error = "[b]not[/b] found at :smile: " + "x" * 240
    lines = plain_table(("source", "error"), [("Feed", error), ("Other", "")]).splitlines()
    assert lines == [f" source  {'error'.ljust(len(error))} ", f" Feed    {error} ",
                     f" Other   {' ' * len(error)} "]


def loaded(modules: tuple[str, ...], code: str, cwd: Path | None = None) -> list[str]:
    """Which of `modules` a fresh interpreter holds after running `code` (told on the last
    line of its output, after whatever `code` prints)."""
    code += f"\nimport sys; print('loaded:', *(m for m in {modules!r} if m in sys.modules))"
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=cwd).stdout
    return output.splitlines()[-1].split()[1:]


# What collecting, parsing, extracting, rendering, sending over HTTP and PostgreSQL need.
FETCHING = ("requests", "urllib3", "feedparser", "fastfeedparser", "trafilatura", "htmldate",
            "lxml", "markdown_it", "charset_normalizer", "mjml", "psycopg", "psycopg_pool")


def test_the_command_line_starts_without_the_heavy_libraries():
    """cron starts `digest` every few minutes: `--help` loads none of the libraries of
    collecting, rendering, sending, config checking, the state's databases or the readers'
    web app; each command imports its own."""
    heavy = (*FETCHING, "rich", "yaml", "jinja2", "pydantic", "email_validator", "schedule",
             "starlette", "uvicorn", "digest.config", "digest.app.pipeline", "digest.store",
             "digest.web")
    assert loaded(heavy, "import digest.app.cli") == []


def test_collect_loads_only_what_collecting_needs(write_config):
    """`digest collect` runs every few minutes and mostly hears "not modified": it loads
    no summarizer, renderer, web app or article extractor (a linked page loads that when
    it is read), nothing of sending (the templating of personalized copies included), and
    no progress bars when its output is JSON; an alert's message is built only when an
    alert is sent; its table of sources goes to a pipe without rich."""
    heavy = ("digest.summarize", "digest.render", "digest.web", "digest.fetch.extract",
             "trafilatura", "mjml", "rich", "jinja2", "digest.app.delivering",
             "digest.delivery.deliver", "digest.delivery.personalize",
             "digest.delivery.message", "email.policy")
    config = write_config("""
        newsletter: {title: Quiet, from: digest@example.com}
        state: {path: state.sqlite}
        sources: []
    """)
    run_collect = ("from digest.app.cli import main\n"
                   "for output in (['--json'], []):\n"
                   "    try:\n"
                   "        main(['--config', 'config.yaml', 'collect', *output])\n"
                   "    except SystemExit as exit:\n"
                   "        assert exit.code == 0, exit.code")
    assert loaded((*heavy, "digest.app.pipeline"), run_collect, config.parent) == [
        "digest.app.pipeline"]


def test_commands_start_without_collector_passes_and_end_with_the_collector_on(
        write_config, monkeypatch):
    """collect and status keep what they load while starting for the whole run, so the
    garbage collector makes no pass until their settings are loaded; it is on again from
    then on, and after a command that a config error stopped."""
    import gc

    import digest.config
    from digest.app.cli import main

    collecting = []
    load = digest.config.load_settings

    def loading(*args: object, **kwargs: object) -> digest.config.Settings:
        collecting.append(gc.isenabled())
        return load(*args, **kwargs)

    monkeypatch.setattr(digest.config, "load_settings", loading)
    good = write_config("""
        newsletter: {title: Quiet, from: digest@example.com}
        state: {path: state.sqlite}
        sources: []
    """)
    bad = write_config("newsletter: {title: No sender}\n", "bad.yaml")
    for config, code in ((good, 0), (bad, 2)):
        for command in ("collect", "status"):
            with pytest.raises(SystemExit) as stopped:
                main(["--config", str(config), command, "--json"])
            assert stopped.value.code == code
            assert gc.isenabled()
    assert collecting == [False] * 4


def test_status_reads_the_config_and_the_state_without_the_heavy_libraries(project):
    """`digest status` needs the settings (pydantic, the plug-ins' option models) and the
    SQLite state, nothing else: the plug-ins import their parsers, extractors, HTTP client,
    smtplib and the MIME work when they work, the state imports psycopg only for a
    PostgreSQL URL, a common sender's address is checked without email-validator, the
    table goes to a pipe without rich, and status is not the pipeline's."""
    heavy = (*FETCHING, "digest.app.pipeline", "digest.fetch", "digest.summarize",
             "digest.render", "digest.web", "smtplib", "ssl", "digest.delivery.message",
             "email_validator", "rich")
    assert loaded((*heavy, "jinja2"),
                  "import digest.config, digest.store, digest.app.status") == []
    # The command itself, on the bundled config (its subject template is checked: jinja2),
    # with an edition to show in its table.
    assert run(project, "send").returncode == 0
    run_status = ("from digest.app.cli import main\n"
                  "main(['--config', 'config.yaml', 'status'], standalone_mode=False)")
    assert loaded((*heavy, "digest.config", "digest.store"), run_status, project) == [
        "digest.config", "digest.store"]
