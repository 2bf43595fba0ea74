"""Text from articles and analysts is shown as text: never as HTML, markdown or directives."""

from __future__ import annotations

import re
import string

_PUNCT = re.compile("([" + re.escape(string.punctuation) + "])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def md(text: object) -> str:
    """`text` escaped for `st.markdown`/`st.caption`: every ASCII punctuation mark is
    backslash-escaped (CommonMark allows it), so links, images, emphasis, HTML, `:emoji:`,
    `:color[...]` and `$math$` all show literally; control characters are dropped and
    newlines kept as spaces."""
    value = "" if text is None else str(text)
    value = _CONTROL.sub("", value).replace("\r", " ").replace("\n", " ")
    return _PUNCT.sub(r"\\\1", value)


def plain(text: object, limit: int | None = None) -> str:
    """`text` without control characters, clipped to `limit` characters with an ellipsis."""
    value = _CONTROL.sub("", "" if text is None else str(text))
    if limit is not None and len(value) > limit:
        return value[: limit - 1] + "…"
    return value
