"""The naming setting for contested names (Burma / Myanmar): a sidebar control whose choice is
kept in `st.session_state` and in the URL (`names=burma`), so it applies on every page and in
every shared link.

The URL wins when it names a preference (a shared link opens with the sender's names); when a
page switch has cleared the URL, the session's preference is put back into it.
"""

from __future__ import annotations

import streamlit as st

from democdash import naming
from democdash.ui import per_run

#: Session key of the preference (a frozenset of keys of `democdash.naming.CONTESTED`).
STATE_KEY = "names_preference"
PARAM = "names"


def _widget_key(iso3: str) -> str:
    return f"names_choice_{iso3}"


def preference() -> frozenset[str]:
    """The current naming preference (empty: every country under its default name); read
    once a run (`per_run`): every derived value's key holds it."""
    return per_run.once(STATE_KEY, lambda: frozenset(st.session_state.get(STATE_KEY, frozenset())))


def _set(pref: frozenset[str]) -> None:
    st.session_state[STATE_KEY] = pref
    per_run.forget(STATE_KEY)


def query() -> dict[str, str]:
    """The preference as query parameters, for links between pages (`{}` when default)."""
    pref = preference()
    return {PARAM: ",".join(sorted(pref))} if pref else {}


def _from_url() -> frozenset[str] | None:
    raw = st.query_params.get(PARAM)
    if raw is None:
        return None
    return naming.normalise(part for part in str(raw).split(","))


def sync() -> frozenset[str]:
    """Take the preference from the URL if it has one, else put the session's into the URL."""
    from_url = _from_url()
    if from_url is not None:
        _set(from_url)
    else:
        pref = preference()
        if pref:
            st.query_params[PARAM] = ",".join(sorted(pref))
    return preference()


def _changed(iso3: str) -> None:
    entry = naming.BY_ISO3[iso3]
    chosen = st.session_state.get(_widget_key(iso3)) or entry.default
    others = preference() - set(entry.choices)
    pref = naming.normalise({*others, chosen})
    _set(pref)
    if pref:
        st.query_params[PARAM] = ",".join(sorted(pref))
    elif PARAM in st.query_params:
        del st.query_params[PARAM]


def sidebar_control() -> None:
    """One choice per contested name, in the sidebar; applies everywhere names are shown."""
    pref = sync()
    with st.sidebar:
        for entry in naming.CONTESTED:
            current = next((k for k in entry.choices if k in pref), entry.default)
            key = _widget_key(entry.iso3)
            if st.session_state.get(key) != current:
                st.session_state[key] = current
            st.segmented_control(
                "Contested country name",
                options=list(entry.choices),
                format_func=entry.choices.get,
                key=key,
                required=True,
                on_change=_changed,
                args=(entry.iso3,),
                help=entry.note,
            )
