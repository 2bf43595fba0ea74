"""The add-an-article flow: text or file in, metadata, extraction, review, save.

The pipeline state lives in `st.session_state` (the candidates under `CANDIDATES`), so reruns
never extract again. The logic of every step is in `democdash.ingest` (pure, unit-tested):
this module only lays out widgets and shows results. Article text is shown as text (`st.code`,
`st.dataframe`, `md()`), never as HTML or markdown.
"""

from __future__ import annotations

import hashlib

import streamlit as st

from democdash import ingest
from democdash.extract import DocumentError, read_bytes
from democdash.ingest import present
from democdash.ingest.candidates import ArticleMeta, Candidate, Candidates, Existing
from democdash.ingest.review import ACCEPT, ADD_SOURCE, REJECT, Decision
from democdash.settings import MAX_UPLOAD_BYTES
from democdash.store import DuplicateArticleError, StoreError
from democdash.ui import auth as auth_ui
from democdash.ui import data, resources
from democdash.ui.safe import md
from democdash.vocab import EventType, Instrument, OptionStatus, label

CANDIDATES = "add_candidates"
SAVED = "add_saved"
UPLOADS = "add_uploads"
FILE_TYPES = ["txt", "md", "html", "htm", "pdf"]
ACTION_LABELS = {ACCEPT: "Accept", REJECT: "Reject", ADD_SOURCE: "Add as source"}
SOURCE_TYPE_LABELS = {
    "reporting": "Reporting (news)",
    "analysis": "Analysis (think tank, report)",
    "opinion": "Opinion",
    "official": "Official (government, organisation)",
}


def _mib(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MiB"


def article_input() -> tuple[str | None, dict, str]:
    """Step 1: pasted text or an uploaded file -> (text, metadata the file gives, token).

    The token changes with the input, so the metadata form is prefilled afresh for a new file.
    A file that cannot be read is reported with what is wrong; nothing is stored.
    """
    how = st.segmented_control(
        "How do you bring the article?",
        options=["paste", "upload"],
        format_func={"paste": "Paste its text", "upload": "Upload a file"}.get,
        default="paste",
        key="add_how",
    )
    if how != "upload":
        text = st.text_area(
            "Article text",
            height=260,
            key="add_text",
            placeholder="Paste the article here. Separate paragraphs with a blank line: "
            "citations give paragraph numbers.",
        )
        return (text if text and text.strip() else None), {}, "paste"
    upload = st.file_uploader(
        "Article file",
        type=FILE_TYPES,
        key="add_file",
        help=f"Text, Markdown, HTML (main text only; scripts are ignored) or PDF with a text "
        f"layer, at most {_mib(MAX_UPLOAD_BYTES)}.",
    )
    if upload is None:
        return None, {}, "upload"
    read = st.session_state.setdefault(UPLOADS, {})
    if upload.file_id not in read:
        try:
            read[upload.file_id] = (*read_bytes(upload.getvalue(), upload.name), None)
        except DocumentError as exc:
            read[upload.file_id] = (None, {}, str(exc))
    text, meta, error = read[upload.file_id]
    if error:
        st.error(f"This file cannot be used: {md(error)}. Nothing was stored.")
        return None, {}, upload.file_id
    st.caption(f"Read {len(text):,} characters from {md(upload.name)}.")
    return text, {**meta, "source_file": upload.name}, upload.file_id


def metadata_form(meta: dict, token: str) -> ArticleMeta | None:
    """Step 2: what is known about the article (prefilled from the file); None until sent."""
    suffix = hashlib.sha1(token.encode()).hexdigest()[:8]
    published = str(meta.get("published") or "")[:10]
    with st.form(f"add_meta_{suffix}", border=True):
        st.markdown("**About the article** · leave unknown fields empty: unknown stays unknown")
        left, right = st.columns(2)
        title = left.text_input("Title", value=meta.get("title") or "", key=f"add_title_{suffix}")
        outlet = right.text_input(
            "Outlet", value=meta.get("outlet") or "", key=f"add_outlet_{suffix}"
        )
        author = left.text_input(
            "Author", value=meta.get("author") or "", key=f"add_author_{suffix}"
        )
        date = right.text_input(
            "Published",
            value=published,
            placeholder="YYYY-MM-DD, YYYY-MM or YYYY",
            help="Resolves 'last week' and dates without a year; also the 'as of' date of "
            "the options drawn from the article.",
            key=f"add_published_{suffix}",
        )
        url = left.text_input("URL", value=meta.get("url") or "", key=f"add_url_{suffix}")
        kind = right.selectbox(
            "Kind of source",
            options=list(SOURCE_TYPE_LABELS),
            index=0,
            format_func=lambda s: SOURCE_TYPE_LABELS.get(s, s),
            key=f"add_kind_{suffix}",
        )
        sent = st.form_submit_button("Extract candidates", type="primary")
    if not sent:
        return None
    return ArticleMeta(
        title=title or None,
        outlet=outlet or None,
        author=author or None,
        published=date or None,
        url=url or None,
        source_type=kind,
        source_file=meta.get("source_file"),
    )


def _existing() -> Existing:
    return Existing(
        events=data.frame("events"),
        options=data.frame("options"),
        sources=data.sources(),
        countries=data.frame("countries"),
        actors=data.frame("actors"),
    )


def run_extraction(text: str, meta: ArticleMeta) -> None:
    """Check the input, extract with visible progress, keep the candidates for review."""
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
            "added twice. Open it on the Sources page."
        )
        st.page_link("pages/sources.py", label="Open it", query_params={"article": duplicate})
        return
    try:
        extractor = resources.extractor()
    except ValueError as exc:  # a bad row in the gazetteer CSV, named by file and line
        st.error(f"The gazetteer could not be read: {md(exc)}. Nothing was extracted or stored.")
        return
    with st.status("Extracting candidates…", expanded=True) as status:
        bar = st.progress(0.1, text="Reading the stored records to match against")
        existing = _existing()
        bar.progress(0.3, text="Finding countries, dates, people, events and options")
        candidates = ingest.extract(text, meta, existing, extractor=extractor)
        bar.progress(1.0, text="Matched candidates to stored records")
        matched = sum(1 for c in candidates.all if c.match)
        status.update(
            label=f"Found {len(candidates.events)} candidate events and "
            f"{len(candidates.options)} candidate policy options ({matched} match stored "
            "records)",
            state="complete",
            expanded=False,
        )
    st.session_state[CANDIDATES] = candidates


def article_text(candidates: Candidates) -> None:
    """The text with what was found marked ⟦like this⟧, as plain text, and the mentions."""
    extraction = candidates.extraction
    with st.expander("The article with what was found marked ⟦like this⟧"):
        st.code(
            present.highlighted(candidates.text, extraction),
            language=None,
            wrap_lines=True,
            height=360,
        )
        st.dataframe(
            present.mentions_frame(candidates.text, extraction),
            hide_index=True,
            width="stretch",
            column_config={
                "found": st.column_config.TextColumn("Found"),
                "text": st.column_config.TextColumn("Text in the article"),
                "start": st.column_config.NumberColumn("From character"),
                "end": st.column_config.NumberColumn("To character"),
            },
        )


def _table_config(kind: str, names: dict[str, str]) -> dict:
    import pycountry

    codes = sorted({c.alpha_3 for c in pycountry.countries} | {"XKX"})
    is_event = kind == "events"
    vocab = [v.value for v in (EventType if is_event else Instrument)]
    return {
        "key": st.column_config.TextColumn("Candidate", width="small"),
        "label": st.column_config.TextColumn(
            "Summary (our words)" if is_event else "Title (our words)", width="medium"
        ),
        "category": st.column_config.SelectboxColumn(
            "Type" if is_event else "Instrument", options=vocab, format_func=label
        ),
        "country": st.column_config.SelectboxColumn(
            "Country" if is_event else "Target",
            options=codes,
            format_func=lambda c: f"{names.get(c, c)} ({c})" if c in names else c,
        ),
        "date": st.column_config.TextColumn(
            "Date", help="2024-03-05, 2024-03, 2024 or 2024-W10; empty when not stated"
        )
        if is_event
        else None,
        "status": st.column_config.SelectboxColumn(
            "Status as of the article", options=[s.value for s in OptionStatus], format_func=label
        )
        if not is_event
        else None,
        "according_to": st.column_config.TextColumn("Named in the article"),
        "paragraph": st.column_config.NumberColumn("¶"),
        "quote": st.column_config.TextColumn("Quote (verbatim)", width="large"),
        "match": st.column_config.TextColumn("Same as stored record"),
    }


def _decision(candidate: Candidate, article_id: str) -> str | None:
    options = [ACCEPT, REJECT] + ([ADD_SOURCE] if candidate.match else [])
    number = candidate.key.split("-")[-1]
    left, right = st.columns([2, 5], vertical_alignment="center")
    with left:
        choice = st.segmented_control(
            f"{number}. {md(candidate.label)}",
            options=options,
            format_func=ACTION_LABELS.get,
            default=ADD_SOURCE if candidate.match else None,
            key=f"add_decide_{article_id}_{candidate.key}",
        )
    with right:
        st.caption(f"¶ {candidate.source.paragraph}: “{md(candidate.source.quote)}”")
        if candidate.match:
            st.caption(
                f"Same as the stored record {md(candidate.match.record_id)} "
                f"(“{md(candidate.match.label)}”): add this article as a source of it"
            )
    return choice


def _set_all(keys: list[str], action: str | None) -> None:
    for key in keys:
        st.session_state[key] = action


def review(candidates: Candidates) -> dict[str, Decision]:
    """Step 3: candidates in editable tables, an accept/reject control for each."""
    names = dict(zip(data.frame("countries")["iso3"], data.frame("countries")["name"], strict=True))
    article_id = candidates.article.id
    decisions: dict[str, Decision] = {}
    sections = (
        ("events", candidates.events, "Candidate events"),
        ("options", candidates.options, "Candidate policy options"),
    )
    for kind, items, title in sections:
        st.subheader(f"{title} ({len(items)})")
        if not items:
            st.caption("None found in this article.")
            continue
        st.caption(
            "Edit summaries, types, countries, dates and statuses in the table; the quote and "
            "paragraph are fixed by the text. Then accept, reject or add as source below. "
            "Only accepted candidates are saved."
        )
        config = {k: v for k, v in _table_config(kind, names).items() if v is not None}
        frame = present.candidates_frame(items)
        frame = frame.drop(columns="status") if kind == "events" else frame.drop(columns="date")
        edited = st.data_editor(
            frame,
            key=f"add_table_{kind}_{article_id}",
            column_config=config,
            disabled=["key", "according_to", "paragraph", "quote", "match"],
            hide_index=True,
            width="stretch",
            num_rows="fixed",
        )
        edits = present.table_edits(items, edited)
        keys = [f"add_decide_{article_id}_{c.key}" for c in items]
        bulk = st.columns([1, 1, 4])
        bulk[0].button("Accept all", key=f"add_all_{kind}", on_click=_set_all, args=(keys, ACCEPT))
        bulk[1].button(
            "Clear choices", key=f"add_none_{kind}", on_click=_set_all, args=(keys, None)
        )
        for candidate in items:
            action = _decision(candidate, article_id)
            if action:
                decisions[candidate.key] = Decision(action, edits.get(candidate.key, {}))
    return decisions


def save(candidates: Candidates, decisions: dict[str, Decision]) -> None:
    """Step 4: what will be saved, and the save button (one transaction; errors named)."""
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
    if st.button(
        "Save the article and the accepted records",
        type="primary",
        key="add_save",
        disabled=not writable,
    ):
        if not result.ok:
            st.error("Fix the problems above first. Nothing was stored.")
            return
        try:
            saved = ingest.save_review(
                data.store(), candidates, result, by=auth_ui.current_editor()
            )
        except DuplicateArticleError as exc:
            st.error(f"{md(exc)} Open it on the Sources page.")
            return
        except StoreError as exc:
            st.error(md(exc))
            return
        countries = sorted(
            {r.country for r in result.events} | {r.target for r in result.options if r.target}
        )
        st.session_state[SAVED] = {
            "id": saved.id,
            "summary": result.summary(),
            "countries": countries,
        }
        st.session_state.pop(CANDIDATES, None)
        st.rerun()


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


def discard() -> None:
    """Drop the extracted candidates (start again)."""
    st.session_state.pop(CANDIDATES, None)
