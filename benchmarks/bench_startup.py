"""Start-up: `digest --help` and `digest status` from start to exit, as cron runs them, against
`python -c pass` in the same interleaved rounds. Target: each <= 0.3 s.

`status` reads a project whose state holds one edition sent to 100 recipients through the
file backend (made first, not timed). CPU time is the fair figure on a shared machine: wall
time counts the waits for a core. `--against` runs another checkout of digest (its root
folder, on PYTHONPATH) in the same rounds, to compare two versions.

    python benchmarks/bench_startup.py [--rounds 15] [--against ../other-checkout]
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
from pathlib import Path

from installed import compile_package

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--against", type=Path,
                        help="the root folder of another checkout of digest, timed alongside")
    args = parser.parse_args()
    compile_package()
    versions = {"": dict(os.environ)}
    if args.against is not None:
        other = args.against.resolve()
        compile_package(other / "digest")
        versions[f" ({other.name})"] = {**os.environ, "PYTHONPATH": str(other)}
    load = os.getloadavg()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        config = project(folder)
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "digest --help": [sys.executable, "-m", "digest", "--help"],
            "digest status": [sys.executable, "-m", "digest", "--config", str(config),
                              "status"],
        }
        runs: dict[str, list[tuple[float, float]]] = {}
        for round_ in range(args.rounds):
            order = [(name + label, argv, env) for name, argv in commands.items()
                     for label, env in versions.items()
                     if label == "" or name != "python -c pass"]
            for name, argv, env in order[:: 1 if round_ % 2 == 0 else -1]:
                runs.setdefault(name, []).append(timed(argv, folder, env))
    reference = statistics.median(wall for wall, _ in runs["python -c pass"])
    print(f"medians of {args.rounds} interleaved runs, start to exit")
    for name, times in runs.items():
        wall = statistics.median(w for w, _ in times)
        cpu = statistics.median(c for _, c in times)
        verdict = "" if name.startswith("python") else (
            f"  {'ok' if wall <= 0.3 else 'MISSED'} (<= 0.3 s)")
        print(f"{name:30} {wall:6.3f} s wall, {cpu:6.3f} s CPU, {wall / reference:5.1f}x "
              f"python -c pass{verdict}")
    print(f"load average over 1, 5, 15 minutes: {load} before, {os.getloadavg()} after, "
          f"on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
