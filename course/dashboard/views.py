"""The trainer's dashboard: the overview, its CSV exports, reminders, a learner's page, and the survey's shift."""

from dataclasses import replace

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user

from course.audit.services import record, record_access
from course.cohorts.queries import get_cohort_or_404, get_member_or_404
from course.curriculum.library import lessons
from course.curriculum.queries import today
from course.dashboard import bp, reminders
from course.dashboard.attention import DEFAULT_IDLE_DAYS, needing_attention
from course.dashboard.export import learners_csv, lessons_csv, shift_csv
from course.dashboard.forms import FilterForm, RemindForm
from course.dashboard.pages.aggregate import aggregate_page
from course.dashboard.pages.learner import learner_page, learner_rows
from course.dashboard.pages.overview import Filters, overview_page
from course.dashboard.pages.shift import shift_page
from course.dashboard.progress import load_progress
from course.dashboard.reminders import Nudge, can_remind, send_reminders
from course.dashboard.shift import cohort_shift, load_answers
from course.database import utcnow
from course.downloads import download
from course.extensions import db
from course.forms import confirm_or_400
from course.permissions import staff_required
from course.surveys.series import survey_series
from course.works_council.visibility import is_restricted, may_see_person, shift_minimum, visible_people


@bp.get("/<int:cohort_id>/dashboard")
@staff_required
def overview(cohort_id: int):
    cohort = get_cohort_or_404(current_user, cohort_id)
    now = utcnow()
    progress = load_progress(cohort, lessons.curriculum, now)
    form = FilterForm(progress.circles, request.args)
    form.validate()
    filters = Filters(form.value("track"), form.value("circle"), form.value("days"), form.value("page"))
    if is_restricted(cohort.organisation):
        page = aggregate_page(progress, lessons.curriculum, now, today(), filters.days)
        return render_template("dashboard/aggregate.html", cohort=cohort, dashboard=page, filters=filters,
                               remind_form=RemindForm(days=filters.days))
    dashboard = overview_page(progress, lessons.curriculum, filters, now, today())
    return render_template("dashboard/overview.html", cohort=cohort, dashboard=dashboard, form=form,
                           filters=filters, remind_form=RemindForm(days=filters.days))


@bp.get("/<int:cohort_id>/export/<any(learners, lessons):kind>.csv")
@staff_required
def export(cohort_id: int, kind: str):
    cohort = get_cohort_or_404(current_user, cohort_id)
    now = utcnow()
    progress = load_progress(cohort, lessons.curriculum, now)
    # In the works-council mode the rows are those of the people who share their progress.
    progress.learners = visible_people(cohort.organisation, progress.learners, lambda learner: learner.user)
    if kind == "learners":
        data = learners_csv(progress, lessons.curriculum, needing_attention(progress, now, DEFAULT_IDLE_DAYS))
    else:
        data = lessons_csv(progress, lessons.curriculum)
    name = f"{cohort.name} – {_('learners') if kind == 'learners' else _('lessons')}.csv"
    if progress.learners:
        record(current_user, "export.downloaded", organisation_id=cohort.organisation_id,
               detail=f"{kind}.csv of cohort {cohort.id} ({cohort.name}): {len(progress.learners)} people")
        db.session.commit()
    return download(data, "text/csv", name)


@bp.post("/<int:cohort_id>/reminders")
@staff_required
def remind(cohort_id: int):
    """Remind everyone who needs attention (as the dashboard showed it) and was not reminded today."""
    cohort = get_cohort_or_404(current_user, cohort_id)
    form = RemindForm()
    confirm_or_400(form)  # a token or a number of days not from our page
    days = form.days.data
    now = utcnow()
    progress = load_progress(cohort, lessons.curriculum, now)
    attention = needing_attention(progress, now, days)
    nudges = [Nudge(learner.user, attention.remindable_reasons(learner), learner.reminded_at)
              for learner in attention.remindable]
    sent, left_out = send_reminders(cohort, nudges, current_user, now)
    db.session.commit()
    _say_sent(sent, left_out)
    return redirect(url_for("dashboard.overview", cohort_id=cohort.id, days=days))


@bp.post("/<int:cohort_id>/learners/<int:user_id>/remind")
@staff_required
def remind_learner(cohort_id: int, user_id: int):
    cohort = get_cohort_or_404(current_user, cohort_id)
    confirm_or_400()
    now = utcnow()
    progress = load_progress(cohort, lessons.curriculum, now, only=user_id)
    if not progress.learners:
        abort(404)
    learner = progress.learners[0]
    if not may_see_person(cohort.organisation, learner.user):
        return _not_shared(cohort)
    allowed, blocked = can_remind(learner.user, learner.reminded_at, now)
    if allowed:
        attention = needing_attention(progress, now, DEFAULT_IDLE_DAYS)
        send_reminders(cohort, [Nudge(learner.user, attention.remindable_reasons(learner), learner.reminded_at)],
                       current_user, now)
        db.session.commit()
        flash(_("A reminder is on its way to %(name)s.", name=learner.user.name), "success")
    else:
        flash(blocked or "", "info")
    if request.form.get("back") == "dashboard":
        return redirect(url_for("dashboard.overview", cohort_id=cohort.id))
    return redirect(url_for("dashboard.learner", cohort_id=cohort.id, user_id=user_id))


def _not_shared(cohort):
    """The page instead of a person's data: the organisation runs the works-council mode and they do not share."""
    return render_template("works_council/not_shared.html", cohort=cohort), 403


def _say_sent(sent: int, left_out: int) -> None:
    if sent:
        flash(ngettext("%(num)d reminder sent.", "%(num)d reminders sent.", sent), "success")
    if left_out:
        flash(ngettext("%(num)d person was left out: reminded in the last 24 hours.",
                       "%(num)d people were left out: reminded in the last 24 hours.", left_out), "info")
    if not sent and not left_out:
        flash(_("Nobody needs a reminder right now."), "info")


@bp.get("/<int:cohort_id>/learners/<int:user_id>")
@staff_required
def learner(cohort_id: int, user_id: int):
    cohort = get_cohort_or_404(current_user, cohort_id)
    member = get_member_or_404(cohort, user_id)
    if not may_see_person(cohort.organisation, member.user):
        return _not_shared(cohort)
    record_access(current_user, "person.viewed", member.user, f"learner page in cohort {cohort.id}")
    now = utcnow()
    rows = learner_rows(member.user)
    page = learner_page(cohort, member, rows, str(get_locale()), now)
    can_remind, remind_blocked = reminders.can_remind(member.user, rows.last_reminded, now)
    html = render_template("dashboard/learner.html", cohort=cohort, page=page, can_remind=can_remind,
                           remind_blocked=remind_blocked)
    db.session.commit()  # after rendering: the page's rows stay loaded
    return html


@bp.get("/<int:cohort_id>/survey-shift")
@staff_required
def shift(cohort_id: int):
    cohort = get_cohort_or_404(current_user, cohort_id)
    series = survey_series(lessons.curriculum) or abort(404)
    minimum = shift_minimum(cohort.organisation)
    page = shift_page(cohort_shift(load_answers(cohort, series), series, minimum), series, str(get_locale()))
    return render_template("dashboard/shift.html", cohort=cohort, page=replace(page, min_group=minimum))


@bp.get("/<int:cohort_id>/survey-shift.csv")
@staff_required
def shift_export(cohort_id: int):
    cohort = get_cohort_or_404(current_user, cohort_id)
    series = survey_series(lessons.curriculum) or abort(404)
    data = shift_csv(cohort_shift(load_answers(cohort, series), series, shift_minimum(cohort.organisation)), series)
    return download(data, "text/csv", f"{cohort.name} – {_('survey before and after')}.csv")
