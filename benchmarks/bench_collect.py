"""Collection speed: 200 feeds served on 127.0.0.1, each answering after 100 ms.

Prints the wall time of a first collection (every feed parsed), of a second one (every feed
answers 304 Not Modified), and of the same first collection fetched one feed at a time.
Targets on a 2-core machine: first <= 2 s, second <= 1 s. All feeds share one host here,
so the per-host limit is raised to the concurrency, as if each feed had a host of its own.

    python benchmarks/bench_collect.py [--feeds 200] [--delay 0.1] [--runs 3]
"""

from __future__ import annotations

import argparse
import multiprocessing
import re
import statistics
import tempfile
import time
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from digest.app import pipeline
from digest.config import load_settings
from digest.store import Store

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "feeds"
TEMPLATES = ["bbc-world.rss", "npr-world.rss", "mercopress.rss", "dw.rdf"]
ITEM = re.compile(rb"<item\b.*?</item>", re.S)


def make_feeds(count: int) -> list[bytes]:
    """`count` distinct feeds of 10 real items each (links and GUIDs made unique per feed)."""
    feeds = []
    for index in range(count):
        body = (FIXTURES / TEMPLATES[index % len(TEMPLATES)]).read_bytes()
        items = ITEM.findall(body)
        head, tail = body[: body.find(items[0])], body[body.rfind(items[-1]) + len(items[-1]):]
        unique = [re.sub(rb"(https?://[^<\"\s]+)", rb"\1?feed=" + str(index).encode(), item)
                  for item in items[:10]]
        feeds.append(head + b"".join(unique) + tail)
    return feeds


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in separate writes
    feeds: tuple[bytes, ...] = ()
    delay = 0.1

    def do_GET(self) -> None:
        time.sleep(self.delay)
        index = int(self.path.strip("/").split(".")[0])
        etag = f'"{index}"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = self.feeds[index]
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


class FeedServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 512  # the listen backlog: with the default 5, bursts of connections
    # are dropped and retried a second later, which measures the kernel, not the client


def serve(port_queue: multiprocessing.Queue, count: int, delay: float) -> None:
    Handler.feeds = tuple(make_feeds(count))
    Handler.delay = delay
    server = FeedServer(("127.0.0.1", 0), Handler)
    port_queue.put(server.server_address[1])
    server.serve_forever()


def write_config(folder: Path, port: int, count: int, concurrency: int) -> Path:
    sources = "".join(
        f"  - name: feed{i}\n    type: feed\n    url: http://127.0.0.1:{port}/{i}.rss\n"
        "    full_text: never\n"
        for i in range(count)
    )
    path = folder / f"config-{concurrency}.yaml"
    path.write_text(
        "newsletter:\n  title: Bench\n  from: bench@example.com\n"
        f"http:\n  concurrency: {concurrency}\n  per_host: {concurrency}\n"
        f"state:\n  path: state-{concurrency}-{time.monotonic_ns()}.sqlite\n"
        f"sources:\n{sources}",
        encoding="utf-8",
    )
    return path


def timed_collect(config: Path) -> tuple[float, int, set[str]]:
    settings = load_settings(config)
    now = datetime.now(UTC)
    with Store.open(settings.path(settings.state.path)) as state:
        started = time.perf_counter()
        collection = pipeline.collect(settings, state, now, store=True)
        seconds = time.perf_counter() - started
    return seconds, len(collection.stories), {r.status for r in collection.reports}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--delay", type=float, default=0.1)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=64)
    args = parser.parse_args()

    ports: multiprocessing.Queue = multiprocessing.Queue()
    server = multiprocessing.Process(target=serve, args=(ports, args.feeds, args.delay),
                                     daemon=True)
    server.start()
    port = ports.get(timeout=30)
    firsts, seconds = [], []
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(args.runs):
            config = write_config(Path(folder), port, args.feeds, args.concurrency)
            first, stories, statuses = timed_collect(config)
            second, _, second_statuses = timed_collect(config)
            assert statuses == {"ok"} and second_statuses == {"not_modified"}, (
                statuses, second_statuses)
            firsts.append(first)
            seconds.append(second)
        serial, _, _ = timed_collect(write_config(Path(folder), port, args.feeds, 1))
    server.terminate()

    first_median = statistics.median(firsts)
    print(f"{args.feeds} feeds, {args.delay * 1000:.0f} ms latency each, {stories} stories, "
          f"concurrency {args.concurrency}, {args.runs} runs")
    print(f"first collection (all parsed):   median {first_median:.2f} s  "
          f"(runs: {', '.join(f'{s:.2f}' for s in firsts)})  target <= 2 s")
    print(f"second collection (all 304):     median {statistics.median(seconds):.2f} s  "
          f"(runs: {', '.join(f'{s:.2f}' for s in seconds)})  target <= 1 s")
    print(f"one feed at a time (first):      {serial:.2f} s  "
          f"-> concurrent is {serial / first_median:.1f}x faster")


if __name__ == "__main__":
    main()
