"""``wirecoder ingest`` on bad inputs: each is rejected with its exact code and message, the rest of the
batch is ingested, and the exit status is 1. A clean batch exits 0; a missing path is a usage error (2).

Each test puts one bad input beside ``good.txt`` in ``batch_dir`` and ingests the folder.
"""

from __future__ import annotations

import io
import json
import os
import resource
import zlib

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

GOOD = "good.txt"


def test_ingest_clean_batch_exits_0(cli, batch_dir, samples, store):
    (batch_dir / "second.txt").write_text(samples.article_text(1), encoding="utf-8")
    result = cli("ingest", batch_dir)
    assert result.exit_code == 0
    assert store.rejection_lines(result) == []
    assert store.article_sources() == [str(batch_dir / GOOD), str(batch_dir / "second.txt")]
    assert store.rejections() == []


def test_ingest_missing_path_is_a_usage_error_exit_2(cli, tmp_path, db):
    result = cli("ingest", tmp_path / "no-such-folder")
    assert result.exit_code == 2
    assert f"Error: Invalid value for 'PATHS...': Path '{tmp_path / 'no-such-folder'}' does not exist." \
        in result.stderr
    assert not db.exists()


def test_ingest_empty_file_is_rejected_with_e101(cli, batch_dir, store):
    (batch_dir / "empty.txt").write_bytes(b"")
    result = cli("ingest", batch_dir)
    store.assert_only_rejection(result, source=batch_dir / "empty.txt", stage="decode", code="E101",
                                message="input is empty (0 bytes)", good=[batch_dir / GOOD])


def test_ingest_png_file_is_rejected_with_e102_saying_it_looks_like_a_png_image(cli, batch_dir, store):
    png = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02\x00\x00\x00" + bytes(64)
    (batch_dir / "photo.png").write_bytes(png)
    result = cli("ingest", batch_dir)
    store.assert_only_rejection(
        result, source=batch_dir / "photo.png", stage="decode", code="E102",
        message="input is binary, not text (it looks like a PNG image); pass HTML, text, JSON Lines or WARC",
        good=[batch_dir / GOOD],
    )


def test_ingest_nul_byte_binary_is_rejected_with_e102_saying_it_contains_nul_bytes(cli, batch_dir, store):
    (batch_dir / "blob.txt").write_bytes(bytes(range(256)) * 8)
    result = cli("ingest", batch_dir)
    store.assert_only_rejection(
        result, source=batch_dir / "blob.txt", stage="decode", code="E102",
        message="input is binary, not text (it contains NUL bytes); pass HTML, text, JSON Lines or WARC",
        good=[batch_dir / GOOD],
    )


def test_ingest_whitespace_only_file_is_rejected_with_e109(cli, batch_dir, store):
    (batch_dir / "blank.txt").write_bytes(b"  \n\t\r\n   \n\n")
    result = cli("ingest", batch_dir)
    store.assert_only_rejection(result, source=batch_dir / "blank.txt", stage="decode", code="E109",
                                message="input holds only whitespace", good=[batch_dir / GOOD])


def test_ingest_script_rendered_html_page_is_rejected_with_e201(cli, batch_dir, store):
    (batch_dir / "app.html").write_text(
        '<!DOCTYPE html><html><head><title>Loading</title><script src="/app.js"></script></head>'
        '<body><div id="root"></div><script>window.render(document.getElementById("root"));</script></body></html>',
        encoding="utf-8",
    )
    result = cli("ingest", batch_dir)
    store.assert_only_rejection(
        result, source=batch_dir / "app.html", stage="clean", code="E201",
        message="no article text found in the HTML page (1 line of page text); "
                "it may be an index, a paywall or a script-rendered page",
        good=[batch_dir / GOOD],
    )


def test_ingest_html_page_of_only_nav_links_is_rejected_with_e201(cli, batch_dir, store):
    links = "".join(f'<li><a href="/section/{i}">Section {i}</a></li>' for i in range(8))
    (batch_dir / "index.html").write_text(
        f"<!DOCTYPE html><html><head><title>Home</title></head><body><nav><ul>{links}</ul></nav></body></html>",
        encoding="utf-8",
    )
    result = cli("ingest", batch_dir)
    store.assert_only_rejection(
        result, source=batch_dir / "index.html", stage="clean", code="E201",
        message="no article text found in the HTML page (9 lines of page text, title 'Home'); "
                "it may be an index, a paywall or a script-rendered page",
        good=[batch_dir / GOOD],
    )


def test_ingest_file_over_max_bytes_is_rejected_with_e103(cli, batch_dir, samples, store):
    assert (batch_dir / GOOD).stat().st_size < 1000
    (batch_dir / "long.txt").write_bytes((samples.article_text(1) * 8).encode()[:2000])  # "2.0 KB"
    result = cli("ingest", batch_dir, "--max-bytes", "1000")
    store.assert_only_rejection(
        result, source=batch_dir / "long.txt", stage="read", code="E103",
        message="input is 2.0 KB, larger than the 1.0 KB limit (max_input_bytes); "
                "split it or raise the limit with --max-bytes",
        good=[batch_dir / GOOD],
    )


def test_ingest_100_mb_sparse_file_is_rejected_with_e103_and_the_rest_is_ingested(cli, batch_dir, store, tmp_path):
    with open(batch_dir / "huge.txt", "wb") as handle:
        handle.truncate(100_000_000)  # sparse: takes no disk space, reads as zeros
    # Warm up (imports, language model) on a store of its own, so the peak below is the reading alone.
    warm = tmp_path / "warm"
    warm.mkdir()
    (warm / "w.txt").write_text((batch_dir / GOOD).read_text(encoding="utf-8"), encoding="utf-8")
    assert cli("ingest", warm, "--db", tmp_path / "warm.duckdb", with_db=False).exit_code == 0
    peak_before_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    result = cli("ingest", batch_dir)

    grew_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before_kb) / 1000
    store.assert_only_rejection(
        result, source=batch_dir / "huge.txt", stage="read", code="E103",
        message="input is 100.0 MB, larger than the 20.0 MB limit (max_input_bytes); "
                "split it or raise the limit with --max-bytes",
        good=[batch_dir / GOOD],
    )
    assert store.query("SELECT size, content FROM raw_inputs WHERE source = ?", [str(batch_dir / "huge.txt")]) \
        == [(100_000_000, None)]
    assert grew_mb < 60, f"reading a 100 MB file raised the peak memory by {grew_mb:.0f} MB"


def test_ingest_truncated_text_gzip_is_rejected_with_e105(cli, batch_dir, samples, store):
    data = samples.gzip_bytes(samples.article_text(1).encode() * 40)
    (batch_dir / "story.txt.gz").write_bytes(data[: len(data) // 2])
    result = cli("ingest", batch_dir)
    store.assert_only_rejection(
        result, source=batch_dir / "story.txt.gz", stage="read", code="E105",
        message="gzip data is truncated or corrupt (Compressed file ended before the end-of-stream marker was "
                "reached); re-download or re-compress the file",
        good=[batch_dir / GOOD],
    )


def _feed_lines(samples, count: int) -> bytes:
    return "".join(
        json.dumps({"title": f"Feed story {i}", "text": samples.first_paragraph(i + 1)}) + "\n" for i in range(count)
    ).encode()


def test_ingest_truncated_jsonl_gzip_is_rejected_with_e105_after_ingesting_records_before_the_damage(
    cli, batch_dir, samples, store
):
    data = samples.gzip_bytes(_feed_lines(samples, 200))
    feed = batch_dir / "feed.jsonl.gz"
    feed.write_bytes(data[: len(data) // 2])
    result = cli("ingest", batch_dir)
    message = ("gzip data is truncated or corrupt (Compressed file ended before the end-of-stream marker was "
               "reached); the records before the damage were read; re-download or re-compress the file")
    assert store.rejection_lines(result) == [f"rejected {feed}: E105 {message}"]
    assert result.exit_code == 1
    assert store.rejections() == [(str(feed), "read", "E105", message)]
    sources = store.article_sources()
    assert str(batch_dir / GOOD) in sources
    lines = sorted(int(s.rsplit(":", 1)[1]) for s in sources if s.startswith(f"{feed}:"))
    assert lines, "no record before the damage was ingested"
    assert lines == list(range(1, len(lines) + 1)) and len(lines) < 200


def test_ingest_truncated_jsonl_gzip_ingests_every_complete_record_before_the_damage(cli, batch_dir, samples, store):
    data = samples.gzip_bytes(_feed_lines(samples, 200))
    truncated = data[:-10]  # a download cut off just before the end: only the last bytes are missing
    readable = zlib.decompressobj(wbits=31).decompress(truncated)
    complete = readable.count(b"\n")
    feed = batch_dir / "feed.jsonl.gz"
    feed.write_bytes(truncated)
    cli("ingest", batch_dir)
    ingested = [s for s in store.article_sources() if s.startswith(f"{feed}:")]
    assert len(ingested) == complete


def test_ingest_dangling_symlink_in_directory_is_rejected_with_e104_a_broken_symbolic_link(cli, batch_dir, store):
    link = batch_dir / "gone.txt"
    os.symlink(batch_dir / "deleted-target.txt", link)
    result = cli("ingest", batch_dir)
    store.assert_only_rejection(
        result, source=link, stage="read", code="E104",
        message=f"cannot read file {link}: No such file or directory (a broken symbolic link)",
        good=[batch_dir / GOOD],
    )


def test_ingest_fifo_in_directory_is_rejected_with_e106(cli, batch_dir, store):
    fifo = batch_dir / "pipe.txt"
    os.mkfifo(fifo)
    result = cli("ingest", batch_dir)
    store.assert_only_rejection(
        result, source=fifo, stage="read", code="E106",
        message=f"not a regular file ({fifo} is a FIFO); pass files or directories",
        good=[batch_dir / GOOD],
    )


def _jsonl_with_bad_second_line(batch_dir, samples, bad_line: str):
    path = batch_dir / "feed.jsonl"
    good = json.dumps({"title": "Feed story", "text": samples.first_paragraph(5)})
    path.write_text(f"{good}\n{bad_line}\n", encoding="utf-8")
    return path


def test_ingest_malformed_json_line_is_rejected_with_e111(cli, batch_dir, samples, store):
    feed = _jsonl_with_bad_second_line(batch_dir, samples, '{"text": unquoted words}')
    result = cli("ingest", batch_dir)
    store.assert_only_rejection(
        result, source=f"{feed}:2", stage="parse", code="E111",
        message="invalid JSON: Expecting value at column 10; each line of a JSON Lines file must be one JSON object",
        good=[batch_dir / GOOD, f"{feed}:1"],
    )


def test_ingest_json_record_without_text_or_html_is_rejected_with_e112(cli, batch_dir, samples, store):
    feed = _jsonl_with_bad_second_line(batch_dir, samples, '{"title": "Only a title", "url": "https://example.org/a"}')
    result = cli("ingest", batch_dir)
    store.assert_only_rejection(
        result, source=f"{feed}:2", stage="parse", code="E112",
        message="JSON record has no 'text' or 'html' field (fields: title, url); "
                "add the article text as 'text' or the page as 'html'",
        good=[batch_dir / GOOD, f"{feed}:1"],
    )


def test_ingest_json_field_of_wrong_type_is_rejected_with_e113(cli, batch_dir, samples, store):
    bad = json.dumps({"title": 42, "text": samples.first_paragraph(6)})
    feed = _jsonl_with_bad_second_line(batch_dir, samples, bad)
    result = cli("ingest", batch_dir)
    store.assert_only_rejection(
        result, source=f"{feed}:2", stage="parse", code="E113",
        message="JSON field 'title' must be a string, not int",
        good=[batch_dir / GOOD, f"{feed}:1"],
    )


def test_ingest_json_array_value_line_is_rejected_with_e114(cli, batch_dir, samples, store):
    feed = _jsonl_with_bad_second_line(batch_dir, samples, '["a", "list", "of", "words"]')
    result = cli("ingest", batch_dir)
    store.assert_only_rejection(
        result, source=f"{feed}:2", stage="parse", code="E114",
        message='JSON value is list, not an object; each record must be an object like {"text": ...}',
        good=[batch_dir / GOOD, f"{feed}:1"],
    )


def test_ingest_jsonl_record_over_max_bytes_is_rejected_with_e107(cli, batch_dir, samples, store):
    long_line = json.dumps({"text": "x" * 1985})
    assert len(long_line) == 1997  # with its newline: "2.0 KB"
    feed = _jsonl_with_bad_second_line(batch_dir, samples, long_line)
    result = cli("ingest", batch_dir, "--max-bytes", "1000")
    store.assert_only_rejection(
        result, source=f"{feed}:2", stage="read", code="E107",
        message="JSON Lines record is 2.0 KB, larger than the 1.0 KB limit (max_input_bytes); "
                "the rest of the file was read",
        good=[batch_dir / GOOD, f"{feed}:1"],
    )


# ---- WARC files that cannot be read whole: E108 ------------------------------------------------------------


def _warc_bytes(samples, *, gzip: bool) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    payload = io.BytesIO(samples.article_html(3).encode())
    writer.write_record(writer.create_warc_record("https://news.example.org/a", "response", payload=payload,
                                                  http_headers=headers))
    return buffer.getvalue()


def _assert_e108(result, store, source) -> None:
    lines = store.rejection_lines(result)
    assert len(lines) == 1
    assert lines[0].startswith(f"rejected {source}: E108 WARC file is unreadable (")
    assert lines[0].endswith("); records before this point were read")
    assert result.exit_code == 1


def test_ingest_truncated_warc_gz_is_rejected_with_e108(cli, batch_dir, samples, store):
    data = _warc_bytes(samples, gzip=True)
    (batch_dir / "crawl.warc.gz").write_bytes(data[: len(data) // 2])
    result = cli("ingest", batch_dir)
    _assert_e108(result, store, batch_dir / "crawl.warc.gz")


def test_ingest_truncated_warc_record_is_rejected_with_e108_not_stored_cut_short(cli, batch_dir, samples, store):
    data = _warc_bytes(samples, gzip=False)
    (batch_dir / "crawl.warc").write_bytes(data[:-300])
    result = cli("ingest", batch_dir)
    assert [s for s in store.article_sources() if "news.example.org" in s] == []
    _assert_e108(result, store, batch_dir / "crawl.warc")


def test_ingest_warc_file_that_is_not_a_warc_is_rejected_with_e108(cli, batch_dir, store):
    (batch_dir / "crawl.warc").write_text("this is not a web archive at all\n" * 3, encoding="utf-8")
    result = cli("ingest", batch_dir)
    _assert_e108(result, store, batch_dir / "crawl.warc")
