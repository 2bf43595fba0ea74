"""Policy-option candidates: one test per stance, plus instrument, target, actor and lists."""

from __future__ import annotations

import pytest

from democdash.extract import extract_article


def options(text: str) -> list[dict]:
    return extract_article(text, published="2022-05-01")["policy_options"]


@pytest.mark.parametrize(
    ("sentence", "stance"),
    [
        ("Donors should suspend budget support to Uganda.", "recommend"),
        ("The senator proposed a new aid package for Moldova.", "propose"),
        ("Japan pledged to fund the electoral commission in Nepal.", "pledge"),
        ("Opposition groups demanded the release of all detainees in Iran.", "demand"),
        ("Rights groups urged the EU to freeze the assets of Belarusian officials.", "demand"),
        ("Ankara threatened to expel the Swedish ambassador.", "threaten"),
        ("Washington is considering new sanctions on Venezuela.", "weigh"),
        ("The junta refused to hold talks with the mediators.", "refuse"),
    ],
)
def test_each_stance(sentence, stance):
    (option,) = options(sentence)
    assert option["stance"] == stance
    assert option["sentence"] == sentence


def test_instrument_target_and_offsets():
    text = "Police arrested the editor. Brussels should impose sanctions on Serbia."
    (option,) = options(text)
    assert option["instrument"] == "sanctions"
    assert option["target"] == "SRB"
    assert text[option["start"] : option["end"]] == option["sentence"]


def test_actor_is_the_quoted_speaker_or_the_subject():
    (quoted,) = options('"We will not accept any delay to the elections," Ruto said.')
    assert quoted["actor"] == "Ruto" and quoted["stance"] == "refuse"
    (subject,) = options("The African Union called for a return to civilian rule in Guinea.")
    assert subject["actor"].endswith("African Union")


def test_reports_of_actions_already_taken_are_not_options():
    assert options("The army closed the border with Chad in 2019.") == []
    assert options("Thousands of people marched through the capital.") == []


def test_weak_modals_need_a_policy_word():
    assert options("It could rain in the afternoon, residents said.") == []
    (option,) = options("Regional leaders could impose a trade embargo on the junta.")
    assert option["stance"] == "weigh" and option["instrument"] == "sanctions"


def test_epistemic_modals_are_not_recommendations():
    assert options("The result must have surprised the ruling party.") == []


def test_list_items_under_a_demands_heading_are_options():
    text = "The movement set out three demands:\n\nFree all prisoners\n\nHold a new vote\n"
    found = options(text)
    assert [o["sentence"] for o in found][1:] == ["Free all prisoners", "Hold a new vote"]
    assert {o["stance"] for o in found[1:]} == {"demand"}
