"""Text pages in legacy encodings are decoded, not rejected: the stored body has the right characters."""

from __future__ import annotations

import codecs

FRENCH = (
    "Le président a annoncé mercredi une réforme des retraites à Paris. Les syndicats ont réagi avec colère "
    "à cette décision prise sans concertation préalable, et une grève est prévue la semaine prochaine."
)
QUOTES = (
    "The minister said \u201cwe will not back down\u201d after the vote \u2014 and the crowd cheered loudly. "
    "Caf\u00e9 owners in Z\u00fcrich said it wasn\u2019t enough to save their businesses this winter."
)


def _page(title: str, paragraph: str) -> str:
    return f"{title}\n\n{paragraph}\n"


def _ingest_one(cli, tmp_path, name: str, data: bytes):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / name).write_bytes(data)
    result = cli("ingest", folder)
    return result, str(folder / name)


def test_ingest_latin1_text_page_is_decoded_with_its_accents(cli, tmp_path, store):
    result, source = _ingest_one(cli, tmp_path, "fr.txt", _page("Réforme des retraites", FRENCH).encode("latin-1"))
    assert result.exit_code == 0
    assert store.query("SELECT source, title, body FROM articles") == [(source, "Réforme des retraites", [FRENCH])]


def test_ingest_cp1252_text_page_is_decoded_with_its_smart_quotes(cli, tmp_path, store):
    data = _page("Minister stands firm", QUOTES).encode("cp1252")
    assert b"\x93we will not back down\x94" in data
    result, source = _ingest_one(cli, tmp_path, "quotes.txt", data)
    assert result.exit_code == 0
    assert store.bodies() == {source: [QUOTES]}


def test_ingest_utf16_text_page_with_bom_is_decoded(cli, tmp_path, store):
    data = _page("Minister stands firm", QUOTES).encode("utf-16")
    assert data.startswith(codecs.BOM_UTF16_LE)
    result, source = _ingest_one(cli, tmp_path, "wide.txt", data)
    assert result.exit_code == 0
    assert store.bodies() == {source: [QUOTES]}


def test_ingest_latin1_html_page_declaring_its_charset_is_decoded(cli, tmp_path, store):
    html = (
        '<!DOCTYPE html><html><head><meta charset="iso-8859-1"><title>Réforme</title></head><body><article>'
        f"<h1>Réforme</h1><p>{FRENCH}</p><p>{FRENCH.replace('mercredi', 'jeudi')}</p></article></body></html>"
    )
    result, source = _ingest_one(cli, tmp_path, "fr.html", html.encode("latin-1"))
    assert result.exit_code == 0
    assert FRENCH in store.bodies()[source]


def test_ingest_latin1_english_page_with_a_few_accented_names_is_decoded(cli, tmp_path, store):
    paragraph = ("The café owner in Zürich said on Tuesday that the storm had damaged the roof of his building "
                 "and that repairs would take weeks, according to José Müller.")
    result, source = _ingest_one(cli, tmp_path, "en.txt", _page("Storm in Zürich", paragraph).encode("latin-1"))
    assert result.exit_code == 0
    assert store.bodies() == {source: [paragraph]}
