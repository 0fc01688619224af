"""How dates and times read on every page, mail and export: the one home of the formats.

Day before month, the month as a word, a 24-hour clock, in both languages
("1 Dec 2026, 20:39", "1. Dez. 2026, 20:39"), so no reader has to guess
whether 12/1 is the first of December or the twelfth of January. Times are
shown in the course's time zone (Flask-Babel's ``BABEL_DEFAULT_TIMEZONE``).
"""
from __future__ import annotations

from datetime import date, datetime

from flask import Flask
from flask_babel import format_date, format_datetime, get_locale

PATTERNS = {
    "en": {"day": "d MMM y", "long_day": "d MMMM y", "moment": "d MMM y, HH:mm",
           "day_month": "d MMM", "month": "MMM y"},
    "de": {"day": "d. MMM y", "long_day": "d. MMMM y", "moment": "d. MMM y, HH:mm",
           "day_month": "d. MMM", "month": "MMM y"},
}
EXPORT_PATTERN = "yyyy-MM-dd HH:mm"  # for spreadsheets: sorts as text, reads the same everywhere


def _pattern(name: str) -> str:
    locale = get_locale()
    return PATTERNS.get(locale.language if locale else "en", PATTERNS["en"])[name]


def format_day(value: date | datetime, long: bool = False) -> str:
    """The day of ``value``: "1 Dec 2026" ("1 December 2026" when ``long``)."""
    return format_date(value, _pattern("long_day" if long else "day"))


def format_moment(value: datetime) -> str:
    """Day and time of ``value``: "1 Dec 2026, 20:39"."""
    return format_datetime(value, _pattern("moment"))


def format_axis_day(value: date, *, with_year: bool, by_month: bool = False) -> str:
    """A chart's tick: "1 Dec", with the year "1 Dec 2026", ``by_month`` "Dec 2026"."""
    if by_month and with_year:
        return format_date(value, _pattern("month"))
    return format_date(value, _pattern("day" if with_year else "day_month"))


def format_for_export(value: datetime | None) -> str:
    """Day and time for a CSV cell, "2026-12-01 20:39"; empty for no time."""
    return format_datetime(value, EXPORT_PATTERN) if value else ""


def day_filter(value: date | datetime | None, style: str = "medium") -> str:
    """Jinja's ``dateformat``: only "long" is told apart, as the month written out."""
    return format_day(value, long=style == "long") if value else ""


def moment_filter(value: datetime | None, style: str = "medium") -> str:  # noqa: ARG001 - one format for all
    """Jinja's ``datetimeformat``: every style reads as day and time."""
    return format_moment(value) if value else ""


def init_dates(app: Flask) -> None:
    """Route the templates' ``dateformat`` and ``datetimeformat`` (Flask-Babel's names) through these formats."""
    app.add_template_filter(day_filter, "dateformat")
    app.add_template_filter(moment_filter, "datetimeformat")
