"""The team activity page: editors see who changed what in words, filter and export it,
revert an analyst's change; the team's notes are searchable and a hostile note stays text;
visitors of a hosted instance see neither."""

from __future__ import annotations

from democdash.models import DateValue, Event, SourceRef
from democdash.store import open_store
from democdash.ui.activity_view import TABS_KEY
from democdash.ui.notes_view import panel_key


def _analyst_change() -> int:
    store = open_store()
    store.seed()
    article = store.frame("articles")["id"].iloc[0]
    event = Event(
        id="analyst-march",
        date=DateValue(value="2021-01"),
        country="BLR",
        type="protest",
        summary="Protesters marched in Minsk.",
        origin="analyst",
        sources=[SourceRef(article=article, paragraph=1, quote="marched")],
    )
    store.save_record("events", event, by="ana")
    store.save_record("events", event.model_copy(update={"summary": "Edited."}), by="ana")
    trail = store.audit_trail(kind="events", record_id="analyst-march")
    return int(trail.iloc[0]["id"])


def test_an_editor_sees_the_changes_in_words_and_reverts_one(open_app) -> None:
    change = _analyst_change()
    at = open_app("activity")
    assert at.title[0].value == "Team activity"
    table = at.dataframe[0].value
    row = table[table["id"] == change].iloc[0]
    assert (row["who"], row["what"], row["record"]) == ("ana", "changed", "analyst-march")
    assert row["detail"] == "fields: summary"
    assert {b.label for b in at.get("download_button")} >= {"Download CSV", "Download Excel"}
    at.selectbox(key="activity_revert").set_value(change).run()
    at.button(key="activity_revert_go").click().run()
    assert "put back as before" in at.success[0].value
    assert open_store().get("events", "analyst-march").summary == "Protesters marched in Minsk."


def test_notes_are_searched_and_a_hostile_note_is_shown_as_text(open_app) -> None:
    store = open_store()
    store.seed()
    event = store.frame("events")["id"].iloc[0]
    store.add_note(
        "events",
        event,
        "<script>alert(1)</script> ![x](http://203.0.113.9/x.png) check **this**",
        by="ana",
    )
    at = open_app("activity")
    assert not [t for t in at.text_input if t.key == "activity_note_search"]  # tab not open
    at.session_state[TABS_KEY] = "Team notes"
    at.run()
    assert not at.dataframe  # the changes tab, closed, does not run
    at.text_input(key="activity_note_search").set_value("check").run()
    shown = [h.proto.body for h in at.get("html")]
    assert len(shown) == 1
    assert "&lt;script&gt;" in shown[0] and "<script" not in shown[0]
    assert "[image not shown: x · http://203.0.113.9/x.png]" in shown[0]
    assert "<strong>this</strong>" in shown[0]


def test_visitors_of_a_hosted_instance_see_no_activity(open_app, monkeypatch) -> None:
    _analyst_change()
    monkeypatch.setenv("DEMOCDASH_HOSTED", "1")
    at = open_app("activity")
    assert not at.dataframe
    assert "for editors" in at.info[0].value


def test_an_editor_adds_a_note_on_an_event_and_sees_its_history(open_app) -> None:
    store = open_store()
    store.seed()
    event = store.frame("events")["id"].iloc[0]
    at = open_app("events", query={"event": event})
    panel = next(e for e in at.expander if e.label.startswith("Team notes"))
    assert not panel.text_area  # closed: its form is not drawn
    at.session_state[panel_key("ev_notes")] = True
    at.run()
    panel = next(e for e in at.expander if e.label.startswith("Team notes"))
    panel.text_area[0].set_value("Cross-check with **ACLED** <b>now</b>")
    panel.checkbox[0].check()
    panel.button[0].click().run()
    (note,) = open_store().notes_for("events", event, viewer="x")
    assert note.shareable and note.text.startswith("Cross-check")
    panel = next(e for e in at.expander if e.label.startswith("Team notes"))
    assert panel.label == "Team notes (1)"
    body = [h.proto.body for h in at.get("html")]
    assert any("<strong>ACLED</strong> &lt;b&gt;now&lt;/b&gt;" in b for b in body)
    assert any(d.value["what"].tolist() == ["note added"] for d in panel.dataframe)


def test_visitors_see_only_shareable_notes_on_a_profile(open_app, monkeypatch) -> None:
    store = open_store()
    store.seed()
    store.add_note("countries", "BLR", "Private: our Minsk contact says so.", by="ana")
    store.add_note("countries", "BLR", "Shared: see V-Dem's 2021 drop.", shareable=True, by="ana")
    monkeypatch.setenv("DEMOCDASH_HOSTED", "1")
    at = open_app("countries", query={"country": "BLR"})
    at.session_state[panel_key("country_notes")] = True
    at.run()
    panel = next(e for e in at.expander if e.label.startswith("Team notes"))
    assert panel.label == "Team notes (1)"
    body = " ".join(h.proto.body for h in at.get("html"))
    assert "Shared: see V-Dem" in body and "Private" not in body
    assert not panel.text_area  # no form for visitors


def option_title(option_id: str) -> str:
    """The option's title as its card shows it (escaped for markdown)."""
    from democdash.ui.safe import md

    title = open_store().frame("options").set_index("id").at[option_id, "title"]
    return md(title)


def test_an_editor_adds_a_note_on_an_option_picked_under_the_cards(open_app) -> None:
    store = open_store()
    store.seed()
    options = store.frame("options")
    option = options[options["target"] == "BLR"].iloc[0]["id"]
    at = open_app("options", query={"country": "BLR"})
    (section,) = [e for e in at.expander if e.label.startswith("Team notes")]
    assert section.label == "Team notes on these options" and not section.selectbox  # closed
    at.session_state["options_card_notes_open"] = True
    at.run()
    at.selectbox(key="options_notes_pick").set_value(option)
    at.session_state[panel_key(f"opt_notes_{option}")] = True
    at.run()
    (panel,) = [e for e in at.expander if e.label.startswith("Team notes (")]
    panel.text_area[0].set_value("Ask the desk whether Vilnius still backs this.")
    panel.button[0].click().run()
    (note,) = open_store().notes_for("options", option, viewer="x")
    assert note.text.startswith("Ask the desk")
    (panel,) = [e for e in at.expander if e.label.startswith("Team notes (")]
    assert panel.label == "Team notes (1)"
    card = next(m.value for m in at.main.markdown if option_title(option) in m.value)
    assert "Has team notes" in card  # the card says where its notes are read


def test_notes_on_an_actor_are_picked_by_name_on_the_profile(open_app, monkeypatch) -> None:
    store = open_store()
    store.seed()
    profile_actors = store.frame("actors")
    actor = profile_actors[profile_actors["country"] == "BLR"].iloc[0]
    store.add_note("actors", actor["id"], "Shared: sanctioned in 2021.", shareable=True, by="ana")
    at = open_app("countries", query={"country": "BLR"})
    picker = at.selectbox(key="actor_notes_BLR")
    assert actor["name"] in picker.options
    picker.set_value(actor["id"])
    at.session_state[panel_key(f"actor_notes_{actor['id']}")] = True
    at.run()
    panel = [e for e in at.expander if e.label.startswith("Team notes (")][-1]  # the actor's
    assert "Shared: sanctioned in 2021." in " ".join(h.proto.body for h in at.get("html"))
    assert panel.text_area  # an editor may add one here
    monkeypatch.setenv("DEMOCDASH_HOSTED", "1")  # a visitor sees the picker: a note is shareable
    at = open_app("countries", query={"country": "BLR"})
    assert at.selectbox(key="actor_notes_BLR")
    at = open_app("countries", query={"country": "RUS"})
    assert not [s for s in at.selectbox if s.key == "actor_notes_RUS"]  # no note to read there


def test_editors_export_the_notes_they_see(open_app) -> None:
    from democdash import exports
    from democdash.ui.activity_view import notes_table

    store = open_store()
    store.seed()
    store.add_note("countries", "BLR", '=HYPERLINK("http://203.0.113.9")', by="ana")
    store.add_note("countries", "MMR", "Shared: check the junta's dates.", shareable=True, by="ana")
    at = open_app("activity")
    at.session_state[TABS_KEY] = "Team notes"
    at.run()
    labels = {b.label for b in at.get("download_button")}
    assert {"Notes as CSV", "Notes as Excel"} <= labels
    table = notes_table(store.search_notes(viewer="ana"))
    assert list(table["record"]) == ["MMR", "BLR"]  # newest first, as listed
    assert list(table["shareable"]) == ["yes", "editors only"]
    csv = exports.frame_csv(table).decode("utf-8-sig")
    assert "'=HYPERLINK" in csv  # a formula-like note stays text in a spreadsheet


def test_the_changes_show_a_new_entry_that_changed_no_content(open_app) -> None:
    store = open_store()
    store.seed()
    at = open_app("activity", state={"activity_all": True})
    before = len(at.dataframe[0].value)
    revision = store.revision()
    store.save_draft("ana", "add-article", "article", {"text": "A draft."})
    assert store.revision() == revision  # a draft is no content: the data caches stay valid
    at.run()
    table = at.dataframe[0].value
    assert len(table) == before + 1
    assert (table.iloc[0]["who"], table.iloc[0]["record"]) == ("ana", "ana/add-article")
