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

from democdash import aggregates, asof, corroboration, grading, text, viewdate
from democdash.dates import day_label
from democdash.indicators.read import INDICATORS_DIRNAME, read_folder
from democdash.indicators.summary import IndicatorSummary, country_summary
from democdash.text import counted
from democdash.vocab import label

DEFAULT_HANDLING = "UNCLASSIFIED // FOR DISCUSSION"
#: At most this many events make the brief's timeline (the rest are counted, not dropped silently).
MAX_EVENTS = 12
#: Frames `build_brief` needs when it is given frames instead of a store.
FRAME_KINDS = ("countries", "actors", "articles", "events", "options", "risks", "sources")


class BriefError(ValueError):
    """A brief that cannot be built as asked (unknown country or option); the message says why."""


@dataclass(frozen=True)
class BriefSource:
    """One article the brief cites, numbered once: its citation (what is known of it: author,
    title, outlet, date), address, and its reliability grade where an analyst assessed it."""

    n: int
    article: str
    citation: str
    url: str | None = None
    reliability: str | None = None
    opinion: bool = False

    def line(self) -> str:
        """ "The Atlantic, about Nov 2020. Opinion piece. Reliability B (usually reliable)."."""
        parts = [self.citation]
        if self.url:
            parts.append(self.url)
        if self.opinion:
            parts.append("Opinion piece.")
        if self.reliability:
            parts.append(f"Reliability {self.reliability}.")
        return " ".join(parts)


@dataclass(frozen=True)
class Footnote:
    """One quote the brief rests on: the number of its source, the paragraph, the verbatim
    quote (and the paragraph's opening words when the text is at hand)."""

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


def refs_text(refs: Iterable[int]) -> str:
    """Source numbers as the text refers to them: "[1, 3]" ("" for none)."""
    refs = list(refs)
    return f"[{', '.join(str(n) for n in refs)}]" if refs else ""


@dataclass(frozen=True)
class Support:
    """How well a claim is supported: its standing (corroborated, single source, disputed;
    opinion when it rests on opinion pieces only) and its credibility where graded."""

    standing: str | None = None
    credibility: str | None = None

    def text(self) -> str:
        """ "corroborated; credibility 2 (probably true)" ("" when nothing is known)."""
        parts = [self.standing] if self.standing else []
        if self.credibility:
            parts.append(f"credibility {self.credibility}")
        return "; ".join(parts)


@dataclass(frozen=True)
class BriefEvent:
    """One timeline entry: date as known, type, our summary, who says so, source numbers."""

    date: str
    type_label: str
    summary: str
    according_to: str
    refs: tuple[int, ...]
    support: Support = Support()


@dataclass(frozen=True)
class BriefRisk:
    """A risk or constraint the sources name for an option."""

    title: str
    description: str
    according_to: str
    refs: tuple[int, ...]
    support: Support = Support()


@dataclass(frozen=True)
class BriefPosition:
    """One position on an option: who holds it, the stance (in words), its source numbers."""

    text: str
    refs: tuple[int, ...]


@dataclass(frozen=True)
class BriefActor:
    """An actor of the country or one holding a position on its options."""

    name: str
    role: str
    description: str | None
    refs: tuple[int, ...]
    support: Support = Support()


@dataclass(frozen=True)
class BriefOption:
    """A policy option as reported: the positions taken on it, its status as of the source's
    date (and its history when it changed), rationale, risks.

    `rank`, `score`, `score_note` and `score_rationales` (the analyst's rationale for each
    score) are set only when the brief was built with a ranking.
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
    score_rationales: tuple[str, ...] = ()
    position_lines: tuple[BriefPosition, ...] = ()
    support: Support = Support()

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

    def analyst_rationale(self, limit: int | None = None) -> str:
        """The analyst's rationales for the scores, in one line, shortened to `limit`
        characters (at a word, with "…") when given."""
        text_value = " ".join(self.score_rationales) or "no rationale given"
        if limit is None or len(text_value) <= limit:
            return text_value
        cut = text_value[: max(limit - 1, 0)].rsplit(" ", 1)[0].rstrip(" ,;:.")
        return f"{cut}…" if cut else ""


@dataclass(frozen=True)
class BottomLineSentence:
    """One sentence of the analyst's bottom line and the numbers of the sources it rests on."""

    text: str
    refs: tuple[int, ...]


#: What the bottom line reads until the analyst writes one (never generated text).
NO_BOTTOM_LINE = "Bottom line not yet written."
NO_KEY_RISKS = "Key risks not yet written."


@dataclass(frozen=True)
class Fit:
    """How much of the ranked options page one shows: at most `options` of them, each
    analyst rationale shortened to `rationale_chars` (0: left to the annex)."""

    options: int = 5
    rationale_chars: int = 300


#: Page one's fits, roomiest first: a renderer that paginates takes the first that fits.
FITS = (Fit(5, 300), Fit(5, 200), Fit(4, 150), Fit(3, 110), Fit(3, 0), Fit(2, 0))


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
    #: Every cited article, numbered once in order of first citation.
    sources: tuple[BriefSource, ...] = ()
    bottom_line: tuple[BottomLineSentence, ...] = ()
    key_risks: str | None = None
    #: Who wrote the bottom line and key risks, and when ("alice, 5 Dec 2026").
    notes_by: str | None = None
    #: What our sources do not cover (derived from the records, our words).
    gaps: tuple[str, ...] = ()
    actors: tuple[BriefActor, ...] = ()
    #: Outside indicators for the country (V-Dem), each with its citation: not our sources.
    indicators: tuple[IndicatorSummary, ...] = ()

    @property
    def ranked(self) -> bool:
        """True when the options carry ranks from a scoring scenario."""
        return any(o.rank is not None for o in self.options)

    @property
    def as_of_line(self) -> str:
        """ "As of 31 Mar 2021" or "As of 22 Nov 2026 (everything in our sources)"."""
        if self.as_of:
            return (
                f"As of {viewdate.label(self.as_of)}: only what our sources had published by then."
            )
        return f"As of {day_label(self.generated)}: everything in our sources."

    def quotes(self) -> list[str]:
        """Every quote the brief cites, in order."""
        return [f.quote for f in self.footnotes]

    def page_one_sources(self) -> list[BriefSource]:
        """The sources page one cites (those of the bottom line)."""
        cited = {n for s in self.bottom_line for n in s.refs}
        return [s for s in self.sources if s.n in cited]

    def top_options(self, fit: Fit) -> tuple[list[BriefOption], int]:
        """The ranked options page one lists under `fit`, and how many more there are."""
        ranked = [o for o in self.options if o.rank is not None]
        return ranked[: fit.options], max(len(ranked) - fit.options, 0)

    def annex_quotes(self) -> dict[int, list[Footnote]]:
        """The quotes by source number, each source's in order of paragraph."""
        grouped: dict[int, list[Footnote]] = {}
        for note in sorted(self.footnotes, key=lambda f: (f.n, f.paragraph)):
            grouped.setdefault(note.n, []).append(note)
        return grouped


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
    """Numbers each cited article once, in order of first citation, and keeps each distinct
    (article, paragraph, quote) once for the quotes annex."""

    def __init__(
        self,
        sources: pd.DataFrame,
        articles: pd.DataFrame,
        texts: Mapping[str, str],
    ):
        self._by_record = {
            key: list(
                zip(
                    group["article"],
                    group["paragraph"],
                    group["quote"],
                    group["credibility"],
                    strict=True,
                )
            )
            for key, group in sources.groupby(["kind", "record_id"], sort=False)
        }
        self._articles = {row["id"]: row for row in articles.to_dict("records")}
        self._paragraphs = {aid: text.paragraphs(t) for aid, t in texts.items()}
        self._quotes: set[tuple[str, int, str]] = set()
        self.sources: dict[str, BriefSource] = {}
        self.footnotes: list[Footnote] = []

    def article(self, article: str) -> int:
        """The number of an article (numbered on first citation)."""
        if article not in self.sources:
            row = self._articles.get(article)
            if row is None:
                found = BriefSource(
                    len(self.sources) + 1, article, f"Article {article} (not in the store)."
                )
            else:
                reliability = _str(row.get("reliability"))
                found = BriefSource(
                    len(self.sources) + 1,
                    article,
                    str(row.get("citation")),
                    _str(row.get("url")),
                    _short_grade(reliability),
                    row.get("source_type") == "opinion",
                )
            self.sources[article] = found
        return self.sources[article].n

    def quote(self, article: str, paragraph: int, quote: str) -> int:
        """The number of the quote's article; the quote is kept for the annex."""
        n = self.article(article)
        key = (article, int(paragraph), quote)
        if key not in self._quotes:
            self._quotes.add(key)
            self.footnotes.append(
                Footnote(
                    n,
                    article,
                    self.sources[article].citation,
                    int(paragraph),
                    quote,
                    self._opening(article, int(paragraph)),
                )
            )
        return n

    def refs(self, kind: str, record_id: str) -> tuple[int, ...]:
        """The source numbers a record cites (each once)."""
        out: dict[int, None] = {}
        for article, paragraph, quote, _ in self._by_record.get((kind, record_id), []):
            out[self.quote(article, paragraph, quote)] = None
        return tuple(out)

    def credibility(self, kind: str, record_id: str) -> str | None:
        """The record's claim credibility where graded (the best-graded source's)."""
        graded = sorted(
            {
                g
                for *_, c in self._by_record.get((kind, record_id), [])
                if (g := _short_grade(_str(c)))
            }
        )
        return graded[0] if graded else None

    def _opening(self, article: str, paragraph: int) -> str | None:
        paras = self._paragraphs.get(article)
        if not paras or paragraph > len(paras):
            return None
        return text.opening_words(paras[paragraph - 1].text)


def _short_grade(label_text: str | None) -> str | None:
    """A grade in force in short ("B (usually reliable)"); None when unassessed."""
    if not label_text or label_text == grading.UNASSESSED:
        return None
    return label_text.split(", graded by", 1)[0]


#: A claim's standing as the brief words it.
STANDING_WORDS = {
    corroboration.CORROBORATED: "corroborated",
    corroboration.SINGLE_SOURCE: "single source",
    corroboration.DISPUTED: "disputed",
}


def _support(kind: str, record_id: str, row: Any, notes: _Notes) -> Support:
    """A record's standing (from its frame row's `standing` and `support`) and credibility
    (from its graded sources)."""
    standing = STANDING_WORDS.get(_str(row["standing"]) or "") if "standing" in row else None
    if standing and str(_str(row["support"]) or "").endswith("opinion"):
        standing += " · opinion"
    return Support(standing, notes.credibility(kind, record_id))


def _str(value: Any) -> str | None:
    """A cell as text, or None for missing values (pandas NaN/None)."""
    if value is None or (not isinstance(value, list | tuple) and pd.isna(value)):
        return None
    text_value = str(value).strip()
    return text_value or None


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
    brief_notes: Any = None,
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
    brief_notes
        The analyst's bottom line and key risks (`democdash.store.brief_notes.BriefNotes`);
        default: read from the store for the country and the scenario (none from frames).
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
    notes = _Notes(f["sources"], f["articles"], inputs.texts)
    written = _written_notes(store_or_frames, iso3, scenario, brief_notes)
    # the bottom line's sources are numbered first: page one lists them on its own
    bottom_line = tuple(
        BottomLineSentence(s.text, tuple(dict.fromkeys(notes.article(a) for a in s.sources)))
        for s in (written.bottom_line if written else [])
    )

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
            support=_support("events", ev.id, ev._asdict(), notes),
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
                support=_support("risks", rid, risks.loc[rid], notes),
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
                score_rationales=_score_rationales(scenario, opt.id) if rank else (),
                position_lines=tuple(
                    BriefPosition(
                        aggregates.position_label(p, actors)
                        + (f" (as of {p['date']})" if p.get("date") else ""),
                        (notes.quote(p["article"], p["paragraph"], p["quote"]),),
                    )
                    for p in opt.positions
                ),
                support=_support("options", opt.id, opt._asdict(), notes),
            )
        )
    brief_actors = _actors(f["actors"], iso3, picked, notes)

    today = today or date.today()
    coverage = aggregates.coverage(f["articles"])
    cited = notes.sources
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
    quoted = counted(len(notes.footnotes), "quote")
    held = counted(len(f["articles"]), "source")
    coverage_text = (
        f"Recorded in our sources for {name}: {counted(n_events, 'event')} and "
        f"{counted(n_options, 'option')}. This brief cites {quoted} from {len(cited)} of the "
        f"{held} " + ("published by then." if as_of else "in the store.")
    )
    event_rule = (
        f"all of a country's events when there are at most {max_events}; otherwise the events "
        "the options refer to and those reported by more than one source, up to "
        f"{max_events}. Oldest first."
    )
    if n_events == 0:
        events_note = f"No events about {name} are recorded in our sources."
    elif len(brief_events) == n_events:
        events_note = f"{counted(n_events, 'event')} recorded in our sources for {name}."
    else:
        events_note = (
            f"{len(brief_events)} of the {n_events} events recorded in our sources for {name}: "
            "those the options refer to and those reported by more than one source, oldest "
            "first."
        )
    n = counted(len(brief_options), "option")
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
        sources=tuple(notes.sources.values()),
        bottom_line=bottom_line,
        key_risks=written.key_risks if written else None,
        notes_by=(
            f"{written.updated_by}, {day_label(written.updated_at.date())}"
            if written and written.updated_by and written.updated_at
            else None
        ),
        gaps=_gaps(name, country_events, f["articles"], notes, brief_events, brief_options),
        actors=brief_actors,
        indicators=_indicators(inputs.data_dir, iso3, as_of),
    )


def _indicators(data_dir: Path | None, iso3: str, as_of: str | None) -> tuple[Any, ...]:
    """What the curated indicator datasets (`data/indicators`) say of the country; as of a
    date, the years before it only, with a note that the coding is later."""
    if data_dir is None:
        return ()
    tables, _ = read_folder(data_dir / INDICATORS_DIRNAME)
    year = asof.period_end(as_of).year if as_of else None
    label = viewdate.label(as_of) if as_of else ""
    found = (country_summary(t, iso3, year, label) for t in tables)
    return tuple(summary for summary in found if summary is not None)


def _written_notes(store_or_frames: Any, iso3: str, scenario: Any, given: Any) -> Any:
    """The analyst's bottom line and key risks: those given, else the store's for the country
    under the scenario (its address; none: the country's notes without a scenario)."""
    if given is not None or isinstance(store_or_frames, Mapping):
        return given
    address = getattr(scenario, "address", None) or (
        scenario if isinstance(scenario, str) else None
    )
    return store_or_frames.brief_notes(iso3, address)


def _score_rationales(scenario: Any, option_id: str) -> tuple[str, ...]:
    """The analyst's rationale for an option's scores, then the note of each score that has
    one: ("Direct pressure.", "Impact 4: note.")."""
    written = scenario.rationale(option_id) if hasattr(scenario, "rationale") else ""
    out = [f"{written.rstrip('.')}."] if written else []
    for criterion in getattr(scenario, "criteria", []):
        found = scenario.score(option_id, criterion.id)
        if found is not None and found.rationale:
            reason = found.rationale.rstrip(".")
            out.append(f"{criterion.label} {found.value}: {reason}.")
    return tuple(out)


def _actors(
    actors: pd.DataFrame, iso3: str, options: pd.DataFrame, notes: _Notes
) -> tuple[BriefActor, ...]:
    """The country's actors and those holding positions on its options, by name."""
    holders = {h for hs in options["holders"] for h in (hs or [])} if len(options) else set()
    mine = actors[(actors["country"] == iso3) | actors["id"].isin(holders)]
    return tuple(
        BriefActor(
            name=str(a["name"]),
            role=", ".join(label(str(v)) for v in (a["role"], a["kind"]) if _str(v)),
            description=_str(a["description"]),
            refs=notes.refs("actors", a["id"]),
            support=_support("actors", a["id"], a, notes),
        )
        for a in mine.sort_values("name").to_dict("records")
    )


def _gaps(
    name: str,
    events: pd.DataFrame,
    articles: pd.DataFrame,
    notes: _Notes,
    brief_events: tuple[BriefEvent, ...],
    brief_options: list[BriefOption],
) -> tuple[str, ...]:
    """What our sources do not cover for the country, derived from the records."""
    from democdash.vocab import EventType

    gaps = []
    cited = articles[articles["id"].isin(list(notes.sources))]
    latest = cited["published_latest"].dropna() if len(cited) else pd.Series(dtype=object)
    if len(latest):
        newest = cited.loc[latest.idxmax(), "published"]
        gaps.append(
            f"No source on {name} published after {newest}: later developments are not covered."
        )
    else:
        gaps.append(f"No dated source on {name}.")
    missing = [
        label(t.value)
        for t in EventType
        if t != EventType.OTHER and t.value not in set(events["type"])
    ]
    if missing:
        gaps.append(f"No events of these types recorded: {', '.join(m.lower() for m in missing)}.")
    undated = int(events["date_value"].isna().sum()) if len(events) else 0
    if undated:
        gaps.append(f"{counted(undated, 'event')} with no date in the sources.")
    claims = [*(e.support for e in brief_events), *(o.support for o in brief_options)]
    claims += [r.support for o in brief_options for r in o.risks]
    single = sum(1 for c in claims if c.standing and c.standing.startswith("single source"))
    opinion = sum(1 for c in claims if c.standing and c.standing.endswith("opinion"))
    disputed = sum(1 for c in claims if c.standing and c.standing.startswith("disputed"))
    if claims:
        gaps.append(
            f"{single} of the {counted(len(claims), 'claim')} in this brief rest on a single "
            f"source ({opinion} on opinion pieces only); {disputed} disputed."
        )
    no_risk = sum(1 for o in brief_options if not o.risks)
    if no_risk:
        gaps.append(
            f"No risk named in our sources for {no_risk} of the "
            f"{counted(len(brief_options), 'option')}."
        )
    return tuple(gaps)


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
