"""The place-name gazetteer: country names from pycountry plus the analysts' CSV, in one automaton.

Country names (short, common and official) come from pycountry at load time; `data/gazetteer.csv`
adds what pycountry lacks: aliases (Burma, the U.S.), demonyms (Belarusian), capitals and seats
of power (Moscow, the Kremlin), territories (Crimea), and the names that must be recognised so
they are *not* counted: blocs (the EU, Central Asia), ethnic groups (Kurds) and `ignore` phrases
that contain a country name without meaning the country (the Washington Post, New Mexico).

Analysts extend the CSV; columns: ``iso3,kind,pattern,case_sensitive,note``. A note containing
``person?`` marks a name that is also a personal name (Jordan, Chad): such a match is dropped
when it stands next to another capitalised word.

All patterns go into one pyahocorasick automaton keyed by the lower-cased pattern, so scanning
an article is a single pass over its text (shared with the pipeline's other word tables, see
`scan`). `load_gazetteer` builds it on every call, without a cache (tens of milliseconds): the
caller keeps it, usually inside a `democdash.extract.Extractor` (the command line builds one per
command, the app keeps one per version of the CSV at its UI edge).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import ahocorasick
import pycountry

from democdash.extract.scan import automaton
from democdash.settings import get_settings

#: Kinds that denote a country (or a territory with its own code).
COUNTRY_KINDS = frozenset({"name", "alias", "demonym", "capital", "seat", "territory"})
#: Kinds recognised only so that they are kept apart from countries.
NON_COUNTRY_KINDS = frozenset({"bloc", "ethnic", "ignore"})
KINDS = COUNTRY_KINDS | NON_COUNTRY_KINDS

GAZETTEER_FILE = "gazetteer.csv"


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer pattern: what it denotes (`iso3`, empty for blocs) and how to match it."""

    iso3: str
    kind: str
    pattern: str
    case_sensitive: bool
    note: str = ""

    @property
    def person_ambiguous(self) -> bool:
        """True for names that are also personal names (Jordan, Chad, Washington)."""
        return "person?" in self.note


@dataclass(frozen=True, eq=False)
class Gazetteer:
    """The loaded gazetteer: the automaton over lower-cased patterns and the display names.

    `table` maps each lower-cased key to the automaton's payload for it, ``(length, ends with
    a hyphen, entries)``, so that the pipeline can merge it with its other word tables
    (`democdash.extract.scan`).
    """

    automaton: ahocorasick.Automaton
    names: dict[str, str]
    entries: tuple[Entry, ...]
    table: dict[str, tuple[int, bool, tuple[Entry, ...]]]


def fold(text: str) -> str:
    """Lower-case `text` keeping its length, so automaton offsets stay offsets into `text`."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def gazetteer_path() -> Path:
    """The CSV in force: `<data_dir>/gazetteer.csv` from `democdash.settings`."""
    return get_settings().data_dir / GAZETTEER_FILE


#: Display names that differ from pycountry's (or that it lacks: Kosovo has no ISO code).
_NAMES = {"TWN": "Taiwan", "PSE": "Palestine", "COD": "DR Congo"}
_MISSING_NAMES = {"XKX": "Kosovo"}


def _display_name(country) -> str:
    return getattr(country, "common_name", None) or country.name


def country_names() -> dict[str, str]:
    """Code -> display name for every country (pycountry's common name where it has one)."""
    names = {c.alpha_3: _display_name(c) for c in pycountry.countries}
    return {**_MISSING_NAMES, **names, **_NAMES}


def _pycountry_entries() -> list[Entry]:
    entries: list[Entry] = []
    for country in pycountry.countries:
        iso3 = country.alpha_3
        common = getattr(country, "common_name", None)
        candidates = {country.name, common, getattr(country, "official_name", None)}
        for name in filter(None, candidates):
            # inverted or annotated forms ("Korea, Republic of") are not how texts write names
            if "," in name or "(" in name:
                continue
            entries.append(Entry(iso3, "name", name, True))
            if name.startswith("the "):
                entries.append(Entry(iso3, "name", name[4:], True))
            elif name.startswith(("Republic", "Kingdom", "United", "Federated", "Democratic")):
                entries.append(Entry(iso3, "name", "the " + name, True))
    return entries


def read_csv(path: Path) -> list[Entry]:
    """The entries of one gazetteer CSV; raises ValueError naming the line of a bad row."""
    entries: list[Entry] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for lineno, row in enumerate(csv.DictReader(handle), start=2):
            pattern = (row.get("pattern") or "").strip()
            kind = (row.get("kind") or "").strip()
            iso3 = (row.get("iso3") or "").strip().upper()
            if not pattern:
                continue
            if kind not in KINDS:
                raise ValueError(f"{path}:{lineno}: unknown kind {kind!r} (one of {sorted(KINDS)})")
            if kind in COUNTRY_KINDS and len(iso3) != 3:
                raise ValueError(f"{path}:{lineno}: kind {kind} needs a three-letter iso3")
            sensitive = (row.get("case_sensitive") or "1").strip().lower() not in {
                "0",
                "false",
                "no",
            }
            entries.append(Entry(iso3, kind, pattern, sensitive, (row.get("note") or "").strip()))
    return entries


def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """The gazetteer of the CSV at `path` (default: `gazetteer_path()`) plus pycountry's names,
    built afresh (no cache: keep the result, see the module docstring)."""
    path = path or gazetteer_path()
    base = _pycountry_entries()
    csv_entries = read_csv(path) if path.is_file() else []
    # the CSV overrides pycountry for a pattern it lists (e.g. marks "Jordan" person-ambiguous)
    overridden = {e.pattern for e in csv_entries}
    entries = [e for e in base if e.pattern not in overridden] + csv_entries
    by_key: dict[str, list[Entry]] = {}
    for entry in entries:
        by_key.setdefault(fold(entry.pattern), []).append(entry)
    table = {key: (len(key), key.endswith("-"), tuple(group)) for key, group in by_key.items()}
    return Gazetteer(
        automaton=automaton(table), names=country_names(), entries=tuple(entries), table=table
    )


def country_name(iso3: str, gazetteer: Gazetteer | None = None) -> str:
    """The display name of a code (as in `country_names()`), the code itself for an unknown one;
    without a gazetteer it is looked up directly (nothing is built)."""
    if gazetteer is not None:
        return gazetteer.names.get(iso3, iso3)
    if iso3 in _NAMES:
        return _NAMES[iso3]
    country = pycountry.countries.get(alpha_3=iso3)
    if country is not None and country.alpha_3 == iso3:
        return _display_name(country)
    return _MISSING_NAMES.get(iso3, iso3)
