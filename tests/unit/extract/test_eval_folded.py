"""The evaluation's report: the folded "also possible" option candidates, holder agreement."""

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


def test_holder_agreement_is_the_author_on_both_sides_or_a_shared_name_word():
    from democdash.extract.evaluate import holder_agrees

    names = {"USA": "United States"}.get
    person = {"text": "Vladimir Putin", "kind": "person", "iso3": None}
    assert holder_agrees(person, "Vladimir Putin / Kremlin", names)
    assert not holder_agrees(person, "Angela Merkel", names)
    author = {"text": None, "kind": "author", "iso3": None}
    assert holder_agrees(author, "author (Bloomberg Opinion)", names)
    assert not holder_agrees(author, "United States", names)
    assert not holder_agrees(person, "author (Bloomberg Opinion)", names)
    officials = {"text": "Washington", "kind": "government", "iso3": "USA"}
    assert holder_agrees(officials, "United States (NATO)", names)
    assert not holder_agrees(
        {"text": "The government", "kind": "government"}, "Government of Mali", names
    )
