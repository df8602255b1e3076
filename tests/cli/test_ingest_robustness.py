"""Inputs that once crashed a run or went missing: each now ends as an article or a rejection, and the batch goes on."""

from __future__ import annotations

import io
import json
import os

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

GOOD = "good.txt"


def _record(samples, **extra) -> str:
    return json.dumps({"text": samples.article_text(5), **extra})


def test_ingest_lone_surrogate_in_json_text_is_stored_as_replacement_character(cli, batch_dir, samples, store):
    escaped = json.dumps(samples.article_text(7)).replace("Officials said", "Officials \\ud800 said")
    (batch_dir / "feed.jsonl").write_text('{"text": ' + escaped + "}\n", encoding="utf-8")
    result = cli("ingest", batch_dir)
    assert result.exit_code == 0
    assert any("\ufffd" in p for body in store.bodies().values() for p in body)


def test_ingest_huge_json_number_is_rejected_with_e111(cli, batch_dir, samples, store):
    line = _record(samples)[:-1] + ', "n": ' + "9" * 5000 + "}"
    (batch_dir / "feed.jsonl").write_text(line + "\n", encoding="utf-8")
    result = cli("ingest", batch_dir)
    assert result.exit_code == 1
    [(source, stage, code, message)] = store.rejections()
    assert (source, stage, code) == (f"{batch_dir / 'feed.jsonl'}:1", "parse", "E111")
    assert message.startswith("invalid JSON: ValueError: Exceeds the limit")
    assert str(batch_dir / GOOD) in store.article_sources()


def test_ingest_deeply_nested_json_is_rejected_with_e111(cli, batch_dir, samples, store):
    line = _record(samples)[:-1] + ', "x": ' + "[" * 100_000 + "]" * 100_000 + "}"
    (batch_dir / "feed.jsonl").write_text(line + "\n", encoding="utf-8")
    result = cli("ingest", batch_dir)
    assert result.exit_code == 1
    assert store.rejections()[0][2:] == ("E111", "invalid JSON: RecursionError: maximum recursion depth exceeded "
                                                 "while decoding a JSON array from a unicode string; each line of a "
                                                 "JSON Lines file must be one JSON object")


def test_ingest_html_with_control_character_is_ingested(cli, batch_dir, samples, store):
    (batch_dir / "page.html").write_text(samples.article_html(3).replace("Tuesday", "Tuesday\x0c"), encoding="utf-8")
    result = cli("ingest", batch_dir)
    assert result.exit_code == 0
    assert store.counts()["articles"] == 2


def test_ingest_json_text_with_nul_stores_a_space(cli, batch_dir, samples, store):
    (batch_dir / "feed.jsonl").write_text(_record(samples).replace("Officials said", "Officials\\u0000said") + "\n",
                                          encoding="utf-8")
    cli("ingest", batch_dir)
    body = store.bodies()[f"{batch_dir / 'feed.jsonl'}:1"]
    assert "\x00" not in "".join(body) and "Officials said" in body[0]


def test_ingest_unexpected_failure_becomes_e999_and_batch_goes_on(cli, batch_dir, samples, store, monkeypatch):
    import wirecoder.pipeline as pipeline

    real = pipeline.clean_article

    def flaky(raw, *, settings):
        if raw.source.endswith("bad.txt"):
            raise KeyError("boom")
        return real(raw, settings=settings)

    monkeypatch.setattr(pipeline, "clean_article", flaky)
    (batch_dir / "bad.txt").write_text(samples.article_text(9), encoding="utf-8")
    result = cli("ingest", batch_dir)
    assert result.exit_code == 1
    assert store.rejections() == [(str(batch_dir / "bad.txt"), "clean", "E999",
                                   "internal error in the clean stage (KeyError: 'boom'); the input is kept in "
                                   "raw_inputs, please report it")]
    assert store.article_sources() == [str(batch_dir / GOOD)]
    assert store.query("SELECT count(*) FROM raw_inputs WHERE status = 'pending'") == [(0,)]


def _warc(samples, *, uri: str | None = "https://news.example.org/a") -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    record = writer.create_warc_record(uri or "https://x.example.org/", "response",
                                       payload=io.BytesIO(samples.article_html(2).encode()), http_headers=headers)
    if uri is None:
        record.rec_headers.remove_header("WARC-Target-URI")
    writer.write_record(record)
    return buffer.getvalue()


def test_ingest_warc_record_without_target_uri_does_not_crash(cli, batch_dir, samples, store):
    (batch_dir / "crawl.warc").write_bytes(_warc(samples, uri=None))
    result = cli("ingest", batch_dir)
    assert result.exit_code in (0, 1)
    assert str(batch_dir / GOOD) in store.article_sources()
    assert store.query("SELECT count(*) FROM raw_inputs WHERE status = 'pending'") == [(0,)]


def test_ingest_warc_with_absurd_content_length_is_rejected_with_e108(cli, batch_dir, samples, store):
    data = _warc(samples).replace(b"Content-Length: ", b"Content-Length: 99999999999999999999", 1)
    (batch_dir / "crawl.warc").write_bytes(data)
    result = cli("ingest", batch_dir)
    assert result.exit_code == 1
    assert [r[2] for r in store.rejections()] == ["E108"]


def test_ingest_file_name_that_is_not_utf8_is_stored_with_replacement(cli, batch_dir, samples, store):
    name = os.fsdecode(b"caf\xe9.txt")
    (batch_dir / name).write_text(samples.article_text(4), encoding="utf-8")
    result = cli("ingest", batch_dir)
    assert result.exit_code == 0
    assert str(batch_dir / "caf\ufffd.txt") in store.article_sources()


def test_ingest_max_bytes_beyond_range_is_a_usage_error(cli, batch_dir):
    result = cli("ingest", batch_dir, "--max-bytes", "99999999999999999999")
    assert result.exit_code == 2


def test_ingest_follows_linked_folder_once(cli, tmp_path, samples, store):
    real = tmp_path / "real"
    real.mkdir()
    (real / "a.txt").write_text(samples.article_text(1), encoding="utf-8")
    top = tmp_path / "top"
    top.mkdir()
    os.symlink(real, top / "linked")
    os.symlink(top, top / "loop")  # a cycle must not make the walk endless
    result = cli("ingest", top)
    assert result.exit_code == 0
    assert store.article_sources() == [str(top / "linked" / "a.txt")]


def test_ingest_unlistable_folder_is_rejected_with_e104(cli, batch_dir, store, monkeypatch):
    import wirecoder.ingest.readers as readers

    real_walk = os.walk

    def walk(top, onerror=None, followlinks=False):
        if onerror is not None:
            onerror(PermissionError(13, "Permission denied", str(batch_dir / "locked")))
        yield from real_walk(top, onerror=onerror, followlinks=followlinks)

    monkeypatch.setattr(readers.os, "walk", walk)
    result = cli("ingest", batch_dir)
    assert result.exit_code == 1
    locked = batch_dir / "locked"
    assert store.rejections() == [(str(locked), "read", "E104", f"cannot read folder {locked}: Permission denied")]


def test_ingest_utf16_json_lines_reads_every_record(cli, tmp_path, samples, store):
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(("\n".join(_record(samples).replace("plan number 5", f"plan number {n}") for n in range(3))
                      + "\n").encode("utf-16"))
    result = cli("ingest", feed)
    assert result.exit_code == 0
    assert store.counts()["articles"] == 3


def test_ingest_json_lines_saved_as_json_reads_every_record(cli, tmp_path, samples, store):
    feed = tmp_path / "feed.json"
    feed.write_text("\n".join(_record(samples).replace("plan number 5", f"plan number {n}") for n in range(3)),
                    encoding="utf-8")
    result = cli("ingest", feed)
    assert result.exit_code == 0
    assert store.counts()["articles"] == 3


@pytest.mark.parametrize("label", ["iso-8859-1", "latin1", "us-ascii"])
def test_ingest_html_declared_latin1_keeps_cp1252_quotes(cli, tmp_path, samples, store, label):
    html = samples.article_html(1).replace('charset="utf-8"', f'charset="{label}"') \
        .replace("Officials said", "Officials \u201cstrongly\u201d said")
    page = tmp_path / "page.html"
    page.write_bytes(html.encode("cp1252"))
    cli("ingest", page)
    assert "\u201cstrongly\u201d" in store.bodies()[str(page)][0]


def test_ingest_json_date_of_year_zero_is_not_read_as_2000(cli, tmp_path, samples, store):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(_record(samples, date="0000-01-01") + "\n", encoding="utf-8")
    cli("ingest", feed)
    assert store.query("SELECT published FROM articles") == [(None,)]


def test_ingest_into_someone_elses_duckdb_file_is_refused(cli, tmp_path, batch_dir):
    import duckdb

    other = tmp_path / "theirs.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE articles (x INTEGER)")
    con.close()
    result = cli("ingest", batch_dir, "--db", other, with_db=False)
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"Error: E702 cannot open the store {other}: not a wirecoder store (it holds "
                                     "tables articles); use another --db")
    con = duckdb.connect(str(other), read_only=True)
    assert [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()] == ["articles"]
    con.close()
