"""The registry of exporters: one per model area, each gathering what Vernetzt holds about one person.

Every column that refers to a person (a foreign key to ``users.id``) is either covered by an exporter or named
in ``NOT_EXPORTED`` with the reason; a test walks the database's tables and fails on one that is neither.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from flask_babel import lazy_gettext as _l

from course.accounts.models import User

Row = dict[str, Any]


@dataclass(frozen=True)
class Exporter:
    key: str  # the section's key in data.json
    title: Any  # a lazy string: the section's heading on the readable page
    columns: tuple[str, ...]  # the "table.column" references to users.id whose rows it exports
    rows: Callable[[User], list[Row]]


EXPORTERS: list[Exporter] = []

# Columns referring to a person whose rows are not that person's data, and why.
NOT_EXPORTED: dict[str, Any] = {
    "guideline_versions.created_by_id": _l("Who drafted the organisation's guidelines: the organisation's "
                                           "document, not the person's."),
    "guideline_versions.updated_by_id": _l("Who last changed the organisation's guidelines: the organisation's "
                                           "document."),
    "guideline_versions.published_by_id": _l("Who published the organisation's guidelines: the organisation's "
                                             "document."),
    "events.created_by_id": _l("Who planned an event: the organisation's event."),
    "wall_posts.moderated_by_id": _l("Who moderated a post on an event's wall: a staff action on another "
                                     "person's post."),
    "reviews.hidden_by_id": _l("Which trainer hid a review: a staff action on other people's feedback."),
    "reminders.sent_by_id": _l("Which trainer sent a reminder: exported for the person reminded."),
    "circle_rounds.started_by_id": _l("Who started a circle's round: the circle's, not one person's."),
    "follow_marks.followed_id": _l("Another person's private mark that they follow this person: theirs to "
                                   "download, not this person's."),
}


def exporter(key: str, title: Any, *columns: str) -> Callable[[Callable[[User], list[Row]]], Callable]:
    """Register the decorated function as the exporter of ``columns`` under ``key``."""
    def decorator(rows: Callable[[User], list[Row]]) -> Callable[[User], list[Row]]:
        EXPORTERS.append(Exporter(key, title, columns, rows))
        return rows
    return decorator


def exported_columns() -> set[str]:
    """Every "table.column" some exporter covers."""
    return {column for entry in EXPORTERS for column in entry.columns}


def plain(value: Any) -> Any:
    """``value`` as JSON holds it: times in ISO 8601, enums by their value, nested values likewise."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


def fields(row: object, names: Iterable[str]) -> Row:
    """The named attributes of ``row`` as a plain dict."""
    return {name: plain(getattr(row, name)) for name in names}
