"""Review health and moderation (hide, reassign, trainer feedback, rebalance) and the review settings."""
from dataclasses import dataclass

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from course.accounts.models import User
from course.cohorts.models import Cohort
from course.cohorts.queries import get_cohort_or_404
from course.database import utcnow
from course.extensions import db
from course.forms import confirm_or_400
from course.permissions import staff_required
from course.review import services as review_services
from course.review.assignment import rebalance_reviews
from course.works_council.visibility import may_name
from course.workspace import bp
from course.workspace.reviews.forms import HideReviewForm, ReassignForm, ReviewSettingsForm
from course.workspace.reviews.pages import review_health
from course.workspace.reviews.queries import get_draft_or_404, get_review_or_404
from course.workspace.reviews.services import SettingsError, settings_changed_notes, update_review_settings


@dataclass(frozen=True)
class HideProblem:
    """Why hiding a review failed, and the reason as typed, to show again at its form."""

    message: str
    reason: str


def _reviews_page(cohort: Cohort, hide_problems: dict[int, HideProblem] | None = None):
    health = review_health(cohort, utcnow())
    return render_template("workspace/reviews/reviews.html", cohort=cohort, health=health, hide_problems=hide_problems or {})


def _review_of(cohort_id: int, review_id: int):
    cohort = get_cohort_or_404(current_user, cohort_id)
    return cohort, get_review_or_404(cohort, review_id)


def _to_reviews(cohort: Cohort, draft_id: int | None = None):
    anchor = f"draft-{draft_id}" if draft_id else None
    return redirect(url_for("cohorts.reviews", cohort_id=cohort.id, _anchor=anchor))


@bp.get("/<int:cohort_id>/reviews")
@staff_required
def reviews(cohort_id: int):
    return _reviews_page(get_cohort_or_404(current_user, cohort_id))


@bp.post("/<int:cohort_id>/reviews/<int:review_id>/hide")
@staff_required
def hide_review(cohort_id: int, review_id: int):
    cohort, review = _review_of(cohort_id, review_id)
    form = HideReviewForm()
    confirm_or_400(form)
    try:
        review_services.hide_review(current_user, review, form.reason.data or "")
    except review_services.ReviewError as error:
        if "reason" not in error.problems:
            flash(str(error), "error")
            return _to_reviews(cohort, review.draft_id)
        return _reviews_page(cohort, {review.id: HideProblem(error.problems["reason"], form.reason.data or "")})
    db.session.commit()
    flash(_("The review is hidden from its author, and %(name)s has been told why.", name=review.reviewer.name),
          "success")
    return _to_reviews(cohort, review.draft_id)


@bp.post("/<int:cohort_id>/reviews/<int:review_id>/reassign")
@staff_required
def reassign_review(cohort_id: int, review_id: int):
    cohort, review = _review_of(cohort_id, review_id)
    # In the works-council mode only people who share their progress are offered, as on the page.
    form = ReassignForm([person for person in review_services.reassign_candidates(review)
                         if may_name(cohort.organisation, person)])
    if not form.validate_on_submit():
        flash(_("Choose someone from the list, or let the course choose."), "error")
        return _to_reviews(cohort, review.draft_id)
    chosen = db.session.get(User, form.reviewer_id) if form.reviewer_id else None
    try:
        assignments = review_services.reassign_review(review, chosen)
    except review_services.ReviewError as error:
        flash(str(error), "error")
        return _to_reviews(cohort, review.draft_id)
    db.session.commit()
    names = ", ".join(_reviewer_name(cohort, db.session.get_one(User, a.reviewer_id)) for a in assignments)
    flash(_("The review now goes to %(names)s; %(name)s has been told.", names=names, name=review.reviewer.name),
          "success")
    return _to_reviews(cohort, review.draft_id)


def _reviewer_name(cohort: Cohort, reviewer: User) -> str:
    """The reviewer by name, or in the works-council mode unnamed if they do not share their progress."""
    return reviewer.name if may_name(cohort.organisation, reviewer) else _("someone who does not share their progress")


@bp.post("/<int:cohort_id>/drafts/<int:draft_id>/feedback")
@staff_required
def add_feedback(cohort_id: int, draft_id: int):
    cohort = get_cohort_or_404(current_user, cohort_id)
    draft = get_draft_or_404(cohort, draft_id)
    confirm_or_400()
    try:
        review = review_services.add_trainer_feedback(current_user, draft)
    except review_services.ReviewError as error:
        flash(str(error), "error")
        return _to_reviews(cohort, draft.id)
    db.session.commit()
    return redirect(url_for("review.edit", review_id=review.id))


@bp.post("/<int:cohort_id>/rebalance")
@staff_required
def rebalance(cohort_id: int):
    cohort = get_cohort_or_404(current_user, cohort_id)
    confirm_or_400()
    result = rebalance_reviews(cohort_id=cohort.id)
    db.session.commit()
    if result.reassigned:
        flash(ngettext("%(num)d overdue review was given to someone else as well.",
                       "%(num)d overdue reviews were given to someone else as well.", result.reassigned), "success")
    if result.waiting:
        flash(ngettext("%(num)d overdue review waits: nobody active is free to take it over yet.",
                       "%(num)d overdue reviews wait: nobody active is free to take them over yet.", result.waiting),
              "info")
    if not result.overdue:
        flash(_("No review is overdue; nothing was reassigned."), "info")
    return _to_reviews(cohort)


@bp.route("/<int:cohort_id>/review-settings", methods=["GET", "POST"])
@staff_required
def review_settings(cohort_id: int):
    cohort = get_cohort_or_404(current_user, cohort_id)
    form = ReviewSettingsForm(obj=cohort)
    if form.validate_on_submit():
        try:
            changed = update_review_settings(cohort, **form.values())
        except SettingsError as error:
            for name, message in error.problems.items():
                getattr(form, name).errors.append(message)
        else:
            db.session.commit()
            flash(_("The review settings are saved."), "success")
            for note in settings_changed_notes(cohort, changed):
                flash(note, "info")
            if "leadership_reviews_only" in changed and cohort.leadership_reviews_only and cohort.circles:
                flash(_("Form the circles again to keep leadership and staff apart."), "info")
            return redirect(url_for("cohorts.review_settings", cohort_id=cohort.id))
    return render_template("workspace/reviews/settings.html", cohort=cohort, form=form)
