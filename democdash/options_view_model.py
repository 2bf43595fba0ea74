"""Policy options as the options page shows them: filters, sort and grouping, one panel's
content with everything it cites, the map's counts, and the side-by-side comparison.

Pure functions over the store's frames (see `democdash.frames`): the page, the CLI and the
tests call the same code. Nothing here invents a value: an unknown field stays "not stated".
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from democdash import aggregates, scoring
from democdash.text import quoted
from democdash.vocab import Instrument, OptionStatus, label

#: Status order for sorting, from the most to the least committed.
STATUS_ORDER = [
    OptionStatus.ENACTED,
    OptionStatus.PLEDGED,
    OptionStatus.PLANNED,
    OptionStatus.PROPOSED,
    OptionStatus.RECOMMENDED,
    OptionStatus.REJECTED,
    OptionStatus.UNKNOWN,
]
NO_TARGET = "No single target country"
NOT_STATED = "not stated"
MAX_COMPARE = 4
MIN_COMPARE = 2


def filter_options(
    options: pd.DataFrame,
    countries: list[str] | None = None,
    instruments: list[str] | None = None,
    statuses: list[str] | None = None,
    actors: list[str] | None = None,
    option_ids: list[str] | None = None,
) -> pd.DataFrame:
    """Options matching every non-empty filter: target country, instrument, status, an actor
    who would act or who holds a position on it, and the option ids. With none, a shallow
    copy (the page asks for one on every rerun)."""
    if not (countries or instruments or statuses or actors or option_ids):
        return options.copy(deep=False)
    keep = pd.Series(True, index=options.index)
    if countries:
        keep &= options["target"].isin(countries)
    if instruments:
        keep &= options["instrument"].isin(instruments)
    if statuses:
        keep &= options["status"].isin(statuses)
    if actors:
        wanted = set(actors)
        acting = options["actors"].map(lambda ids: bool(wanted & set(ids)))
        holding = options["holders"].map(lambda ids: bool(wanted & set(ids)))
        keep &= acting | holding
    if option_ids:
        keep &= options["id"].isin(option_ids)
    return options[keep]


def toggle(values: list[str], item: str) -> list[str]:
    """`values` with `item` removed if present, else added at the end (a map click)."""
    return [v for v in values if v != item] if item in values else [*values, item]


def sort_options(
    options: pd.DataFrame, by: str = "status", ranking: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Options by status (most committed first, most recently reported first, then title) or
    by score (the ranking's order; unscored ones last, by title)."""
    if options.empty:
        return options
    if by == "score" and ranking is not None:
        position = {oid: i for i, oid in enumerate(ranking["option_id"])}
        order = options["id"].map(position).fillna(len(position))
        return options.assign(_o=order).sort_values(["_o", "title"]).drop(columns="_o")
    order = {str(s): i for i, s in enumerate(STATUS_ORDER)}
    return (
        options.assign(_s=options["status"].map(order).fillna(len(order)))
        .sort_values(
            ["_s", "status_as_of_latest", "title"],
            ascending=[True, False, True],
            na_position="last",
        )
        .drop(columns="_s")
    )


def group_options(
    options: pd.DataFrame, by: str, country_names: Mapping[str, str]
) -> list[tuple[str, pd.DataFrame]]:
    """(heading, options) groups, keeping the order of `options` within each group.

    By country: one group per target country (by name), options without a single target
    last. By instrument: one group per instrument, in vocabulary order.
    """
    if options.empty:
        return []
    if by == "instrument":
        groups = []
        for instrument in Instrument:
            rows = options[options["instrument"] == str(instrument)]
            if len(rows):
                groups.append((label(str(instrument)), rows))
        return groups
    targets = options["target"].dropna().unique().tolist()
    targets.sort(key=lambda iso: country_names.get(iso, iso))
    groups = [(country_names.get(t, t), options[options["target"] == t]) for t in targets]
    untargeted = options[options["target"].isna()]
    if len(untargeted):
        groups.append((NO_TARGET, untargeted))
    return groups


# -- who would act ------------------------------------------------------------------------------

#: The heading of options whose actors are all of the target country: their positions and
#: plans, not choices for outside actors ("{country}" is the target's name).
OWN_ACTORS = "{country}'s own actors: their positions and plans, not options for others"
NO_ACTOR = "Who would act is not stated"


def parties(actor_ids: list[str], actor_countries: Mapping[str, str | None]) -> list[str]:
    """Who would act, as parties: each acting actor's country (ISO3), or the actor's id when
    it has none (an alliance, "free world leaders"); in the order first named."""
    out = []
    for actor in actor_ids:
        country = actor_countries.get(actor)
        out.append(country if isinstance(country, str) and country else actor)
    return list(dict.fromkeys(out))


def own_actors_only(option_parties: list[str], target: object) -> bool:
    """True when everyone who would act is of the target country itself."""
    return bool(option_parties) and isinstance(target, str) and set(option_parties) == {target}


def party_name(party: str, country_names: Mapping[str, str], actor_names: Mapping[str, str]) -> str:
    """A party's name: its country's name, or the actor's."""
    return country_names.get(party) or actor_names.get(party) or party


def party_choices(options: pd.DataFrame, actor_countries: Mapping[str, str | None]) -> list[str]:
    """Every party that would act on some option, for the "whose choices" picker."""
    found: dict[str, None] = {}
    for ids, target in zip(options["actors"], options["target"], strict=True):
        mine = parties(list(ids), actor_countries)
        if not own_actors_only(mine, target):
            found.update(dict.fromkeys(mine))
    return list(found)


def filter_by_parties(
    options: pd.DataFrame, picked: list[str], actor_countries: Mapping[str, str | None]
) -> pd.DataFrame:
    """Options that one of the `picked` parties would act on (all options when none is
    picked); the positions of a target country's own actors are not anyone's choice and are
    left out once a party is picked."""
    if not picked:
        return options
    wanted = set(picked)
    keep = [
        bool(wanted & set(mine)) and not own_actors_only(mine, target)
        for mine, target in (
            (parties(list(ids), actor_countries), t)
            for ids, t in zip(options["actors"], options["target"], strict=True)
        )
    ]
    return options[keep]


def group_by_party(
    options: pd.DataFrame,
    actor_countries: Mapping[str, str | None],
    country_names: Mapping[str, str],
    actor_names: Mapping[str, str],
) -> list[tuple[str, pd.DataFrame]]:
    """(heading, options) grouped by who would act ("France and Germany" when they act
    together), largest group first, then by name; the positions of a target's own actors
    apart, after every outside party ("Belarus's own actors: ..."); the order of `options`
    kept within each group."""
    keys: list[tuple[str, str]] = []
    for ids, target in zip(options["actors"], options["target"], strict=True):
        mine = parties(list(ids), actor_countries)
        if own_actors_only(mine, target):
            keys.append(("own", OWN_ACTORS.format(country=country_names.get(target, target))))
        elif not mine:
            keys.append(("none", NO_ACTOR))
        else:
            names = [party_name(p, country_names, actor_names) for p in mine]
            joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
            keys.append(("party", f"Who would act: {joined}"))
    keyed = options.assign(_kind=[k for k, _ in keys], _heading=[h for _, h in keys])
    rank = {"party": 0, "none": 1, "own": 2}
    headings = (
        keyed.groupby("_heading", sort=False)
        .agg(kind=("_kind", "first"), size=("_heading", "size"))
        .reset_index()
    )
    headings["_r"] = headings["kind"].map(rank)
    headings = headings.sort_values(["_r", "size", "_heading"], ascending=[True, False, True])
    return [
        (h, keyed[keyed["_heading"] == h].drop(columns=["_kind", "_heading"]))
        for h in headings["_heading"]
    ]


def map_figures(figures: pd.DataFrame, options: pd.DataFrame) -> pd.DataFrame:
    """The per-country figures (`aggregates.country_figures`) with `options` counting only
    the given options, so the map shades countries by the options the filters keep."""
    counts = options["target"].value_counts()
    out = figures.copy()
    out["options"] = out["iso3"].map(counts).fillna(0).astype(int)
    return out


@dataclass(frozen=True)
class SourceLine:
    """One cited source: the verbatim quote, paragraph and the article's citation."""

    quote: str
    paragraph: int
    article: str
    citation: str


@dataclass(frozen=True)
class PositionLine:
    """One position on an option: who holds it, the stance, and the quote that says so."""

    holder: str
    stance: str
    quote: str
    paragraph: int
    article: str
    citation: str

    @property
    def text(self) -> str:
        """E.g. "Joe Biden pledges"."""
        return f"{self.holder} {self.stance}"


@dataclass(frozen=True)
class StatusStep:
    """One step of an option's or sanction's status history, with the source that reports it."""

    status: str
    as_of: str
    quote: str
    paragraph: int
    article: str
    citation: str

    @property
    def text(self) -> str:
        """E.g. "Pledged, as of about Nov 2020 (The Atlantic, about Nov 2020. ¶ 4)"."""
        return f"{self.status}, as of {self.as_of} ({self.citation} ¶ {self.paragraph})"


def status_steps(history: object, citations: Mapping[str, str]) -> list[StatusStep]:
    """A frame's `status_history` (oldest first) as steps, each with its source's citation."""
    return [
        StatusStep(
            status=label(str(h["status"])),
            as_of=h["as_of"] or NOT_STATED,
            quote=str(h["quote"]),
            paragraph=int(h["paragraph"]),
            article=str(h["article"]),
            citation=citations.get(h["article"], h["article"]),
        )
        for h in (history if isinstance(history, list | tuple) else [])
    ]


def steps_line(steps: list[StatusStep]) -> str:
    """The steps in one line, oldest first: "Proposed, as of ... (source ¶ 2) → Enacted, ..."."""
    return " → ".join(step.text for step in steps) or NOT_STATED


@dataclass(frozen=True)
class RelatedEvent:
    id: str
    country: str
    date: str
    type_label: str
    summary: str


@dataclass(frozen=True)
class OptionPanel:
    """Everything one option's panel shows, as display text (never markup)."""

    id: str
    title: str
    instrument: str
    actors: list[str]
    positions: list[PositionLine]
    claimant: str
    target: str
    target_iso3: str | None
    status: str
    status_line: str
    history: list[StatusStep]
    rationale: str
    constraints: str
    risks: list[tuple[str, str]] = field(default_factory=list)
    events: list[RelatedEvent] = field(default_factory=list)
    sanctions: list[str] = field(default_factory=list)
    sources: list[SourceLine] = field(default_factory=list)

    @property
    def positions_text(self) -> str:
        """Every position in one line: "Joe Biden pledges; the article's author recommends"."""
        return "; ".join(dict.fromkeys(p.text for p in self.positions)) or NOT_STATED

    @property
    def event_countries(self) -> list[str]:
        """The countries of the related events (for a link to the events page)."""
        found = [e.country for e in self.events]
        if self.target_iso3:
            found.insert(0, self.target_iso3)
        return list(dict.fromkeys(found))


def _text(value: object) -> str:
    if value is None or (not isinstance(value, list | tuple) and pd.isna(value)):
        return ""
    return str(value).strip()


def _names(ids: list[str], names: Mapping[str, str]) -> list[str]:
    return [names.get(i, i) for i in ids]


@dataclass(frozen=True)
class Lookups:
    """The frames a panel draws on, indexed once for a page run."""

    actor_names: Mapping[str, str]
    country_names: Mapping[str, str]
    #: Actor id -> its country (ISO3) or None: who would act, as parties.
    actor_countries: Mapping[str, str | None]
    events: pd.DataFrame
    sanctions: pd.DataFrame
    risks: pd.DataFrame
    sources: pd.DataFrame
    citations: Mapping[str, str]

    @classmethod
    def from_frames(
        cls,
        actors: pd.DataFrame,
        countries: pd.DataFrame,
        events: pd.DataFrame,
        sanctions: pd.DataFrame,
        risks: pd.DataFrame,
        sources: pd.DataFrame,
        articles: pd.DataFrame,
    ) -> Lookups:
        return cls(
            actor_names=dict(zip(actors["id"], actors["name"], strict=True)),
            country_names=dict(zip(countries["iso3"], countries["name"], strict=True)),
            actor_countries={
                a: (c if isinstance(c, str) else None)
                for a, c in zip(actors["id"], actors["country"], strict=True)
            },
            events=events.set_index("id", drop=False),
            sanctions=sanctions.set_index("id", drop=False),
            risks=risks.set_index("id", drop=False),
            sources=sources[sources["kind"] == "options"],
            citations=dict(zip(articles["id"], articles["citation"], strict=True)),
        )


def option_panel(option: Mapping[str, object], lookups: Lookups) -> OptionPanel:
    """One option's panel content: who, what, status with its date, and what it cites."""
    names = lookups.actor_names
    target = option.get("target")
    target_iso3 = None if target is None or pd.isna(target) else str(target)
    risks = [
        (str(lookups.risks.at[r, "title"]), str(lookups.risks.at[r, "description"]))
        for r in option.get("risks", []) or []
        if r in lookups.risks.index
    ]
    events = [
        RelatedEvent(
            id=e,
            country=str(lookups.events.at[e, "country"]),
            date=str(lookups.events.at[e, "date"]),
            type_label=str(lookups.events.at[e, "type_label"]),
            summary=str(lookups.events.at[e, "summary"]),
        )
        for e in option.get("related_events", []) or []
        if e in lookups.events.index
    ]
    sanctions = []
    for sid in option.get("sanctions", []) or []:
        if sid not in lookups.sanctions.index:
            continue
        row = lookups.sanctions.loc[sid]
        by = ", ".join(_names(list(row["imposed_by"]), names)) or NOT_STATED
        steps = steps_line(status_steps(row["status_history"], lookups.citations))
        sanctions.append(f"{row['summary']} By {by}. Status: {steps}.")
    positions = [
        PositionLine(
            holder=aggregates.claimant_label(str(pos["holder"]), names),
            stance=str(pos["stance"]),
            quote=str(pos["quote"]),
            paragraph=int(pos["paragraph"]),
            article=str(pos["article"]),
            citation=lookups.citations.get(pos["article"], pos["article"]),
        )
        for pos in option.get("positions", []) or []
    ]
    shown = {(p.article, p.paragraph, p.quote) for p in positions}
    cited = lookups.sources[lookups.sources["record_id"] == option["id"]]
    sources = [
        SourceLine(
            quote=str(s.quote),
            paragraph=int(s.paragraph),
            article=str(s.article),
            citation=lookups.citations.get(s.article, s.article),
        )
        for s in cited.itertuples(index=False)
        if (s.article, int(s.paragraph), s.quote) not in shown
    ]
    return OptionPanel(
        id=str(option["id"]),
        title=str(option["title"]),
        instrument=label(str(option["instrument"])),
        actors=_names(list(option.get("actors", []) or []), names),
        positions=positions,
        claimant=aggregates.claimant_label(_text(option.get("claimed_by")) or None, names),
        target=lookups.country_names.get(target_iso3, target_iso3) if target_iso3 else NO_TARGET,
        target_iso3=target_iso3,
        status=str(option["status"]),
        status_line=aggregates.status_line(
            str(option["status"]), _text(option.get("status_as_of"))
        ),
        history=status_steps(list(option.get("status_history", []) or []), lookups.citations),
        rationale=_text(option.get("rationale")) or NOT_STATED,
        constraints=_text(option.get("constraints")) or NOT_STATED,
        risks=risks,
        events=events,
        sanctions=sanctions,
        sources=sources,
    )


def score_lines(
    option_id: str, scenario: scoring.Scenario, ranking: pd.DataFrame | None
) -> list[str]:
    """The analyst's rationale ("Why: ..."), then one line per criterion ("Impact (higher is
    better): 4 — note (scorer)", the note when there is one, or "not scored"), then the total
    and rank when the option has one."""
    written = scenario.rationale(option_id)
    lines = [f"Why: {written}"] if written else []
    for criterion in scenario.criteria:
        score = scenario.score(option_id, criterion.id)
        head = f"{criterion.label} ({criterion.direction_label})"
        if score is None:
            lines.append(f"{head}: {NOT_SCORED}")
        else:
            note = f" — {score.rationale}" if score.rationale else ""
            lines.append(f"{head}: {score.value}{note} ({score.scorer})")
    if ranking is not None:
        rows = ranking[ranking["option_id"] == option_id]
        if len(rows) and pd.notna(rows.iloc[0]["total"]):
            row = rows.iloc[0]
            note = " (partly scored)" if row["standing"] == scoring.PARTIAL else ""
            lines.append(f"Total {row['total']:.2f} of 5, rank {row['rank']}{note}")
        else:
            lines.append(f"Total: {NOT_SCORED}")
    return lines


COMPARE_ROWS = [
    "Instrument",
    "Who would act",
    "Positions",
    "Target",
    "Status",
    "Rationale",
    "Risks and constraints",
    "Sources",
    "Scores",
]


def compare_table(
    panels: list[OptionPanel],
    scenario: scoring.Scenario | None = None,
    ranking: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Options side by side: one column per option (its title), one row per field of
    `COMPARE_ROWS`; list fields joined one item per line."""
    columns = {}
    for panel in panels:
        risks = [f"{title}: {text}" for title, text in panel.risks]
        sources = [f"{quoted(s.quote)} — {s.citation} ¶{s.paragraph}" for s in panel.sources]
        positions = [
            f"{p.text}: {quoted(p.quote)} — {p.citation} ¶{p.paragraph}" for p in panel.positions
        ]
        scores = score_lines(panel.id, scenario, ranking) if scenario else ["no scenario"]
        columns[panel.title] = [
            panel.instrument,
            ", ".join(panel.actors) or NOT_STATED,
            "\n".join([*positions, f"(according to {panel.claimant})"]),
            panel.target,
            panel.status_line,
            panel.rationale,
            "\n".join([f"Constraints: {panel.constraints}", *risks]),
            "\n".join(sources) or "none",
            "\n".join(scores),
        ]
    return pd.DataFrame(columns, index=COMPARE_ROWS)


#: What an option or a cell with no score reads, everywhere (never "None" or an empty cell).
NOT_SCORED = "not scored"
STANDING_WORDS = {
    scoring.COMPLETE: "all criteria",
    scoring.PARTIAL: "partly scored",
    scoring.UNSCORED: NOT_SCORED,
}


def ranking_table(ranking: pd.DataFrame, scenario: scoring.Scenario) -> pd.DataFrame:
    """The ranking for display, every cell in words: rank, option, total (two decimals),
    standing, then each criterion's score as given (1-5); "not scored" wherever there is
    none. Cost criteria are marked "(lower is better)"."""
    table = pd.DataFrame(
        {
            "rank": [NOT_SCORED if pd.isna(r) else str(int(r)) for r in ranking["rank"]],
            "title": ranking["title"],
            "total": [NOT_SCORED if pd.isna(t) else f"{t:.2f}" for t in ranking["total"]],
            "standing": [STANDING_WORDS[s] for s in ranking["standing"]],
        }
    )
    values = {(s.option_id, s.criterion_id): s.value for s in scenario.scores}
    for criterion in scenario.criteria:
        table[criterion_header(criterion)] = [
            str(values[(oid, criterion.id)]) if (oid, criterion.id) in values else NOT_SCORED
            for oid in ranking["option_id"]
        ]
    return table


def criterion_header(criterion: scoring.Criterion) -> str:
    """A column header that says the direction: "Risk (lower is better)"."""
    return criterion.label + (" (lower is better)" if criterion.direction == "cost" else "")


#: The share chart's colour logic: one hue, a shade per criterion (no criterion is "the red
#: one"); every bar is the criterion's contribution, which grows as the option does better on
#: it (a low cost or risk gives a long bar: `scoring.utility`).
SHARE_COLOURS = "Blues"


def share_colours(n: int) -> list[str]:
    """`n` shades of the chart's one hue, darkest first."""
    from plotly.colors import sample_colorscale

    if n <= 1:
        return sample_colorscale(SHARE_COLOURS, [0.8])
    return sample_colorscale(SHARE_COLOURS, [0.9 - 0.55 * i / (n - 1) for i in range(n)])


def share_chart(long: pd.DataFrame, scenario: scoring.Scenario):
    """A stacked horizontal bar per scored option: each criterion's contribution to its total
    (from `scoring.shares`), best-ranked option on top. Each part grows as the option does
    better on that criterion (cost and risk inverted), in shades of one colour."""
    import plotly.graph_objects as go

    fig = go.Figure()
    order = [html.escape(t) for t in dict.fromkeys(long["title"])]
    colours = share_colours(len(scenario.criteria))
    for criterion, colour in zip(scenario.criteria, colours, strict=True):
        part = long[long["criterion_id"] == criterion.id]
        if part.empty:
            continue
        fig.add_trace(
            go.Bar(
                y=part["title"].map(html.escape),
                x=part["contribution"],
                name=html.escape(criterion_header(criterion)),
                orientation="h",
                marker={"color": colour, "line": {"color": "white", "width": 1}},
                customdata=(part["share"] * 100).round(0),
                hovertemplate="%{y}<br>"
                + html.escape(criterion.label)
                + ": %{x:.2f} (%{customdata:.0f}% of the total)<extra></extra>",
            )
        )
    fig.update_layout(
        barmode="stack",
        yaxis={"categoryorder": "array", "categoryarray": order[::-1], "title": None},
        xaxis={
            "title": "Weighted score (1-5): longer is better on every criterion",
            "range": [0, 5],
        },
        legend={"orientation": "h", "y": -0.25},
        margin={"l": 0, "r": 10, "t": 10, "b": 10},
        height=max(220, 36 * len(order) + 120),
    )
    return fig
