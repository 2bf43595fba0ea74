"""A batch keeps what matching needs in memory (`with_records`, `RowIndex`): after each saved
article it must hold what reading the store afresh would give, and matching through it must
find what matching the frames finds."""

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from democdash.ingest.batch import BatchIngest
from democdash.ingest.bench import synthetic_corpus
from democdash.ingest.candidates import Existing
from democdash.ingest.matching import RowIndex, match_event, record_texts
from democdash.ingest.meta import ArticleMeta
from democdash.models import DateValue
from democdash.settings import Settings, bundled_data_dir
from democdash.store import open_store


@pytest.fixture
def store(tmp_path: Path):
    opened = open_store(
        Settings(
            data_dir=bundled_data_dir(),
            database_url=f"sqlite:///{tmp_path / 'batch.sqlite'}",
            readonly=False,
            seeds_dir=None,
        )
    )
    yield opened
    opened.engine.dispose()


@pytest.fixture
def batch_of_six(store):
    """Six synthetic articles saved in one batch (their events match each other's)."""
    from democdash.extract import load_extractor

    batch = BatchIngest(store, extractor=load_extractor(), by="tester")
    outcomes = [
        batch.ingest(text, ArticleMeta(title=text.split("\n", 1)[0], published="2024-06-15"))
        for text in synthetic_corpus(6, 400, seed=3)
    ]
    return batch, outcomes


def _groups(index: RowIndex) -> dict[tuple, set[str]]:
    return {key: {row.id for row in rows} for key, rows in index.groups.items() if rows}


def test_the_batch_holds_what_the_store_would_give(store, batch_of_six):
    batch, outcomes = batch_of_six
    assert sum(len(o.result.added_sources) for o in outcomes if o.result) > 0
    held, fresh = batch._existing, Existing.from_store(store)
    for kind in ("events", "options"):
        assert _groups(held.rows(kind)) == _groups(fresh.rows(kind))
        assert held.quotes(kind) == fresh.quotes(kind)
        assert held.known_ids(kind) == fresh.known_ids(kind)
        # the frames, built only now from what was saved, hold every stored record
        assert set(held.events["id"] if kind == "events" else held.options["id"]) == set(
            fresh.events["id"] if kind == "events" else fresh.options["id"]
        )
    assert held.known_ids("countries") == fresh.known_ids("countries")
    assert held.country_names() == fresh.country_names()
    # the events' and options' sources too, from the saved payloads held as text until now
    columns = ["kind", "record_id", "article", "paragraph", "quote"]

    def sources(frame):
        return sorted(
            frame[frame["kind"].isin(["events", "options"])][columns].itertuples(index=False)
        )

    assert sources(held.sources) == sources(fresh.sources)

    def by_id(actors):
        return sorted(({**a, "aliases": sorted(a["aliases"])} for a in actors), key=str)

    assert by_id(held.known_actors()) == by_id(fresh.known_actors())


def _event(event_id: str, value: str | None, summary: str = "Protest in Belarus") -> dict:
    date_value = DateValue(value=value) if value else DateValue(value=None, basis="not_stated")
    return {
        "id": event_id,
        "country": "BLR",
        "type": "protest",
        "summary": summary,
        "date": date_value.model_dump(mode="json"),
    }


EVENTS = [
    _event("e-march-5", "2024-03-05"),
    _event("e-march", "2024-03"),
    _event("e-april-2", "2024-04-02"),
    _event("e-2024", "2024"),
    _event("e-undated", None, "Protest in Belarus: crowds in Minsk demand new elections"),
    _event("e-since-2020", "2020-08/.."),
]


@pytest.mark.parametrize(
    ("bounds", "precision", "text"),
    [
        ((date(2024, 3, 5), date(2024, 3, 5)), "day", "Crowds protested in Minsk."),
        ((date(2024, 4, 1), date(2024, 4, 30)), "month", "Crowds protested in Minsk."),
        ((date(2024, 1, 1), date(2024, 12, 31)), "unknown", "Crowds in Minsk demand elections"),
        (None, None, "Crowds in Minsk demand new elections"),
        ((date(2019, 5, 1), date(2019, 5, 1)), "day", "Crowds in Minsk demand new elections"),
    ],
)
def test_matching_through_the_index_finds_what_matching_the_frame_finds(bounds, precision, text):
    from democdash import frames

    frame = frames.frame("events", EVENTS)
    quotes = record_texts(frames.sources_frame([]), "events")
    index = RowIndex("events", frame)
    from_payloads = RowIndex("events", pd.DataFrame())
    from_payloads.add_payloads(sorted(EVENTS, key=lambda e: e["id"]))  # the frame's order
    found = match_event("BLR", "protest", bounds, precision, text, frame, quotes)
    assert found is not None
    assert match_event("BLR", "protest", bounds, precision, text, index, quotes) == found
    assert match_event("BLR", "protest", bounds, precision, text, from_payloads, quotes) == found
