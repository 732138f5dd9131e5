"""Several senders on one edition: `digest send` in 1, 2 and 4 processes at once, sharing one
edition of N recipients (100,000 by default) through the file outbox and through an SMTP
sink, with the state in PostgreSQL (a throwaway cluster, started as tests/pgcluster.py does)
and, one sender only (a SQLite state sends one process at a time), in SQLite. Then the
ledger's own cost per recipient on each engine (bench_ledger).

For each case: the wall time from starting the senders to the last one's exit (each builds
or joins the edition, then delivers its share), messages per second, and a check that every
recipient got exactly one copy.

    python benchmarks/bench_senders.py [--recipients 100000] [--senders 1,2,4]
                                       [--backends file,smtp]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the tests' PostgreSQL cluster

from bench_delivery import _sink  # noqa: E402 - the SMTP sink in a process of its own
from bench_ledger import measure  # noqa: E402

from tests.pgcluster import cluster  # noqa: E402

STORY = "Harbour ferry runs again\n\nThe harbour ferry runs again from Monday, the port said.\n"
SMTP = "  backend: smtp\n  smtp: {{host: 127.0.0.1, port: {port}, security: none, timeout: 30}}\n"
FILE = "  backend: file\n  file: {{outbox: outbox}}\n"


def write_project(folder: Path, count: int, delivery: str, state: str) -> Path:
    (folder / "stories").mkdir(parents=True)
    (folder / "stories" / "ferry.txt").write_text(STORY)
    (folder / "people.csv").write_text(
        "email,name\n" + "".join(f"reader{i}@example.org,Reader {i}\n" for i in range(count)))
    config = folder / "config.yaml"
    config.write_text(
        "newsletter: {title: Morning Digest, from: digest@example.com}\n"
        "sources:\n  - {name: Desk, type: files, path: stories, ignore_age: true}\n"
        f"recipients_file: people.csv\nstate: {{{state}}}\ndelivery:\n{delivery}")
    return config


def run_senders(config: Path, senders: int) -> float:
    """Seconds from starting `senders` processes at once to the last one's exit."""
    command = [sys.executable, "-m", "digest", "--config", str(config), "send"]
    started = time.perf_counter()
    running = [subprocess.Popen(command, cwd=config.parent, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE) for _ in range(senders)]
    for process in running:
        _, err = process.communicate()
        if process.returncode:
            raise SystemExit(f"a sender exited {process.returncode}: {err.decode()}")
    return time.perf_counter() - started


def copies_in(outbox: Path) -> Counter[str]:
    return Counter(p.name.split("-")[0] for p in outbox.glob("*.eml"))


def case(backend: str, engine: str, state: str, senders: int, count: int, port: int,
         received: object) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as folder:
        delivery = (SMTP if backend == "smtp" else FILE).format(port=port)
        config = write_project(Path(folder), count, delivery, state)
        before = received.value  # type: ignore[attr-defined]
        wall = run_senders(config, senders)
        if backend == "smtp":
            got = received.value - before  # type: ignore[attr-defined]
            once = got == count
        else:
            copies = copies_in(Path(folder) / "outbox")
            got, once = sum(copies.values()), len(copies) == count and set(copies.values()) == {1}
    return {"backend": backend, "engine": engine, "senders": senders, "recipients": count,
            "seconds": round(wall, 1), "messages_per_s": round(count / wall),
            "each_once": once, "copies": got}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=100_000)
    parser.add_argument("--senders", default="1,2,4")
    parser.add_argument("--backends", default="file,smtp")
    args = parser.parse_args()
    counts = [int(n) for n in args.senders.split(",")]
    ready, port_out = multiprocessing.Pipe(duplex=False)
    received = multiprocessing.Value("q", 0)
    sink = multiprocessing.Process(target=_sink, args=(port_out, received), daemon=True)
    sink.start()
    port = ready.recv()
    try:
        with cluster() as pg:
            for backend in args.backends.split(","):
                print(json.dumps(case(backend, "sqlite", "path: state.sqlite", 1,
                                      args.recipients, port, received)), flush=True)
                for senders in counts:
                    url = pg.fresh_database(f"bench_{backend}_{senders}")
                    print(json.dumps(case(backend, "postgresql", f"url: '{url}'", senders,
                                          args.recipients, port, received)), flush=True)
            with tempfile.TemporaryDirectory() as folder:
                for location in (Path(folder) / "state.sqlite",
                                 pg.fresh_database("bench_ledger")):
                    print(json.dumps({"ledger": measure(location, min(args.recipients,
                                                                      20_000), rounds=1)}),
                          flush=True)
    finally:
        sink.terminate()


if __name__ == "__main__":
    main()
