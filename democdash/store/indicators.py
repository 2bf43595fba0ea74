"""Indicator datasets editors import into the store, so every app server of a team sees them.

A mixin that `Store` inherits. An import is all or nothing: the sidecar and the CSV are checked
together (`democdash.indicators.read`) and nothing is written when anything is wrong; the
problems name the line and column. The text is kept whole and read back through the same
checks. Curated datasets (`data/indicators/`) are files, not rows: an import may not take a
curated dataset's id.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa

from democdash.indicators.read import ReadResult, decode, parse_spec, read_table
from democdash.problems import DataError, Problem
from democdash.store.audit import Tx
from democdash.store.schema import indicator_datasets

#: The largest indicator file taken (V-Dem's whole country-year core is under 0.5 MB).
MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class StoredIndicator:
    """An imported dataset as stored: its texts and who imported it when."""

    id: str
    title: str
    sidecar: str
    data: str
    rows: int
    sha256: str
    imported_by: str
    imported_at: datetime

    def read(self) -> ReadResult:
        """The dataset checked again, as on import."""
        spec, problems = parse_spec(self.sidecar, f"{self.id} (sidecar)")
        if spec is None:
            return ReadResult(None, problems)
        return read_table(self.data.encode("utf-8"), spec, spec.file)


def check_import(
    sidecar: bytes, data: bytes, data_name: str, taken: Iterable[str] = ()
) -> tuple[ReadResult, str, str]:
    """Check an import: the result, and the sidecar's and data's text (for storing)."""
    sidecar_text, problems = decode(sidecar, "sidecar")
    if sidecar_text is None:
        return ReadResult(None, problems), "", ""
    if len(data) > MAX_BYTES:
        too_big = f"is {len(data):,} bytes; the largest indicator file taken is {MAX_BYTES:,}"
        return ReadResult(None, [Problem(data_name, too_big)]), "", ""
    spec, problems = parse_spec(sidecar_text, "sidecar")
    if spec is None:
        return ReadResult(None, problems), "", ""
    if spec.id in set(taken):
        clash = f"id {spec.id!r} is a curated dataset (data/indicators); choose another id"
        return ReadResult(None, [Problem("sidecar", clash, field="id")]), "", ""
    spec = spec.model_copy(update={"file": data_name})
    result = read_table(data, spec, data_name)
    data_text = data.decode("utf-8-sig") if result.table is not None else ""
    return result, sidecar_text, data_text


class IndicatorDatasets:
    """Importing, listing and removing indicator datasets (mixed into `Store`)."""

    # Provided by `Store`.
    _write: Callable[..., object]
    _read: Callable[[], AbstractContextManager[sa.Connection]]
    _bump: Callable[[Tx], None]

    def import_indicator(
        self,
        sidecar: bytes,
        data: bytes,
        data_name: str,
        *,
        curated_ids: Iterable[str] = (),
        replace: bool = False,
        by: str | None = None,
    ) -> StoredIndicator:
        """Check and keep a dataset; raises `DataError` with every problem (nothing written)
        when anything is wrong, or when its id is taken and `replace` is not set."""
        result, sidecar_text, data_text = check_import(sidecar, data, data_name, curated_ids)
        if result.table is None:
            raise DataError(result.problems)
        table = result.table
        digest = hashlib.sha256(data_text.encode("utf-8")).hexdigest()
        now = datetime.now(UTC)

        def save(tx: Tx) -> StoredIndicator:
            where = indicator_datasets.c.id == table.spec.id
            before = tx.execute(
                sa.select(indicator_datasets.c.title, indicator_datasets.c.sha256).where(where)
            ).first()
            if before is not None and not replace:
                raise DataError(
                    [
                        Problem(
                            "sidecar",
                            f"a dataset with id {table.spec.id!r} was already imported; "
                            "import with replace to overwrite it",
                            field="id",
                        )
                    ]
                )
            stored = StoredIndicator(
                table.spec.id,
                table.spec.title,
                sidecar_text,
                data_text,
                len(table.frame),
                digest,
                tx.editor,
                now,
            )
            tx.execute(sa.delete(indicator_datasets).where(where))
            tx.execute(sa.insert(indicator_datasets).values(**stored.__dict__))
            tx.audit(
                "imported",
                "indicators",
                table.spec.id,
                before=None if before is None else {"title": before[0], "sha256": before[1]},
                after={"title": stored.title, "rows": stored.rows, "sha256": digest},
            )
            self._bump(tx)
            return stored

        return self._write(save, by=by)  # type: ignore[return-value]

    def indicator_imports(self) -> list[StoredIndicator]:
        """Every imported dataset, oldest import first."""
        with self._read() as conn:
            rows = conn.execute(
                sa.select(indicator_datasets).order_by(indicator_datasets.c.imported_at)
            )
            return [StoredIndicator(**row._mapping) for row in rows]

    def remove_indicator(self, dataset_id: str, *, by: str | None = None) -> bool:
        """Remove an imported dataset (False when there was none)."""

        def remove(tx: Tx) -> bool:
            where = indicator_datasets.c.id == dataset_id
            before = tx.execute(
                sa.select(indicator_datasets.c.title, indicator_datasets.c.sha256).where(where)
            ).first()
            if before is None:
                return False
            tx.execute(sa.delete(indicator_datasets).where(where))
            tx.audit(
                "removed",
                "indicators",
                dataset_id,
                before={"title": before[0], "sha256": before[1]},
                after=None,
            )
            self._bump(tx)
            return True

        return bool(self._write(remove, by=by))
