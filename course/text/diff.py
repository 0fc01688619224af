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
    apart: bool = False  # shown with a space before it: an addition right after a removal with none between


def word_diff(older: str, newer: str) -> list[Segment]:
    """The segments that turn ``older`` into ``newer``, compared as words and the spaces between."""
    return _segments(_TOKEN.findall(older), _TOKEN.findall(newer), lambda token: token)


def _spacing_blind(token: str) -> str:
    return " " if token.isspace() else token


def _segments(before: list[str], after: list[str], key) -> list[Segment]:
    """Compare the tokens by ``key``; a run equal by key is shown as the newer text."""
    segments: list[Segment] = []
    matcher = SequenceMatcher(None, [key(t) for t in before], [key(t) for t in after], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _append(segments, "same", after[j1:j2])
            continue
        if tag in ("delete", "replace"):
            _append(segments, "removed", before[i1:i2])
        if tag in ("insert", "replace"):
            _append(segments, "added", after[j1:j2])
    return segments


def shown_diff(older: str, newer: str) -> list[Segment]:
    """The segments as a page shows them: changed words only.

    A change of spacing alone (spaces, line breaks) is shown as the newer
    spacing, unmarked, so no empty struck or underlined block appears; an
    addition right after a removal is set apart, so "app." replaced by
    "week." reads as two words, not "app.week.".
    """
    peeled: list[Segment] = []
    for segment in _segments(_TOKEN.findall(older), _TOKEN.findall(newer), _spacing_blind):
        if segment.change == "added" and not segment.text.strip():
            peeled.append(Segment("same", segment.text))
        elif segment.change == "added":
            core = segment.text.strip()
            lead, trail = segment.text[:len(segment.text) - len(segment.text.lstrip())], \
                segment.text[len(segment.text.rstrip()):]
            peeled += [Segment(change, text) for change, text in (("same", lead), ("added", core), ("same", trail))
                       if text]
        else:
            peeled.append(segment)
    segments: list[Segment] = []
    for index, segment in enumerate(peeled):
        if segment.change == "removed" and not segment.text.strip():
            following = peeled[index + 1] if index + 1 < len(peeled) else None
            if following is not None and following.change != "removed" and following.text[:1].isspace():
                continue  # the newer spacing that follows takes its place
            segment = Segment("same", segment.text)
        _append(segments, segment.change, [segment.text])
    return [_set_apart(segment, segments[index - 1] if index else None) for index, segment in enumerate(segments)]


def differs_only_in_spacing(older: str, newer: str) -> bool:
    """Whether the two texts differ, but only in spaces and line breaks."""
    return older != newer and older.split() == newer.split()


def _set_apart(segment: Segment, previous: Segment | None) -> Segment:
    if segment.change == "added" and previous is not None and previous.change == "removed" \
            and not previous.text[-1:].isspace() and not segment.text[:1].isspace():
        return Segment(segment.change, segment.text, apart=True)
    return segment


def _append(segments: list[Segment], change: str, tokens: list[str]) -> None:
    text = "".join(tokens)
    if not text:
        return
    if segments and segments[-1].change == change:
        segments[-1] = Segment(change, segments[-1].text + text)
    else:
        segments.append(Segment(change, text))
