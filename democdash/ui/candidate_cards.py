"""One card per candidate in review: what was found, the decision, and its fields to edit.

Every field is a plain widget (a searchable select box for countries and people), so the
keyboard reaches it and AppTest drives it; what the values amount to is decided by
`democdash.ingest.review_form`, and the card hands back a `Decision`. Widget keys are stable
for an article and a candidate, so a draft can restore them.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from democdash.ingest import review_form as form
from democdash.ingest.candidates import Candidate
from democdash.ingest.review import ACCEPT, ADD_SOURCE, REJECT, Decision
from democdash.text import quoted
from democdash.ui.safe import md

ACTION_LABELS = {ACCEPT: "Accept", REJECT: "Reject", ADD_SOURCE: "Add as source"}
#: Prefix of every widget key of the review (a draft keeps their values).
PREFIX = "add_c"


def widget_key(article_id: str, candidate_key: str, name: str) -> str:
    """The key of one of a candidate's widgets."""
    return f"{PREFIX}_{article_id}_{candidate_key}_{name}"


def _values(article_id: str, candidate: Candidate) -> dict:
    names = [f.name for f in form.fields(candidate)] + ["holder_name", "claimed_by_name"]
    out = {}
    for name in names:
        key = widget_key(article_id, candidate.key, name)
        if key in st.session_state:
            out[name] = st.session_state[key]
    return out


def _heading(candidate: Candidate) -> str:
    number = candidate.key.split("-")[-2 if candidate.key.startswith("sentence-") else -1]
    if candidate.key.startswith("possible-"):
        sure = f", {candidate.confidence:.0%} likely" if candidate.confidence is not None else ""
        return f"Also possible {number}{sure}"
    if candidate.key.startswith("sentence-"):
        return f"Made by you from sentence {number}"
    kind = "Event" if candidate.kind == "events" else "Option"
    sure = (
        f" · {candidate.confidence:.0%} likely"
        if candidate.kind == "options" and candidate.confidence is not None
        else ""
    )
    return f"{kind} {number}{sure}"


def _cut(candidate: Candidate) -> bool:
    """Whether the candidate's quote stops before its sentence does (a list item's quote
    leaves out the bullet that opens its sentence, and is whole)."""
    return not candidate.sentence.strip().endswith(candidate.source.quote.strip())


def card(
    candidate: Candidate,
    article_id: str,
    country_names: Mapping[str, str],
    actor_names: Mapping[str, str],
    default: str | None = None,
) -> Decision | None:
    """Draw a candidate's card; its decision with the edits made, or None when undecided.

    `default` preselects an action: "Add as source" only for a strong match (a weak one is
    shown, not chosen), "Accept" for a sentence the analyst made into a candidate."""
    values = _values(article_id, candidate)
    with st.container(border=True):
        position = form.position_of(candidate, values, actor_names)
        st.markdown(
            f"**{md(form.title_of(candidate, values))}**  \n:gray[{_heading(candidate)}]"
            + (f"  \n{md(position)}" if position else "")
        )
        quote = quoted(candidate.source.quote, continued=_cut(candidate))
        st.caption(f"¶ {candidate.source.paragraph}: {md(quote)}")
        if candidate.match:
            st.caption(
                f"Same as the stored record “{md(candidate.match.label)}”: add this article "
                "as a source of it, or accept it as a new record."
            )
        elif candidate.possible_match:
            st.caption(
                f"Possibly the same as the stored record “{md(candidate.possible_match.label)}” "
                "(type, place or date do not all agree): nothing is chosen for you."
            )
        match = candidate.match or candidate.possible_match
        options = [ACCEPT, REJECT] + ([ADD_SOURCE] if match else [])
        preselect = ADD_SOURCE if candidate.match else default
        action = st.segmented_control(
            "Decision",
            options=options,
            format_func=ACTION_LABELS.get,
            default=preselect if preselect in options else None,
            key=widget_key(article_id, candidate.key, "action"),
            label_visibility="collapsed",
        )
        with st.expander("Edit what is saved", expanded=candidate.key.startswith("sentence-")):
            _fields(candidate, article_id, country_names, actor_names)
    if action is None:
        return None
    return Decision(action, form.edits(candidate, _values(article_id, candidate)))


#: The fields typed as text, with what their input shows besides the value.
_TEXT_FIELDS: dict[str, dict[str, str]] = {
    "label": {},
    "date": {"placeholder": "2024-03-05, 2024-03, 2024 or 2024-W10; empty: not stated"},
    "location": {
        "placeholder": "Minsk; empty: not stated",
        "help": "Placed on the events map via GeoNames when it names a place in the event's "
        "country; otherwise listed as not placed.",
    },
}


def _fields(
    candidate: Candidate,
    article_id: str,
    country_names: Mapping[str, str],
    actor_names: Mapping[str, str],
) -> None:
    key = lambda name: widget_key(article_id, candidate.key, name)  # noqa: E731
    for field in form.fields(candidate):
        if field.name in _TEXT_FIELDS:
            st.text_input(
                field.label, value=field.value, key=key(field.name), **_TEXT_FIELDS[field.name]
            )
        elif field.name == "country":
            choices = form.country_choices(country_names)
            st.selectbox(
                field.label,
                choices,
                index=choices.index(field.value) if field.value in choices else 0,
                format_func=lambda c: form.country_label(c, country_names),
                key=key("country"),
                help="Type a name to find it.",
            )
        elif field.name in ("holder", "claimed_by"):
            choices = form.people_choices(
                [field.value], actor_names, claimant=field.name == "claimed_by"
            )
            picked = st.selectbox(
                field.label,
                choices,
                index=choices.index(field.value),
                format_func=lambda v: form.person_label(v, actor_names),
                key=key(field.name),
            )
            if picked == form.SOMEONE_ELSE:
                st.text_input(
                    "Their name, as the article gives it",
                    key=key(f"{field.name}_name"),
                )
        else:  # category, stance, status: vocabularies
            choices = list(field.choices or ())
            if field.value not in choices:
                choices = [field.value, *choices]
            st.selectbox(
                field.label,
                choices,
                index=choices.index(field.value),
                format_func=form.category_label,
                key=key(field.name),
            )
