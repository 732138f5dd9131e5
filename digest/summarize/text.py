"""Small text helpers shared by the lead and quote finders: words, sentences, likeness."""

from __future__ import annotations

import re
from collections.abc import Iterable

WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
# A sentence ends in . ! ? … or :, possibly followed by closing quotes or brackets.
TERMINAL = re.compile(r"""[.!?…:]["”’'»)\]]*\s*$""")
UPPER = "".join(chr(c) for c in range(0x41, 0x250) if chr(c).isupper())
DOT = "\u2024"  # stands in for an abbreviation's period, so "Mr. Trump" is not two sentences


def wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Short words whose period does not end a sentence (single letters never do: "U.S.").
ABBREVIATIONS = wordset(
    """Mr Mrs Ms Dr Jr Sr St Sen Rep Gov Gen Lt Col Cmdr Capt Adm Sgt Maj Prof Rev Hon Inc Co
    Corp Ltd No Nos Fig Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Ave Blvd Mt Ft vs etc
    approx Calif Fla Ill Mass Mich Minn Wash Ariz Colo Conn Okla Tenn Wis Pres"""
)
# A sentence break: . ! ? … (then closing marks) and space before a capital or an opening mark.
SENTENCE_BREAK = re.compile(rf"[.!?…][\"”’')\]]*\s+(?=[\"“‘'(]?[{UPPER}0-9]|$)")
NORMALIZE_DROP = re.compile(r"[^\w\s]|_")


def clean(text: str) -> str:
    """Collapse runs of white space into single spaces."""
    return " ".join(text.split())


def words(text: str) -> list[str]:
    """The words of `text`; contractions and hyphenated words count as one."""
    return WORD.findall(text)


def word_count(text: str) -> int:
    return len(WORD.findall(text))


def ends_sentence(text: str) -> bool:
    """True when `text` ends like a sentence (terminal mark, maybe inside quotes)."""
    return TERMINAL.search(text) is not None


def shadow(text: str) -> str:
    """`text` with abbreviation periods replaced by DOT, offsets unchanged."""
    at = text.find(".")
    if at < 0:
        return text
    chars: list[str] | None = None
    while at >= 0:
        start = at
        while start and text[start - 1].isalpha() and at - start < 7:
            start -= 1
        word = text[start:at]
        isolated = not start or not text[start - 1].isalnum()
        ellipsis = text[at + 1 : at + 2] == "."
        if word and isolated and not ellipsis and (len(word) == 1 or word in ABBREVIATIONS):
            chars = chars or list(text)
            chars[at] = DOT
        at = text.find(".", at + 1)
    return "".join(chars) if chars else text


def restore(text: str) -> str:
    """`text` with its abbreviation periods back."""
    return text.replace(DOT, ".")


def sentences(text: str) -> list[str]:
    """Split prose into sentences, keeping abbreviations ("Mr.", "U.S.", "Jan.") whole."""
    masked = shadow(text)
    parts: list[str] = []
    start = 0
    for match in SENTENCE_BREAK.finditer(masked):
        parts.append(text[start : match.end()].strip())
        start = match.end()
    if text[start:].strip():
        parts.append(text[start:].strip())
    return parts


def spoken_words(text: str) -> int:
    """Words as a reader counts them: "U.S.-backed" and "don't" are one word each."""
    return len(NORMALIZE_DROP.sub("", text).split())


def normalized(text: str) -> str:
    """Lower-case letters, digits and single spaces: the form texts are compared in."""
    text = text.lower().replace("’", "").replace("'", "")
    return " ".join(NORMALIZE_DROP.sub(" ", text).split())


def similar(a: str, b: str, threshold: float = 0.8) -> bool:
    """True when one text is (nearly) the other: same words, or one contains the other."""
    na, nb = normalized(a), normalized(b)
    if not na or not nb:
        return False
    if na == nb or (len(na) > 20 and len(nb) > 20 and (na in nb or nb in na)):
        return True
    sa, sb = set(na.split()), set(nb.split())
    return len(sa & sb) / max(len(sa), len(sb)) >= threshold


def word_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """A regex matching any of `words` as a whole word, built as a trie to scan fast."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return re.compile(rf"\b{trie_pattern(trie)}\b")


def trie_pattern(node: dict[str, dict]) -> str:
    branches = [re.escape(char) + trie_pattern(child) for char, child in sorted(node.items())
                if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if "" in node else body
