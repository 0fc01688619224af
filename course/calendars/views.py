"""My calendar, the .ics downloads, and the subscription feed that calendar apps fetch without signing in."""
from flask import render_template
from flask_babel import get_locale
from flask_login import current_user, login_required
from icalendar import Calendar

from course.calendars import CALENDAR_ROLES, bp, pages, queries, services
from course.calendars.calendars import CALENDAR_TYPE, calendar_language, cohort_calendar, my_calendar, review_calendar
from course.downloads import download
from course.extensions import db
from course.forms import confirm_or_400
from course.permissions import role_required

calendar_users = role_required(*CALENDAR_ROLES)


def _ics(calendar: Calendar, name: str, *, inline: bool = False):
    return download(calendar.to_ical(), CALENDAR_TYPE, name, inline=inline)


@bp.get("/")
@calendar_users
def index():
    return render_template("calendars/index.html", page=pages.calendar_page(current_user, str(get_locale())))


@bp.post("/link")
@calendar_users
def new_link():
    confirm_or_400()
    token = services.make_calendar_link(current_user)
    db.session.commit()
    # Shown on this answer only, never redirected to: a secret in a URL would land in the history and the logs.
    return render_template("calendars/index.html",
                           page=pages.calendar_page(current_user, str(get_locale()), new_token=token))


@bp.get("/mine.ics")
@calendar_users
def mine():
    return _ics(my_calendar(current_user, calendar_language(current_user)), "vernetzt-my-calendar.ics")


@bp.get("/reviews.ics")
@calendar_users
def reviews():
    return _ics(review_calendar(current_user, calendar_language(current_user)), "vernetzt-reviews.ics")


@bp.get("/cohorts/<int:cohort_id>/stages.ics")
@login_required
def cohort_stages(cohort_id: int):
    cohort = queries.get_calendar_cohort_or_404(current_user, cohort_id)
    return _ics(cohort_calendar(cohort, calendar_language(current_user)), f"vernetzt-stages-{cohort.name}.ics")


@bp.get("/<token>.ics")
def feed(token: str):
    owner = queries.feed_owner_or_404(token)
    response = _ics(my_calendar(owner, calendar_language(owner)), "vernetzt.ics", inline=True)
    response.cache_control.private = True  # the security headers keep it, and add no-store
    return response
