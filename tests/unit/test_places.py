"""Events placed by their location through GeoNames (offline): found, or listed, never guessed."""

from __future__ import annotations

import pandas as pd
import pytest

from democdash import geo, mapstyle, places, svgmap

CITIES = [
    {
        "geonameid": 1,
        "name": "Minsk",
        "latitude": 53.9,
        "longitude": 27.57,
        "countrycode": "BY",
        "population": 1_742_124,
        "alternatenames": ["Mińsk", "Менск"],
    },
    {
        "geonameid": 2,
        "name": "Mińsk Mazowiecki",
        "latitude": 52.18,
        "longitude": 21.57,
        "countrycode": "PL",
        "population": 37_027,
        "alternatenames": ["Minsk"],
    },
    {
        "geonameid": 3,
        "name": "Springfield",
        "latitude": 39.8,
        "longitude": -89.64,
        "countrycode": "US",
        "population": 114_000,
        "alternatenames": [],
    },
    {
        "geonameid": 4,
        "name": "Springfield",
        "latitude": 42.1,
        "longitude": -72.59,
        "countrycode": "US",
        "population": 155_000,
        "alternatenames": [],
    },
]


def _events(rows):
    return pd.DataFrame(rows, columns=["id", "country", "location", "summary", "date_text"])


@pytest.fixture(scope="module")
def small() -> places.Gazetteer:
    return places.Gazetteer.from_cities(CITIES)


def test_a_city_is_found_within_the_events_country_only(small):
    placed = places.place_events(
        _events(
            [
                ("e1", "BLR", "minsk", "Protest", "2020-08-09"),
                ("e2", "POL", "Minsk", "Meeting", "2021"),
            ]
        ),
        small,
    )
    lonlat = sorted((p.lon, p.lat) for p in placed.points)
    assert lonlat == [(21.57, 52.18), (27.57, 53.9)]  # each in its own country
    title = next(p.title for p in placed.points if p.iso3 == "BLR")
    assert "Protest" in title and "via GeoNames" in title
    assert placed.unresolved == ()


def test_unknown_and_ambiguous_places_are_listed_not_guessed(small):
    placed = places.place_events(
        _events(
            [
                ("e1", "USA", "Springfield", "Two cities", "2021"),
                ("e2", "BLR", "Hrodna", "Not in the list", "2021"),
                ("e3", "BLR", None, "No place", "2021"),
            ]
        ),
        small,
    )
    assert placed.points == ()
    assert [(u.event_id, u.location) for u in placed.unresolved] == [
        ("e1", "Springfield"),
        ("e2", "Hrodna"),
    ]
    assert "2 GeoNames cities" in placed.unresolved[0].reason


def test_the_shipped_gazetteer_places_real_capitals_offline():
    gazetteer = places.gazetteer()
    city = gazetteer.lookup("Minsk", "BLR")
    assert isinstance(city, places.City) and city.lat == pytest.approx(53.9, abs=0.1)
    assert isinstance(gazetteer.lookup("Hong Kong", "HKG"), places.City)
    assert isinstance(gazetteer.lookup("U.S. Capitol", "USA"), str)


def test_placed_points_are_drawn_with_their_titles(small):
    placed = places.place_events(_events([("e1", "BLR", "Minsk", "Protest", "")]), small)
    world = svgmap.outlines(geo.load_boundaries("world"))
    colouring = mapstyle.figures_colouring(None, "role", world.iso3)
    m = svgmap.draw(world, colouring, points=placed.points)
    assert m.svg.count('class="pt"') == 1
    assert "Minsk: Protest · placed at Minsk via GeoNames" in m.svg


def test_a_country_is_indexed_on_its_first_lookup_only(monkeypatch):
    from democdash import places

    rows = [
        {"geonameid": 1, "name": "Minsk", "countrycode": "BY", "longitude": 27.6,
         "latitude": 53.9, "population": 2_000_000, "alternatenames": ["Mensk"]},
        {"geonameid": 2, "name": "Yangon", "countrycode": "MM", "longitude": 96.2,
         "latitude": 16.8, "population": 5_000_000, "alternatenames": ["Rangoon"]},
    ]  # fmt: skip
    keyed: list[str] = []
    plain_key = places._key
    monkeypatch.setattr(places, "_key", lambda name: keyed.append(name) or plain_key(name))
    gazetteer = places.Gazetteer.from_cities(rows)
    assert keyed == []  # building reads the rows, indexes no name
    assert gazetteer.lookup("Mensk", "BLR").name == "Minsk"
    assert "Rangoon" not in keyed and "Yangon" not in keyed  # Myanmar is not indexed yet
    assert gazetteer.lookup("Rangoon", "MMR").name == "Yangon"


def test_a_name_one_city_owns_wins_over_the_same_name_as_anothers_alias():
    rows = [
        {"geonameid": 1, "name": "Minsk", "countrycode": "BY", "longitude": 27.6,
         "latitude": 53.9, "population": 2_000_000, "alternatenames": ["Mensk"]},
        {"geonameid": 5, "name": "Minsk District", "countrycode": "BY", "longitude": 27.5,
         "latitude": 53.8, "population": 20_000, "alternatenames": ["Minsk", "Mensk"]},
    ]  # fmt: skip
    gazetteer = places.Gazetteer.from_cities(rows)
    assert gazetteer.lookup("minsk", "BLR").geonameid == 1  # its own name
    assert "2 GeoNames cities" in gazetteer.lookup("Mensk", "BLR")  # an alias of both
    assert gazetteer.lookup("Minsk District", "BLR").geonameid == 5
