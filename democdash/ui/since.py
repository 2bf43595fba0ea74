"""What is new since the view's `since` date, as pages show it: marks on records and quotes
(a "New" or "Updated" badge, or a table column), the banner's counts and the overview's digest.

The rules are `democdash.digest`'s; everything here is made once per revision and view dates
(`data.derived`). With no since date nothing is marked and nothing here costs a thing.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import streamlit as st

from democdash import digest
from democdash.text import quoted
from democdash.ui import data
from democdash.ui.safe import md

BADGES = {digest.NEW: ":orange-badge[New]", digest.UPDATED: ":blue-badge[Updated]"}
COLUMN_LABELS = {digest.NEW: "New", digest.UPDATED: "Updated"}
#: Items the overview's digest lists per section (the rest are counted, and marked on pages).
DIGEST_ITEMS = 8


def active() -> bool:
    """Whether a since date is set (something may be marked)."""
    return data.view().since is not None


def new_articles() -> frozenset[str]:
    """Ids of the articles published from the since date on (as of the view date)."""
    if not active():
        return frozenset()
    return data.derived(
        ("new articles",),
        lambda: digest.new_articles(data.frame("articles"), data.view().since_start),
    )


def marks() -> dict[str, dict[str, str]]:
    """{kind: {record id: "new" or "updated"}} (see `digest.marks`)."""
    if not active():
        return {kind: {} for kind in digest.MARKED_KINDS}
    return data.derived(
        ("since marks",),
        lambda: digest.marks(
            {kind: data.frame(kind) for kind in digest.MARKED_KINDS}, new_articles()
        ),
    )


def badge(kind: str, record_id: str) -> str:
    """A record's badge as markdown ("" when it is not new or updated), with a space after."""
    found = marks().get(kind, {}).get(record_id)
    return f"{BADGES[found]} " if found else ""


def quote_badge(article: str) -> str:
    """The "New" badge for a quote from a new article ("" otherwise), with a space after."""
    return f"{BADGES[digest.NEW]} " if article in new_articles() else ""


def column(kind: str, ids: Iterable[str]) -> list[str]:
    """A table column: "New", "Updated" or "" per record id (articles: "New" or "")."""
    if kind == "articles":
        fresh = new_articles()
        return [COLUMN_LABELS[digest.NEW] if i in fresh else "" for i in ids]
    found = marks().get(kind, {})
    return [COLUMN_LABELS.get(found.get(i, ""), "") for i in ids]


def column_config() -> st.column_config.TextColumn:
    """The config of the `new` column tables add while a since date is set."""
    return st.column_config.TextColumn(
        f"Since {data.view().since_label()}",
        help="New: every source of it was published from the since date on; Updated: some.",
    )


def with_column(table: pd.DataFrame, kind: str, id_column: str = "id") -> pd.DataFrame:
    """`table` with a `new` column in front when a since date is set (unchanged otherwise)."""
    if not active():
        return table
    return table.assign(new=column(kind, table[id_column]))[
        ["new", *(c for c in table.columns if c != "new")]
    ]


def the_digest() -> digest.Digest:
    """What became known from the since date to the view date (made once per revision and
    dates)."""
    if not active():
        return digest.Digest()

    from democdash.ui import views  # views marks records too

    def build() -> digest.Digest:
        frames = {k: data.frame(k) for k in ("events", "options", "sanctions", "articles")}
        return digest.build_digest(
            frames,
            data.sources(),
            new_articles(),
            views.actor_names(),
            views.country_names(),
        )

    return data.derived(("since digest",), build)


def counts_line(found: digest.Digest) -> str:
    """ "21 new events, 10 new positions, 2 status changes, 1 new source"."""
    parts = []
    for heading, items in found.sections():
        n = len(items)
        noun = heading.lower()
        if n == 1:
            noun = noun.removesuffix("s") if not noun.endswith("changes") else "status change"
        parts.append(f"{n} {noun}")
    return ", ".join(parts)


def _item_link(item: digest.DigestItem) -> str:
    from democdash.ui.countries_view import link, record_link  # it marks records too

    if item.kind == "articles":
        return link("sources", article=item.record_id)
    return record_link(item.kind, item.record_id, item.country)


def _item_markdown(item: digest.DigestItem) -> str:
    lines = [f"- **{md(item.what)}** · {md(item.detail)} · [open]({_item_link(item)})"]
    if item.quote:
        lines.append(
            f"  > {md(quoted(item.quote))} :gray[:small[{md(item.citation or item.article)} "
            f"¶ {item.paragraph}]]"
        )
    return "\n".join(lines)


def digest_view() -> None:
    """The overview's digest: new events, new positions, status changes and new sources, each
    with its quote, citation and a link to where it is shown."""
    # one derived value drawn as one element: this runs on every rerun of the overview while a
    # since date is set (two columns cost a tenth of the page's rerun)
    st.markdown(data.derived(("since digest view",), _digest_view_text))


def _digest_view_text() -> str:
    """The digest as markdown: a heading with what it covers, then its sections."""
    dates = data.view()
    found = the_digest()
    when = f"{dates.since_label()} to {dates.as_of_label()}"
    if dates.nothing_new:
        said = "The since date is after the as-of date: nothing can be new in between."
    elif not len(found):
        said = f"Our sources published nothing new from {when}."
    else:
        said = (
            f"What our sources published from {when}: {counts_line(found)}. Every page marks "
            "these records New (or Updated, when an older source reported them too)."
        )
    head = f"### What is new since {dates.since_label()}\n\n:gray[{md(said)}]"
    if dates.nothing_new or not len(found):
        return head
    return f"{head}\n\n{digest_text(found)}"


def digest_text(found: digest.Digest) -> str:
    """The digest's sections as markdown (new events, new positions, status changes, new
    sources), each item with its quote, citation and link."""
    parts = []
    for heading, items in found.sections():
        shown = items[:DIGEST_ITEMS]
        more = f" (the first {len(shown)})" if len(items) > len(shown) else ""
        lines = [_item_markdown(item) for item in shown] or [":gray[None.]"]
        parts.append(f"**{heading}** ({len(items)}){more}\n\n" + "\n".join(lines))
    return "\n\n".join(parts)
