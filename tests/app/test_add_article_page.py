"""Add-an-article page: paste an article about a country not on the map, extract, accept a
candidate with the ordinary controls, save; the events page and the map figures include it."""

import re

from democdash.settings import get_settings
from democdash.store import open_store

ARTICLE = (
    "Kyrgyzstan detains opposition figures\n\n"
    "Police in Kyrgyzstan detained six opposition politicians in Bishkek on March 4, 2024, "
    "their lawyers said.\n\n"
    "Hundreds of people protested outside the parliament the next day, demanding the release "
    "of the detained politicians.\n\n"
    "The European Union should impose targeted sanctions on the officials responsible for the "
    "arrests, the author argues."
)
TITLE = "Kyrgyzstan detains opposition figures"


def shown(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def by_prefix(widgets, prefix):
    return next(w for w in widgets if w.key and w.key.startswith(prefix))


def extract(at, text=ARTICLE, published="2024-03-10"):
    at.text_area(key="add_text").input(text)
    by_prefix(at.text_input, "add_title_").input(TITLE)
    by_prefix(at.text_input, "add_published_").input(published)
    next(b for b in at.button if b.label == "Extract candidates").click()
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def decision(at, label_part):
    return next(s for s in at.segmented_control if label_part in shown(s.label))


def test_paste_extract_accept_save_then_events_show_it(open_app, monkeypatch):
    monkeypatch.setenv("DEMOCDASH_EDITOR", "dana")
    at = extract(open_app("add-article"))
    [status] = at.status
    assert status.state == "complete"
    assert shown(status.label).startswith("Found 3 candidate events and 2 candidate policy")
    quotes = " ".join(shown(c.value) for c in at.caption)
    assert "¶ 2: “Police in Kyrgyzstan detained six opposition politicians" in quotes
    # the highlighted text is plain text (st.code), with the mentions marked
    assert any("⟦Kyrgyzstan⟧" in c.value for c in at.code)

    decision(at, "Crackdown in Kyrgyzstan").set_value("accept")
    at.run()
    assert "1 new events" in " ".join(shown(c.value) for c in at.caption)
    next(b for b in at.button if b.key == "add_save").click()
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    [success] = at.success
    assert "Saved the article as kyrgyzstan-detains-opposition-figures-" in shown(success.value)
    assert "1 new events" in shown(success.value) and "1 new countries" in shown(success.value)
    store = open_store(get_settings())
    saved = store.frame("events")
    saved = saved[saved["summary"] == "Crackdown in Kyrgyzstan"]
    assert store.get("events", saved["id"].iloc[0]).added_by == "dana"  # who saved it
    assert set(store.audit_trail("articles")["editor"]) == {"dana"}

    at.switch_page("pages/events.py")
    at.query_params = {"country": "KGZ"}
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    frames = [d.value for d in at.dataframe]
    assert any(
        ("country" in f.columns and (f["country"] == "KGZ").any())
        or any(f[c].astype(str).str.contains("Crackdown in Kyrgyzstan").any() for c in f.columns)
        for f in frames
    ), "the saved event is not in the events page's tables"

    at.switch_page("pages/overview.py")
    at.query_params = {"country": "KGZ"}
    at.run()
    assert "Kyrgyzstan" in [shown(s.value) for s in at.subheader]
    panel = " ".join(shown(m.value) for m in at.markdown)
    assert "Crackdown in Kyrgyzstan" in panel


def test_nothing_accepted_saves_only_the_article(open_app):
    at = extract(open_app("add-article"))
    next(b for b in at.button if b.key == "add_save").click()
    at.run()
    assert "0 new events, 0 new policy options" in shown(at.success[0].value)


def test_second_extraction_of_the_same_text_reports_the_duplicate(open_app):
    at = extract(open_app("add-article"))
    next(b for b in at.button if b.key == "add_save").click()
    at.run()
    at = extract(at)
    errors = [shown(e.value) for e in at.error]
    assert any("already stored as kyrgyzstan-detains-opposition-figures-" in e for e in errors)
    assert not [s for s in at.segmented_control if "Kyrgyzstan" in shown(s.label)]


def test_bad_published_date_is_named_and_nothing_extracted(open_app):
    at = extract(open_app("add-article"), published="10 March")
    assert any("is not YYYY, YYYY-MM or YYYY-MM-DD" in shown(e.value) for e in at.error)
    assert not any(k.key and k.key.startswith("add_decide_") for k in at.segmented_control)


def test_extract_without_text_asks_for_it(open_app):
    at = open_app("add-article")
    next(b for b in at.button if b.label == "Extract candidates").click()
    at.run()
    assert any("Paste the article's text or upload a file" in shown(e.value) for e in at.error)


def test_read_only_store_refuses_the_save(open_app, monkeypatch):
    at = extract(open_app("add-article"))
    monkeypatch.setenv("DEMOCDASH_READONLY", "1")
    from streamlit import cache_resource

    cache_resource.clear()
    decision(at, "Crackdown in Kyrgyzstan").set_value("accept")
    at.run()
    save = next(b for b in at.button if b.key == "add_save")
    assert save.disabled, "a read-only store must not offer the save"
    assert any("read-only" in shown(i.value) for i in at.info)
    assert not at.success


def test_extractions_share_one_extractor_built_once(open_app, monkeypatch):
    from democdash.ui import resources

    built = []

    def counted(*args, **kwargs):
        built.append(args)
        return load(*args, **kwargs)

    from democdash.extract import pipeline

    load = resources.load_extractor
    monkeypatch.setattr(resources, "load_extractor", counted)
    monkeypatch.setattr(pipeline, "load_extractor", counted)  # an extractor built per article
    at = extract(open_app("add-article"))
    extract(at, text=ARTICLE.replace("six", "seven"))
    assert len(built) == 1, "the extractor was built again for the second article"


def test_a_bad_gazetteer_row_is_named_and_nothing_extracted(open_app, monkeypatch, tmp_path):
    from democdash.ui import resources

    bad = tmp_path / "gazetteer.csv"
    bad.write_text("iso3,kind,pattern,case_sensitive,note\nBLR,spaceship,Minsk,1,\n")
    monkeypatch.setattr(resources, "gazetteer_path", lambda: bad)
    at = extract(open_app("add-article"))
    (error,) = [shown(e.value).replace("\u2060", "") for e in at.error]  # md()'s word joiners
    assert "The gazetteer could not be read" in error
    assert f"{bad}:2: unknown kind 'spaceship'" in error
    assert not any(k.key and k.key.startswith("add_decide_") for k in at.segmented_control)
