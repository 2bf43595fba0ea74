"""What became known since a date: new sources, and the events, positions and status changes
they brought, for the "since" highlights and the overview's digest.

An article is new since a date S when its publication date's latest bound is on or after S's
first day: it was not yet known as of the day before S (`democdash.asof`'s rule). An undated
article is never new: nothing shows when it appeared. Read together with an as-of date, the
frames are those known by then, so "new" means published from S on and by the as-of date.

A record is new when every source it cites is new, and updated when some are (a new position,
a status entry, another report). A status change is a record whose status in force, from a new
source, differs from the one its older sources gave; a new sanction's first status counts too
(a sanction has no positions that would list it otherwise; a new option is listed by its
positions).

Pure: the as-of frames in, plain values out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from democdash import aggregates
from democdash.text import counted
from democdash.vocab import label

NEW = "new"
UPDATED = "updated"
#: Kinds whose records are marked new or updated.
MARKED_KINDS = ("events", "options", "sanctions", "risks", "actors")


def new_articles(articles: pd.DataFrame, since_start: date | None) -> frozenset[str]:
    """Ids of the articles published on or after `since_start` (latest bound of their date);
    none when no since date is set."""
    if since_start is None or articles.empty:
        return frozenset()
    latest = pd.to_datetime(articles["published_latest"])
    keep = latest.notna() & (latest >= pd.Timestamp(since_start))
    return frozenset(articles.loc[keep, "id"])


def mark(articles: Any, new: frozenset[str]) -> str | None:
    """`NEW` when every one of a record's source articles is new, `UPDATED` when some are,
    else None."""
    cited = set(articles)
    if not cited or not new:
        return None
    fresh = cited & new
    if not fresh:
        return None
    return NEW if fresh == cited else UPDATED


def marks(frames: Mapping[str, pd.DataFrame], new: frozenset[str]) -> dict[str, dict[str, str]]:
    """For each kind in `MARKED_KINDS` present in `frames`, {record id: NEW or UPDATED} for
    the records that new articles brought or added to."""
    found: dict[str, dict[str, str]] = {}
    for kind in MARKED_KINDS:
        frame = frames.get(kind)
        if frame is None or not new:
            found[kind] = {}
            continue
        found[kind] = {
            record_id: m
            for record_id, cited in zip(frame["id"], frame["articles"], strict=True)
            if (m := mark(cited, new))
        }
    return found


@dataclass(frozen=True)
class DigestItem:
    """One line of the digest: what (our words or a title), a detail (date and type, who takes
    which stance, the status change, a source's date), and the quote that says so with its
    place. `kind` and `record_id` (with `country`) say where the record is shown."""

    kind: str
    record_id: str
    country: str | None
    what: str
    detail: str
    quote: str | None = None
    paragraph: int | None = None
    article: str | None = None
    citation: str | None = None


@dataclass(frozen=True)
class Digest:
    """What became known since a date, by section, each in the order it is listed."""

    events: tuple[DigestItem, ...] = ()
    positions: tuple[DigestItem, ...] = ()
    status_changes: tuple[DigestItem, ...] = ()
    sources: tuple[DigestItem, ...] = ()

    def sections(self) -> list[tuple[str, tuple[DigestItem, ...]]]:
        """(heading, items) in display order."""
        return [
            ("New events", self.events),
            ("New positions", self.positions),
            ("Status changes", self.status_changes),
            ("New sources", self.sources),
        ]

    def __len__(self) -> int:
        return sum(len(items) for _, items in self.sections())


def _text(value: object) -> str | None:
    if value is None or (not isinstance(value, list | tuple) and pd.isna(value)):
        return None
    return str(value)


def _first_new_quotes(
    sources: pd.DataFrame, kind: str, new: frozenset[str]
) -> dict[str, tuple[str, int, str]]:
    """{record id: (quote, paragraph, article)} of each record's first source from a new
    article, in the record's own order."""
    rows = sources[(sources["kind"] == kind) & sources["article"].isin(new)]
    first = rows.drop_duplicates("record_id", keep="first")
    return {
        r: (str(q), int(p), str(a))
        for r, q, p, a in zip(
            first["record_id"], first["quote"], first["paragraph"], first["article"], strict=True
        )
    }


def _event_items(
    events: pd.DataFrame,
    quotes: Mapping[str, tuple[str, int, str]],
    new: frozenset[str],
    citations: Mapping[str, str],
    country_names: Mapping[str, str],
) -> list[DigestItem]:
    fresh = events[[mark(a, new) == NEW for a in events["articles"]]]
    fresh = fresh.sort_values(["sort_date", "id"], ascending=[False, True], na_position="last")
    items = []
    for e in fresh.itertuples():
        quote, paragraph, article = quotes.get(e.id, (None, None, None))
        items.append(
            DigestItem(
                kind="events",
                record_id=e.id,
                country=e.country,
                what=str(e.summary),
                detail=f"{e.date} · {e.type_label} · {country_names.get(e.country, e.country)}",
                quote=quote,
                paragraph=paragraph,
                article=article,
                citation=citations.get(article) if article else None,
            )
        )
    return items


def _position_items(
    options: pd.DataFrame,
    new: frozenset[str],
    citations: Mapping[str, str],
    actor_names: Mapping[str, str],
) -> list[DigestItem]:
    items = []
    for o in options.itertuples():
        for pos in o.positions:
            if pos["article"] not in new:
                continue
            items.append(
                DigestItem(
                    kind="options",
                    record_id=o.id,
                    country=_text(o.target),
                    what=str(o.title),
                    detail=aggregates.position_label(pos, actor_names),
                    quote=str(pos["quote"]),
                    paragraph=int(pos["paragraph"]),
                    article=str(pos["article"]),
                    citation=citations.get(pos["article"]),
                )
            )
    return items


def status_change(history: list[Mapping[str, Any]], new: frozenset[str]) -> tuple[Any, Any]:
    """(status before, entry in force) when a record's status in force comes from a new source
    and differs from the one its other sources gave (before: None when it had none), else
    (None, None). `history` is a frame's `status_history`, oldest first."""
    if not history or history[-1]["article"] not in new:
        return None, None
    older = [h for h in history if h["article"] not in new]
    before = older[-1]["status"] if older else None
    if before == history[-1]["status"]:
        return None, None
    return before, history[-1]


def _status_items(
    frame: pd.DataFrame,
    kind: str,
    what_column: str,
    country_column: str,
    new: frozenset[str],
    citations: Mapping[str, str],
    first_reports: bool,
) -> list[DigestItem]:
    items = []
    for row in frame.itertuples():
        before, now = status_change(row.status_history, new)
        if now is None or (before is None and not first_reports):
            continue
        step = aggregates.status_line(now["status"], now["as_of"])
        detail = f"{label(before)} → {step}" if before else f"First reported: {step}"
        items.append(
            DigestItem(
                kind=kind,
                record_id=row.id,
                country=_text(getattr(row, country_column)),
                what=str(getattr(row, what_column)),
                detail=detail,
                quote=str(now["quote"]),
                paragraph=int(now["paragraph"]),
                article=str(now["article"]),
                citation=citations.get(now["article"]),
            )
        )
    return items


def _source_items(
    articles: pd.DataFrame, sources: pd.DataFrame, new: frozenset[str]
) -> list[DigestItem]:
    fresh = articles[articles["id"].isin(new)].sort_values(
        ["published_latest", "id"], ascending=[False, True]
    )
    records = sources[sources["article"].isin(new)].drop_duplicates(["kind", "record_id"])
    counts = records["article"].value_counts()
    items = []
    for a in fresh.itertuples():
        n = int(counts.get(a.id, 0))
        items.append(
            DigestItem(
                kind="articles",
                record_id=a.id,
                country=None,
                what=str(a.citation),
                detail=f"Published {a.published} · {counted(n, 'record')} drawn from it",
                article=a.id,
                citation=str(a.citation),
            )
        )
    return items


def build_digest(
    frames: Mapping[str, pd.DataFrame],
    sources: pd.DataFrame,
    new: frozenset[str],
    actor_names: Mapping[str, str],
    country_names: Mapping[str, str],
) -> Digest:
    """The digest of what the `new` articles brought, from the frames known as of the view
    date (`events`, `options`, `sanctions`, `articles`) and their `sources`: new events (newest
    first), new positions, status changes (options' changes, then sanctions' changes and first
    reports) and new sources (latest first), each with its quote and citation."""
    if not new:
        return Digest()
    citations = dict(zip(frames["articles"]["id"], frames["articles"]["citation"], strict=True))
    return Digest(
        events=tuple(
            _event_items(
                frames["events"],
                _first_new_quotes(sources, "events", new),
                new,
                citations,
                country_names,
            )
        ),
        positions=tuple(_position_items(frames["options"], new, citations, actor_names)),
        status_changes=tuple(
            _status_items(frames["options"], "options", "title", "target", new, citations, False)
            + _status_items(
                frames["sanctions"], "sanctions", "summary", "target_country", new, citations, True
            )
        ),
        sources=tuple(_source_items(frames["articles"], sources, new)),
    )
