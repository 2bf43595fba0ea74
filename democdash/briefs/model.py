"""The brief model: a country brief as plain data, built once and rendered to any format.

`build_brief` gathers what the brief says (context, key events, options with their risks, and a
numbered footnote for every quote it cites) from the store or from frames, optionally as of a
past date (only what our sources had published by then, statuses as of then; its title and
data line say so); the renderers in
`render_md`, `render_docx` and `render_pdf` only lay it out. Every statement in a brief is
either our own words (context, summaries, rationales) or a verbatim quote with its article and
paragraph; nothing is added that the records do not hold.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from democdash import aggregates, text, viewdate
from democdash.dates import day_label
from democdash.vocab import label

DEFAULT_HANDLING = "UNCLASSIFIED // FOR DISCUSSION"
#: At most this many events make the brief's timeline (the rest are counted, not dropped silently).
MAX_EVENTS = 12
#: Frames `build_brief` needs when it is given frames instead of a store.
FRAME_KINDS = ("countries", "actors", "articles", "events", "options", "risks", "sources")


class BriefError(ValueError):
    """A brief that cannot be built as asked (unknown country or option); the message says why."""


@dataclass(frozen=True)
class Footnote:
    """One cited quote: its number, the article's citation, paragraph and verbatim quote."""

    n: int
    article: str
    citation: str
    paragraph: int
    quote: str
    opening_words: str | None = None

    def location(self) -> str:
        """ "paragraph 9" (with the paragraph's opening words when the text is at hand)."""
        where = f"paragraph {self.paragraph}"
        return f"{where}, which opens “{self.opening_words}”" if self.opening_words else where


@dataclass(frozen=True)
class BriefEvent:
    """One timeline entry: date as known, type, our summary, who says so, footnote numbers."""

    date: str
    type_label: str
    summary: str
    according_to: str
    refs: tuple[int, ...]


@dataclass(frozen=True)
class BriefRisk:
    """A risk or constraint the sources name for an option."""

    title: str
    description: str
    according_to: str
    refs: tuple[int, ...]


@dataclass(frozen=True)
class BriefOption:
    """A policy option as reported: the positions taken on it, its status as of the source's
    date (and its history when it changed), rationale, risks.

    `rank`, `score` and `score_note` are set only when the brief was built with a ranking.
    """

    id: str
    title: str
    instrument: str
    positions: str
    according_to: str
    target: str
    status: str
    status_as_of: str
    rationale: str | None
    constraints: str | None
    risks: tuple[BriefRisk, ...]
    refs: tuple[int, ...]
    history: tuple[str, ...] = ()
    rank: int | None = None
    score: float | None = None
    score_note: str | None = None

    @property
    def status_line(self) -> str:
        """ "Pledged, as of about Nov 2020"."""
        return f"{self.status}, as of {self.status_as_of}"

    @property
    def who(self) -> str:
        """The positions, and whose account they are when that is not obvious from them."""
        if self.according_to in self.positions:
            return self.positions
        return f"{self.positions} (according to {self.according_to})"


@dataclass(frozen=True)
class Brief:
    """Everything a country brief says, independent of its file format."""

    iso3: str
    country: str
    title: str
    handling: str
    data_as_of: str
    coverage: str
    coverage_note: str
    context: str | None
    events: tuple[BriefEvent, ...]
    events_note: str
    options: tuple[BriefOption, ...]
    options_note: str
    footnotes: tuple[Footnote, ...]
    method_note: tuple[str, ...]
    generated: date
    scenario: str | None = None
    map_png: bytes | None = None
    map_caption: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    #: The as-of date (`democdash.viewdate` text, e.g. "2021-03"); None: the latest.
    as_of: str | None = None

    @property
    def ranked(self) -> bool:
        """True when the options carry ranks from a scoring scenario."""
        return any(o.rank is not None for o in self.options)

    def quotes(self) -> list[str]:
        """Every quote the brief cites, in footnote order."""
        return [f.quote for f in self.footnotes]


# -- inputs ------------------------------------------------------------------------------------


@dataclass
class _Inputs:
    frames: dict[str, pd.DataFrame]
    data_version: str | None
    texts: Mapping[str, str]
    boundaries: Any = None
    data_dir: Path | None = None


def _inputs(store_or_frames: Any, texts_dir: Path | None, as_of: str | None = None) -> _Inputs:
    """Frames, data version and available article texts from a Store (as of `as_of`) or a
    mapping of frames (taken as they are)."""
    if isinstance(store_or_frames, Mapping):
        given = dict(store_or_frames)
        missing = [k for k in FRAME_KINDS if k not in given]
        if missing:
            raise BriefError(f"build_brief needs these frames: {', '.join(missing)}")
        texts = dict(given.get("texts") or {})
        inputs = _Inputs(
            {k: given[k] for k in FRAME_KINDS},
            given.get("data_version"),
            texts,
            given.get("boundaries"),
            given.get("data_dir"),
        )
    else:
        store = store_or_frames
        frames = {k: store.frame(k, as_of=as_of) for k in FRAME_KINDS if k != "sources"}
        frames["sources"] = store.sources(as_of)
        if as_of:
            known = {k: store.frame(k, as_of=as_of) for k in viewdate.KNOWN_KINDS}
            frames["countries"] = viewdate.known_countries(
                store.frame("countries"),
                {**known, "articles": frames["articles"]},
                store.frame("articles")["id"],
            )
        texts = {}
        analyst = frames["articles"][frames["articles"]["origin"] == "analyst"]
        for article_id in analyst["id"]:
            found = store.article_text(article_id)
            if found:
                texts[article_id] = found
        inputs = _Inputs(frames, store.data_version(), texts, None, store.settings.data_dir)
    if texts_dir is not None:
        inputs.texts = {**_local_texts(inputs.frames["articles"], texts_dir), **inputs.texts}
    return inputs


def _local_texts(articles: pd.DataFrame, texts_dir: Path) -> dict[str, str]:
    """Article texts found in a local folder, used only when their SHA-256 matches the record
    (so paragraph numbers refer to the same text). Read for opening words; never copied."""
    found: dict[str, str] = {}
    folder = Path(texts_dir)
    if not folder.is_dir():
        return found
    for row in articles.itertuples():
        name = row.source_file if isinstance(row.source_file, str) else None
        if not name:
            continue
        path = folder / Path(name).name
        if not path.is_file():
            continue
        content = path.read_text(encoding="utf-8")
        expected = row.text_sha256 if isinstance(row.text_sha256, str) else None
        if expected and hashlib.sha256(content.encode("utf-8")).hexdigest() != expected:
            continue
        found[row.id] = content
    return found


# -- building ----------------------------------------------------------------------------------


class _Notes:
    """Numbers each distinct (article, paragraph, quote) once, in order of first citation."""

    def __init__(self, sources: pd.DataFrame, citations: dict[str, str], texts: Mapping[str, str]):
        self._by_record = {
            key: list(zip(group["article"], group["paragraph"], group["quote"], strict=True))
            for key, group in sources.groupby(["kind", "record_id"], sort=False)
        }
        self._citations = citations
        self._paragraphs = {aid: text.paragraphs(t) for aid, t in texts.items()}
        self._numbers: dict[tuple[str, int, str], int] = {}
        self.footnotes: list[Footnote] = []

    def refs(self, kind: str, record_id: str) -> tuple[int, ...]:
        out: list[int] = []
        for article, paragraph, quote in self._by_record.get((kind, record_id), []):
            key = (article, int(paragraph), quote)
            if key not in self._numbers:
                n = len(self.footnotes) + 1
                self._numbers[key] = n
                self.footnotes.append(
                    Footnote(
                        n,
                        article,
                        self._citations.get(article, f"Article {article} (not in the store)."),
                        int(paragraph),
                        quote,
                        self._opening(article, int(paragraph)),
                    )
                )
            if self._numbers[key] not in out:
                out.append(self._numbers[key])
        return tuple(out)

    def _opening(self, article: str, paragraph: int) -> str | None:
        paras = self._paragraphs.get(article)
        if not paras or paragraph > len(paras):
            return None
        return text.opening_words(paras[paragraph - 1].text)


def _str(value: Any) -> str | None:
    """A cell as text, or None for missing values (pandas NaN/None)."""
    if value is None or (not isinstance(value, list | tuple) and pd.isna(value)):
        return None
    text_value = str(value).strip()
    return text_value or None


def _count(n: int, noun: str) -> str:
    """ "1 option", "3 options"."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _key_events(events: pd.DataFrame, related: set[str], limit: int) -> pd.DataFrame:
    """All events when there are at most `limit`; otherwise the events the options refer to and
    those reported by more than one source, up to `limit` (those the options refer to first,
    then the best-sourced). Shown oldest first."""
    if events.empty:
        return events
    if len(events) <= limit:
        chosen = events.assign(_undated=events["date_value"].isna())
        return chosen.sort_values(["sort_date", "_undated", "id"], na_position="last").drop(
            columns="_undated"
        )
    chosen = events.assign(
        _related=events["id"].isin(related),
        _key=events["id"].isin(related) | (events["n_sources"] > 1),
    )
    chosen = chosen[chosen["_key"]]
    chosen = chosen.sort_values(
        ["_related", "n_sources", "sort_date", "id"],
        ascending=[False, False, True, True],
        na_position="last",
    ).head(limit)
    chosen = chosen.assign(_undated=chosen["date_value"].isna())
    return chosen.sort_values(["sort_date", "_undated", "id"], na_position="last").drop(
        columns=["_related", "_key", "_undated"]
    )


def _ranking_rows(ranking: pd.DataFrame | None, option_ids: list[str]) -> dict[str, dict[str, Any]]:
    """The ranking's rows for the brief's options, ranked among those options only.

    A ranking computed over more options (the options page ranks whatever its filters show)
    is re-ranked from its totals within the brief ("min" ties: 1, 1, 3), so ranks run from 1.
    A ranking in which nothing is scored counts as no ranking.
    """
    if ranking is None or ranking.empty:
        return {}
    if "option_id" not in ranking.columns:
        raise BriefError("the ranking must have an 'option_id' column (see democdash.scoring)")
    rows = ranking[ranking["option_id"].astype(str).isin(option_ids)].copy()
    if "total" in rows.columns:
        totals = pd.to_numeric(rows["total"], errors="coerce")
        rows["rank"] = totals.rank(method="min", ascending=False).astype("Int64")
        rows = rows.assign(_total=totals).sort_values(
            ["_total"], ascending=False, kind="stable", na_position="last"
        )
        rows = rows.drop(columns="_total")
    if "rank" not in rows.columns or rows["rank"].isna().all():
        return {}
    return {str(r["option_id"]): r for r in rows.to_dict("records")}


def _id_list(value: Any) -> list[str]:
    """A list-like cell (list, tuple, array) as a list of strings; anything else as empty."""
    if isinstance(value, str) or value is None:
        return [value] if value else []
    if hasattr(value, "tolist"):
        value = value.tolist()
    return [str(v) for v in value] if isinstance(value, list | tuple | set) else []


def _score(
    row: Mapping[str, Any] | None, labels: Mapping[str, str], scenario: Any = None
) -> tuple[int | None, float | None, str | None]:
    """Rank, total and a note on what the total rests on.

    With the `Scenario` at hand the note gives the analyst's 1-5 scores ("scores (1-5): Impact
    4, Cost 2 (counts against); no score for: Speed"); with only the ranking frame, each
    criterion's contribution to the total.
    """
    if row is None:
        return None, None, "not scored under this scenario"
    rank = _str(row.get("rank"))
    total = row.get("total")
    score = None if total is None or pd.isna(total) else float(total)
    option_id = str(row.get("option_id"))
    costs = {c.id for c in getattr(scenario, "criteria", []) if c.direction != "benefit"}
    parts = []
    shown = []
    for criterion in _id_list(row.get("scored_criteria")):
        name = labels.get(criterion, label(criterion))
        found = scenario.score(option_id, criterion) if hasattr(scenario, "score") else None
        if found is not None:
            against = " (counts against)" if criterion in costs else ""
            shown.append(f"{name} {found.value}{against}")
            continue
        value = row.get(f"contrib_{criterion}")
        shown.append(f"{name} {float(value):.2f}" if _str(value) else name)
    if shown:
        raw = hasattr(scenario, "score")
        parts.append(("scores (1-5): " if raw else "contributions: ") + ", ".join(shown))
    missing = [labels.get(c, label(c)) for c in _id_list(row.get("missing_criteria"))]
    if missing:
        parts.append("no score for: " + ", ".join(missing))
    if score is None:
        parts.insert(0, "not scored under this scenario")
    return (int(float(rank)) if rank else None), score, "; ".join(parts) or None


def _scenario_summary(scenario: Any) -> tuple[str | None, dict[str, str], str | None]:
    """The scenario's name, its criterion labels and a line on its criteria and weights.

    `scenario` is a `democdash.scoring.Scenario`, a plain name, or None.
    """
    if scenario is None:
        return None, {}, None
    if isinstance(scenario, str):
        return scenario, {}, None
    criteria = list(getattr(scenario, "criteria", []))
    weights = dict(getattr(scenario, "weights", {}) or {})
    labels = {c.id: c.label for c in criteria}
    described = [
        f"{c.label} (weight {weights.get(c.id, 1.0):g}; "
        f"{'higher is better' if c.direction == 'benefit' else 'higher counts against'})"
        for c in criteria
    ]
    line = ("Criteria: " + "; ".join(described) + ".") if described else None
    name = getattr(scenario, "address", None) or getattr(scenario, "name", None)
    return (str(name) if name else None), labels, line


def _order(options: pd.DataFrame, ids: list[str] | None, ranks: dict[str, dict]) -> list[str]:
    """Option ids in brief order: by rank, then the ranking's unranked rows in its order, then
    options the ranking does not mention (in the default or the given order)."""
    ordered = list(ids) if ids is not None else list(options["id"])
    if not ranks:
        return ordered
    position = {oid: i for i, oid in enumerate(ordered)}
    in_ranking = {oid: i for i, oid in enumerate(ranks)}

    def key(oid: str) -> tuple[int, float, int]:
        if oid not in in_ranking:
            return (2, 0.0, position[oid])
        rank = _str(ranks[oid].get("rank"))
        return (0, float(rank), in_ranking[oid]) if rank else (1, 0.0, in_ranking[oid])

    return sorted(ordered, key=key)


def _country_name(countries: pd.DataFrame, iso3: str) -> tuple[str, str | None]:
    row = countries[countries["iso3"] == iso3]
    if not row.empty:
        return str(row.iloc[0]["name"]), _str(row.iloc[0]["context"])
    import pycountry

    found = pycountry.countries.get(alpha_3=iso3)
    if found is None:
        raise BriefError(f"{iso3!r} is not a country code in our sources or in ISO 3166-1")
    return getattr(found, "common_name", None) or found.name, None


def _method_note(has_texts: bool, event_rule: str) -> tuple[str, ...]:
    texts = (
        "Where the article's text is at hand (articles added by analysts, or the source texts "
        "present on this machine), the note also gives the paragraph's opening words."
        if has_texts
        else "The curated articles' full texts are third-party texts and are not part of "
        "democdash, so notes give the paragraph number and the quote (verbatim from that "
        "paragraph) rather than the paragraph's opening words."
    )
    return (
        "Context, event summaries, rationales and risk descriptions are our own words, drawn "
        "from the cited sources. Statuses are as reported at the time, with their “as of” date; "
        "dates are shown no more precisely than the sources give them.",
        "Each note cites the article, the paragraph (paragraphs numbered from 1 in text order) "
        "and a verbatim quote of at most 30 words. " + texts,
        f"Key events: {event_rule}",
        "“According to” names whose claim a record is: a named actor, the article's author, or "
        "unnamed critics.",
        aggregates.COVERAGE_NOTE,
    )


def build_brief(
    store_or_frames: Any,
    country: str,
    option_ids: list[str] | None = None,
    ranking: pd.DataFrame | None = None,
    handling: str = DEFAULT_HANDLING,
    *,
    scenario: Any = None,
    texts_dir: Path | None = None,
    include_map: bool = True,
    max_events: int = MAX_EVENTS,
    today: date | None = None,
    boundaries: Any = None,
    as_of: str | None = None,
) -> Brief:
    """Build a country brief from a `Store` (or a mapping of frames).

    Parameters
    ----------
    store_or_frames
        A `democdash.store.Store`, or a mapping with the frames named in `FRAME_KINDS`
        (as `Store.frame(kind)` / `Store.sources()` return them) and optionally
        `data_version`, `texts` ({article id: text}), `boundaries` (regional GeoDataFrame) and
        `data_dir`.
    country
        ISO 3166-1 alpha-3 code of the country the brief is about.
    option_ids
        The options to include, in this order; default: every option aimed at the country,
        most recently reported first.
    ranking
        Optional ranking from `democdash.scoring.rank` (columns `option_id`, `total`, `rank`,
        `scored_criteria`, `missing_criteria`): options are then listed by rank with scores.
    handling
        The handling line printed at the top and bottom of every page.
    scenario
        The `democdash.scoring.Scenario` the ranking was computed under (or just its name):
        its address, criteria and weights are shown with the ranking.
    texts_dir
        A local folder of source texts: when a text's SHA-256 matches its article record,
        notes also give the cited paragraph's opening words. Texts are read, never copied.
    include_map
        Draw the static map of the country and its neighbours (needs the boundary files).
    today
        The generation date (default: today).
    boundaries
        Regional boundaries already loaded (the app passes its cached copy, which is not
        modified); default: those of the mapping, else read from the data folder.
    as_of
        A view date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`): only what our sources had published
        by its end, statuses as of then (`democdash.asof`), read from a Store; a mapping's
        frames must already be as of that date. The title and the data line name it.
    """
    iso3 = country.strip().upper()
    try:
        as_of = viewdate.parse(as_of) if as_of else None
    except ValueError as exc:
        raise BriefError(f"as of: {exc}") from None
    inputs = _inputs(store_or_frames, texts_dir, as_of)
    if boundaries is not None:
        inputs.boundaries = boundaries
    f = inputs.frames
    name, context = _country_name(f["countries"], iso3)
    actors = dict(zip(f["actors"]["id"], f["actors"]["name"], strict=True))
    # a brief travels without the app: its notes give the full reference, address included
    citations = dict(zip(f["articles"]["id"], f["articles"]["reference"], strict=True))
    notes = _Notes(f["sources"], citations, inputs.texts)

    options = f["options"]
    if option_ids is not None:
        unknown = [oid for oid in option_ids if oid not in set(options["id"])]
        if unknown:
            raise BriefError(f"no option with id {', '.join(map(repr, unknown))} in the store")
        picked = options.set_index("id").loc[option_ids].reset_index()
    else:
        picked = aggregates.country_options(options, iso3)
    ranks = _ranking_rows(ranking, list(picked["id"]))
    scenario_name, criteria_labels, scenario_line = _scenario_summary(scenario)
    order = _order(picked, option_ids if option_ids is not None else None, ranks)
    picked = picked.set_index("id").loc[order].reset_index() if order else picked

    related = {e for events in picked["related_events"] for e in (events or [])}
    country_events = f["events"][f["events"]["country"] == iso3]
    key_events = _key_events(country_events, related, max_events)
    brief_events = tuple(
        BriefEvent(
            date=str(ev.date),
            type_label=str(ev.type_label),
            summary=str(ev.summary),
            according_to=aggregates.claimant_label(_str(ev.claimed_by), actors),
            refs=notes.refs("events", ev.id),
        )
        for ev in key_events.itertuples()
    )

    risks = f["risks"].set_index("id")
    countries = dict(zip(f["countries"]["iso3"], f["countries"]["name"], strict=True))
    brief_options = []
    for opt in picked.itertuples():
        refs = notes.refs("options", opt.id)
        risk_ids = list(opt.risks or [])
        risk_ids += [
            rid
            for rid, threatened in zip(risks.index, risks["threatens_options"], strict=True)
            if opt.id in (threatened or []) and rid not in risk_ids
        ]
        option_risks = tuple(
            BriefRisk(
                title=str(risks.at[rid, "title"]),
                description=str(risks.at[rid, "description"]),
                according_to=aggregates.claimant_label(_str(risks.at[rid, "claimed_by"]), actors),
                refs=notes.refs("risks", rid),
            )
            for rid in risk_ids
            if rid in risks.index
        )
        rank, score, score_note = (
            _score(ranks.get(opt.id), criteria_labels, scenario) if ranks else (None, None, None)
        )
        target = _str(opt.target)
        brief_options.append(
            BriefOption(
                id=opt.id,
                title=str(opt.title),
                instrument=label(str(opt.instrument)),
                positions=aggregates.positions_label(opt.positions, actors),
                according_to=aggregates.claimant_label(_str(opt.claimed_by), actors),
                target=countries.get(target, target) if target else "not stated",
                status=label(str(opt.status)),
                status_as_of=str(opt.status_as_of or "not stated"),
                history=tuple(
                    f"{label(str(h['status']))} ({h['as_of'] or 'not stated'})"
                    for h in opt.status_history
                )
                if len(opt.status_history) > 1
                else (),
                rationale=_str(opt.rationale),
                constraints=_str(opt.constraints),
                risks=option_risks,
                refs=refs,
                rank=rank,
                score=score,
                score_note=score_note,
            )
        )

    today = today or date.today()
    coverage = aggregates.coverage(f["articles"])
    cited = sorted({fn.article for fn in notes.footnotes})
    version = inputs.data_version or "not recorded"
    data_as_of = (
        f"Data version {version}; sources: {coverage.line()}; generated {day_label(today)}."
    )
    if as_of:
        data_as_of = (
            f"As of {viewdate.label(as_of)}: only what our sources had published by then, "
            f"statuses as of then. {data_as_of}"
        )
    n_events = len(country_events)
    n_options = int((options["target"] == iso3).sum())
    coverage_text = (
        f"Recorded in our sources for {name}: {_count(n_events, 'event')} and "
        f"{_count(n_options, 'option')}. This brief cites {_count(len(notes.footnotes), 'quote')} "
        f"from {len(cited)} of the {_count(len(f['articles']), 'source')} "
        + ("published by then." if as_of else "in the store.")
    )
    event_rule = (
        f"all of a country's events when there are at most {max_events}; otherwise the events "
        "the options refer to and those reported by more than one source, up to "
        f"{max_events}. Oldest first."
    )
    if n_events == 0:
        events_note = f"No events about {name} are recorded in our sources."
    elif len(brief_events) == n_events:
        events_note = f"{_count(n_events, 'event')} recorded in our sources for {name}."
    else:
        events_note = (
            f"{len(brief_events)} of the {n_events} events recorded in our sources for {name}: "
            "those the options refer to and those reported by more than one source, oldest "
            "first."
        )
    n = _count(len(brief_options), "option")
    if not brief_options:
        options_note = f"No policy options aimed at {name} are recorded in our sources."
    elif ranks:
        options_note = (
            f"{n}, ranked under the scenario {scenario_name or '(unnamed)'}: the total is the "
            "weighted mean of the analyst's 1-5 scores (cost and risk inverted), highest first; "
            "an analyst's judgement, not a forecast and not a fact from the sources."
        )
        if scenario_line:
            options_note += " " + scenario_line
    elif option_ids is None:
        options_note = (
            f"{n} as reported in our sources, most recently reported first; not ranked (no "
            "scoring scenario chosen)."
        )
    else:
        options_note = f"{n} chosen by the analyst; not ranked."

    map_png = map_caption = None
    if include_map:
        map_png, map_caption = _map(iso3, inputs)

    return Brief(
        iso3=iso3,
        country=name,
        title=f"{name}: policy options brief"
        + (f", as of {viewdate.label(as_of)}" if as_of else ""),
        handling=handling.strip() or DEFAULT_HANDLING,
        data_as_of=data_as_of,
        coverage=coverage_text,
        coverage_note=aggregates.COVERAGE_NOTE,
        context=context,
        events=brief_events,
        events_note=events_note,
        options=tuple(brief_options),
        options_note=options_note,
        footnotes=tuple(notes.footnotes),
        method_note=_method_note(bool(inputs.texts), event_rule),
        generated=today,
        scenario=scenario_name if ranks else None,
        map_png=map_png,
        map_caption=map_caption,
        as_of=as_of,
    )


def _map(iso3: str, inputs: _Inputs) -> tuple[bytes | None, str | None]:
    """The static region map and its caption; (None, reason) when boundaries are missing."""
    from democdash import geo
    from democdash.briefs.static_map import region_png

    try:
        gdf = inputs.boundaries
        if gdf is None:
            gdf = geo.load_boundaries("regional", inputs.data_dir)
        neighbours = geo.neighbours_of(iso3, inputs.data_dir)
        credit = geo.boundaries_credit(inputs.data_dir)
    except geo.BoundariesError as exc:
        return None, f"No map: {exc}"
    if iso3 not in set(gdf["iso3"]):
        return None, f"No map: no boundaries for {iso3}."
    figures = inputs.frames["countries"]
    png = region_png(iso3, gdf, neighbours, figures, credit=credit)
    return png, f"{_country_name(figures, iso3)[0]} and its neighbours. {credit}"


def brief_filename(
    iso3: str, extension: str, today: date | None = None, as_of: str | None = None
) -> str:
    """`democdash-brief-BLR-2026-11-22.docx` (as of a past date,
    `democdash-brief-BLR-as-of-2021-03-2026-11-22.docx`)."""
    day = (today or date.today()).isoformat()
    scope = iso3.upper() + (f"-as-of-{as_of}" if as_of else "")
    return f"democdash-brief-{scope}-{day}.{extension.lstrip('.')}"


def all_refs(brief: Brief) -> Iterable[int]:
    """Every footnote number the brief's body refers to (each once, in order)."""
    seen: dict[int, None] = {}
    for ev in brief.events:
        seen.update(dict.fromkeys(ev.refs))
    for opt in brief.options:
        seen.update(dict.fromkeys(opt.refs))
        for risk in opt.risks:
            seen.update(dict.fromkeys(risk.refs))
    return list(seen)
