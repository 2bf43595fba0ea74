"""Whole-dataset checks: schemas (via `datafiles`), unique ids, cross-references, quotes.

`validate_dir` is what `democdash validate` and the store's seeding run (with the boundary
files' checks, `boundary_files.check_boundaries`); `check_quotes` also
needs the article texts, which are not part of the project (see `settings.default_seeds_dir`).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from democdash.boundary_files import check_boundaries
from democdash.datafiles import DATA_FILES, Dataset, LoadResult, load_dataset
from democdash.indicators.read import INDICATORS_DIRNAME, read_folder
from democdash.models import SPECIAL_CLAIMANTS
from democdash.problems import Problem
from democdash.text import paragraphs


def _refs(record, field_name: str) -> Iterable[tuple[str, str]]:
    value = getattr(record, field_name)
    if value is None:
        return []
    if isinstance(value, list):
        return [(f"{field_name}.{i}", v) for i, v in enumerate(value)]
    return [(field_name, value)]


def check_references(dataset: Dataset) -> list[Problem]:
    """Every reference points at an existing record: countries, actors, articles, events..."""
    problems: list[Problem] = []
    ids = {kind: dataset.ids(kind) | dataset.rejected.get(kind, set()) for kind in dataset.records}
    articles = {a.id: a for a in dataset.articles}
    claimants = ids["actors"] | SPECIAL_CLAIMANTS
    # (field, kind it refers to) for each record kind
    links: dict[str, list[tuple[str, str | set[str]]]] = {
        "actors": [("country", "countries")],
        "events": [
            ("country", "countries"),
            ("countries_involved", "countries"),
            ("actors", "actors"),
        ],
        "options": [
            ("actors", "actors"),
            ("target", "countries"),
            ("risks", "risks"),
            ("related_events", "events"),
            ("sanctions", "sanctions"),
        ],
        "sanctions": [("imposed_by", "actors"), ("target_country", "countries")],
        "risks": [("threatens_options", "options"), ("threatens_countries", "countries")],
    }
    for kind, fields in links.items():
        file = DATA_FILES[kind]
        for record in dataset.records[kind]:
            for field_name, target in fields:
                allowed = ids[target] if isinstance(target, str) else target
                for loc, value in _refs(record, field_name):
                    if value not in allowed:
                        what = target if isinstance(target, str) else "actors (or 'author')"
                        problems.append(
                            Problem(file, f"{value!r} is not in {what}", record.id, loc)
                        )
            if record.claimed_by not in claimants:
                problems.append(
                    Problem(
                        file,
                        f"{record.claimed_by!r} is not an actor id or 'author'",
                        record.id,
                        "claimed_by",
                    )
                )
            for i, position in enumerate(getattr(record, "positions", [])):
                if position.holder not in claimants:
                    problems.append(
                        Problem(
                            file,
                            f"{position.holder!r} is not an actor id, 'author' or 'critics'",
                            record.id,
                            f"positions.{i}.holder",
                        )
                    )
            for loc, source in record.source_refs():
                article = articles.get(source.article)
                if article is None:
                    problems.append(
                        Problem(
                            file,
                            f"article {source.article!r} is not in articles",
                            record.id,
                            f"{loc}.article",
                        )
                    )
                elif article.paragraphs and source.paragraph > article.paragraphs:
                    problems.append(
                        Problem(
                            file,
                            f"paragraph {source.paragraph} is beyond the article's "
                            f"{article.paragraphs} paragraphs",
                            record.id,
                            f"{loc}.paragraph",
                        )
                    )
        if kind == "sanctions":
            for record in dataset.records[kind]:
                for i, target in enumerate(record.targets):
                    if target.actor and target.actor not in ids["actors"]:
                        problems.append(
                            Problem(
                                file,
                                f"{target.actor!r} is not in actors",
                                record.id,
                                f"targets.{i}.actor",
                            )
                        )
    return problems


def validate_dir(data_dir: Path) -> LoadResult:
    """Load a data folder and run every check that needs no article text (the boundary
    files' too: a broken map file is named like any other data file)."""
    result = load_dataset(data_dir)
    if not data_dir.is_dir():
        return result
    if not any(p.file in DATA_FILES.values() and p.record is None for p in result.problems):
        result.problems.extend(check_references(result.dataset))
    result.problems.extend(check_boundaries(data_dir))
    result.problems.extend(read_folder(data_dir / INDICATORS_DIRNAME)[1])
    return result


def check_quotes(dataset: Dataset, texts_dir: Path) -> list[Problem]:
    """Every quote appears verbatim in the paragraph it cites (needs the article texts)."""
    problems: list[Problem] = []
    texts: dict[str, list[str] | None] = {}
    for article in dataset.articles:
        if not article.source_file:
            continue
        path = texts_dir / article.source_file
        texts[article.id] = (
            [p.text for p in paragraphs(path.read_text(encoding="utf-8"))]
            if path.is_file()
            else None
        )
        if texts[article.id] is None:
            problems.append(
                Problem("articles.yaml", f"text file {path} not found", article.id, "source_file")
            )
    for kind, file in DATA_FILES.items():
        for record in dataset.records[kind]:
            refs = record.source_refs() if hasattr(record, "source_refs") else []
            for loc, source in refs:
                paras = texts.get(source.article)
                if not paras:
                    continue
                if source.paragraph > len(paras):
                    problems.append(
                        Problem(
                            file,
                            f"paragraph {source.paragraph} does not exist "
                            f"(the text has {len(paras)})",
                            record.id,
                            f"{loc}.paragraph",
                        )
                    )
                elif source.quote not in paras[source.paragraph - 1]:
                    where = next((n for n, p in enumerate(paras, 1) if source.quote in p), None)
                    hint = f" (it is in paragraph {where})" if where else ""
                    problems.append(
                        Problem(
                            file,
                            f"quote not found verbatim in paragraph {source.paragraph}{hint}: "
                            f"{source.quote[:60]!r}",
                            record.id,
                            f"{loc}.quote",
                        )
                    )
    return problems
