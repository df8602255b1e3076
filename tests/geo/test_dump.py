"""``wirecoder.geo.dump.load_dump``: GeoNames dump files a user downloaded, read into the gazetteer folder.

The dump files are the team's own tiny ones in ``tests/fixtures/geonames/`` (see the README there); broken files
are written by the tests into ``tmp_path``.
"""

from __future__ import annotations

import pickle
import zipfile
from pathlib import Path

import pytest

from tests.helpers import FIXTURES
from wirecoder.errors import WirecoderError
from wirecoder.geo import Gazetteer
from wirecoder.geo.dump import load_dump

GEONAMES = FIXTURES / "geonames"
PLACES = GEONAMES / "sample-places.txt"
ADMIN1 = GEONAMES / "admin1CodesASCII.txt"
GOOD_ROW = PLACES.read_text(encoding="utf-8").splitlines()[0]


def _rows(pkl: Path) -> dict[int, tuple]:
    with pkl.open("rb") as handle:
        return {row[0]: row for row in pickle.load(handle)["places"]}


def _write(folder: Path, name: str, lines: list[str]) -> Path:
    path = folder / name
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


# the geoname table -----------------------------------------------------------------------------------------------


def test_load_dump_writes_a_pickle_named_after_the_file(tmp_path):
    out, _, _ = load_dump(PLACES, tmp_path / "gaz")
    assert out == tmp_path / "gaz" / "geonames-sample-places.pkl"
    assert out.is_file()


def test_load_dump_counts_the_places_it_keeps(tmp_path):
    _, places, divisions = load_dump(PLACES, tmp_path)
    assert (places, divisions) == (5, 0)


def test_load_dump_keeps_towns_seats_lakes_and_districts_not_hamlets_or_hotels(tmp_path):
    out, _, _ = load_dump(PLACES, tmp_path)
    assert sorted(_rows(out)) == [99100001, 99100002, 99100004, 99100005, 99100007]


def test_load_dump_records_a_place_as_the_gazetteer_reads_it(tmp_path):
    out, _, _ = load_dump(PLACES, tmp_path)
    _id, name, _names, lat, lon, population, iso2, admin1, feature = _rows(out)[99100001]
    assert (name, lat, lon, population, iso2, admin1, feature) == (
        "Tall Qāsimīyah", 34.612, 36.547, 12480, "SY", "11", "PPL")


@pytest.mark.parametrize(("geonameid", "feature"), [(99100002, "PPL"), (99100005, "LK"), (99100007, "ADM2")])
def test_load_dump_keeps_the_feature_code(tmp_path, geonameid, feature):
    out, _, _ = load_dump(PLACES, tmp_path)
    assert _rows(out)[geonameid][-1] == feature


def test_load_dump_keeps_latin_alternate_names_but_not_airport_codes_or_other_scripts(tmp_path):
    out, _, _ = load_dump(PLACES, tmp_path)
    names = _rows(out)[99100001][2]
    assert set(names) == {"Tall Qasimiyah", "Tal Qasimiyeh", "Tell Qasimiya"}


def test_min_population_drops_small_places(tmp_path):
    out, places, _ = load_dump(PLACES, tmp_path, min_population=1000)
    assert places == 4
    assert 99100004 not in _rows(out)  # 740 people


def test_min_population_keeps_an_administrative_seat_without_a_population(tmp_path):
    out, _, _ = load_dump(PLACES, tmp_path, min_population=1000)
    assert 99100002 in _rows(out)


def test_loading_the_same_file_again_replaces_its_pickle(tmp_path):
    load_dump(PLACES, tmp_path)
    load_dump(PLACES, tmp_path, min_population=1000)
    (out,) = tmp_path.glob("geonames-*.pkl")
    assert len(_rows(out)) == 4


def test_zip_holding_the_txt_is_read_like_the_txt(tmp_path):
    archive = tmp_path / "sample-places.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("readme.txt", "Not a dump: the README GeoNames ships beside the data.\n")
        handle.write(PLACES, "sample-places.txt")
    out, places, _ = load_dump(archive, tmp_path / "gaz")
    assert (out.name, places) == ("geonames-sample-places.pkl", 5)


# the admin1 table ------------------------------------------------------------------------------------------------


def test_admin1_file_yields_division_names(tmp_path):
    out, places, divisions = load_dump(ADMIN1, tmp_path)
    with out.open("rb") as handle:
        admin1 = pickle.load(handle)["admin1"]
    assert (places, divisions) == (0, 3)
    assert admin1 == {("SY", "11"): "Homs Governorate", ("SY", "13"): "Damascus Governorate",
                      ("EG", "02"): "Red Sea Governorate"}


# broken files ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("lines", "line_number"), [
    (["# a comment line", "99100001\tTall Qasimiyah\t34.6\t36.5\tP"], 2),            # 5 columns
    ([GOOD_ROW, GOOD_ROW, "\t".join(GOOD_ROW.split("\t")[:12])], 3),                 # cut short
    ([GOOD_ROW, GOOD_ROW.replace("34.61200", "north")], 2),                          # latitude is not a number
    (["SY.11\tHoms Governorate\tHoms Governorate"], 1),                              # admin1 without its id column
], ids=["five-columns", "truncated-row", "bad-latitude", "three-columns"])
def test_malformed_file_is_e401_naming_the_line(tmp_path, lines, line_number):
    path = _write(tmp_path, "broken.txt", lines)
    with pytest.raises(WirecoderError) as caught:
        load_dump(path, tmp_path / "gaz")
    assert caught.value.code == "E401"
    assert f"line {line_number} " in caught.value.message
    assert str(path) in caught.value.message


def test_malformed_file_writes_no_pickle(tmp_path):
    path = _write(tmp_path, "broken.txt", ["this\tis\tnot\tGeoNames\tat all"])
    with pytest.raises(WirecoderError):
        load_dump(path, tmp_path / "gaz")
    assert not list(tmp_path.glob("gaz/geonames-*"))


@pytest.mark.parametrize("lines", [[], ["# only a comment"]], ids=["empty", "comment-only"])
def test_file_without_rows_is_e401(tmp_path, lines):
    path = _write(tmp_path, "empty.txt", lines)
    with pytest.raises(WirecoderError, match="empty") as caught:
        load_dump(path, tmp_path / "gaz")
    assert caught.value.code == "E401"


def test_zip_without_a_txt_is_e401(tmp_path):
    archive = tmp_path / "nothing.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("places.csv", "a,b,c\n")
    with pytest.raises(WirecoderError, match=r"no \.txt") as caught:
        load_dump(archive, tmp_path / "gaz")
    assert caught.value.code == "E401"


def test_file_that_is_not_utf8_is_e401(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes(GOOD_ROW.replace("Tall Qāsimīyah", "Tall Q\u00e2simiyah").encode("latin-1", "replace"))
    with pytest.raises(WirecoderError) as caught:
        load_dump(path, tmp_path / "gaz")
    assert caught.value.code == "E401"


# used by the gazetteer -------------------------------------------------------------------------------------------


def test_place_from_a_loaded_dump_is_found_by_the_rebuilt_gazetteer(tmp_path):
    # Rebuilds the whole gazetteer (~15 s): the only test that does.
    folder = tmp_path / "gazetteer"
    load_dump(PLACES, folder)
    load_dump(ADMIN1, folder)
    g = Gazetteer.load(folder, cache=False)
    found = [g.place(i) for i in g.lookup("Tell Qasimiya") if g.geonameid[i] == 99100001]
    assert [(p.name, p.country, p.admin1, p.feature) for p in found] == [("Tall Qāsimīyah", "SYR", "Homs", "PPL")]
