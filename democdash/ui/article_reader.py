"""The article as a reader, in review: every sentence clickable, the proposed events and
options highlighted, the picked sentence outlined.

A custom component v2 (mounted in the page, no iframe, no build step) draws the paragraphs;
the article's words reach the page only as text nodes (`textContent`), never as HTML, so a
hostile text stays text. A click (or Enter on a focused sentence) picks it, which sets the
sentence picker below it: the picker is the same choice for keyboards, screen readers and
tests.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from democdash.ingest.review_form import MarkedSentence

_CSS = """
.dd-reader { max-height: 30rem; overflow-y: auto; padding: 0.25rem 0.75rem;
  border: 1px solid rgba(49, 51, 63, 0.2); border-radius: 0.5rem; line-height: 1.7; }
.dd-reader p { margin: 0 0 0.8rem 0; }
.dd-reader .dd-n { color: #6b7280; font-size: 0.75rem; margin-right: 0.35rem; }
.dd-reader span.dd-s { cursor: pointer; border-radius: 0.2rem; padding: 0 0.05rem; }
.dd-reader span.dd-s:hover, .dd-reader span.dd-s:focus { background: #e5e7eb; outline: none; }
.dd-reader span.dd-event { background: #dbeafe; border-bottom: 2px solid #2563eb; }
.dd-reader span.dd-option { background: #fef3c7; border-bottom: 2px solid #d97706; }
.dd-reader span.dd-promoted { background: #dcfce7; border-bottom: 2px solid #16a34a; }
.dd-reader span.dd-possible { border-bottom: 2px dashed #d97706; }
.dd-reader span.dd-picked { outline: 2px solid #111827; outline-offset: 1px; }
"""

_JS = """
export default function ({ parentElement, data, setTriggerValue }) {
  const root = parentElement;
  let box = root.querySelector(".dd-reader");
  if (!box) {
    box = document.createElement("div");
    box.className = "dd-reader";
    box.setAttribute("role", "document");
    box.setAttribute("aria-label", "The article; pick a sentence to review it");
    root.appendChild(box);
  }
  box.replaceChildren();
  let para = null, current = null;
  for (const s of data.sentences) {
    if (s.paragraph !== current) {
      para = document.createElement("p");
      const n = document.createElement("span");
      n.className = "dd-n";
      n.textContent = "¶ " + s.paragraph;
      para.appendChild(n);
      box.appendChild(para);
      current = s.paragraph;
    }
    const span = document.createElement("span");
    span.className = ["dd-s", ...s.marks.map((m) => "dd-" + m)].join(" ");
    if (s.index === data.picked) span.classList.add("dd-picked");
    span.textContent = s.text;
    span.tabIndex = 0;
    span.setAttribute("role", "button");
    span.dataset.index = String(s.index);
    const pick = () => setTriggerValue("picked", s.index);
    span.addEventListener("click", pick);
    span.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); pick(); }
    });
    para.appendChild(span);
    para.appendChild(document.createTextNode(" "));
  }
}
"""

_reader = st.components.v2.component("democdash_article_reader", css=_CSS, js=_JS)

#: What each mark means, for the legend above the reader.
LEGEND = (
    ":blue-background[proposed event] · :orange-background[proposed option] · "
    "dashed: also possible · :green-background[made by you] · click a sentence to review it"
)


def reader(sentences: Sequence[MarkedSentence], picked_key: str, widget_key: str) -> None:
    """Draw the article; a click sets `st.session_state[picked_key]` (the picker's value)."""

    def on_pick() -> None:
        state = st.session_state.get(widget_key)
        value = getattr(state, "picked", None)
        if value is None and hasattr(state, "get"):
            value = state.get("picked")
        if value is not None:
            st.session_state[picked_key] = int(value)

    st.caption(LEGEND)
    _reader(
        key=widget_key,
        data={
            "sentences": [
                {"index": s.index, "paragraph": s.paragraph, "text": s.text, "marks": s.marks}
                for s in sentences
            ],
            "picked": st.session_state.get(picked_key),
        },
        on_picked_change=on_pick,
    )


def sentence_label(sentence: MarkedSentence) -> str:
    """How a sentence reads in the picker: "¶ 2 · proposed option · The EU should…"."""
    marks = {"event": "proposed event", "option": "proposed option", "possible": "also possible"}
    what = ", ".join(marks.get(m, "made by you") for m in sentence.marks)
    text = sentence.text if len(sentence.text) <= 90 else sentence.text[:89] + "…"
    return f"¶ {sentence.paragraph}{' · ' + what if what else ''} · {text}"
