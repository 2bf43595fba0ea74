"""Analysts' grades in the store: how reliable a source is (Admiralty A-F, for an outlet, an
author or one article) and how credible a claim is (1-6, for one source of a record or for the
record as a whole).

A mixin that `Store` inherits. Grades live apart from the graded records' rows (one table,
`source_grades`), so a reseed of curated data keeps them; reads apply them: an article's own
grade is set on its payload, a claim's on the source (or record) it grades. Each grade replaces
the one before it for the same subject, with who and when, and is audited.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from democdash.models import ClaimGrade, SourceGrade, SourceRef
from democdash.store.audit import Tx
from democdash.store.schema import source_grades

#: The subject under which claim grades are kept beside the source grades.
CLAIM = "claim"


def claim_key(kind: str, record_id: str, source: SourceRef | dict | None) -> str:
    """The name a claim's grade is kept under: the record, and which of its sources."""
    if source is None:
        return f"{kind}/{record_id}/record"
    data = source.model_dump() if hasattr(source, "model_dump") else source
    raw = f"{data['article']}\x1f{data['paragraph']}\x1f{data['quote']}"
    return f"{kind}/{record_id}/{hashlib.sha1(raw.encode()).hexdigest()[:16]}"


def claim_grades_of(conn: sa.Connection, kind: str) -> list[ClaimGrade]:
    """The claim grades of one kind of record."""
    rows = conn.execute(
        sa.select(source_grades.c.payload).where(
            source_grades.c.subject == CLAIM, source_grades.c.name.like(f"{kind}/%")
        )
    )
    return [ClaimGrade.model_validate_json(r[0]) for r in rows]


def apply_claim_grades(payloads: list[dict[str, Any]], grades: list[ClaimGrade]) -> None:
    """Set each grade on the record (payload) or the source it grades."""
    if not grades:
        return
    by_id = {p["id"]: p for p in payloads}
    for grade in grades:
        record = by_id.get(grade.record_id)
        if record is None:
            continue
        credibility = grade.credibility.model_dump(mode="json")
        if grade.source is None:
            record["credibility"] = credibility
            continue
        wanted = claim_key(grade.kind, grade.record_id, grade.source)
        for source in record.get("sources", []):
            if claim_key(grade.kind, grade.record_id, source) == wanted:
                source["credibility"] = credibility


def apply_article_grades(payloads: list[dict[str, Any]], conn: sa.Connection) -> list[dict]:
    """Set each article's own reliability grade on its payload."""
    rows = conn.execute(
        sa.select(source_grades.c.name, source_grades.c.payload).where(
            source_grades.c.subject == "article"
        )
    )
    own = {name: json.loads(raw)["reliability"] for name, raw in rows}
    for payload in payloads:
        if payload["id"] in own:
            payload["reliability"] = own[payload["id"]]
    return payloads


class SourceGrades:
    """Grading sources and claims (mixed into `Store`)."""

    # Provided by `Store`.
    _write: Callable[..., object]
    _read: Callable[[], AbstractContextManager[sa.Connection]]
    _bump: Callable[[Tx], None]

    def source_grades(self) -> list[SourceGrade]:
        """Every outlet's, author's and article's reliability grade."""
        with self._read() as conn:
            rows = conn.execute(
                sa.select(source_grades.c.payload)
                .where(source_grades.c.subject != CLAIM)
                .order_by(source_grades.c.subject, source_grades.c.name)
            )
            return [SourceGrade.model_validate_json(r[0]) for r in rows]

    def save_source_grade(self, grade: SourceGrade, *, by: str | None = None) -> None:
        """Grade an outlet's, an author's or an article's reliability (replaces an earlier
        grade of the same subject)."""
        self._save_grade(grade.subject, grade.name, grade, by)

    def grade_claim(self, grade: ClaimGrade, *, by: str | None = None) -> None:
        """Grade a claim's credibility: one source of a record, or the whole record."""
        self._save_grade(CLAIM, claim_key(grade.kind, grade.record_id, grade.source), grade, by)

    def _save_grade(self, subject: str, name: str, grade: Any, by: str | None) -> None:
        def save(tx: Tx) -> None:
            where = (source_grades.c.subject == subject) & (source_grades.c.name == name)
            before = tx.execute(sa.select(source_grades.c.payload).where(where)).scalar()
            tx.execute(sa.delete(source_grades).where(where))
            tx.execute(
                sa.insert(source_grades).values(
                    subject=subject,
                    name=name,
                    payload=grade.model_dump_json(),
                    updated_at=datetime.now(UTC),
                )
            )
            tx.audit("grade", "source_grades", f"{subject}/{name}", before, grade)
            self._bump(tx)

        self._write(save, by=by)
