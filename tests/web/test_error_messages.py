"""The API's error answers say exactly what was wrong and how to put it right."""

from __future__ import annotations


def test_a_bad_point_names_the_parameter_and_the_shape_expected(client):
    body = client.get("/api/events", params={"near": "1,2,3"}).json()
    assert body == {"ok": False, "error": "near: expected LAT,LON (34.5,36.6), got '1,2,3'", "status": 422}


def test_an_unknown_event_is_named(client):
    body = client.get("/api/events/nope").json()
    assert body == {"ok": False, "error": "no event 'nope'", "status": 404}


def test_an_unknown_export_format_lists_the_formats(client):
    body = client.get("/api/export", params={"format": "xml"}).json()
    assert body == {"ok": False, "error": "format: expected one of acled, csv, gdelt, parquet, plover, got 'xml'",
                    "status": 422}


def test_writing_is_refused_as_read_only(client):
    body = client.post("/api/events").json()
    assert body == {"ok": False, "error": "POST is not allowed here; the API is read-only (GET)", "status": 405}
