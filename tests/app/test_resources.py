"""`democdash.ui.resources`: the app keeps one `Extractor` per version of the gazetteer CSV."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from democdash import settings
from democdash.extract import extract_article
from democdash.extract.gazetteer import GAZETTEER_FILE
from democdash.ui import resources

HEADER = "iso3,kind,pattern,case_sensitive,note\n"
TEXT = "The Bellarussian envoy left."


def test_one_extractor_per_path_and_modification_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    csv = tmp_path / GAZETTEER_FILE
    csv.write_text(HEADER + "BLR,demonym,Bellarussian,1,\n", encoding="utf-8")
    monkeypatch.setenv(settings.ENV_DATA_DIR, str(tmp_path))
    first = resources.extractor()
    assert resources.extractor() is first  # kept between reruns, not rebuilt
    assert [c["iso3"] for c in extract_article(TEXT, extractor=first)["countries"]] == ["BLR"]

    csv.write_text(HEADER + "NOR,demonym,Bellarussian,1,\n", encoding="utf-8")
    stat = csv.stat()
    os.utime(csv, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    edited = resources.extractor()
    assert edited is not first
    assert [c["iso3"] for c in extract_article(TEXT, extractor=edited)["countries"]] == ["NOR"]

    monkeypatch.delenv(settings.ENV_DATA_DIR)
    bundled = resources.extractor()  # another path: another extractor
    assert bundled is not edited
    assert extract_article(TEXT, extractor=bundled)["countries"] == []
