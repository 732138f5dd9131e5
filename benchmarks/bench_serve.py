"""`digest serve`: RFC 8058 one-click unsubscribes per second on one core, and latency.

Starts `digest serve` as a real process pinned to one CPU core, then POSTs
`List-Unsubscribe=One-Click` to the signed links of N distinct readers (each one a new row
in the suppression list, committed) from client threads pinned to the other core, over
keep-alive connections. Prints the rate, p50 and p99 latency, and checks that every reader
ended up suppressed. Target: >= 500 one-click POSTs/s on one core.

    python benchmarks/bench_serve.py [--requests 5000] [--clients 8]
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from digest.config import load_settings
from digest.delivery.unsubscribe import Purpose, make_token
from digest.store import Store

ROOT = Path(__file__).resolve().parent.parent
SECRET = "bench-secret-0123456789abcdef"
BODY = b"List-Unsubscribe=One-Click"


def project(folder: Path) -> Path:
    shutil.copy(ROOT / "config.yaml", folder / "config.yaml")
    shutil.copytree(ROOT / "samples", folder / "samples")
    config = folder / "config.yaml"
    config.write_text(config.read_text().replace(
        "  postal_address:", "  base_url: https://news.example.com\n"
        "  unsubscribe_secret: ${DIGEST_UNSUBSCRIBE_SECRET}\n  postal_address:"))
    return config


def pinned(cpu: int) -> None:
    if hasattr(os, "sched_setaffinity") and cpu < (os.cpu_count() or 1):
        os.sched_setaffinity(0, {cpu})


def client(host: str, port: int, paths: list[str], latencies: list[float]) -> None:
    connection = http.client.HTTPConnection(host, port, timeout=30)
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    for path in paths:
        started = time.perf_counter()
        connection.request("POST", path, BODY, headers)
        answer = connection.getresponse()
        answer.read()
        latencies.append(time.perf_counter() - started)
        if answer.status != 200:
            raise SystemExit(f"{path}: HTTP {answer.status}")
    connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    env = {**os.environ, "DIGEST_UNSUBSCRIBE_SECRET": SECRET}
    with tempfile.TemporaryDirectory() as folder:
        config = project(Path(folder))
        server = subprocess.Popen(
            [sys.executable, "-m", "digest", "--config", str(config), "serve", "--port", "0"],
            stderr=subprocess.PIPE, text=True, env=env, preexec_fn=lambda: pinned(0))
        try:
            assert server.stderr is not None
            line = server.stderr.readline()
            found = re.search(r"listening on (http://\S+)", line)
            if not found:
                raise SystemExit(line + server.stderr.read())
            where = urlsplit(found[1])
            paths = [f"/unsubscribe/{make_token(SECRET, Purpose.UNSUBSCRIBE, f'r{n}@example.com')}"
                     for n in range(args.requests)]
            pinned(1)
            # a warm-up request, so the first one's imports do not count
            client(where.hostname or "", where.port or 0, [paths.pop()], [])
            latencies: list[float] = []
            threads = [threading.Thread(target=client, args=(
                where.hostname, where.port, paths[n :: args.clients], latencies))
                for n in range(args.clients)]
            started = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - started
        finally:
            server.terminate()
            server.wait(timeout=30)
        os.environ["DIGEST_UNSUBSCRIBE_SECRET"] = SECRET
        settings = load_settings(config, delivering=False)
        with Store.peek(settings.path(settings.state.path)) as state:
            suppressed = len(state.suppressions.all())
    latencies.sort()
    print(f"one-click POSTs: {len(latencies)} in {elapsed:.2f} s = "
          f"{len(latencies) / elapsed:.0f}/s on one core ({args.clients} clients)")
    print(f"latency: p50 {statistics.median(latencies) * 1000:.1f} ms, "
          f"p99 {latencies[int(len(latencies) * 0.99)] * 1000:.1f} ms")
    print(f"suppressed: {suppressed} of {args.requests} readers")


if __name__ == "__main__":
    main()
