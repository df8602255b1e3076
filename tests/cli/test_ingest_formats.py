"""``wirecoder ingest`` on each input format: what ends up in the store, and under which source."""

from __future__ import annotations

import io
import json

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def test_ingest_text_page_from_stdin_is_stored_with_source_stdin(cli, samples, store):
    result = cli("ingest", "-", input=samples.article_text(1))
    assert result.exit_code == 0
    assert store.query("SELECT source, title, body[1] FROM articles") == [
        ("<stdin>", "Officials review the harbour plan number 1", samples.first_paragraph(1)),
    ]


def test_ingest_json_lines_from_stdin_store_one_article_per_line(cli, samples, store):
    lines = "".join(json.dumps({"title": f"Story {n}", "text": samples.first_paragraph(n)}) + "\n" for n in (1, 2))
    result = cli("ingest", "-", input=lines)
    assert result.exit_code == 0
    assert store.query("SELECT source, title, body FROM articles ORDER BY source") == [
        ("<stdin>:1", "Story 1", [samples.first_paragraph(1)]),
        ("<stdin>:2", "Story 2", [samples.first_paragraph(2)]),
    ]


def test_ingest_warc_response_record_is_stored_with_the_record_url_as_source(cli, tmp_path, samples, store):
    url = "https://news.example.org/2021/06/plan-review"
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(
        url, "response", payload=io.BytesIO(samples.article_html(4).encode()), http_headers=headers,
    ))
    path = tmp_path / "crawl.warc"
    path.write_bytes(buffer.getvalue())
    result = cli("ingest", path)
    assert result.exit_code == 0
    assert store.query("SELECT source, title FROM articles") == [(url, "Plan review 4")]
    assert store.query("SELECT url, kind, status FROM raw_inputs") == [(url, "html", "ingested")]


def test_ingest_gzipped_text_html_and_json_lines_store_one_article_each(cli, tmp_path, samples, store):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt.gz").write_bytes(samples.gzip_bytes(samples.article_text(1).encode()))
    (folder / "b.html.gz").write_bytes(samples.gzip_bytes(samples.article_html(2).encode()))
    record = json.dumps({"title": "Feed story", "text": samples.first_paragraph(3)}) + "\n"
    (folder / "c.jsonl.gz").write_bytes(samples.gzip_bytes(record.encode()))
    result = cli("ingest", folder)
    assert result.exit_code == 0
    assert store.query("SELECT source, title FROM articles ORDER BY source") == [
        (str(folder / "a.txt.gz"), "Officials review the harbour plan number 1"),
        (str(folder / "b.html.gz"), "Plan review 2"),
        (f"{folder / 'c.jsonl.gz'}:1", "Feed story"),
    ]


def test_ingest_json_array_file_stores_one_article_per_element(cli, tmp_path, samples, store):
    path = tmp_path / "export.json"
    path.write_text(json.dumps([{"title": f"Story {n}", "text": samples.first_paragraph(n)} for n in (1, 2)]),
                    encoding="utf-8")
    result = cli("ingest", path)
    assert result.exit_code == 0
    assert store.query("SELECT source, title FROM articles ORDER BY source") == [
        (f"{path}[0]", "Story 1"), (f"{path}[1]", "Story 2"),
    ]


def test_ingest_directory_skips_hidden_files(cli, tmp_path, samples, store):
    folder = tmp_path / "in"
    (folder / ".cache").mkdir(parents=True)
    (folder / ".cache" / "old.txt").write_text(samples.article_text(1), encoding="utf-8")
    (folder / ".draft.txt").write_text(samples.article_text(2), encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / "story.txt").write_text(samples.article_text(3), encoding="utf-8")
    result = cli("ingest", folder)
    assert result.exit_code == 0
    assert store.article_sources() == [str(folder / "sub" / "story.txt")]
    assert store.counts()["raw_inputs"] == 1
