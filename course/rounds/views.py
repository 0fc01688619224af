"""A circle's rounds after the course, for its members: start one, set a goal, check in."""
from collections.abc import Callable

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from course.accounts.models import Role
from course.curriculum.library import lessons
from course.database import utcnow
from course.extensions import db
from course.forms import confirm_or_400
from course.permissions import role_required
from course.rounds import bp, queries, services
from course.rounds.forms import CheckInForm, GoalForm
from course.rounds.models import CircleRound
from course.rounds.pages import round_page, rounds_page


@bp.get("/rounds")
@role_required(Role.LEARNER)
def index():
    now = utcnow()
    membership = queries.my_membership(current_user)
    page = rounds_page(current_user, membership, now)
    running = next((link for link in page.rounds if link.is_running), None)
    if running is not None:
        return redirect(running.url)
    return render_template("rounds/index.html", page=page)


@bp.post("/rounds")
@role_required(Role.LEARNER)
def start():
    confirm_or_400()
    membership = queries.my_membership(current_user)
    if membership is None or membership.circle is None:
        abort(404)
    try:
        round_ = services.start_round(current_user, membership.circle, utcnow())
    except services.RoundError as error:
        flash(str(error), "error")
        return redirect(url_for("rounds.index"))
    db.session.commit()
    flash(_("Round %(number)d has started. Set your goal for the next 90 days.", number=round_.number), "success")
    return redirect(url_for("rounds.goal", round_id=round_.id))


@bp.get("/rounds/<int:round_id>")
@role_required(Role.LEARNER)
def show(round_id: int):
    round_ = queries.get_round_or_404(current_user, round_id)
    return render_template("rounds/round.html", page=round_page(current_user, round_, utcnow()))


@bp.route("/rounds/<int:round_id>/goal", methods=["GET", "POST"])
@role_required(Role.LEARNER)
def goal(round_id: int):
    round_ = queries.get_round_or_404(current_user, round_id)
    now = utcnow()
    mine = services.goal_of(round_, current_user)
    if request.method == "GET":
        text = mine.text if mine else services.suggested_goal(current_user, lessons.curriculum)
        form = GoalForm(formdata=None, data={"text": text})
        return _goal_page(round_, form, prefilled=mine is None and bool(text), now=now)
    form = GoalForm()
    if not form.validate_on_submit():
        return _goal_page(round_, form, prefilled=False, now=now)
    return _change(round_, lambda: services.set_goal(round_, current_user, form.text.data, now),
                   _("Your goal is saved. Your circle can read it now."))


def _change(round_: CircleRound, change: Callable[[], object], done: str, anchor: str | None = None):
    """Make ``change`` to the round and say ``done``, or say why it cannot be made; back to the round either way."""
    try:
        change()
    except services.RoundError as error:
        flash(str(error), "error")
        return redirect(url_for("rounds.show", round_id=round_.id))
    db.session.commit()
    flash(done, "success")
    return redirect(url_for("rounds.show", round_id=round_.id, _anchor=anchor))


def _goal_page(round_: CircleRound, form: GoalForm, *, prefilled: bool, now):
    return render_template("rounds/goal.html", round=round_, form=form, prefilled=prefilled,
                           is_running=round_.is_running(now))


@bp.post("/rounds/<int:round_id>/check-ins")
@role_required(Role.LEARNER)
def check_in(round_id: int):
    round_ = queries.get_round_or_404(current_user, round_id)
    now = utcnow()
    form = CheckInForm()
    if not form.validate_on_submit():
        return render_template("rounds/round.html", page=round_page(current_user, round_, now, form))
    return _change(round_, lambda: services.check_in(round_, current_user, form.note.data, now),
                   _("Your check-in is shared with your circle."), "check-ins")
