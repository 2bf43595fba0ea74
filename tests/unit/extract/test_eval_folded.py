"""The evaluation's report of the folded "also possible" option candidates."""

from democdash.extract.evaluate import FoldedCount


def _overlap(a: str, b: str) -> bool:
    return a in b or b in a


def test_folded_candidates_add_to_recall_and_are_counted_as_review_cost():
    count = FoldedCount()
    quotes = ["The EU should widen sanctions.", "Minsk refuses talks.", "Kyiv weighs aid."]
    likely = ["The EU should widen sanctions.", "A sentence that is no option."]
    folded = ["Minsk refuses talks.", "Another descriptive sentence."]
    count.add(quotes, likely, folded, _overlap)
    count.add(["Moscow vows to retaliate."], [], [], _overlap)

    assert (count.annotated, count.found_likely, count.found_with_folded) == (4, 1, 2)
    assert (count.likely, count.folded, count.extra_with_folded) == (2, 2, 2)
    head, figures = count.lines(2)
    assert "folded 'also possible'" in head
    assert "recall 0.50 (2/4; likely alone 1), precision 0.50" in figures
    assert "1.0 likely, 1.0 folded" in figures


def test_no_annotated_options_reports_nothing():
    assert FoldedCount().lines(3) == []
