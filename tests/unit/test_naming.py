"""The naming setting for contested names: which name a preference picks, and frames renamed."""

import pandas as pd

from democdash import naming


def test_display_name_follows_the_preference_for_contested_names_only():
    assert naming.display_name("MMR", "Myanmar", "burma") == "Burma"
    assert naming.display_name("MMR", "Myanmar", ["burma"]) == "Burma"
    assert naming.display_name("mmr", "Myanmar", {"BURMA"}) == "Burma"
    assert naming.display_name("MMR", "Myanmar", "myanmar") == "Myanmar"
    assert naming.display_name("MMR", "Myanmar", None) == "Myanmar"
    assert naming.display_name("BLR", "Belarus", "burma") == "Belarus"


def test_unknown_and_default_keys_are_dropped_from_a_preference():
    assert naming.normalise(["burma", "atlantis", "myanmar"]) == frozenset({"burma"})
    assert naming.normalise("myanmar") == frozenset()
    assert naming.display_name("MMR", "Myanmar", "atlantis") == "Myanmar"


def test_every_contested_name_offers_its_default_and_the_keys_are_allowed_in_urls():
    for entry in naming.CONTESTED:
        assert entry.default in entry.choices
        assert set(entry.choices) <= set(naming.preference_keys())
        assert entry.note
    assert {"burma", "myanmar"} <= set(naming.preference_keys())


def test_rename_copies_a_frame_and_leaves_the_input_alone():
    frame = pd.DataFrame({"iso3": ["BLR", "MMR"], "name": ["Belarus", "Myanmar"]})
    renamed = naming.rename(frame, {"burma"})
    assert list(renamed["name"]) == ["Belarus", "Burma"]
    assert list(frame["name"]) == ["Belarus", "Myanmar"]
    assert naming.rename(frame, None) is frame  # nothing to change: no copy
    assert naming.rename(frame, "myanmar") is frame
    assert naming.rename(frame[frame["iso3"] == "BLR"], "burma")["name"].tolist() == ["Belarus"]


def test_rename_other_columns():
    frame = pd.DataFrame({"code": ["MMR"], "label": ["Myanmar"]})
    out = naming.rename(frame, "burma", iso_column="code", name_column="label")
    assert out["label"].tolist() == ["Burma"]


def test_rename_swaps_the_name_given_up_into_the_other_names():
    frame = pd.DataFrame(
        {
            "iso3": ["BLR", "MMR"],
            "name": ["Belarus", "Myanmar"],
            "alt_names": [["Byelorussia"], ["Burma", "Union of Burma"]],
        }
    )
    renamed = naming.rename(frame, "burma")
    assert renamed["alt_names"].tolist() == [["Byelorussia"], ["Myanmar", "Union of Burma"]]
    assert frame["alt_names"].tolist()[1] == ["Burma", "Union of Burma"]  # input kept
