"""What is new since a date (democdash.digest), on the curated data: two articles, about Nov 2020
and about Mar 2021. Since January 2021 the 2021 article is new: its events, its positions, the
status change it reports (Biden's democracy promise pledged -> planned) and the article itself;
records both articles cite are updated, not new. An undated article is never new."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from democdash import digest
from democdash.settings import REPO_DIR, Settings
from democdash.store import open_store
from democdash.viewdate import ViewDates

NOV_2020 = "atlantic-2020-belarus-biden"
MAR_2021 = "sheehan-2021-democracy-abroad"
KINDS = ("events", "options", "sanctions", "risks", "actors", "articles", "countries")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    home = tmp_path_factory.mktemp("digest")
    return open_store(Settings(REPO_DIR / "data", f"sqlite:///{home / 's.db'}", False, None))


def frames_at(store, as_of: str | None) -> dict[str, pd.DataFrame]:
    return {k: store.frame(k, as_of=as_of) for k in KINDS}


def build(store, dates: ViewDates) -> tuple[frozenset[str], digest.Digest]:
    frames = frames_at(store, dates.as_of)
    new = digest.new_articles(frames["articles"], dates.since_start)
    actors = dict(zip(frames["actors"]["id"], frames["actors"]["name"], strict=True))
    names = dict(zip(frames["countries"]["iso3"], frames["countries"]["name"], strict=True))
    return new, digest.build_digest(frames, store.sources(dates.as_of), new, actors, names)


@pytest.mark.parametrize(
    ("as_of", "since", "expected"),
    [
        (None, "2021-01", {MAR_2021}),
        (None, "2021-03", {MAR_2021}),  # about Mar 2021 may be from any day of March
        (None, "2021-04", set()),
        (None, "2020-11", {NOV_2020, MAR_2021}),
        ("2020-12", "2020-11", {NOV_2020}),  # the 2021 article is not known by Dec 2020
        ("2020-12", "2021-01", set()),
    ],
)
def test_an_article_is_new_when_published_from_the_since_date_on(store, as_of, since, expected):
    new, _ = build(store, ViewDates.of(as_of, since))
    assert new == expected


def test_no_since_date_marks_nothing(store):
    new, found = build(store, ViewDates.of("2021-03", None))
    assert new == frozenset() and len(found) == 0
    assert digest.marks(frames_at(store, None), new) == {k: {} for k in digest.MARKED_KINDS}


def test_an_undated_article_is_never_new():
    articles = pd.DataFrame(
        {
            "id": ["dated", "undated"],
            "published_latest": [pd.Timestamp("2021-03-31"), None],
        }
    )
    assert digest.new_articles(articles, date(2000, 1, 1)) == {"dated"}


def test_records_are_new_when_every_source_is_new_and_updated_when_some_are(store):
    new, _ = build(store, ViewDates.of(None, "2021-01"))
    marks = digest.marks(frames_at(store, None), new)
    assert marks["events"]["usa-2021-alaska-meeting-china"] == digest.NEW
    assert marks["events"]["blr-2020-protests"] == digest.UPDATED  # both articles report it
    assert "blr-2020-sanctions-senior-officials" not in marks["sanctions"]
    assert marks["options"]["opt-usa-promote-democracy-abroad"] == digest.UPDATED
    assert marks["sanctions"]["chn-2021-us-sanctions-uyghur-officials"] == digest.NEW


def test_the_digest_lists_what_the_new_article_brought_each_with_its_quote(store):
    _, found = build(store, ViewDates.of(None, "2021-01"))
    events = {i.record_id: i for i in found.events}
    assert "usa-2021-alaska-meeting-china" in events
    assert "blr-2020-protests" not in events  # reported again, not new
    alaska = events["usa-2021-alaska-meeting-china"]
    assert alaska.article == MAR_2021 and alaska.quote and alaska.paragraph
    assert alaska.citation == "Ivan Sascha Sheehan, International Business Times, about Mar 2021."

    positions = [i for i in found.positions if i.record_id == "opt-usa-promote-democracy-abroad"]
    assert [(p.detail, p.paragraph) for p in positions] == [("Joe Biden proposes", 1)]
    assert positions[0].quote.startswith("President Joe Biden is making the strengthening")

    changes = {i.record_id: i for i in found.status_changes}
    promise = changes["opt-usa-promote-democracy-abroad"]
    assert promise.detail == "Pledged → Planned, as of about Mar 2021"
    assert promise.paragraph == 1 and promise.article == MAR_2021
    # a new sanction is listed by its first status; a new option by its positions only
    assert changes["chn-2021-us-sanctions-uyghur-officials"].detail.startswith("First reported:")
    assert "opt-global-democracy-summit" not in changes
    assert "opt-global-democracy-summit" in {i.record_id for i in found.positions}

    assert [i.record_id for i in found.sources] == [MAR_2021]
    assert found.sources[0].detail.startswith("Published about Mar 2021 · ")
    assert [h for h, _ in found.sections()] == [
        "New events",
        "New positions",
        "Status changes",
        "New sources",
    ]


def test_as_of_before_the_new_article_the_status_change_is_not_there(store):
    _, found = build(store, ViewDates.of("2020-12", "2020-11"))
    assert {i.article for i in found.events} == {NOV_2020}
    changes = {i.record_id for i in found.status_changes}
    assert "opt-usa-promote-democracy-abroad" not in changes  # planned only in 2021
    assert "chn-2021-us-sanctions-uyghur-officials" not in changes


def test_status_change_compares_the_status_in_force_with_the_one_before():
    old = {"status": "pledged", "article": "a"}
    same = {"status": "pledged", "article": "b"}
    other = {"status": "planned", "article": "b"}
    assert digest.status_change([old, other], frozenset({"b"})) == ("pledged", other)
    assert digest.status_change([old, same], frozenset({"b"})) == (None, None)
    assert digest.status_change([other], frozenset({"b"})) == (None, other)
    assert digest.status_change([old], frozenset({"b"})) == (None, None)
    assert digest.status_change([], frozenset({"b"})) == (None, None)
