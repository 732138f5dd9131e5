"""A throwaway PostgreSQL cluster for the tests: `initdb` and `pg_ctl` in a temporary folder,
listening on 127.0.0.1 at a free port, run as a user other than root (PostgreSQL refuses
root), stopped at the end. Host connections need the password, so a `${ENV}` password in
`state.url` is really checked."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg

PASSWORD = "s3cret-pw"
USER = "digest"


def bin_dir() -> Path:
    """Where Debian puts the server's programs (the newest version installed), or PATH's."""
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
                      key=lambda p: int(Path(p).parent.parent.name))
    if versions:
        return Path(versions[-1]).parent
    found = shutil.which("pg_ctl")
    if found is None:
        raise RuntimeError("PostgreSQL is not installed: no pg_ctl (.ci/run installs it)")
    return Path(found).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Cluster:
    folder: Path
    port: int
    runas: list[str]

    def url(self, database: str = "postgres", password: str = PASSWORD) -> str:
        return f"postgresql://{USER}:{password}@127.0.0.1:{self.port}/{database}"

    def admin(self) -> psycopg.Connection:
        return psycopg.connect(self.url(), autocommit=True)

    def fresh_database(self, name: str) -> str:
        """An empty database of its own, for one test; its URL."""
        with self.admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def ctl(self, *args: str) -> None:
        subprocess.run([*self.runas, str(bin_dir() / "pg_ctl"), "-D",
                        str(self.folder / "data"), *args],
                       check=True, capture_output=True, timeout=120)


def _run_as() -> tuple[list[str], int | None]:
    """The command prefix that runs the server's programs as a user other than root."""
    if os.geteuid() != 0:
        return [], None
    user = pwd.getpwnam("nobody")
    return ["runuser", "-u", "nobody", "--"], user.pw_uid


@contextmanager
def cluster() -> Iterator[Cluster]:
    runas, uid = _run_as()
    folder = Path(tempfile.mkdtemp(prefix="digest-pg-"))
    try:
        if uid is not None:
            os.chown(folder, uid, -1)
        pwfile = folder / "pw"
        pwfile.write_text(PASSWORD)
        if uid is not None:
            os.chown(pwfile, uid, -1)
        subprocess.run([*runas, str(bin_dir() / "initdb"), "-D", str(folder / "data"),
                        "-U", USER, f"--pwfile={pwfile}", "--auth-local=trust",
                        "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"],
                       check=True, capture_output=True, timeout=120)
        made = Cluster(folder, free_port(), runas)
        options = (f"-c listen_addresses=127.0.0.1 -p {made.port} "
                   f"-c unix_socket_directories={folder} -c fsync=off "
                   "-c full_page_writes=off -c synchronous_commit=off")
        made.ctl("start", "-w", "-l", str(folder / "log"), "-o", options)
        try:
            yield made
        finally:
            made.ctl("stop", "-m", "immediate", "-w")
    except subprocess.CalledProcessError as exc:
        log = folder / "log"
        tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        raise RuntimeError(f"PostgreSQL did not start: {exc.stderr!r} {tail}") from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)
