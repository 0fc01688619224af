"""Peer review for learners (and trainers with reviews to write): my reviews, writing a review, my feedback."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from course.accounts.models import Role
from course.curriculum.content import Lesson
from course.curriculum.library import lessons
from course.database import utcnow
from course.drafts.views import lesson_to_write
from course.extensions import db
from course.permissions import role_required
from course.review import bp, pages, queries, services
from course.review.forms import RateForm, ReviewForm, review_form_class, show_problems


def _language() -> str:
    return str(get_locale())


def _out_of_date() -> str:
    return _("The page was out of date. Your text is below; save it again.")


@bp.get("/reviews/")
@role_required(Role.LEARNER, Role.TRAINER)
def index():
    return render_template("review/index.html", page=pages.my_reviews_page(current_user, _language(), utcnow()))


def _review_page(review, lesson: Lesson, form: ReviewForm, problem: str | None = None):
    page = pages.review_page(review, lesson, _language(), form, problem)
    return render_template("review/edit.html", page=page)


@bp.route("/reviews/<int:review_id>", methods=["GET", "POST"])
@login_required
def edit(review_id: int):
    review = queries.get_own_review_or_404(current_user, review_id)
    lesson = lessons.curriculum.lessons.get(review.draft.lesson_slug) or abort(404)
    form_class = review_form_class(services.rubric_for(lesson.slug), _language())
    if request.method == "GET":
        return _review_page(review, lesson, form_class.from_review(review))
    form = form_class()
    if not form.validate_on_submit():
        return _review_page(review, lesson, form, _out_of_date())
    submit = bool(form.submit.data)
    try:
        services.save_review(review, ratings=form.ratings(), worked=form.worked.data, suggestion=form.suggestion.data,
                             submit=submit)
    except services.ReviewError as error:
        db.session.commit()  # what was typed is kept as a draft even when the submission is refused
        return _review_page(review, lesson, form, show_problems(form, error.problems))
    db.session.commit()
    if submit:
        flash(_("Your review is on its way to the author. Thank you!"), "success")
        return redirect(url_for("review.index"))
    flash(_("Review saved as a draft. Only you can see it until you submit it."), "success")
    return redirect(url_for("review.edit", review_id=review.id))


def _feedback_page(lesson: Lesson, rating_form: RateForm | None = None, problem: str | None = None):
    page = pages.feedback_page(current_user, lesson, _language(), rating_form, problem)
    return render_template("review/feedback.html", page=page)


@bp.get("/learn/<slug>/feedback")
@role_required(Role.LEARNER)
def feedback(slug: str):
    return _feedback_page(lesson_to_write(slug))


@bp.post("/reviews/<int:review_id>/rate")
@login_required
def rate(review_id: int):
    review = queries.get_received_review_or_404(current_user, review_id)
    slug = review.draft.lesson_slug
    form = RateForm(review_id=review.id)
    try:
        if not form.validate_on_submit():
            raise services.ReviewError({"": _out_of_date()})
        services.rate_review(review, form.helpfulness.data, form.thanks.data)
    except services.ReviewError as error:
        return _feedback_page(lesson_to_write(slug), form, show_problems(form, error.problems))
    db.session.commit()
    flash(_("Thank you for rating this review. The reviewer sees your rating in their list of reviews."), "success")
    return redirect(url_for("review.feedback", slug=slug, _anchor=f"review-{review.id}"))
