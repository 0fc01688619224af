"""Comparing two versions of a text word by word."""
from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

_TOKEN = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Segment:
    """A run of text that is in both versions (``same``), only the older (``removed``) or only the newer (``added``)."""

    change: str
    text: str


def word_diff(older: str, newer: str) -> list[Segment]:
    """The segments that turn ``older`` into ``newer``, compared as words and the spaces between."""
    before, after = _TOKEN.findall(older), _TOKEN.findall(newer)
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag == "equal":
            _append(segments, "same", before[i1:i2])
            continue
        if tag in ("delete", "replace"):
            _append(segments, "removed", before[i1:i2])
        if tag in ("insert", "replace"):
            _append(segments, "added", after[j1:j2])
    return segments


def _append(segments: list[Segment], change: str, tokens: list[str]) -> None:
    text = "".join(tokens)
    if not text:
        return
    if segments and segments[-1].change == change:
        segments[-1] = Segment(change, segments[-1].text + text)
    else:
        segments.append(Segment(change, text))
