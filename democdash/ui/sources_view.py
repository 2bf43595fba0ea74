"""The sources page's pieces: the list of articles, and one article with what was drawn from it.

Quotes and summaries are shown as text (`md()` or tables); an ingested article's full text only
on a writable (local) store, as plain text in a code block, never as markdown.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from democdash import aggregates, profiles
from democdash.text import counted
from democdash.ui import data, grading_view, since, tables, views
from democdash.ui.countries_view import link, profile_frames, quote_block, record_link
from democdash.ui.safe import md
from democdash.vocab import label

RELIABILITY_COLUMN = st.column_config.TextColumn(
    "Reliability",
    help="Admiralty grade A-F: the article's own, else its outlet's or author's; who graded "
    "and when.",
    width="medium",
)


def reliability_of(article_id: str) -> str:
    """An article's reliability grade in words ("unassessed" when none is in force)."""
    articles = data.frame("articles")
    found = articles.loc[articles["id"] == article_id, "reliability"]
    return str(found.iloc[0]) if len(found) else grading_view.UNASSESSED


KIND_LABELS = {
    "events": "Events",
    "options": "Policy options",
    "sanctions": "Sanctions",
    "risks": "Risks",
    "actors": "Actors",
}


def article(article_id: str) -> profiles.ArticleProfile | None:
    """One article's page content at the current revision (None for an unknown id; made once
    per revision and naming setting; shared: do not mutate)."""
    return data.derived(
        ("article profile", article_id),
        lambda: profiles.article_profile(article_id, profile_frames()),
    )


def _articles_table() -> pd.DataFrame:
    articles = data.frame("articles")
    table = data.drawn_from_articles().copy(deep=False)
    rows = articles.set_index("id")
    table["published_note"] = table["id"].map(rows["published_note"])
    table["not_stated"] = [
        ", ".join(profiles.known_and_unknown(row)[1]) or "nothing"
        for row in rows.loc[table["id"]].reset_index().to_dict("records")
    ]
    table["open"] = [link("sources", article=i) for i in table["id"]]
    table["source_type"] = table["source_type"].map(label)
    table["reliability"] = table["id"].map(rows["reliability"])
    return since.with_column(table, "articles")


#: Sources listed on the overview, most cited first (the Sources page has them all).
OVERVIEW_SOURCES = 8
#: The kinds of records counted on the overview's list of sources, in order.
_COUNTED = ("events", "options", "sanctions", "risks", "actors")


def _sources_digest() -> list[str]:
    drawn = data.drawn_from_articles()
    records = drawn[list(_COUNTED)].sum(axis=1)
    top = drawn.assign(records=records).sort_values(
        ["records", "citation"], ascending=[False, True], kind="stable"
    )
    lines = []
    for row in top.head(OVERVIEW_SOURCES).itertuples():
        drawn_counts = {kind: int(getattr(row, kind)) for kind in _COUNTED}
        lines.append(
            f"- {since.quote_badge(row.id)}[{md(row.citation)}]({link('sources', article=row.id)})"
            f" · {drawn_line(drawn_counts, int(row.quotes))}"
        )
    return lines


def drawn_line(counts: dict[str, int], quotes: int) -> str:
    """What was drawn from a source, in words: "1 event, 2 options · 3 quotes cited" (kinds
    with none left out)."""
    drawn = ", ".join(counted(n, kind.removesuffix("s")) for kind, n in counts.items() if n)
    return f"{drawn or 'no records yet'} · {counted(quotes, 'quote')} cited"


def sources_digest(heading: str = "") -> None:
    """The sources most records rest on, as a short list (each opening its source page), under
    `heading` (Markdown, in the same element), and a link to the Sources page with every
    source. A list, not a table: the overview's first visit then loads no table code (1.4 MB
    of JavaScript the map would wait behind)."""
    lines = data.derived(("sources digest",), _sources_digest)
    total = len(data.frame("articles"))
    listed = "\n".join(lines) or "No sources yet."
    st.markdown(f"{heading}\n\n{listed}" if heading else listed)
    if total > len(lines):
        st.caption(f"The {len(lines)} sources most records rest on, of {total}.")
    st.page_link(
        "pages/sources.py",
        label=f"All {total} sources: type, date, grading, what each contributed",
        icon=":material/list:",
    )


def articles_list() -> None:
    """Every article: citation, type, date and how it was inferred, what is not stated, and the
    records drawn from it, each row opening the article."""
    described = dict(list(views.ARTICLE_COLUMNS.items())[:3])
    counted = dict(list(views.ARTICLE_COLUMNS.items())[3:])
    new = {"new": since.column_config()} if since.active() else {}
    tables.table(
        data.derived(("sources table",), _articles_table),
        {
            **new,
            **described,
            "published_note": st.column_config.TextColumn(
                "How the date was inferred", width="large"
            ),
            "not_stated": st.column_config.TextColumn("Not stated in the source"),
            "reliability": RELIABILITY_COLUMN,
            **counted,
            "open": st.column_config.LinkColumn("Open", display_text="Open source"),
        },
    )
    st.caption(md(aggregates.COVERAGE_NOTE))


def grading(articles: pd.DataFrame) -> None:
    """The Admiralty legend, and (for editors) grading an outlet, an author or an article."""
    grading_view.legend()
    grading_view.source_controls(articles)


def citation(a: profiles.ArticleProfile) -> None:
    """The citation and what is known and not: type, date and how it was inferred."""
    st.subheader(since.quote_badge(a.id) + md(a.citation))
    facts = [f"**Source type:** {md(label(a.source_type))}", f"**Published:** {md(a.published)}"]
    facts += [
        f"**{md(name)}:** {md(value)}" for name, value in a.known if name != "Publication date"
    ]
    facts.append(f"**Not stated in the source:** {md(', '.join(a.unknown) or 'nothing')}")
    facts.append(f"**Reliability:** {md(reliability_of(a.id))}")
    origin = "curated dataset" if a.origin == "curated" else "added by an analyst"
    facts.append(f"**Origin:** {md(origin)}")
    st.markdown("  \n".join(facts))
    if a.published_note:
        st.caption(f"How the date was inferred: {md(a.published_note)}")
    cols = st.columns(len(profiles.DRAWN_KINDS) + 1)
    for col, kind in zip(cols, profiles.DRAWN_KINDS, strict=False):
        col.metric(KIND_LABELS[kind], a.counts[kind])
    cols[-1].metric("Quotes cited", len(a.quotes))


def drawn(a: profiles.ArticleProfile, kind: str | None) -> None:
    """Records drawn from the article, grouped by kind (or one kind), each with a link."""
    st.subheader("What was drawn from it")
    if a.drawn.empty:
        st.caption("No records cite this source yet.")
        return
    kinds = [kind] if kind else [k for k in profiles.DRAWN_KINDS if a.counts[k]]
    names = views.country_names()
    for k in kinds:
        rows = a.drawn[a.drawn["kind"] == k]
        st.markdown(f"**{KIND_LABELS[k]}** ({len(rows)})")
        if rows.empty:
            st.caption("None.")
            continue
        table = rows.assign(
            country=rows["country"].map(lambda c: names.get(c, c)),
            link=[
                record_link(k, r, c)
                for r, c in zip(rows["record_id"], rows["country"], strict=True)
            ],
        )
        table = since.with_column(table, k, "record_id")
        tables.table(
            table,
            {
                **({"new": since.column_config()} if since.active() else {}),
                "label": st.column_config.TextColumn("Record (our words)", width="large"),
                "country": st.column_config.TextColumn("Country"),
                "detail": st.column_config.TextColumn("Date, status or role"),
                "n_quotes": st.column_config.NumberColumn("Quotes from it", format="%d"),
                "link": st.column_config.LinkColumn("Open", display_text="Open record"),
            },
        )


def quotes(a: profiles.ArticleProfile) -> None:
    """The article's quotes in paragraph order, with who makes each claim."""
    st.subheader("Quotes in paragraph order")
    if a.quotes.empty:
        st.caption("No quotes cited from this source.")
        return
    st.markdown(quote_block(a.quotes))


def full_text(a: profiles.ArticleProfile) -> None:
    """An ingested article's full text, for editors of a local (writable) store only."""
    store = data.store()
    if a.origin != "analyst":
        st.caption("The full text of this source is not stored in the app: only the quotes above.")
        return
    if store.readonly:
        st.caption("This is a read-only instance: it shows quotes only, not full texts.")
        return
    text = store.article_text(a.id)
    if not text:
        st.caption("No text is stored for this article.")
        return
    with st.expander("Full text (shown to editors of this local store only)"):
        st.code(text, language=None, wrap_lines=True)
