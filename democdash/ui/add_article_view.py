"""The add-an-article flow: text or file and what is known of it, extraction off the request
path, review as a reader, save.

- Input: the text (or a file) and its metadata are one form, so the first click on "Extract
  candidates" carries the text just pasted. On a hosted instance only signed-in editors
  extract; everyone's text is capped in size (`Settings.max_upload_bytes` and the
  extraction's own limit).
- Extraction runs in a worker thread (`democdash.ui.extraction_jobs`), one at a time per
  editor; the page shows its progress and picks the result up.
- Review: the article as a reader (`democdash.ui.article_reader`) where any sentence can be
  made an event or an option in one click, prefilled by the pipeline; one card per candidate
  (`democdash.ui.candidate_cards`), the likely ones first and the also-possible ones folded.
- A draft (the text, what is known of it and every choice made) is kept in the store for the
  editor, so a reload or a restart loses nothing; saving or discarding ends it.

The logic of every step is in `democdash.ingest` (pure, unit-tested); article text reaches the
page as text (`md()`, text nodes), never as HTML.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import streamlit as st

from democdash import ingest
from democdash.extract import DocumentError, read_bytes
from democdash.extract.pipeline import MAX_TEXT_CHARS
from democdash.ingest import review_form
from democdash.ingest.candidates import ArticleMeta, Candidates, Existing, promote
from democdash.ingest.meta import merged, propose_meta
from democdash.ingest.review import ACCEPT, Decision
from democdash.settings import get_settings
from democdash.store import DuplicateArticleError, StoreError
from democdash.ui import article_reader, candidate_cards, data, extraction_jobs, resources, views
from democdash.ui import auth as auth_ui
from democdash.ui.safe import md

CANDIDATES = "add_candidates"
SAVED = "add_saved"
JOB = "add_job"
PICKED = "add_picked"
RESUMED = "add_resumed"
FILE_TYPES = ["txt", "md", "html", "htm", "pdf"]
SOURCE_TYPE_LABELS = {
    "reporting": "Reporting (news)",
    "analysis": "Analysis (think tank, report)",
    "opinion": "Opinion",
    "official": "Official (government, organisation)",
}
DRAFT_KIND = "article"
META_FIELDS = ("title", "outlet", "author", "published", "url", "source_type", "source_file")
#: How long a click on "Extract candidates" waits for a short article before showing progress.
WAIT_S = 1.0


def _mib(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MiB"


def editor() -> str | None:
    """Who is adding the article (None: a visitor of a hosted instance, who may not)."""
    return auth_ui.current_editor() if auth_ui.can_write() else None


# -- step 1: the article and what is known of it ----------------------------------------------


def input_form() -> tuple[str | None, ArticleMeta] | None:
    """The text (pasted or a file) and its metadata in one form; (text, metadata) when sent,
    None otherwise. A file that cannot be read is reported; nothing is stored."""
    settings = get_settings()
    how = st.segmented_control(
        "How do you bring the article?",
        options=["paste", "upload"],
        format_func={"paste": "Paste its text", "upload": "Upload a file"}.get,
        default="paste",
        key="add_how",
    )
    with st.form("add_input", border=True):
        if how == "upload":
            upload = st.file_uploader(
                "Article file",
                type=FILE_TYPES,
                key="add_file",
                help=f"Text, Markdown, HTML (main text only; scripts are ignored) or PDF with a "
                f"text layer, at most {_mib(settings.max_upload_bytes)}.",
            )
            text = None
        else:
            upload = None
            text = st.text_area(
                "Article text",
                height=260,
                key="add_text",
                max_chars=MAX_TEXT_CHARS,
                placeholder="Paste the article here. Separate paragraphs with a blank line: "
                "citations give paragraph numbers.",
            )
        st.markdown(
            "**About the article** · leave unknown fields empty: what the text itself says "
            "(a headline, a date line, a link) is proposed for you to check"
        )
        left, right = st.columns(2)
        title = left.text_input("Title", key="add_title")
        outlet = right.text_input("Outlet", key="add_outlet")
        author = left.text_input("Author", key="add_author")
        published = right.text_input(
            "Published",
            placeholder="YYYY-MM-DD, YYYY-MM or YYYY",
            help="Resolves 'last week' and dates without a year; also the 'as of' date of the "
            "options drawn from the article.",
            key="add_published",
        )
        url = left.text_input("URL", key="add_url")
        kind = right.selectbox(
            "Kind of source",
            options=list(SOURCE_TYPE_LABELS),
            format_func=lambda s: SOURCE_TYPE_LABELS.get(s, s),
            key="add_kind",
        )
        sent = st.form_submit_button("Extract candidates", type="primary")
    if not sent:
        return None
    given = ArticleMeta(
        title=title or None,
        outlet=outlet or None,
        author=author or None,
        published=published or None,
        url=url or None,
        source_type=kind,
    )
    if upload is not None:
        if upload.size > settings.max_upload_bytes:
            st.error(
                f"This file has {_mib(upload.size)}, over the limit of "
                f"{_mib(settings.max_upload_bytes)}. Nothing was extracted or stored."
            )
            return None
        try:
            text, found = read_bytes(upload.getvalue(), upload.name)
        except DocumentError as exc:
            st.error(f"This file cannot be used: {md(exc)}. Nothing was stored.")
            return None
        file_meta = ArticleMeta(**{k: v for k, v in found.items() if k in META_FIELDS})
        given = merged(given, dataclasses.replace(file_meta, source_file=upload.name))
    if not text or not text.strip():
        st.error("Paste the article's text or upload a file first. Nothing was extracted.")
        return None
    return text, merged(given, propose_meta(text))


# -- step 2: extraction, off the request path -----------------------------------------------------


def _existing() -> Existing:
    return Existing(
        events=data.frame("events"),
        options=data.frame("options"),
        sources=data.sources(),
        countries=data.frame("countries"),
        actors=data.frame("actors"),
    )


def start_extraction(text: str, meta: ArticleMeta) -> None:
    """Check the input and start extracting it for this editor (a refusal is shown)."""
    who = editor()
    if who is None:
        st.error("Sign in as an editor to add articles. Nothing was extracted.")
        return
    st.session_state.pop(SAVED, None)
    try:
        article = ingest.build_article(text, meta)
    except ValueError as exc:
        st.error(f"{md(exc)}. Nothing was extracted or stored.")
        return
    duplicate = data.store().find_duplicate(article.text_sha256, article.url)
    if duplicate:
        st.error(
            f"This article is already stored as {md(duplicate)} (same text or URL): it is not "
            "added twice."
        )
        st.page_link("pages/sources.py", label="Open it", query_params={"article": duplicate})
        return
    try:
        extractor = resources.extractor()
    except ValueError as exc:  # a bad row in the gazetteer CSV, named by file and line
        st.error(f"The gazetteer could not be read: {md(exc)}. Nothing was extracted or stored.")
        return
    existing = _existing()
    what = f"“{meta.title}”" if meta.title else f"a text of {len(text):,} characters"
    try:
        job = extraction_jobs.jobs().start(
            who, what, lambda: ingest.extract(text, meta, existing, extractor=extractor)
        )
    except extraction_jobs.Busy as exc:
        st.warning(md(exc))
        return
    st.session_state[JOB] = job
    st.session_state.pop(CANDIDATES, None)
    st.session_state.pop(PICKED, None)
    try:
        job.future.result(timeout=WAIT_S)  # most articles take milliseconds
    except TimeoutError:
        pass
    except Exception:
        pass
    pick_up()


def pick_up() -> None:
    """Take a finished extraction's candidates (keeping the draft), or show its progress."""
    job: extraction_jobs.Job | None = st.session_state.get(JOB)
    if job is None:
        return
    if not job.done:
        _progress()
        return
    st.session_state.pop(JOB, None)
    extraction_jobs.jobs().forget(job.editor, job)
    try:
        candidates: Candidates = job.future.result()
    except ValueError as exc:  # the text is over the extraction's limit, a bad date...
        st.error(f"{md(exc)}. Nothing was extracted or stored.")
        return
    st.session_state[CANDIDATES] = candidates
    save_draft(candidates)


@st.fragment(run_every=1.0)
def _progress() -> None:
    job: extraction_jobs.Job | None = st.session_state.get(JOB)
    if job is None:
        return
    if job.done:
        st.rerun()
    with st.status(f"Extracting {job.what}… {job.seconds:.0f} s", state="running"):
        st.write(
            "Finding countries, dates, people, events and options; then matching them to "
            "stored records. You can leave this page open; it fills in when done."
        )


# -- drafts -----------------------------------------------------------------------------------


def _widget_values(article_id: str) -> dict[str, Any]:
    prefix = f"{candidate_cards.PREFIX}_{article_id}_"
    return {
        k: v
        for k, v in st.session_state.items()
        if isinstance(k, str) and k.startswith(prefix) and _plain(v)
    }


def _plain(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def save_draft(candidates: Candidates) -> None:
    """Keep this review (text, metadata, sentences made into candidates, every choice) for
    the editor, so a reload or a restart loses nothing; only when it changed."""
    who = editor()
    if who is None:
        return
    article = candidates.article
    meta = candidates.extraction.get("article", {})
    payload = {
        "text": candidates.text,
        "meta": {
            **{k: meta.get(k) for k in META_FIELDS if k in meta},
            "source_file": article.source_file,
        },
        "promoted": [c.key for c in candidates.promoted],
        "widgets": _widget_values(article.id),
        "title": article.title or article.outlet or "untitled article",
    }
    signature = repr(payload)
    marker = f"add_draft_saved_{article.id}"
    if st.session_state.get(marker) == signature:
        return
    try:
        data.store().save_draft(who, article.id, DRAFT_KIND, payload)
    except (StoreError, ValueError) as exc:
        st.caption(f":orange[This review could not be kept as a draft: {md(exc)}]")
        return
    st.session_state[marker] = signature


def offer_draft() -> None:
    """When the editor has a review in progress and none is open: offer to resume it."""
    who = editor()
    if who is None or CANDIDATES in st.session_state or JOB in st.session_state:
        return
    drafts = data.store().drafts(who, kind=DRAFT_KIND)
    if not drafts:
        return
    latest = drafts[0]
    when = latest.updated_at.strftime("%d %b %Y, %H:%M UTC")
    with st.container(border=True):
        st.markdown(
            f":material/draft: You have an article in review: **{md(latest.payload['title'])}** "
            f"(kept {when})."
        )
        left, right = st.columns([1, 4])
        if left.button("Resume it", key="add_resume", type="primary"):
            _resume(latest.key, latest.payload)
        if right.button("Discard the draft", key="add_discard_draft"):
            data.store().delete_draft(who, latest.key)
            st.rerun()


def _resume(key: str, payload: dict) -> None:
    meta = ArticleMeta(**{k: v for k, v in payload["meta"].items() if k in META_FIELDS})
    try:
        candidates = ingest.extract(
            payload["text"], meta, _existing(), extractor=resources.extractor()
        )
    except ValueError as exc:
        st.error(f"The draft could not be reopened: {md(exc)}.")
        return
    existing = _existing()
    for promoted in payload.get("promoted", []):
        number, kind = promoted.removeprefix("sentence-").rsplit("-", 1)
        made = promote(
            candidates,
            existing,
            int(number) - 1,
            "events" if kind == "event" else "options",
            extractor=resources.extractor(),
        )
        if made is not None:
            candidates.promoted.append(made)
    for widget, value in payload.get("widgets", {}).items():
        st.session_state[widget] = value
    st.session_state[CANDIDATES] = candidates
    st.session_state[RESUMED] = key
    st.rerun()


# -- step 3: review ---------------------------------------------------------------------------


def about(candidates: Candidates) -> None:
    """What is known of the article, as it will be saved (proposed values included)."""
    article = candidates.article
    known = [
        ("Title", article.title),
        ("Outlet", article.outlet),
        ("Author", article.author),
        ("Published", article.published.display() if article.published.is_dated else None),
        ("URL", article.url),
    ]
    shown = " · ".join(f"**{name}:** {md(value)}" for name, value in known if value)
    missing = ", ".join(name for name, value in known if not value)
    st.markdown(shown or "Nothing is known of the article beyond its text.")
    if missing:
        st.caption(f"Not known: {missing}. To change what is known, extract it again above.")


def reader_and_panel(candidates: Candidates) -> None:
    """The article as a reader beside the picked sentence: its candidates, and one-click
    buttons to make it an event or an option."""
    sentences = review_form.marked_sentences(candidates)
    if not sentences:
        return
    left, right = st.columns([3, 2], gap="medium")
    with left:
        article_reader.reader(sentences, PICKED, f"add_reader_{candidates.article.id}")
    with right:
        picked = st.selectbox(
            "Sentence",
            [s.index for s in sentences],
            format_func=lambda i: article_reader.sentence_label(sentences[i]),
            index=None,
            key=PICKED,
            placeholder="Click a sentence in the article, or choose it here",
        )
        if picked is None:
            st.caption("A sentence the extraction missed becomes an event or an option here.")
            return
        sentence = sentences[picked]
        st.markdown(f"> {md(sentence.text)}")
        st.caption(f"¶ {sentence.paragraph}")
        if sentence.keys:
            st.caption("Proposed here: " + ", ".join(sentence.keys) + " (see the cards below)")
        made = {c.key for c in candidates.promoted}
        number = picked + 1
        cols = st.columns(2)
        for col, kind, word in ((cols[0], "events", "event"), (cols[1], "options", "option")):
            key = f"sentence-{number}-{word}"
            col.button(
                f"Make it an {word}",
                key=f"add_make_{word}_{number}",
                disabled=key in made,
                on_click=_make,
                args=(candidates, picked, kind),
                icon=":material/add:",
            )


def _make(candidates: Candidates, sentence: int, kind: str) -> None:
    made = promote(candidates, _existing(), sentence, kind, extractor=resources.extractor())  # type: ignore[arg-type]
    if made is None:
        st.session_state["add_make_problem"] = "That sentence has no words to quote."
        return
    candidates.promoted.append(made)
    key = candidate_cards.widget_key(candidates.article.id, made.key, "action")
    st.session_state[key] = ACCEPT


def review(candidates: Candidates) -> dict[str, Decision]:
    """The candidate cards: likely events and options, what the analyst made, and the
    also-possible options folded; each card's decision."""
    problem = st.session_state.pop("add_make_problem", None)
    if problem:
        st.warning(problem)
    country_names = views.country_names()
    actors = data.frame("actors")
    actor_names = dict(zip(actors["id"], actors["name"], strict=True))
    for item in candidates.all:
        holder = item.holder or {}
        if holder.get("actor_id") and holder.get("text"):
            actor_names.setdefault(holder["actor_id"], holder["text"])
    article_id = candidates.article.id
    decisions: dict[str, Decision] = {}

    def cards(items, default: str | None = None) -> None:
        for item in items:
            decision = candidate_cards.card(
                item, article_id, country_names, actor_names, default=default
            )
            if decision is not None:
                decisions[item.key] = decision

    sections = (
        ("Made by you", candidates.promoted, ACCEPT),
        ("Candidate events", candidates.events, None),
        ("Candidate policy options", candidates.options, None),
    )
    for title, items, default in sections:
        if not items and title == "Made by you":
            continue
        st.subheader(f"{title} ({len(items)})")
        if not items:
            st.caption("None found in this article.")
        cards(items, default)
    if candidates.also_possible:
        with st.expander(
            f"Also possible: {len(candidates.also_possible)} more sentences that may state an "
            "option (less likely; none is accepted unless you accept it)"
        ):
            cards(candidates.also_possible)
    return decisions


# -- step 4: save -----------------------------------------------------------------------------


def save(candidates: Candidates, decisions: dict[str, Decision]) -> None:
    """What will be saved, and the save button (one transaction; errors named)."""
    known = data.frame("countries")["iso3"]
    result = ingest.apply_review(candidates, decisions, known)
    st.subheader("Save")
    st.caption(
        f"Will save the article and {md(result.summary())} (rejected and undecided "
        "candidates are left out)."
    )
    for problem in result.problems:
        st.warning(md(problem))
    writable = auth_ui.write_notice()
    if not st.button(
        "Save the article and the accepted records",
        type="primary",
        key="add_save",
        disabled=not writable,
    ):
        return
    if not result.ok:
        st.error("Fix the problems above first. Nothing was stored.")
        return
    who = editor()
    try:
        saved = ingest.save_review(data.store(), candidates, result, by=who)
    except DuplicateArticleError as exc:
        st.error(f"{md(exc)} Open it on the Sources page.")
        return
    except StoreError as exc:
        st.error(md(exc))
        return
    if who:
        data.store().delete_draft(who, candidates.article.id)
    countries = sorted(
        {r.country for r in result.events} | {r.target for r in result.options if r.target}
    )
    st.session_state[SAVED] = {"id": saved.id, "summary": result.summary(), "countries": countries}
    _close(candidates)
    st.rerun()


def _close(candidates: Candidates) -> None:
    st.session_state.pop(CANDIDATES, None)
    st.session_state.pop(PICKED, None)
    prefix = f"{candidate_cards.PREFIX}_{candidates.article.id}_"
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(prefix)]:
        del st.session_state[key]


def saved_message() -> None:
    """After a save: what was stored, with links to see it on the other pages."""
    saved = st.session_state.get(SAVED)
    if not saved:
        return
    st.success(f"Saved the article as {md(saved['id'])}: {md(saved['summary'])}.")
    links = st.columns(3)
    with links[0]:
        st.page_link(
            "pages/events.py",
            label="See its events",
            query_params={"country": ",".join(saved["countries"])} if saved["countries"] else None,
            icon=":material/arrow_forward:",
        )
    with links[1]:
        st.page_link(
            "pages/sources.py",
            label="See the source and what was drawn from it",
            query_params={"article": saved["id"]},
            icon=":material/arrow_forward:",
        )
    with links[2]:
        st.page_link("pages/overview.py", label="See the map", icon=":material/arrow_forward:")


def discard(candidates: Candidates) -> None:
    """Drop the review and its draft (start again)."""
    who = editor()
    if who:
        data.store().delete_draft(who, candidates.article.id)
    _close(candidates)


def sign_in_notice() -> bool:
    """On a hosted instance, visitors do not extract (it costs the server): say so."""
    if editor() is not None:
        return True
    auth_ui.write_notice()
    st.caption(
        "Extraction is for signed-in editors: it keeps the server busy, and what it finds is "
        "saved only by an editor."
    )
    return False
