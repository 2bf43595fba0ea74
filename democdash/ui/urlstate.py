"""URL state, owned here for every page: each page's typed parameters, read from and written to
`st.query_params`, so every view can be shared as a link and reopens the same.

Rules: lists are comma-separated everywhere (`country=BLR,RUS`); an invalid value (unknown code,
bad date, unknown choice) is dropped with one clear message, never a crash; links between pages
carry the selected countries and the parameters every page keeps (`carried()`: the naming
setting and the view dates; Streamlit clears query parameters when the page changes, so
`page_link` passes them on explicitly).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal
from urllib.parse import urlencode

import pycountry
import streamlit as st

from democdash import naming, viewdate
from democdash.models import is_iso3
from democdash.ui import naming as names_ui
from democdash.ui import viewdates
from democdash.ui.safe import md
from democdash.vocab import EventType, Instrument, OptionStatus

Kind = Literal["countries", "list", "date", "viewdate", "text", "choice", "id"]
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
MAX_TEXT = 200


@dataclass(frozen=True)
class Param:
    """One URL parameter of a page: its name, kind, and (for lists/choices) allowed values."""

    name: str
    kind: Kind
    label: str
    allowed: Callable[[], Iterable[str]] | None = field(default=None, compare=False)
    default: Any = None


@dataclass
class Parsed:
    """Values read from the URL, and what was dropped (one message for all of it)."""

    values: dict[str, Any]
    problems: list[str]

    def message(self) -> str | None:
        if not self.problems:
            return None
        return "Ignored in the link: " + "; ".join(self.problems) + "."


def parse_date(text: str) -> date | None:
    """`2020`, `2020-08` or `2020-08-09` as the first day they cover; None if not a date."""
    match = _DATE.match(text.strip())
    if not match:
        return None
    year, month, day = int(match[1]), int(match[2] or 1), int(match[3] or 1)
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _split(raw: str) -> list[str]:
    return [part.strip() for part in raw.split(",") if part.strip()]


def parse(query: Mapping[str, str], spec: Iterable[Param]) -> Parsed:
    """Typed values for `spec` from a query mapping; invalid values dropped and described."""
    values: dict[str, Any] = {}
    problems: list[str] = []
    for param in spec:
        raw = query.get(param.name)
        if raw is None or str(raw).strip() == "":
            values[param.name] = param.default if param.kind != "countries" else []
            if param.kind == "list" and param.default is None:
                values[param.name] = []
            continue
        raw = str(raw)
        if param.kind in ("countries", "list"):
            items = _split(raw)
            if param.kind == "countries":
                items = [i.upper() for i in items]
                good = [i for i in items if is_iso3(i)]
                bad = [i for i in items if not is_iso3(i)]
                noun = "country code"
            else:
                allowed = set(param.allowed()) if param.allowed else None
                good = [i for i in items if allowed is None or i in allowed]
                bad = [i for i in items if allowed is not None and i not in allowed]
                noun = param.label
            values[param.name] = list(dict.fromkeys(good))
            if bad:
                shown = ", ".join(repr(b[:40]) for b in bad[:5])
                problems.append(f"unknown {noun} {shown} in {param.name!r}")
        elif param.kind == "date":
            parsed = parse_date(raw)
            values[param.name] = parsed
            if parsed is None:
                problems.append(
                    f"{param.name}={raw[:40]!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)"
                )
        elif param.kind == "viewdate":  # kept as written: "2021-03" is the whole month
            try:
                values[param.name] = viewdate.parse(raw)
            except ValueError:
                values[param.name] = None
                problems.append(f"{param.name}={raw[:40]!r} is not a date ({viewdate.USAGE})")
        elif param.kind in ("choice", "id"):
            allowed = set(param.allowed()) if param.allowed else None
            if allowed is None or raw in allowed:
                values[param.name] = raw
            else:
                values[param.name] = param.default
                problems.append(f"unknown {param.label} {raw[:40]!r} in {param.name!r}")
        else:  # text
            values[param.name] = raw[:MAX_TEXT]
            if len(raw) > MAX_TEXT:
                problems.append(f"{param.name!r} was cut to {MAX_TEXT} characters")
    return Parsed(values, problems)


def encode(values: Mapping[str, Any], spec: Iterable[Param]) -> dict[str, str]:
    """Query parameters for `values` (defaults and empty values left out)."""
    out: dict[str, str] = {}
    for param in spec:
        value = values.get(param.name)
        if value is None or value == [] or value == "" or value == param.default:
            continue
        if isinstance(value, list | tuple):
            out[param.name] = ",".join(str(v) for v in value)
        elif isinstance(value, date):
            out[param.name] = value.isoformat()
        else:
            out[param.name] = str(value)
    return out


def country_name(iso3: str) -> str:
    """A display name for any ISO code (the store's names are preferred by callers)."""
    country = pycountry.countries.get(alpha_3=iso3)
    return getattr(country, "common_name", None) or (country.name if country else iso3)


# -- Streamlit side ------------------------------------------------------------------------


def carried() -> dict[str, str]:
    """The parameters every page keeps, for links between pages: the naming setting and the
    view dates (`{}` when neither is set)."""
    return {**names_ui.query(), **viewdates.query()}


def read(spec: list[Param]) -> dict[str, Any]:
    """This page's values from the URL; invalid values dropped from the URL with one warning."""
    query = {key: st.query_params.get(key) for key in st.query_params}
    parsed = parse(query, spec)
    message = parsed.message()
    if message:
        st.warning(md(message), icon=":material/link_off:")
        write(parsed.values, spec)
    return parsed.values


def write(values: Mapping[str, Any], spec: list[Param]) -> None:
    """Put this page's values in the URL (only what differs from the current URL is written)."""
    wanted = encode(values, spec)
    names = {p.name for p in spec}
    current = {k: st.query_params.get(k) for k in st.query_params}
    if {k: v for k, v in current.items() if k in names} == wanted and all(
        k in names for k in current
    ):
        return
    st.query_params.from_dict(wanted)


def share_url(values: Mapping[str, Any], spec: list[Param]) -> str:
    """The full address of the current view, for the copy-link control."""
    base = (st.context.url or "").split("?")[0]
    query = urlencode(encode(values, spec), safe=",")
    return f"{base}?{query}" if query else base


#: The "Share this view" popover's key (its content runs only while it is open).
SHARE_KEY = "share_view"


def copy_link(values: Mapping[str, Any], spec: list[Param]) -> None:
    """A "copy link" control: the full address of this view, with a copy button. It is on
    most pages' every rerun, so the link is made only while the popover is open."""
    popover = st.popover(
        "Share this view", icon=":material/link:", key=SHARE_KEY, on_change="rerun"
    )
    if popover.open:
        with popover:
            st.caption("Copy the link: it reopens this page with the same selection and filters.")
            st.code(share_url(values, spec), language=None, wrap_lines=True)


# -- each page's parameters ----------------------------------------------------------------


def _ids(kind: str, column: str = "id") -> Callable[[], Iterable[str]]:
    """Allowed values: the ids of a kind in the store (looked up only when the URL has some)."""

    def allowed() -> Iterable[str]:
        from democdash.ui import data

        return data.frame(kind)[column]

    return allowed


def _vocab(enum: type) -> Callable[[], Iterable[str]]:
    return lambda: [str(v) for v in enum]


#: The dataset and indicator the Indicators page opens on (democdash.ui.indicator_view).
DEFAULT_DATASET = "vdem-v15"
DEFAULT_INDICATOR = "v2x_polyarchy"


def _indicator_values(what: str) -> Callable[[], Iterable[str]]:
    def values() -> Iterable[str]:
        from democdash.ui import indicator_view

        tables = indicator_view.datasets()
        if what == "dataset":
            return list(tables)
        if what == "year":
            return [str(y) for t in tables.values() for y in range(t.years[0], t.years[1] + 1)]
        return [c.name for t in tables.values() for c in t.spec.shown]

    return values


def _acting_parties() -> Iterable[str]:
    """Allowed `acting` values: who would act on some option (a country code or an actor id)."""
    from democdash import options_view_model as ovm
    from democdash.ui import data

    actors = data.frame("actors")
    countries = {
        a: (c if isinstance(c, str) else None)
        for a, c in zip(actors["id"], actors["country"], strict=True)
    }
    return ovm.party_choices(data.frame("options"), countries)


#: How the option panels are grouped (URL `group`); the first is the default.
OPTION_GROUPS = ("actor", "country", "instrument")
COLOR_CHOICES = ("role", "events", "options", "indicator")
COUNTRY = Param("country", "countries", "country")
#: How events are tied to countries where they are counted or filtered (`filters.COUNTRY_BASES`).
BASIS = Param(
    "basis", "choice", "country basis", allowed=lambda: ("where", "involved"), default="where"
)
#: Standings hidden (`hide=single-source,disputed`; `corroboration.HIDEABLE`).
HIDE = Param("hide", "list", "standing to hide", allowed=lambda: ("single-source", "disputed"))

OVERVIEW = [
    COUNTRY,
    BASIS,
    Param("color", "choice", "map colouring", allowed=lambda: COLOR_CHOICES, default="role"),
    Param("indicator", "choice", "indicator", allowed=_indicator_values("column")),
    Param("year", "choice", "year", allowed=_indicator_values("year")),
    Param("change_from", "choice", "year", allowed=_indicator_values("year")),
]
#: The events page's views (its tabs), in order; the first is the default.
EVENT_VIEWS = ("table", "map", "timeline")

EVENTS = [
    COUNTRY,
    Param("type", "list", "event type", allowed=_vocab(EventType)),
    Param("from", "date", "start date"),
    Param("to", "date", "end date"),
    Param("actor", "list", "actor", allowed=_ids("actors")),
    Param("article", "list", "article", allowed=_ids("articles")),
    Param("q", "text", "search"),
    Param("event", "id", "event", allowed=_ids("events")),
    Param(
        "view",
        "choice",
        "events view",
        allowed=lambda: EVENT_VIEWS,
        default=EVENT_VIEWS[0],
    ),
    #: The country whose undated events the timeline lists (a click on its undated group).
    Param("undated_of", "id", "country of the undated events listed", _ids("events", "country")),
    Param(
        "undated",
        "choice",
        "undated events choice",
        allowed=lambda: ("include", "exclude"),
        default="include",
    ),
    BASIS,
    HIDE,
]
OPTIONS = [
    COUNTRY,
    Param("instrument", "list", "instrument", allowed=_vocab(Instrument)),
    Param("status", "list", "status", allowed=_vocab(OptionStatus)),
    Param("actor", "list", "actor", allowed=_ids("actors")),
    #: Whose choices are shown: the parties who would act (`options_view_model.parties`).
    Param("acting", "list", "party who would act", allowed=_acting_parties),
    Param("option", "list", "option", allowed=_ids("options")),
    Param("group", "choice", "grouping", allowed=lambda: OPTION_GROUPS, default=OPTION_GROUPS[0]),
    Param("sort", "choice", "sort order", allowed=lambda: ("status", "score"), default="status"),
    #: Cards with their constraints, risks, related events and sanctions, or without.
    Param("cards", "choice", "card length", allowed=lambda: ("short", "full"), default="short"),
    Param("scenario", "text", "scenario"),
    Param(
        "tab",
        "choice",
        "tab",
        allowed=lambda: ("panels", "compare", "score", "brief"),
        default="panels",
    ),
]
COUNTRIES = [
    COUNTRY,
    Param(
        "tab",
        "choice",
        "tab",
        allowed=lambda: ("profile", "events", "options", "quotes", "indicators"),
        default="profile",
    ),
    BASIS,
    HIDE,
]
SOURCES = [
    Param("article", "id", "article", allowed=_ids("articles")),
    Param(
        "kind",
        "choice",
        "record kind",
        allowed=lambda: ("events", "options", "sanctions", "risks", "actors"),
        default=None,
    ),
]
ADD_ARTICLE: list[Param] = []


INDICATORS = [
    COUNTRY,
    # defaults (V-Dem, its electoral index) stay out of links, as every default does
    Param(
        "dataset",
        "choice",
        "indicator dataset",
        allowed=_indicator_values("dataset"),
        default=DEFAULT_DATASET,
    ),
    Param(
        "indicator",
        "choice",
        "indicator",
        allowed=_indicator_values("column"),
        default=DEFAULT_INDICATOR,
    ),
]

# -- parameters every page keeps -----------------------------------------------------------

#: The naming preference for contested names (`names=burma`): every page keeps it, so links and
#: writes carry it (appended to each page's spec below; `democdash.ui.naming` owns it).
NAMES = Param("names", "list", "naming preference", allowed=naming.preference_keys)
#: The view dates (`as_of=2021-03`, `since=2021-01`; `democdash.ui.viewdates` owns them).
AS_OF = Param("as_of", "viewdate", "as-of date")
SINCE = Param("since", "viewdate", "since date")
COMMON = [NAMES, AS_OF, SINCE]
for _spec in (OVERVIEW, EVENTS, OPTIONS, COUNTRIES, SOURCES, ADD_ARTICLE, INDICATORS):
    _spec.extend(p for p in COMMON if p not in _spec)
