"""The timeline in a real browser: its bars read without hovering (labels drawn, none over
another), and a click on a country's undated group lists those events and puts the list in
the URL."""

from __future__ import annotations

import re

from democdash.store import open_store
from tests.browser.test_events_browser import TIMELINE_BARS, forgive_base_path_probes

#: The labels Plotly drew (bar texts and marker texts), with their boxes on screen.
LABEL_BOXES_JS = """
() => [...document.querySelectorAll(
    '.js-plotly-plot .barlayer text.bartext, .js-plotly-plot .scatterlayer .textpoint text'
  )]
  .filter(t => t.textContent.trim() && getComputedStyle(t).display !== 'none'
               && t.getBoundingClientRect().width > 0)
  .map(t => {
    const r = t.getBoundingClientRect();
    return {text: t.textContent, x0: r.left, x1: r.right, y0: r.top, y1: r.bottom};
  })
"""

#: Where to click on the last bar trace's first bar (the undated groups are drawn last):
#: a point inside it, near its left end, from the SVG's own coordinates (scrolled into view).
GROUP_POINT_JS = """
() => {
  const traces = document.querySelectorAll('.js-plotly-plot .barlayer .trace');
  const path = traces[traces.length - 1].querySelector('.point path');
  path.scrollIntoView({block: 'center'});
  const box = path.getBBox();
  const p = path.ownerSVGElement.createSVGPoint();
  p.x = box.x + Math.min(box.width / 2, 30); p.y = box.y + box.height / 2;
  const s = p.matrixTransform(path.getScreenCTM());
  return {x: s.x, y: s.y};
}
"""


def undated_count(country: str) -> int:
    events = open_store().events()
    return int(((events["country"] == country) & events["date_value"].isna()).sum())


def assert_apart(boxes: list[dict]) -> None:
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart = (
                a["x1"] <= b["x0"] or b["x1"] <= a["x0"] or a["y1"] <= b["y0"] or b["y1"] <= a["y0"]
            )
            assert apart, f"{a['text']!r} is drawn over {b['text']!r}"


def test_timeline_labels_are_drawn_and_none_overlaps(open_page, page_log, screenshot):
    page = open_page("/events?country=BLR&view=timeline")
    page.wait_for_selector(TIMELINE_BARS)
    page.wait_for_timeout(500)  # texts are placed after the bars
    boxes = page.evaluate(LABEL_BOXES_JS)
    texts = [b["text"] for b in boxes]
    events = open_store().events()
    dated = events[(events["country"] == "BLR") & events["date_value"].notna()]
    assert len(texts) == len(dated) + 1, texts  # every dated event, and the undated group
    assert f"{undated_count('BLR')} undated events · click to list" in texts
    assert_apart(boxes)
    screenshot("timeline-blr")
    # a narrower window: the plot shrinks, labels that no longer fit are hidden, none overlap
    page.set_viewport_size({"width": 1000, "height": 900})
    page.wait_for_timeout(1500)
    assert_apart(page.evaluate(LABEL_BOXES_JS))
    forgive_base_path_probes(page_log)


def test_clicking_the_undated_group_lists_its_events(open_page, expect_rerun, page_log):
    page = open_page("/events?country=BLR&view=timeline")
    page.wait_for_selector(TIMELINE_BARS)
    target = page.evaluate(GROUP_POINT_JS)
    page.mouse.move(target["x"], target["y"])  # Plotly picks the point under the hover
    page.wait_for_timeout(300)
    with expect_rerun():
        page.mouse.click(target["x"], target["y"])
    page.wait_for_function("() => /[?&]undated_of=BLR/.test(location.href)")
    n = undated_count("BLR")
    page.get_by_role("heading", name=f"{n} undated events · Belarus").wait_for()
    assert page.get_by_text(re.compile(r"^Sources \(\d+\): quote")).count() == n
    forgive_base_path_probes(page_log)
