"""The JSON contract of `extract_article` and the `democdash ingest` command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from democdash.cli import app
from democdash.extract import extract_article
from democdash.extract.bench import synthetic_articles, throughput
from democdash.extract.pipeline import OPTION_KEYS, SENTENCE_KEYS, sentence_at

TEXT = (
    "On Feb. 1, the army of Myanmar seized power. The United States should impose sanctions, "
    "said Senator Jane Holloway."
)


def test_contract_keys_exactly():
    result = extract_article(TEXT, title="T", published="2021-02-03", outlet="O")
    assert list(result) == [
        "article",
        "countries",
        "dates",
        "people",
        "events",
        "policy_options",
        "policy_options_also_possible",
        "sentences",
    ]
    assert list(result["article"]) == [
        "title",
        "outlet",
        "author",
        "published",
        "url",
        "source_type",
        "text_sha256",
    ]
    assert set(result["countries"][0]) == {"iso3", "name", "mentions"}
    assert set(result["countries"][0]["mentions"][0]) == {"text", "start", "end"}
    assert set(result["dates"][0]) == {
        "text",
        "iso",
        "precision",
        "start",
        "end",
        "kind",
        "relative",
    }
    assert set(result["people"][0]) == {"name", "actor_id", "mentions"}
    assert set(result["events"][0]) == {
        "date",
        "precision",
        "country",
        "type",
        "sentence",
        "start",
        "end",
        "paragraph",
    }
    assert list(result["policy_options"][0]) == list(OPTION_KEYS)
    assert list(result["sentences"][0]) == list(SENTENCE_KEYS)
    assert [s["text"] for s in result["sentences"]] == [
        "On Feb. 1, the army of Myanmar seized power.",
        "The United States should impose sanctions, said Senator Jane Holloway.",
    ]
    second = result["sentences"][1]
    assert second["countries"] == ["USA"] and second["paragraph"] == 1
    assert second["people"] == [{"name": "Jane Holloway", "actor_id": None}]
    assert second["holder"]["text"] == "Senator Jane Holloway"
    assert second["stance"] == "recommends" and second["instrument"] == "sanctions"
    first = result["sentences"][0]
    assert first["dates"] == ["2021-02-01"] and first["event_type"] == "coup"
    assert sentence_at(result, TEXT.index("Holloway")) is second
    assert result["dates"][0]["iso"] == "2021-02-01"
    json.dumps(result)  # JSON-ready


def test_ingest_dry_run_json(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(
        app, ["ingest", "--dry-run", "--json", "--published", "2021-02-03", str(path)]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {c["iso3"] for c in data["countries"]} == {"MMR", "USA"}


def test_ingest_several_files_gives_an_array_and_reports_errors(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text(TEXT, encoding="utf-8")
    empty = tmp_path / "b.txt"
    empty.write_bytes(b"")
    result = CliRunner().invoke(app, ["ingest", "--dry-run", "--json", str(good), str(empty)])
    assert result.exit_code == 1
    assert isinstance(json.loads(result.stdout), list)
    assert "b.txt: the file is empty" in result.stderr


def test_throughput_reports_rates():
    report = throughput(synthetic_articles(3), "2021-06-15")
    assert report["articles"] == 3 and report["articles_per_s"] > 0 and report["words"] > 2500


def test_throughput_reports_the_median_of_several_passes():
    report = throughput(synthetic_articles(2), "2021-06-15", passes=3)
    times = report["pass_seconds"]
    assert report["passes"] == len(times) == 3
    assert report["seconds"] == pytest.approx(sorted(times)[1], abs=1e-4)
    assert report["articles_per_s"] == pytest.approx(2 / report["seconds"], rel=0.05)
    assert report["best_articles_per_s"] >= report["articles_per_s"]


def _dev_dir() -> Path:
    default = Path(__file__).resolve().parents[3].parent / "shared" / "extraction-dev"
    return Path(os.environ.get("DEMOCDASH_EXTRACTION_DEV_DIR") or default)


def test_shared_scorer_on_the_dev_set():
    folder = _dev_dir()
    scorer = folder.parent / "tools" / "score_extraction.py"
    if not folder.is_dir() or not scorer.is_file():
        pytest.skip(f"no annotated dev set at {folder} (set DEMOCDASH_EXTRACTION_DEV_DIR)")
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    run = subprocess.run(
        [sys.executable, str(scorer), str(folder)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
