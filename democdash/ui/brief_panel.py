"""A reusable "download a brief" panel: country, format, handling line, build, download.

Place it on any page::

    from democdash.ui.brief_panel import brief_download_panel

    brief_download_panel("BLR")                                  # unranked
    brief_download_panel("BLR", ranking, scenario=scenario)      # ranked (options page)

The brief is built on request (a button, with a spinner), kept in session state for the same
choices, and offered with `st.download_button`. Building goes through `democdash.briefs`, the
same code as `democdash brief` on the command line.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from democdash import briefs, geo
from democdash.briefs.notes_form import NotesFormError, country_sources, notes_from_form
from democdash.store.brief_notes import MAX_RISKS_CHARS, MAX_SENTENCE_CHARS, MAX_SENTENCES
from democdash.ui import auth, data
from democdash.ui.safe import md

MAX_HANDLING = 120
VERSION_LABELS = {
    "full": "Full: page one, then the annexes",
    "short": "Short: page one only",
}


def country_choices(countries: pd.DataFrame) -> list[str]:
    """Country codes for the picker: focus countries first, then secondary, then the rest."""
    order = {"focus": 0, "secondary": 1}
    ranked = countries.assign(_order=countries["role"].map(order).fillna(2))
    return list(ranked.sort_values(["_order", "name"])["iso3"])


def _ranking_key(ranking: pd.DataFrame | None) -> str:
    if ranking is None or ranking.empty:
        return "-"
    return str(pd.util.hash_pandas_object(ranking[["option_id", "total"]], index=False).sum())


def brief_download_panel(
    default_country: str | None,
    ranking: pd.DataFrame | None = None,
    *,
    scenario: Any = None,
    option_ids: list[str] | None = None,
    key: str = "brief",
) -> None:
    """Let the analyst build and download a country brief (Word, PDF or Markdown).

    Parameters
    ----------
    default_country
        The country picked at first (e.g. the page's selected country); default: the first
        focus country.
    ranking
        Optional `democdash.scoring.rank(...)` frame: options are then ranked in the brief
        (re-ranked among the brief's options) with their scores.
    scenario
        The `democdash.scoring.Scenario` the ranking comes from, named in the brief.
    option_ids
        Optional ids of picked options: the analyst may limit the brief to them.
    key
        Widget key prefix, to place more than one panel in an app.
    """
    countries = data.frame("countries")
    names = dict(zip(countries["iso3"], countries["name"], strict=True))
    choices = country_choices(countries)
    if not choices:
        st.info("No countries are recorded in our sources yet, so there is no brief to build.")
        return
    default = default_country if default_country in choices else choices[0]
    with st.container(border=True):
        st.markdown("**Download a country brief**")
        left, right = st.columns([3, 2])
        country = left.selectbox(
            "Country",
            choices,
            index=choices.index(default),
            format_func=lambda c: f"{names.get(c, c)} ({c})",
            key=f"{key}_country",
        )
        fmt = right.selectbox(
            "Format",
            list(briefs.FORMATS),
            format_func=lambda f: briefs.FORMATS[f].label,
            key=f"{key}_format",
        )
        version = st.radio(
            "Version",
            list(VERSION_LABELS),
            format_func=VERSION_LABELS.__getitem__,
            horizontal=True,
            key=f"{key}_version",
        )
        handling = st.text_input(
            "Handling line (top and bottom of every page)",
            value=briefs.DEFAULT_HANDLING,
            max_chars=MAX_HANDLING,
            key=f"{key}_handling",
        )
        only_picked = False
        if option_ids:
            only_picked = st.checkbox(
                f"Only the {len(option_ids)} picked options", key=f"{key}_only_picked"
            )
        use_ranking = ranking is not None and st.checkbox(
            "Rank the options by the current scenario"
            + (f" ({getattr(scenario, 'address', '')})" if scenario is not None else ""),
            value=True,
            key=f"{key}_ranked",
        )
        st.caption(
            "Page one is the bottom line up front: yours, the options as you ranked them, key "
            "risks, what our sources do not cover. Every fact is cited by the number of its "
            "source; the full version's annexes give the quotes."
        )
        store = data.store()
        address = getattr(scenario, "address", None) if use_ranking else None
        _notes_editor(store, country, address, names.get(country, country), key)
        as_of = data.view().as_of
        if as_of:
            when = data.view().as_of_label()
            st.caption(md(f"As of {when}: only what our sources had published by then."))
        request = (
            store.url,
            store.revision(data.REVISION_MAX_AGE),
            as_of,
            country,
            fmt,
            version,
            handling,
            tuple(option_ids) if only_picked and option_ids else None,
            _ranking_key(ranking) if use_ranking else "-",
        )
        if st.button("Build brief", key=f"{key}_build", icon=":material/description:"):
            with st.spinner(md(f"Building the {names.get(country, country)} brief…")):
                try:
                    regional = data.boundaries("regional")
                except geo.BoundariesError:
                    regional = None  # the brief reads them itself and says why it has no map
                try:
                    built = briefs.build_brief(
                        store,
                        country,
                        option_ids=list(option_ids) if only_picked and option_ids else None,
                        ranking=ranking if use_ranking else None,
                        handling=handling,
                        scenario=scenario if use_ranking else None,
                        texts_dir=store.settings.seeds_dir,
                        today=date.today(),
                        boundaries=regional,
                        as_of=as_of,
                    )
                    payload = briefs.render(built, fmt, version=version)
                except briefs.BriefError as exc:
                    st.error(md(str(exc)))
                    return
            name = briefs.brief_filename(country, briefs.FORMATS[fmt].extension, as_of=as_of)
            st.session_state[f"{key}_file"] = (request, payload, name, len(built.options))
        saved = st.session_state.get(f"{key}_file")
        if saved and saved[0] == request:
            _, payload, name, n_options = saved
            st.download_button(
                f"Download {name}",
                data=payload,
                file_name=name,
                mime=briefs.FORMATS[fmt].mime,
                on_click="ignore",
                icon=":material/download:",
                type="primary",
                key=f"{key}_download",
            )
            st.caption(md(f"{n_options} options · {max(len(payload) // 1024, 1):,} KB"))


def _notes_editor(store: Any, country: str, scenario: str | None, name: str, key: str) -> None:
    """The analyst's bottom line (up to three sentences, each with the sources it rests on)
    and key risks for this country (and scenario): shown to all, written by editors only."""
    notes = store.brief_notes(country, scenario)
    under = f" under the scenario {scenario}" if scenario else ""
    with st.expander(md(f"Bottom line and key risks for {name}{under}"), expanded=False):
        if notes is None:
            st.caption(md("Not yet written: the brief says “bottom line not yet written”."))
        else:
            st.caption(md(f"Last written by {notes.updated_by}."))
        if not data.can_write():
            st.info("Sign in as an editor to write the bottom line.")
            return
        articles = data.frame("articles")
        citation = dict(zip(articles["id"], articles["citation"], strict=True))
        choices = country_sources(
            data.sources(), data.frame("events"), data.frame("options"), country
        )
        written = list(notes.bottom_line) if notes else []
        prefix = f"{key}_notes_{country}_{scenario or '-'}"
        with st.form(f"{prefix}_form", border=False):
            sentences = []
            for i in range(MAX_SENTENCES):
                old = written[i] if i < len(written) else None
                text = st.text_input(
                    f"Sentence {i + 1}",
                    value=old.text if old else "",
                    max_chars=MAX_SENTENCE_CHARS,
                    key=f"{prefix}_s{i}",
                )
                picked = st.multiselect(
                    f"Sources sentence {i + 1} rests on",
                    choices,
                    default=[a for a in (old.sources if old else []) if a in choices],
                    format_func=lambda a: citation.get(a, a),
                    key=f"{prefix}_src{i}",
                )
                sentences.append((text, picked))
            risks = st.text_area(
                "Key risks (your words)",
                value=(notes.key_risks or "") if notes else "",
                max_chars=MAX_RISKS_CHARS,
                key=f"{prefix}_risks",
            )
            saved = st.form_submit_button("Save bottom line and key risks")
        if saved:
            try:
                new = notes_from_form(country, scenario, sentences, risks)
            except NotesFormError as exc:
                st.error(md(str(exc)))
                return
            store.save_brief_notes(new, by=auth.current_editor())
            st.success("Saved: the next brief you build opens with it.")
