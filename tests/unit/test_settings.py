"""`democdash.settings`: made from the environment on every call, no cache in between."""

from __future__ import annotations

from pathlib import Path

import pytest

from democdash import settings


def test_a_change_to_the_environment_is_seen_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = settings.get_settings()
    monkeypatch.setenv(settings.ENV_DATA_DIR, str(tmp_path / "data"))
    monkeypatch.setenv(settings.ENV_READONLY, "yes")
    monkeypatch.setenv(settings.ENV_HOSTED, "1")
    changed = settings.get_settings()
    assert changed.data_dir == tmp_path / "data"
    assert changed.readonly and changed.hosted
    assert first.data_dir == settings.bundled_data_dir()
    assert not first.readonly and not first.hosted
    monkeypatch.delenv(settings.ENV_DATA_DIR)
    assert settings.get_settings().data_dir == settings.bundled_data_dir()


def test_the_default_store_lives_in_the_home_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(settings.ENV_DATABASE_URL)
    monkeypatch.setenv(settings.ENV_HOME, str(tmp_path / "home"))
    assert (
        settings.get_settings().database_url
        == f"sqlite:///{tmp_path / 'home' / 'democdash.sqlite'}"
    )
    monkeypatch.delenv(settings.ENV_HOME)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert settings.default_home() == tmp_path / "xdg" / "democdash"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    assert settings.default_home() == tmp_path / "user" / ".local" / "share" / "democdash"


def test_settings_made_twice_from_the_same_environment_are_equal() -> None:
    # settings are made afresh on every call: code that compares them must see equal values
    assert settings.get_settings() == settings.get_settings()
    assert hash(settings.get_settings()) == hash(settings.get_settings())


def test_the_seeds_folder_comes_from_the_environment_when_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(settings.ENV_SEEDS_DIR, str(tmp_path / "seeds"))
    assert settings.get_settings().seeds_dir == tmp_path / "seeds"


def test_the_local_editor_is_the_configured_name_else_the_os_user(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(settings.ENV_EDITOR, raising=False)
    monkeypatch.setattr(settings.getpass, "getuser", lambda: "Root User")
    assert settings.get_settings().local_editor == "local:root-user"
    monkeypatch.setattr(settings.getpass, "getuser", lambda: (_ for _ in ()).throw(OSError()))
    assert settings.get_settings().local_editor == "local:editor"
    monkeypatch.setenv(settings.ENV_EDITOR, " Alice ")
    assert settings.get_settings().local_editor == "alice"
    monkeypatch.setenv(settings.ENV_EDITOR, "Ana@Example.org")
    assert settings.get_settings().local_editor == "ana@example.org"
    # whatever it holds, the app and the CLI start: the name is made a plain one
    monkeypatch.setenv(settings.ENV_EDITOR, "Alice Smith/\n")
    assert settings.get_settings().local_editor == "alice-smith"
    monkeypatch.setenv(settings.ENV_EDITOR, "///")
    assert settings.get_settings().local_editor == "local:editor"


def test_the_proxy_header_is_trusted_only_when_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(settings.ENV_PROXY_CLIENT_HEADER, raising=False)
    assert settings.get_settings().proxy_client_header is None
    monkeypatch.setenv(settings.ENV_PROXY_CLIENT_HEADER, " X-Real-IP ")
    assert settings.get_settings().proxy_client_header == "X-Real-IP"
