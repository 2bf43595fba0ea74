"""The review's cards as pure functions: each candidate's fields and their values, what the
analyst's values amount to as edits, people and country choices with their labels, the
article's sentences marked with what was proposed in them."""

from __future__ import annotations

import dataclasses

from democdash.ingest import review_form as form
from democdash.ingest.candidates import ArticleMeta, Candidate, Candidates, build_article
from democdash.ingest.review import ACCEPT, Decision, apply_review
from democdash.models import DateValue, SourceRef

TEXT = "Police detained six people.\n\nThe EU should impose sanctions on Kyrgyzstan."
ARTICLE = build_article(TEXT, ArticleMeta(title="A test", published="2024-03-10"))
NAMES = {"KGZ": "Kyrgyzstan", "HKG": "Hong Kong SAR (China)"}
ACTORS = {"eu": "European Union", "kgz-police": "Kyrgyz police"}


def option(holder=None, key="option-1") -> Candidate:
    return Candidate(
        key=key,
        kind="options",
        label="Sanctions targeting Kyrgyzstan",
        category="sanctions",
        country="KGZ",
        date=None,
        status="recommended",
        source=SourceRef(article=ARTICLE.id, paragraph=2, quote="The EU should impose sanctions"),
        sentence="The EU should impose sanctions on Kyrgyzstan.",
        start=29,
        end=75,
        stance="recommends",
        holder=holder,
    )


def event() -> Candidate:
    return Candidate(
        key="event-1",
        kind="events",
        label="Crackdown in Kyrgyzstan",
        category="crackdown",
        country="KGZ",
        date=DateValue(value="2024-03-04"),
        status=None,
        source=SourceRef(article=ARTICLE.id, paragraph=1, quote="Police detained six people."),
        sentence="Police detained six people.",
        start=0,
        end=27,
    )


def test_fields_of_an_event_and_an_option():
    assert [(f.name, f.value) for f in form.fields(event())] == [
        ("label", "Crackdown in Kyrgyzstan"),
        ("category", "crackdown"),
        ("country", "KGZ"),
        ("date", "2024-03-04"),
        ("location", ""),
    ]
    named = {"text": "Gitanas Nauseda", "kind": "person", "actor_id": None, "iso3": "LTU"}
    values = {f.name: f.value for f in form.fields(option(named))}
    assert values["holder"] == "name:Gitanas Nauseda"
    assert values["stance"] == "recommends" and values["claimed_by"] == "author"
    assert form.holder_value(option({"kind": "author", "text": None})) == "author"
    assert (
        form.holder_value(option({"text": "EU", "kind": "organisation", "actor_id": "eu"})) == "eu"
    )


def test_only_changed_values_are_edits_and_someone_else_takes_the_typed_name():
    candidate = option()
    same = {f.name: f.value for f in form.fields(candidate)}
    assert form.edits(candidate, same) == {}
    changed = {
        **same,
        "label": "  EU sanctions on officials ",
        "holder": form.SOMEONE_ELSE,
        "holder_name": "Lithuania's president",
        "country": form.NO_COUNTRY,
    }
    assert form.edits(candidate, changed) == {
        "label": "EU sanctions on officials",
        "holder": "name:Lithuania's president",
        "country": "",
    }
    result = apply_review(
        Candidates(ARTICLE, TEXT, {}, [], [candidate]),
        {"option-1": Decision(ACCEPT, form.edits(candidate, changed))},
    )
    assert result.ok and result.options[0].target is None
    assert result.actors[0].name == "Lithuania's president"
    assert form.title_of(candidate, changed) == "EU sanctions on officials"
    assert form.title_of(candidate, {"label": " "}) == candidate.label


def test_a_claim_named_as_the_holders_reads_so_and_follows_an_edited_holder():
    named = {"text": "Ales Marchuk", "kind": "person", "actor_id": None, "iso3": None}
    candidate = dataclasses.replace(option(named), claimed_by="name:Ales Marchuk")
    values = {f.name: f.value for f in form.fields(candidate)}
    assert values["claimed_by"] == form.SAME_AS_HOLDER
    assert form.person_label(form.SAME_AS_HOLDER, ACTORS) == "the one who holds this position"
    claims = form.people_choices([values["claimed_by"]], ACTORS, claimant=True)
    assert claims[:3] == ["author", "critics", form.SAME_AS_HOLDER]
    assert form.SAME_AS_HOLDER not in form.people_choices([values["holder"]], ACTORS)
    changed = form.edits(candidate, {**values, "holder": "eu"})
    assert changed == {"holder": "eu"}  # the claimant shown is unchanged: the holder's
    [saved] = apply_review(
        Candidates(ARTICLE, TEXT, {}, [], [candidate]),
        {"option-1": Decision(ACCEPT, changed)},
        ["KGZ"],
    ).options
    assert saved.claimed_by == saved.positions[0].holder == "eu"
    author_held = dataclasses.replace(option({"kind": "author", "text": None}))
    assert {f.name: f.value for f in form.fields(author_held)}["claimed_by"] == "author"
    picked = form.edits(author_held, {"holder": "eu", "claimed_by": form.SAME_AS_HOLDER})
    [saved] = apply_review(
        Candidates(ARTICLE, TEXT, {}, [], [author_held]),
        {"option-1": Decision(ACCEPT, picked)},
        ["KGZ"],
    ).options
    assert saved.claimed_by == "eu"


def test_an_options_position_reads_who_holds_it_and_its_stance_as_edited():
    named = {"text": "Gitanas Nauseda", "kind": "person", "actor_id": None, "iso3": "LTU"}
    assert form.position_of(option(named), {}, ACTORS) == "Held by: Gitanas Nauseda · recommends"
    author = option({"kind": "author", "text": None})
    assert form.position_of(author, {}, ACTORS) == "Held by: the article's author · recommends"
    assert form.position_of(author, {"holder": "eu", "stance": "demands"}, ACTORS) == (
        "Held by: European Union · demands"
    )
    typed = {"holder": form.SOMEONE_ELSE, "holder_name": "Lithuania's president"}
    assert form.position_of(author, typed, ACTORS) == (
        "Held by: Lithuania's president · recommends"
    )
    untyped = {"holder": form.SOMEONE_ELSE, "holder_name": " "}
    assert form.position_of(author, untyped, ACTORS) == "Held by: someone else · recommends"
    unstated = dataclasses.replace(author, stance=None)
    assert form.position_of(unstated, {}, ACTORS) == (
        "Held by: the article's author · stance not stated"
    )
    assert form.position_of(event(), {}, ACTORS) is None


def test_people_and_country_choices_read_as_names():
    choices = form.people_choices(["name:Gitanas Nauseda"], ACTORS)
    assert choices[:3] == ["author", "critics", "name:Gitanas Nauseda"]
    assert choices[3:] == ["eu", "kgz-police", form.SOMEONE_ELSE]
    labels = [form.person_label(c, ACTORS) for c in choices]
    assert labels[0] == "the article's author" and labels[1] == "unnamed critics"
    assert labels[2] == "Gitanas Nauseda (named in the article; saved as a new actor)"
    assert labels[3] == "European Union" and labels[-1] == "Someone else…"
    countries = form.country_choices(NAMES)
    assert countries[0] == form.NO_COUNTRY and len(countries) > 240
    assert form.country_label("HKG", NAMES) == "Hong Kong SAR (China) (HKG)"
    assert form.country_label("LTU", NAMES) == "Lithuania (LTU)"
    assert form.country_label("", NAMES) == "not stated"


def test_sentences_are_marked_with_the_candidates_they_hold():
    extraction = {
        "sentences": [
            {"text": "Police detained six people.", "start": 0, "end": 27, "paragraph": 1},
            {"text": "The EU should impose sanctions.", "start": 29, "end": 75, "paragraph": 2},
        ]
    }
    possible = option(key="possible-1")
    candidates = Candidates(ARTICLE, TEXT, extraction, [event()], [option()], [possible])
    marked = form.marked_sentences(candidates)
    assert [(s.index, s.paragraph, s.marks, s.keys) for s in marked] == [
        (0, 1, ("event",), ("event-1",)),
        (1, 2, ("option", "possible"), ("option-1", "possible-1")),
    ]
