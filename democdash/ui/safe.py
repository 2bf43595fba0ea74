"""Text from articles and analysts is shown as text: never as HTML, markdown or directives."""

from __future__ import annotations

import re
import string

_PUNCT = re.compile("([" + re.escape(string.punctuation) + "])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: Streamlit's markdown (GFM) turns bare `http://...`, `www....` and `a@b.org` in *text* into
#: links, escaped or not. An invisible WORD JOINER (U+2060) after the scheme's colon, after
#: `www` and after `@` keeps such text from becoming a link to an outside host.
_WORD_JOINER = "\u2060"
_AUTOLINK = re.compile(r"(?i)\b(?:https?|ftp|mailto|xmpp):|\bwww(?=\.)|@")
#: Streamlit also swaps `:streamlit:` for its logo whatever the escaping: a joiner after a colon
#: that starts a word keeps every `:shortcode:` and `:directive[...]` as typed.
_SHORTCODE = re.compile(r":(?=\w)")


def md(text: object) -> str:
    """`text` escaped for `st.markdown`/`st.caption`: every ASCII punctuation mark is
    backslash-escaped (CommonMark allows it), so links, images, emphasis, HTML, `:emoji:`,
    `:color[...]` and `$math$` all show literally; control characters are dropped,
    newlines kept as spaces, and bare URLs and e-mail addresses kept from being linked."""
    value = "" if text is None else str(text)
    value = _CONTROL.sub("", value).replace("\r", " ").replace("\n", " ")
    value = _AUTOLINK.sub(lambda m: m.group(0) + _WORD_JOINER, value)
    value = _SHORTCODE.sub(":" + _WORD_JOINER, value)
    return _PUNCT.sub(r"\\\1", value)


def plain(text: object, limit: int | None = None) -> str:
    """`text` without control characters, clipped to `limit` characters with an ellipsis."""
    value = _CONTROL.sub("", "" if text is None else str(text))
    if limit is not None and len(value) > limit:
        return value[: limit - 1] + "…"
    return value
