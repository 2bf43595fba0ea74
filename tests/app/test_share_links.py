"""Share links: every page's every URL parameter survives a round trip. For each parameter of
each page's URL-state spec (`urlstate.OVERVIEW`, `EVENTS`, ...; the list is generated, not
written by hand): open the page with it set, read the link of "Share this view", open that
link in a fresh session, and get the same parameters and the same link back."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from streamlit.testing.v1 import AppTest

from democdash.settings import get_settings
from democdash.store import open_store
from democdash.ui import urlstate
from democdash.ui.urlstate import SHARE_KEY
from tests.app.conftest import APP_PATH, DEFAULT_TIMEOUT, exception_report, page_path

#: Each page with a share link, and the spec its URL follows.
PAGES = {
    "overview": urlstate.OVERVIEW,
    "events": urlstate.EVENTS,
    "options": urlstate.OPTIONS,
    "countries": urlstate.COUNTRIES,
    "sources": urlstate.SOURCES,
    "indicators": urlstate.INDICATORS,
}
DEFAULT_PAGE = "overview"
#: Values for parameters whose allowed values come from the store or are free (the others are
#: taken from the spec's own `allowed()`).
FREE = {
    "countries": "BLR",
    "date": "2020-08-09",
    "viewdate": "2021-03",
    "text": "Tikhanovskaya",
}
#: Parameters that name a record: the kind of record and (for the page to keep it) its rule.
RECORDS = {
    ("events", "actor"): "actors",
    ("events", "article"): "articles",
    ("events", "event"): "events",
    ("options", "actor"): "actors",
    ("options", "option"): "options",
    ("sources", "article"): "articles",
}
#: Parameters that mean something only with another one (set together).
NEEDS = {
    ("overview", "indicator"): {"color": "indicator"},
    ("overview", "year"): {"color": "indicator"},
    ("overview", "change_from"): {"color": "indicator"},
    ("options", "scenario"): {"tab": "score"},
}


def _first_other(values, default) -> str:
    return next(str(v) for v in values if str(v) != str(default))


def value_for(page: str, param: urlstate.Param) -> str:
    """A valid value of `param` that is not its default."""
    if (page, param.name) in RECORDS:
        store = open_store(get_settings())
        frame = getattr(store, RECORDS[(page, param.name)])()
        if page == "events" and param.name in ("actor", "article"):
            events = store.events()
            column = "actors" if param.name == "actor" else "article"
            used = events[column].explode() if column == "actors" else None
            if used is not None:
                return str(used.dropna().iloc[0])
        return str(frame["id"].iloc[0])
    if param.kind in FREE:
        return FREE[param.kind]
    if param.name == "scenario":
        return "local:someone/plan"
    if (page, param.name) == ("indicators", "dataset"):  # V-Dem is the default: import another
        fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "indicators"
        open_store(get_settings()).import_indicator(
            (fixtures / "small.yaml").read_bytes(),
            (fixtures / "small.csv").read_bytes(),
            "small.csv",
        )
        return "test-index"
    return _first_other(param.allowed(), param.default)


def cases() -> list[tuple[str, str]]:
    return [(page, p.name) for page, spec in PAGES.items() for p in spec]


def share_link(at) -> str:
    """The link in the "Share this view" popover (opened as a click would: it runs its
    content only while open)."""
    at.session_state[SHARE_KEY] = True
    at.run()
    (code,) = [c.value for c in at.code if c.value.split("?")[0] in ("", "None") or "?" in c.value]
    at.session_state[SHARE_KEY] = False
    return code


def link_query(link: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(link).query))


@pytest.mark.parametrize(("page", "name"), cases())
def test_every_url_parameter_round_trips_through_the_share_link(page, name):
    spec = {p.name: p for p in PAGES[page]}
    param = spec[name]
    query = {**NEEDS.get((page, name), {}), name: value_for(page, param)}
    at = fresh_session(page, query)
    link = share_link(at)
    assert link_query(link).get(name) == query[name], f"{page}: {link!r} dropped {name}"
    again = fresh_session(page, link_query(link))
    assert share_link(again) == link
    assert url_of(again) == url_of(at)


def fresh_session(page: str, query: dict[str, str]) -> AppTest:
    """A new session (nothing kept from the first) opening the page at `query`."""
    at = AppTest.from_file(APP_PATH, default_timeout=DEFAULT_TIMEOUT)
    at.query_params = dict(query)
    at.run()  # the default page, as a link to it opens; registers the pages
    if page != DEFAULT_PAGE:
        at.switch_page(page_path(page))
        at.query_params = dict(query)
        at.run()
    assert not at.exception, exception_report(at)
    return at


def url_of(at) -> dict[str, str]:
    """The browser's query parameters after a run."""
    return {k: v if isinstance(v, str) else ",".join(v) for k, v in dict(at.query_params).items()}


def test_the_events_link_keeps_the_view_opened_on_the_page():
    at = fresh_session("events", {"country": "BLR"})
    at.session_state["ev_view"] = "Timeline"  # the analyst opens the Timeline tab
    at.run()
    assert url_of(at)["view"] == "timeline"
    assert link_query(share_link(at)) == {"country": "BLR", "view": "timeline"}


def test_the_share_link_is_made_only_while_its_popover_is_open(open_app):
    at = open_app("events", query={"country": "BLR"})
    assert not [c for c in at.code if "?" in c.value]  # closed: nothing made
    assert "country=BLR" in share_link(at)
