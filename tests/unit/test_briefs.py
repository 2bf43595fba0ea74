"""Country briefs (democdash.briefs): contents, the three formats parsed back, the map, ranks.

Built from the real bundled data in a throw-away store; expectations are read from the store
(which options target Belarus, which quotes they cite), never hard-coded.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from docx import Document
from PIL import Image
from pypdf import PdfReader
from typer.testing import CliRunner

from democdash import geo, scoring, settings
from democdash.briefs import FORMATS, BriefError, brief_filename, build_brief, render
from democdash.briefs.render_md import esc
from democdash.briefs.static_map import FOCUS_COLOUR, region_png
from democdash.models import (
    Article,
    DateValue,
    OptionStatusEntry,
    PolicyOption,
    Position,
    SourceRef,
)
from democdash.store import Store, open_store

HANDLING = "RESTRICTED // TEST HANDLING – Ľ"
TODAY = date(2026, 11, 22)
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def unescape_md(text: str) -> str:
    """Markdown text as a reader sees it (backslash escapes removed)."""
    return _MD_ESCAPE.sub(r"\1", text)


def flat(text: str) -> str:
    """Whitespace collapsed, so words wrapped across lines still match."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def module_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """One seeded store for the module, in its own temporary folder (like `_isolated_store`)."""
    home = tmp_path_factory.mktemp("briefs-home")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(settings.ENV_HOME, str(home))
        mp.setenv(settings.ENV_DATABASE_URL, f"sqlite:///{home / 'democdash.sqlite'}")
        mp.delenv(settings.ENV_READONLY, raising=False)
        mp.delenv(settings.ENV_DATA_DIR, raising=False)
        yield open_store()


@pytest.fixture(scope="module")
def blr(module_store: Store):
    """The Belarus brief (with its map) and its three renderings."""
    brief = build_brief(module_store, "BLR", handling=HANDLING, today=TODAY)
    return brief, {fmt: render(brief, fmt) for fmt in FORMATS}


@pytest.fixture(scope="module")
def blr_expected(module_store: Store):
    """Option titles aimed at Belarus and every quote those options cite (from the store)."""
    options = module_store.options()
    options = options[options["target"] == "BLR"]
    sources = module_store.sources()
    quotes = sources[(sources["kind"] == "options") & sources["record_id"].isin(options["id"])]
    return list(options["title"]), sorted(set(quotes["quote"]))


def docx_text(data: bytes) -> tuple[str, str, str]:
    """Body (paragraphs and tables), header and footer text of a .docx."""
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    section = doc.sections[0]
    header = "\n".join(p.text for p in section.header.paragraphs)
    footer = "\n".join(p.text for p in section.footer.paragraphs)
    return "\n".join(parts), header, footer


def pdf_pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


# -- the brief model ------------------------------------------------------------------------------


def test_brief_lists_every_option_aimed_at_belarus_with_its_sources(blr, blr_expected):
    brief, _ = blr
    titles, quotes = blr_expected
    assert titles, "the bundled data has options for Belarus"
    assert sorted(o.title for o in brief.options) == sorted(titles)
    assert set(quotes) <= set(brief.quotes())
    for option in brief.options:
        assert option.refs, option.title
        assert option.status_as_of and option.positions
    # each source once in a numbered list; every quote refers to one of them by number
    numbers = [s.n for s in brief.sources]
    assert numbers == list(range(1, len(numbers) + 1))
    assert len({s.article for s in brief.sources}) == len(numbers)
    assert {f.n for f in brief.footnotes} == set(numbers)


def test_brief_data_as_of_line_names_version_span_and_date(blr, module_store):
    brief, _ = blr
    assert module_store.data_version() in brief.data_as_of
    assert "22 Nov 2026" in brief.data_as_of
    assert "sources" in brief.data_as_of
    assert "records in our sources" in brief.coverage_note


def test_key_events_are_oldest_first_and_capped(blr, module_store):
    brief, _ = blr
    events = module_store.events()
    assert 0 < len(brief.events) <= min(12, int((events["country"] == "BLR").sum()))
    by_summary = events.set_index("summary")["sort_date"]
    dates = [by_summary[e.summary] for e in brief.events]
    assert dates == sorted(dates)
    assert all(e.refs for e in brief.events)


def test_a_country_with_few_events_shows_them_all(module_store):
    events = module_store.events()
    counts = events["country"].value_counts()
    iso3 = str(counts[counts <= 12].index[0])
    brief = build_brief(module_store, iso3, include_map=False)
    assert len(brief.events) == counts[iso3]
    assert brief.events_note.startswith(f"{counts[iso3]} event")


def test_unknown_country_and_option_are_refused(module_store):
    with pytest.raises(BriefError, match="not a country code"):
        build_brief(module_store, "XXX", include_map=False)
    with pytest.raises(BriefError, match="no option"):
        build_brief(module_store, "BLR", option_ids=["no-such-option"], include_map=False)


def test_chosen_options_only_and_in_the_given_order(module_store):
    ids = list(module_store.options().query("target == 'BLR'")["id"])[:3][::-1]
    brief = build_brief(module_store, "BLR", option_ids=ids, include_map=False)
    assert [o.id for o in brief.options] == ids
    assert "chosen by the analyst" in brief.options_note


# -- Markdown -------------------------------------------------------------------------------------


def test_markdown_has_every_option_every_quote_and_the_handling_line(blr, blr_expected):
    brief, files = blr
    text = unescape_md(files["md"].decode("utf-8"))
    titles, quotes = blr_expected
    for title in titles:
        assert title in text, title
    for quote in brief.quotes():
        assert quote in text, quote
    assert set(quotes) <= set(brief.quotes())
    assert text.count(HANDLING) == 2  # top and bottom
    for source in brief.sources:  # each source once in the numbered list
        assert text.count(f"{source.n}. {source.citation}") == 1


def test_markdown_escapes_record_text():
    assert esc("[click](http://x.test) <b>hi</b> | *x* `c` ![i](y)") == (
        r"\[click\](`http://x.test`) \<b\>hi\</b\> \| \*x\* \`c\` \!\[i\](y)"
    )
    assert esc("# heading") == r"\# heading"
    assert esc("1. item") == r"1\. item"
    assert esc("line\nbreak\x00") == "line break"


def test_injected_markdown_in_a_title_stays_text(module_store):
    frames = {
        kind: module_store.frame(kind)
        for kind in ("countries", "actors", "articles", "events", "options", "risks")
    }
    frames["sources"] = module_store.sources()
    options = frames["options"].copy()
    first = options.index[options["target"] == "BLR"][0]
    options.loc[first, "title"] = "[click](http://evil.test) <script>x</script>"
    frames["options"] = options
    brief = build_brief(frames, "BLR", include_map=False)
    text = render(brief, "md").decode("utf-8")
    assert "[click](http://evil.test)" not in text
    assert "<script>" not in text
    assert r"\[click\](`http://evil.test`) \<script\>x\</script\>" in text  # no live link


# -- Word -----------------------------------------------------------------------------------------


def test_docx_parses_back_with_options_quotes_map_and_handling(blr, blr_expected):
    brief, files = blr
    body, header, footer = docx_text(files["docx"])
    titles, _ = blr_expected
    for title in titles:
        assert title in body, title
    for quote in brief.quotes():
        assert quote in body, quote
    assert "Viačorka" in body
    assert HANDLING in header
    assert HANDLING in footer
    doc = Document(io.BytesIO(files["docx"]))
    assert len(doc.inline_shapes) == 1  # the map
    assert doc.core_properties.title == brief.title
    refs = [p.text for p in doc.paragraphs if re.search(r" \[\d+(, \d+)*\]$", p.text)]
    assert refs, "the text refers to its sources by number"


# -- PDF ------------------------------------------------------------------------------------------


def test_pdf_parses_back_with_unicode_intact(blr, blr_expected):
    brief, files = blr
    pages = pdf_pages(files["pdf"])
    text = flat("\n".join(pages))
    assert "Viačorka" in text
    assert "“" in text and "”" in text and "’" in text
    titles, _ = blr_expected
    for title in titles:
        assert flat(title) in text, title
    for quote in brief.quotes():
        assert flat(quote) in text, quote


def test_pdf_embeds_a_unicode_font_and_marks_every_page(blr):
    _, files = blr
    reader = PdfReader(io.BytesIO(files["pdf"]))
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor, "the TrueType font is embedded"
            fonts.add(str(font["/BaseFont"]))
    assert any("DejaVu" in f for f in fonts)
    n = len(reader.pages)
    assert n > 1
    for i, page in enumerate(reader.pages, 1):
        text = page.extract_text()
        assert text.count(HANDLING) == 2, f"page {i}: handling line in header and footer"
        assert f"Page {i} of {n}" in text


# -- the map --------------------------------------------------------------------------------------


def test_region_png_is_a_png_with_the_country_highlighted(module_store):
    gdf = geo.load_boundaries("regional")
    png = region_png("BLR", gdf, geo.neighbours_of("BLR"), module_store.countries())
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert 20_000 < len(png) < 2_000_000
    image = Image.open(io.BytesIO(png)).convert("RGB")
    width, height = image.size
    assert 800 <= width <= 1600 and 400 <= height <= 1600
    focus = tuple(int(FOCUS_COLOUR[i : i + 2], 16) for i in (1, 3, 5))
    share = sum(n for n, colour in image.getcolors(width * height) if colour == focus)
    assert share / (width * height) > 0.02, "Belarus is filled with the highlight colour"


def test_brief_carries_the_map(blr):
    brief, _ = blr
    assert brief.map_png and brief.map_png.startswith(b"\x89PNG")


def test_brief_draws_the_boundaries_it_is_given(module_store):
    """The app passes its cached boundaries instead of having each build read the file."""
    regional = geo.load_boundaries("regional")
    without_belarus = regional[regional["iso3"] != "BLR"]
    brief = build_brief(module_store, "BLR", boundaries=without_belarus)
    assert brief.map_png is None
    assert brief.map_caption == "No map: no boundaries for BLR."


# -- ranking --------------------------------------------------------------------------------------


def _scenario(option_ids: list[str]) -> scoring.Scenario:
    scenario = scoring.new_scenario("brief-test", "tester")
    for value, option_id in enumerate(option_ids, 1):  # the last option scores highest
        scenario = scoring.set_score(
            scenario, option_id, "impact", min(value, 5), rationale="test", scorer="tester"
        )
    return scenario


def test_ranking_orders_options_and_shows_ranks_and_scores(module_store):
    options = module_store.options().query("target == 'BLR'")
    scored = list(options["id"])[:4]
    scenario = _scenario(scored)
    ranking = scoring.rank(options, scenario)
    brief = build_brief(module_store, "BLR", ranking=ranking, scenario=scenario, include_map=False)
    ranks = [o.rank for o in brief.options if o.rank is not None]
    assert ranks == sorted(ranks) and len(ranks) == len(scored)
    assert brief.options[0].id == scored[-1]
    assert [o.id for o in brief.options][len(scored) :] == [
        oid for oid in ranking["option_id"] if oid not in scored
    ]
    assert all(o.rank is None for o in brief.options[len(scored) :])
    assert brief.scenario == "tester/brief-test"
    assert "scores (1-5): Impact 4" in (brief.options[0].score_note or "")
    text = unescape_md(render(brief, "md").decode("utf-8"))
    rows = [line for line in text.splitlines() if line.startswith("| ") and "Rank" not in line]
    assert [row.split(" | ")[0].removeprefix("| ") for row in rows[: len(scored)]] == [
        str(r) for r in ranks
    ]
    assert "not scored" in text
    pdf = flat("\n".join(pdf_pages(render(brief, "pdf"))))
    assert "Rank 1" in pdf and "tester/brief-test" in pdf
    body, _, _ = docx_text(render(brief, "docx"))
    assert "Rank 1" in body


def test_the_brief_reads_each_options_rationale_then_its_score_notes(module_store):
    options = module_store.options().query("target == 'BLR'")
    first, second = list(options["id"])[:2]
    scenario = scoring.new_scenario("brief-test", "tester")
    scenario = scoring.set_score(scenario, first, "impact", 4, "", "tester")
    scenario = scoring.set_score(scenario, first, "cost", 2, "cheap to keep", "tester")
    scenario = scoring.set_rationale(scenario, first, "The one lever Minsk feels")
    scenario = scoring.set_score(scenario, second, "impact", 2, "", "tester")
    brief = build_brief(
        module_store,
        "BLR",
        ranking=scoring.rank(options, scenario),
        scenario=scenario,
        include_map=False,
    )
    by_id = {o.id: o for o in brief.options}
    assert by_id[first].score_rationales == ("The one lever Minsk feels.", "Cost 2: cheap to keep.")
    assert by_id[second].score_rationales == ()
    text = unescape_md(render(brief, "md").decode("utf-8"))
    assert "The one lever Minsk feels." in text


def test_ranking_dataframe_contract_without_a_scenario_object(module_store):
    ids = list(module_store.options().query("target == 'BLR'")["id"])[:2]
    ranking = pd.DataFrame(
        {
            "option_id": ids,
            "title": ["a", "b"],
            "total": [2.0, 4.5],
            "rank": [2, 1],
            "scored_criteria": [["impact"], ["impact"]],
            "missing_criteria": [[], []],
        }
    )
    brief = build_brief(module_store, "BLR", ranking=ranking, scenario="x/y", include_map=False)
    assert [o.id for o in brief.options][:2] == ids[::-1]
    assert brief.options[0].score == 4.5


def test_a_ranking_over_more_options_is_reranked_within_the_brief(module_store):
    options = module_store.options()
    blr_ids = list(options.query("target == 'BLR'")["id"])[:2]
    other = str(options.query("target != 'BLR'")["id"].iloc[0])
    ranking = pd.DataFrame(
        {
            "option_id": [other, *blr_ids],
            "title": ["other", "a", "b"],
            "total": [5.0, 3.0, 4.0],
            "rank": [1, 3, 2],
            "scored_criteria": [["impact"]] * 3,
            "missing_criteria": [[]] * 3,
        }
    )
    brief = build_brief(module_store, "BLR", ranking=ranking, include_map=False)
    assert [(o.id, o.rank) for o in brief.options[:2]] == [(blr_ids[1], 1), (blr_ids[0], 2)]
    assert other not in {o.id for o in brief.options}


def test_a_ranking_with_nothing_scored_leaves_the_brief_unranked(module_store):
    options = module_store.options().query("target == 'BLR'")
    ranking = scoring.rank(options, scoring.new_scenario("empty", "tester"))
    brief = build_brief(module_store, "BLR", ranking=ranking, include_map=False)
    assert not brief.ranked and brief.scenario is None


# -- opening words --------------------------------------------------------------------------------


def test_opening_words_from_an_analyst_article_text(module_store, tmp_path):
    text = "First paragraph here.\n\nThe second paragraph opens with these words and says more."
    store = open_store()  # this test's own store (function-scoped isolation)
    said = SourceRef(article="analyst-brief", paragraph=2, quote="says more")
    store.add_article(
        Article(
            id="analyst-brief",
            source_type="reporting",
            published=DateValue(value="2024-06-02"),
            text_sha256="b" * 64,
            origin="analyst",
        ),
        text,
        {
            "options": [
                PolicyOption(
                    id="opt-analyst-brief",
                    title="An analyst's option",
                    instrument="diplomacy",
                    target="BLR",
                    positions=[Position(holder="author", stance="proposes", source=said)],
                    statuses=[
                        OptionStatusEntry(
                            status="proposed", as_of=DateValue(value="2024-06"), source=said
                        )
                    ],
                    origin="analyst",
                )
            ]
        },
    )
    brief = build_brief(store, "BLR", include_map=False)
    note = next(f for f in brief.footnotes if f.article == "analyst-brief")
    assert note.opening_words == "The second paragraph opens with these words and …"
    assert "which opens “The second paragraph" in render(brief, "md").decode("utf-8")
    curated = [f for f in brief.footnotes if f.article != "analyst-brief"]
    assert all(f.opening_words is None for f in curated), "curated texts are not in the store"


def test_opening_words_from_local_source_texts(module_store, seeds_dir: Path):
    brief = build_brief(module_store, "BLR", texts_dir=seeds_dir, include_map=False)
    assert brief.footnotes and all(f.opening_words for f in brief.footnotes)
    assert any("opening words" in line for line in brief.method_note)


# -- CLI ------------------------------------------------------------------------------------------


def test_cli_writes_a_markdown_brief_with_its_map(tmp_path):
    from democdash.cli import app

    out = tmp_path / "belarus.md"
    result = CliRunner().invoke(
        app, ["brief", "--country", "BLR", "--format", "md", "-o", str(out), "--no-texts"]
    )
    assert result.exit_code == 0, result.output
    assert "Belarus: policy options brief" in result.output
    text = out.read_text(encoding="utf-8")
    assert "](belarus-map.png)" in text
    assert (tmp_path / "belarus-map.png").read_bytes().startswith(b"\x89PNG")


def test_cli_ranks_under_a_saved_scenario_and_names_missing_ones(tmp_path):
    from democdash.cli import app

    store = open_store()
    options = store.options().query("target == 'BLR'")
    store.save_scenario(_scenario(list(options["id"])[:2]))
    out = tmp_path / "b.docx"
    args = ["brief", "-c", "BLR", "-f", "docx", "-o", str(out), "--no-map", "--no-texts"]
    result = CliRunner().invoke(app, [*args, "--scenario", "tester/brief-test"])
    assert result.exit_code == 0, result.output
    assert "ranked under tester/brief-test" in result.output
    assert "Rank 1" in docx_text(out.read_bytes())[0]
    missing = CliRunner().invoke(app, [*args, "--scenario", "tester/nope"])
    assert missing.exit_code != 0
    assert "no scenario" in missing.output and "tester/brief-test" in missing.output


def test_brief_filename():
    assert brief_filename("blr", "docx", TODAY) == "democdash-brief-BLR-2026-11-22.docx"
