"""``wirecoder.ingest.read_inputs``: which inputs come out of files, folders, gzip, JSON, WARC and stdin."""

from __future__ import annotations

import hashlib
import io
import json

from wirecoder.records import RawInput


def test_directory_is_walked_recursively_in_sorted_order(tmp_path, read, pages, sources_of):
    root = tmp_path / "news"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / "zz").mkdir()
    # Written out of order, so the order read comes from sorting, not from the directory listing.
    layout = ["zz/05.txt", "sub/deeper/04.txt", "sub/03.txt", "02.txt", "01.txt"]
    for n, name in enumerate(layout):
        (root / name).write_bytes(pages.text(n))
    items = read(root)
    assert sources_of(items) == [str(root / name) for name in sorted(layout)]


def test_files_of_a_folder_come_before_its_subfolders(tmp_path, read, pages, sources_of):
    root = tmp_path / "news"
    (root / "a").mkdir(parents=True)
    (root / "a" / "x.txt").write_bytes(pages.text(1))
    (root / "b.txt").write_bytes(pages.text(2))
    assert sources_of(read(root)) == [str(root / "b.txt"), str(root / "a" / "x.txt")]


def test_hidden_files_and_hidden_folders_are_skipped(tmp_path, read, pages, sources_of):
    root = tmp_path / "news"
    (root / ".git").mkdir(parents=True)
    (root / ".git" / "story.txt").write_bytes(pages.text(1))
    (root / ".draft.txt").write_bytes(pages.text(2))
    (root / "story.txt").write_bytes(pages.text(3))
    assert sources_of(read(root)) == [str(root / "story.txt")]


def test_text_file_is_one_input_keyed_by_the_sha256_of_its_bytes(tmp_path, read, pages):
    path = tmp_path / "story.txt"
    path.write_bytes(pages.text())
    (item,) = read(path)
    assert isinstance(item, RawInput)
    assert (item.source, item.kind, item.content, item.size) == (str(path), "text", pages.text(), len(pages.text()))
    assert item.input_hash == hashlib.sha256(pages.text()).hexdigest()


def test_gzipped_text_file_is_read_decompressed_as_text(tmp_path, read, pages):
    path = tmp_path / "story.txt.gz"
    path.write_bytes(pages.gzip(pages.text()))
    (item,) = read(path)
    assert (item.source, item.kind, item.content) == (str(path), "text", pages.text())


def test_gzipped_html_file_is_read_decompressed_as_html(tmp_path, read, pages):
    path = tmp_path / "page.html.gz"
    path.write_bytes(pages.gzip(pages.html()))
    (item,) = read(path)
    assert (item.source, item.kind, item.content) == (str(path), "html", pages.html())


def test_gzipped_json_lines_file_gives_one_input_per_line(tmp_path, read, pages):
    records = [{"text": f"story {n}"} for n in range(3)]
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(pages.gzip("".join(json.dumps(r) + "\n" for r in records).encode()))
    items = read(path)
    assert [(i.source, i.kind, json.loads(i.content)) for i in items] == [
        (f"{path}:{n + 1}", "jsonl", record) for n, record in enumerate(records)
    ]


def test_gzipped_file_without_a_known_suffix_is_sniffed_after_decompressing(tmp_path, read, pages):
    path = tmp_path / "download.gz"
    path.write_bytes(pages.gzip(pages.html()))
    (item,) = read(path)
    assert (item.kind, item.content) == ("html", pages.html())


def test_blank_lines_of_a_json_lines_file_are_skipped_but_still_counted(tmp_path, read):
    path = tmp_path / "feed.jsonl"
    path.write_text('{"text": "one"}\n\n   \n{"text": "two"}\n', encoding="utf-8")
    assert [(i.source, i.content) for i in read(path)] == [
        (f"{path}:1", b'{"text": "one"}'), (f"{path}:4", b'{"text": "two"}'),
    ]


def test_json_array_file_gives_one_input_per_element(tmp_path, read):
    records = [{"text": "first story", "title": "One"}, {"html": "<p>second story</p>"}, {"text": "third"}]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(records, indent=2), encoding="utf-8")
    items = read(path)
    assert [(i.source, i.kind, json.loads(i.content)) for i in items] == [
        (f"{path}[{n}]", "jsonl", record) for n, record in enumerate(records)
    ]


def test_json_file_holding_one_object_gives_one_input(tmp_path, read):
    path = tmp_path / "story.json"
    path.write_text('{"text": "a single story"}', encoding="utf-8")
    (item,) = read(path)
    assert (item.source, item.kind, json.loads(item.content)) == (str(path), "jsonl", {"text": "a single story"})


def test_stdin_text_page_is_one_input_named_stdin(read, pages):
    (item,) = read("-", stdin=io.BytesIO(pages.text()))
    assert (item.source, item.kind, item.content) == ("<stdin>", "text", pages.text())


def test_stdin_json_lines_give_one_input_per_line(read):
    stream = io.BytesIO(b'{"text": "one"}\n{"text": "two"}\n')
    assert [(i.source, i.kind, i.content) for i in read("-", stdin=stream)] == [
        ("<stdin>:1", "jsonl", b'{"text": "one"}'), ("<stdin>:2", "jsonl", b'{"text": "two"}'),
    ]


def test_stdin_gzip_is_decompressed(read, pages):
    (item,) = read("-", stdin=io.BytesIO(pages.gzip(pages.text())))
    assert (item.source, item.content) == ("<stdin>", pages.text())


def test_warc_html_response_record_is_read_with_its_url(tmp_path, read, pages):
    url = "https://news.example.org/2021/06/plan"
    path = tmp_path / "crawl.warc"
    path.write_bytes(pages.warc(url, pages.html()))
    (item,) = read(path)
    assert (item.kind, item.url, item.content) == ("html", url, pages.html())
    assert item.source.startswith(f"{path}#<urn:uuid:")


def test_warc_record_that_is_not_html_or_text_is_skipped(tmp_path, read, pages):
    path = tmp_path / "crawl.warc"
    path.write_bytes(pages.warc("https://news.example.org/logo.png", b"\x89PNG\r\n\x1a\n", content_type="image/png"))
    assert read(path) == []


def test_document_over_max_input_bytes_is_rejected_with_its_full_size_and_hash(tmp_path, read):
    data = b"word " * 1000
    path = tmp_path / "long.txt"
    path.write_bytes(data)
    (item,) = read(path, max_input_bytes=100)
    assert (item.code, item.stage, item.size) == ("E103", "read", 5000)
    assert item.input_hash == hashlib.sha256(data).hexdigest()

