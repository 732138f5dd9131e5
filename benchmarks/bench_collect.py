"""Collection as a user waits for it: the whole `digest collect` command, start to exit.

200 feeds are made at run time from the real news feeds in ../shared/feeds (23 publishers'
feeds as they served them: 1 to 300 entries each, about 8,500 entries in all), each copy's
links and GUIDs made its own and its dates moved so that its newest entry is half an hour
old, as a feed fetched now would be. A local HTTP server (another process) serves them with
an ETag, so the second run of a state gets 304 Not Modified for every feed.

Each round, interleaved: `digest collect` on a fresh state (every feed parsed and its recent
entries stored), again on that state (all 304), on a copy of that state whose ETags are all
stale (every feed changed: each is parsed again, its ETag remembered, with nothing new to
store), the same first run with one worker process, `digest collect` with no sources (what
starting the command costs), and the reference:
fastfeedparser alone parsing the same 200 bodies in this process. Printed: medians of wall
time, CPU (the command and its worker processes) and peak memory, and the ratios the targets
are written in, with and without the start-up. digest's bytecode is compiled first, as
installing it does (installed.py). `--against` runs another checkout of digest (its root
folder, on PYTHONPATH) in the same rounds: its first run, all-304 run, changed run and
start-up, to compare two versions.

    python benchmarks/bench_collect.py [--feeds 200] [--rounds 3] [--delay 0] [--shared DIR]
                                       [--no-single] [--against ../other-checkout]
"""

from __future__ import annotations

import argparse
import email.utils
import gzip
import json
import os
import re
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import fastfeedparser
import local_http
from installed import compile_package

from digest.app.workers import Workers
from digest.sources.feed import Reach, read_feed

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "feeds" / "fastfeedparser" / "benchmark_data_news"
ENTRY = re.compile(rb"<(item|entry)\b.*?</\1>", re.S)
URL = re.compile(rb"(https?://[^<\"'\s]+)")
DATE = re.compile(rb"<(pubDate|dc:date|published|updated)>([^<]+)</\1>")


def read_date(text: str) -> datetime | None:
    try:
        moment = (email.utils.parsedate_to_datetime(text) if text[:1].isalpha()
                  or "," in text else datetime.fromisoformat(text.replace("Z", "+00:00")))
    except (TypeError, ValueError, IndexError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def moved(body: bytes, now: datetime) -> bytes:
    """The feed with every entry date moved by one amount: its newest is 30 minutes old."""
    dates = [read_date(m.group(2).decode("ascii", "replace").strip())
             for m in DATE.finditer(body)]
    known = [d for d in dates if d is not None]
    if not known:
        return body
    shift = now - timedelta(minutes=30) - max(known)

    def one(match: re.Match[bytes]) -> bytes:
        moment = read_date(match.group(2).decode("ascii", "replace").strip())
        if moment is None:
            return match.group(0)
        stamp = (moment + shift).astimezone(UTC)
        text = (email.utils.format_datetime(stamp) if match.group(1) == b"pubDate"
                else stamp.isoformat())
        return b"<%s>%s</%s>" % (match.group(1), text.encode(), match.group(1))

    return DATE.sub(one, body)


def make_feeds(folder: Path, count: int, now: datetime) -> list[bytes]:
    """`count` distinct feeds cycled from the real ones, their entries' URLs made unique."""
    originals = [gzip.decompress(p.read_bytes()) if p.suffix == ".gz" else p.read_bytes()
                 for p in sorted(folder.iterdir()) if ".rss" in p.name or ".rdf" in p.name]
    originals = [moved(body, now) for body in originals]
    feeds = []
    for index in range(count):
        body = originals[index % len(originals)]
        tag = b"f%d" % index
        feeds.append(ENTRY.sub(
            lambda m, tag=tag: URL.sub(lambda u: u.group(1) + b"#" + tag
                                       if b"#" not in u.group(1) else u.group(1) + tag,
                                       m.group(0)), body))
    return feeds


class Handler(local_http.Handler):
    feeds: tuple[bytes, ...] = ()
    delay = 0.0

    def do_GET(self) -> None:
        if self.delay:
            time.sleep(self.delay)
        index = int(self.path.strip("/").split(".")[0])
        etag = f'"{index}"'
        if self.headers.get("If-None-Match") == etag:
            self.answer(304, headers=[("ETag", etag)])
        else:
            self.answer(200, self.feeds[index], "application/rss+xml", [("ETag", etag)])


def write_config(folder: Path, name: str, port: int, count: int, workers: int | None) -> Path:
    sources = "".join(
        f"  - name: feed{i}\n    type: feed\n    url: http://127.0.0.1:{port}/{i}.rss\n"
        "    full_text: never\n"
        for i in range(count)
    )
    path = folder / f"{name}.yaml"
    path.write_text(
        "newsletter:\n  title: Bench\n  from: bench@example.com\n"
        "http:\n  concurrency: 64\n  per_host: 64\n"  # one host here, as if each had its own
        + (f"collect:\n  workers: {workers}\n" if workers else "")
        + f"state:\n  path: {name}.sqlite\nsources:{chr(10) + sources if sources else ' []'}\n",
        encoding="utf-8",
    )
    return path


def stale_copy(config: Path, name: str) -> Path:
    """A config like `config` whose state is a copy of its state with every ETag made stale:
    each feed, its validators remembered, answers 200 with a body to parse again."""
    copy = config.with_name(f"{name}.yaml")
    copy.write_text(config.read_text().replace(f"path: {config.stem}.sqlite",
                                               f"path: {name}.sqlite"), encoding="utf-8")
    with (sqlite3.connect(config.with_suffix(".sqlite")) as source,
          sqlite3.connect(copy.with_suffix(".sqlite")) as target):
        source.backup(target)
        target.execute("UPDATE http_cache SET etag = '\"stale\"'")
    source.close()
    target.close()
    return copy


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float
    peak_mb: float
    stories: int
    statuses: frozenset[str]


def run_collect(config: Path, env: dict[str, str] | None = None) -> Run:
    """`digest collect --json` in a new process, start to exit: its wall time, its CPU
    (with the worker processes it waited for) and its peak resident memory. `env`: the
    environment of another checkout's run."""
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "digest", "--config", str(config), "collect", "--json"],
            stdout=subprocess.PIPE, stderr=errors, cwd=config.parent, env=env)
        assert process.stdout is not None
        out = process.stdout.read()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode or not out:
            errors.seek(0)
            raise RuntimeError(f"digest collect failed: {errors.read().decode()[-2000:]}")
    data = json.loads(out)
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, data["stories"],
               frozenset(s["status"] for s in data["sources"]))


def parser_alone(feeds: list[bytes]) -> float:
    """CPU seconds fastfeedparser takes to parse every body, in this process."""
    started = time.process_time()
    for body in feeds:
        fastfeedparser.parse(body)
    return time.process_time() - started


@dataclass(frozen=True)
class Stage:
    wall: float
    here: float  # CPU seconds of this process
    workers: float  # CPU seconds of the worker processes, together


def parse_stage(feeds: list[bytes], workers: int) -> Stage:
    """Reading every feed within a day's reach through `workers` worker processes, from 16
    threads as collection asks: the stage that uses both cores."""
    now = datetime.now(UTC)
    reach = Reach(now - timedelta(hours=24), now)
    headers = {"content-type": "application/rss+xml"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    pool = Workers(workers)
    try:
        started, cpu = time.perf_counter(), time.process_time()
        with ThreadPoolExecutor(16) as threads:
            list(threads.map(lambda body: pool(read_feed, body, headers, None, reach),
                                  feeds))
        wall, here = time.perf_counter() - started, time.process_time() - cpu
    finally:
        pool.close()  # the workers are waited for, so their CPU is counted
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    children = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Stage(wall, here, children)


def summary(name: str, runs: list[Run], note: str = "") -> str:
    wall = statistics.median(r.wall for r in runs)
    cpu = statistics.median(r.cpu for r in runs)
    return (f"{name:<34} wall {wall:6.2f} s  CPU {cpu:6.2f} s  "
            f"(walls {', '.join(f'{r.wall:.2f}' for r in runs)}){note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--delay", type=float, default=0.0,
                        help="seconds the server waits before each answer")
    parser.add_argument("--shared", type=Path, default=SHARED,
                        help="the folder of real feeds to build from")
    parser.add_argument("--no-single", action="store_true",
                        help="skip the run with one worker process")
    parser.add_argument("--against", type=Path,
                        help="the root folder of another checkout of digest, timed alongside")
    args = parser.parse_args()
    compile_package()
    others: dict[str, dict[str, str]] = {}
    if args.against is not None:
        other = args.against.resolve()
        compile_package(other / "digest")
        others[f" ({other.name})"] = {**os.environ, "PYTHONPATH": str(other)}

    feeds = make_feeds(args.shared, args.feeds, datetime.now(UTC))
    server, port = local_http.start(Handler, feeds=tuple(feeds), delay=args.delay)
    firsts: list[Run] = []
    again: list[Run] = []
    changed: list[Run] = []
    singles: list[Run] = []
    empties: list[Run] = []
    compared: dict[str, tuple[list[Run], ...]] = {
        label: ([], [], [], []) for label in others}  # first runs, all 304, changed, start-ups
    parsers: list[float] = []
    stages: dict[int, list[Stage]] = {1: [], 2: []}
    try:
        with tempfile.TemporaryDirectory() as folder:
            for round_ in range(args.rounds):
                config = write_config(Path(folder), f"r{round_}", port, args.feeds, None)
                firsts.append(run_collect(config))
                again.append(run_collect(config))
                changed.append(run_collect(stale_copy(config, f"c{round_}")))
                if not args.no_single:
                    single = write_config(Path(folder), f"s{round_}", port, args.feeds, 1)
                    singles.append(run_collect(single))
                empties.append(run_collect(write_config(Path(folder), f"e{round_}", port, 0,
                                                        None)))
                for index, (label, env) in enumerate(others.items()):
                    name = f"o{index}r{round_}"
                    config = write_config(Path(folder), name, port, args.feeds, None)
                    first, second, stale, empty = compared[label]
                    first.append(run_collect(config, env))
                    second.append(run_collect(config, env))
                    stale.append(run_collect(stale_copy(config, f"c{name}"), env))
                    empty.append(run_collect(write_config(Path(folder), f"e{name}", port, 0,
                                                          None), env))
                    assert second[-1].statuses == {"not_modified"}, second[-1].statuses
                    assert stale[-1].statuses == {"ok"} and not stale[-1].stories
                parsers.append(parser_alone(feeds))
                for count, times in stages.items():
                    times.append(parse_stage(feeds, count))
                assert firsts[-1].statuses == {"ok"}, firsts[-1].statuses
                assert again[-1].statuses == {"not_modified"}, again[-1].statuses
                assert changed[-1].statuses == {"ok"} and not changed[-1].stories
    finally:
        server.terminate()

    entries = sum(len(ENTRY.findall(body)) for body in feeds)
    parse_cpu = statistics.median(parsers)
    first_cpu = statistics.median(r.cpu for r in firsts)
    print(f"{args.feeds} feeds ({entries} entries, {sum(map(len, feeds)) / 1e6:.1f} MB), "
          f"{args.delay * 1000:.0f} ms server delay, {firsts[-1].stories} new stories stored, "
          f"{args.rounds} interleaved rounds, {os.cpu_count()} cores")
    print(summary("collect, first run", firsts,
                  f"  peak {max(r.peak_mb for r in firsts):.0f} MB"))
    print(summary("collect, all 304", again))
    print(summary("collect, every feed changed", changed))
    if singles:
        speedup = (statistics.median(r.wall for r in singles)
                   / statistics.median(r.wall for r in firsts))
        print(summary("collect, first run, 1 worker", singles,
                      f"  -> both cores: {speedup:.2f}x one's throughput (target >= 1.7)"))
    print(summary("collect, no sources (start-up)", empties))
    one, two = (statistics.median(s.wall for s in stages[n]) for n in (1, 2))
    print(f"{'reading the feeds, 1 / 2 processes':<34} wall {one:6.2f} s / {two:.2f} s  "
          f"-> {one / two:.2f}x (target >= 1.7; runs 1: "
          f"{', '.join(f'{s.wall:.2f}' for s in stages[1])}; 2: "
          f"{', '.join(f'{s.wall:.2f}' for s in stages[2])})")
    here, apart = (statistics.median(getattr(s, k) for s in stages[2]) for k in ("here", "workers"))
    alone = statistics.median(s.here for s in stages[1])
    print(f"{'  its CPU, 1 / 2 processes':<34} {alone:.2f} s / {here:.2f} s here + {apart:.2f} s "
          f"in the workers -> on two idle cores at best {alone / max(here, apart / 2):.2f}x")
    print(f"{'fastfeedparser alone':<34} CPU {parse_cpu:6.2f} s  "
          f"(runs {', '.join(f'{p:.2f}' for p in parsers)})")
    start_cpu = statistics.median(r.cpu for r in empties)
    print(f"collect CPU / parser CPU: {first_cpu / parse_cpu:.1f}x whole command, "
          f"{(first_cpu - start_cpu) / parse_cpu:.1f}x past start-up (target <= 3); per feed "
          f"{(first_cpu - start_cpu) / args.feeds * 1000:.1f} ms against "
          f"{parse_cpu / args.feeds * 1000:.1f} ms")
    again_wall = statistics.median(r.wall for r in again)
    again_cpu = statistics.median(r.cpu for r in again)
    print(f"all 304: {again_wall:.2f} s wall, {again_cpu:.2f} s CPU (target <= 0.5 s); "
          f"past start-up {again_wall - statistics.median(r.wall for r in empties):.2f} s wall, "
          f"{again_cpu - start_cpu:.2f} s CPU")
    for label, (first, second, stale, empty) in compared.items():
        print(summary("collect, first run" + label, first))
        print(summary("collect, all 304" + label, second))
        print(summary("collect, every feed changed" + label, stale))
        print(summary("collect, no sources" + label, empty))
        cpu, start = (statistics.median(r.cpu for r in runs) for runs in (first, empty))
        print(f"  collect CPU / parser CPU{label}: {cpu / parse_cpu:.1f}x whole command, "
              f"{(cpu - start) / parse_cpu:.1f}x past start-up")
    load = os.getloadavg()
    print(f"load average over 1, 5, 15 minutes: {load[0]:.1f}, {load[1]:.1f}, {load[2]:.1f} on "
          f"{os.cpu_count()} cores" + ("  (busy: wall times and the speed-up of the worker "
                                       "processes say more of the others than of digest)"
                                       if load[0] > 1 else ""))


if __name__ == "__main__":
    main()
