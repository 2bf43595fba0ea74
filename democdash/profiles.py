"""Country profiles built from the store's frames: actors by role, relations, quotes, coverage.

Everything here is derived from records, never invented: a relation between two countries is
there because some record (an event, an option, a sanction) has an actor of one country acting
about the other, and every relation keeps the record it comes from. Roles in the data are
recorded with the focus countries in mind, so a foreign actor's place in a profile comes from
what it does there (sanctions, backs the incumbent, mediates, funds, criticises), not from its
role alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

import pandas as pd
import pycountry

from democdash import aggregates
from democdash.vocab import label

#: Actor groups of a profile, in display order: (key, heading).
ROLE_GROUPS: tuple[tuple[str, str], ...] = (
    ("incumbent", "Incumbent"),
    ("opposition", "Opposition"),
    ("external_backer", "External backers"),
    ("mediator", "Mediators"),
    ("sanctions", "Sanctioning parties"),
    ("external_critic", "External critics"),
    ("security_forces", "Security forces"),
    ("official", "Officials"),
    ("international", "International bodies"),
    ("commentator", "Commentators"),
    ("other", "Others"),
)
GROUP_LABELS = dict(ROLE_GROUPS)

#: Relations between countries, strongest first: (key, label, the actor group it puts a
#: foreign actor in).
RELATIONS: tuple[tuple[str, str, str], ...] = (
    ("sanctions", "Sanctions", "sanctions"),
    ("backs", "Backs the incumbent", "external_backer"),
    ("mediates", "Offers mediation", "mediator"),
    ("funds", "Funding", "external_critic"),
    ("presses", "Presses or criticises", "external_critic"),
    ("involved", "Involved", "other"),
)
RELATION_LABELS = {key: text for key, text, _ in RELATIONS}
_RELATION_RANK = {key: i for i, (key, _, _) in enumerate(RELATIONS)}
_RELATION_GROUP = {key: group for key, _, group in RELATIONS}
#: Roles of actors who are more likely the object than the author of a sanction event.
_DOMESTIC_ROLES = {"incumbent", "opposition", "security_forces"}

RELATION_COLUMNS = [
    "party",
    "party_iso3",
    "party_name",
    "direction",
    "between",
    "relation",
    "relation_label",
    "actors",
    "actor_names",
    "kind",
    "record_id",
    "record",
    "status",
    "date",
    "country",
]
QUOTE_COLUMNS = [
    "article",
    "citation",
    "paragraph",
    "quote",
    "according_to",
    "records",
    "kinds",
]
COMPARISON_COLUMNS = [
    "iso3",
    "name",
    "role",
    "events",
    "options",
    "sanctions",
    "latest_event",
    "sources",
]


@dataclass(frozen=True)
class ProfileFrames:
    """The frames a profile is built from (as `Store.frame(kind)` and `Store.sources()`)."""

    countries: pd.DataFrame
    actors: pd.DataFrame
    events: pd.DataFrame
    options: pd.DataFrame
    sanctions: pd.DataFrame
    risks: pd.DataFrame
    articles: pd.DataFrame
    sources: pd.DataFrame


class CountryCoverage(NamedTuple):
    """How much of our sources speaks of a country: sources, cited paragraphs, their span."""

    n_sources: int
    n_paragraphs: int
    span: str | None

    def line(self, name: str) -> str:
        """E.g. "2 sources and 17 paragraphs speak of Belarus (about Nov 2020 to about Mar
        2021)"."""
        sources = "source" if self.n_sources == 1 else "sources"
        paragraphs = "paragraph" if self.n_paragraphs == 1 else "paragraphs"
        span = f" ({self.span})" if self.span else ""
        return (
            f"{self.n_sources} {sources} and {self.n_paragraphs} {paragraphs} of them speak of "
            f"{name}{span}."
        )


@dataclass(frozen=True)
class CountryProfile:
    """Everything the profile page shows about one country, each row traceable to records."""

    iso3: str
    name: str
    role: str
    #: None as of a date that leaves a source out (`democdash.viewdate.known_countries`).
    context: str | None
    alt_names: list[str]
    actors: pd.DataFrame
    events: pd.DataFrame
    options: pd.DataFrame
    sanctions: pd.DataFrame
    risks: pd.DataFrame
    relations: pd.DataFrame
    related: pd.DataFrame
    quotes: pd.DataFrame
    coverage: CountryCoverage


# --------------------------------------------------------------------------- helpers


def country_name(iso3: str, countries: pd.DataFrame) -> str:
    """The store's name for a code, else pycountry's common name, else the code itself."""
    match = countries.loc[countries["iso3"] == iso3, "name"]
    if len(match):
        return str(match.iloc[0])
    country = pycountry.countries.get(alpha_3=iso3)
    return getattr(country, "common_name", None) or (country.name if country else iso3)


def _actor_table(actors: pd.DataFrame) -> dict[str, dict[str, Any]]:
    return {row["id"]: row for row in actors.to_dict("records")}


def _party(actor: dict[str, Any] | None) -> tuple[str, str | None] | None:
    """(party key, iso3) of an actor: its country, or itself for a body with no country.
    Persons with no country (historical figures) stand for no party."""
    if actor is None:
        return None
    country = actor.get("country")
    if isinstance(country, str) and country:
        return country, country
    if actor.get("kind") != "person":
        return actor["id"], None
    return None


def _claimants(row: dict[str, Any]) -> list[str]:
    """Actors in an option: who would act, then who holds a position on it."""
    return list(dict.fromkeys([*(row.get("actors") or []), *(row.get("holders") or [])]))


def _acting_records(frames: ProfileFrames) -> list[dict[str, Any]]:
    """Every event, option and sanction as (kind, id, country it is about, acting actors, ...)."""
    out: list[dict[str, Any]] = []
    for row in frames.events.to_dict("records"):
        out.append(
            {
                "kind": "events",
                "record_id": row["id"],
                "country": row["country"],
                "actors": list(row["actors"] or []),
                "record": row["summary"],
                "status": label(row["type"]),
                "date": row["date"],
                "type": row["type"],
                "instrument": None,
            }
        )
    for row in frames.options.to_dict("records"):
        out.append(
            {
                "kind": "options",
                "record_id": row["id"],
                "country": row["target"] if isinstance(row["target"], str) else None,
                "actors": _claimants(row),
                "record": row["title"],
                "status": aggregates.status_line(row["status"], row["status_as_of"]),
                "date": row["status_as_of"],
                "type": None,
                "instrument": row["instrument"],
            }
        )
    for row in frames.sanctions.to_dict("records"):
        out.append(
            {
                "kind": "sanctions",
                "record_id": row["id"],
                "country": row["target_country"],
                "actors": list(row["imposed_by"] or []),
                "record": row["summary"],
                "status": aggregates.status_line(row["status"], row["as_of"]),
                "date": row["as_of"],
                "type": None,
                "instrument": None,
            }
        )
    return out


def _classify(record: dict[str, Any], actor: dict[str, Any], incumbents: set[str]) -> str:
    """The relation an actor from abroad has to the country a record is about."""
    role = actor.get("role")
    if record["kind"] == "sanctions" or record["instrument"] == "sanctions":
        return "sanctions"
    if record["type"] == "sanction" and role not in _DOMESTIC_ROLES:
        return "sanctions"
    if role == "external_backer" and (
        record["kind"] == "options" or incumbents & set(record["actors"])
    ):
        return "backs"
    if role == "mediator" or record["instrument"] == "mediation":
        return "mediates"
    if record["instrument"] == "funding":
        return "funds"
    if role == "external_critic":
        return "presses"
    return "involved"


def _incumbents(actors: pd.DataFrame, iso3: str) -> set[str]:
    rows = actors[(actors["country"] == iso3) & (actors["role"] == "incumbent")]
    return set(rows["id"])


# --------------------------------------------------------------------------- relations


def relations(iso3: str, frames: ProfileFrames) -> pd.DataFrame:
    """Other countries (and bodies such as the EU) related to ``iso3`` through records.

    One row per (record, other party, direction): ``direction`` is ``"to_this"`` when the other
    party acts about this country (the US sanctioning Belarus) and ``"from_this"`` when this
    country's actors act about another (Russia backing Belarus's incumbent, seen from Russia).
    Each row names the record it comes from (``kind``, ``record_id``).
    """
    by_id = _actor_table(frames.actors)
    rows: list[dict[str, Any]] = []
    incumbents_cache: dict[str, set[str]] = {}
    names = dict(zip(frames.countries["iso3"], frames.countries["name"], strict=True))
    for record in _acting_records(frames):
        about = record["country"]
        if not about:
            continue
        if about not in incumbents_cache:  # computed once per country, not once per record
            incumbents_cache[about] = _incumbents(frames.actors, about)
        incumbents = incumbents_cache[about]
        found: dict[tuple[str, str | None, str], dict[str, Any]] = {}
        for actor_id in record["actors"]:
            actor = by_id.get(actor_id)
            party = _party(actor)
            if actor is None or party is None or party[0] == about:
                continue
            if about == iso3:
                key = (party[0], party[1], "to_this")
            elif party[0] == iso3:
                key = (about, about, "from_this")
            else:
                continue
            relation = _classify(record, actor, incumbents)
            entry = found.setdefault(key, {"relation": relation, "actors": []})
            entry["actors"].append(actor_id)
            if _RELATION_RANK[relation] < _RELATION_RANK[entry["relation"]]:
                entry["relation"] = relation
        for (party_key, party_iso3, direction), entry in found.items():
            if party_iso3:
                party_name = names.get(party_iso3) or country_name(party_iso3, frames.countries)
            else:
                party_name = str(by_id[party_key]["name"])
            this_name = names.get(iso3) or country_name(iso3, frames.countries)
            between = (
                f"{party_name} → {this_name}"
                if direction == "to_this"
                else f"{this_name} → {party_name}"
            )
            rows.append(
                {
                    "party": party_key,
                    "party_iso3": party_iso3,
                    "party_name": party_name,
                    "direction": direction,
                    "between": between,
                    "relation": entry["relation"],
                    "relation_label": RELATION_LABELS[entry["relation"]],
                    "actors": entry["actors"],
                    "actor_names": ", ".join(str(by_id[a]["name"]) for a in entry["actors"]),
                    "kind": record["kind"],
                    "record_id": record["record_id"],
                    "record": record["record"],
                    "status": record["status"],
                    "date": record["date"],
                    "country": about,
                }
            )
    table = pd.DataFrame(rows, columns=RELATION_COLUMNS)
    if table.empty:
        return table
    table["_rank"] = table["relation"].map(_RELATION_RANK)
    return (
        table.sort_values(["party_name", "_rank", "kind", "record_id"], kind="stable")
        .drop(columns="_rank")
        .reset_index(drop=True)
    )


def related_parties(relations_table: pd.DataFrame) -> pd.DataFrame:
    """One row per related party: its relations (strongest first) and how many records."""
    columns = ["party", "party_iso3", "party_name", "relations", "n_records"]
    if relations_table.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for (party, iso3, name), group in relations_table.groupby(
        ["party", "party_iso3", "party_name"], dropna=False, sort=False
    ):
        keys = sorted(set(group["relation"]), key=_RELATION_RANK.__getitem__)
        rows.append(
            {
                "party": party,
                "party_iso3": iso3 if isinstance(iso3, str) else None,
                "party_name": name,
                "relations": [RELATION_LABELS[k] for k in keys],
                "n_records": int(group[["kind", "record_id"]].drop_duplicates().shape[0]),
                "_rank": _RELATION_RANK[keys[0]],
            }
        )
    table = pd.DataFrame(rows).sort_values(
        ["_rank", "n_records", "party_name"], ascending=[True, False, True]
    )
    return table.drop(columns="_rank").reset_index(drop=True)[columns]


# --------------------------------------------------------------------------- actors


def actors_by_role(
    iso3: str, frames: ProfileFrames, relations_table: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Key actors of a country, each in one group of ``ROLE_GROUPS``.

    The country's own actors are grouped by their recorded role; actors from abroad who act in
    its events, options or sanctions by what they do there (sanctions, backs the incumbent,
    mediates, criticises; "Others" when merely involved). Columns: the actor frame's, plus
    ``group``, ``group_label`` and ``from_abroad``.
    """
    rel = relations(iso3, frames) if relations_table is None else relations_table
    actors = frames.actors
    own = actors[actors["country"] == iso3].assign(from_abroad=False)
    own = own.assign(group=own["role"].where(own["role"].isin(GROUP_LABELS), "other"))
    inbound = rel[rel["direction"] == "to_this"]
    best: dict[str, str] = {}
    for relation, ids in zip(inbound["relation"], inbound["actors"], strict=True):
        for actor_id in ids:
            current = best.get(actor_id)
            if current is None or _RELATION_RANK[relation] < _RELATION_RANK[current]:
                best[actor_id] = relation
    abroad = actors[actors["id"].isin(list(best)) & (actors["country"] != iso3)]
    abroad = abroad.assign(
        from_abroad=True, group=abroad["id"].map(lambda a: _RELATION_GROUP[best[a]])
    )
    table = pd.concat([own, abroad], ignore_index=True)
    order = {key: i for i, (key, _) in enumerate(ROLE_GROUPS)}
    table["group_label"] = table["group"].map(GROUP_LABELS)
    table["_order"] = table["group"].map(order)
    table = table.sort_values(["_order", "from_abroad", "kind", "name"], kind="stable")
    return table.drop(columns="_order").reset_index(drop=True)


# --------------------------------------------------------------------------- records, quotes


def records_about(iso3: str, frames: ProfileFrames) -> set[tuple[str, str]]:
    """(kind, id) of every record that speaks of a country: its own events, options aimed at
    it, sanctions on it, risks to it, its actors, and records where its actors act abroad."""
    actor_ids = set(frames.actors.loc[frames.actors["country"] == iso3, "id"])
    found: set[tuple[str, str]] = {("actors", a) for a in actor_ids}
    ev = frames.events
    mask = (
        (ev["country"] == iso3)
        | ev["countries_involved"].map(lambda c: iso3 in (c or []))
        | ev["actors"].map(lambda a: bool(actor_ids & set(a or [])))
    )
    found |= {("events", i) for i in ev.loc[mask, "id"]}
    op = frames.options
    acting = [
        bool(actor_ids & (set(h or []) | set(a or [])))
        for a, h in zip(op["actors"], op["holders"], strict=True)
    ]
    mask = (op["target"] == iso3) | pd.Series(acting, index=op.index, dtype=bool)
    found |= {("options", i) for i in op.loc[mask, "id"]}
    sa = frames.sanctions
    mask = (sa["target_country"] == iso3) | sa["imposed_by"].map(
        lambda a: bool(actor_ids & set(a or []))
    )
    found |= {("sanctions", i) for i in sa.loc[mask, "id"]}
    ri = frames.risks
    mask = ri["threatens_countries"].map(lambda c: iso3 in (c or []))
    found |= {("risks", i) for i in ri.loc[mask, "id"]}
    return found


def _article_order(articles: pd.DataFrame) -> dict[str, int]:
    """Articles in publication order (undated last, then by id): the "source order"."""
    ordered = articles.sort_values(["published_earliest", "id"], na_position="last", kind="stable")
    return {a: i for i, a in enumerate(ordered["id"])}


def _quote_claims(group: pd.DataFrame, names: dict[str, str]) -> dict[str, Any]:
    """For the source rows of one quote: who makes the claim ("according to", each claimant
    once, in order), the records it supports (``kind:id``), their kinds, and the first row's
    index (``_first``, to keep source order among equals when sorting)."""
    claimants = dict.fromkeys(aggregates.claimant_label(c, names) for c in group["claimed_by"])
    return {
        "according_to": "; ".join(claimants),
        "records": [f"{k}:{r}" for k, r in zip(group["kind"], group["record_id"], strict=True)],
        "kinds": sorted(set(group["kind"])),
        "_first": int(group.index.min()),
    }


def country_quotes(
    iso3: str, frames: ProfileFrames, actor_names: dict[str, str] | None = None
) -> pd.DataFrame:
    """Quotes about a country in source order (article by publication date, then paragraph),
    one row per distinct quote, with who makes the claim ("according to") and the records
    it supports (``records`` as ``kind:id``)."""
    names = (
        actor_names
        if actor_names is not None
        else dict(zip(frames.actors["id"], frames.actors["name"], strict=True))
    )
    about = records_about(iso3, frames)
    src = frames.sources
    if src.empty or not about:
        return pd.DataFrame(columns=QUOTE_COLUMNS)
    keys = list(zip(src["kind"], src["record_id"], strict=True))
    rows = src[[k in about for k in keys]]
    if rows.empty:
        return pd.DataFrame(columns=QUOTE_COLUMNS)
    order = _article_order(frames.articles)
    citations = dict(zip(frames.articles["id"], frames.articles["citation"], strict=True))
    out = []
    for (article, paragraph, quote), group in rows.groupby(
        ["article", "paragraph", "quote"], sort=False
    ):
        out.append(
            {
                "article": article,
                "citation": citations.get(article, article),
                "paragraph": int(paragraph),
                "quote": quote,
                **_quote_claims(group, names),
                "_order": order.get(article, len(order)),
            }
        )
    table = pd.DataFrame(out).sort_values(["_order", "article", "paragraph", "_first"])
    return table.drop(columns=["_order", "_first"]).reset_index(drop=True)[QUOTE_COLUMNS]


def coverage_for(iso3: str, frames: ProfileFrames) -> CountryCoverage:
    """How many sources and (cited) paragraphs speak of a country, and the span of their
    publication dates, e.g. ``CountryCoverage(2, 17, "about Nov 2020 to about Mar 2021")``."""
    quotes = country_quotes(iso3, frames)
    if quotes.empty:
        return CountryCoverage(0, 0, None)
    article_ids = set(quotes["article"])
    paragraphs = quotes[["article", "paragraph"]].drop_duplicates()
    cov = aggregates.coverage(frames.articles[frames.articles["id"].isin(article_ids)])
    span = None
    if cov.first:
        span = cov.first if cov.first == cov.last else f"{cov.first} to {cov.last}"
    return CountryCoverage(len(article_ids), len(paragraphs), span)


# --------------------------------------------------------------------------- profile


def country_events_chronological(
    events: pd.DataFrame, iso3: str, basis: str = "where"
) -> pd.DataFrame:
    """A country's events oldest first (the timeline), undated ones last, never dropped; by
    where they happened, or (`involved`) every event that involves the country."""
    if basis == "involved":
        mine = events["countries_involved"].map(lambda codes: iso3 in (codes or []))
    else:
        mine = events["country"] == iso3
    rows = events[mine].assign(_dated=lambda d: d["date_value"].notna())
    rows = rows.sort_values(
        ["_dated", "sort_date", "id"], ascending=[False, True, True], na_position="last"
    )
    return rows.drop(columns="_dated").reset_index(drop=True)


def _names_of(ids: list[str], names: dict[str, str]) -> str:
    return ", ".join(aggregates.claimant_label(i, names) for i in ids or [])


def country_profile(
    iso3: str, frames: ProfileFrames, basis: str = "where"
) -> CountryProfile | None:
    """The profile of a country in the store, or None when our sources record nothing of it;
    its events are those that happened there, or (`involved`) every event involving it."""
    code = iso3.upper()
    row = frames.countries[frames.countries["iso3"] == code]
    if row.empty:
        return None
    country = row.iloc[0]
    names = dict(zip(frames.actors["id"], frames.actors["name"], strict=True))
    rel = relations(code, frames)

    options = aggregates.country_options(frames.options, code).copy()
    options["positions_label"] = [
        aggregates.positions_label(p, names) for p in options["positions"]
    ]
    options["actor_names"] = [_names_of(a, names) for a in options["actors"]]
    sanctions = frames.sanctions[frames.sanctions["target_country"] == code].copy()
    sanctions["imposed_by_names"] = [_names_of(a, names) for a in sanctions["imposed_by"]]
    sanctions = sanctions.sort_values(["as_of_latest", "id"], ascending=[False, True])
    risks = frames.risks[frames.risks["threatens_countries"].map(lambda c: code in (c or []))]
    alt = country["alt_names"]
    return CountryProfile(
        iso3=code,
        name=str(country["name"]),
        role=str(country["role"]),
        context=country["context"] if isinstance(country["context"], str) else None,
        alt_names=list(alt) if isinstance(alt, list | tuple) else [],
        actors=actors_by_role(code, frames, rel),
        events=country_events_chronological(frames.events, code, basis),
        options=options.reset_index(drop=True),
        sanctions=sanctions.reset_index(drop=True),
        risks=risks.reset_index(drop=True),
        relations=rel,
        related=related_parties(rel),
        quotes=country_quotes(code, frames, names),
        coverage=coverage_for(code, frames),
    )


def comparison_table(frames: ProfileFrames, basis: str = "where") -> pd.DataFrame:
    """Every country and territory in our sources: role, events (where they happened, or
    every country they involve), options and sanctions recorded, latest event, and how many
    sources speak of it (as in its profile)."""
    figures = aggregates.country_figures(
        frames.countries, frames.events, frames.options, frames.sanctions, basis
    )
    figures["sources"] = [coverage_for(code, frames).n_sources for code in figures["iso3"]]
    role_order = {"focus": 0, "secondary": 1, "mentioned": 2}
    figures = figures.assign(_role=figures["role"].map(role_order).fillna(3))
    figures = figures.sort_values(["_role", "events", "name"], ascending=[True, False, True])
    return figures.drop(columns="_role").reset_index(drop=True)[COMPARISON_COLUMNS]


# --------------------------------------------------------------------------- source pages

#: Record kinds drawn from an article, in display order.
DRAWN_KINDS = ("events", "options", "sanctions", "risks", "actors")
#: Citation fields and how to name them when they are unknown.
ARTICLE_FIELDS = (
    ("author", "Author"),
    ("title", "Title"),
    ("outlet", "Outlet"),
    ("published", "Publication date"),
    ("url", "Address (URL)"),
)
DRAWN_COLUMNS = ["kind", "record_id", "label", "country", "detail", "n_quotes"]


@dataclass(frozen=True)
class ArticleProfile:
    """One source: its citation, what is known and not, and what was drawn from it."""

    id: str
    citation: str
    source_type: str
    published: str
    published_note: str | None
    origin: str
    known: list[tuple[str, str]]
    unknown: list[str]
    drawn: pd.DataFrame
    counts: dict[str, int]
    quotes: pd.DataFrame


def _is_known(value: Any) -> bool:
    return isinstance(value, str) and value.strip() != "" and not value.startswith("not stated")


def known_and_unknown(article: Mapping[str, Any]) -> tuple[list[tuple[str, str]], list[str]]:
    """What a citation knows ((name, value) pairs) and what the source does not state (names),
    from an articles-frame row."""
    known = [(name, str(article[f])) for f, name in ARTICLE_FIELDS if _is_known(article.get(f))]
    unknown = [name for f, name in ARTICLE_FIELDS if not _is_known(article.get(f))]
    if _is_known(article.get("url")) and _is_known(article.get("url_note")):
        # an address found later, not in the text: say how it was found, right after it
        at = next(i for i, (name, _) in enumerate(known) if name == "Address (URL)")
        known.insert(at + 1, ("How the address was found", str(article["url_note"])))
    return known, unknown


def _record_rows(kind: str, frame: pd.DataFrame, ids: set[str]) -> list[dict[str, Any]]:
    rows = frame[frame["id"].isin(ids)]
    out = []
    for row in rows.to_dict("records"):
        if kind == "events":
            label_, country, detail = row["summary"], row["country"], row["date"]
        elif kind == "options":
            label_, country = row["title"], row["target"]
            detail = aggregates.status_line(row["status"], row["status_as_of"])
        elif kind == "sanctions":
            label_, country = row["summary"], row["target_country"]
            detail = aggregates.status_line(row["status"], row["as_of"])
        elif kind == "risks":
            threatened = list(row["threatens_countries"] or [])
            label_, country = row["title"], threatened[0] if threatened else None
            detail = ", ".join(threatened)
        else:
            label_, country, detail = row["name"], row["country"], label(row["role"])
        out.append(
            {
                "kind": kind,
                "record_id": row["id"],
                "label": label_,
                "country": country if isinstance(country, str) else None,
                "detail": detail,
            }
        )
    return out


def article_quotes(
    article_id: str, sources: pd.DataFrame, actor_names: dict[str, str]
) -> pd.DataFrame:
    """An article's quotes in paragraph order, one row per distinct quote, with who makes the
    claim and the records (``kind:id``) it supports."""
    rows = sources[sources["article"] == article_id]
    columns = ["paragraph", "quote", "according_to", "records", "kinds"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    out = []
    for (paragraph, quote), group in rows.groupby(["paragraph", "quote"], sort=False):
        out.append(
            {
                "paragraph": int(paragraph),
                "quote": quote,
                **_quote_claims(group, actor_names),
            }
        )
    table = pd.DataFrame(out).sort_values(["paragraph", "_first"], kind="stable")
    return table.drop(columns="_first").reset_index(drop=True)[columns]


def article_profile(article_id: str, frames: ProfileFrames) -> ArticleProfile | None:
    """A source's page: citation, known and unknown fields, records drawn from it (grouped by
    kind, with counts) and its quotes in paragraph order; None for an unknown id."""
    match = frames.articles[frames.articles["id"] == article_id]
    if match.empty:
        return None
    art = match.iloc[0]
    known, unknown = known_and_unknown(art.to_dict())
    src = frames.sources[frames.sources["article"] == article_id]
    by_kind = {
        "events": frames.events,
        "options": frames.options,
        "sanctions": frames.sanctions,
        "risks": frames.risks,
        "actors": frames.actors,
    }
    rows: list[dict[str, Any]] = []
    for kind in DRAWN_KINDS:
        ids = set(src.loc[src["kind"] == kind, "record_id"])
        rows += _record_rows(kind, by_kind[kind], ids)
    drawn = pd.DataFrame(rows, columns=DRAWN_COLUMNS[:-1])
    n_quotes = src.groupby(["kind", "record_id"]).size()
    drawn["n_quotes"] = [
        int(n_quotes.get((k, r), 0)) for k, r in zip(drawn["kind"], drawn["record_id"], strict=True)
    ]
    drawn = drawn.sort_values(
        ["kind", "record_id"], key=lambda s: s.map(DRAWN_KINDS.index) if s.name == "kind" else s
    ).reset_index(drop=True)
    names = dict(zip(frames.actors["id"], frames.actors["name"], strict=True))
    note = art["published_note"]
    return ArticleProfile(
        id=article_id,
        citation=str(art["citation"]),
        source_type=str(art["source_type"]),
        published=str(art["published"]),
        published_note=note if _is_known(note) else None,
        origin=str(art["origin"]),
        known=known,
        unknown=unknown,
        drawn=drawn,
        counts={kind: int((drawn["kind"] == kind).sum()) for kind in DRAWN_KINDS},
        quotes=article_quotes(article_id, frames.sources, names),
    )
