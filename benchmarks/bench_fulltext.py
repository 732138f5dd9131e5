"""Full-text extraction on both cores: `digest collect` of teaser feeds whose linked pages
are fetched and extracted, start to exit, with the default worker processes (one a core)
against `collect.workers: 1` in the same interleaved rounds. Target: >= 1.7x one core's
throughput on two cores.

A local HTTP server (another process) serves FEEDS RSS feeds of PAGES teaser entries each
(one line of text, so `full_text: auto` fetches every page) and the linked pages: the real
news pages of the evaluation set (`articles/html/*.html.gz`), each under URLs of its own.
Every run starts from a fresh state, so every page is fetched and extracted. Printed:
medians of wall time and of CPU time, the command's own process and the worker processes it
waited for apart (a page's cost to the process that fetches and hands out the pages, and to
the workers), the ratio of the one-process wall time to the default's (whole commands, and
with the start-up's wall taken from each: the pages a second once running), the CPU that using
the workers adds, how many cores each used, and the ratio that the command's start-up (timed
as `digest collect` with no sources, the same rounds) leaves at best: it is serial in both.
Read the CPU figures on a loaded machine, where walls measure the others' work too.

    python benchmarks/bench_fulltext.py [EVAL_DIR] [--feeds 3] [--pages 40] [--rounds 5]
                                        [--full-text auto|always]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

import local_http
from installed import compile_package

ROOT = Path(__file__).resolve().parent.parent


def default_folder() -> Path:
    return Path(os.environ.get("DIGEST_EVAL_DIR", str(ROOT.parent / "shared" / "eval")))


def feed(index: int, pages: int, base: str) -> bytes:
    """An RSS feed of `pages` teasers, each linking a page of its own."""
    now = format_datetime(datetime.now(UTC))
    items = "".join(
        f"<item><title>Story {index}-{n}</title><link>{base}/page/{index}-{n}.html</link>"
        f"<guid>{base}/page/{index}-{n}.html</guid><pubDate>{now}</pubDate>"
        f"<description>Read on.</description></item>" for n in range(pages))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {index}</title>'
            f"<link>{base}/</link><description>teasers</description>{items}</channel></rss>"
            ).encode()


class Handler(local_http.Handler):
    """/feed/N.rss: a feed; /page/N-M.html: a real article page, chosen by N-M."""

    pages: tuple[bytes, ...] = ()
    per_feed = 0

    def do_GET(self) -> None:
        name = self.path.rsplit("/", 1)[-1].split(".")[0]
        if self.path.startswith("/feed/"):
            host = f"http://{self.headers['Host']}"
            self.answer(200, feed(int(name), self.per_feed, host), "application/rss+xml")
        else:
            index, number = (int(part) for part in name.split("-"))
            self.answer(200, self.pages[(index * self.per_feed + number) % len(self.pages)],
                        "text/html; charset=utf-8")


def write_config(folder: Path, port: int, feeds: int, workers: int | None,
                 full_text: str = "auto") -> Path:
    """The config of `feeds` teaser feeds (none: what starting the command costs)."""
    sources = "".join(f"  - {{name: feed{i}, type: feed, url: 'http://127.0.0.1:{port}/feed/"
                      f"{i}.rss', full_text: {full_text}}}\n" for i in range(feeds)) or " []\n"
    path = folder / f"feeds-{feeds}-workers-{workers or 'default'}.yaml"
    path.write_text(
        "newsletter: {title: Bench, from: bench@example.com}\n"
        "http: {concurrency: 16, per_host: 16, allow_hosts: ['127.0.0.1']}\n"
        + (f"collect: {{workers: {workers}}}\n" if workers else "")
        + f"state: {{path: {path.stem}.sqlite}}\nsources:\n{sources}", encoding="utf-8")
    return path


@dataclass(frozen=True)
class Run:
    wall: float
    parent: float  # CPU seconds of the command's own process
    workers: float  # and of the worker processes it waited for
    stories: int

    @property
    def cpu(self) -> float:
        return self.parent + self.workers


def cpu_of_ended(pid: int) -> tuple[float, float]:
    """The CPU seconds of a process that ended and is not reaped yet: its own, and those of
    the children it waited for (Linux: /proc's fields 14 to 17, in clock ticks)."""
    os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT)
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    utime, stime, cutime, cstime = (int(f) / os.sysconf("SC_CLK_TCK") for f in fields[11:15])
    return utime + stime, cutime + cstime


def run_collect(config: Path) -> Run:
    """`digest collect --json` on a fresh state, start to exit: wall time and the CPU time of
    the command and of the worker processes it waited for, apart."""
    config.with_suffix(".sqlite").unlink(missing_ok=True)
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "digest", "--config", str(config), "collect", "--json"],
            stdout=subprocess.PIPE, stderr=errors, cwd=config.parent)
        assert process.stdout is not None
        out = process.stdout.read()
        parent, workers = cpu_of_ended(process.pid)
        _, status = os.waitpid(process.pid, 0)
        wall = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) or not out:
            errors.seek(0)
            raise SystemExit(f"digest collect failed: {errors.read().decode()[-2000:]}")
    data = json.loads(out)
    failed = sum(s.get("pages_failed", 0) for s in data["sources"])
    if failed:
        raise SystemExit(f"{failed} pages failed: {json.dumps(data['sources'])[:2000]}")
    return Run(wall, parent, workers, data["stories"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("eval_dir", nargs="?", type=Path, default=None)
    parser.add_argument("--feeds", type=int, default=3)
    parser.add_argument("--pages", type=int, default=40, help="linked pages a feed")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--full-text", choices=("auto", "always"), default="auto",
                        help="the feeds' full_text: with `always`, the extractor is loaded "
                        "before the worker processes start")
    args = parser.parse_args()
    folder = (args.eval_dir or default_folder()) / "articles" / "html"
    pages = [gzip.decompress(p.read_bytes()) for p in sorted(folder.glob("*.html.gz"))]
    if not pages:
        print(f"no pages in {folder}; pass EVAL_DIR or set DIGEST_EVAL_DIR", file=sys.stderr)
        return 2
    compile_package()
    server, port = local_http.start(Handler, pages=tuple(pages), per_feed=args.pages)
    load = os.getloadavg()[0]
    try:
        with tempfile.TemporaryDirectory() as scratch:
            configs = {name: write_config(Path(scratch), port, feeds, workers, args.full_text)
                       for name, feeds, workers in (("one process", args.feeds, 1),
                                                    ("default", args.feeds, None),
                                                    ("start-up", 0, 1))}
            runs: dict[str, list[Run]] = {name: [] for name in configs}
            for config in configs.values():  # warm-up: the page cache, the bytecode
                run_collect(config)
            for round_ in range(args.rounds):
                order = list(configs.items())
                for name, config in order[:: 1 if round_ % 2 == 0 else -1]:
                    runs[name].append(run_collect(config))
    finally:
        server.terminate()
    total = args.feeds * args.pages
    print(f"digest collect, {args.feeds} teaser feeds (full_text: {args.full_text}) of "
          f"{args.pages} linked pages ({total} pages fetched and extracted), medians of "
          f"{args.rounds} interleaved runs; CPU a page: the command's own process + its workers")
    walls, cpus = {}, {}
    for name, made in runs.items():
        wall, cpu, parent, workers = (statistics.median(getattr(r, what) for r in made)
                                      for what in ("wall", "cpu", "parent", "workers"))
        walls[name], cpus[name] = wall, cpu
        pages = (f"{total / wall:5.1f} pages/s  {parent / total * 1000:4.1f} + "
                 f"{workers / total * 1000:4.1f} ms CPU a page")
        print(f"  {name:12} wall {wall:5.2f} s  CPU {cpu:5.2f} s  "
              f"{pages if name != 'start-up' else ' ' * len(pages)}  {cpu / wall:4.2f} cores  "
              f"({made[0].stories} stories; walls {', '.join(f'{r.wall:.2f}' for r in made)})")
    ratio = walls["one process"] / walls["default"]
    cores = os.cpu_count() or 1
    print(f"  default against one process: {ratio:.2f}x the throughput on {cores} cores  "
          f"{'ok' if ratio >= 1.7 else 'MISSED'} (>= 1.7x); CPU spent on using them "
          f"{(cpus['default'] - cpus['one process']) / total * 1000:+.2f} ms a page")
    past = (walls["one process"] - walls["start-up"]) / (walls["default"] - walls["start-up"])
    print(f"  past the start-up (each wall less the start-up's): {past:.2f}x the pages a second "
          f"{'ok' if past >= 1.7 else 'MISSED'} (>= 1.7x)")
    serial, one = cpus["start-up"], cpus["one process"]  # CPU: loaded, walls are others' too
    best, spent = (one / (serial + (cpu - serial) / cores) for cpu in (one, cpus["default"]))
    print(f"  on {cores} idle cores, with the start-up ({serial:.2f} s CPU) serial and the rest "
          f"spread evenly: at best {best:.2f}x; with the CPU the workers add, {spent:.2f}x")
    print(f"load average (1 minute): {load:.2f} before, {os.getloadavg()[0]:.2f} after")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
