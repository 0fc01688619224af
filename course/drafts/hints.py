"""Hints beside a draft: the place the organisation's guidelines plug their rules into.

A hint source is a function ``(HintContext) -> list[Hint]``. Sources register
with ``hint_source``; the composer asks every source on each save, so a rule
never blocks silently — it explains, next to the text it is about.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from course.accounts.models import User


@dataclass(frozen=True)
class HintContext:
    user: User
    lesson_slug: str
    texts: dict[str, str]  # part key: text
    platforms: dict[str, str | None]  # part key: platform key (None for profile fields)


@dataclass(frozen=True)
class Hint:
    message: str
    part: str | None = None  # the part it is about; None for the whole draft
    link: str | None = None  # where to read more, e.g. a section of the guidelines
    link_text: str | None = None


HintSource = Callable[[HintContext], list[Hint]]
_SOURCES: list[HintSource] = []


def hint_source(source: HintSource) -> HintSource:
    """Register ``source``; usable as a decorator."""
    if source not in _SOURCES:
        _SOURCES.append(source)
    return source


def remove_hint_source(source: HintSource) -> None:
    if source in _SOURCES:
        _SOURCES.remove(source)


def hints_for(context: HintContext) -> list[Hint]:
    """Every registered source's hints for the draft in ``context``."""
    return [hint for source in _SOURCES for hint in source(context)]
