"""Matching through a `RowIndex` compares only the stored rows a candidate may match, found
by their words (an inverted index) and dates: it must propose exactly what comparing every row
of the frame proposes (the same record, score and strength), as the rows and their quotes grow
the way a batch grows them."""

import gc
import random
from datetime import date

import pandas as pd
import pytest

from democdash import frames
from democdash.ingest.candidates import Existing, with_records
from democdash.ingest.matching import (
    RowIndex,
    _event_rows,
    _words_needed,
    match_event,
    match_option,
    record_texts,
    tokens,
)
from democdash.models import DateValue, SourceRef

#: Words drawn with falling odds: the first few are in most rows, as a country's name is.
VOCABULARY = [f"word{letter}" for letter in "abcdefghijklmnopqrstuvwxyz"] + [
    f"rare{n}" for n in range(40)
]
#: Date values of every shape matching tells apart: days, weeks, months, seasons, years,
#: approximate, open-ended, closed intervals short and long, and undated.
DATES = [
    None,
    "2020-03-05",
    "2020-03-20",
    "2020-04-02",
    "2021-01-31",
    "2020-W10",
    "2020-03",
    "2020-12",
    "2020",
    "2021~",
    "2020-03/2020-04",
    "2019/2021",
    "2020-03-05/2021-01-01",
    "2020-08/..",
    "2020-08-09/..",
    "season",
]


def _date(rng: random.Random) -> DateValue:
    value = rng.choice(DATES)
    if value is None:
        return DateValue(value=None, basis="not_stated")
    if value == "season":
        return DateValue(
            value="2020", precision="season", earliest="2020-06-01", latest="2020-08-31"
        )
    return DateValue(value=value)


def _words(rng: random.Random, low: int, high: int) -> str:
    weights = [1 / (rank + 1) for rank in range(len(VOCABULARY))]
    count = rng.randint(low, high)
    return " ".join(rng.choices(VOCABULARY, weights=weights, k=count))


def _event(number: int, rng: random.Random) -> dict:
    return {
        "id": f"e-{number:04d}",
        "country": rng.choice(["BLR", "MMR"]),
        "type": rng.choice(["protest", "crackdown"]),
        "summary": f"Protest in Belarus: {_words(rng, 0, 4)}",
        "date": _date(rng).model_dump(mode="json"),
    }


def _option(number: int, rng: random.Random) -> dict:
    return {
        "id": f"o-{number:04d}",
        "target": rng.choice(["BLR", "MMR"]),
        "instrument": rng.choice(["sanctions", "funding"]),
        "title": f"Sanctions targeting Belarus {_words(rng, 0, 3)}",
    }


def _grow(index: RowIndex, records: list[dict], quotes: dict, rng: random.Random, kind: str):
    """A batch's article: a few new records, and quotes added to new and stored ones (in
    place, as `with_records` adds them, the index told which changed)."""
    make = _event if kind == "events" else _option
    added = [make(len(records) + n, rng) for n in range(rng.randint(1, 8))]
    records += added
    index.add_payloads(added)
    cited = rng.sample(records, k=min(len(records), rng.randint(1, 6)))
    for record in cited:
        quote = _words(rng, 1, 12)
        known = quotes.get(record["id"])
        quotes[record["id"]] = f"{known} {quote}" if known else quote
    index.requote(record["id"] for record in cited)


@pytest.mark.parametrize("seed", range(6))
def test_events_matched_through_the_index_are_those_every_row_gives(seed):
    rng = random.Random(seed)
    records = [_event(n, rng) for n in range(30)]
    quotes: dict[str, str] = {}
    index = RowIndex("events", frames.frame("events", records))
    compared = 0
    for _ in range(25):
        _grow(index, records, quotes, rng, "events")
        frame = frames.frame("events", records)  # in the order of the ids: as indexed
        for _ in range(30):
            when = _date(rng)
            bounds = (when.earliest, when.latest) if when.is_dated else None
            candidate = (
                rng.choice(["BLR", "MMR"]),
                rng.choice(["protest", "crackdown"]),
                bounds,
                str(when.precision),
                f"{_words(rng, 0, 14)} unheard{rng.randint(0, 9)}",
            )
            expected = match_event(*candidate, frame, quotes)
            assert match_event(*candidate, index, quotes) == expected, candidate
            compared += expected is not None
    assert compared > 100  # many matches proposed, strong and weak


@pytest.mark.parametrize("seed", range(6))
def test_options_matched_through_the_index_are_those_every_row_gives(seed):
    rng = random.Random(seed)
    records = [_option(n, rng) for n in range(20)]
    quotes: dict[str, str] = {}
    index = RowIndex("options", frames.frame("options", records))
    compared = 0
    for _ in range(25):
        _grow(index, records, quotes, rng, "options")
        frame = frames.frame("options", records)
        for _ in range(30):
            candidate = (
                rng.choice(["BLR", "MMR"]),
                rng.choice(["sanctions", "funding"]),
                f"{_words(rng, 0, 14)} unheard{rng.randint(0, 9)}",
            )
            expected = match_option(*candidate, frame, quotes)
            assert match_option(*candidate, index, quotes) == expected, candidate
            compared += expected is not None
    assert compared > 100


def _undated(event_id: str, summary: str) -> dict:
    return {
        "id": event_id,
        "country": "BLR",
        "type": "protest",
        "summary": summary,
        "date": DateValue(value=None, basis="not_stated").model_dump(mode="json"),
    }


def test_a_row_sharing_only_the_commonest_words_is_found():
    """The index looks a candidate's words up rarest first and leaves out the commonest ones,
    as many as a match can do without: a row that shares just enough words, all of them the
    commonest, is still compared. Here 3 of the candidate's 10 words, a Jaccard index of
    exactly 0.3 (`EVENT_UNDATED_MIN`)."""
    fillers = [
        _undated(f"e-{n:02d}", f"alpha bravo charlie filler{n} other{n} more{n}") for n in range(20)
    ]
    target = _undated("e-target", "alpha bravo charlie")
    events = [*fillers, target]
    text = "alpha bravo charlie lone1 lone2 lone3 lone4 lone5 lone6 lone7"
    assert len(tokens(text)) == 10
    frame = frames.frame("events", events)
    index = RowIndex("events", frame)
    expected = match_event("BLR", "protest", None, None, text, frame, {})
    assert expected is not None and expected.record_id == "e-target" and expected.score == 0.3
    assert match_event("BLR", "protest", None, None, text, index, {}) == expected


def test_a_finely_dated_row_sharing_no_words_is_found_by_its_date():
    events = [
        {**_undated("e-day", "Protest in Belarus"), "date": {"value": "2024-03-05"}},
        {**_undated("e-year", "Protest in Belarus"), "date": {"value": "2024"}},
    ]
    frame = frames.frame("events", events)
    index = RowIndex("events", frame)
    week = (date(2024, 3, 4), date(2024, 3, 10))
    found = match_event("BLR", "protest", week, "week", "Unrelated words.", index, {})
    assert found is not None and found.record_id == "e-day" and found.is_strong
    assert found == match_event("BLR", "protest", week, "week", "Unrelated words.", frame, {})


def test_the_rows_compared_are_those_near_in_date_or_sharing_words():
    events = [
        {**_undated("e-march-5", "Protest in Belarus"), "date": {"value": "2024-03-05"}},
        {**_undated("e-april-2", "Protest in Belarus"), "date": {"value": "2024-04-02"}},
        {**_undated("e-2024", "Protest in Belarus"), "date": {"value": "2024"}},
        {**_undated("e-since-2020", "Protest in Belarus"), "date": {"value": "2020-08/.."}},
        _undated("e-undated", "Protest in Belarus: crowds in Minsk demand new elections"),
    ]
    index = RowIndex("events", frames.frame("events", events))
    day = (date(2024, 3, 5), date(2024, 3, 5))

    def compared(text: str, bounds=day, precision="day") -> list[str]:
        rows = _event_rows(index, "BLR", "protest", bounds, precision, tokens(text), {})
        return [row.id for row, _, _ in rows]

    assert compared("Unrelated words.") == ["e-2024", "e-march-5"]
    assert compared("Crowds in Minsk demand new elections") == [
        "e-2024",
        "e-march-5",
        "e-undated",
    ]
    # the open-ended row by its words (its summary's, as every row's here)
    assert compared("Protest in Belarus") == ["e-2024", "e-march-5", "e-since-2020", "e-undated"]
    # undated: only the rows sharing enough words, dated or not
    assert compared("Crowds in Minsk demand new elections", None, None) == ["e-undated"]


def test_words_a_stored_record_gains_in_a_batch_are_matched():
    """A source added to a stored record in a batch (`with_records`) brings words the index
    read before it: the next article's candidate sharing only those words matches it."""
    option = {"id": "opt-1", "target": "BLR", "instrument": "sanctions", "title": "Steel ban"}
    cited = {"id": "opt-1", "sources": [{"article": "a-1", "paragraph": 1, "quote": "A ban."}]}
    existing = Existing(
        events=frames.frame("events", []),
        options=frames.frame("options", [option]),
        sources=frames.sources_frame([("options", cited)]),
        countries=frames.frame("countries", []),
        actors=frames.frame("actors", []),
    )
    text = "Potash exporters face quotas, officials warned."

    def matched(existing: Existing):
        rows, quotes = existing.rows("options"), existing.quotes("options")
        return match_option("BLR", "sanctions", text, rows, quotes)

    assert matched(existing) is None  # the index has read every row's words
    quote = "Potash exporters face quotas"
    source = SourceRef(article="a-2", paragraph=3, quote=quote)
    extended = with_records(existing, {}, [("options", "opt-1", source)])
    found = matched(extended)
    assert found is not None and found.record_id == "opt-1"
    quotes = record_texts(frames.sources_frame([("options", cited)]), "options")
    quotes["opt-1"] += f" {quote}"
    assert found == match_option(
        "BLR", "sanctions", text, frames.frame("options", [option]), quotes
    )


def test_quotes_not_seen_before_are_read_again():
    index = RowIndex("options", pd.DataFrame())
    index.add_payloads([{"id": "o-1", "target": "BLR", "instrument": "funding", "title": "Aid"}])
    text = "Grants for independent media"
    assert match_option("BLR", "funding", text, index, {}) is None
    found = match_option("BLR", "funding", text, index, {"o-1": text})
    assert found is not None and found.record_id == "o-1"


def test_words_a_record_no_longer_has_no_longer_find_it():
    index = RowIndex("options", pd.DataFrame())
    index.add_payloads([{"id": "o-1", "target": "BLR", "instrument": "funding", "title": "Aid"}])
    text = "Grants for independent media"
    assert match_option("BLR", "funding", text, index, {"o-1": text}) is not None
    assert match_option("BLR", "funding", text, index, {"o-1": "Steel quotas"}) is None
    group = index.group("BLR", "funding", {"o-1": "Steel quotas"})
    assert group is not None and set(group.undated.positions) == {"aid", "steel", "quotas"}


def test_a_grown_index_holds_no_set_or_list_per_record():
    """A batch's index holds the words of every record saved: as tuples of strings and
    numbers, which the garbage collector stops walking, so that its full collections do not
    grow costlier with every article."""
    rng = random.Random(5)
    records = [_event(n, rng) for n in range(30)]
    quotes: dict[str, str] = {}
    index = RowIndex("events", frames.frame("events", records))
    for _ in range(10):
        _grow(index, records, quotes, rng, "events")
        for key in index.groups:
            index.group(*key, quotes)
    for _ in range(3):  # a tuple in a tuple is seen to hold no tracked object a collection later
        gc.collect()
    groups = [index.group(*key, quotes) for key in index.groups]
    held = [words for group in groups for words in group.posted]
    held += [
        positions
        for group in groups
        for postings in (group.undated, group.short, group.wide)
        for positions in postings.positions.values()
    ]
    held += [positions for group in groups for positions in group.by_month.values()]
    held += list(index._where.values())
    assert len(held) > 100 and not any(gc.is_tracked(item) for item in held)


@pytest.mark.parametrize("least", [0.12, 0.14, 0.2, 0.28, 0.3, 0.56, 1.0, 1.5])
def test_the_words_needed_are_counted_as_the_floats_compare(least):
    """0.28 * 25 is a little more than 7 in floats, yet 7 / 25 >= 0.28: 7 words are enough."""
    for count in range(1, 80):
        enough = [shared for shared in range(1, count + 1) if shared / count >= least]
        assert _words_needed(count, least) == (enough[0] if enough else None), count
