"""Country codes in indicator files: ISO 3166-1 alpha-3, or V-Dem's own (ISO-like, plus a few
units ISO has no code for). Our country ids are ISO alpha-3 (HKG for Hong Kong), so a valid code
is also the id it maps to."""

from __future__ import annotations

import pycountry

#: V-Dem's codes that are not ISO 3166-1 alpha-3 (V-Dem v15 SOURCE notes), with their units.
VDEM_OWN_CODES = {
    "XKX": "Kosovo",
    "PSG": "Palestine/Gaza",
    "SML": "Somaliland",
    "ZZB": "Zanzibar",
    "DDR": "German Democratic Republic",
    "YMD": "South Yemen",
}


#: Every current ISO 3166-1 alpha-3 code (pycountry's copy of Debian's iso-codes).
ISO3_CODES = frozenset(c.alpha_3 for c in pycountry.countries)
KNOWN_CODES = {"iso3": ISO3_CODES, "vdem": ISO3_CODES | frozenset(VDEM_OWN_CODES)}


def known_codes(system: str) -> frozenset[str]:
    """The codes a file written in `system` may use."""
    return KNOWN_CODES[system]


def code_problem(code: str, system: str) -> str | None:
    """Why `code` is not a country code of `system`, or None when it is."""
    if code in known_codes(system):
        return None
    hint = ""
    if code.upper() in known_codes(system):
        hint = f" (codes are upper case: {code.upper()})"
    elif len(code) == 2:
        hint = " (a two-letter code: the file's codes must be three-letter)"
    name = "an ISO 3166-1 alpha-3" if system == "iso3" else "a V-Dem (ISO or V-Dem's own)"
    return f"{code!r} is not {name} country code{hint}"
