"""One version of the guidelines as a plain document: what the pages, the comparison and the exports read."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from course.guidelines.rules import Rules


@dataclass(frozen=True)
class DocumentSection:
    key: str  # a standard key such as "disclosure", or "custom-<n>" for a section the organisation added
    title: str
    body: str  # Markdown, as the editors wrote it


@dataclass(frozen=True)
class GuidelinesDocument:
    organisation: str  # the organisation's name
    number: int  # the version number, from 1
    is_published: bool
    dated_at: datetime  # published at, or last saved for a draft (timezone-aware UTC)
    note: str  # the note the version was published with ("" for a draft)
    language: str  # "de" or "en": the language the text is written in
    sections: list[DocumentSection] = field(default_factory=list)  # in order, skipped sections left out
    rules: Rules = field(default_factory=lambda: Rules())
