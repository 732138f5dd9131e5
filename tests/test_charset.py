"""Bodies are decoded by what they are: a declared charset that is wrong, missing or not a
charset at all gives way to what the bytes show (invented sentences, encoded by hand)."""

from __future__ import annotations

import codecs

import pytest

from digest.fetch.charset import decode, meta_charset
from digest.fetch.extract import extract_html
from digest.fetch.http import HttpClient
from digest.sources.files import read_fetched

from .test_collect import collect, config_for
from .webserver import static

FRENCH = "Le cœur du vieux marché rouvre à Noël ; « c’est une fête », dit l’élue Zoë Brûlé."
GERMAN = "Die Bäckerei an der Großen Straße öffnet wieder. „Wir sind froh“, sagte Jürgen Weiß."
RUSSIAN = ("Жители деревни Малиновка собрались у клуба в субботу. Мы ждали этого десять лет, "
           "сказала Анна Петрова, глава сельсовета.")


@pytest.mark.parametrize("text, really, declared", [
    (FRENCH, "utf-8", "ISO-8859-1"),  # a server's default over a UTF-8 page
    (RUSSIAN, "utf-8", "windows-1251"),
    (GERMAN, "cp1252", "utf-8"),  # invalid as UTF-8: what it is instead
    (FRENCH, "cp1252", "utf-8"),
    (RUSSIAN, "koi8-r", "utf-8"),
    (RUSSIAN, "cp1251", "utf-8"),
    (RUSSIAN, "koi8-r", "ISO-8859-1"),  # decodes, as mojibake: "öÉÔÅÌÉ ÄÅÒÅ×ÎÉ"
    (RUSSIAN, "cp1251", "koi8-r"),  # decodes, as mojibake: "цЙФЕМЙ"
    (GERMAN, "cp1252", "windows-1251"),
])
def test_a_wrong_declared_charset_gives_way_to_what_the_bytes_are(text, really, declared):
    decoded = decode(text.encode(really), declared)
    assert decoded.text == text
    assert decoded.note is not None and decoded.note.startswith(f"declared charset {declared}")


@pytest.mark.parametrize("text, charset", [
    (FRENCH, "windows-1252"), (GERMAN, "windows-1252"), (RUSSIAN, "koi8-r"),
    ("Der Preis steigt auf 5 € pro Kilo, sagte Jürgen Weiß am Markt.", "ISO-8859-15"),
    (RUSSIAN, "windows-1251"), (FRENCH, "utf-8"), ("Plain words only.", "us-ascii"),
])
def test_a_right_declared_charset_is_believed(text, charset):
    decoded = decode(text.encode(charset), charset)
    assert (decoded.text, decoded.note) == (text, None)


@pytest.mark.parametrize("text, really", [
    (FRENCH, "cp1252"),  # not cp1250, whose 0xE0 is "ŕ" and 0x9C "ś"
    (GERMAN, "cp1252"),
    (RUSSIAN, "cp1251"),
    (RUSSIAN, "koi8-r"),
    (FRENCH, "utf-8"),
])
def test_no_declared_charset_is_read_by_what_the_bytes_are(text, really):
    assert decode(text.encode(really)).text == text


def test_byte_order_marks_and_wide_charsets():
    assert decode(codecs.BOM_UTF16_LE + FRENCH.encode("utf-16-le"), "iso-8859-1").text == FRENCH
    assert decode(codecs.BOM_UTF8 + GERMAN.encode()).text == GERMAN
    assert decode("Plain words.".encode("utf-16-le"), "utf-16-le").text == "Plain words."
    said_wide = decode(b"Plain words.", "utf-16")
    assert said_wide.text == "Plain words." and "utf-16" in said_wide.note


@pytest.mark.parametrize("name", ["rot13", "punycode", "idna", "undefined", "unicode_escape",
                                  "no-such-codec", "base64"])
def test_names_that_are_not_charsets_are_set_aside(name):
    assert decode(FRENCH.encode(), name).text == FRENCH
    assert decode(GERMAN.encode("cp1252"), name).text == GERMAN


def test_the_first_declared_charset_that_reads_cleanly_wins():
    """A server's UTF-8 over a page whose <meta> says windows-1251, as it is."""
    raw = RUSSIAN.encode("cp1251")
    assert decode(raw, "utf-8", "windows-1251").text == RUSSIAN
    assert meta_charset(b'<html><head><meta charset="windows-1251">') == "windows-1251"
    assert meta_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'
                        ) == "koi8-r"


def page(text: str) -> str:
    return (f"<html><head><title>Market reopens</title></head><body><article><h1>Market "
            f"reopens</h1><p>{text}</p><p>{text}</p></article></body></html>")


def test_pages_and_stories_fetched_with_a_wrong_charset_read_right(web):
    web.routes["/utf8-said-latin"] = static(page(FRENCH).encode(), "text/html; charset=ISO-8859-1")
    web.routes["/koi8-said-utf8"] = static(page(RUSSIAN).encode("koi8-r"),
                                           "text/html; charset=utf-8")
    web.routes["/meta-1251"] = static(
        page(RUSSIAN).replace("<head>", '<head><meta charset="windows-1251">').encode("cp1251"),
        "text/html")
    web.routes["/story.txt"] = static(f"{GERMAN}\n".encode("cp1252"), "text/plain; charset=utf-8")
    client = HttpClient()
    for path, text in (("/utf8-said-latin", FRENCH), ("/koi8-said-utf8", RUSSIAN),
                       ("/meta-1251", RUSSIAN), ("/story.txt", GERMAN)):
        response = client.get(web.url(path))
        article = read_fetched(response.body, response.headers["content-type"], response.url)
        assert text in article.paragraphs, path
    html = web.url("/koi8-said-utf8")
    assert extract_html(client.get(html).body, url=html, charset="utf-8").paragraphs[0] == RUSSIAN


def test_a_page_source_with_a_wrong_charset_is_collected_right(web, write_config):
    web.routes["/page"] = static(page(GERMAN).encode("cp1252"), "text/html; charset=utf-8")
    source = f"  - name: page\n    type: page\n    url: {web.url('/page')}\n"
    _, collection = collect(config_for(write_config, source))
    assert collection.stories[0].paragraphs[0] == GERMAN
