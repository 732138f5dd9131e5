"""Full-text extraction on both cores: `digest collect` of teaser feeds whose linked pages
are fetched and extracted, start to exit, with the default worker processes (one a core)
against `collect.workers: 1` in the same interleaved rounds. Target: >= 1.7x one core's
throughput on two cores.

A local HTTP server (another process) serves FEEDS RSS feeds of PAGES teaser entries each
(one line of text, so `full_text: auto` fetches every page) and the linked pages: the real
news pages of the evaluation set (`articles/html/*.html.gz`), each under URLs of its own.
Every run starts from a fresh state, so every page is fetched and extracted. Printed:
medians of wall time and of CPU time (the command and the worker processes it waited for),
the ratio of the one-process wall time to the default's, and how many cores each used.

    python benchmarks/bench_fulltext.py [EVAL_DIR] [--feeds 3] [--pages 40] [--rounds 5]
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

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


class Handler(BaseHTTPRequestHandler):
    """/feed/N.rss: a feed; /page/N-M.html: a real article page, chosen by N-M."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    pages: tuple[bytes, ...] = ()
    per_feed = 0

    def do_GET(self) -> None:
        name = self.path.rsplit("/", 1)[-1].split(".")[0]
        if self.path.startswith("/feed/"):
            host = f"http://{self.headers['Host']}"
            body, kind = feed(int(name), self.per_feed, host), "application/rss+xml"
        else:
            index, number = (int(part) for part in name.split("-"))
            body = self.pages[(index * self.per_feed + number) % len(self.pages)]
            kind = "text/html; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256


def serve(port_queue: multiprocessing.Queue, pages: list[bytes], per_feed: int) -> None:
    Handler.pages, Handler.per_feed = tuple(pages), per_feed
    server = Server(("127.0.0.1", 0), Handler)
    port_queue.put(server.server_address[1])
    server.serve_forever()


def write_config(folder: Path, port: int, feeds: int, workers: int | None) -> Path:
    sources = "".join(f"  - {{name: feed{i}, type: feed, url: 'http://127.0.0.1:{port}/feed/"
                      f"{i}.rss', full_text: auto}}\n" for i in range(feeds))
    path = folder / f"workers-{workers or 'default'}.yaml"
    path.write_text(
        "newsletter: {title: Bench, from: bench@example.com}\n"
        "http: {concurrency: 16, per_host: 16, allow_hosts: ['127.0.0.1']}\n"
        + (f"collect: {{workers: {workers}}}\n" if workers else "")
        + f"state: {{path: {path.stem}.sqlite}}\nsources:\n{sources}", encoding="utf-8")
    return path


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float
    stories: int


def run_collect(config: Path) -> Run:
    """`digest collect --json` on a fresh state, start to exit: wall time and the CPU time of
    the command and of the worker processes it waited for."""
    config.with_suffix(".sqlite").unlink(missing_ok=True)
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "digest", "--config", str(config), "collect", "--json"],
            stdout=subprocess.PIPE, stderr=errors, cwd=config.parent)
        assert process.stdout is not None
        out = process.stdout.read()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) or not out:
            errors.seek(0)
            raise SystemExit(f"digest collect failed: {errors.read().decode()[-2000:]}")
    data = json.loads(out)
    failed = sum(s.get("pages_failed", 0) for s in data["sources"])
    if failed:
        raise SystemExit(f"{failed} pages failed: {json.dumps(data['sources'])[:2000]}")
    return Run(wall, usage.ru_utime + usage.ru_stime, data["stories"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("eval_dir", nargs="?", type=Path, default=None)
    parser.add_argument("--feeds", type=int, default=3)
    parser.add_argument("--pages", type=int, default=40, help="linked pages a feed")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    folder = (args.eval_dir or default_folder()) / "articles" / "html"
    pages = [gzip.decompress(p.read_bytes()) for p in sorted(folder.glob("*.html.gz"))]
    if not pages:
        print(f"no pages in {folder}; pass EVAL_DIR or set DIGEST_EVAL_DIR", file=sys.stderr)
        return 2
    compile_package()
    ports: multiprocessing.Queue = multiprocessing.Queue()
    server = multiprocessing.Process(target=serve, args=(ports, pages, args.pages), daemon=True)
    server.start()
    port = ports.get(timeout=30)
    load = os.getloadavg()[0]
    try:
        with tempfile.TemporaryDirectory() as scratch:
            configs = {"one process": write_config(Path(scratch), port, args.feeds, 1),
                       "default": write_config(Path(scratch), port, args.feeds, None)}
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
    print(f"digest collect, {args.feeds} teaser feeds of {args.pages} linked pages "
          f"({total} pages fetched and extracted), medians of {args.rounds} interleaved runs")
    walls = {}
    for name, made in runs.items():
        wall = statistics.median(r.wall for r in made)
        cpu = statistics.median(r.cpu for r in made)
        walls[name] = wall
        print(f"  {name:12} wall {wall:6.2f} s  CPU {cpu:6.2f} s  {total / wall:6.1f} pages/s  "
              f"{cpu / wall:4.2f} cores  ({made[0].stories} stories; walls "
              f"{', '.join(f'{r.wall:.2f}' for r in made)})")
    ratio = walls["one process"] / walls["default"]
    print(f"  default against one process: {ratio:.2f}x the throughput on {os.cpu_count()} "
          f"cores  {'ok' if ratio >= 1.7 else 'MISSED'} (>= 1.7x)")
    print(f"load average (1 minute): {load:.2f} before, {os.getloadavg()[0]:.2f} after")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
