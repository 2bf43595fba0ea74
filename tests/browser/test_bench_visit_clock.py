"""The bench's visit clock (`democdash_bench.browser.drawn_at_ms`): a visit ends at the first
animation frame in which the subject is drawn, on the page's own clock. Playwright's selector
wait checks at 0, 20, 50, 100, 100 ms and then every 500 ms, so it reported an element that
appeared at 600 ms at about 770 ms; the bench must not round visits like that."""

import pytest

from democdash_bench.browser import MAP_SELECTOR, TEXT_DRAWN_JS, VisitedApp, drawn_at_ms

#: How long after the test says "go" the page adds what a subject waits for: long enough for
#: the wait to be polling by then, so that what is timed is when it notices, not when it began.
APPEARS_AFTER_MS = 300
#: An empty page that adds what a subject waits for APPEARS_AFTER_MS after `window.go` is set,
#: and notes on its own clock when it did (`window.appeared`).
LATE_PAGE = f"""<!doctype html><body><script>
(function add() {{
  if (!window.go || performance.now() < window.go + {APPEARS_AFTER_MS}) return setTimeout(add, 5);
  document.body.insertAdjacentHTML("beforeend",
    '<svg role="img"><path data-iso3="BLR" d="M0 0h5v5z"/></svg>' +
    '<div data-testid="stMarkdownContainer"><p>ready</p></div>');
  window.appeared = performance.now();
}})();
</script></body>"""


@pytest.mark.parametrize(
    "subject",
    [
        VisitedApp("map", None, MAP_SELECTOR, {}),  # type: ignore[arg-type]
        VisitedApp("text", None, TEXT_DRAWN_JS, {}, drawn_js=True),  # type: ignore[arg-type]
    ],
    ids=["selector", "predicate"],
)
def test_a_visit_ends_within_a_frame_of_the_subject_appearing(page, subject):
    page.set_content(LATE_PAGE)
    # the page's clock starts at its load, however long that took on a busy machine: the
    # element appears relative to the moment the wait begins, and is timed against it
    page.evaluate("window.go = performance.now()")
    drawn = drawn_at_ms(page, subject)
    appeared = page.evaluate("window.appeared")
    assert appeared <= drawn < appeared + 100, (appeared, drawn)
