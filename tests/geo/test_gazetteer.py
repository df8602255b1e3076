"""``wirecoder.geo.gazetteer``: names, countries, divisions and regions, the cache, and distances.

One gazetteer is built per session (see conftest.py); the cache tests that need a build of their own replace
``build`` with a stand-in so they take no time.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from wirecoder.geo import Gazetteer, distance_km
from wirecoder.geo import gazetteer as gazetteer_module
from wirecoder.geo.names import normalise


def _named(g: Gazetteer, name: str, country: str, feature: str | None = None) -> list[int]:
    return [i for i in g.lookup(name) if g.country[i] == country and (feature is None or g.feature[i] == feature)]


def _one(g: Gazetteer, name: str, country: str, feature: str) -> int:
    found = _named(g, name, country, feature)
    assert len(found) == 1, [(g.names[i], g.country[i], g.feature[i]) for i in g.lookup(name)]
    return found[0]


# names -----------------------------------------------------------------------------------------------------------


def test_airport_code_is_not_a_name_of_its_town(gazetteer):
    # GeoNames lists "GAO" among Guantánamo's alternate names: it is the airport's IATA code.
    assert _named(gazetteer, "Guantanamo", "CUB")
    assert not [i for i in gazetteer.lookup("GAO") if gazetteer.country[i] == "CUB"]


def test_lookup_gao_returns_only_places_named_gao(gazetteer):
    keys = {normalise(gazetteer.names[i]) for i in gazetteer.lookup("GAO")}
    assert keys == {"gao"}


def test_lookup_qusair_finds_al_qusayr_in_syria(gazetteer):
    assert [gazetteer.names[i] for i in _named(gazetteer, "Qusair", "SYR")] == ["Al Quşayr"]


def test_lookup_al_qusayr_finds_both_towns_of_that_name(gazetteer):
    assert {gazetteer.country[i] for i in gazetteer.lookup("Al-Qusayr")} >= {"SYR", "EGY"}


def test_fuzzy_qusair_reaches_egypts_al_qusayr_too(gazetteer):
    found = gazetteer.fuzzy("Qusair")
    assert {gazetteer.country[i] for i in found if gazetteer.names[i] == "Al Quşayr"} == {"SYR", "EGY"}


def test_lookup_of_an_unknown_name_is_empty(gazetteer):
    assert gazetteer.lookup("Zorbalakistan") == ()


# countries -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("mention", "iso3"), [
    ("Syria", "SYR"), ("Syrian", "SYR"), ("Syrians", "SYR"), ("Egyptian", "EGY"), ("Lebanese", "LBN"),
    ("U.S.", "USA"), ("US", "USA"), ("United States", "USA"), ("American", "USA"), ("Britain", "GBR"),
])
def test_country_mention_by_name_alias_or_demonym(gazetteer, mention, iso3):
    assert gazetteer.country_mention(mention) == iso3


@pytest.mark.parametrize("mention", ["Homs", "Qusair", "Damascus", "Tuesday", "Zorbalakistan"])
def test_country_mention_of_a_non_country_is_none(gazetteer, mention):
    assert gazetteer.country_mention(mention) is None


def test_country_place_is_a_country_feature(gazetteer):
    i = gazetteer.country_place["SYR"]
    assert (gazetteer.names[i], gazetteer.feature[i], gazetteer.precision[i]) == ("Syria", "PCLI", 3)


# first-level divisions -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "iso3", "code"), [("Homs", "SYR", "11"), ("Florida", "USA", "FL"),
                                                    ("Texas", "USA", "TX"), ("Missouri", "USA", "MO")])
def test_division_is_linked_to_its_geonames_admin1_code(gazetteer, name, iso3, code):
    i = _one(gazetteer, name, iso3, "ADM1")
    assert gazetteer.admin1[i] == code
    assert gazetteer.admin1_place[(iso3, code)] == i


@pytest.mark.parametrize(("town", "iso3", "division"), [("Qusair", "SYR", "Homs"), ("Austin", "USA", "Texas"),
                                                        ("Gainesville", "USA", "Florida")])
def test_town_record_names_its_division(gazetteer, town, iso3, division):
    biggest = max(_named(gazetteer, town, iso3), key=lambda i: gazetteer.population[i])
    assert gazetteer.place(biggest).admin1 == division


def test_division_record_names_itself_as_its_admin1(gazetteer):
    place = gazetteer.place(_one(gazetteer, "Homs", "SYR", "ADM1"))
    assert (place.admin1, place.feature, place.precision, place.geonameid) == ("Homs", "ADM1", 3, None)


# regions and seas ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Mediterranean Sea", "Mediterranean"])
def test_sea_is_in_no_country(gazetteer, name):
    seas = [gazetteer.place(i) for i in gazetteer.lookup(name) if gazetteer.feature[i] == "SEA"]
    assert [(p.name, p.country, p.precision) for p in seas] == [("Mediterranean Sea", None, 3)]


@pytest.mark.parametrize(("name", "feature"), [("Middle East", "RGN"), ("Europe", "CONT"), ("Euphrates", "STM")])
def test_regions_continents_and_rivers_are_places(gazetteer, name, feature):
    assert any(gazetteer.feature[i] == feature and gazetteer.country[i] is None for i in gazetteer.lookup(name))


# nearest country -------------------------------------------------------------------------------------------------



@pytest.mark.parametrize(("lat", "lon", "iso3"), [
    (34.73, 36.71, "SYR"),   # Homs
    (30.04, 31.24, "EGY"),   # Cairo
    (-23.70, 133.88, "AUS"),  # Alice Springs
    (36.34, 43.13, "IRQ"),   # Mosul
    (48.857, 2.352, "FRA"),
    (51.507, -0.128, "GBR"),
    (33.51, 36.29, "SYR"),
    (40.71, -74.01, "USA"),
], ids=["homs", "cairo", "alice-springs", "mosul", "paris", "london", "damascus", "new-york"])
def test_nearest_country_of_a_point_in_a_city(gazetteer, lat, lon, iso3):
    found = gazetteer.nearest_country(lat, lon)  # not inside the assert: the gazetteer's repr is huge
    assert found == iso3


# the cache -------------------------------------------------------------------------------------------------------


def test_second_load_comes_from_the_cache(gazetteer, gazetteer_folder, monkeypatch):
    def no_build(*args, **kwargs):
        raise AssertionError("the gazetteer was built again instead of read from its cache")

    monkeypatch.setattr(gazetteer_module, "build", no_build)
    assert len(Gazetteer.load(gazetteer_folder)) == len(gazetteer)


def test_cache_is_one_pickle_in_the_folder(gazetteer, gazetteer_folder):
    assert len(list(gazetteer_folder.glob("gazetteer-*.pickle"))) == 1


def _tiny(name: str) -> Gazetteer:
    return Gazetteer(names=[name])


@pytest.mark.parametrize("damage", ["empty", "garbage", "truncated"])
def test_damaged_cache_is_rebuilt_not_an_error(tmp_path: Path, monkeypatch, damage):
    monkeypatch.setattr(gazetteer_module, "build", lambda dumps=(): _tiny("first"))
    Gazetteer.load(tmp_path)
    (cache,) = tmp_path.glob("gazetteer-*.pickle")
    good = cache.read_bytes()
    cache.write_bytes({"empty": b"", "garbage": b"this is not a pickle\n", "truncated": good[: len(good) // 2]}[damage])
    monkeypatch.setattr(gazetteer_module, "build", lambda dumps=(): _tiny("second"))
    assert Gazetteer.load(tmp_path).names == ["second"]


def test_damaged_cache_is_replaced_by_the_rebuilt_one(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(gazetteer_module, "build", lambda dumps=(): _tiny("first"))
    Gazetteer.load(tmp_path)
    (cache,) = tmp_path.glob("gazetteer-*.pickle")
    cache.write_bytes(b"\x80\x05broken")
    monkeypatch.setattr(gazetteer_module, "build", lambda dumps=(): _tiny("second"))
    Gazetteer.load(tmp_path)
    with cache.open("rb") as handle:
        assert pickle.load(handle).names == ["second"]


def test_load_without_cache_writes_nothing(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(gazetteer_module, "build", lambda dumps=(): _tiny("only"))
    Gazetteer.load(tmp_path, cache=False)
    assert list(tmp_path.iterdir()) == []


# distances -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("a", "b", "km"), [
    ((0.0, 0.0), (0.0, 1.0), 111.195),        # one degree of longitude on the equator: 2π·6371/360
    ((0.0, 0.0), (0.0, 180.0), 20015.087),    # half the circumference: π·6371
    ((90.0, 0.0), (-90.0, 0.0), 20015.087),   # pole to pole
    ((51.507, -0.128), (48.857, 2.352), 343.5),  # London to Paris
    ((34.73, 36.71), (34.73, 36.71), 0.0),
])
def test_distance_km_known_values(a, b, km):
    assert distance_km(*a, *b) == pytest.approx(km, abs=0.5)


def test_distance_km_is_symmetric():
    assert distance_km(33.51, 36.29, 34.73, 36.71) == pytest.approx(distance_km(34.73, 36.71, 33.51, 36.29))
