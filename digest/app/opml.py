"""OPML feed lists (as feed readers export them) -> `sources:` entries for config.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lxml import etree

from ..core.errors import UsageError


def read_opml(path: Path) -> list[dict[str, Any]]:
    """One `type: feed` source per outline with an xmlUrl; a parent outline becomes `section`."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=False)
    try:
        root = etree.parse(str(path), parser).getroot()
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc}") from None
    except etree.XMLSyntaxError as exc:
        raise UsageError(f"{path}: not valid OPML: {exc}") from None
    sources: list[dict[str, Any]] = []
    names: set[str] = set()
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or "").strip()
        if not url:
            continue
        name = (outline.get("title") or outline.get("text") or url).strip()
        unique, counter = name, 2
        while unique in names:
            unique, counter = f"{name} ({counter})", counter + 1
        names.add(unique)
        source: dict[str, Any] = {"name": unique, "type": "feed", "url": url}
        parent = outline.getparent()
        section = parent.get("title") or parent.get("text") if parent.tag == "outline" else None
        if section:
            source["section"] = section.strip()
        sources.append(source)
    return sources
