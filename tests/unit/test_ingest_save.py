"""Saving an ingested article: a round trip through the store, duplicates reported and nothing
changed, read-only refused, and every bad input file refused with nothing stored."""

import shutil
from pathlib import Path

import pytest

from democdash.extract import DocumentError, read_document
from democdash.ingest import (
    ACCEPT,
    ArticleMeta,
    Decision,
    Existing,
    apply_review,
    default_decisions,
    extract,
    ingest_text,
    save_review,
)
from democdash.settings import MAX_UPLOAD_BYTES, Settings
from democdash.store import DuplicateArticleError, ReadOnlyError, open_store
from democdash.text import paragraphs

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
BAD = FIXTURES / "bad_inputs"
TEXT = (
    "Kyrgyzstan detains opposition figures\n\n"
    "Police in Kyrgyzstan detained six opposition politicians in Bishkek on March 4, 2024, "
    "their lawyers said.\n\n"
    "The European Union should impose targeted sanctions on the officials responsible for the "
    "arrests, the author argues."
)
META = ArticleMeta(
    title="Kyrgyzstan detains opposition figures",
    published="2024-03-10",
    url="https://example.org/kgz",
    source_file="kgz.txt",
)


def settings(tmp_path, readonly=False):
    folder = tmp_path / "data"
    if not folder.exists():
        shutil.copytree(FIXTURES / "data", folder)
    return Settings(
        data_dir=folder,
        database_url=f"sqlite:///{tmp_path / 'store.sqlite'}",
        readonly=readonly,
        seeds_dir=None,
    )


@pytest.fixture
def store(tmp_path):
    opened = open_store(settings(tmp_path))
    yield opened
    opened.engine.dispose()


def snapshot(store):
    return store.revision(), store.counts(), store.payloads("events"), store.payloads("options")


def test_round_trip_saves_the_article_text_and_every_accepted_record(store):
    existing = Existing.from_store(store)
    candidates = extract(TEXT, META, existing)
    result = apply_review(candidates, default_decisions(candidates), existing.countries["iso3"])
    before = store.revision()
    saved = save_review(store, candidates, result)
    assert store.revision() == before + 1

    article = store.get("articles", saved.id)
    # saved as reviewed, with who saved it
    assert article == candidates.article.model_copy(update={"added_by": store.editor()})
    assert article.origin == "analyst" and article.added_by == store.settings.local_editor
    assert store.article_text(saved.id) == TEXT
    assert store.get("countries", "KGZ").origin == "analyst"  # the map can show it now
    events = [e for e in store.records("events") if saved.id in {s.article for s in e.sources}]
    options = [o for o in store.records("options") if saved.id in {s.article for s in o.sources}]
    assert {e.id for e in events} == {e.id for e in result.events} and events
    assert {o.id for o in options} == {o.id for o in result.options} and options
    paras = [p.text for p in paragraphs(TEXT)]
    for record in [*events, *options]:
        assert record.origin == "analyst" and record.added_by == store.settings.local_editor
        for source in record.sources:
            assert source.quote in paras[source.paragraph - 1]
    crackdown = next(e for e in events if e.type == "crackdown")
    assert crackdown.country == "KGZ" and crackdown.date.value == "2024-03-04"
    frame = store.events()
    assert "KGZ" in set(frame["country"])


def test_a_second_save_is_reported_as_duplicate_and_changes_nothing(store):
    first = ingest_text(store, TEXT, META)
    assert first.duplicate_of is None
    before = snapshot(store)
    again = ingest_text(store, TEXT, META)
    assert again.duplicate_of == first.article_id and "already stored" in again.line()
    same_url = ingest_text(store, TEXT + "\n\nAn added line.", META)
    assert same_url.duplicate_of == first.article_id
    assert snapshot(store) == before
    # the store refuses it too, when asked directly
    existing = Existing.from_store(store)
    candidates = extract(TEXT, META, existing)
    with pytest.raises(DuplicateArticleError, match="already stored"):
        save_review(store, candidates, apply_review(candidates, default_decisions(candidates)))
    assert snapshot(store) == before


def test_matched_candidate_becomes_a_source_of_the_stored_record(store):
    text = (
        "Freedonia piece\n\n"
        "Neighbouring Freedonia should impose targeted sanctions on the officials who ordered "
        "the arrests, the author argues."
    )
    existing = Existing.from_store(store)
    candidates = extract(text, ArticleMeta(title="Ruritania and Freedonia"), existing)
    option = candidates.options[0]
    option.country = "BLR"  # the fixture's stand-in names are unknown to the gazetteer
    from democdash.ingest.matching import match_option, record_texts

    option.match = match_option(
        "BLR",
        "sanctions",
        option.sentence,
        existing.options,
        record_texts(existing.sources, "options"),
    )
    assert option.match and option.match.record_id == "opt-targeted-sanctions"
    n_options = store.counts()["options"]
    decisions = {option.key: Decision("add_source")}
    saved = save_review(store, candidates, apply_review(candidates, decisions, ["BLR"]))
    stored = store.get("options", "opt-targeted-sanctions")
    assert saved.id in {s.article for s in stored.sources}
    assert store.counts()["options"] == n_options  # not a duplicate


def test_read_only_store_refuses_and_stores_nothing(tmp_path, store):
    before = snapshot(store)
    readonly = open_store(settings(tmp_path, readonly=True))
    with pytest.raises(ReadOnlyError, match="read-only"):
        ingest_text(readonly, TEXT, META)
    assert snapshot(store) == before


def test_review_with_problems_is_not_saved(store):
    existing = Existing.from_store(store)
    candidates = extract(TEXT, META, existing)
    key = candidates.events[0].key
    result = apply_review(candidates, {key: Decision(ACCEPT, {"country": "XYZ"})})
    before = snapshot(store)
    with pytest.raises(ValueError, match="not an ISO"):
        save_review(store, candidates, result)
    assert snapshot(store) == before


BAD_FILES = {
    "empty.txt": "the file is empty",
    "whitespace.txt": "the file holds no text",
    "binary.txt": "binary data, not a text file",
    "latin1.txt": "not UTF-8 encoded text",
    "malformed.pdf": "malformed PDF",
    "no-markup.html": "malformed HTML",
    "scripts-only.html": "no article text found",
}


@pytest.mark.parametrize(("name", "message"), BAD_FILES.items())
def test_bad_input_names_the_problem_and_stores_nothing(store, name, message):
    before = snapshot(store)
    with pytest.raises(DocumentError, match=message) as raised:
        read_document(BAD / name)
    assert str(raised.value).startswith(name)
    assert snapshot(store) == before


def test_oversized_input_states_the_limit(store, tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"Kyrgyzstan. " * (MAX_UPLOAD_BYTES // 12 + 10))
    before = snapshot(store)
    with pytest.raises(DocumentError, match=f"over the limit of {MAX_UPLOAD_BYTES} bytes"):
        read_document(path)
    assert snapshot(store) == before


def test_extract_with_meta_passes_the_article_fields_and_known_actors():
    from democdash.ingest import extract_with_meta

    meta = ArticleMeta(title="T", outlet="O", author="A", published="2024-03-10", url="u")
    actors = [{"id": "kg-police", "name": "Tomas Raik", "aliases": []}]
    result = extract_with_meta("Tomas Raik said Kyrgyzstan acted last week.", meta, actors)
    article = result["article"]
    assert (article["title"], article["outlet"], article["author"]) == ("T", "O", "A")
    assert (article["published"], article["url"]) == ("2024-03-10", "u")
    assert result["people"][0]["actor_id"] == "kg-police"
    # "last week" resolved from the publication date: the week before 10 March 2024
    assert [d["iso"] for d in result["dates"]] == ["2024-02-26"]


def test_a_reprinted_wire_story_is_saved_as_the_same_story_and_counts_once(store):
    wire = (
        "Police in Minsk detained dozens of protesters on Sunday evening near the station.\n\n"
        "The interior ministry said the detainees had joined an unauthorised rally in Belarus.\n\n"
        "Witnesses said officers in plain clothes used batons against the crowd in Minsk."
    )
    first = ingest_text(store, wire, ArticleMeta(title="Dozens held", published="2021-05-24"))
    copy = ingest_text(
        store, "Reprinted by another outlet\n\n" + wire, ArticleMeta(published="2021-05-25")
    )
    assert copy.same_story is not None and copy.same_story.article_id == first.article_id
    assert "the same story as" in copy.line()
    assert store.get("articles", copy.article_id).same_story_as == first.article_id
