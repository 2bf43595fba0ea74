"""Sources page: every article with what was drawn from it; `?article=ID` (and `kind=`) opens one
from the URL with its citation, records by kind with links and quotes in paragraph order; an
ingested article's full text only on a writable store."""

from __future__ import annotations

import re

from democdash.models import Article, DateValue
from democdash.settings import ENV_READONLY, get_settings
from democdash.store import open_store

PAGE = "sources"
ATLANTIC = "atlantic-2020-belarus-biden"


def shown(text: str) -> str:
    """Text as the reader sees it (the app backslash-escapes source text for markdown)."""
    return re.sub(r"\\(.)", r"\1", text)


def subheaders(at) -> list[str]:
    return [shown(s.value) for s in at.subheader]


def tables_by_kind(at) -> dict:
    """The tables of records drawn from the article, by kind."""
    return {d.value["kind"].iloc[0]: d.value for d in at.dataframe if "kind" in d.value}


def test_list_shows_every_article_with_counts_and_links(open_app):
    at = open_app(PAGE)
    table = at.dataframe[0].value.set_index("id")
    assert set(table.index) == {ATLANTIC, "sheehan-2021-democracy-abroad"}
    row = table.loc[ATLANTIC]
    assert row["open"] == f"sources?article={ATLANTIC}"
    assert row["events"] > 0 and row["quotes"] > 0
    assert "Inferred as about November 2020" in row["published_note"]
    assert row["not_stated"] == "Author, Title"
    assert row["source_type"] == "Analysis"


def test_article_opens_from_the_url_with_citation_records_and_quotes(open_app):
    at = open_app(PAGE, query={"article": ATLANTIC})
    heads = subheaders(at)
    assert heads[0] == "The Atlantic, about Nov 2020."  # what is known; the rest below it
    assert heads[1:] == ["What was drawn from it", "Quotes in paragraph order"]
    facts = shown(at.markdown[0].value)
    assert "Source type: Analysis" in facts.replace("**", "")
    assert "Not stated in the source: Author, Title" in facts.replace("**", "")
    assert "How the address was found: Not in the text: a public copy found later" in (
        facts.replace("**", "")
    )
    metrics = {m.label: int(m.value) for m in at.metric}
    drawn = tables_by_kind(at)
    assert metrics["Events"] == len(drawn["events"]) > 0
    events = drawn["events"].set_index("record_id")
    assert events.loc["blr-russian-loan", "link"] == ("events?event=blr-russian-loan&country=BLR")
    options = drawn["options"].set_index("record_id")
    assert options.loc["opt-blr-us-mediation-offer", "link"] == (
        "options?option=opt-blr-us-mediation-offer&country=BLR"
    )
    quotes = next(shown(m.value) for m in at.markdown if m.value.startswith("**¶"))
    paragraphs = [int(p) for p in re.findall(r"^\*\*¶(\d+)\*\*", quotes, flags=re.M)]
    assert paragraphs == sorted(paragraphs) and paragraphs[0] == 2
    assert "according to Franak Viačorka" in quotes
    assert dict(at.query_params) == {"article": ATLANTIC}


def test_kind_from_the_url_shows_only_that_kind(open_app):
    at = open_app(PAGE, query={"article": ATLANTIC, "kind": "risks"})
    assert list(tables_by_kind(at)) == ["risks"]
    assert at.query_params["kind"] == "risks"
    at.button_group[0].set_value("options").run()
    assert list(tables_by_kind(at)) == ["options"]
    assert at.query_params["kind"] == "options"


def test_choosing_an_article_writes_the_url(open_app):
    at = open_app(PAGE)
    at.selectbox[0].set_value("sheehan-2021-democracy-abroad").run()
    assert subheaders(at)[0].startswith("Ivan Sascha Sheehan")
    assert at.query_params["article"] == "sheehan-2021-democracy-abroad"


def test_unknown_article_gives_one_message_and_the_list(open_app):
    at = open_app(PAGE, query={"article": "no-such-article"})
    assert [shown(w.value) for w in at.warning] == [
        "Ignored in the link: unknown article 'no-such-article' in 'article'."
    ]
    assert "article" not in at.query_params
    assert "id" in at.dataframe[0].value.columns


def _ingested() -> str:
    text = "FULL-TEXT-MARKER first paragraph.\n\nSecond paragraph, **not markdown**."
    article = Article(
        id="analyst-article",
        outlet="Test Wire",
        source_type="reporting",
        published=DateValue(value="2024-06-02"),
        text_sha256="e" * 64,
        origin="analyst",
    )
    open_store(get_settings()).add_article(article, text)
    return text


def test_full_text_of_an_ingested_article_is_plain_text_on_a_local_store(open_app):
    text = _ingested()
    at = open_app(PAGE, query={"article": "analyst-article"})
    assert [c.value for c in at.code if "FULL-TEXT-MARKER" in c.value] == [text]
    assert not any("FULL-TEXT-MARKER" in m.value for m in at.markdown)


def test_read_only_instance_shows_quotes_only(open_app, monkeypatch):
    _ingested()
    monkeypatch.setenv(ENV_READONLY, "1")
    at = open_app(PAGE, query={"article": "analyst-article"})
    assert not any("FULL-TEXT-MARKER" in c.value for c in at.code)
    assert "quotes only" in " ".join(shown(c.value) for c in at.caption)


def test_curated_article_has_no_text_to_show(open_app):
    at = open_app(PAGE, query={"article": ATLANTIC})
    assert not [c for c in at.code if c.language is None and len(c.value) > 500]
    assert "not stored in the app" in " ".join(shown(c.value) for c in at.caption)
