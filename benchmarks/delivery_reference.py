"""The reference clients bench_delivery.py times against `digest send`: the least a program
can do to hand the same bytes to the same local server or folder, started as a command.

    python delivery_reference.py post URL BODIES_DIR     the captured API requests, as sent
    python delivery_reference.py smtp PORT MESSAGE CSV   one message to every address of CSV,
                                                         bare smtplib on one connection
    python delivery_reference.py files MESSAGE CSV OUTBOX  the message and its HTML part
                                                         written to two files per address
"""

from __future__ import annotations

import csv
import json
import os
import sys
from pathlib import Path


def addresses(path: str) -> list[str]:
    with open(path, newline="", encoding="utf-8") as handle:
        return [row["email"] for row in csv.DictReader(handle)]


def post(url: str, folder: str) -> None:
    """POST each captured request (N.json: its path and headers; N.body: its bytes)."""
    import requests

    with requests.Session() as session:
        for index in range(len(list(Path(folder).glob("*.body")))):
            request = json.loads((Path(folder) / f"{index}.json").read_text())
            body = (Path(folder) / f"{index}.body").read_bytes()
            response = session.post(url + request["path"], data=body, headers=request["headers"])
            response.raise_for_status()


def smtp(port: str, message: str, recipients: str) -> None:
    import smtplib

    data = Path(message).read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    with smtplib.SMTP("127.0.0.1", int(port), local_hostname="reference") as client:
        for address in addresses(recipients):
            client.sendmail("digest@example.com", [address], data)


def files(message: str, recipients: str, outbox: str) -> None:
    data = Path(message).read_bytes()
    html = data[data.rfind(b"<!doctype"):] if b"<!doctype" in data else data
    folder = Path(outbox)
    folder.mkdir(parents=True, exist_ok=True)
    for address in addresses(recipients):
        for suffix, content in ((".eml", data), (".html", html)):
            target = folder / f"{address}{suffix}"
            temporary = target.with_name(f".{target.name}.tmp")
            temporary.write_bytes(content)
            os.replace(temporary, target)


if __name__ == "__main__":
    command, *arguments = sys.argv[1:]
    {"post": post, "smtp": smtp, "files": files}[command](*arguments)
