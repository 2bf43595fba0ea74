"""An event with a place shows as a point on the maps (placed via GeoNames, offline): the
overview's, the country profile's and the events page's when the event is in its selection; on a
server of its own whose data (a copy of the bundled data made here) give one event a city."""

from __future__ import annotations

import shutil

from democdash.settings import bundled_data_dir

POINTS = "svg[role=img] circle.pt"


def _data_with_a_place(folder):
    data = folder / "data"
    shutil.copytree(bundled_data_dir(), data)
    events = data / "events.yaml"
    text = events.read_text(encoding="utf-8")
    first = (
        "- id: blr-2020-presidential-election\n"
        '  date: {text: August, value: "2020-08", basis: stated}\n'
        "  country: BLR\n"
    )
    assert first in text, "the bundled events changed: pick another event for this test"
    events.write_text(text.replace(first, first + "  location: Minsk\n", 1), encoding="utf-8")
    return data


def test_an_event_with_a_place_shows_as_a_point(
    page, open_url, launch_server, tmp_path, screenshot
):
    env = {
        "DEMOCDASH_HOME": str(tmp_path),
        "DEMOCDASH_DATA_DIR": str(_data_with_a_place(tmp_path)),
        "DEMOCDASH_DATABASE_URL": f"sqlite:///{tmp_path / 'store.sqlite'}",
    }
    with launch_server(tmp_path, env) as server:
        open_url(server.url + "/?country=BLR")
        page.wait_for_selector(POINTS)
        (title,) = page.locator(f"{POINTS} title").all_text_contents()
        assert title.startswith("Minsk: Lukashenko claimed a sixth presidential term")
        assert "via GeoNames" in title
        assert page.get_by_text("Places: GeoNames").count() >= 1  # attributed
        _label_clear_of_the_point(page, "Belarus")
        screenshot("overview-blr-point")
        open_url(server.url + "/countries?country=BLR")
        page.wait_for_selector(POINTS)
        assert page.locator(POINTS).count() == 1
        _label_clear_of_the_point(page, "Belarus")
        screenshot("profile-blr-point")
        open_url(server.url + "/events?view=map&country=BLR")
        page.wait_for_selector(POINTS)
        assert page.locator(POINTS).count() == 1  # the selection's placed event
        assert page.get_by_text("Places: GeoNames").count() >= 1
        screenshot("events-blr-point")
        open_url(server.url + "/events?view=map&country=RUS")
        page.wait_for_selector("svg[role=img] path")
        assert page.locator(POINTS).count() == 0  # not in this selection


def _label_clear_of_the_point(page, name):
    """Minsk lies where "Belarus" is written: the label moves off the dot, which stays visible."""
    dot = page.locator(POINTS).first.bounding_box()
    text = page.locator("svg[role=img] text.lbl", has_text=name).first.bounding_box()
    apart = (
        text["x"] + text["width"] <= dot["x"]
        or dot["x"] + dot["width"] <= text["x"]
        or text["y"] + text["height"] <= dot["y"]
        or dot["y"] + dot["height"] <= text["y"]
    )
    assert apart, (dot, text)
