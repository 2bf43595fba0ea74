"""The pure parts of `democdash bench`: ratios, budgets, tables and the results file.

Performance itself is measured by the command, never asserted here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from democdash_bench import results
from democdash_bench.results import (
    BenchResult,
    DatasetResult,
    MapVisits,
    Timing,
    checks,
    history_row,
    history_rows,
    page_rows,
    ratio,
    verdict,
)


def _timing(name: str, *wall: float, cpu: tuple[float, ...] = ()) -> Timing:
    return Timing(name, wall_ms=list(wall), cpu_ms=list(cpu or wall))


def _dataset(name: str = "bundled", page_ms: float = 300.0, **extra) -> DatasetResult:
    return DatasetResult(
        name,
        counts={"events": 49},
        empty=_timing("(empty page)", 10, 12, 11),
        map_only=_timing("(map-only page)", 200, 220, 210),
        pages=[_timing("overview", page_ms, page_ms, page_ms), _timing("sources", 100)],
        **extra,
    )


def _result(*datasets: DatasetResult, rate: float = 250.0, commit: str = "abc1234") -> BenchResult:
    return BenchResult(
        date="2026-01-02 03:04 UTC",
        commit=commit,
        machine={"cores": "2", "CPU": "Test CPU"},
        runs=3,
        datasets=list(datasets),
        extraction={"articles": 50, "words": 50_000, "articles_per_s": rate, "words_per_s": 9},
    )


def test_ratio_is_none_without_a_usable_reference():
    assert ratio(300, 200) == pytest.approx(1.5)
    assert ratio(None, 200) is None
    assert ratio(300, None) is None
    assert ratio(300, 0) is None


def test_verdict_at_most_and_at_least():
    assert verdict(1.5, 1.5) == "pass"
    assert verdict(1.51, 1.5) == "fail"
    assert verdict(199.0, 200.0, at_least=True) == "fail"
    assert verdict(200.0, 200.0, at_least=True) == "pass"
    assert verdict(None, 1.5) == "n/a"
    assert verdict(1.0, None) == "n/a"


def test_median_per_clock():
    timing = Timing("x", wall_ms=[5, 1, 3], cpu_ms=[2, 4])
    assert timing.median("wall") == 3
    assert timing.median("cpu") == 3
    assert Timing("empty").median() is None


def test_page_rows_put_references_first_and_judge_pages_against_the_empty_page():
    rows = page_rows(_dataset(page_ms=70.0))
    assert [r.page for r in rows] == ["(empty page)", "(map-only page)", "overview", "sources"]
    overview = rows[2]
    assert overview.to_map == pytest.approx(70 / 210)
    assert overview.to_empty == pytest.approx(70 / 11)
    assert overview.budget == 6.0
    assert overview.verdict == "fail"  # 6.4x the empty page
    assert page_rows(_dataset(page_ms=60.0))[2].verdict == "pass"  # 5.5x
    assert rows[0].budget is None and rows[0].verdict == "n/a"


def test_scale_pages_have_the_looser_budget():
    rows = page_rows(_dataset("scale", page_ms=100.0))
    assert rows[2].budget == 10.0
    assert rows[2].verdict == "pass"


def test_cpu_clock_uses_cpu_timings_for_ratios():
    ds = _dataset()
    ds.pages = [_timing("overview", 1000, cpu=(50,))]
    assert page_rows(ds, "wall")[2].verdict == "fail"
    assert page_rows(ds, "cpu")[2].verdict == "pass"


def test_a_page_that_raised_fails_and_says_why():
    ds = _dataset()
    ds.pages.append(Timing("events", error="KeyError: 'x'"))
    row = page_rows(ds)[-1]
    assert row.verdict == "fail"
    assert row.note == "KeyError: 'x'"


def test_checks_cover_every_budget():
    scale = _dataset(
        "scale",
        figure_bytes=360_000,
        visits=MapVisits(app_s=[4.0, 5.0, 6.0], one_line_s=[4.0, 4.0, 4.0]),
        peak_mb=380.0,
    )
    bundled = _dataset(page_ms=60.0, figure_bytes=240_000)
    bundled.pages[1] = _timing("sources", 50)
    found = {c.what: c for c in checks(_result(bundled, scale, rate=150))}
    assert found["bundled: every page's and view's warm rerun / empty page"].verdict == "pass"
    assert found["scale: every page's and view's warm rerun / empty page"].verdict == "fail"
    assert found["bundled: world map SVG"].verdict == "pass"
    assert found["scale: world map SVG"].verdict == "fail"
    cold = found["scale: visit to the drawn map / one-line page"]
    assert cold.verdict == "pass" and cold.value.startswith("1.25×")
    assert found["scale: server peak memory after every page"].verdict == "pass"
    assert found["extraction, 1,000-word articles on one core"].verdict == "fail"
    assert not results.all_pass(_result(scale))


def test_memory_without_a_budget_is_reported_but_not_judged():
    found = checks(_result(_dataset(peak_mb=900.0)))
    memory = next(c for c in found if "memory" in c.what)
    assert memory.verdict == "n/a" and memory.value == "900 MB"


def test_text_table_aligns_columns():
    table = results.text_table(["a", "bbb"], [["xx", "y"], ["z", "wwww"]])
    lines = table.splitlines()
    assert lines[0] == "a   bbb "
    assert lines[1] == "--  ----"
    assert lines[3] == "z   wwww"


def test_markdown_table_escapes_pipes():
    table = results.markdown_table(["page", "note"], [["events", "a|b"]])
    assert table.splitlines() == ["| page | note |", "|---|---|", "| events | a\\|b |"]


def test_text_report_lists_pages_references_and_budgets():
    result = _result(_dataset(figure_bytes=303_900))
    result.extraction["best_articles_per_s"] = 312.5
    text = results.text_report(result)
    assert "(map-only page)" in text and "overview" in text
    assert "world map SVG: 303.9 KB" in text
    assert "250.0 articles/s (fastest pass 312.5)" in text
    assert "== budgets" in text


def test_history_row_has_the_headline_figures():
    scale = _dataset("scale", peak_mb=321.0, visits=MapVisits([4.0], [2.0]))
    peer = _timing("(peer)", 118, 120, 125)
    row = history_row(_result(_dataset(figure_bytes=303_900, peer=peer), scale))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert len(cells) == results.HISTORY_RULE.count("---")
    assert cells[:3] == ["2026-01-02 03:04 UTC", "`abc1234`", "wall"]
    assert cells[3] == "1.43×"  # bundled: 300 / 210
    assert cells[5] == "303.9"
    assert cells[6] == "2.00×"
    assert cells[7] == "321 MB"
    assert cells[8] == "250.0"
    assert cells[9] == "120"  # the machine's yardstick: the peer's warm rerun, bundled
    assert cells[10] == "some fail"  # the visit ratio is over budget


def test_history_row_without_the_peer_says_so():
    cells = [c.strip() for c in history_row(_result(_dataset())).strip("|").split("|")]
    assert cells[9] == "n/a"


def test_results_file_keeps_history_and_replaces_the_latest_run(tmp_path: Path):
    path = tmp_path / "docs" / "benchmarks.md"
    results.write_results(path, _result(_dataset(page_ms=250.0), commit="first11"))
    results.write_results(path, _result(_dataset(page_ms=500.0), commit="second2"))
    text = path.read_text()
    history = history_rows(text)
    assert len(history) == 2
    assert "`first11`" in history[0] and "`second2`" in history[1]
    latest = text.split("## History")[0]
    assert "second2" in latest and "first11" not in latest
    assert text.count("## Latest run") == 1


def test_history_of_a_file_without_one_is_empty():
    assert history_rows("") == []
    assert history_rows("# Benchmarks\n\nsome notes\n") == []


def test_visit_lines_show_the_plotly_only_floor_beside_the_app():
    cold = MapVisits([6.0, 5.0, 7.0], [2.0, 2.0, 2.0], [3.0, 3.5, 2.5])
    assert cold.plotly_only_median == 3.0 and cold.plotly_only_ratio == 1.5
    text = results.text_report(_result(_dataset(visits=cold)))
    assert "one-line page 2.00 s, ratio 3.00×" in text
    assert "plotly-only page" in text and "3.00 s, ratio 1.50×" in text
    assert cold.app_over_floor == 2.0 and "the app takes 2.00× this floor" in text
    without = results.text_report(_result(_dataset(visits=MapVisits([6.0], [2.0]))))
    assert "plotly-only" not in without


def test_the_first_visit_after_a_server_start_is_reported_apart_and_not_budgeted():
    seen = MapVisits(
        [2.0, 2.0, 2.0],
        [1.6, 1.6, 1.6],
        first_s={results.APP: 9.0, results.ONE_LINE: 3.0},
    )
    assert seen.first_ratio == 3.0 and seen.ratio == 1.25
    ds = _dataset(visits=seen)
    text = results.text_report(_result(ds))
    assert "first visit after the server started (not budgeted): map drawn 9.00 s" in text
    assert "ratio 3.00×" in text
    visit_check = next(c for c in checks(_result(ds)) if "visit to the drawn map" in c.what)
    assert visit_check.verdict == "pass"


def test_the_servers_cpu_per_warm_visit_is_reported():
    seen = MapVisits(
        [2.0],
        [1.6],
        server_cpu_s={results.APP: 0.0421, results.ONE_LINE: 0.0129},
    )
    text = results.text_report(_result(_dataset(visits=seen)))
    assert "server CPU per warm visit" in text
    assert f"{results.APP} 42 ms, {results.ONE_LINE} 13 ms" in text
    without = results.text_report(_result(_dataset(visits=MapVisits([2.0], [1.6]))))
    assert "server CPU per warm visit" not in without


def _side_by_side_dataset() -> DatasetResult:
    ds = _dataset(page_ms=20.0)
    ds.pages[1] = _timing("sources", 50)
    ds.one_line = _timing("(one-line page)", 2, 2, 3)
    ds.peer = _timing("(peer)", 110, 120, 130)
    ds.visits = MapVisits(
        app_s=[2.0, 2.2, 1.8],
        one_line_s=[1.6, 1.6, 1.6],
        peer_s=[3.2, 3.6, 3.4],
        payload_bytes={results.APP: 180_000, results.ONE_LINE: 550, results.PEER: 340_456},
    )
    return ds


def test_side_by_side_has_the_overview_the_peer_and_the_one_line_page():
    rows = results.side_by_side(_side_by_side_dataset())
    assert rows == [
        ["democdash overview", "2.00 s", "1.25×", "180.0 KB", "20"],
        ["the peer (peer_app.py)", "3.40 s", "2.12×", "340.5 KB", "120"],
        ["one-line page (st.write)", "1.60 s", "1.00×", "0.6 KB", "2"],
    ]


def test_side_by_side_without_the_peer_or_a_browser_says_n_a():
    ds = _dataset(page_ms=20.0)
    rows = results.side_by_side(ds)
    assert rows[1] == ["the peer (peer_app.py)", "n/a", "n/a", "n/a", "n/a"]
    assert rows[0][1:4] == ["n/a", "n/a", "n/a"] and rows[0][4] == "20"


def test_the_peer_and_the_one_line_page_are_references_not_judged():
    rows = page_rows(_side_by_side_dataset())
    names = [r.page for r in rows]
    assert names[:4] == ["(empty page)", "(map-only page)", "(one-line page)", "(peer)"]
    peer = rows[3]
    assert peer.budget is None and peer.verdict == "n/a"  # 120 ms: 11x the empty page
    assert results.all_pass(_result(_side_by_side_dataset()))


def test_report_shows_the_side_by_side_table_the_peer_note_and_outside_requests():
    result = _result(_side_by_side_dataset())
    result.peer_note = "the peer: /x/peer_app.py, run unchanged"
    text = results.text_report(result)
    assert "to the world map drawn" in text and "the peer (peer_app.py)" in text
    assert "the peer: /x/peer_app.py, run unchanged" in text
    assert "the peer's map drawn 3.40 s, ratio 2.12×" in text
    assert "requests that left 127.0.0.1: none" in text
    result.datasets[0].outside_requests = ["peer: https://fonts.example/x.pbf"]
    markdown = results.latest_markdown(result)
    assert "requests that left 127.0.0.1 (blocked): 1: peer: https://fonts.example" in markdown
    assert "| democdash overview | 2.00 s | 1.25× | 180.0 KB | 20 |" in markdown


def test_the_peer_is_found_or_said_to_be_missing(tmp_path: Path, monkeypatch):
    from democdash_bench import peer

    missing = tmp_path / "peer_app.py"
    assert peer.find_peer(missing) == (None, f"the peer was not measured: {missing} not found")
    missing.write_text("import streamlit as st\n")
    assert peer.find_peer(missing)[0] == missing
    monkeypatch.setenv(peer.ENV_PEER_APP, str(missing))
    assert peer.peer_app_path() == missing
    monkeypatch.delenv(peer.ENV_PEER_APP)
    assert peer.peer_app_path() == peer.DEFAULT_PEER_APP


def test_an_older_history_header_is_not_kept_as_a_run():
    older = results.HISTORY_HEADER.replace("visit / one-line", "cold start / one-line")
    previous = (
        f"{results.HISTORY_START}\n{older}\n{results.HISTORY_RULE}\n| 2026-01-01 | `abc` | x |\n"
        f"{results.HISTORY_END}\n"
    )
    assert history_rows(previous) == ["| 2026-01-01 | `abc` | x |"]
