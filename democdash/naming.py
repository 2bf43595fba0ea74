"""Contested country names (Burma / Myanmar): one table, and the name to show for a preference.

A preference is a set of keys such as ``{"burma"}``; each contested country shows the name of
the first of its keys found in the preference, else its default name (the store's name). The
preference travels in the URL as ``names=burma`` (see ``democdash.ui.naming``) so that a shared
link shows the same names.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class ContestedName:
    """A country whose name is contested: the choices (preference key -> name) and a note."""

    iso3: str
    choices: dict[str, str]
    default: str
    note: str

    def name_for(self, preference: Collection[str]) -> str | None:
        """The name the preference picks, or None when it says nothing about this country."""
        for key, name in self.choices.items():
            if key in preference:
                return name
        return None


#: Every contested name we offer a choice for (add a row to offer another).
CONTESTED: tuple[ContestedName, ...] = (
    ContestedName(
        iso3="MMR",
        choices={"myanmar": "Myanmar", "burma": "Burma"},
        default="myanmar",
        note=(
            "The military government renamed Burma to Myanmar in 1989; the opposition and some "
            "governments kept using Burma."
        ),
    ),
)
BY_ISO3 = {entry.iso3: entry for entry in CONTESTED}


def preference_keys() -> list[str]:
    """Every key a preference may hold (the values allowed in ``names=``)."""
    return [key for entry in CONTESTED for key in entry.choices]


def normalise(preference: str | Iterable[str] | None) -> frozenset[str]:
    """A preference as a set of known keys: unknown keys and default choices are dropped."""
    if preference is None:
        return frozenset()
    items = [preference] if isinstance(preference, str) else list(preference)
    known = set(preference_keys())
    defaults = {entry.default for entry in CONTESTED}
    return frozenset(k for k in (str(i).strip().lower() for i in items) if k in known) - defaults


def display_name(iso3: str, default_name: str, preference: str | Iterable[str] | None) -> str:
    """The name to show for ``iso3``: the preferred one for a contested name, else the default.

    >>> display_name("MMR", "Myanmar", "burma")
    'Burma'
    >>> display_name("BLR", "Belarus", "burma")
    'Belarus'
    """
    entry = BY_ISO3.get(str(iso3).upper())
    if entry is None:
        return default_name
    return entry.name_for(normalise(preference)) or default_name


def rename(
    frame: pd.DataFrame,
    preference: str | Iterable[str] | None,
    iso_column: str = "iso3",
    name_column: str = "name",
    alt_column: str = "alt_names",
) -> pd.DataFrame:
    """``frame`` with ``name_column`` following the preference (a copy; the input is kept).

    Where the frame lists other names (``alt_column``, lists), the name given up joins them and
    the name now shown leaves them, so Burma is "also called Myanmar", not "also called Burma".
    Returns the same object when the preference changes nothing, so callers may pass shared,
    cached frames without copying them on every rerun.
    """
    pref = normalise(preference)
    if not pref or frame.empty or iso_column not in frame or name_column not in frame:
        return frame
    affected = frame[iso_column].isin(list(BY_ISO3))
    if not affected.any():
        return frame
    out = frame.copy()
    old_names = out.loc[affected, name_column].tolist()
    new_names = [
        display_name(code, name, pref)
        for code, name in zip(out.loc[affected, iso_column], old_names, strict=True)
    ]
    out.loc[affected, name_column] = new_names
    if alt_column in out:
        alts = [
            _swap_alt(alt, old, new)
            for alt, old, new in zip(
                out.loc[affected, alt_column], old_names, new_names, strict=True
            )
        ]
        out[alt_column] = out[alt_column].astype(object)
        for index, alt in zip(out.index[affected], alts, strict=True):
            out.at[index, alt_column] = alt
    return out


def _swap_alt(alt: object, old: str, new: str) -> object:
    """Other names after the shown name changed from ``old`` to ``new``."""
    if old == new or not isinstance(alt, list | tuple):
        return alt
    return [old, *(a for a in alt if a != new and a != old)]
