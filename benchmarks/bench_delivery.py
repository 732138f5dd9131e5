"""Delivery, timed as a user waits for it: `digest send` from start to exit, to 10,000
recipients, against a reference command that hands the same bytes to the same local server.

Every case runs the whole command in a fresh state: read the config and the 10,000-row
recipients file, collect and summarize 30 stories, render, and deliver each recipient their
own copy (their greeting, their one-click unsubscribe link in the header and both parts),
recording each in the ledger. Its wall time, CPU time and peak memory (of that process
alone, from wait4) are set against the reference, run in the same rounds, interleaved:

- sendgrid, mailgun, postmark: a local HTTP server answering like the provider; the
  reference POSTs the very request bodies digest sent (captured in a first run).
- smtp: an aiosmtpd sink in its own process; the reference is bare smtplib sending one of
  digest's messages to every address over one connection.
- file: the outbox; the reference writes one of digest's messages and its HTML part to two
  files per address.

Targets: APIs <= 2 s CPU and <= 150 MB; SMTP >= 80% of the reference's throughput and
<= 2x its CPU; file and SMTP <= 1 ms CPU a recipient to build its copy (printed apart, from
building the copies in this process).

    python benchmarks/bench_delivery.py [--recipients 10000] [--rounds 3] [--cases smtp,file]
                                        [--against DIR]

`--against DIR` also runs, in the same rounds, digest as checked out in DIR (another worktree,
put first on PYTHONPATH): old code against new under the same load.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REFERENCE = [sys.executable, str(HERE / "delivery_reference.py")]
TIME = shutil.which("time") or "/usr/bin/time"  # GNU time
API_CASES = ("sendgrid", "mailgun", "postmark")
CASES = (*API_CASES, "file", "smtp")

WORDS = ("harbour council ferry budget school river bridge museum tram station library park "
         "market hospital festival stadium airport garden theatre factory canal tower square "
         "orchestra clinic archive farm mill forest island valley").split()
VERBS = "opens closes expands delays approves rejects rebuilds reviews funds restores".split()


def write_stories(folder: Path, count: int = 30) -> None:
    """`count` distinct invented stories of three paragraphs and two quotes, as Markdown."""
    pick = random.Random(7)
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        a, b, c = pick.sample(WORDS, 3)
        verb = pick.choice(VERBS)
        title = f"City {verb} the {a} and {b} plan for the {c} district, number {n}"
        speaker = (f"{pick.choice(['Maria', 'Jonas', 'Aiko', 'Ravi'])} "
                   f"{pick.choice(['Keller', 'Ilves', 'Okafor', 'Lund'])}")
        body = (
            f"The council {verb} the {a} plan on Tuesday after a year of debate over the "
            f"{b} near the {c}, a decision that affects {pick.randint(2, 90)} thousand "
            f"residents of district {n}.\n\n"
            f"\"We heard the same story about the {a} in every meeting,\" said {speaker}, who "
            f"chairs the {b} committee. \"People want the {c} to work for them.\"\n\n"
            f"Work on the {b} starts in {pick.choice(['March', 'May', 'June'])}, and the "
            f"{c} will stay open throughout, officials said. \"It is a fair compromise,\" "
            f"{speaker.split()[0]} added.\n"
        )
        (folder / f"story-{n:02}.md").write_text(
            f"---\ntitle: {title}\ndate: 2026-11-27T08:{n:02}:00Z\n---\n\n# {title}\n\n{body}")


def write_project(folder: Path, count: int, delivery: str) -> Path:
    write_stories(folder / "stories")
    (folder / "people.csv").write_text(
        "email,name\n" + "".join(f"reader{i}@example.org,Reader {i}\n" for i in range(count)))
    config = folder / "config.yaml"
    config.write_text(
        "newsletter:\n"
        "  title: Morning Digest\n"
        "  from: Morning Digest <digest@example.com>\n"
        "  greeting: 'Good morning, {{ name }}!'\n"
        "  unsubscribe_url: https://example.com/unsubscribe?reader={email}&token={token}\n"
        "  unsubscribe_mailto: unsubscribe+{token}@example.com\n"
        "  unsubscribe_secret: a-benchmark-secret-value\n"
        "sources:\n"
        "  - {name: City desk, type: files, path: stories, ignore_age: true}\n"
        "recipients_file: people.csv\n"
        "state: {path: state/state.sqlite}\n"
        f"delivery:\n{delivery}"
    )
    return config


# --- the provider's API, played by a local server ------------------------------------------

class ProviderLike(BaseHTTPRequestHandler):
    """Answers a provider's send endpoint with its success shape; counts the recipients and,
    when `capture` is set, keeps each request for the reference to send again."""

    recipients = 0
    capture: Path | None = None  # a folder: N.body and N.json (path, headers) each
    lock = threading.Lock()

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.path.endswith("/mail/send"):
            count = len(json.loads(body)["personalizations"])
            status, answer, extra = 202, b"", {"X-Message-Id": "bench"}
        elif self.path.endswith("/email/batch"):
            count = len(json.loads(body))
            status, extra = 200, {}
            answer = json.dumps([{"ErrorCode": 0, "Message": "OK", "MessageID": f"id-{i}"}
                                 for i in range(count)]).encode()
        else:
            count = body.count(b'name="to"')
            status, answer, extra = 200, b'{"id": "<bench@mg.example.com>"}', {}
        with self.lock:
            ProviderLike.recipients += count
            if ProviderLike.capture is not None:
                index = len(list(ProviderLike.capture.glob("*.body")))
                (ProviderLike.capture / f"{index}.body").write_bytes(body)
                (ProviderLike.capture / f"{index}.json").write_text(json.dumps(
                    {"path": self.path, "headers": {"Content-Type": self.headers["Content-Type"]}}))
        self.send_response(status)
        for name, value in {"Content-Type": "application/json", **extra}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args: Any) -> None:
        pass


# --- the SMTP sink, in its own process so that it does not share an interpreter lock ------

def _sink(ready: Any, received: Any) -> None:
    from aiosmtpd.controller import Controller

    class Count:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            with received.get_lock():
                received.value += 1
            return "250 OK"

    class OnFreePort(Controller):
        def _trigger_server(self) -> None:
            self.port = self.server.sockets[0].getsockname()[1]
            super()._trigger_server()

    controller = OnFreePort(Count(), hostname="127.0.0.1", port=0, server_hostname="localhost")
    controller.start()
    ready.send(controller.port)
    threading.Event().wait()


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float
    peak_mb: float


def run(argv: list[str], cwd: Path, code: Path | None = None) -> Run:
    """A command from start to exit: wall time, and its own CPU time and peak RSS, as GNU
    time reports them (a small parent, so that the child's peak is its own); with `code`,
    digest is imported from that checkout."""
    env = None if code is None else {**os.environ, "PYTHONPATH": str(code)}
    with tempfile.NamedTemporaryFile("r") as figures:
        start = time.perf_counter()
        done = subprocess.run([TIME, "-o", figures.name, "-f", "%U %S %M", *argv], cwd=cwd,
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              check=False)
        wall = time.perf_counter() - start
        if done.returncode:
            raise SystemExit(f"{' '.join(argv)} exited {done.returncode}: "
                             f"{done.stderr.decode()}")
        user, system, peak = figures.read().split()[-3:]
    return Run(wall, float(user) + float(system), int(peak) / 1024)


@dataclass
class Case:
    """One backend: how to run digest with it, and its reference command."""

    name: str
    folder: Path
    ours: list[Run]
    theirs: list[Run]
    reference: list[str] | None = None
    reset: Callable[[], None] = lambda: None
    old: list[Run] = field(default_factory=list)  # digest from --against's checkout

    def run_ours(self, code: Path | None = None) -> Run:
        shutil.rmtree(self.folder / "state", ignore_errors=True)
        shutil.rmtree(self.folder / "outbox", ignore_errors=True)
        self.reset()
        return run([sys.executable, "-m", "digest", "--config", "config.yaml", "send"],
                   self.folder, code)

    def run_reference(self) -> Run:
        shutil.rmtree(self.folder / "reference-outbox", ignore_errors=True)
        assert self.reference is not None
        return run(self.reference, self.folder)


def prepare(name: str, root: Path, count: int, base_url: str, port: int) -> Case:
    folder = root / name
    sections = {
        "sendgrid": f"  backend: sendgrid\n  sendgrid: {{api_key: k, base_url: '{base_url}'}}\n",
        "mailgun": f"  backend: mailgun\n  mailgun: {{api_key: k, base_url: '{base_url}', "
                   "domain: mg.example.com}\n",
        "postmark": f"  backend: postmark\n  postmark: {{api_key: k, base_url: '{base_url}'}}\n",
        "file": "  backend: file\n  file: {outbox: outbox}\n",
        "smtp": f"  backend: smtp\n  smtp: {{host: 127.0.0.1, port: {port}, security: none}}\n",
    }
    write_project(folder, count, sections[name])
    case = Case(name, folder, [], [])
    if name in API_CASES:  # a first run, whose requests the reference sends again
        bodies = folder / "requests"
        bodies.mkdir()
        ProviderLike.capture = bodies
        case.run_ours()
        ProviderLike.capture = None
        case.reference = [*REFERENCE, "post", base_url, str(bodies)]
        return case
    # One of digest's own messages, from the file backend, for the SMTP and file references.
    sample = root / "sample"
    if not sample.exists():
        write_project(sample, 1, sections["file"])
        run([sys.executable, "-m", "digest", "--config", "config.yaml", "send"], sample)
    message = str(next((sample / "outbox").glob("*.eml")))
    if name == "file":
        case.reference = [*REFERENCE, "files", message, "people.csv", "reference-outbox"]
    else:
        case.reference = [*REFERENCE, "smtp", str(port), message, "people.csv"]
    return case


def building_cost(count: int) -> tuple[float, int]:
    """CPU ms a copy to build every recipient's message bytes (file and SMTP), in-process,
    and the size of one message."""
    sys.path.insert(0, str(HERE.parent))
    from datetime import UTC, datetime

    from digest.core.models import Recipient
    from digest.delivery.deliver import prepare as prepare_copies
    from digest.delivery.message import Composer
    from digest.render.renderer import Renderer
    from tests.sample_digest import NEWSLETTER, sample_digest

    email = Renderer.create().render(sample_digest(30), NEWSLETTER)
    people = [Recipient(f"reader{i}@example.org", f"Reader {i}") for i in range(count)]
    start = time.process_time()
    outgoing = prepare_copies(email, people, NEWSLETTER, datetime(2026, 11, 28, tzinfo=UTC),
                              "bench")
    composer = Composer(outgoing.edition, smtp=True)
    size = max(len(composer.message(copy)) for copy in outgoing)
    return (time.process_time() - start) / count * 1000, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cases", default=",".join(CASES))
    parser.add_argument("--against", type=Path, help="a checkout of digest to run as well")
    args = parser.parse_args()
    names = [n for n in args.cases.split(",") if n]
    server = ThreadingHTTPServer(("127.0.0.1", 0), ProviderLike)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base_url = f"http://127.0.0.1:{server.server_address[1]}"
    received = multiprocessing.Value("i", 0)
    here, there = multiprocessing.Pipe()
    sink = multiprocessing.Process(target=_sink, args=(there, received), daemon=True)
    sink.start()
    port = here.recv()
    root = Path(tempfile.mkdtemp(prefix="bench-delivery-"))
    try:
        cases = [prepare(name, root, args.recipients, base_url, port) for name in names]
        for round_ in range(args.rounds):
            for case in cases:
                runs = [(case.ours, case.run_ours), (case.theirs, case.run_reference)]
                if args.against:
                    runs.append((case.old, lambda case=case: case.run_ours(args.against)))
                for into, runner in runs[:: 1 if round_ % 2 == 0 else -1]:
                    into.append(runner())
        report(cases, args.recipients)
        print(f"load average over 1, 5, 15 minutes: {os.getloadavg()} on {os.cpu_count()} cores")
        per_copy, size = building_cost(min(args.recipients, 2000))
        print(f"\nbuilding each copy's bytes (slots filled, encoded for SMTP), "
              f"{size / 1000:.0f} KB messages: {per_copy:.3f} ms CPU a recipient "
              "(target <= 1 ms)")
    finally:
        server.shutdown()
        sink.terminate()
        shutil.rmtree(root, ignore_errors=True)


def report(cases: list[Case], count: int) -> None:
    print(f"digest send to {count:,} recipients, medians of {len(cases[0].ours)} interleaved "
          "runs; each figure is the whole command, start to exit")
    print(f"{'case':13} {'digest wall':>11} {'CPU':>7} {'peak':>7} | {'reference':>9} {'CPU':>7} "
          f"{'peak':>7} | {'wall x':>6} {'CPU x':>6} | verdict")
    for case in cases:
        theirs = summary(case.theirs)
        rows = [(case.name, case.ours), (f"{case.name} old", case.old)]
        for name, runs in (row for row in rows if row[1]):
            ours = summary(runs)
            print(f"{name:13} {ours.wall:10.2f}s {ours.cpu:6.2f}s {ours.peak_mb:5.0f}MB | "
                  f"{theirs.wall:8.2f}s {theirs.cpu:6.2f}s {theirs.peak_mb:5.0f}MB | "
                  f"{ours.wall / theirs.wall:5.2f}x {ours.cpu / theirs.cpu:5.2f}x | "
                  f"{verdict(case.name, ours, theirs, count)}")


def verdict(name: str, ours: Run, theirs: Run, count: int) -> str:
    if name in API_CASES:
        return ok(ours.cpu <= 2.0 and ours.peak_mb <= 150, "<= 2 s CPU, <= 150 MB")
    if name == "smtp":
        return ok(theirs.wall / ours.wall >= 0.8 and ours.cpu / theirs.cpu <= 2,
                  f"{theirs.wall / ours.wall:.0%} of its throughput (>= 80%), CPU <= 2x")
    return ok(ours.cpu / count <= 0.001,
              f"{ours.cpu / count * 1000:.2f} ms CPU a recipient, whole command (<= 1 ms)")


def summary(runs: list[Run]) -> Run:
    return Run(statistics.median(r.wall for r in runs), statistics.median(r.cpu for r in runs),
               statistics.median(r.peak_mb for r in runs))


def ok(passed: bool, what: str) -> str:
    return f"{'ok' if passed else 'MISSED'}: {what}"


if __name__ == "__main__":
    main()
