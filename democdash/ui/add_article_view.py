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

import contextlib
import dataclasses
from typing import Any

import streamlit as st

from democdash import ingest
from democdash.extract.pipeline import MAX_TEXT_CHARS
from democdash.extract.reflow import unwrap
from democdash.ingest import queue as review_queue
from democdash.ingest import review_form
from democdash.ingest import save as ingest_save
from democdash.ingest.candidates import ArticleMeta, Candidates, Existing, promote
from democdash.ingest.meta import merged, propose_meta
from democdash.ingest.review import ACCEPT, Decision
from democdash.store import DuplicateArticleError, StoreError
from democdash.text import counted
from democdash.ui import (
    article_reader,
    candidate_cards,
    data,
    extraction_jobs,
    per_run,
    resources,
    views,
)
from democdash.ui import auth as auth_ui
from democdash.ui.safe import md

CANDIDATES = "add_candidates"
SAVED = "add_saved"
JOB = "add_job"
PICKED = "add_picked"
RESUMED = "add_resumed"
QUEUE_ENTRY = "add_queue_entry"
BATCH_RESULT = "add_batch_result"
SAME_STORY = "add_same_story"
FILE_TYPES = ["txt", "md", "html", "htm", "pdf"]
SOURCE_TYPE_LABELS = {
    "reporting": "Reporting (news)",
    "analysis": "Analysis (think tank, report)",
    "opinion": "Opinion",
    "official": "Official (government, organisation)",
}
DRAFT_KIND = review_queue.DRAFT_KIND
META_FIELDS = review_queue.META_FIELDS
#: How long a click on "Extract candidates" waits for a short article before showing progress.
WAIT_S = 1.0


def _mib(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MiB"


def editor() -> str | None:
    """Who is adding the article (None: a visitor of a hosted instance, who may not)."""
    return auth_ui.current_editor() if auth_ui.can_write() else None


# -- step 1: the article and what is known of it ----------------------------------------------


@dataclasses.dataclass
class Sent:
    """What the form sent: a pasted text, or files (name, bytes), and what is known of them."""

    meta: ArticleMeta
    text: str | None = None
    files: list[tuple[str, bytes]] = dataclasses.field(default_factory=list)


def input_form() -> Sent | None:
    """The text (pasted, or files) and its metadata in one form; what was sent, None
    otherwise. A file over the size limit is reported; nothing is stored."""
    settings = per_run.settings()
    how = st.segmented_control(
        "How do you bring the article?",
        options=["paste", "upload"],
        format_func={"paste": "Paste its text", "upload": "Upload a file"}.get,
        default="paste",
        key="add_how",
    )
    with st.form("add_input", border=True):
        if how == "upload":
            uploads = st.file_uploader(
                "Article files",
                type=FILE_TYPES,
                key="add_file",
                accept_multiple_files=True,
                help=f"One or several files: text, Markdown, HTML (main text only; scripts are "
                f"ignored) or PDF with a text layer, each at most "
                f"{_mib(settings.max_upload_bytes)}. Each is extracted in turn and queued for "
                "your review; for several files, the title and URL below are left to each file.",
            )
            text = None
        else:
            uploads = []
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
    uploads = list(uploads or [])
    given = ArticleMeta(
        title=title or None,
        outlet=outlet or None,
        author=author or None,
        published=published or None,
        url=url or None,
        source_type=kind,
    )
    if uploads:
        too_large = [u.name for u in uploads if u.size > settings.max_upload_bytes]
        if too_large:
            st.error(
                f"Over the limit of {_mib(settings.max_upload_bytes)}: "
                f"{md(', '.join(too_large))}. Nothing was extracted or stored."
            )
            return None
        return Sent(given, files=[(u.name, u.getvalue()) for u in uploads])
    if not text or not text.strip():
        st.error("Paste the article's text or upload a file first. Nothing was extracted.")
        return None
    text = unwrap(text)  # pasted from a PDF or an e-mail: its paragraphs made whole
    return Sent(merged(given, propose_meta(text)), text=text)


def start(sent: Sent) -> None:
    """Start extracting what the form sent: a pasted text straight to review, files into
    the queue."""
    if sent.files:
        start_batch(sent.files, sent.meta)
    elif sent.text is not None:
        start_extraction(sent.text, sent.meta)


# -- step 2: extraction, off the request path -----------------------------------------------------


def _already_stored(article_id: str, title: str | None, name: str | None = None) -> None:
    """An article refused as already stored, with a link to it on the Sources page."""
    what = f"{md(name)} is" if name else "This article is"
    called = f"“{md(title)}” ({md(article_id)})" if title else md(article_id)
    st.error(f"{what} already stored as {called} (same text or URL): it is not added twice.")
    st.page_link(
        "pages/sources.py",
        label=f"Open “{title or article_id}” on the Sources page",
        query_params={"article": article_id},
        icon=":material/arrow_forward:",
    )


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
        stored = data.store().get("articles", duplicate)
        _already_stored(duplicate, getattr(stored, "title", None))
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


def start_batch(files: list[tuple[str, bytes]], given: ArticleMeta) -> None:
    """Extract the files one after another in the editor's worker, each into their queue."""
    who = editor()
    if who is None:
        st.error("Sign in as an editor to add articles. Nothing was extracted.")
        return
    st.session_state.pop(SAVED, None)
    st.session_state.pop(BATCH_RESULT, None)
    try:
        extractor = resources.extractor()
    except ValueError as exc:
        st.error(f"The gazetteer could not be read: {md(exc)}. Nothing was extracted or stored.")
        return
    store, existing = data.store(), _existing()
    limit = per_run.settings().max_upload_bytes
    progress: dict[str, Any] = {"done": 0, "total": len(files), "name": files[0][0]}

    def report(done: int, total: int, name: str) -> None:
        progress.update(done=done, total=total, name=name)

    def work() -> list[review_queue.Queued]:
        return review_queue.queue_files(
            store,
            who,
            files,
            given,
            existing,
            extractor=extractor,
            max_bytes=limit,
            progress=report,
        )

    what = files[0][0] if len(files) == 1 else f"{len(files)} files"
    try:
        job = extraction_jobs.jobs().start(who, what, work, progress)
    except extraction_jobs.Busy as exc:
        st.warning(md(exc))
        return
    st.session_state[JOB] = job
    with contextlib.suppress(Exception):  # still running, or failed: pick_up shows which
        job.future.result(timeout=WAIT_S)
    pick_up()


def pick_up() -> None:
    """Take a finished extraction's candidates (keeping the draft) or a batch's queue, or
    show its progress."""
    job: extraction_jobs.Job | None = st.session_state.get(JOB)
    if job is None:
        return
    if not job.done:
        _progress()
        return
    st.session_state.pop(JOB, None)
    extraction_jobs.jobs().forget(job.editor, job)
    try:
        found = job.future.result()
    except ValueError as exc:  # the text is over the extraction's limit, a bad date...
        st.error(f"{md(exc)}. Nothing was extracted or stored.")
        return
    if isinstance(found, list):  # a batch: its files are in the queue
        st.session_state[BATCH_RESULT] = found
        queued = [q for q in found if q.status == "queued"]
        if len(queued) == 1 and CANDIDATES not in st.session_state:
            open_draft(queued[0].key)
        st.rerun()
    candidates: Candidates = found
    st.session_state[CANDIDATES] = candidates
    save_draft(candidates)


@st.fragment(run_every=1.0)
def _progress() -> None:
    job: extraction_jobs.Job | None = st.session_state.get(JOB)
    if job is None:
        return
    if job.done:
        st.rerun()
    if job.progress.get("total"):
        done, total = job.progress["done"], job.progress["total"]
        st.progress(
            min(done / total, 1.0),
            text=f"Extracting {min(done + 1, total)} of {total}: {md(job.progress['name'])} "
            f"({job.seconds:.0f} s so far)",
        )
        return
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
    entry = st.session_state.get(QUEUE_ENTRY)
    if entry and st.session_state.get(RESUMED) == article.id:
        payload["queue"] = entry
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


def queue_panel() -> None:
    """The editor's queue: every article waiting for review (its title and file, what was
    extracted, the same-story flag), each opened with one click; kept in the store."""
    who = editor()
    if who is None or JOB in st.session_state:
        return
    drafts = review_queue.waiting(data.store().drafts(who, kind=DRAFT_KIND))
    if not drafts:
        return
    open_now = st.session_state.get(CANDIDATES)
    open_key = open_now.article.id if open_now is not None else None
    with st.container(border=True, key="add_queue"):
        many = counted(len(drafts), "article")
        st.markdown(f":material/inbox: **Your queue: {many} waiting for review**")
        for number, draft in enumerate(drafts, start=1):
            entry = draft.payload.get("queue") or {}
            left, right = st.columns([5, 1], vertical_alignment="center")
            counts = (
                f"{counted(entry['events'], 'event')}, "
                f"{counted(entry['options'], 'option')} proposed"
                if "events" in entry
                else "pasted; in review"
            )
            file = f" · {md(entry['file'])}" if entry.get("file") else ""
            flag = review_queue.same_story_note(entry)
            mark = " · **open below**" if draft.key == open_key else ""
            left.markdown(
                f"{number}. **{md(draft.payload.get('title') or draft.key)}**{file} · {counts}"
                + (f" · :orange[:material/content_copy: {md(flag)}]" if flag else "")
                + mark
            )
            right.button(
                "Review",
                key=f"add_review_{draft.key}",
                disabled=draft.key == open_key,
                on_click=open_draft,
                args=(draft.key,),
            )


def batch_result() -> None:
    """What the last batch did: how many files were queued, each refused duplicate with a
    pointer to the stored article, each file that failed and why."""
    found: list[review_queue.Queued] | None = st.session_state.get(BATCH_RESULT)
    if not found:
        return
    queued = [q for q in found if q.status == "queued"]
    if queued:
        flagged = sum(q.same_story is not None for q in queued)
        st.success(
            f"Queued {len(queued)} of {len(found)} files for review"
            + (f"; {flagged} flagged as the same story as another article" if flagged else "")
            + "."
        )
    for q in found:
        if q.status == "duplicate" and q.duplicate_stored:
            _already_stored(q.duplicate_of or "", q.duplicate_title, q.name)
        elif q.status == "duplicate":
            st.error(
                f"{md(q.name)} is already in your queue as “{md(q.duplicate_title)}”: it is "
                "not queued twice."
            )
        elif q.status == "failed":
            st.error(f"{md(q.name)} was not queued: {md(q.reason)}")


def open_draft(key: str) -> None:
    """Open a queued article (or a review in progress) from the store for review."""
    who = editor()
    if who is None:
        return
    draft = data.store().draft(who, key)
    if draft is None:
        st.session_state["add_make_problem"] = "That article is no longer in your queue."
        return
    st.session_state.pop(SAVED, None)  # the last save's message is not about this article
    current = st.session_state.get(CANDIDATES)
    if current is not None:
        _close(current)
    _resume(key, draft.payload, rerun=False)


def next_key(after: str) -> str | None:
    """The queued article after `after` (wrapping round), None when it is the only one."""
    who = editor()
    if who is None:
        return None
    keys = [d.key for d in review_queue.waiting(data.store().drafts(who, kind=DRAFT_KIND))]
    if after not in keys or len(keys) < 2:
        return next((k for k in keys if k != after), None)
    return keys[(keys.index(after) + 1) % len(keys)]


def skip(candidates: Candidates) -> None:
    """Leave this article in the queue (its draft kept) and open the next one."""
    following = next_key(candidates.article.id)
    _close(candidates)
    if following is not None:
        open_draft(following)


def later(candidates: Candidates) -> None:
    """Close the review; the article stays in the queue with every choice made."""
    _close(candidates)


def queue_buttons(candidates: Candidates) -> None:
    """Skip to the next queued article, or come back to this one later."""
    left, right = st.columns(2)
    left.button(
        "Skip (next in the queue)",
        key="add_skip",
        on_click=skip,
        args=(candidates,),
        icon=":material/skip_next:",
    )
    right.button(
        "Come back later",
        key="add_later",
        on_click=later,
        args=(candidates,),
        icon=":material/schedule:",
    )


def _resume(key: str, payload: dict, *, rerun: bool = True) -> None:
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
    st.session_state[QUEUE_ENTRY] = payload.get("queue")
    # the same story as a stored article? (said in the review, linked on save)
    copied = ingest_save.flag_same_story(data.store(), candidates)
    if copied is not None:
        stored = data.store().get("articles", copied.article_id)
        st.session_state[SAME_STORY] = copied.describe(getattr(stored, "title", None))
    else:
        st.session_state[SAME_STORY] = review_queue.same_story_note(payload.get("queue") or {})
    if rerun:
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
    copied = st.session_state.get(SAME_STORY)
    if copied:
        st.warning(
            f":material/content_copy: Near-duplicate: {md(copied)}. It is linked as the same "
            "story when saved, and the two count as one source.",
        )
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
        more = counted(len(candidates.also_possible), "more sentence")
        with st.expander(
            f"Also possible: {more} that may state an option (less likely; none is accepted "
            "unless you accept it)"
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
    ingest_save.flag_same_story(data.store(), candidates)  # a copy saved since it was opened
    try:
        saved = ingest.save_review(data.store(), candidates, result, by=who)
    except DuplicateArticleError as exc:
        stored = data.store().get("articles", exc.existing_id)
        _already_stored(exc.existing_id, getattr(stored, "title", None))
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
    for key in (CANDIDATES, PICKED, RESUMED, QUEUE_ENTRY, SAME_STORY):
        st.session_state.pop(key, None)
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
