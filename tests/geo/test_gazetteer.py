import pickle

import pytest

from polybius.geo.gazetteer import Gazetteer


def top(gazetteer, name):
    cands = gazetteer.lookup(name)
    assert cands, name
    return cands[0]


@pytest.mark.parametrize("variant, name, admin1", [
    ("Kyiv", "Kyiv", "Kyiv City"), ("Kiev", "Kyiv", "Kyiv City"), ("KYIV", "Kyiv", "Kyiv City"),
    ("Kharkiv", "Kharkiv", "Kharkiv"), ("Kharkov", "Kharkiv", "Kharkiv"),
    ("Odesa", "Odesa", "Odesa"), ("Odessa", "Odesa", "Odesa"),
    ("Mykolaiv", "Mykolayiv", "Mykolaiv"), ("Nikolaev", "Mykolayiv", "Mykolaiv"),
    ("Lysychans'k", "Lysychansk", "Luhansk"), ("Izium", "Izyum", "Kharkiv"),
])
def test_alternate_names_find_the_ukrainian_city(gazetteer, variant, name, admin1):
    city = next(c for c in gazetteer.lookup(variant) if c.kind == "city")
    assert (city.name, city.admin1, city.country) == (name, admin1, "UKR")


def test_candidate_fields(gazetteer):
    kursk = top(gazetteer, "Kursk")
    assert (kursk.kind, kursk.country, kursk.country_code, kursk.admin1) == \
        ("city", "RUS", "RU", "Kursk")
    assert kursk.geonameid == 538560 and kursk.population > 400_000
    assert abs(kursk.lat - 51.73) < 0.05 and abs(kursk.lon - 36.19) < 0.05


def test_lookup_returns_cities_regions_and_countries(gazetteer):
    kinds = {c.kind for c in gazetteer.lookup("Donetsk")}
    assert kinds == {"city", "admin1"}
    assert top(gazetteer, "Ukraine").kind == "country"
    assert top(gazetteer, "U.S.").country == "USA"
    assert top(gazetteer, "Russian Federation").country == "RUS"


def test_tripoli_has_both_readings(gazetteer):
    countries = [c.country for c in gazetteer.lookup("Tripoli") if c.kind == "city"]
    assert countries[:2] == ["LBY", "LBN"]


def test_admin1_names_follow_acled(gazetteer):
    assert gazetteer.admin1("RU.41").name == "Kursk"
    assert gazetteer.admin1("UA.05").name == "Donetsk"
    assert gazetteer.admin1("UA.12").name == "Kyiv City"
    assert gazetteer.admin1("UA.13").name == "Kyiv"
    assert gazetteer.admin1("RU.47").name == "Moscow Oblast"
    assert gazetteer.admin1("SY.12").name == "Idleb"
    assert gazetteer.admin1("NG.23").name == "Kaduna"
    assert gazetteer.iso3166_2(gazetteer.admin1("UA.11")) == "UA-43"


@pytest.mark.parametrize("text, admin1, country", [
    ("Kursk oblast", "Kursk", "RUS"), ("Kursk Region", "Kursk", "RUS"),
    ("Kharkov region", "Kharkiv", "UKR"), ("Kyiv Oblast", "Kyiv", "UKR"),
    ("Kyiv region", "Kyiv", "UKR"), ("Moscow region", "Moscow Oblast", "RUS"),
    ("Idlib governorate", "Idleb", "SYR"), ("Donetsk People's Republic", "Donetsk", "UKR"),
])
def test_region_mentions(gazetteer, text, admin1, country):
    region = top(gazetteer, text)
    assert (region.kind, region.admin1, region.country) == ("admin1", admin1, country)


def test_region_coordinates_are_its_capital(gazetteer):
    region = gazetteer.regions("Kursk")[0]
    assert region.geonameid == 538555  # the oblast itself
    capital = gazetteer.capital(region)
    assert capital.name == "Kursk" and (region.lat, region.lon) == (capital.lat, capital.lon)
    assert gazetteer.capital(gazetteer.admin1("UA.13")).name == "Kyiv"


def test_unknown_name(gazetteer):
    assert gazetteer.lookup("Foobarville") == []
    assert "Foobarville" not in gazetteer and "Kyiv" in gazetteer


def test_nearest_town(gazetteer):
    assert gazetteer.nearest(51.73, 36.19).name == "Kursk"
    assert gazetteer.nearest(48.02, 37.80, "UKR").name == "Donetsk"


def test_ruler_patterns(gazetteer):
    patterns = gazetteer.ruler_patterns()
    assert 20_000 < len(patterns) < 150_000
    texts = {p["pattern"] for p in patterns}
    assert {p["label"] for p in patterns} == {"GPE"}
    for name in ["Kyiv", "Kiev", "Kursk", "Kursk region", "Kursk oblast", "Kharkiv Oblast",
                 "Kharkov region", "Bakhmut", "Idlib", "Idleb governorate", "Ukraine",
                 "Mariupol", "Izium", "Izyum"]:
        assert name in texts, name
    for word in ["August", "Of", "Mobile", "Nice", "Split", "March", "Bar", "Police",
                 "Independence", "Ukrainian", "Russian", "May"]:
        assert word not in texts, word


def test_cache_round_trip(gazetteer, tmp_path):
    """A cache file is read back as the same index (written here from the loaded one)."""
    from polybius.geo import gazetteer as module

    path = tmp_path / f"gazetteer-{module._cache_key()}.pickle"
    path.write_bytes(pickle.dumps(gazetteer._ix, protocol=pickle.HIGHEST_PROTOCOL))
    again = Gazetteer.load(tmp_path)
    assert len(again) == len(gazetteer)
    assert again.lookup("Kiev")[0].name == "Kyiv"


@pytest.mark.slow
def test_build_and_rebuild_corrupt_cache(tmp_path):
    first = Gazetteer.load(tmp_path)
    files = list(tmp_path.glob("gazetteer-*.pickle"))
    assert len(files) == 1
    files[0].write_bytes(b"not a pickle")
    second = Gazetteer.load(tmp_path)
    assert len(second) == len(first)
    assert pickle.loads(files[0].read_bytes()).name[:10] == first._ix.name[:10]


@pytest.mark.parametrize("town, admin1", [
    ("Erbil", "Erbil"), ("Sulaymaniyah", "Al Sulaymaniyah"), ("Alytus", "Alytaus"),
    ("Lilongwe", "Central"), ("Malabo", "Bioko Nord"), ("Basseterre", "Saint George Basseterre"),
])
def test_admin1_that_iso_files_at_another_level(gazetteer, town, admin1):
    """GeoNames admin1 regions that ISO 3166-2 lists at another level (Iraqi Kurdistan,
    Lithuanian counties, Malawi's regions...) come from scripts/build_geo_data.py, with
    their capital's coordinates for region-only events."""
    cand = next(c for c in gazetteer.lookup(town) if c.kind == "city")
    assert cand.admin1 == admin1
    region = gazetteer.admin1_of(cand)
    assert region is not None and region.lat is not None
    assert gazetteer.capital(region) is not None
