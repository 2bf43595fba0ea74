"""How far to trust a source and a claim, on the pages: the Admiralty legend, grades shown
beside sources, and the editors' controls that grade an outlet, an author or an article
(reliability A-F) or a claim (credibility 1-6, one source or the whole record).

The grades live in the store (`democdash.store.grades`, audited) and are applied on read; the
frames carry them in words (`reliability` on articles, `credibility` on sources, see
`democdash.grading`). Only a session that may write sees the controls.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from democdash.grading import UNASSESSED as UNASSESSED
from democdash.models import ClaimGrade, CredibilityGrade, ReliabilityGrade, SourceGrade, SourceRef
from democdash.text import quoted
from democdash.ui import auth as auth_ui
from democdash.ui import data
from democdash.ui.safe import md
from democdash.vocab import CREDIBILITY_MEANING, RELIABILITY_MEANING

#: Subjects an editor grades the reliability of, in words.
SUBJECTS = {"outlet": "an outlet", "author": "an author", "article": "one article"}
#: What a claim grade applies to when no single source is chosen.
WHOLE_RECORD = "__record__"


def legend_text() -> str:
    """The Admiralty codes in one short markdown block (reliability A-F, credibility 1-6)."""
    rel = " · ".join(f"**{k}** {v}" for k, v in RELIABILITY_MEANING.items())
    cred = " · ".join(f"**{k}** {v}" for k, v in CREDIBILITY_MEANING.items())
    return (
        f"Source reliability: {rel}.  \nClaim credibility: {cred}.  \n"
        f"“{UNASSESSED}”: nobody has graded it yet; an article takes its outlet's or its "
        "author's grade unless it has its own."
    )


def legend() -> None:
    """The Admiralty codes, folded."""
    with st.expander("Grades: the Admiralty codes"):
        st.markdown(legend_text())


def source_grades_line(reliability: object, credibility: object) -> str:
    """ "source reliability: B (...), graded by ...; claim credibility: unassessed" (escaped)."""
    rel = reliability if isinstance(reliability, str) and reliability else UNASSESSED
    cred = credibility if isinstance(credibility, str) and credibility else UNASSESSED
    return md(f"source reliability: {rel} · claim credibility: {cred}")


def _editor() -> str | None:
    """Who grades in this session, or None when it may not write."""
    return auth_ui.current_editor() if auth_ui.can_write() else None


def claim_controls(kind: str, record_id: str, sources: pd.DataFrame, key: str) -> None:
    """For editors: grade the credibility (1-6) of the whole record or of one of its sources
    (`sources`: the record's rows of the sources frame)."""
    who = _editor()
    if who is None:
        return
    options = [WHOLE_RECORD, *range(len(sources))]
    rows = sources.reset_index(drop=True)

    def describe(choice: object) -> str:
        if choice == WHOLE_RECORD:
            return "the whole record (its sources without a grade of their own take it)"
        row = rows.iloc[int(choice)]  # type: ignore[arg-type]
        return f"{row['article']} ¶{row['paragraph']}: {quoted(str(row['quote']), words=10)}"

    with st.expander("Grade this claim's credibility", icon=":material/grading:"):
        target = st.selectbox("Grade", options, format_func=describe, key=f"{key}_target")
        grade = st.selectbox(
            "Credibility",
            list(CREDIBILITY_MEANING),
            format_func=lambda g: f"{g}: {CREDIBILITY_MEANING[g]}",
            key=f"{key}_grade",
        )
        note = st.text_input("Note (optional)", key=f"{key}_note")
        if st.button("Save the grade", key=f"{key}_save"):
            source = None
            if target != WHOLE_RECORD:
                row = rows.iloc[int(target)]
                source = SourceRef(
                    article=row["article"], paragraph=int(row["paragraph"]), quote=row["quote"]
                )
            data.store().grade_claim(
                ClaimGrade(
                    kind=kind,  # type: ignore[arg-type]
                    record_id=record_id,
                    source=source,
                    credibility=CredibilityGrade(
                        grade=grade, by=who, on=date.today(), note=note or None
                    ),
                ),
                by=who,
            )
            st.toast(f"Graded {grade} by {who}.")
            st.rerun()


def source_controls(articles: pd.DataFrame, key: str = "grade_source") -> None:
    """For editors: grade an outlet's, an author's or one article's reliability (A-F); an
    article's own grade overrides the one it inherits."""
    who = _editor()
    if who is None:
        return
    with st.expander("Grade a source's reliability", icon=":material/grading:"):
        subject = st.segmented_control(
            "What to grade",
            list(SUBJECTS),
            format_func=SUBJECTS.get,
            default="outlet",
            key=f"{key}_subject",
        )
        subject = subject or "outlet"
        if subject == "article":
            citations = dict(zip(articles["id"], articles["citation"], strict=True))
            names = list(citations)
            name = st.selectbox("Article", names, format_func=citations.get, key=f"{key}_article")
        else:
            names = sorted({str(v) for v in articles[subject].dropna() if str(v).strip()})
            name = st.selectbox(subject.capitalize(), names, key=f"{key}_{subject}")
        grade = st.selectbox(
            "Reliability",
            list(RELIABILITY_MEANING),
            format_func=lambda g: f"{g}: {RELIABILITY_MEANING[g]}",
            key=f"{key}_grade",
        )
        note = st.text_input("Note (optional)", key=f"{key}_note")
        if st.button("Save the grade", key=f"{key}_save", disabled=not name):
            data.store().save_source_grade(
                SourceGrade(
                    subject=subject,  # type: ignore[arg-type]
                    name=str(name),
                    reliability=ReliabilityGrade(
                        grade=grade, by=who, on=date.today(), note=note or None
                    ),
                ),
                by=who,
            )
            st.toast(f"Graded {grade} by {who}.")
            st.rerun()
