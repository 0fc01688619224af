"""Calendars: a cohort's stage dates, a person's review due dates and their combined calendar as iCalendar files,
and a private subscription link for calendar apps that cannot sign in."""
from flask import Blueprint

from course.accounts.models import Role
from course.calendars.log_filter import hide_feed_tokens

# Who has a calendar of their own: the people with reviews to write (admins have none).
CALENDAR_ROLES = (Role.LEARNER, Role.TRAINER)

bp = Blueprint("calendars", __name__, url_prefix="/calendar")
bp.record(lambda state: hide_feed_tokens(state.app.logger))
