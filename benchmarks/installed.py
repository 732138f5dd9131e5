"""Run digest as it runs once installed: with its bytecode compiled.

Installing a wheel compiles every module to `__pycache__`; this checkout, run in an
environment that sets PYTHONDONTWRITEBYTECODE, would instead compile digest's modules from
source at every start (about 50 ms here), which no user waits for. The benchmarks that time
whole commands compile the package once first.
"""

from __future__ import annotations

import compileall
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "digest"


def compile_package(package: Path = PACKAGE) -> None:
    """Write the bytecode of every module of digest (or of another checkout's), as
    installing it does."""
    if not compileall.compile_dir(package, quiet=1):
        raise RuntimeError(f"{package}: a module does not compile")
