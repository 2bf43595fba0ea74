"""The boundary files of a data folder (`boundaries/`): parsing and checking them.

`geo` loads boundaries for maps through the parsers here; `check_boundaries` is what
`democdash validate` and seeding run, so a truncated or hand-broken file is reported like any
other data file (file, record, field) instead of taking pages down. Plain JSON, CSV and YAML
with shapely: no GeoPandas, so `validate` stays quick to start.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import shapely
import shapely.geometry
import yaml

from democdash.problems import Problem
from democdash.readfile import decode_utf8, read_data_file

BOUNDARIES_DIRNAME = "boundaries"
LEVEL_FILES: dict[str, str] = {"world": "world.geojson", "regional": "regional.geojson"}
NEIGHBOURS_FILE = "neighbours.csv"
SOURCE_FILE = "SOURCE.yaml"
#: Every boundary file, relative to the data folder: they count in the data version.
VERSIONED_FILES = [
    f"{BOUNDARIES_DIRNAME}/{name}" for name in [*LEVEL_FILES.values(), NEIGHBOURS_FILE, SOURCE_FILE]
]
#: At most this many problems are listed per boundary file (a broken build breaks hundreds).
MAX_PROBLEMS_PER_FILE = 10
_SHAPE_TYPES = {"Polygon", "MultiPolygon"}


class BoundariesError(RuntimeError):
    """A boundaries file is missing or malformed; the message names the file."""

    def __init__(self, path: Path, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(
            f"Boundaries file {path}: {problem}. "
            "Rebuild it with: python scripts/build_boundaries.py"
        )


def label(name: str) -> str:
    """How problems name a boundary file: `boundaries/world.geojson`."""
    return f"{BOUNDARIES_DIRNAME}/{name}"


def read_file(path: Path) -> bytes:
    """A boundary file's bytes, or `BoundariesError` naming it (missing, a folder, a loop...)."""
    found: list[Problem] = []
    raw = read_data_file(path, path.name, found)
    if raw is None:
        raise BoundariesError(path, found[0].message)
    return raw


def _text(raw: bytes, name: str, problems: list[Problem]) -> str | None:
    return decode_utf8(raw, label(name), problems)


def _is_code(value: Any) -> bool:
    return isinstance(value, str) and len(value) == 3 and value.isascii() and value.isupper()


def _feature_problems(index: int, feature: Any, name: str) -> tuple[dict | None, list[Problem]]:
    """One GeoJSON feature as a row (iso3, name, geometry), or the problems that stop it."""
    file = label(name)
    if not isinstance(feature, dict):
        return None, [Problem(file, "expected a GeoJSON feature (an object)", f"#{index}")]
    props = feature.get("properties")
    props = props if isinstance(props, dict) else {}
    code = props.get("iso3")
    record = code if isinstance(code, str) and code else f"#{index}"
    found: list[Problem] = []
    if not _is_code(code):
        found.append(Problem(file, f"{code!r} is not a 3-letter code", record, "properties.iso3"))
    title = props.get("name")
    if not isinstance(title, str) or not title.strip():
        found.append(Problem(file, "a country name is required", record, "properties.name"))
    try:
        geometry = shapely.geometry.shape(feature["geometry"])
    except (KeyError, TypeError, ValueError, AttributeError, shapely.errors.ShapelyError) as exc:
        reason = str(exc) or type(exc).__name__
        found.append(Problem(file, f"not a valid GeoJSON geometry ({reason})", record, "geometry"))
        return None, found
    if geometry.geom_type not in _SHAPE_TYPES:
        found.append(
            Problem(
                file,
                f"expected a Polygon or MultiPolygon, found {geometry.geom_type}",
                record,
                "geometry",
            )
        )
    elif not geometry.is_valid:
        reason = shapely.is_valid_reason(geometry)
        found.append(Problem(file, f"invalid shape ({reason})", record, "geometry"))
    if found:
        return None, found
    return {"iso3": code, "name": title, "geometry": geometry}, []


def parse_geojson(raw: bytes, name: str) -> tuple[list[dict], list[Problem]]:
    """The countries of a boundaries GeoJSON (`iso3`, `name`, shapely `geometry`) and every
    problem found: broken JSON (with line and column), a wrong layout, bad features,
    duplicate codes. Rows come back only when there is no problem."""
    file = label(name)
    problems: list[Problem] = []
    text = _text(raw, name, problems)
    if text is None:
        return [], problems
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno} (character {exc.pos:,} of {len(text):,})"
        return [], [Problem(file, f"broken JSON at {where}: {exc.msg}")]
    features = doc.get("features") if isinstance(doc, dict) else None
    if not isinstance(features, list):
        return [], [Problem(file, "expected a GeoJSON FeatureCollection with a 'features' list")]
    if not features:
        return [], [Problem(file, "contains no countries")]
    rows: list[dict] = []
    seen: set[str] = set()
    for index, feature in enumerate(features, start=1):
        row, found = _feature_problems(index, feature, name)
        problems.extend(found)
        if row is None:
            continue
        if row["iso3"] in seen:
            problems.append(
                Problem(file, f"duplicate code {row['iso3']!r}", row["iso3"], "properties.iso3")
            )
        seen.add(row["iso3"])
        rows.append(row)
    return ([] if problems else rows), problems


def parse_neighbours(
    raw: bytes, name: str = NEIGHBOURS_FILE, known: set[str] | None = None
) -> tuple[dict[str, list[str]], list[Problem]]:
    """Land neighbours by code (`{"BLR": ["LTU", ...]}`) and every problem found: a wrong
    header, a broken line, a code that is not 3 letters or (given `known`) has no shape."""
    file = label(name)
    problems: list[Problem] = []
    text = _text(raw, name, problems)
    if text is None:
        return {}, problems
    result: dict[str, set[str]] = {}
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        if reader.fieldnames is None or not {"iso3", "neighbour"} <= set(reader.fieldnames):
            return {}, [Problem(file, "broken CSV header: expected columns iso3,neighbour")]
        for row in reader:
            line = f"line {reader.line_num}"
            pair = (row.get("iso3"), row.get("neighbour"))
            for column, code in zip(("iso3", "neighbour"), pair, strict=True):
                if not _is_code(code):
                    problems.append(Problem(file, f"{code!r} is not a 3-letter code", line, column))
                elif known is not None and code not in known:
                    problems.append(
                        Problem(file, f"{code!r} has no shape in world.geojson", line, column)
                    )
            if all(_is_code(c) for c in pair):
                result.setdefault(pair[0], set()).add(pair[1])  # type: ignore[index]
    except csv.Error as exc:
        problems.append(Problem(file, f"broken CSV at line {reader.line_num}: {exc}"))
    if problems:
        return {}, problems
    return {code: sorted(codes) for code, codes in result.items()}, []


def parse_source(raw: bytes, name: str = SOURCE_FILE) -> tuple[dict[str, Any], list[Problem]]:
    """The boundaries' provenance (SOURCE.yaml), which must name its `source` (a mapping)
    and a `disclaimer` shown under every map; or the problems found."""
    file = label(name)
    problems: list[Problem] = []
    text = _text(raw, name, problems)
    if text is None:
        return {}, problems
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return {}, [Problem(file, f"broken YAML{where}: {reason}")]
    if not isinstance(doc, dict):
        return {}, [Problem(file, "expected a mapping with 'source' and 'disclaimer'")]
    if not isinstance(doc.get("source"), dict):
        problems.append(Problem(file, "required mapping is missing", None, "source"))
    if not isinstance(doc.get("disclaimer"), str) or not doc["disclaimer"].strip():
        problems.append(Problem(file, "required text is missing", None, "disclaimer"))
    if "credit" in doc and not isinstance(doc["credit"], str):
        problems.append(Problem(file, "expected one line of text", None, "credit"))
    return ({} if problems else doc), problems


def _capped(problems: list[Problem]) -> list[Problem]:
    if len(problems) <= MAX_PROBLEMS_PER_FILE:
        return problems
    rest = len(problems) - MAX_PROBLEMS_PER_FILE
    return [
        *problems[:MAX_PROBLEMS_PER_FILE],
        Problem(problems[0].file, f"... and {rest} more problem(s) in this file"),
    ]


def check_boundaries(data_dir: Path) -> list[Problem]:
    """Every problem in `data_dir/boundaries/`: each level's GeoJSON, the neighbours table
    (its codes must have a shape at the world level) and SOURCE.yaml with the licence file it
    names. A data folder without a `boundaries/` folder has nothing to check (a test or
    synthetic folder: its maps then say the files are missing)."""
    folder = data_dir / BOUNDARIES_DIRNAME
    if not folder.exists() and not folder.is_symlink():
        return []
    problems: list[Problem] = []
    world_codes: set[str] | None = None
    for level_file in LEVEL_FILES.values():
        raw = read_data_file(folder / level_file, label(level_file), problems)
        if raw is None:
            continue
        rows, found = parse_geojson(raw, level_file)
        problems.extend(_capped(found))
        if level_file == LEVEL_FILES["world"] and not found:
            world_codes = {row["iso3"] for row in rows}
    raw = read_data_file(folder / NEIGHBOURS_FILE, label(NEIGHBOURS_FILE), problems)
    if raw is not None:
        problems.extend(_capped(parse_neighbours(raw, NEIGHBOURS_FILE, world_codes)[1]))
    raw = read_data_file(folder / SOURCE_FILE, label(SOURCE_FILE), problems)
    if raw is not None:
        doc, found = parse_source(raw)
        problems.extend(found)
        licence = (doc.get("source") or {}).get("license_file") if doc else None
        if isinstance(licence, str) and not (folder / licence).is_file():
            problems.append(
                Problem(
                    label(SOURCE_FILE),
                    f"the licence file {licence!r} is missing",
                    None,
                    "source.license_file",
                )
            )
    return problems
