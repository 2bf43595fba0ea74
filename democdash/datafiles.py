"""Reading the curated data folder: one file per kind of record, each checked against its schema.

Layout of `data/` (documented in docs/data.md):

- `dataset.yaml`: name, version, date updated, licence and coverage notes;
- `articles.yaml`, `actors.yaml`, `events.yaml`, `options.yaml`, `sanctions.yaml`, `risks.yaml`:
  a YAML list of records each;
- `countries.csv`: one row per country or territory (`alt_names` separated by `;`).

Every problem found names the file, the record and the field; nothing is raised for bad data,
the caller decides (the CLI prints and exits non-zero, the store keeps what it had).
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from democdash import boundary_files
from democdash.models import (
    KINDS,
    Article,
    Country,
    record_key,
)
from democdash.problems import Problem
from democdash.readfile import file_digest_part, read_text_file
from democdash.vocab import DateBasis

DATASET_FILE = "dataset.yaml"
CSV_KINDS = {"countries"}
#: Files that make up the dataset, in load order; their bytes define the data version.
DATA_FILES = {kind: f"{kind}.csv" if kind in CSV_KINDS else f"{kind}.yaml" for kind in KINDS}
COUNTRY_COLUMNS = ["iso3", "name", "role", "context", "alt_names"]
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: 10x faster


@dataclass
class Dataset:
    """Every record of a data folder, by kind, plus its metadata."""

    meta: dict[str, Any] = field(default_factory=dict)
    records: dict[str, list[BaseModel]] = field(default_factory=lambda: {k: [] for k in KINDS})
    version: str = ""
    #: ids of records that failed their schema, so references to them are not reported twice
    rejected: dict[str, set[str]] = field(default_factory=dict)

    @property
    def articles(self) -> list[Article]:
        return self.records["articles"]  # type: ignore[return-value]

    @property
    def countries(self) -> list[Country]:
        return self.records["countries"]  # type: ignore[return-value]

    def ids(self, kind: str) -> set[str]:
        return {record_key(kind, r) for r in self.records[kind]}

    def counts(self) -> dict[str, int]:
        return {kind: len(items) for kind, items in self.records.items()}


@dataclass
class LoadResult:
    dataset: Dataset
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems


def data_version(data_dir: Path) -> str:
    """`<dataset version>+<short hash of the data files>`: changes whenever any data file does
    (the boundary files too). Never raises: an unreadable file counts by what is wrong with it."""
    digest = hashlib.sha256()
    for name in [DATASET_FILE, *DATA_FILES.values(), *boundary_files.VERSIONED_FILES]:
        digest.update(name.encode())
        digest.update(file_digest_part(data_dir / name))
    meta_version = "0"
    meta_text = read_text_file(data_dir / DATASET_FILE, DATASET_FILE, [])
    try:
        meta = yaml.safe_load(meta_text or "") or {}
        meta_version = str(meta.get("version", "0"))
    except (yaml.YAMLError, AttributeError):
        pass
    return f"{meta_version}+{digest.hexdigest()[:8]}"


def _read_text(path: Path, problems: list[Problem]) -> str | None:
    return read_text_file(path, path.name, problems)


def _read_yaml_list(path: Path, problems: list[Problem]) -> list[Any] | None:
    text = _read_text(path, problems)
    if text is None:
        return None
    try:
        loaded = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        problems.append(Problem(path.name, f"broken YAML{where}: {reason}"))
        return None
    if loaded is None:
        return []
    if not isinstance(loaded, list):
        problems.append(
            Problem(path.name, f"expected a list of records, found {type(loaded).__name__}")
        )
        return None
    return loaded


def _read_country_rows(path: Path, problems: list[Problem]) -> list[Any] | None:
    text = _read_text(path, problems)
    if text is None:
        return None
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    rows: list[Any] = []
    try:
        header = reader.fieldnames or []
        missing = [c for c in ("iso3", "name", "role", "context") if c not in header]
        unknown = [c for c in header if c not in COUNTRY_COLUMNS]
        if missing or unknown:
            detail = []
            if missing:
                detail.append(f"missing column(s) {', '.join(missing)}")
            if unknown:
                detail.append(f"unknown column(s) {', '.join(unknown)}")
            problems.append(Problem(path.name, "broken CSV header: " + "; ".join(detail)))
            return None
        for row in reader:
            if None in row or any(v is None for v in row.values()):
                problems.append(
                    Problem(
                        path.name,
                        f"broken CSV at line {reader.line_num}: expected {len(header)} fields",
                    )
                )
                return None
            row = dict(row)
            row["alt_names"] = [a.strip() for a in (row.get("alt_names") or "").split(";") if a]
            rows.append(row)
    except csv.Error as exc:
        problems.append(Problem(path.name, f"broken CSV at line {reader.line_num}: {exc}"))
        return None
    return rows


def _validation_problems(file: str, record: str, exc: ValidationError) -> list[Problem]:
    found = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err["loc"])
        message = err["msg"].removeprefix("Value error, ")
        if err["type"] == "missing":
            message = "required field is missing"
        elif err["type"] == "extra_forbidden":
            message = "unknown field (typo?)"
        found.append(Problem(file, message, record, loc or None))
    return found


def _bound_undated(dataset: Dataset) -> None:
    """An undated event is bounded by the date of the article that reports it."""
    published = {a.id: a.published for a in dataset.articles}
    for kind in ("events",):
        for record in dataset.records[kind]:
            date_value = record.date  # type: ignore[attr-defined]
            if date_value.basis == DateBasis.NOT_STATED and date_value.latest is None:
                pub = published.get(record.sources[0].article)  # type: ignore[attr-defined]
                if pub is not None and pub.latest is not None:
                    date_value.latest = pub.latest


def load_dataset(data_dir: Path) -> LoadResult:
    """Read and schema-check every data file; cross-references are checked by `validate`."""
    problems: list[Problem] = []
    dataset = Dataset()
    if not data_dir.is_dir():
        return LoadResult(dataset, [Problem(str(data_dir), "data folder does not exist")])
    meta_path = data_dir / DATASET_FILE
    meta_text = _read_text(meta_path, problems)
    if meta_text is not None:
        try:
            loaded = yaml.safe_load(meta_text) or {}
            if not isinstance(loaded, dict):
                problems.append(Problem(DATASET_FILE, "expected a mapping of dataset metadata"))
            else:
                dataset.meta = loaded
        except yaml.YAMLError as exc:
            problems.append(Problem(DATASET_FILE, f"broken YAML: {exc}"))
    for kind, model in KINDS.items():
        path = data_dir / DATA_FILES[kind]
        rows = (
            _read_country_rows(path, problems)
            if kind in CSV_KINDS
            else _read_yaml_list(path, problems)
        )
        if rows is None:
            continue
        seen: set[str] = set()
        for index, row in enumerate(rows, start=1):
            key_field = "iso3" if kind == "countries" else "id"
            label = (
                str(row.get(key_field)) if isinstance(row, dict) and row.get(key_field) else None
            )
            label = label or f"#{index}"
            if not isinstance(row, dict):
                problems.append(Problem(path.name, "expected a mapping of fields", label))
                continue
            try:
                record = model.model_validate(row)
            except ValidationError as exc:
                problems.extend(_validation_problems(path.name, label, exc))
                dataset.rejected.setdefault(kind, set()).add(label)
                continue
            key = record_key(kind, record)
            if key in seen:
                problems.append(Problem(path.name, f"duplicate id {key!r}", key, key_field))
                continue
            seen.add(key)
            dataset.records[kind].append(record)
    _bound_undated(dataset)
    dataset.version = data_version(data_dir)
    return LoadResult(dataset, problems)
