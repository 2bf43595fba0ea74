"""What review shows is what is saved: an option's position (who holds it, which stance) and
who is named in the article, as extracted or as edited; a holder the store does not know
becomes a new analyst actor; options folded as "also possible" are not accepted by default;
any sentence can be promoted to an event or an option, prefilled by the pipeline."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from democdash.extract import describe_sentence, extract_article, load_extractor
from democdash.extract.holders import holder_and_acting
from democdash.ingest.candidates import (
    ArticleMeta,
    Candidate,
    Candidates,
    Existing,
    build_article,
    build_candidates,
    promote,
)
from democdash.ingest.review import ACCEPT, Decision, apply_review, default_decisions
from democdash.models import SourceRef

TEXT = "The EU should impose sanctions on Kyrgyzstan."
ARTICLE = build_article(TEXT, ArticleMeta(title="A test", published="2024-03-10"))


def option(key="option-1"):
    return Candidate(
        key=key,
        kind="options",
        label="Sanctions targeting Kyrgyzstan",
        category="sanctions",
        country="KGZ",
        date=None,
        status="recommended",
        source=SourceRef(article=ARTICLE.id, paragraph=1, quote="The EU should impose sanctions"),
        sentence=TEXT,
        start=0,
        end=len(TEXT),
    )


def make(*items):
    return Candidates(ARTICLE, TEXT, {}, [], list(items))


def empty_existing() -> Existing:
    return Existing(
        events=pd.DataFrame(columns=["id", "country", "type", "date_earliest", "date_latest"]),
        options=pd.DataFrame(columns=["id", "target", "instrument"]),
        sources=pd.DataFrame(columns=["kind", "record_id", "article", "paragraph", "quote"]),
        countries=pd.DataFrame(columns=["iso3", "name"]),
        actors=pd.DataFrame(columns=["id", "name", "aliases"]),
    )


LITHUANIA = {"text": "Lithuania's president", "kind": "person", "actor_id": None, "iso3": "LTU"}


def with_holder(candidate, holder, stance="demands", claimed_by="author"):
    return dataclasses.replace(candidate, holder=holder, stance=stance, claimed_by=claimed_by)


def test_a_position_held_by_a_quoted_person_is_saved_as_shown():
    demanded = with_holder(option(), LITHUANIA)
    result = apply_review(make(demanded), {"option-1": Decision(ACCEPT)}, ["KGZ"])
    assert result.ok, result.problems
    [saved] = result.options
    [position] = saved.positions
    assert (position.holder, position.stance) == ("ltu-lithuania-s-president", "demands")
    assert position.source == demanded.source
    [actor] = result.actors
    assert (actor.id, actor.name, actor.kind, actor.country) == (
        "ltu-lithuania-s-president",
        "Lithuania's president",
        "person",
        "LTU",
    )
    assert actor.origin == "analyst" and actor.sources == [demanded.source]
    assert [c.iso3 for c in result.countries] == ["LTU"]  # the holder's country, for the map
    assert set(result.new_records()) == {"countries", "actors", "events", "options"}
    assert "1 new actors" in result.summary()


def test_a_claimant_named_as_the_holder_is_saved_as_the_holders_actor():
    speaker = with_holder(option(), LITHUANIA, claimed_by="name:Lithuania's president")
    result = apply_review(make(speaker), {"option-1": Decision(ACCEPT)}, ["KGZ"])
    [saved] = result.options
    assert saved.claimed_by == saved.positions[0].holder == "ltu-lithuania-s-president"
    assert len(result.actors) == 1  # one new actor for both
    other = with_holder(option(), LITHUANIA, claimed_by="name:Ingrida Simonyte")
    [saved] = apply_review(make(other), {"option-1": Decision(ACCEPT)}, ["KGZ"]).options
    assert saved.claimed_by == "actor-ingrida-simonyte" != saved.positions[0].holder


def test_the_claimant_follows_an_edited_holder_unless_edited_itself():
    speaker = with_holder(option(), LITHUANIA, claimed_by="name:Lithuania's president")
    edited = {"holder": "name:Ingrida Simonyte"}
    [saved] = apply_review(make(speaker), {"option-1": Decision(ACCEPT, edited)}).options
    assert saved.claimed_by == saved.positions[0].holder == "ltu-ingrida-simonyte"
    to_author = {"holder": "author"}
    [saved] = apply_review(make(speaker), {"option-1": Decision(ACCEPT, to_author)}).options
    assert saved.claimed_by == "author"
    both = {"holder": "author", "claimed_by": "critics"}
    [saved] = apply_review(make(speaker), {"option-1": Decision(ACCEPT, both)}).options
    assert saved.claimed_by == "critics"
    set_apart = with_holder(option(), LITHUANIA, claimed_by="critics")  # not the default
    [saved] = apply_review(make(set_apart), {"option-1": Decision(ACCEPT, edited)}).options
    assert saved.claimed_by == "critics"


def test_a_linked_holder_and_the_author_need_no_new_actor():
    linked = with_holder(option(), {**LITHUANIA, "actor_id": "ltu-nauseda"}, "pledges")
    author = with_holder(
        option("option-2"),
        {"text": None, "kind": "author", "actor_id": None, "iso3": None},
        stance=None,  # no stance found: the status says it (recommended: recommends)
    )
    result = apply_review(
        make(linked, author), {"option-1": Decision(ACCEPT), "option-2": Decision(ACCEPT)}
    )
    positions = [(o.positions[0].holder, o.positions[0].stance) for o in result.options]
    assert positions == [("ltu-nauseda", "pledges"), ("author", "recommends")]
    assert result.actors == []


def test_stance_holder_and_who_is_named_can_be_edited():
    edits = {"stance": "threatens", "holder": "name:Gitanas Nausėda", "claimed_by": "critics"}
    demanded = with_holder(option(), LITHUANIA)
    result = apply_review(make(demanded), {"option-1": Decision(ACCEPT, edits)})
    [saved] = result.options
    assert (saved.positions[0].holder, saved.positions[0].stance) == (
        "ltu-gitanas-nauseda",
        "threatens",
    )
    assert saved.claimed_by == "critics"
    assert result.actors[0].name == "Gitanas Nausėda"

    to_author = apply_review(make(demanded), {"option-1": Decision(ACCEPT, {"holder": "author"})})
    assert to_author.options[0].positions[0].holder == "author" and not to_author.actors


@pytest.mark.parametrize(
    ("edits", "problem"),
    [
        ({"stance": "urges"}, "'urges' is not a stance"),
        ({"holder": ""}, "say who holds the position"),
        ({"claimed_by": "name:"}, "say who is named in the article"),
    ],
)
def test_bad_position_edits_are_named(edits, problem):
    result = apply_review(make(option()), {"option-1": Decision(ACCEPT, edits)})
    assert not result.ok and problem in result.problems[0]


EXTRACTED = (
    "Vilnius, 24 May 2021. Lithuania's president Gitanas Nauseda demanded that the European "
    "Union ban Belarusian planes from its airspace, after the forced landing in Minsk.\n\n"
    "The weather was mild. Officials in Brussels said they might consider further steps.\n\n"
    "The European Union should impose sanctions on Belarusian officials, the author argues."
)


@pytest.fixture(scope="module")
def extracted() -> Candidates:
    result = extract_article(EXTRACTED, published="2021-05-24")
    meta = ArticleMeta(published="2021-05-24")
    return build_candidates(result, EXTRACTED, meta, empty_existing())


def test_also_possible_options_are_offered_but_not_accepted_by_default():
    candidates = make(option())
    folded = dataclasses.replace(option("possible-1"), confidence=0.3)
    candidates.also_possible.append(folded)
    assert "possible-1" in {c.key for c in candidates.all}
    assert set(default_decisions(candidates)) == {"option-1"}
    result = apply_review(candidates, {"possible-1": Decision(ACCEPT)}, ["KGZ"])
    assert len(result.options) == 1  # accepted by the analyst: saved like any other


def test_a_sentence_the_extraction_left_out_is_promoted_prefilled(extracted):
    sentences = extracted.extraction["sentences"]
    weather = next(i for i, s in enumerate(sentences) if s["text"].startswith("The weather"))
    existing = empty_existing()
    brussels = weather + 1
    assert sentences[brussels]["text"].startswith("Officials in Brussels")
    made = promote(extracted, existing, brussels, "options", extractor=load_extractor())
    assert made.key == f"sentence-{brussels + 1}-option" and made.kind == "options"
    assert made.source.quote in sentences[brussels]["text"]
    assert made.source.paragraph == 2
    assert made.stance is not None and made.holder is not None  # described on demand
    event = promote(extracted, existing, 0, "events")
    assert event.kind == "events" and event.source.paragraph == 1
    assert event.date is not None and event.date.value == "2021-05-24"


def test_describe_sentence_describes_any_sentence_as_an_option():
    offset = EXTRACTED.index("Officials in Brussels")
    found = describe_sentence(EXTRACTED, offset, extractor=load_extractor())
    assert found["text"].startswith("Officials in Brussels")
    assert found["stance"] in {"weighs", "proposes", "demands", "recommends", "threatens"}
    assert found["holder"]["text"].startswith("Officials")


@pytest.mark.parametrize(
    ("sentence", "holder_kind", "holder_text", "acting"),
    [
        ("The EU should impose sanctions, the author argues.", "author", None, "The EU"),
        ("Freedonia must cut its aid to the junta.", "author", None, "Freedonia"),
        ("We need to fund independent media.", "author", None, None),
        ("Biden will expand the sanctions.", "government", "Biden", "Biden"),
    ],
)
def test_the_author_holds_a_should_and_the_subject_would_act(
    sentence, holder_kind, holder_text, acting
):
    held, acts = holder_and_acting(sentence, 0, [], [], [], reported=True)
    assert held["text"] == holder_text
    if holder_kind == "author":
        assert held["kind"] == "author"
    assert (acts or {}).get("text") == acting
