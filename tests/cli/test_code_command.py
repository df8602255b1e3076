"""``wirecoder code FILE`` (coded JSON, no store) and coding during ``wirecoder ingest`` (the mentions table).

Pages are the team's own: the fixture article and short text pages written into ``tmp_path``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import FIXTURES

OFFENSIVE = FIXTURES / "articles" / "offensive.txt"
DICTIONARIES = FIXTURES / "dictionaries"

EVENT_KEYS = ["id", "article_id", "sentence_index", "sentence", "source", "target", "associates", "action", "cameo",
              "cameo_root", "quad_class", "goldstein", "plover", "acled", "fatalities", "modality", "background",
              "attribution", "confidence", "date", "date_precision", "location"]
ACTOR_KEYS = ["code", "name", "country", "sector", "text", "start", "end"]

MIXED = (
    "Syrian army shells Daraa suburbs\n\n"
    "Syrian troops shelled the outskirts of Daraa on Monday, residents said.\n\n"
    "The Syrian army did not attack the rebels inside the old city, a military source said.\n\n"
    "Syrian forces may attack rebel positions near Busra next week, the source added.\n\n"
    "Syrian President Bashar al-Assad met Russian President Vladimir Putin in Moscow on Friday.\n"
)
VALDORIA = (
    "Coast guard attacked near Port Selvane\n\n"
    "The Kestrel Liberation Front attacked the Valdorian coast guard near Port Selvane on Monday.\n\n"
    "Officials said the patrol boat returned to harbour later in the day.\n"
)


@pytest.fixture
def page(tmp_path: Path):
    def write(text: str, name: str = "page.txt") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def code(cli):
    """``code(path, *options)`` -> the parsed document ``wirecoder code`` printed (exit status 0 asserted)."""

    def run(path: Path, *options: str) -> dict:
        result = cli("code", path, *options, with_db=False)
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)

    return run


def _events(document: dict, action: str) -> list[dict]:
    return [e for e in document["events"] if e["action"]["text"] == action]


# wirecoder code ------------------------------------------------------------------------------------------------


def test_code_prints_article_and_events(code):
    assert list(code(OFFENSIVE)) == ["article", "events"]


def test_code_article_has_the_public_article_fields(code, samples):
    assert list(code(OFFENSIVE)["article"]) == samples.article_keys


def test_code_event_has_exactly_the_public_fields(code):
    events = code(OFFENSIVE)["events"]
    assert events
    assert {tuple(e) for e in events} == {tuple(EVENT_KEYS)}


def test_code_event_source_has_exactly_the_actor_fields(code):
    (event,) = _events(code(OFFENSIVE), "retook")
    assert list(event["source"]) == ACTOR_KEYS


def test_code_event_associates_have_exactly_the_actor_fields(code):
    (event,) = _events(code(OFFENSIVE), "retook")
    assert [list(a) for a in event["associates"]] == [ACTOR_KEYS]


def test_code_event_action_is_text_and_span(code):
    (event,) = _events(code(OFFENSIVE), "retook")
    assert list(event["action"]) == ["text", "start", "end"]


def test_code_event_plover_is_type_and_mode(code):
    (event,) = _events(code(OFFENSIVE), "retook")
    assert event["plover"] == {"type": "ASSAULT", "mode": None}


def test_code_event_acled_is_event_type_and_sub_event_type(code):
    (event,) = _events(code(OFFENSIVE), "retook")
    assert event["acled"] == {"event_type": "Battles", "sub_event_type": "Government regains territory"}


def test_code_event_spans_point_into_the_article_text(code):
    document = code(OFFENSIVE)
    text = "\n\n".join(document["article"]["body"])
    (event,) = _events(document, "retook")
    actors = [event["source"], *event["associates"], event["action"]]
    assert [text[a["start"]:a["end"]] for a in actors] == [a["text"] for a in actors]


def test_code_event_without_target_has_target_null(code, page):
    (event,) = _events(code(page(MIXED)), "shelled")
    assert event["target"] is None


def test_code_event_outside_acled_has_acled_null(code, page):
    assert {e["acled"] is None for e in _events(code(page(MIXED)), "met")} == {True}


def test_code_leaves_out_negated_and_hypothetical_events_by_default(code, page):
    assert [e["modality"] for e in code(page(MIXED))["events"] if e["modality"] in ("negated", "hypothetical")] \
        == []


def test_code_include_unasserted_prints_negated_and_hypothetical_events(code, page):
    document = code(page(MIXED), "--include-unasserted")
    assert [e["modality"] for e in _events(document, "attack")] == ["negated", "hypothetical"]


def test_code_missing_dictionaries_folder_is_a_usage_error_exit_2(cli, tmp_path):
    missing = tmp_path / "no-such-dictionaries"
    result = cli("code", OFFENSIVE, "--dictionaries", missing, with_db=False)
    assert result.exit_code == 2
    assert f"Error: Invalid value for '--dictionaries': Path '{missing}' does not exist." in result.stderr


# wirecoder ingest: the mentions table --------------------------------------------------------------------------


def _event_rows(store) -> list[tuple]:
    return store.query("SELECT id, article_id, action.text FROM mentions ORDER BY id")


def test_ingest_stores_events(cli, store):
    assert cli("ingest", OFFENSIVE).exit_code == 0
    assert "retook" in [action for _, _, action in _event_rows(store)]


def test_ingest_events_belong_to_the_stored_article(cli, store):
    cli("ingest", OFFENSIVE)
    assert {article_id for _, article_id, _ in _event_rows(store)} == store.article_ids()


def test_ingest_again_does_not_duplicate_events(cli, store):
    cli("ingest", OFFENSIVE)
    first = _event_rows(store)
    cli("ingest", OFFENSIVE)
    assert _event_rows(store) == first


def test_ingest_same_article_from_another_input_does_not_duplicate_events(cli, store, page):
    cli("ingest", OFFENSIVE)
    first = _event_rows(store)
    copy = page(OFFENSIVE.read_text(encoding="utf-8") + "\n\n", name="copy.txt")
    cli("ingest", copy)
    assert (store.counts()["raw_inputs"], _event_rows(store)) == (2, first)


def test_ingest_missing_dictionaries_folder_is_a_usage_error_exit_2(cli, tmp_path, db):
    missing = tmp_path / "no-such-dictionaries"
    result = cli("ingest", OFFENSIVE, "--dictionaries", missing)
    assert result.exit_code == 2
    assert f"Error: Invalid value for '--dictionaries': Path '{missing}' does not exist." in result.stderr
    assert not db.exists()


def test_ingest_with_dictionaries_codes_actors_from_their_entries(cli, store, page):
    assert cli("ingest", page(VALDORIA), "--dictionaries", DICTIONARIES).exit_code == 0
    rows = store.query("SELECT source.code, target.code FROM mentions WHERE action.text = 'attacked'")
    assert rows == [("VUTREB", "VUTMIL")]


def test_ingest_without_dictionaries_does_not_know_their_actors(cli, store, page):
    cli("ingest", page(VALDORIA))
    codes = store.query("SELECT source.code, target.code FROM mentions")
    assert [c for row in codes for c in row if c and c.startswith("VUT")] == []


def test_code_with_a_model_that_is_not_installed_stops_with_e301(cli, tmp_path):
    config = tmp_path / "settings.toml"
    config.write_text('[nlp]\nspacy_model = "no_such_pipeline_xx"\n', encoding="utf-8")
    result = cli("code", OFFENSIVE, config=config, with_db=False)
    assert result.exit_code == 1
    assert ("Error: E301 spaCy pipeline 'no_such_pipeline_xx' is not installed; install wirecoder's dependencies "
            "(pip install -c constraints.txt -e .) or set [nlp] spacy_model to an installed one") in result.stderr


def test_ingest_with_a_malformed_dictionary_stops_with_e303_and_stores_nothing(cli, tmp_path, db):
    folder = tmp_path / "dicts"
    folder.mkdir()
    broken = folder / "Broken.verbs.txt"
    broken.write_text("--- LASH [111] ---\nLASH\n- * OUT\n", encoding="utf-8")
    result = cli("ingest", OFFENSIVE, "--dictionaries", folder)
    assert result.exit_code == 1
    assert (f"Error: E303 cannot load PETRARCH dictionaries: {broken}:3: verb pattern has no code at the end: "
            "'- * OUT'") in result.stderr
    assert not db.exists()  # stopped before the store was opened: a fixed rerun starts clean
