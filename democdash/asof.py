"""What was known as of a date: the one place that decides it (the store's reads use it).

A record is known as of a view date D when one of its sources was published by the end of D's
period: the source's article's publication date, taken at its latest bound ("about Nov 2020" ends
on 30 Nov 2020), is on or before the last day of D ("2021-03" ends on 31 Mar 2021). An article
with no publication date cannot be shown to have been known at any past date, so it counts only
when no view date is set. A status as of D is the latest entry (by its own as-of date) whose
source was known by then.

Everything here is pure: dates in, answers out, so it is tested on its own.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import Any, TypeVar

from democdash import dates

T = TypeVar("T")

#: The latest bound of each article's publication date (None: undated), by article id.
PublishedBy = Mapping[str, date | None]


def period_end(view: str | date) -> date:
    """The last day of a view date's period: "2021" -> 31 Dec 2021, "2021-03" -> 31 Mar 2021,
    "2021-03-01" or a `date` -> that day. `ValueError` for anything else."""
    if isinstance(view, date):
        return view
    text = str(view).strip()
    parts = text.split("-")
    try:
        if len(parts) == 1 and len(parts[0]) == 4:
            return date(int(parts[0]), 12, 31)
        if len(parts) == 2 and len(parts[0]) == 4:
            year, month = int(parts[0]), int(parts[1])
            return date(year, month, calendar.monthrange(year, month)[1])
        if len(parts) == 3:
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise ValueError(f"{view!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")


def published_by(articles: Iterable[Mapping[str, Any]]) -> dict[str, date | None]:
    """The latest bound of each article's publication date, from article payloads."""
    found: dict[str, date | None] = {}
    for article in articles:
        pub = article.get("published") or {}
        latest = pub.get("latest") or pub.get("earliest")
        if latest is None and pub.get("value"):
            _, high, *_ = dates.parse_value(pub["value"])
            latest = high
        found[article["id"]] = date.fromisoformat(latest) if isinstance(latest, str) else latest
    return found


def article_known(article_id: str, published: PublishedBy, view_end: date | None) -> bool:
    """Whether an article was published by `view_end` (always, when no view date is set)."""
    if view_end is None:
        return True
    when = published.get(article_id)
    return when is not None and when <= view_end


def source_known(source: Mapping[str, Any], published: PublishedBy, view_end: date | None) -> bool:
    """Whether a source reference (`{article, paragraph, quote}`) was known by `view_end`."""
    return article_known(source["article"], published, view_end)


def known_sources(
    sources: Iterable[Mapping[str, Any]], published: PublishedBy, view_end: date | None
) -> list[Mapping[str, Any]]:
    """The sources of a record that were known by `view_end`, in their order."""
    return [s for s in sources if source_known(s, published, view_end)]


def _as_of_key(entry: Mapping[str, Any]) -> date:
    as_of = entry.get("as_of") or {}
    bound = as_of.get("latest") or as_of.get("earliest")
    if isinstance(bound, str):
        return date.fromisoformat(bound)
    return bound or date.min


def status_history(
    entries: Sequence[Mapping[str, Any]], published: PublishedBy, view_end: date | None
) -> list[Mapping[str, Any]]:
    """The status entries known by `view_end`, oldest first (by their as-of date; entries with
    the same date keep their order in the record)."""
    known = [e for e in entries if source_known(e["source"], published, view_end)]
    return [e for _, _, e in sorted((_as_of_key(e), i, e) for i, e in enumerate(known))]


def current_status(
    entries: Sequence[Mapping[str, Any]], published: PublishedBy, view_end: date | None
) -> Mapping[str, Any] | None:
    """The status entry that holds as of `view_end` (the latest known by then), or None."""
    history = status_history(entries, published, view_end)
    return history[-1] if history else None


def known_items(
    items: Iterable[T],
    sources_of: Callable[[T], Iterable[Mapping[str, Any]]],
    published: PublishedBy,
    view_end: date | None,
) -> list[T]:
    """The items (records, positions...) with at least one source known by `view_end`."""
    if view_end is None:
        return list(items)
    return [
        item
        for item in items
        if any(source_known(s, published, view_end) for s in sources_of(item))
    ]


def as_known(
    payload: Mapping[str, Any], published: PublishedBy, view_end: date | None
) -> dict[str, Any] | None:
    """A record's payload as it stood at `view_end`: only the sources, positions and status
    entries known by then (statuses oldest first), or None when none of its sources was
    known. With no view date everything is kept; statuses are still put in date order."""
    out = dict(payload)
    if "sources" in payload:
        out["sources"] = known_sources(payload["sources"], published, view_end)
        if not out["sources"]:
            return None
    if "positions" in payload:
        out["positions"] = [
            p for p in payload["positions"] if source_known(p["source"], published, view_end)
        ]
    if "statuses" in payload:
        out["statuses"] = status_history(payload["statuses"], published, view_end)
    return out
