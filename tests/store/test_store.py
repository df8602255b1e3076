import datetime as dt

import duckdb
import pytest

from tests.helpers import make_raw
from wirecoder.errors import StoreError
from wirecoder.records import SCHEMA_VERSION, Article, Rejection, Result
from wirecoder.store import Store


def _article(id_: str = "00112233aabbccdd") -> Article:
    return Article(
        id=id_, source="a.txt", publisher="P", title="T", published=dt.date(2024, 1, 2), authors=("A B",),
        dateline="CAIRO", body=("One.", "Two."), boilerplate=("nav",), language="en",
    )


def test_store_new_file_records_schema_version(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        rows = store.con.execute("SELECT value FROM schema_info WHERE key = 'schema_version'").fetchall()
    assert rows == [(str(SCHEMA_VERSION),)]


def test_store_round_trips_article(fresh_store):
    raw = make_raw("x")
    fresh_store.add_raw_inputs([raw], keep_raw=True)
    fresh_store.write_results([Result(input_hash=raw.input_hash, source=raw.source, article=_article())])
    assert fresh_store.articles() == [_article()]


def test_store_raw_input_written_as_pending_before_results(fresh_store):
    raw = make_raw("x")
    fresh_store.add_raw_inputs([raw], keep_raw=True)
    assert fresh_store.input_status([raw.input_hash]) == {raw.input_hash: "pending"}


def test_store_write_results_marks_input_finished(fresh_store):
    raw = make_raw("x")
    fresh_store.add_raw_inputs([raw], keep_raw=True)
    fresh_store.write_results([Result(input_hash=raw.input_hash, source=raw.source, article=_article())])
    assert fresh_store.input_status([raw.input_hash]) == {raw.input_hash: "ingested"}


def test_store_same_article_twice_is_one_row(fresh_store):
    first, second = make_raw("x"), make_raw("y")
    fresh_store.add_raw_inputs([first, second], keep_raw=True)
    fresh_store.write_results([Result(input_hash=r.input_hash, source=r.source, article=_article())
                               for r in (first, second)])
    assert fresh_store.counts()["articles"] == 1


def test_store_keep_raw_false_stores_no_content(fresh_store):
    raw = make_raw("secret")
    fresh_store.add_raw_inputs([raw], keep_raw=False)
    assert fresh_store.con.execute("SELECT content FROM raw_inputs").fetchall() == [(None,)]


def test_store_rejection_is_stored_once(fresh_store):
    raw = make_raw("")
    rejection = Rejection(input_hash=raw.input_hash, source="e.txt", stage="decode", code="E101",
                          message="input is empty (0 bytes)")
    fresh_store.add_raw_inputs([raw], keep_raw=True)
    for _ in range(2):
        fresh_store.write_results([Result(input_hash=raw.input_hash, source=raw.source, rejection=rejection)])
    assert [r.code for r in fresh_store.rejections()] == ["E101"]


def test_store_newer_schema_is_refused(tmp_path):
    path = tmp_path / "s.duckdb"
    Store(path).close()
    con = duckdb.connect(str(path))
    con.execute("UPDATE schema_info SET value = '999' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(StoreError) as info:
        Store(path)
    assert info.value.code == "E701"
    assert "newer than this wirecoder's" in info.value.message


def test_store_read_only_missing_file_says_what_to_do(tmp_path):
    with pytest.raises(StoreError) as info:
        Store(tmp_path / "none.duckdb", read_only=True)
    assert info.value.message == f"cannot open the store {tmp_path / 'none.duckdb'}: no such file; run wirecoder ingest"


def test_store_find_articles_by_prefix(fresh_store):
    raw = make_raw("x")
    fresh_store.add_raw_inputs([raw], keep_raw=True)
    fresh_store.write_results([Result(input_hash=raw.input_hash, source=raw.source, article=_article())])
    assert [a.id for a in fresh_store.find_articles("0011")] == ["00112233aabbccdd"]
    assert fresh_store.find_articles("ffff") == []


def test_store_in_use_by_another_process_says_so(tmp_path):
    import subprocess
    import sys
    import time

    path = tmp_path / "s.duckdb"
    Store(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(path)!r}); print('ok', flush=True); "
                               "time.sleep(30)"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ok"
        time.sleep(0.2)
        with pytest.raises(StoreError) as info:
            Store(path)
        assert info.value.code == "E703"
        assert info.value.message == (f"the store {path} is in use by another wirecoder process; "
                                      "wait for it to finish or use another --db")
    finally:
        holder.kill()
        holder.wait()
