"""The `Extractor` resource: built by `load_extractor()` without a cache, held by its callers
(the CLI once per command, the bench once before timing), and the automaton helper."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from democdash import settings
from democdash.cli import app
from democdash.extract import Extractor, bench, extract_article, load_extractor, pipeline
from democdash.extract import countries as countries_module
from democdash.extract import gazetteer as gazetteer_module
from democdash.extract.countries import group_countries
from democdash.extract.gazetteer import (
    GAZETTEER_FILE,
    country_name,
    gazetteer_path,
    load_gazetteer,
)
from democdash.extract.scan import automaton

TEXT = "Officials in Ruritania said the Bellarussian envoy met the Kremlin on May 3, 2021."
ALIAS = "iso3,kind,pattern,case_sensitive,note\nBLR,demonym,Bellarussian,1,\n"


def _isos(result: dict) -> list[str]:
    return [c["iso3"] for c in result["countries"]]


def _gazetteer(folder: Path, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / GAZETTEER_FILE
    path.write_text(text, encoding="utf-8")
    return path


def test_each_load_builds_a_new_extractor_from_the_csv_as_it_is(tmp_path: Path) -> None:
    csv = _gazetteer(tmp_path / "data", ALIAS)
    first = load_extractor(csv)
    assert isinstance(first, Extractor)
    # only this CSV and pycountry's names: no "Kremlin" row
    assert _isos(extract_article(TEXT, extractor=first)) == ["BLR"]
    csv.write_text(ALIAS.replace("Bellarussian", "Ruritania").replace("BLR", "NOR"), "utf-8")
    second = load_extractor(csv)
    assert second is not first and second.gazetteer is not first.gazetteer
    assert _isos(extract_article(TEXT, extractor=second)) == ["NOR"]
    # the first one is the caller's to keep: unchanged by the second load
    assert _isos(extract_article(TEXT, extractor=first)) == ["BLR"]


def test_without_an_extractor_one_is_built_from_the_settings_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _isos(extract_article(TEXT)) == ["RUS"]  # the bundled CSV has no "Bellarussian"
    _gazetteer(tmp_path / "data", ALIAS)
    monkeypatch.setenv(settings.ENV_DATA_DIR, str(tmp_path / "data"))
    assert gazetteer_path() == tmp_path / "data" / GAZETTEER_FILE
    assert _isos(extract_article(TEXT)) == ["BLR"]


def test_a_given_extractor_gives_the_result_of_a_fresh_one() -> None:
    extractor = load_extractor()
    for text in bench.synthetic_articles(3):
        kept = extract_article(text, published="2021-06-15", extractor=extractor)
        assert kept == extract_article(text, published="2021-06-15")


def test_automaton_yields_each_keys_payload() -> None:
    built = automaton({"minsk": 1, "min": 2, "sk": 3})
    assert sorted(built.iter("in minsk")) == [(5, 2), (7, 1), (7, 3)]


def test_country_names_without_a_gazetteer_are_the_gazetteers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    gazetteer = load_gazetteer()
    for iso3 in [*gazetteer.names, "blr", "ZZZ", ""]:
        assert (
            country_name(iso3) == country_name(iso3, gazetteer) == gazetteer.names.get(iso3, iso3)
        )
    assert country_name("XKX") == "Kosovo" and country_name("TWN") == "Taiwan"
    monkeypatch.setattr(gazetteer_module, "load_gazetteer", _refuse)
    monkeypatch.setattr(countries_module, "load_gazetteer", _refuse)  # imported by name there
    assert country_name("BLR") == "Belarus"  # a plain lookup: no gazetteer is built
    mentions = pipeline.find_mentions("Taiwan and Belarus", gazetteer)
    assert group_countries(mentions) == group_countries(mentions, gazetteer)
    assert [g["name"] for g in group_countries(mentions)] == ["Taiwan", "Belarus"]


def _refuse(*args, **kwargs):
    raise AssertionError("a gazetteer was built")


class _Counted:
    """`load_extractor` that counts its calls."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, *args, **kwargs) -> Extractor:
        self.calls += 1
        return load_extractor(*args, **kwargs)


def test_the_bench_builds_one_extractor_before_timing(monkeypatch: pytest.MonkeyPatch) -> None:
    counted = _Counted()
    monkeypatch.setattr(bench, "load_extractor", counted)
    monkeypatch.setattr(pipeline, "load_extractor", counted)  # a per-article build would count
    report = bench.throughput(bench.synthetic_articles(3), passes=2)
    assert counted.calls == 1
    assert report["build_seconds"] > 0 and report["pass_seconds"]
    bench.throughput(bench.synthetic_articles(2), passes=1, extractor=load_extractor())
    assert counted.calls == 1  # a given extractor is used as it is


@pytest.mark.parametrize("dry_run", [True, False])
def test_the_cli_builds_one_extractor_per_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dry_run: bool
) -> None:
    import democdash.extract

    counted = _Counted()
    monkeypatch.setattr(democdash.extract, "load_extractor", counted)
    monkeypatch.setattr(pipeline, "load_extractor", counted)
    paths = []
    for index, text in enumerate(bench.synthetic_articles(3)):
        path = tmp_path / f"a{index}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    args = ["ingest", "--json", *(["--dry-run"] if dry_run else []), *paths]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert counted.calls == 1


@pytest.mark.parametrize("dry_run", [True, False])
def test_the_cli_names_a_bad_gazetteer_row_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dry_run: bool
) -> None:
    _gazetteer(tmp_path / "data", "iso3,kind,pattern,case_sensitive,note\nBLR,nickname,Bel,1,\n")
    monkeypatch.setenv(settings.ENV_DATA_DIR, str(tmp_path / "data"))
    monkeypatch.delenv(settings.ENV_DATABASE_URL, raising=False)
    monkeypatch.setenv(settings.ENV_HOME, str(tmp_path / "home"))
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    args = ["ingest", *(["--dry-run"] if dry_run else []), str(article)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1
    assert f"{tmp_path / 'data' / GAZETTEER_FILE}:2: unknown kind 'nickname'" in result.stderr
    assert not (tmp_path / "home").exists(), "the store was opened before the gazetteer failed"
