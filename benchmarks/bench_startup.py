"""Start-up: `digest --help`, `digest status` and an all-304 `digest collect` of 200 feeds,
from start to exit as cron runs them, against `python -c pass` in the same interleaved rounds.
Targets: `--help` and `status` <= 0.3 s each, the all-304 `collect` <= 0.5 s, each judged
on the command's CPU time.

`status` reads a project whose state holds one edition sent to 100 recipients through the
file backend (made first, not timed). `collect` fetches 200 feeds built from the real ones
(bench_collect.py's) from a local server that answers 304 Not Modified to each, its state
made by a first run (not timed): what is left is starting the command, loading the config,
200 conditional GETs and choosing nothing, then printing the table of sources (or, with
`--json`, the outcome as bench_collect.py reads it). CPU time is the fair figure on a
shared machine: wall time counts the waits for a core. `--against` runs another checkout of
digest (its root folder, on PYTHONPATH) in the same rounds, to compare two versions.

    python benchmarks/bench_startup.py [--rounds 15] [--feeds 200] [--against ../other-checkout]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import local_http
from bench_collect import SHARED, Handler, make_feeds, write_config
from installed import compile_package

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
# The CPU seconds each command may take (the collect target: with and without --json).
TARGETS = {"digest --help": 0.3, "digest status": 0.3, "digest collect": 0.5}


def project(folder: Path) -> Path:
    shutil.copytree(SAMPLES, folder / "samples")
    (folder / "people.csv").write_text(
        "email\n" + "".join(f"reader{i}@example.org\n" for i in range(100)))
    config = folder / "config.yaml"
    config.write_text(
        "newsletter: {title: Startup Daily, from: news@example.com}\n"
        "sources:\n  - {name: Samples, type: files, path: samples, ignore_age: true}\n"
        "recipients_file: people.csv\ndelivery: {backend: file}\n")
    subprocess.run([sys.executable, "-m", "digest", "--config", str(config), "send"],
                   cwd=folder, check=True, capture_output=True)
    return config


def cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(argv: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of a command, start to exit (its CPU time to the microsecond, as
    the kernel counts it for the waited-for child)."""
    cpu = cpu_of_children()
    start = time.perf_counter()
    subprocess.run(argv, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start, cpu_of_children() - cpu


def digest(config: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "digest", "--config", str(config), *args]


def collect_states(folder: Path, port: int, feeds: int,
                   versions: dict[str, dict[str, str]]) -> dict[str, Path]:
    """For each version, a config of `feeds` feeds and a state a first `collect` has filled:
    each later run of it gets 304 for every feed."""
    configs = {}
    for index, (label, env) in enumerate(versions.items()):
        config = write_config(folder, f"feeds{index}", port, feeds, None)
        subprocess.run(digest(config, "collect"), cwd=folder, env=env, check=True,
                       capture_output=True)
        configs[label] = config
    return configs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--against", type=Path,
                        help="the root folder of another checkout of digest, timed alongside")
    args = parser.parse_args()
    compile_package()
    versions = {"": dict(os.environ)}
    if args.against is not None:
        other = args.against.resolve()
        compile_package(other / "digest")
        versions[f" ({other.name})"] = {**os.environ, "PYTHONPATH": str(other)}
    server, port = local_http.start(
        Handler, feeds=tuple(make_feeds(SHARED, args.feeds, datetime.now(UTC))))
    load = os.getloadavg()
    try:
        with tempfile.TemporaryDirectory() as scratch:
            folder = Path(scratch)
            config = project(folder)
            feeds = collect_states(folder, port, args.feeds, versions)
            commands = {"python -c pass": {"": [sys.executable, "-c", "pass"]}}
            commands["digest --help"] = {label: [sys.executable, "-m", "digest", "--help"]
                                         for label in versions}
            commands["digest status"] = {label: digest(config, "status") for label in versions}
            for words in (["collect"], ["collect", "--json"]):
                commands["digest " + " ".join(words)] = {
                    label: digest(feeds[label], *words) for label in versions}
            runs: dict[str, list[tuple[float, float]]] = {}
            for round_ in range(args.rounds):
                order = [(name + label, argv, versions[label])
                         for name, argvs in commands.items() for label, argv in argvs.items()]
                for name, argv, env in order[:: 1 if round_ % 2 == 0 else -1]:
                    runs.setdefault(name, []).append(timed(argv, folder, env))
    finally:
        server.terminate()
    reference = statistics.median(wall for wall, _ in runs["python -c pass"])
    print(f"medians of {args.rounds} interleaved runs, start to exit; collect: {args.feeds} "
          "feeds, all 304")
    for name, times in runs.items():
        wall = statistics.median(w for w, _ in times)
        cpu = statistics.median(c for _, c in times)
        command = next((c for c in TARGETS if name.startswith(c)), None)
        verdict = ""
        if command is not None:
            limit = TARGETS[command]
            verdict = f"  {'ok' if cpu <= limit else 'MISSED'} (CPU <= {limit} s)"
        print(f"{name:38} {wall:6.3f} s wall, {cpu:6.3f} s CPU, {wall / reference:5.1f}x "
              f"python -c pass{verdict}")
    print(f"load average over 1, 5, 15 minutes: {load} before, {os.getloadavg()} after, "
          f"on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
