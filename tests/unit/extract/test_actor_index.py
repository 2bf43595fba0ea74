"""Looking names up among known actors: `find_actor` on a list and on an `ActorIndex` (the
labels folded once, each name answered once) give the same answers."""

from democdash.extract.names import ActorIndex, find_actor, names_match

ACTORS = [
    {"id": "blr-lukashenko", "name": "Alexander Lukashenko", "aliases": ["Lukashenka"]},
    {"id": "blr-tsikhanouskaya", "name": "Sviatlana Tsikhanouskaya", "aliases": []},
    {"id": "no-id", "name": "Nobody Known"},
    {"id": "mmr-min-aung-hlaing", "name": "Min Aung Hlaing", "aliases": ["Senior General"]},
    {"id": "eu", "name": "European Union", "aliases": ["the EU", "EU"]},
    {"id": "alexander-other", "name": "Alexander", "aliases": None},
    {"id": "blr-viktor-lukashenko", "name": "Viktor Lukashenko"},
]
NAMES = [
    "Lukashenka",
    "Aleksandr Lukashenka",
    "President Lukashenka's",
    "Svetlana Tikhanovskaya",
    "Tsikhanovskaya",
    "the EU",
    "EU",
    "eu",
    "Min Aung Hlaing",
    "General Min",
    "Alexander",
    "Olga Petrova",
    "Petrova",
    "",
    "   ",
    "Mr.",
    "Nobody Known",
    "Viktor Lukashenko",
    "Dmitri Lukashenko",
]


def test_an_index_finds_what_the_list_finds():
    index = ActorIndex(ACTORS)
    for name in NAMES:
        expected = find_actor(name, ACTORS)
        assert index.find(name) == expected, name
        assert find_actor(name, index) == expected, name


def test_transliterations_and_exact_labels_through_an_index():
    index = ActorIndex(ACTORS)
    assert index.find("Aleksandr Lukashenka") == "blr-lukashenko"
    assert index.find("Svetlana Tikhanovskaya") == "blr-tsikhanouskaya"
    # an exact label wins over an earlier actor's looser match
    assert index.find("Viktor Lukashenko") == "blr-viktor-lukashenko"
    assert index.find("Dmitri Lukashenko") == "blr-lukashenko"  # the alias "Lukashenka"
    assert index.find("Olga Petrova") is None
    assert index.find(None) is None


def test_an_index_is_a_sequence_of_the_actors():
    index = ActorIndex(iter(ACTORS))
    assert len(index) == len(ACTORS)
    assert list(index) == ACTORS
    assert index[1]["id"] == "blr-tsikhanouskaya"
    assert not ActorIndex([])


def test_each_name_is_looked_up_once(monkeypatch):
    index = ActorIndex(ACTORS)
    calls: list[str] = []
    lookup = index._lookup
    monkeypatch.setattr(index, "_lookup", lambda name: calls.append(name) or lookup(name))
    for _ in range(3):
        assert index.find("Aleksandr Lukashenka") == "blr-lukashenko"
        assert index.find("Olga Petrova") is None
    assert calls == ["Aleksandr Lukashenka", "Olga Petrova"]


def test_names_match_across_romanisations():
    assert names_match("Tsikhanouskaya", "Tikhanovskaya")
    assert names_match("Aleksandr Lukashenka", "Alexander Lukashenko")
    assert not names_match("Viktor Lukashenko", "Alexander Lukashenko")
    assert not names_match("Min", "Min Aung Hlaing")  # surnames differ


def test_an_extended_index_answers_as_one_built_afresh():
    # answered before the new actors come: found, not found, exact and transliterated
    first, more = ACTORS[:4], ACTORS[4:]
    index = ActorIndex(first)
    for name in NAMES:
        index.find(name)
    extended = index.extended(more)
    fresh = ActorIndex(ACTORS)
    for name in NAMES:
        assert extended.find(name) == fresh.find(name), name
    # a new actor named exactly as a name found before by transliteration wins
    renamed = ActorIndex(ACTORS).extended([{"id": "lukashenka-exact", "name": "Lukashenka"}])
    assert renamed.find("Lukashenka") == "blr-lukashenko"  # an alias already, kept first
    alike = ActorIndex(ACTORS[:1])
    assert alike.find("Dmitri Lukashenko") == "blr-lukashenko"
    exact = alike.extended([{"id": "dmitri", "name": "Dmitri Lukashenko"}])
    assert exact.find("Dmitri Lukashenko") == "dmitri"
    # a name not found before is found once an alike surname arrives
    tikh = ActorIndex(ACTORS[:1])
    assert tikh.find("Svetlana Tikhanovskaya") is None
    assert tikh.extended([ACTORS[1]]).find("Svetlana Tikhanovskaya") == "blr-tsikhanouskaya"


def test_an_extended_index_keeps_the_answers_new_actors_cannot_change(monkeypatch):
    index = ActorIndex(ACTORS)
    assert index.find("Aleksandr Lukashenka") == "blr-lukashenko"
    assert index.find("Olga Petrova") is None
    extended = index.extended([{"id": "kofi-mensah", "name": "Kofi Mensah"}])
    calls: list[str] = []
    lookup = extended._lookup
    monkeypatch.setattr(extended, "_lookup", lambda name: calls.append(name) or lookup(name))
    assert extended.find("Aleksandr Lukashenka") == "blr-lukashenko"
    assert extended.find("Olga Petrova") is None
    assert extended.find("Mensah") == "kofi-mensah"
    assert calls == ["Olga Petrova", "Mensah"]  # a name not found is looked up again


def test_only_a_persons_name_is_found_by_its_last_word():
    actors = [
        {"id": "media", "name": "Independent media in Belarus", "kind": "organisation"},
        {"id": "council", "name": "Coordination Council", "aliases": [], "kind": "movement"},
        {"id": "tsikh", "name": "Sviatlana Tsikhanouskaya", "kind": "person"},
    ]
    for index in (actors, ActorIndex(actors)):
        assert find_actor("Belarus", index) is None
        assert find_actor("the opposition in Belarus", index) is None
        assert find_actor("Council", index) is None
        assert find_actor("Coordination Council", index) == "council"  # its label, as written
        assert find_actor("Tikhanovskaya", index) == "tsikh"  # a person's surname alone
    grown = ActorIndex(actors[:1]).extended(actors[1:])
    assert find_actor("Belarus", grown) is None and find_actor("Tikhanovskaya", grown) == "tsikh"
