"""``wirecoder code``, ``articles`` and ``show``: the public article shape and the field names they print."""

from __future__ import annotations

import csv
import io
import json

import pytest

from wirecoder.store import Store


@pytest.fixture
def filled(cli, tmp_path, samples, store):
    """A store holding two articles; returns their ``to_dict`` shapes by id, as ``articles --format json`` says."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(samples.article_text(1), encoding="utf-8")
    (folder / "b.txt").write_text(samples.article_text(2), encoding="utf-8")
    assert cli("ingest", folder).exit_code == 0
    return store


def test_code_prints_the_article_and_an_empty_event_list(cli, tmp_path, samples):
    path = tmp_path / "story.txt"
    path.write_text(samples.article_text(1), encoding="utf-8")
    result = cli("code", path, with_db=False)
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert list(document) == ["article", "events"]
    assert document["events"] == []
    assert list(document["article"]) == samples.article_keys
    assert (document["article"]["source"], document["article"]["body"][0]) == (str(path), samples.first_paragraph(1))


def test_code_writes_nothing_to_a_store(cli, tmp_path, samples, db):
    path = tmp_path / "story.txt"
    path.write_text(samples.article_text(1), encoding="utf-8")
    cli("code", path, with_db=False)
    assert not db.exists()


def test_code_reports_a_rejected_input_on_stderr_and_exits_1(cli, tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    result = cli("code", path, with_db=False)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"rejected {path}: E101 input is empty (0 bytes)\n"


def test_articles_format_json_gives_every_article_field(cli, filled, samples):
    result = cli("articles", "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert len(rows) == 2
    assert [list(row) for row in rows] == [samples.article_keys] * 2


def test_articles_format_jsonl_gives_one_article_per_line_with_every_field(cli, filled, samples):
    result = cli("articles", "--format", "jsonl")
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [list(row) for row in rows] == [samples.article_keys] * 2


def test_articles_formats_json_and_jsonl_agree(cli, filled):
    as_json = json.loads(cli("articles", "--format", "json").stdout)
    as_jsonl = [json.loads(line) for line in cli("articles", "--format", "jsonl").stdout.splitlines()]
    assert as_json == as_jsonl


def test_articles_format_csv_has_the_article_field_names_as_header(cli, filled, samples):
    result = cli("articles", "--format", "csv")
    assert result.exit_code == 0
    reader = csv.DictReader(io.StringIO(result.stdout))
    rows = list(reader)
    assert reader.fieldnames == samples.article_keys
    assert {row["id"] for row in rows} == filled.article_ids()


def test_articles_format_csv_of_an_empty_store_has_the_article_field_names_as_header(cli, db, samples):
    Store(db).close()
    result = cli("articles", "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout == ",".join(samples.article_keys) + "\n"


def test_show_format_json_gives_the_article_with_every_field(cli, filled, samples):
    listed = {row["id"]: row for row in json.loads(cli("articles", "--format", "json").stdout)}
    article_id = sorted(listed)[0]
    result = cli("show", article_id, "--format", "json")
    assert result.exit_code == 0
    shown = json.loads(result.stdout)
    assert list(shown) == samples.article_keys
    assert shown == listed[article_id]


def test_show_accepts_a_unique_id_prefix(cli, filled):
    article_id = sorted(filled.article_ids())[0]
    result = cli("show", article_id[:8], "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["id"] == article_id


def test_show_unknown_id_exits_1_with_e704(cli, filled):
    unknown = "0123456789abcdef"
    assert unknown not in filled.article_ids()
    result = cli("show", unknown)
    assert result.exit_code == 1
    assert result.stderr == f"Error: E704 no article with id {unknown}; list ids with wirecoder articles\n"


def test_show_non_hex_id_is_a_usage_error_exit_2(cli, filled):
    result = cli("show", "not-an-id")
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "Error: Invalid value for ARTICLE_ID: an article id is 4 to 16 hex digits (see wirecoder articles)\n"
    )
