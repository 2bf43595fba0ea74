"""A script run looks the settings, the registry and the opened store up once
(`data.one_store_per_run`, `per_run.one_run`), and the naming setting and the view dates too: a
page asks for data dozens of times a run, and each lookup read the settings from the environment
and went through a Streamlit cache. A write still shows at once: the store's revision is asked
each time."""

from __future__ import annotations

from democdash import settings
from democdash.ui import data, naming, per_run, viewdates


def test_a_run_reads_the_settings_once(open_app, monkeypatch):
    at = open_app("overview", query={"country": "BLR", "as_of": "2020-12", "since": "2020-11"})
    calls = []
    real = settings.local_editor

    def counted():  # every `get_settings()` asks it, whoever imported `get_settings`
        calls.append(1)
        return real()

    monkeypatch.setattr(settings, "local_editor", counted)
    at.run()
    assert not at.exception
    # the frame's pin (`per_run.one_run`), where the overview asked eleven times a run: the
    # store, the sign-in checks, the boundary files and the map outlines each read them
    assert len(calls) == 1, len(calls)
    assert data._this_run.get() is None  # the pin ends with the run
    assert per_run._this_run.get() is None


def test_outside_a_run_the_settings_are_read_afresh(monkeypatch, tmp_path):
    monkeypatch.setenv("DEMOCDASH_DATA_DIR", str(tmp_path))
    assert per_run.settings().data_dir == tmp_path
    with per_run.one_run():
        held = per_run.settings()
        monkeypatch.setenv("DEMOCDASH_DATA_DIR", str(tmp_path / "other"))
        assert per_run.settings() is held  # one run sees one set of settings
    assert per_run.settings().data_dir == tmp_path / "other"


def test_a_run_reads_the_naming_setting_and_the_view_dates_from_the_session_once(
    open_app, monkeypatch
):
    at = open_app("options", query={"country": "BLR", "as_of": "2020-12"})
    reads = {naming.STATE_KEY: 0, viewdates.STATE_KEY: 0}
    real = per_run.once

    def counted(key, read):
        def counted_read():
            if key in reads:
                reads[key] += 1
            return read()

        return real(key, counted_read)

    monkeypatch.setattr(per_run, "once", counted)
    at.run()
    assert not at.exception
    # each is asked for by every derived value (dozens a run); read again only after the
    # frame's sync of the link has set it
    assert 1 <= reads[naming.STATE_KEY] <= 2 and 1 <= reads[viewdates.STATE_KEY] <= 2, reads


def test_a_date_set_during_a_run_shows_in_the_same_run(monkeypatch):
    from democdash.viewdate import ViewDates

    session: dict = {}
    monkeypatch.setattr(viewdates.st, "session_state", session)
    monkeypatch.setattr(viewdates.st, "query_params", {})
    with per_run.one_run():
        assert viewdates.current() == ViewDates()
        viewdates.set_dates(ViewDates(as_of="2021-03"))
        assert viewdates.current().as_of == "2021-03"


def test_a_write_during_a_session_shows_on_the_next_run(open_app):
    at = open_app("sources")
    before = len(at.dataframe[0].value)
    store = data._registry().opened(settings.get_settings())
    from democdash.models import Article, DateValue

    store.add_article(
        Article(
            id="later-piece",
            outlet="Example Post",
            source_type="reporting",
            published=DateValue(value="2022-01"),
            text_sha256="0" * 64,
        )
    )
    at.run()
    assert len(at.dataframe[0].value) == before + 1


def test_a_server_run_settles_the_data_it_read(open_app, monkeypatch):
    # In a server (here: the check for one says so), the frame freezes at the end of a run
    # the data that run read to last (democdash/ui/heap.py).
    import gc

    from democdash.ui import heap

    monkeypatch.setattr(heap, "in_server", lambda: True)
    gc.unfreeze()
    heap.grew()
    try:
        open_app("pages/overview.py")
        assert not heap.pending()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
