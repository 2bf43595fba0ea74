"""The audit trail in words: who changed what and when, for the editors' activity view and its
exports. Pure functions over `Store.audit_trail()`'s frame."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from democdash.store.revert import revertible

#: How each audited action reads on a page.
ACTION_WORDS = {
    "insert": "added",
    "update": "changed",
    "delete": "deleted",
    "add_source": "source added",
    "source_removed": "source removed",
    "superseded": "replaced by curated data",
    "references": "references updated",
    "linked": "linked as the same",
    "unlinked": "split apart",
    "grade": "graded",
    "note_added": "note added",
    "note_edited": "note edited",
    "note_deleted": "note deleted",
    "reverted": "reverted",
    "imported": "dataset imported",
    "removed": "dataset removed",
    "seed": "curated data reloaded",
    "draft_started": "draft started",
    "draft_saved": "draft saved",
    "draft_deleted": "draft deleted",
    "sign_in_attempt": "sign-in attempt",
    "sign_in_succeeded": "signed in",
    "session_started": "session started",
    "session_ended": "session ended",
    "sessions_ended": "sessions ended",
}
#: Housekeeping rows an editor rarely needs (shown on request).
HOUSEKEEPING_KINDS = frozenset({"sign_in", "editor_sessions", "drafts"})
#: Fields that say what a record is, tried in order for a one-line description.
DESCRIBING = ("title", "summary", "name", "text", "quote")
COLUMNS = ["id", "when", "who", "what", "kind", "record", "detail", "revertible"]


def _load(raw: Any) -> Any:
    if not isinstance(raw, str):
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return raw


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        for key in DESCRIBING:
            if isinstance(value.get(key), str) and value[key].strip():
                return value[key].strip()[:120]
        return ", ".join(sorted(value))[:120]
    return "" if value is None else str(value)[:120]


def detail(before: Any, after: Any) -> str:
    """One line on what a change did: the fields it changed, or what it added or removed."""
    old, new = _load(before), _load(after)
    if isinstance(old, dict) and isinstance(new, dict):
        changed = sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k))
        return "fields: " + ", ".join(changed) if changed else "no field changed"
    if new is not None:
        return _describe(new)
    return "was: " + _describe(old) if old is not None else ""


def changes(trail: pd.DataFrame, housekeeping: bool = False) -> pd.DataFrame:
    """The audit trail as a table in words, newest first (sign-ins and drafts left out unless
    `housekeeping`)."""
    rows = trail if housekeeping else trail[~trail["kind"].isin(HOUSEKEEPING_KINDS)]
    return pd.DataFrame(
        {
            "id": rows["id"].astype("int64"),
            "when": rows["at"],
            "who": rows["editor"],
            "what": rows["action"].map(lambda a: ACTION_WORDS.get(a, a.replace("_", " "))),
            "kind": rows["kind"],
            "record": rows["record_id"],
            "detail": [detail(b, a) for b, a in zip(rows["before"], rows["after"], strict=True)],
            "revertible": [
                revertible(a, k) for a, k in zip(rows["action"], rows["kind"], strict=True)
            ],
        },
        columns=COLUMNS,
    ).reset_index(drop=True)
