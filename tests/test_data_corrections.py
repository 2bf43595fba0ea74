"""Corrections to the curated data, each pinned: what the records claim must be what the two
articles say (every quote is verbatim; these tests are about the claims around the quotes)."""

from __future__ import annotations

import re
from datetime import date

import pytest
import yaml

from democdash.settings import bundled_data_dir
from democdash.validate import validate_dir


@pytest.fixture(scope="module")
def data():
    result = validate_dir(bundled_data_dir())
    assert [str(p) for p in result.problems] == []
    return {kind: {key(kind, r): r for r in rs} for kind, rs in result.dataset.records.items()}


def key(kind, record):
    return record.iso3 if kind == "countries" else record.id


def positions(option) -> list[tuple[str, str]]:
    return [(p.holder, p.stance) for p in option.positions]


def statuses(record) -> list[tuple[str, str | None]]:
    return [(s.status, s.as_of.value) for s in record.statuses]


OUR_FIELDS = ("summary", "context", "rationale", "constraints", "description", "title", "name")


def our_words(data) -> str:
    """Every text we wrote (summaries, context, rationales...), not the quotes."""
    parts = []
    for records in data.values():
        for record in records.values():
            for field in OUR_FIELDS:
                value = getattr(record, field, None)
                if isinstance(value, str):
                    parts.append(value)
    return "\n".join(parts)


def test_tokayevs_packages_were_designed_not_passed(data):
    option = data["options"]["opt-kaz-tokayev-reform-programme"]
    assert [s for s, _ in statuses(option)] == ["unknown"]
    assert "designed to" in option.statuses[0].source.quote
    assert "adopted" not in data["actors"]["kaz-government"].description


@pytest.mark.parametrize(
    "option_id",
    [
        "opt-usa-return-multilateral-institutions",
        "opt-usa-invest-prodemocracy-groups",
        "opt-usa-reassert-alliances",
    ],
)
def test_the_authors_forecast_is_weighed_by_the_author_not_pledged_by_biden(data, option_id):
    option = data["options"][option_id]
    assert positions(option) == [("author", "weighs")]
    assert [s for s, _ in statuses(option)] == ["unknown"]
    assert "forecast" in option.rationale and "not a pledge" in option.rationale


def test_biden_signalled_support_for_tsikhanouskaya(data):
    option = data["options"]["opt-blr-support-tsikhanouskaya"]
    assert positions(option) == [("usa-biden", "proposes")]
    assert statuses(option) == [("proposed", "2020-11")]
    assert "signaled" in option.positions[0].source.quote
    event = data["events"]["blr-biden-pledges"]
    assert "signalled that he would back Tsikhanouskaya" in " ".join(event.summary.split())
    biden = " ".join(data["actors"]["usa-biden"].description.split())
    assert "signalled he would support Tsikhanouskaya" in biden


def test_the_extradition_amendments_are_proposed_as_of_june_2019_only(data):
    option = data["options"]["opt-hkg-extradition-amendments"]
    assert statuses(option) == [("proposed", "2019-06")]


def test_the_protests_are_not_said_to_continue_in_2021(data):
    event = data["events"]["blr-2020-protests"]
    assert "The crisis continues today." not in [s.quote for s in event.sources]
    assert "in both articles" not in event.summary


def test_the_credibility_question_is_the_authors(data):
    risk = data["risks"]["risk-usa-credibility-own-democracy"]
    assert risk.claimed_by == "author" and "critics ask" not in risk.description


def test_the_wait_for_the_inauguration_keeps_the_articles_hedge(data):
    risk = data["risks"]["risk-usa-engagement-waits-for-inauguration"]
    assert "will likely have to wait" in risk.title.lower()
    assert "likely" in risk.description


@pytest.mark.parametrize(
    "words",
    [
        "January inauguration",
        "to January 2021",
        "secretary of state",
        "transition team",
        "U.S. Congress",
        "Beijing supports the",
        "open clash",
        "former Soviet republic",
        "both harder",
        "Beijing-aligned",
    ],
)
def test_words_from_outside_the_articles_are_gone(data, words):
    assert words.lower() not in our_words(data).lower()


def test_tsikhanouskayas_other_spellings_are_marked_as_ours(data):
    actor = data["actors"]["blr-tsikhanouskaya"]
    assert actor.aliases == [] and "Tikhanovskaya" in actor.search_aliases


def test_recently_is_the_articles_month_and_same_day_records_share_their_bound(data):
    funding = data["events"]["usa-2020-prodemocracy-funding-cut"]
    assert (funding.date.value, funding.date.approximate) == ("2020-11", True)
    refusal = data["events"]["usa-trump-refuses-peaceful-transfer"]
    same_day = data["events"]["blr-us-declares-lukashenko-illegitimate"]
    assert refusal.date.earliest == same_day.date.earliest == date(2020, 8, 1)


def test_undated_records_have_no_year_in_their_ids_and_keep_their_old_ones(data):
    for event in data["events"].values():
        if event.date.value is None:
            assert not re.search(r"-(19|20)\d\d-", event.id), event.id
    assert data["events"]["blr-torture"].former_ids == ["blr-2020-torture"]
    old_ids = {old for e in data["events"].values() for old in e.former_ids}
    assert len(old_ids) == 22 and not old_ids & set(data["events"])


def test_events_under_one_country_name_every_country_involved(data):
    involved = {i: data["events"][i].countries_involved for i in (
        "usa-2021-alaska-meeting-china",
        "usa-2020-russian-election-interference",
        "blr-russian-loan",
        "blr-putin-police-pledge",
    )}  # fmt: skip
    assert involved == {
        "usa-2021-alaska-meeting-china": ["USA", "CHN"],
        "usa-2020-russian-election-interference": ["USA", "RUS"],
        "blr-russian-loan": ["BLR", "RUS"],
        "blr-putin-police-pledge": ["BLR", "RUS"],
    }


def test_the_uyghur_sanctions_have_the_option_the_article_implies(data):
    option = data["options"]["opt-chn-us-sanctions-uyghur-officials"]
    assert positions(option) == [("usa-biden-administration", "proposes")]
    assert statuses(option) == [("enacted", "2021-03")]
    assert option.sanctions == ["chn-2021-us-sanctions-uyghur-officials"]


def test_paris_and_berlin_both_hold_the_mediation_offer(data):
    option = data["options"]["opt-blr-fra-deu-mediation-offer"]
    assert positions(option) == [("fra-government", "proposes"), ("deu-government", "proposes")]
    assert "proposed_by" not in (option.constraints or "")


def test_the_gazetteer_says_where_its_names_come_from():
    sidecar = yaml.safe_load((bundled_data_dir() / "gazetteer.SOURCE.yaml").read_text("utf-8"))
    assert (bundled_data_dir() / sidecar["file"]).is_file()
    assert {s["name"] for s in sidecar["sources"]} == {"pycountry", "democdash's own list"}
    assert all(s["licence"] for s in sidecar["sources"])


def test_the_articles_public_copies_are_cited_with_how_they_were_found(data):
    for article_id, host in (
        ("atlantic-2020-belarus-biden", "www.theatlantic.com"),
        ("sheehan-2021-democracy-abroad", "www.ibtimes.com"),
    ):
        article = data["articles"][article_id]
        assert article.url.startswith(f"https://{host}/") and "found later" in article.url_note
        assert article.title is None and article.url in article.reference()
        assert "found later" in article.reference()


def test_no_brief_or_page_text_names_a_developer_field(data):
    assert "proposed_by" not in our_words(data)
