"""Candidates from an extraction: the article record, sources from offsets (quotes exact and
at most 30 words), dates with their basis, summaries in our words, status from stance."""

import pandas as pd
import pytest

from democdash.extract import extract_article
from democdash.ingest.candidates import (
    ArticleMeta,
    Existing,
    article_id,
    build_article,
    build_candidates,
    claimant,
    event_date,
    event_summary,
    instrument,
    link_actor,
    option_title,
    published_date,
    source_at,
    source_type,
)
from democdash.models import DateValue
from democdash.text import paragraphs, sha256
from democdash.vocab import STATUS_OF_STANCE

TEXT = (
    "Kyrgyzstan detains opposition figures\n\n"
    "Police in Kyrgyzstan detained six opposition politicians in Bishkek on March 4, 2024, "
    "their lawyers said.\n\n"
    "Hundreds of people protested outside the parliament last week, demanding the release "
    "of the detained politicians.\n\n"
    "Senator Jane Holloway said the European Union should impose targeted sanctions on the "
    "officials responsible for the arrests."
)
META = ArticleMeta(title="Kyrgyzstan detains opposition figures", published="2024-03-10")
LONG = " ".join(f"word{i}" for i in range(45)) + "."


def empty_existing(**frames):
    from democdash import frames as f

    blank = {k: f.frame(k, []) for k in ("events", "options", "countries", "actors")}
    blank["sources"] = f.sources_frame([])
    blank.update(frames)
    return Existing(**blank)


@pytest.fixture(scope="module")
def candidates():
    result = extract_article(TEXT, title=META.title, published=META.published)
    return build_candidates(result, TEXT, META, empty_existing())


def test_article_record_is_analyst_with_hash_paragraphs_and_stable_id():
    article = build_article(TEXT, META)
    assert article.origin == "analyst"
    assert article.text_sha256 == sha256(TEXT)
    assert article.paragraphs == 4
    assert article.id == f"kyrgyzstan-detains-opposition-figures-{sha256(TEXT)[:8]}"
    assert build_article(TEXT, META).id == article.id  # stable
    assert article.published.value == "2024-03-10" and article.published.precision == "day"
    assert article.published.basis == "stated"


def test_unknown_metadata_stays_unknown():
    article = build_article(TEXT, ArticleMeta())
    assert article.title is None and article.author is None and article.outlet is None
    assert article.published.value is None and article.published.basis == "not_stated"
    assert article.id.startswith("article-")
    assert article_id(ArticleMeta(outlet="The Outlet"), "ab" * 32) == "the-outlet-abababab"


@pytest.mark.parametrize(
    ("given", "precision"), [("2024", "year"), ("2024-03", "month"), ("2024-03-10", "day")]
)
def test_published_keeps_the_precision_given(given, precision):
    assert published_date(given).precision == precision


@pytest.mark.parametrize("bad", ["10 March 2024", "2024-13", "2024-02-30", "soon"])
def test_bad_published_date_is_refused_with_a_message(bad):
    with pytest.raises(ValueError, match="publication date"):
        published_date(bad)


def test_source_type_aliases_and_default():
    assert source_type(None) == "reporting"
    assert source_type("news") == "reporting"
    assert source_type("think-tank") == "analysis"
    assert source_type("Opinion") == "opinion"
    with pytest.raises(ValueError, match="unknown source type"):
        source_type("blog")


def test_quotes_are_exact_substrings_of_their_paragraph_and_at_most_30_words(candidates):
    paras = {p.number: p.text for p in paragraphs(TEXT)}
    assert candidates.all
    for candidate in candidates.all:
        quote = candidate.source.quote
        assert quote in paras[candidate.source.paragraph]
        assert len(quote.split()) <= 30


def test_paragraph_comes_from_the_offsets(candidates):
    crackdown = next(c for c in candidates.events if c.category == "crackdown")
    assert crackdown.source.paragraph == 2
    sanctions = next(c for c in candidates.options if c.category == "sanctions")
    assert sanctions.source.paragraph == 4


def test_long_sentence_is_clipped_to_30_words_and_stays_verbatim():
    text = "Heading\n\n" + LONG
    start = text.index("word0")
    source = source_at("a", text, start, len(text))
    assert source.paragraph == 2
    assert len(source.quote.split()) == 30
    assert source.quote in text and source.quote.startswith("word0")


def test_a_list_items_quote_is_its_words_without_the_bullet_or_number():
    text = "The EU should:\n\n- impose targeted sanctions;\n2. fund independent media."
    for item in ("impose targeted sanctions;", "fund independent media."):
        at = text.index(item)
        source = source_at("a", text, text.rfind("\n", 0, at) + 1, at + len(item))
        assert source.quote == item and source.paragraph == 2


def test_quote_never_runs_past_its_paragraph():
    text = "First paragraph ends here\n\nSecond paragraph starts"
    source = source_at("a", text, 0, len(text))
    assert source.quote == "First paragraph ends here" and source.paragraph == 1


def test_summaries_and_titles_are_our_words_never_the_sentence(candidates):
    for candidate in candidates.all:
        assert candidate.label != candidate.sentence
        assert candidate.label not in candidate.sentence
    assert event_summary("coup", "Myanmar") == "Coup in Myanmar"
    assert option_title("sanctions", "Belarus") == "Sanctions targeting Belarus"
    assert event_summary("protest", None) == "Protest (country not stated)"
    assert option_title("funding", None) == "Funding or aid (target not stated)"


@pytest.mark.parametrize(
    ("stance", "status"),
    [
        ("recommends", "recommended"),
        ("proposes", "proposed"),
        ("demands", "proposed"),
        ("weighs", "unknown"),  # considered, not put forward: the status stays unknown
        ("threatens", "proposed"),
        ("pledges", "pledged"),
        ("refuses", "rejected"),
    ],
)
def test_status_from_stance(stance, status):
    assert STATUS_OF_STANCE[stance] == status


def test_options_are_as_of_the_article_and_say_who_is_named(candidates):
    option = next(c for c in candidates.options if c.category == "sanctions")
    assert option.status == "recommended"
    assert option.country == "KGZ"
    # the senator said it: her claim, by the name the article gives (no stored actor)
    assert option.claimed_by == "name:Jane Holloway"
    assert option.stated_actor == "Jane Holloway"


def test_the_claimant_is_the_holder_when_named_else_the_author():
    named = {"text": "Ales Marchuk", "kind": "person", "actor_id": None}
    assert claimant(None, named) == "name:Ales Marchuk"
    assert claimant("blr-viacorka", named) == "blr-viacorka"  # a stored actor
    assert claimant(None, {"text": "The protests", "kind": "unknown"}) == "author"
    assert claimant(None, {"text": None, "kind": "author"}) == "author"


def test_instruments_outside_the_vocabulary_become_other():
    assert instrument("cyber") == "other"
    assert instrument(None) == "other"
    assert instrument("military") == "military"  # the extraction rules' instruments are ours too
    assert instrument("rhetoric") == "rhetoric"
    assert instrument("sanctions") == "sanctions"


PUB = DateValue(value="2024-03-10")


def test_event_date_stated():
    event = {"date": "2024-03-04", "precision": "day", "start": 0, "end": 50}
    dates = [{"text": "March 4, 2024", "iso": "2024-03-04", "start": 10, "end": 23}]
    value = event_date(event, dates, PUB)
    assert (value.value, value.basis, value.text) == ("2024-03-04", "stated", "March 4, 2024")


def test_event_date_relative_to_publication():
    event = {"date": "2024-02-26", "precision": "week", "start": 0, "end": 50}
    dates = [{"text": "last week", "iso": "2024-02-26", "start": 5, "end": 14}]
    value = event_date(event, dates, PUB)
    assert value.value == "2024-W09" and value.precision == "week"
    assert value.basis == "relative_to_publication"


def test_event_date_year_inferred_when_the_text_gives_no_year():
    event = {"date": "2024-01-06", "precision": "day", "start": 0, "end": 50}
    dates = [{"text": "Jan. 6", "iso": "2024-01-06", "start": 5, "end": 11}]
    assert event_date(event, dates, PUB).basis == "year_inferred"


def test_event_date_season_keeps_its_precision():
    event = {"date": "2019", "precision": "season", "start": 0, "end": 50}
    dates = [{"text": "summer 2019", "iso": "2019", "start": 5, "end": 16}]
    value = event_date(event, dates, PUB)
    assert value.value == "2019" and value.precision == "season"


def test_undated_event_is_not_stated_and_bounded_by_the_article():
    value = event_date({"date": None, "precision": None, "start": 0, "end": 9}, [], PUB)
    assert value.value is None and value.basis == "not_stated"
    assert str(value.latest) == "2024-03-10"


def test_candidates_link_people_to_known_actors():
    actors = [{"id": "eu", "name": "European Union", "aliases": ["the EU"]}]
    assert link_actor("The European Union", actors, []) == "eu"
    assert link_actor("the EU", actors, []) == "eu"
    people = [{"name": "Jane Holloway", "actor_id": "holloway", "mentions": [{"text": "Holloway"}]}]
    assert link_actor("Holloway", [], people) == "holloway"
    assert link_actor("Someone Else", actors, people) is None


def test_who_would_act_is_a_stored_actor_when_the_subject_matches_one():
    actors = pd.DataFrame(
        {
            "id": ["eu"],
            "name": ["European Union"],
            "aliases": [["EU"]],
            "kind": ["organisation"],
            "country": [None],
            "role": ["international"],
            "description": [None],
            "claimed_by": ["author"],
            "origin": ["curated"],
            "n_sources": [1],
            "articles": [["x"]],
        }
    )
    text = "The European Union should impose sanctions on Kyrgyzstan."
    result = extract_article(text, published="2024-03-10")
    built = build_candidates(result, text, ArticleMeta(), empty_existing(actors=actors))
    option = built.options[0]
    # the author recommends what the EU would do: the EU acts, the author holds the position
    assert option.actors == ["eu"]
    assert option.holder["kind"] == "author" and option.claimed_by == "author"


def test_known_actors_link_across_transliterations_and_aliases():
    actors = [
        {"id": "blr-lukashenko", "name": "Alexander Lukashenko", "aliases": ["Lukashenko"]},
        {"id": "blr-tsikhanouskaya", "name": "Sviatlana Tsikhanouskaya", "aliases": []},
    ]
    assert link_actor("Lukashenka", actors, []) == "blr-lukashenko"
    assert link_actor("Aleksandr Lukashenka", actors, []) == "blr-lukashenko"
    assert link_actor("President Lukashenka's", actors, []) == "blr-lukashenko"
    assert link_actor("Svetlana Tikhanovskaya", actors, []) == "blr-tsikhanouskaya"
    assert link_actor("Alexander Lebedev", actors, []) is None


def test_a_weak_match_is_offered_but_not_preselected(monkeypatch):
    from democdash.ingest import candidates as module
    from democdash.ingest.matching import WEAK, Match

    weak = Match("blr-2020-protests", "Protests in Belarus", 0.4, WEAK)
    monkeypatch.setattr(module, "match_event", lambda *args: weak)
    result = extract_article(TEXT, title=META.title, published=META.published)
    built = build_candidates(result, TEXT, META, empty_existing())
    assert built.events and all(c.match is None for c in built.events)
    assert all(c.possible_match == weak for c in built.events)


def test_paragraphs_are_split_once_however_many_candidates(monkeypatch):
    from democdash import text as text_module

    long = "\n\n".join([TEXT] * 40)
    result = extract_article(long, title=META.title, published=META.published)
    calls = []
    real = text_module.paragraphs
    monkeypatch.setattr(text_module, "paragraphs", lambda t: calls.append(1) or real(t))
    from democdash.ingest import candidates as module

    monkeypatch.setattr(module, "paragraphs", text_module.paragraphs)
    built = build_candidates(result, long, META, empty_existing())
    assert len(built.all) > 40
    assert len(calls) <= 2  # the article record's count and one index, not one per candidate


def test_options_keep_the_extractions_holder_stance_and_confidence(candidates):
    (option,) = [c for c in candidates.options if "sanctions" in c.sentence]
    assert option.stance == "recommends" and option.status == "recommended"
    assert option.holder["text"] == "Jane Holloway"  # the person, by name: no title
    assert option.stated_actor == "Jane Holloway"
    assert 0 <= option.confidence <= 1


def test_event_summaries_are_specific_and_in_our_words():
    text = (
        "Belarus forced a Ryanair plane to land in Minsk on Sunday and arrested the journalist "
        "Roman Protasevich."
    )
    result = extract_article(text, published="2021-05-24")
    (event,) = build_candidates(result, text, ArticleMeta(), empty_existing()).events
    assert event.label == (
        "Crackdown in Belarus: forced landing of a plane involving Roman Protasevich, 2021-05-23"
    )
    assert event.label not in text
    assert event_summary("crackdown", "Belarus", "arrested", ["A B"], None) == (
        "Crackdown in Belarus: arrest involving A B"
    )
    assert event_summary("protest", "Belarus", "protests", [], "2020-08") == (
        "Protest in Belarus, 2020-08"
    )


def test_the_text_proposes_its_title_outlet_date_and_link():
    from democdash.ingest.meta import merged, propose_meta

    text = (
        "Belarus forces Ryanair plane to land, arrests journalist\n"
        "Al Jazeera\n"
        "Published On 24 May 2021\n"
        "https://www.aljazeera.com/news/2021/5/24/belarus-plane\n\n"
        "Belarus scrambled a fighter jet on Sunday to force a Ryanair plane to land in Minsk."
    )
    proposed = propose_meta(text)
    assert proposed.title == "Belarus forces Ryanair plane to land, arrests journalist"
    assert proposed.outlet == "Al Jazeera"
    assert proposed.published == "2021-05-24"
    assert proposed.url == "https://www.aljazeera.com/news/2021/5/24/belarus-plane"
    given = merged(ArticleMeta(title="Given title"), proposed)
    assert given.title == "Given title" and given.published == "2021-05-24"
    assert propose_meta("A plain paragraph. Nothing about itself.") == ArticleMeta()
    # a date in the link's path when no line gives one
    assert propose_meta("Source: Reuters\nhttps://x.org/2020/08/09/a").published == "2020-08-09"


def test_an_event_candidate_carries_the_place_the_article_names():
    text = "A court in Minsk sentenced the blogger Ihar Losik to 15 years on 14 December 2021."
    result = extract_article(text, published="2021-12-20")
    built = build_candidates(result, text, ArticleMeta(), empty_existing())
    [event] = built.events
    assert (event.country, event.location) == ("BLR", "Minsk")
