"""The one cleaning every text people type gets, whichever way it arrives: a form, the composer's autosave, an answer."""
from __future__ import annotations

import re

# NUL and the other control characters a keyboard cannot type; tab and newline stay. PostgreSQL refuses
# NUL in text, and none of them shows on a page, so they only ever hide something.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_user_text(text: str | None) -> str:
    """``text`` with one kind of line ending (``\\n``, as a textarea sends) and no control characters."""
    if not text:
        return ""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
