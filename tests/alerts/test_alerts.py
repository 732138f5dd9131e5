"""Each alert channel driven into each of its answers by a real server: the webhook
(pytest-httpserver; a closed port), the alert email (aiosmtpd), the heartbeat; the footer's
"Sources with problems" line; and when a missed digest is not one."""

from __future__ import annotations

import logging
import socket
import subprocess
import sys
from datetime import timedelta

import pytest

from digest.app import pipeline
from digest.app.alerts import Alert, Alerter, ping
from digest.app.health import after_send, check_missed
from digest.config import load_settings
from digest.core.errors import ConfigError
from digest.core.models import SendStatus
from digest.store import Store

from ..faults.rawserver import raw_server
from .conftest import HOOK, MONDAY, OPS, PING, alert_emails, pings, webhook_texts, write_newsroom

ALERT = Alert("missed:2026-12-07", "digest_missed", "the digest of 2026-12-07 has not gone out",
              "The digest due at 2026-12-07 07:00 UTC had reached nobody.")


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on: connecting is refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def give(settings, alert: Alert = ALERT) -> set[str]:
    """Give `alert` once; the channels it is recorded as having reached."""
    with Store.open(settings.path(settings.state.path)) as state, \
            Alerter(settings, state, lambda: MONDAY) as alerter:
        alerter.give(alert)
        return state.health.alerted(alert.key)


def test_webhook_busy_is_tried_again_and_then_given_once(tmp_path, newsroom, smtp, hooks):
    settings = write_newsroom(tmp_path, newsroom, smtp.port, hooks)
    hooks.expect_oneshot_request(HOOK, method="POST").respond_with_data("busy", status=503)
    assert give(settings) == {"log", "email"}  # retry later: not recorded
    assert give(settings) == {"log", "email", "webhook"}
    assert give(settings) == {"log", "email", "webhook"}
    assert webhook_texts(hooks) == [ALERT.text, ALERT.text]  # the 503, then the one taken
    assert len(alert_emails(smtp)) == 1


def test_webhook_refusing_the_request_is_failed_for_good(tmp_path, newsroom, smtp, hooks,
                                                        caplog):
    settings = write_newsroom(tmp_path, newsroom, smtp.port, hooks)
    hooks.clear_all_handlers()
    hooks.expect_request(HOOK, method="POST").respond_with_data("no such hook", status=404)
    assert give(settings) == {"log", "email", "webhook:failed"}
    assert give(settings) == {"log", "email", "webhook:failed"}
    assert len(webhook_texts(hooks)) == 1
    assert "alert webhook (localhost): HTTP 404; check alerts.webhook" in caplog.text


def test_webhook_unreachable_is_tried_again(tmp_path, newsroom, smtp, hooks, caplog):
    settings = write_newsroom(tmp_path, newsroom, smtp.port, hooks,
                              f"webhook: http://127.0.0.1:{closed_port()}/hook\n")
    assert give(settings) == {"log", "email"}
    assert "Connection refused; tried again at the next run" in caplog.text


def test_the_webhook_payload(tmp_path, newsroom, smtp, hooks):
    settings = write_newsroom(tmp_path, newsroom, smtp.port, hooks)
    give(settings)
    [(request, _)] = [entry for entry in hooks.log if entry[0].path == HOOK]
    assert request.json == {
        "text": ALERT.text, "kind": "digest_missed", "key": "missed:2026-12-07",
        "subject": ALERT.subject, "message": ALERT.text, "newsletter": "Harbour Town Daily",
        "at": "2026-12-07T07:00:00+00:00", "details": {}}


def test_alert_email_is_a_small_plain_message_to_the_operator_alone(
        tmp_path, newsroom, smtp, hooks):
    settings = write_newsroom(tmp_path, newsroom, smtp.port, hooks)
    give(settings)
    [message] = smtp.handler.delivered()
    assert (message.recipient, message.visible_to, message.sender) == (
        OPS, [OPS], "news@harbour.example")
    assert message.subject == f"[Harbour Town Daily] {ALERT.subject}"
    assert message.text.startswith(ALERT.text + "\n")
    assert message.headers["auto-submitted"] == "auto-generated"
    assert "list-unsubscribe" not in message.headers and "list-id" not in message.headers


def test_alert_email_refused_for_the_address_is_failed_for_good(
        tmp_path, newsroom, smtp, hooks):
    settings = write_newsroom(tmp_path, newsroom, smtp.port, hooks)
    smtp.handler.faults.refuse.add(OPS)
    assert give(settings) == {"log", "email:failed", "webhook"}
    assert give(settings) == {"log", "email:failed", "webhook"}
    assert smtp.handler.received == []


def test_a_settled_alert_is_never_given(tmp_path, newsroom, smtp, hooks):
    settings = write_newsroom(tmp_path, newsroom, smtp.port, hooks)
    with Store.open(settings.path(settings.state.path)) as state:
        Alerter(settings, state, lambda: MONDAY).settle(ALERT.key)
    assert give(settings) == {"-"}
    assert webhook_texts(hooks) == [] and alert_emails(smtp) == []


def test_heartbeat_per_outcome(tmp_path, newsroom, smtp, hooks):
    settings = write_newsroom(tmp_path, newsroom, smtp.port, hooks)
    for status in SendStatus:
        ping(settings, status)
    ping(settings, SendStatus.SENT, error_code=3)  # stopped by refused credentials
    assert pings(hooks) == ["/", "/", "/fail", "/fail", "/fail", "/", "/", "/fail"]
    # sent, partial | failed, deferred, unknown | already_sent, nothing_new | stopped;
    # interrupted, none_in_doubt and dry_run ping nothing


def test_heartbeat_failure_is_logged_and_the_send_goes_on(tmp_path, newsroom, smtp, hooks,
                                                          caplog):
    settings = write_newsroom(tmp_path, newsroom, smtp.port, hooks)
    hooks.clear_all_handlers()
    hooks.expect_request(PING).respond_with_data("down", status=404)
    report = pipeline.send(settings, clock=newsroom.now)
    after_send(settings, report, newsroom.now)
    assert report.status is SendStatus.SENT and report.exit_code == 0
    assert "heartbeat (localhost): HTTP 404; the send itself is not affected" in caplog.text


def test_heartbeat_redirect_to_another_local_address_is_refused(tmp_path, newsroom, smtp,
                                                               hooks, caplog):
    settings = write_newsroom(tmp_path, newsroom, smtp.port, hooks)
    hooks.clear_all_handlers()
    elsewhere = f"http://127.0.0.1:{closed_port()}/admin"
    hooks.expect_request(PING).respond_with_data("", status=302, headers={"Location": elsewhere})
    caplog.set_level(logging.INFO, "digest")
    ping(settings, SendStatus.SENT)
    assert f"refused {elsewhere}: a loopback address" in caplog.text
    assert "heartbeat sent" not in caplog.text


def test_footer_names_the_failing_sources_escaped(tmp_path, newsroom, smtp, hooks):
    settings = write_newsroom(tmp_path, newsroom, smtp.port, hooks, "footer: true\n")
    config = settings.base_dir / "config.yaml"
    config.write_text(config.read_text().replace("Harbour News", "Harbour <b>News</b>"))
    settings = load_settings(config)
    newsroom.dead.add("/harbour")
    pipeline.collect_and_store(settings, newsroom.now)
    _, email, _ = pipeline.preview(settings, newsroom.now())
    assert "Sources with problems: Harbour &lt;b&gt;News&lt;/b&gt;</p>" in email.html
    assert "Sources with problems: Harbour <b>News</b>\n" in email.text
    newsroom.dead.clear()
    pipeline.collect_and_store(settings, newsroom.now)
    _, email, _ = pipeline.preview(settings, newsroom.now())
    assert "Sources with problems" not in email.html + email.text


def test_no_footer_line_unless_asked(tmp_path, newsroom, smtp, hooks):
    settings = write_newsroom(tmp_path, newsroom, smtp.port, hooks)
    newsroom.dead.add("/harbour")
    pipeline.collect_and_store(settings, newsroom.now)
    _, email, _ = pipeline.preview(settings, newsroom.now())
    assert "Sources with problems" not in email.html + email.text


def missed_keys(settings, hours_after: float) -> set[str]:
    """Run the missed-digest check `hours_after` the Monday send time; the alerts given."""
    with Store.open(settings.path(settings.state.path)) as state:
        check_missed(settings, state, lambda: MONDAY + timedelta(hours=hours_after))
        return {key for key in ("missed:2026-12-07", "missed:2026-12-08")
                if state.health.alerted(key)}


def test_a_new_installation_has_missed_nothing(tmp_path, newsroom, smtp, hooks):
    settings = write_newsroom(tmp_path, newsroom, smtp.port, hooks)
    assert missed_keys(settings, 5) == set()
    assert webhook_texts(hooks) == []


def test_a_send_time_with_nothing_new_has_missed_nothing(tmp_path, newsroom, smtp, hooks):
    settings = write_newsroom(tmp_path, newsroom, smtp.port, hooks)
    pipeline.send(settings, clock=newsroom.now)  # Monday's edition
    newsroom.dead.update({"/city", "/harbour"})
    newsroom.clock[0] = MONDAY + timedelta(days=1)
    report = pipeline.send(settings, clock=newsroom.now)
    assert report.status is SendStatus.NOTHING_NEW
    after_send(settings, report, newsroom.now)
    assert missed_keys(settings, 24 + 5) == {"missed:2026-12-08"}  # settled, not given
    assert webhook_texts(hooks) == []


def test_the_grace_decides_when_a_digest_is_missed(tmp_path, newsroom, smtp, hooks):
    settings = write_newsroom(tmp_path, newsroom, smtp.port, hooks, "grace: 3h\n")
    pipeline.send(settings, clock=newsroom.now)  # Monday's edition; nothing runs on Tuesday
    assert missed_keys(settings, 24 + 2.9) == set()
    assert missed_keys(settings, 24 + 3) == {"missed:2026-12-08"}
    assert missed_keys(settings, 24 + 9) == {"missed:2026-12-08"}
    assert webhook_texts(hooks) == [
        "The digest due at 2026-12-08 07:00 UTC had reached nobody by 2026-12-08 10:00 UTC "
        "(alerts.grace): no edition was made: check that `digest run` (or its cron job) was "
        "running and what it logged."]


def test_send_pings_the_heartbeat_but_a_dry_run_and_a_test_send_do_not(
        tmp_path, newsroom, smtp, hooks):
    settings = write_newsroom(tmp_path, newsroom, smtp.port, hooks)
    config = str(settings.base_dir / "config.yaml")

    def send(*args: str) -> int:
        return subprocess.run([sys.executable, "-m", "digest", "--config", config, "send",
                               *args], capture_output=True, text=True, timeout=60).returncode

    assert send("--dry-run") == 0
    assert send("--to", "test@example.com") == 0
    assert pings(hooks) == []
    assert send() == 0
    assert pings(hooks) == ["/"]


@pytest.mark.parametrize(("line", "problem"), [
    ("webhook: ftp://hooks.example/x", "alerts.webhook: 'ftp://hooks.example/x' is not an "
                                       "http(s) URL without spaces, quotes or <>"),
    ("email: not an address", "alerts.email: "),
    ("source_failures: 0", "alerts.source_failures: Input should be greater than or equal to 1"),
    ("grace: soon", "alerts.grace: 'soon' is not a duration"),
])
def test_alerts_config_is_checked_with_its_line(write_config, line, problem):
    path = write_config(f"""\
        newsletter: {{title: T, from: t@example.com}}
        alerts:
          {line}
        """)
    with pytest.raises(ConfigError) as raised:
        load_settings(path)
    assert raised.value.problems[0].startswith(f"{path}:3: {problem}")


def hang_up_after_the_request(connection: socket.socket, stop) -> None:
    """Read the whole POST, then close without a word: the webhook may have taken it."""
    data = b""
    while b"\r\n\r\n" not in data or not data.rstrip().endswith(b"}"):
        chunk = connection.recv(65536)
        if not chunk:
            break
        data += chunk
    connection.close()


def test_webhook_answer_lost_is_unknown_and_tried_again(tmp_path, newsroom, smtp, hooks,
                                                       caplog):
    with raw_server(hang_up_after_the_request) as base:
        settings = write_newsroom(tmp_path, newsroom, smtp.port, hooks,
                                  f"webhook: {base}/hook\n")
        assert give(settings) == {"log", "email"}  # not recorded: a duplicate beats silence
    assert "tried again at the next run" in caplog.text


def test_alert_email_in_doubt_is_not_sent_again(tmp_path, newsroom, smtp, hooks):
    settings = write_newsroom(tmp_path, newsroom, smtp.port, hooks)
    smtp.handler.faults.vanish_after_data = 1  # takes the message, then drops the line
    assert give(settings) == {"log", "email:unknown", "webhook"}
    assert give(settings) == {"log", "email:unknown", "webhook"}
    assert len(smtp.handler.received) == 1


def test_previews_of_a_dead_source_count_toward_no_streak_and_give_no_alert(
        tmp_path, newsroom, smtp, hooks):
    from digest.app import pipeline

    settings = write_newsroom(tmp_path, newsroom, smtp.port, hooks)
    newsroom.dead.add("/harbour")
    for minutes in range(0, 200, 40):  # five previews, each past collect_every's 30 minutes
        pipeline.preview(settings, MONDAY + timedelta(minutes=minutes))
    assert newsroom.web.hits("/harbour") == 5  # each preview did fetch the dead feed
    with Store.peek(settings.state_location()) as state:
        assert state.health.sources() == []
    assert webhook_texts(hooks) == [] and alert_emails(smtp) == []
