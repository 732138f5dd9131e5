"""Two instances of the web app on one state (as on two hosts behind a load balancer), on each
engine: what one has counted or seen, the other knows, since no instance keeps any of it in
its own memory."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests
import uvicorn

from digest.config import Settings, load_settings
from digest.store import Store
from digest.web.app import create_app, listen
from digest.web.site import Site
from digest.web.webhooks import WebhookSecrets

from ..conftest import Clock
from .conftest import SECRET, write_project
from .test_signup import ask, confirmation_links
from .test_webhooks import HOOKS, SIGNING_KEY, mailgun_body


@pytest.fixture
def settings(tmp_path: Path, state_at, monkeypatch) -> Settings:
    monkeypatch.setenv("DIGEST_UNSUBSCRIBE_SECRET", SECRET)
    monkeypatch.setenv("DIGEST_MAILGUN_WEBHOOK_SIGNING_KEY", SIGNING_KEY)
    config = write_project(tmp_path, 8080, newsletter="  signup: true\n") / "config.yaml"
    key = "path" if isinstance(state_at, Path) else "url"
    config.write_text(config.read_text().replace("path: .digest/state.sqlite",
                                                 f"{key}: {state_at}"))
    return load_settings(config)


@pytest.fixture
def clock() -> Clock:
    """Now (Mailgun's signatures are checked against it), held still."""
    return Clock(datetime.now(UTC).replace(microsecond=0))


@contextmanager
def instance(settings: Settings, clock: Clock) -> Iterator[str]:
    """One web app process's worth: its own open state and server, in a thread of its own
    (which opens the state: a SQLite connection stays in its thread)."""
    sock = listen("127.0.0.1", 0)
    secrets = WebhookSecrets.from_environment(settings.webhooks)
    servers: list[uvicorn.Server] = []

    def serve() -> None:
        app = create_app(Site.open(settings, clock), secrets)
        servers.append(uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on")))
        servers[0].run(sockets=[sock])

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not (servers and servers[0].started):
        assert thread.is_alive() and time.monotonic() < deadline
        time.sleep(0.01)
    server = servers[0]
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()


@pytest.fixture
def two(settings: Settings, clock: Clock) -> Iterator[tuple[str, str]]:
    with instance(settings, clock) as first, instance(settings, clock) as second:
        yield first, second


class Served:
    """What the sign-up helpers need of a served app: where it is, where its mail goes."""

    def __init__(self, url: str, project: Path) -> None:
        self.url, self.project = url, project


def test_a_sign_up_limit_reached_through_one_instance_holds_on_the_other(two, settings, clock):
    project = settings.base_dir
    first, second = (Served(url, project) for url in two)
    clock.moment = clock.moment.replace(hour=10, minute=30)  # an hour on, the same day
    with requests.Session() as http:
        assert [ask(first, http, "same@example.com").status_code for _ in range(3)] == [
            200, 200, 200]
        assert ask(second, http, "same@example.com").status_code == 429  # 3 a day, shared
        assert ask(second, http, "r0@example.com").status_code == 200  # this client's 5th
        assert ask(first, http, "r1@example.com").status_code == 429  # 5 an hour, shared
        clock.moment += timedelta(hours=1)  # the last hour's 5 count for half now
        assert ask(first, http, "r1@example.com").status_code == 200
        assert ask(second, http, "same@example.com").status_code == 429  # the same day
    assert len(confirmation_links(first)) == 5


def test_a_mailgun_token_taken_by_one_instance_is_refused_by_the_other(two, settings,
                                                                        state_at):
    first, second = two
    event = json.loads((HOOKS / "mailgun-failed-permanent.json").read_text())
    body = mailgun_body(event, token="t" * 50)
    taken = requests.post(f"{first}/webhooks/mailgun", data=body)
    assert (taken.status_code, taken.text) == (200, "1 new events")
    replay = requests.post(f"{second}/webhooks/mailgun", data=body)
    assert (replay.status_code, replay.text) == (401, "this signature's token was used before")
    # The signature does not cover the event: the token is what stops a forged one.
    event["event-data"].update(id="forged", recipient="someone@example.com")
    forged = requests.post(f"{second}/webhooks/mailgun", data=mailgun_body(event, token="t" * 50))
    assert forged.status_code == 401
    again = requests.post(f"{second}/webhooks/mailgun", data=mailgun_body(event))
    assert (again.status_code, again.text) == (200, "1 new events")  # a new token is taken
    with Store.open(state_at) as state:
        assert {s.address for s in state.suppressions.all()} == {
            "hard@example.com", "someone@example.com"}


def refuse(state_at, operation: str, table: str) -> list[str]:
    """Statements making the state refuse `operation` on `table`, as a full disk would."""
    if isinstance(state_at, Path):
        return [f"CREATE TRIGGER refuse_{table} BEFORE {operation} ON {table}"
                " BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"]
    return ["CREATE OR REPLACE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS"
            " $$ BEGIN RAISE EXCEPTION 'could not extend file' USING ERRCODE = '53100';"
            " END $$",
            f"CREATE TRIGGER refuse_{table} BEFORE {operation} ON {table}"
            " FOR EACH ROW EXECUTE FUNCTION refuse()"]


def run(state_at, statements: list[str]) -> None:
    with Store.open(state_at) as state, state._engine._db.transaction() as db:
        for statement in statements:
            db.execute(statement)


def test_a_request_whose_events_were_not_kept_has_not_used_its_token(two, state_at):
    """The state refuses the events, and anything after that (so a token taken on its own
    could not be given back, as when the process dies there): the retry is still taken."""
    first, second = two
    run(state_at, refuse(state_at, "INSERT", "mail_events")
        + refuse(state_at, "DELETE", "webhook_tokens"))
    event = json.loads((HOOKS / "mailgun-failed-permanent.json").read_text())
    body = mailgun_body(event)
    assert requests.post(f"{first}/webhooks/mailgun", data=body).status_code == 503
    on = "" if isinstance(state_at, Path) else " ON {}"
    run(state_at, [f"DROP TRIGGER refuse_{table}" + on.format(table)
                   for table in ("mail_events", "webhook_tokens")])
    with Store.open(state_at) as state:
        assert state._engine._db.rows("SELECT COUNT(*) FROM webhook_tokens") == [(0,)]
    retried = requests.post(f"{second}/webhooks/mailgun", data=body)  # Mailgun's retry
    assert (retried.status_code, retried.text) == (200, "1 new events")
    assert requests.post(f"{first}/webhooks/mailgun", data=body).status_code == 401
