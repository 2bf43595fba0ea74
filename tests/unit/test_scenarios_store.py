"""Scoring scenarios in the store: save and reload, privacy (a visitor sees shared ones only),
sharing, deletion, read-only (the upgrades that keep scenarios are in test_migrations.py and
test_migration_0004.py)."""

import shutil
from pathlib import Path

import pytest

from democdash import scoring
from democdash.settings import Settings
from democdash.store import ReadOnlyError, Store, StoreError, open_store
from democdash.store.store import ScenarioAccessError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture
def settings(tmp_path) -> Settings:
    data_dir = tmp_path / "data"
    shutil.copytree(FIXTURES / "data", data_dir)
    return Settings(
        data_dir=data_dir,
        database_url=f"sqlite:///{tmp_path / 'store.sqlite'}",
        readonly=False,
        seeds_dir=None,
    )


@pytest.fixture
def store(settings) -> Store:
    return open_store(settings)


def scored_scenario(name="baseline", author="alice", shared=False) -> scoring.Scenario:
    s = scoring.new_scenario(name, author, shared=shared)
    s = scoring.add_criterion(s, "Legal exposure", "cost")
    s = scoring.set_weights(s, {"impact": 3.0, "speed": 0.5})
    return scoring.set_score(s, "opt-targeted-sanctions", "impact", 4, "hits the officials", author)


def test_save_and_reload_keep_everything(store):
    before = store.revision()
    saved = store.save_scenario(scored_scenario())
    assert store.revision() > before
    loaded = store.get_scenario("baseline", "alice", viewer="alice")
    assert loaded == saved
    assert loaded.weights["impact"] == 3.0 and loaded.criteria[-1].id == "legal_exposure"
    assert loaded.score("opt-targeted-sanctions", "impact").rationale == "hits the officials"
    assert store.get_scenario("nothing", "alice", viewer="alice") is None


def test_saving_again_replaces_and_keeps_the_creation_time(store):
    first = store.save_scenario(scored_scenario())
    changed = scoring.set_score(first, "opt-targeted-sanctions", "impact", 2, "less so", "alice")
    second = store.save_scenario(changed)
    assert second.created == first.created and second.updated >= first.updated
    assert len(store.scenarios("alice")) == 1
    assert (
        store.get_scenario("baseline", "alice", "alice")
        .score("opt-targeted-sanctions", "impact")
        .value
        == 2
    )


def test_private_scenarios_stay_with_their_author(store):
    store.save_scenario(scored_scenario("mine", "alice"))
    store.save_scenario(scored_scenario("open", "alice", shared=True))
    store.save_scenario(scored_scenario("bobs", "bob"))
    assert [s.address for s in store.scenarios("alice")] == ["alice/mine", "alice/open"]
    assert [s.address for s in store.scenarios("bob")] == ["alice/open", "bob/bobs"]
    assert [s.address for s in store.scenarios("carol")] == ["alice/open"]
    with pytest.raises(ScenarioAccessError, match="private"):
        store.get_scenario("mine", "alice", viewer="bob")
    assert store.get_scenario("open", "alice", viewer="bob").shared is True


def test_a_visitor_sees_shared_scenarios_only(store):
    store.save_scenario(scored_scenario("mine", "alice"))
    store.save_scenario(scored_scenario("open", "alice", shared=True))
    assert [s.address for s in store.scenarios(None)] == ["alice/open"]
    assert [s.address for s in store.scenarios("")] == ["alice/open"]
    with pytest.raises(ScenarioAccessError):
        store.get_scenario("mine", "alice", viewer=None)
    assert store.get_scenario("open", "alice", viewer=None).name == "open"
    with pytest.raises(ScenarioAccessError):
        store.delete_scenario("open", "alice", viewer=None)
    # the viewer is compared as given: a look-alike name is another author
    with pytest.raises(ScenarioAccessError):
        store.get_scenario("mine", "alice", viewer=" alice")


def test_only_the_author_deletes(store):
    store.save_scenario(scored_scenario("open", "alice", shared=True))
    with pytest.raises(ScenarioAccessError):
        store.delete_scenario("open", "alice", viewer="bob")
    store.delete_scenario("open", "alice", viewer="alice")
    assert store.scenarios("alice") == []
    with pytest.raises(StoreError, match="No scenario"):
        store.delete_scenario("open", "alice", viewer="alice")


def test_read_only_refuses_scenario_writes(settings, store):
    store.save_scenario(scored_scenario())
    readonly = open_store(
        Settings(
            data_dir=settings.data_dir,
            database_url=settings.database_url,
            readonly=True,
            seeds_dir=None,
        )
    )
    with pytest.raises(ReadOnlyError):
        readonly.save_scenario(scored_scenario("other"))
    with pytest.raises(ReadOnlyError):
        readonly.delete_scenario("baseline", "alice", "alice")
    assert [s.name for s in readonly.scenarios("alice")] == ["baseline"]
