"""People (titles stripped, surnames linked, known actors) and candidate events."""

from __future__ import annotations

from democdash.extract import extract_article
from democdash.extract.countries import find_mentions
from democdash.extract.people import find_people


def people(text: str, actors=None) -> dict[str, dict]:
    return {p["name"]: p for p in find_people(text, find_mentions(text), actors)}


def test_full_names_with_titles_stripped():
    found = people("President Alexander Lukashenko met Prof. Anna Petrova in Minsk.")
    assert set(found) == {"Alexander Lukashenko", "Anna Petrova"}
    mention = found["Alexander Lukashenko"]["mentions"][0]
    assert mention["text"] == "Alexander Lukashenko"


def test_later_surname_mentions_join_the_person():
    found = people("Sviatlana Tsikhanouskaya left the country. Later, Tsikhanouskaya spoke.")
    assert len(found["Sviatlana Tsikhanouskaya"]["mentions"]) == 2


def test_titled_single_surname_is_a_person():
    assert "Okonkwo" in people("Critics said Mr Okonkwo had lied.")


def test_organisations_places_and_sentence_words_are_not_people():
    found = people("The Electoral Commission and the National Assembly met in South Africa.")
    assert found == {}
    assert people("But Nigeria said no.") == {}


def test_known_actors_are_linked_by_name_or_alias():
    actors = [{"id": "A7", "name": "Aleksandr Lukashenka", "aliases": ["Alexander Lukashenko"]}]
    found = people("Alexander Lukashenko refused.", actors)
    assert found["Alexander Lukashenko"]["actor_id"] == "A7"
    assert people("Maria Kolesnikova was jailed.", actors)["Maria Kolesnikova"]["actor_id"] is None


def test_events_are_typed_dated_and_placed():
    text = (
        "Soldiers seized power in Mali on 18 August 2020. "
        "Thousands protested in Belarus on Sunday. "
        "Analysts think the outlook is uncertain."
    )
    events = extract_article(text, published="2020-08-19")["events"]
    assert [(e["type"], e["country"], e["date"]) for e in events] == [
        ("coup", "MLI", "2020-08-18"),
        ("protest", "BLR", "2020-08-16"),
    ]
    for e in events:
        assert text[e["start"] : e["end"]] == e["sentence"]


def test_undated_statements_are_not_events():
    events = extract_article("The minister said the talks were useful.")["events"]
    assert all(e["type"] != "statement" for e in events)


def test_events_rebuild_the_folded_text_from_sentences():
    from democdash.extract.events import find_events
    from democdash.extract.sentences import folded_text, split_sentences

    text = (
        "Troops fired on protesters in Belarus on 9 August 2020.\n\n"
        "The EU should impose sanctions on Minsk."
    )
    sentences = split_sentences(text)
    assert folded_text(sentences) == text.lower().replace("\n", " ")
    mentions = find_mentions(text)
    dates = extract_article(text)["dates"]
    folded = text.lower()
    events = find_events(sentences, dates, mentions)
    assert events and events == find_events(sentences, dates, mentions, folded=folded)
