"""Dates read the same unambiguous way everywhere: day first, the month as a word, a 24-hour clock."""
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from flask import render_template_string
from flask_babel import force_locale

from course.dates import format_day, format_for_export, format_moment
from course.extensions import db
from tests.conftest import open_every_stage

EVENING = datetime(2026, 12, 1, 19, 39, tzinfo=UTC)  # 20:39 in Berlin, the course's time zone
ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(("language", "moment", "day", "long_day"), [
    ("en", "1 Dec 2026, 20:39", "1 Dec 2026", "1 December 2026"),
    ("de", "1. Dez. 2026, 20:39", "1. Dez. 2026", "1. Dezember 2026"),
])
def test_both_languages_put_the_day_first_and_use_a_24_hour_clock(app, language, moment, day, long_day):
    with app.test_request_context(), force_locale(language):
        assert format_moment(EVENING) == moment
        assert (format_day(EVENING), format_day(date(2026, 12, 1), long=True)) == (day, long_day)
        # Templates' filters, whatever style they ask for, read the same way.
        assert render_template_string("{{ t|datetimeformat('short') }}", t=EVENING) == moment
        assert render_template_string("{{ t|dateformat('medium') }} / {{ t|dateformat('long') }}",
                                      t=date(2026, 12, 1)) == f"{day} / {long_day}"


def test_exports_use_sortable_dates(app):
    with app.test_request_context():
        assert format_for_export(EVENING) == "2026-12-01 20:39" and format_for_export(None) == ""


def test_a_page_shows_a_date_the_unambiguous_way(client, auth, trainer, learner):
    cohort = open_every_stage(learner)
    learner.last_seen_at = EVENING
    db.session.commit()
    auth.login(trainer.email)
    html = client.get(f"/cohorts/{cohort.id}/people").get_data(as_text=True)
    assert "1 Dec 2026, 20:39" in html and "12/1/26" not in html


def test_dates_are_formatted_in_one_place():
    """Python code formats dates through course.dates only, so a format changes in one place."""
    offenders = [str(path.relative_to(ROOT)) for path in (ROOT / "course").rglob("*.py")
                 if path.name != "dates.py"
                 and re.search(r"\bformat_(date|datetime|time|skeleton)\b", path.read_text(encoding="utf-8"))]
    assert offenders == []
