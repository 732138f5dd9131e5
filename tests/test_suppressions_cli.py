"""`digest suppressions …` and `digest subscribers …` end to end, and `send` skipping the
suppressed whatever list names them."""

from __future__ import annotations

import json

from . import logs
from .test_cli import outbox, run


def test_send_skips_a_suppressed_address_and_status_shows_it(project):
    added = run(project, "suppressions", "add", "Editor@Example.com")
    assert added.returncode == 0, added.stderr
    assert "Editor@example.com: suppressed" in added.stdout
    assert run(project, "send").returncode == 0
    assert len(outbox(project)) == 1
    (edition,) = json.loads(run(project, "status", "--json").stdout)["editions"]
    assert edition["counts"]["sent"] == 1 and edition["counts"]["suppressed"] == 1
    assert {r["email"]: r["status"] for r in edition["recipients"]}["editor@example.com"] == (
        "suppressed")
    assert edition["status"] == "sent"
    human = run(project, "status").stdout
    assert "suppressed" in human


def test_a_recipients_file_address_is_skipped_too(project):
    (project / "people.csv").write_text("email,name\nfile@example.com,F\n")
    config = project / "config.yaml"
    config.write_text(config.read_text().replace("# recipients_file: recipients.csv",
                                                 "recipients_file: people.csv"))
    run(project, "suppressions", "add", "file@example.com")
    assert run(project, "send").returncode == 0
    assert len(outbox(project)) == 2
    assert all(b"file@example.com" not in p.read_bytes() for p in outbox(project))


def test_list_remove_export_and_import_round_trip(project, tmp_path):
    run(project, "suppressions", "add", "a@example.com", "--reason", "bounced")
    run(project, "suppressions", "add", "b@example.com")
    listed = json.loads(run(project, "suppressions", "list", "--json").stdout)["suppressions"]
    assert [(e["email"], e["reason"], e["origin"]) for e in listed] == [
        ("a@example.com", "bounced", "cli"), ("b@example.com", "manual", "cli")]
    exported = run(project, "suppressions", "export").stdout
    assert exported.splitlines()[0] == "email,reason,origin,created_at"
    assert "removed" in run(project, "suppressions", "remove", "a@example.com").stdout
    assert "was not suppressed" in run(project, "suppressions", "remove",
                                       "a@example.com").stdout
    (tmp_path / "in.csv").write_text(exported + "not an address,manual,x,y\n")
    imported = run(project, "suppressions", "import", str(tmp_path / "in.csv"))
    assert imported.returncode == 1
    assert "1 addresses suppressed, 1 were already, 1 rows skipped" in imported.stdout
    listed = json.loads(run(project, "suppressions", "list", "--json").stdout)["suppressions"]
    assert {(e["email"], e["reason"]) for e in listed} == {("a@example.com", "bounced"),
                                                           ("b@example.com", "manual")}


def test_a_bad_address_is_one_line_and_exit_2(project):
    result = run(project, "suppressions", "add", "nobody")
    assert result.returncode == 2
    assert logs.short(result.stderr).startswith(
        "digest: error: 'nobody' is not a valid email address")
    assert len(result.stderr.splitlines()) == 1


def test_subscribers_add_list_export_remove(project):
    assert "added" in run(project, "subscribers", "add", "New@Example.com", "--name", "Nu").stdout
    listed = json.loads(run(project, "subscribers", "list", "--json").stdout)["subscribers"]
    assert [(s["email"], s["name"]) for s in listed] == [("New@example.com", "Nu")]
    assert run(project, "subscribers", "export").stdout.startswith(
        "email,name,confirmed_at\nNew@example.com,Nu,")
    assert "removed" in run(project, "subscribers", "remove", "new@example.com").stdout
    assert "No subscribers yet." in run(project, "subscribers", "list").stdout
