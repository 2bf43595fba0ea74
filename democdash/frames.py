"""Records as DataFrames: one row per record, nested fields flattened for tables and filters.

These are the frames every page and export reads (through `democdash.store.Store`). Columns
that hold several values (actors, sources) hold Python lists.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from types import SimpleNamespace
from typing import Any

import pandas as pd

from democdash import corroboration, grading
from democdash.models import KINDS, Article, DateValue
from democdash.vocab import label

#: Columns of each kind's frame, in display order (an empty store still has these columns).
DATE_COLUMNS = ["text", "display", "value", "precision", "earliest", "latest", "basis"]
PROVENANCE = ["claimed_by", "origin", "n_sources", "articles", "standing", "stories", "support"]
COLUMNS: dict[str, list[str]] = {
    "articles": [
        "id",
        "title",
        "outlet",
        "author",
        "source_type",
        "published",
        "published_earliest",
        "published_latest",
        "published_note",
        "url",
        "url_note",
        "source_file",
        "text_sha256",
        "paragraphs",
        "origin",
        "reliability",
        "citation",
        "reference",
    ],
    "countries": ["iso3", "name", "role", "context", "alt_names", "origin"],
    "actors": ["id", "name", "aliases", "kind", "country", "role", "description", *PROVENANCE],
    "events": [
        "id",
        "date",
        "date_text",
        "date_value",
        "precision",
        "approximate",
        "open_end",
        "date_earliest",
        "date_latest",
        "date_basis",
        "sort_date",
        "country",
        "location",
        "countries_involved",
        "type",
        "type_label",
        "cameo",
        "actors",
        "summary",
        *PROVENANCE,
    ],
    "options": [
        "id",
        "title",
        "instrument",
        "actors",
        "positions",
        "holders",
        "target",
        "status",
        "status_as_of",
        "status_as_of_latest",
        "status_history",
        "rationale",
        "constraints",
        "risks",
        "related_events",
        "sanctions",
        *PROVENANCE,
    ],
    "sanctions": [
        "id",
        "imposed_by",
        "target_country",
        "targets",
        "type",
        "status",
        "as_of",
        "as_of_latest",
        "status_history",
        "summary",
        *PROVENANCE,
    ],
    "risks": [
        "id",
        "title",
        "description",
        "threatens_options",
        "threatens_countries",
        *PROVENANCE,
    ],
}
SOURCE_COLUMNS = [
    "kind",
    "record_id",
    "article",
    "paragraph",
    "quote",
    "claimed_by",
    "credibility",
]


def _ts(value: date | str | None) -> pd.Timestamp | None:
    return pd.Timestamp(value) if value else None


_DATE_FIELDS = frozenset(DateValue.model_fields)


def _dates(raw: dict[str, Any]) -> Any:
    """A stored date's fields, as a `DateValue` would hold them after validation.

    A stored payload holds a complete dump of a validated `DateValue` (every field, bounds
    already derived), so its fields are read as they are; only `earliest`/`latest` become
    dates again. Building and validating a model per row was most of the time spent building
    the 10,000-event frame. Any other dict (hand-written, or missing fields) is validated.
    """
    if raw.keys() != _DATE_FIELDS:
        return DateValue.model_validate(raw)
    return SimpleNamespace(
        **{**raw, "earliest": _date(raw["earliest"]), "latest": _date(raw["latest"])}
    )


def _display(dv: Any) -> str:
    """`DateValue.display` of a model or of the fields `_dates` read (one implementation)."""
    return DateValue.display(dv)


def _date(value: date | str | None) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _provenance(payload: dict[str, Any]) -> dict[str, Any]:
    sources = payload.get("sources", [])
    return {
        "claimed_by": payload.get("claimed_by"),
        "origin": payload.get("origin"),
        "n_sources": len(sources),
        "articles": sorted({s["article"] for s in sources}),
    }


def _event_row(p: dict[str, Any]) -> dict[str, Any]:
    dv = _dates(p["date"])
    return {
        "id": p["id"],
        "date": _display(dv),
        "date_text": dv.text,
        "date_value": dv.value,
        "precision": dv.precision,
        "approximate": dv.approximate,
        "open_end": dv.open_end,
        "date_earliest": _ts(dv.earliest),
        "date_latest": _ts(dv.latest),
        "date_basis": dv.basis,
        "sort_date": _ts(dv.earliest or dv.latest),
        "country": p["country"],
        "location": p.get("location"),
        "countries_involved": list(p.get("countries_involved") or [p["country"]]),
        "type": p["type"],
        "type_label": label(p["type"]),
        "cameo": p.get("cameo"),
        "actors": list(p.get("actors", [])),
        "summary": p["summary"],
        **_provenance(p),
    }


def _history(statuses: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A status history as plain rows, oldest first (entries of the same date keep their
    order); which entries count as of a view date is the store's business (`democdash.asof`)."""
    rows = []
    for entry in statuses:
        as_of = _dates(entry["as_of"])
        rows.append(
            {
                "status": entry["status"],
                "as_of": _display(as_of),
                "as_of_latest": _ts(as_of.latest or as_of.earliest),
                "article": entry["source"]["article"],
                "paragraph": entry["source"]["paragraph"],
                "quote": entry["source"]["quote"],
            }
        )
    return sorted(rows, key=lambda r: r["as_of_latest"] or pd.Timestamp.min)


def _current(history: list[dict[str, Any]]) -> dict[str, Any]:
    """The status that holds now (the last entry), or "unknown" with no date when none does."""
    if history:
        return history[-1]
    return {"status": "unknown", "as_of": None, "as_of_latest": None}


def _positions(p: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "holder": pos["holder"],
            "stance": pos["stance"],
            "date": _display(_dates(pos["date"])) if pos.get("date") else None,
            "article": pos["source"]["article"],
            "paragraph": pos["source"]["paragraph"],
            "quote": pos["source"]["quote"],
        }
        for pos in p.get("positions", [])
    ]


def _option_row(p: dict[str, Any]) -> dict[str, Any]:
    history = _history(p.get("statuses", []))
    now = _current(history)
    positions = _positions(p)
    return {
        **{k: p.get(k) for k in ("id", "title", "instrument", "target")},
        "actors": list(p.get("actors", [])),
        "positions": positions,
        "holders": list(dict.fromkeys(pos["holder"] for pos in positions)),
        "status": now["status"],
        "status_as_of": now["as_of"],
        "status_as_of_latest": now["as_of_latest"],
        "status_history": history,
        "rationale": p.get("rationale"),
        "constraints": p.get("constraints"),
        "risks": list(p.get("risks", [])),
        "related_events": list(p.get("related_events", [])),
        "sanctions": list(p.get("sanctions", [])),
        **_provenance(p),
    }


def _sanction_row(p: dict[str, Any]) -> dict[str, Any]:
    history = _history(p.get("statuses", []))
    now = _current(history)
    return {
        "id": p["id"],
        "imposed_by": list(p["imposed_by"]),
        "target_country": p["target_country"],
        "targets": [t["name"] for t in p["targets"]],
        "type": p.get("type"),
        "status": now["status"],
        "as_of": now["as_of"],
        "as_of_latest": now["as_of_latest"],
        "status_history": history,
        "summary": p["summary"],
        **_provenance(p),
    }


def _risk_row(p: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": p["id"],
        "title": p["title"],
        "description": p["description"],
        "threatens_options": list(p.get("threatens_options", [])),
        "threatens_countries": list(p.get("threatens_countries", [])),
        **_provenance(p),
    }


def _actor_row(p: dict[str, Any]) -> dict[str, Any]:
    return {
        **{k: p.get(k) for k in ("id", "name", "kind", "country", "role", "description")},
        # every other name, ours included: the column serves search and article matching
        "aliases": [*p.get("aliases", []), *p.get("search_aliases", [])],
        **_provenance(p),
    }


def _country_row(p: dict[str, Any]) -> dict[str, Any]:
    return {**{k: p.get(k) for k in COLUMNS["countries"]}, "alt_names": p.get("alt_names", [])}


def _article_row(p: dict[str, Any], grades: Mapping[tuple[str, str], Any]) -> dict[str, Any]:
    article = Article.model_validate(p)
    pub = article.published
    return {
        **{
            k: p.get(k)
            for k in (
                "id",
                "title",
                "outlet",
                "author",
                "source_type",
                "published_note",
                "url",
                "url_note",
                "source_file",
                "text_sha256",
                "paragraphs",
                "origin",
            )
        },
        "published": pub.display(),
        "published_earliest": _ts(pub.earliest),
        "published_latest": _ts(pub.latest or pub.earliest),
        "reliability": grading.reliability_label(grading.article_reliability(p, grades)),
        "citation": article.citation(),
        "reference": article.reference(),
    }


_ROWS = {
    "countries": _country_row,
    "actors": _actor_row,
    "events": _event_row,
    "options": _option_row,
    "sanctions": _sanction_row,
    "risks": _risk_row,
}


def frame(
    kind: str,
    payloads: Iterable[dict[str, Any]],
    grades: Iterable[Any] = (),
    articles: Mapping[str, Mapping[str, Any]] | None = None,
) -> pd.DataFrame:
    """One kind's records (as JSON-ready dicts) as a DataFrame with the documented columns;
    articles inherit the outlet and author `grades` (`SourceGrade`s) they have none of; with
    `articles` (payloads by id) each sourced record says how well it is supported
    (`standing`, `stories`: independent stories, `support`: in words; `democdash.
    corroboration`), else those columns are empty."""
    if kind not in KINDS:
        raise KeyError(f"unknown kind {kind!r}")
    if kind == "articles":
        index = grading.grade_index(grades)
        rows = [_article_row(p, index) for p in payloads]
    else:
        payloads = list(payloads)
        rows = [_ROWS[kind](p) for p in payloads]
        if articles is not None and "standing" in COLUMNS[kind]:
            for row, payload in zip(rows, payloads, strict=True):
                found = corroboration.support(payload.get("sources", []), articles)
                row.update(standing=found.standing, stories=found.stories, support=found.label)
    df = pd.DataFrame(rows, columns=COLUMNS[kind])
    key = "iso3" if kind == "countries" else "id"
    return df.sort_values(key, kind="stable", ignore_index=True) if len(df) else df


def sources_frame(items: Iterable[tuple[str, dict[str, Any]]]) -> pd.DataFrame:
    """Every source reference of the given (kind, payload) records, one row per reference."""
    rows = [
        (
            kind,
            p["id"],
            s["article"],
            s["paragraph"],
            s["quote"],
            p.get("claimed_by"),
            grading.credibility_label(grading.claim_credibility(s, p)),
        )
        for kind, p in items
        for s in p.get("sources", [])
    ]
    return pd.DataFrame(rows, columns=SOURCE_COLUMNS)
