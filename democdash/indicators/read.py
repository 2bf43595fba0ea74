"""Reading and checking an indicator file against its sidecar.

All or nothing: a file with any bad row gives no table, and every bad row is named by line and
column (the header is line 1, as a spreadsheet counts), so an editor can fix the file in one go.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml
from pydantic import ValidationError

from democdash.indicators.codes import code_problem
from democdash.indicators.spec import ColumnSpec, IndicatorSpec
from democdash.indicators.table import IndicatorTable
from democdash.problems import Problem
from democdash.readfile import read_data_file

#: The data folder's sub-folder holding indicator datasets (one YAML sidecar per file).
INDICATORS_DIRNAME = "indicators"
#: Years outside this span are typing mistakes, not data.
YEAR_RANGE = (1800, 2100)
#: At most this many bad rows are named one by one; the rest are counted.
MAX_NAMED = 200


@dataclass
class ReadResult:
    """The checked table, or None with the problems that stopped it."""

    table: IndicatorTable | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the file can be used."""
        return self.table is not None and not self.problems


def parse_spec(text: str | bytes | None, label: str) -> tuple[IndicatorSpec | None, list[Problem]]:
    """A sidecar's spec from its YAML text, or None with what is wrong (field by field)."""
    if text is None:
        return None, []
    try:
        loaded = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        return None, [Problem(label, f"broken YAML: {getattr(exc, 'problem', exc)}", line=line)]
    if not isinstance(loaded, dict):
        return None, [Problem(label, "expected a mapping (id, title, columns, ...)")]
    try:
        return IndicatorSpec.model_validate(loaded), []
    except ValidationError as exc:
        return None, [
            Problem(label, err["msg"], field=".".join(str(p) for p in err["loc"]) or None)
            for err in exc.errors()
        ]


def decode(raw: bytes, label: str) -> tuple[str | None, list[Problem]]:
    """The file's text, or the line and byte where it stops being UTF-8."""
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        position = exc.start - (before.rfind(b"\n") + 1) + 1
        byte = raw[exc.start : exc.start + 1].hex()
        return None, [
            Problem(
                label,
                f"is not UTF-8 text: byte 0x{byte} at position {position}; save the file as "
                "UTF-8 (in a spreadsheet: CSV UTF-8)",
                line=line,
            )
        ]


def _rows(text: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    start = 1
    for row in reader:
        yield start, row
        start = reader.line_num + 1


def _number(raw: str, column: ColumnSpec) -> tuple[float | None, str | None]:
    if raw == "":
        return None, None
    try:
        value = float(raw)
    except ValueError:
        return None, f"{raw!r} is not a number"
    if not math.isfinite(value):
        return None, f"{raw!r} is not a finite number"
    if column.minimum is not None and value < column.minimum:
        return None, f"{raw} is below the column's minimum {column.minimum:g}"
    if column.maximum is not None and value > column.maximum:
        return None, f"{raw} is above the column's maximum {column.maximum:g}"
    return value, None


def _category(raw: str, column: ColumnSpec) -> tuple[str | None, str | None]:
    if raw == "":
        return None, None
    key = raw[:-2] if raw.endswith(".0") else raw
    if key in column.categories:
        return key, None
    allowed = ", ".join(f"{k} ({v})" for k, v in column.categories.items())
    return None, f"{raw!r} is not one of the column's categories: {allowed}"


def _year(raw: str) -> tuple[int | None, str | None]:
    try:
        year = int(raw.strip())
    except ValueError:
        return None, f"{raw!r} is not a year (a whole number such as 2021)"
    if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        return None, f"{year} is outside the years {YEAR_RANGE[0]}-{YEAR_RANGE[1]}"
    return year, None


class _Checker:
    """Checks rows one by one, keeping the good values and naming every bad one."""

    def __init__(self, spec: IndicatorSpec, label: str, header: list[str]):
        self.spec = spec
        self.label = label
        self.index = {name: header.index(name) for name in spec.file_columns}
        self.width = len(header)
        self.problems: list[Problem] = []
        self.bad = 0
        self.seen: dict[tuple[str, int], int] = {}
        self.records: list[dict[str, object]] = []

    def fail(self, line: int, column: str | None, message: str) -> None:
        self.bad += 1
        if len(self.problems) < MAX_NAMED:
            self.problems.append(Problem(self.label, message, line=line, column=column))

    def row(self, line: int, row: list[str]) -> None:
        if not any(cell.strip() for cell in row):
            return
        if len(row) != self.width:
            self.fail(line, None, f"has {len(row)} cells; the header has {self.width}")
            return
        spec = self.spec
        code = row[self.index[spec.country_column]].strip()
        ok = True
        if not code:
            self.fail(line, spec.country_column, "no country code")
            ok = False
        elif (problem := code_problem(code, spec.code_system)) is not None:
            self.fail(line, spec.country_column, problem)
            ok = False
        year, problem = _year(row[self.index[spec.year_column]])
        if problem:
            self.fail(line, spec.year_column, problem)
            ok = False
        record: dict[str, object] = {"country": code, "year": year}
        if spec.name_column:
            record["name"] = row[self.index[spec.name_column]].strip()
        for column in spec.columns:
            raw = row[self.index[column.name]].strip()
            check = _number if column.kind == "numeric" else _category
            value, problem = check(raw, column)
            if problem:
                self.fail(line, column.name, problem)
                ok = False
            record[column.name] = value
        ok = self._interval_holds(line, record) and ok
        if year is not None and code:
            first = self.seen.setdefault((code, year), line)
            if first != line:
                self.fail(line, spec.country_column, f"{code} {year} is already on line {first}")
                ok = False
        if ok:
            self.records.append(record)

    def _interval_holds(self, line: int, record: dict[str, object]) -> bool:
        for column in self.spec.columns:
            if column.interval is None:
                continue
            low, high = (record.get(name) for name in column.interval)
            value = record.get(column.name)
            if None in (low, high, value):
                continue
            if not low <= value <= high:  # type: ignore[operator]
                self.fail(
                    line,
                    column.name,
                    f"{value} lies outside its interval {low}-{high} "
                    f"({column.interval[0]}, {column.interval[1]})",
                )
                return False
        return True

    def finish(self) -> list[Problem]:
        if self.bad > len(self.problems):
            rest = self.bad - len(self.problems)
            self.problems.append(Problem(self.label, f"... and {rest} more bad cell(s)"))
        return self.problems


def read_table(raw: bytes, spec: IndicatorSpec, label: str) -> ReadResult:
    """Check an indicator file's bytes against `spec`: the table, or every problem found."""
    text, problems = decode(raw, label)
    if text is None:
        return ReadResult(None, problems)
    rows = _rows(text)
    first = next(rows, None)
    if first is None:
        return ReadResult(None, [Problem(label, "is empty: expected a header row", line=1)])
    header = [cell.strip() for cell in first[1]]
    missing = [name for name in spec.file_columns if name not in header]
    if missing:
        return ReadResult(
            None,
            [Problem(label, f"the header lacks the columns: {', '.join(missing)}", line=1)],
        )
    doubled = sorted({name for name in header if name and header.count(name) > 1})
    if doubled:
        return ReadResult(
            None, [Problem(label, f"columns named twice: {', '.join(doubled)}", line=1)]
        )
    checker = _Checker(spec, label, header)
    line = 1
    try:
        for line, row in rows:
            checker.row(line, row)
    except csv.Error as exc:
        checker.fail(line + 1, None, f"broken CSV: {exc}")
    problems = checker.finish()
    if problems:
        return ReadResult(None, problems)
    if not checker.records:
        return ReadResult(None, [Problem(label, "has a header but no rows")])
    return ReadResult(IndicatorTable(spec, _frame(spec, checker.records)), [])


def _frame(spec: IndicatorSpec, records: list[dict[str, object]]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(records)
    frame["year"] = frame["year"].astype("int64")
    for column in spec.columns:
        if column.kind == "numeric":
            frame[column.name] = pd.to_numeric(frame[column.name], errors="raise").astype("float64")
    return frame.sort_values(["country", "year"], ignore_index=True)


def read_pair(sidecar: Path, data_file: Path | None = None, prefix: str = "") -> ReadResult:
    """Read a sidecar and the file it names (or `data_file`), checked together; problems
    are filed under `prefix` + each file's name."""
    problems: list[Problem] = []
    raw_spec = read_data_file(sidecar, prefix + sidecar.name, problems)
    spec, spec_problems = parse_spec(raw_spec, prefix + sidecar.name)
    problems.extend(spec_problems)
    if spec is None:
        return ReadResult(None, problems)
    path = data_file or sidecar.parent / spec.file
    raw = read_data_file(path, prefix + path.name, problems)
    if raw is None:
        return ReadResult(None, problems)
    return read_table(raw, spec, prefix + path.name)


def read_folder(folder: Path) -> tuple[list[IndicatorTable], list[Problem]]:
    """Every dataset in a data folder's `indicators/` (one sidecar `*.yaml` each)."""
    tables: list[IndicatorTable] = []
    problems: list[Problem] = []
    if not folder.is_dir():
        return tables, problems
    ids: dict[str, str] = {}
    for sidecar in sorted(folder.glob("*.yaml")):
        result = read_pair(sidecar, prefix=f"{folder.name}/")
        problems.extend(result.problems)
        if result.table is None:
            continue
        dataset_id = result.table.spec.id
        if dataset_id in ids:
            problems.append(
                Problem(
                    f"{folder.name}/{sidecar.name}",
                    f"dataset id {dataset_id!r} is also {ids[dataset_id]}'s",
                )
            )
            continue
        ids[dataset_id] = sidecar.name
        tables.append(result.table)
    return tables, problems


def folder_version(folder: Path) -> str:
    """A cheap key that changes whenever a file in `folder` does (names, sizes, times), for
    caches; indicators are read from files, not seeded into the store."""
    if not folder.is_dir():
        return "none"
    parts = []
    for path in sorted(folder.iterdir()):
        try:
            info = path.stat()
        except OSError:
            continue
        parts.append(f"{path.name}:{info.st_size}:{info.st_mtime_ns}")
    return "|".join(parts) or "empty"
