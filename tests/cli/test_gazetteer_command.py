"""``wirecoder gazetteer lookup`` and ``wirecoder gazetteer load``.

The gazetteer is built once per session into ``<basetemp>/cache/wirecoder`` (the folder tests/geo uses too, so a run of
both builds it once); settings reach the command through ``--config``. Dump files are the team's own, from
``tests/fixtures/geonames/``, or written into ``tmp_path``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import FIXTURES
from wirecoder.geo import Gazetteer
from wirecoder.settings import Settings

PLACES = FIXTURES / "geonames" / "sample-places.txt"


@pytest.fixture(scope="session")
def shared_gazetteer_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.getbasetemp() / "cache" / "wirecoder"
    folder.mkdir(parents=True, exist_ok=True)
    Gazetteer.for_settings(Settings.load(gazetteer_dir=str(folder)))  # build (or reuse) it once
    return folder


def _config(tmp_path: Path, folder: Path) -> Path:
    path = tmp_path / "wirecoder.toml"
    path.write_text(f"[geo]\ngazetteer_dir = {json.dumps(str(folder))}\n", encoding="utf-8")
    return path


@pytest.fixture
def lookup(cli, tmp_path, shared_gazetteer_folder):
    """``lookup(name, *options)`` -> the command's result, with the session's gazetteer."""
    config = _config(tmp_path, shared_gazetteer_folder)

    def run(name: str, *options: str):
        return cli("gazetteer", "lookup", name, *options, config=config, with_db=False)

    return run


@pytest.fixture
def load(cli, tmp_path):
    """``load(*files)`` -> the command's result, loading into a fresh folder (never the session's)."""
    folder = tmp_path / "loaded"
    config = _config(tmp_path, folder)

    def run(*files: Path | str):
        return cli("gazetteer", "load", *files, config=config, with_db=False)

    run.folder = folder
    return run


# lookup ----------------------------------------------------------------------------------------------------------


def test_lookup_json_lists_al_qusayr_in_syria(lookup):
    result = lookup("Qusair", "--json")
    assert result.exit_code == 0, result.stderr
    places = [json.loads(line) for line in result.stdout.splitlines()]
    assert ("Al Quşayr", "SYR") in {(p["name"], p["country"]) for p in places}


def test_lookup_json_prints_place_records(lookup):
    result = lookup("Qusair", "--json")
    first = json.loads(result.stdout.splitlines()[0])
    assert list(first) == ["name", "text", "start", "end", "geonameid", "lat", "lon", "country", "admin1", "feature",
                           "precision"]


def test_lookup_limit_caps_the_places_printed(lookup):
    result = lookup("Paris", "--json", "--limit", "2")
    assert len(result.stdout.splitlines()) == 2


def test_lookup_lists_the_largest_place_first(lookup):
    result = lookup("Paris", "--json")
    assert json.loads(result.stdout.splitlines()[0])["country"] == "FRA"


def test_lookup_of_an_unknown_name_says_so(lookup):
    result = lookup("Zorbalakistan")
    assert result.exit_code == 0
    assert "no place named 'Zorbalakistan'" in result.stdout


def test_lookup_without_json_prints_a_table(lookup):
    result = lookup("Qusair")
    assert result.exit_code == 0
    assert "places named 'Qusair'" in result.stdout and "SYR" in result.stdout


# load ------------------------------------------------------------------------------------------------------------


def test_load_reports_the_places_kept_and_writes_the_pickle(load):
    result = load(PLACES)
    assert result.exit_code == 0, result.stderr
    assert "5 places and 0 division names" in result.stdout
    assert (load.folder / "geonames-sample-places.pkl").is_file()


def test_load_of_a_bad_file_exits_non_zero_with_e401(load, tmp_path):
    bad = tmp_path / "not-geonames.txt"
    bad.write_text("id,name,lat,lon\n1,Somewhere,34.6,36.5\n", encoding="utf-8")
    result = load(bad)
    assert result.exit_code != 0
    assert f"E401 cannot load the GeoNames file {bad}: line 1 " in result.stderr


def test_load_of_a_bad_file_writes_nothing(load, tmp_path):
    bad = tmp_path / "not-geonames.txt"
    bad.write_text("id,name,lat,lon\n", encoding="utf-8")
    load(bad)
    assert not list(load.folder.glob("geonames-*"))


def test_load_of_a_missing_file_is_a_usage_error(load, tmp_path):
    result = load(tmp_path / "absent.txt")
    assert result.exit_code == 2
