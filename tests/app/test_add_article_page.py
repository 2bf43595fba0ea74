"""Add-an-article page: paste an article, extract (the first click carries the text), review it
card by card and as a reader, save; what review shows is what is saved (a quoted person's
demand with its position, a quotation's speaker as its holder and claimant, quoted once, the
claimant as edited), a quote cut at 30 words ends in an ellipsis, labels follow edits,
countries are picked by name, the place named is proposed and saved as edited, a weak match is
not preselected, any sentence becomes an option in one click, a draft survives a new session,
and a hosted visitor does not extract."""

from __future__ import annotations

import re
import textwrap

import pytest

from democdash.ingest.candidates import Candidates
from democdash.settings import get_settings
from democdash.store import open_store
from democdash.ui import add_article_view as view

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
DEMAND = (
    "Lithuania demands a ban on Belarusian flights\n\n"
    "Lithuania's president Gitanas Nauseda demanded that the European Union ban Belarusian "
    "planes from its airspace after the forced landing of a Ryanair plane in Minsk.\n\n"
    "The weather in Vilnius was mild on Monday."
)


def shown(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text).replace("\u2060", "")


def extract(at, text=ARTICLE, published="2024-03-10"):
    at.text_area(key="add_text").input(text)
    at.text_input(key="add_published").input(published)
    next(b for b in at.button if b.label == "Extract candidates").click()
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def candidates(at) -> Candidates:
    return at.session_state[view.CANDIDATES]


def widget(at, kind: str, candidate_key: str, name: str):
    key = f"add_c_{candidates(at).article.id}_{candidate_key}_{name}"
    return next(w for w in getattr(at, kind) if w.key == key)


def key_of(at, label_part: str) -> str:
    return next(c.key for c in candidates(at).all if label_part in c.label)


def save(at):
    next(b for b in at.button if b.key == "add_save").click()
    at.run()
    assert not at.exception, [e.message for e in at.exception]


def store():
    return open_store(get_settings())


def test_paste_extract_accept_save_then_events_show_it(open_app, monkeypatch):
    monkeypatch.setenv("DEMOCDASH_EDITOR", "dana")
    at = extract(open_app("add-article"))
    assert candidates(at).article.title == TITLE  # proposed from the text's headline
    crackdown = key_of(at, "Crackdown in Kyrgyzstan")
    quotes = " ".join(shown(c.value) for c in at.caption)
    assert "¶ 2: “Police in Kyrgyzstan detained six opposition politicians" in quotes
    widget(at, "segmented_control", crackdown, "action").set_value("accept")
    at.run()
    assert "1 new events" in " ".join(shown(c.value) for c in at.caption)
    save(at)
    [success] = at.success
    assert "Saved the article as kyrgyzstan-detains-opposition-figures-" in shown(success.value)
    assert "1 new events" in shown(success.value) and "1 new countries" in shown(success.value)
    saved = store().frame("events")
    saved = saved[saved["summary"].str.startswith("Crackdown in Kyrgyzstan")]
    assert store().get("events", saved["id"].iloc[0]).added_by == "dana"  # who saved it
    assert set(store().audit_trail("articles")["editor"]) == {"dana"}

    at.switch_page("pages/events.py")
    at.query_params = {"country": "KGZ"}
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    frames = [d.value for d in at.dataframe]
    assert any(
        any(f[c].astype(str).str.contains("Crackdown in Kyrgyzstan").any() for c in f.columns)
        for f in frames
    ), "the saved event is not in the events page's tables"


def test_a_quote_cut_at_thirty_words_is_shown_with_an_ellipsis_and_saved_verbatim(open_app):
    long_call = (
        "The European Union should impose targeted sanctions on the officials responsible for "
        "the arrests and on the judges who sentenced the protesters, and it should also fund "
        "independent media in exile, because nothing else has worked so far."
    )
    at = extract(open_app("add-article"), ARTICLE.rsplit("\n\n", 1)[0] + "\n\n" + long_call)
    [option] = [c for c in candidates(at).all if c.sentence == long_call and c.kind == "options"]
    assert len(option.source.quote.split()) == 30 and long_call.startswith(option.source.quote)
    captions = [shown(c.value) for c in at.caption]
    assert f"¶ 4: “{option.source.quote} …”" in captions  # the sentence goes on
    assert any(c.startswith("¶ 2: “Police") and c.endswith("said.”") for c in captions)


def test_a_list_items_quote_is_whole_without_its_bullet(open_app):
    memo = (
        "Policy memo on Georgia\n\nThe EU and its member states should:\n\n"
        "- impose targeted sanctions on those who ordered the beatings of protesters;\n"
        "- redirect funds withheld from the government to independent media in Georgia.\n\n"
        "The government has said it will not hold new elections."
    )
    at = extract(open_app("add-article"), memo, published="2024-12-12")
    item = "impose targeted sanctions on those who ordered the beatings of protesters;"
    [option] = [c for c in candidates(at).options if c.source.quote == item]
    assert option.stance == "recommends"
    captions = [shown(c.value) for c in at.caption]
    assert f"¶ 3: “{item}”" in captions  # whole: no ellipsis for the bullet left out


def test_a_quoted_persons_demand_is_saved_with_its_position_and_shown_on_options(open_app):
    at = extract(open_app("add-article"), text=DEMAND, published="2021-05-24")
    option = next(
        c for c in candidates(at).options if "Nauseda" in (c.holder or {}).get("text", "")
    )
    holder = widget(at, "selectbox", option.key, "holder")
    assert "Nauseda (named in the article; saved as a new actor)" in holder.format_func(
        holder.value
    )

    def says(line: str) -> bool:
        return any(shown(m.value).endswith(f"  \n{line}") for m in at.markdown)

    widget(at, "segmented_control", option.key, "action").set_value("accept")
    widget(at, "selectbox", option.key, "stance").set_value("threatens")
    at.run()
    assert says("Held by: Gitanas Nauseda · threatens")  # the card's face follows the edit
    widget(at, "selectbox", option.key, "stance").set_value("demands")
    at.run()
    assert says("Held by: Gitanas Nauseda · demands")
    assert not says("Held by: Gitanas Nauseda · threatens")
    save(at)
    saved = [o for o in store().records("options") if o.origin == "analyst"]
    [position] = saved[0].positions
    assert position.stance == "demands" and position.holder.startswith("ltu-")
    person = store().get("actors", position.holder)
    assert "Nauseda" in person.name and person.country == "LTU"

    at.switch_page("pages/options.py")
    at.query_params = {"option": saved[0].id}
    at.run()
    cards = " ".join(shown(m.value) for m in at.markdown)
    assert f"**{person.name}** demands" in cards  # the person, not "the article's author"


QUOTED = (
    "Belarus forces down airliner\n\n"
    "Speaking to reporters in Vilnius on Monday, the opposition adviser Ales Marchuk said:\n\n"
    "“We ask the European Union to ban Belarusian airlines from its airspace and to freeze "
    "the assets of the officials responsible.”"
)


def test_a_quotations_speaker_holds_it_makes_the_claim_and_is_quoted_once(open_app):
    at = extract(open_app("add-article"), text=QUOTED, published="2021-05-24")
    [option] = [c for c in candidates(at).options if c.sentence.startswith("“We ask")]
    assert option.holder["text"] == "Ales Marchuk" and option.holder["kind"] == "person"
    claim = widget(at, "selectbox", option.key, "claimed_by")
    assert claim.format_func(claim.value) == "the one who holds this position"
    captions = " ".join(shown(c.value) for c in at.caption)
    assert "“We ask the European Union" in captions and "““" not in captions
    widget(at, "segmented_control", option.key, "action").set_value("accept")
    at.run()
    save(at)
    [saved] = [o for o in store().records("options") if o.origin == "analyst"]
    assert saved.claimed_by == saved.positions[0].holder
    assert store().get("actors", saved.claimed_by).name == "Ales Marchuk"

    at.switch_page("pages/options.py")
    at.query_params = {"option": saved.id}
    at.run()
    cards = " ".join(shown(m.value) for m in at.markdown)
    assert "(according to Ales Marchuk)" in cards
    assert "“We ask the European Union" in cards and "““" not in cards


def test_who_is_named_in_the_article_can_be_edited(open_app):
    at = extract(open_app("add-article"))
    option = candidates(at).options[0].key
    widget(at, "segmented_control", option, "action").set_value("accept")
    widget(at, "selectbox", option, "claimed_by").set_value("critics")
    at.run()
    save(at)
    [saved] = [o for o in store().records("options") if o.origin == "analyst"]
    assert saved.claimed_by == "critics"


def test_a_cards_heading_and_the_decision_follow_an_edited_title(open_app):
    at = extract(open_app("add-article"))
    crackdown = key_of(at, "Crackdown in Kyrgyzstan")

    def headings(start: str) -> int:
        return sum(shown(m.value).startswith(start) for m in at.markdown)

    before = headings("**Crackdown in Kyrgyzstan")
    widget(at, "text_input", crackdown, "label").input("Six opposition politicians detained")
    at.run()
    assert headings("**Six opposition politicians detained**") == 1
    assert headings("**Crackdown in Kyrgyzstan") == before - 1


def test_the_place_named_is_proposed_and_saved_as_edited(open_app):
    at = extract(open_app("add-article"))
    crackdown = key_of(at, "Crackdown in Kyrgyzstan")
    place = widget(at, "text_input", crackdown, "location")
    assert place.value == "Bishkek"  # "detained ... in Bishkek": the capital named as the city
    place.input("Osh")
    widget(at, "segmented_control", crackdown, "action").set_value("accept")
    at.run()
    save(at)
    saved = store().frame("events")
    saved = saved[saved["summary"].str.startswith("Crackdown in Kyrgyzstan")]
    assert saved["location"].tolist() == ["Osh"]


def test_countries_are_picked_by_name_among_every_code(open_app):
    at = extract(open_app("add-article"))
    picker = widget(at, "selectbox", key_of(at, "Crackdown in Kyrgyzstan"), "country")
    assert len(picker.options) > 240  # every ISO 3166-1 code, not only the stored ones
    assert picker.format_func(picker.value) == "Kyrgyzstan (KGZ)"
    labels = [picker.format_func(code) for code in ("BLR", "LTU", "")]
    assert labels == ["Belarus (BLR)", "Lithuania (LTU)", "not stated"]


def test_a_weak_match_is_shown_without_being_chosen(open_app, monkeypatch):
    from democdash import ingest
    from democdash.ingest.matching import Match

    real = ingest.extract

    def with_weak_match(*args, **kwargs):
        found = real(*args, **kwargs)
        found.events[0].match = None
        found.events[0].possible_match = Match(
            record_id="blr-2020-protests", label="Protests in Belarus", score=0.4, strength="weak"
        )
        return found

    monkeypatch.setattr(ingest, "extract", with_weak_match)
    at = extract(open_app("add-article"))
    first = candidates(at).events[0].key
    control = widget(at, "segmented_control", first, "action")
    assert control.value is None and "Add as source" in control.options
    notes = " ".join(shown(c.value) for c in at.caption)
    assert "Possibly the same as the stored record “Protests in Belarus”" in notes


def test_any_sentence_becomes_an_option_in_one_click_with_its_quote(open_app):
    at = extract(open_app("add-article"), text=DEMAND, published="2021-05-24")
    sentences = candidates(at).extraction["sentences"]
    weather = next(i for i, s in enumerate(sentences) if s["text"].startswith("The weather"))
    at.selectbox(key=view.PICKED).set_value(weather)
    at.run()
    next(b for b in at.button if b.label == "Make it an option").click()
    at.run()
    [made] = candidates(at).promoted
    assert made.source.quote == "The weather in Vilnius was mild on Monday."
    assert widget(at, "segmented_control", made.key, "action").value == "accept"
    save(at)
    saved = [o for o in store().records("options") if o.origin == "analyst"]
    assert [s.quote for o in saved for s in o.sources] == [made.source.quote]


def test_a_draft_survives_a_new_session(open_app, app_test, monkeypatch):
    monkeypatch.setenv("DEMOCDASH_EDITOR", "dana")
    at = extract(open_app("add-article"))
    crackdown = key_of(at, "Crackdown in Kyrgyzstan")
    widget(at, "segmented_control", crackdown, "action").set_value("reject")
    at.run()

    from streamlit.testing.v1 import AppTest

    fresh = AppTest.from_file(str(app_test._script_path), default_timeout=30)  # a reload
    fresh.run()
    fresh.switch_page("pages/add-article.py")
    fresh.run()
    assert any("Your queue: 1 article waiting" in shown(m.value) for m in fresh.markdown)
    next(b for b in fresh.button if b.key.startswith("add_review_")).click()
    fresh.run()
    assert not fresh.exception, [e.message for e in fresh.exception]
    assert candidates(fresh).article.title == TITLE
    assert widget(fresh, "segmented_control", crackdown, "action").value == "reject"

    save(fresh)
    assert store().drafts("dana") == []  # saving ends the draft


def test_nothing_accepted_saves_only_the_article(open_app):
    at = extract(open_app("add-article"))
    save(at)
    assert "0 new events, 0 new policy options" in shown(at.success[0].value)


def test_second_extraction_of_the_same_text_reports_the_duplicate(open_app):
    at = extract(open_app("add-article"))
    save(at)
    at = extract(at)
    errors = [shown(e.value) for e in at.error]
    assert any(
        f"already stored as “{TITLE}” (kyrgyzstan-detains-opposition-figures-" in e for e in errors
    ), errors
    assert view.CANDIDATES not in at.session_state


def test_bad_published_date_is_named_and_nothing_extracted(open_app):
    at = extract(open_app("add-article"), published="10 March")
    assert any("is not YYYY, YYYY-MM or YYYY-MM-DD" in shown(e.value) for e in at.error)
    assert view.CANDIDATES not in at.session_state


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
    at.run()
    save_button = next(b for b in at.button if b.key == "add_save")
    assert save_button.disabled, "a read-only store must not offer the save"
    assert any("read-only" in shown(i.value) for i in at.info)
    assert not at.success


@pytest.mark.parametrize("signed_in", [False])
def test_a_hosted_visitor_does_not_extract(open_app, monkeypatch, signed_in):
    monkeypatch.setenv("DEMOCDASH_HOSTED", "1")
    at = open_app("add-article")
    assert not [b for b in at.button if b.label == "Extract candidates"]
    assert any("Extraction is for signed-in editors" in shown(c.value) for c in at.caption)


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
    (error,) = [shown(e.value) for e in at.error]
    assert "The gazetteer could not be read" in error
    assert f"{bad}:2: unknown kind 'spaceship'" in error
    assert view.CANDIDATES not in at.session_state


def test_a_pasted_hard_wrapped_text_is_read_as_its_paragraphs(open_app):
    paragraph = (
        "Lithuania's president Gitanas Nauseda demanded that the European Union ban Belarusian "
        "planes from its airspace after the forced landing of a Ryanair plane in Minsk, and "
        "said the bloc should impose further sanctions on the regime without delay."
    )
    wrapped = "\n\n".join(
        ["Lithuania demands a ban on Belarusian flights"]
        + [textwrap.fill(paragraph, 64)] * 2
        + [textwrap.fill("The weather in Vilnius was mild on Monday, " * 3, 64)]
    )
    at = extract(open_app("add-article"), text=wrapped, published="2021-05-24")
    sentences = [s["text"] for s in candidates(at).extraction["sentences"]]
    assert paragraph in sentences  # one sentence, not a line of it
    [option] = [c for c in candidates(at).options if c.sentence == paragraph][:1]
    assert option.source.quote in candidates(at).text
