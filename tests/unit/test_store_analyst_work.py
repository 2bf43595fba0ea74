"""Analyst work survives whatever happens to the curated data and to concurrent writers:

- sources analysts added to curated records survive every reseed (forced, or after data/ changed);
- curated data arriving for a record an analyst created (the country VEN) merges: curated wins,
  the analyst's links and sources stay, and validation's plan says so beforehand;
- a renamed curated record's former id keeps working, and analyst references follow the rename;
- a read-only store is filled once and never rewritten;
- parallel processes saving articles that introduce the same new country and actor all succeed,
  on SQLite and PostgreSQL.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from democdash.models import (
    Article,
    Country,
    DateValue,
    OptionStatusEntry,
    PolicyOption,
    Position,
    SourceRef,
)
from democdash.settings import Settings
from democdash.store import ReadOnlyError, open_store
from democdash.validate import validate_dir

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture
def settings(fixture_settings) -> Settings:
    return fixture_settings


@pytest.fixture
def data_dir(fixture_settings) -> Path:
    return fixture_settings.data_dir


@pytest.fixture
def store(fixture_store):
    return fixture_store


def article(n: int, title: str = "An analyst's article") -> Article:
    return Article(
        id=f"analyst-{n}",
        title=title,
        source_type="reporting",
        published=DateValue(value="2024-06-02"),
        text_sha256=f"{n:064x}",
        origin="analyst",
    )


def cited(store, kind: str, record_id: str) -> list[str]:
    return [s.article for s in store.get(kind, record_id).sources]


def touch(data_dir: Path) -> None:
    """Change data/ the way an editor would (the data version changes)."""
    meta = data_dir / "dataset.yaml"
    meta.write_text(meta.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")


def test_sources_added_to_curated_records_survive_every_reseed(store, data_dir):
    quote = SourceRef(article="analyst-1", paragraph=1, quote="hundreds were detained")
    store.add_article(
        article(1), "hundreds were detained", {}, [("events", "blr-2024-detentions", quote)]
    )
    assert "analyst-1" in cited(store, "events", "blr-2024-detentions")

    assert store.seed(force=True).applied
    assert "analyst-1" in cited(store, "events", "blr-2024-detentions")
    touch(data_dir)
    assert store.seed().applied  # data/ changed: the app reseeds within seconds
    assert "analyst-1" in cited(store, "events", "blr-2024-detentions")
    assert "analyst-1" in set(store.sources()["article"])


def test_curated_data_for_an_analyst_country_merges_and_validation_says_so(store, data_dir):
    option = PolicyOption(
        id="opt-ven-analyst",
        title="Sanctions on Venezuelan officials",
        instrument="sanctions",
        target="VEN",
        positions=[
            Position(
                holder="author",
                stance="recommends",
                source=SourceRef(article="analyst-1", paragraph=1, quote="should impose sanctions"),
            )
        ],
        statuses=[
            OptionStatusEntry(
                status="recommended",
                as_of=DateValue(value="2024-06"),
                source=SourceRef(article="analyst-1", paragraph=1, quote="should impose sanctions"),
            )
        ],
        origin="analyst",
    )
    venezuela = Country(
        iso3="VEN",
        name="Venezuela",
        role="mentioned",
        context="Added by an analyst.",
        origin="analyst",
    )
    store.add_article(
        article(1), "should impose sanctions", {"countries": [venezuela], "options": [option]}
    )

    with (data_dir / "countries.csv").open("a", encoding="utf-8") as fh:
        fh.write('VEN,Venezuela,secondary,"Curated context for Venezuela.",\n')
    result = validate_dir(data_dir)
    assert result.ok
    plan = store.seed_plan(result.dataset)
    assert plan.superseded == [("countries", "VEN")]
    assert "curated data wins" in plan.lines()[0]

    report = store.seed()
    assert report.applied and report.plan.superseded == [("countries", "VEN")]
    country = store.get("countries", "VEN")
    assert country.origin == "curated" and country.context == "Curated context for Venezuela."
    assert store.get("options", "opt-ven-analyst").target == "VEN"  # the analyst's link stays
    assert store.counts()["countries"] == 3
    assert "VEN" in set(store.countries()["iso3"]) and len(store.options()) == 2
    superseded = store.audit_trail("countries", "VEN").iloc[0]
    assert superseded["action"] == "superseded" and "Added by an analyst." in superseded["before"]


def test_a_renamed_curated_record_keeps_its_links(store, data_dir):
    quote = SourceRef(article="analyst-1", paragraph=1, quote="hundreds were detained")
    risky = PolicyOption(
        id="opt-analyst",
        title="An analyst's option",
        instrument="diplomacy",
        related_events=["blr-2024-detentions"],
        positions=[Position(holder="author", stance="weighs", source=quote)],
        statuses=[
            OptionStatusEntry(status="unknown", as_of=DateValue(value="2024-06"), source=quote)
        ],
        origin="analyst",
    )
    store.add_article(
        article(1),
        "hundreds were detained",
        {"options": [risky]},
        [("events", "blr-2024-detentions", quote)],
    )
    events_file = data_dir / "events.yaml"
    events = yaml.safe_load(events_file.read_text(encoding="utf-8"))
    renamed = next(e for e in events if e["id"] == "blr-2024-detentions")
    renamed["id"], renamed["former_ids"] = "blr-detentions", ["blr-2024-detentions"]
    events_file.write_text(yaml.safe_dump(events, allow_unicode=True), encoding="utf-8")
    for name in ("options.yaml", "risks.yaml"):
        path = data_dir / name
        path.write_text(
            path.read_text(encoding="utf-8").replace("blr-2024-detentions", "blr-detentions"),
            encoding="utf-8",
        )

    report = store.seed()
    assert report.applied, report.problems
    assert report.plan.rewritten == [("options", "opt-analyst")]
    assert store.get("events", "blr-2024-detentions").id == "blr-detentions"  # old links work
    assert store.resolve_id("events", "blr-2024-detentions") == "blr-detentions"
    assert store.get("options", "opt-analyst").related_events == ["blr-detentions"]
    assert "analyst-1" in cited(store, "events", "blr-detentions")


def test_a_read_only_store_is_filled_once_and_never_rewritten(settings, data_dir):
    readonly = dataclasses.replace(settings, readonly=True)
    store = open_store(readonly)  # an empty store: filled so the app has data to show
    assert store.data_version() is not None and store.counts()["events"] == 3
    touch(data_dir)
    with pytest.raises(ReadOnlyError, match="read-only"):
        store.seed(force=True)
    report = store.seed()  # the app's check every few seconds: reported, not raised
    assert not report.applied
    assert "read-only" in report.problems[0].message
    assert store.data_version() != report.data_version
    store.engine.dispose()


VENEZUELA = (
    "Venezuela arrests opposition organisers ({n})\n\n"
    "Police in Venezuela detained {n} opposition organisers in Caracas on 3 March 2024, "
    "their lawyers said.\n\n"
    "Nicolas Maduro told reporters in Caracas that the detentions were lawful."
)


def test_parallel_ingest_runs_bringing_the_same_new_country_all_save(store, settings, tmp_path):
    """As an analyst team would: `democdash ingest` in several processes at once, each with
    articles that bring the store a country it does not have yet (VEN); every article saves."""
    writers, each = 4, 3
    runs = []
    for w in range(writers):
        files = []
        for i in range(each):
            path = tmp_path / f"w{w}-{i}.txt"
            path.write_text(VENEZUELA.format(n=10 * (w + 1) + i), encoding="utf-8")
            files.append(str(path))
        env = dict(
            os.environ,
            DEMOCDASH_DATABASE_URL=settings.database_url,
            DEMOCDASH_DATA_DIR=str(settings.data_dir),
            DEMOCDASH_EDITOR=f"writer-{w}",
        )
        cli = str(Path(sys.executable).with_name("democdash"))  # the installed command
        command = [cli, "ingest", "--published", "2024-03-04"]
        runs.append(
            subprocess.Popen(
                [*command, *files], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
            )
        )
    outputs = [run.communicate(timeout=300) for run in runs]
    for run, (_, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, err.decode()
    saved = [a for a in store.records("articles") if a.origin == "analyst"]
    assert len(saved) == writers * each  # nothing lost: as many saved as attempted
    assert store.get("countries", "VEN") is not None
    assert {a.added_by for a in saved} == {f"writer-{w}" for w in range(writers)}


def test_validate_and_seed_say_what_happens_to_an_analyst_country(tmp_path, data_dir, monkeypatch):
    from typer.testing import CliRunner

    from democdash.cli import app

    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    monkeypatch.setenv("DEMOCDASH_DATABASE_URL", url)
    monkeypatch.setenv("DEMOCDASH_DATA_DIR", str(data_dir))
    runner = CliRunner()
    fresh = runner.invoke(app, ["validate", str(data_dir), "--no-texts"])
    assert fresh.exit_code == 0 and "seeding" not in fresh.output  # no store yet: none made
    assert not (tmp_path / "cli.sqlite").exists()

    settings = Settings(data_dir=data_dir, database_url=url, readonly=False, seeds_dir=None)
    store = open_store(settings)
    venezuela = Country(
        iso3="VEN", name="Venezuela", role="mentioned", context="Added.", origin="analyst"
    )
    store.add_article(article(1), "text", {"countries": [venezuela]})
    store.engine.dispose()
    with (data_dir / "countries.csv").open("a", encoding="utf-8") as fh:
        fh.write('VEN,Venezuela,secondary,"Curated context.",\n')

    checked = runner.invoke(app, ["validate", str(data_dir), "--no-texts"])
    assert checked.exit_code == 0
    assert "will change analyst records" in checked.output
    assert "countries VEN: an analyst record will be replaced by the curated one" in checked.output
    seeded = runner.invoke(app, ["seed"])
    assert seeded.exit_code == 0 and "countries VEN: an analyst record" in seeded.output
    again = runner.invoke(app, ["validate", str(data_dir), "--no-texts"])
    assert "keeps every analyst record as it is" in again.output
