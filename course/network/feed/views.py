"""A cohort's feed, and ticking off a colleague's post I answered."""
from flask import abort, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from course.accounts.models import Role
from course.cohorts.queries import cohort_of, get_cohort_or_404
from course.extensions import db
from course.network import bp, services
from course.network.feed.pages import feed_page
from course.network.forms import MarkForm
from course.network.models import ReplyMark
from course.network.queries import get_publication_or_404, viewer_of


@bp.get("/feed")
@login_required
def my_feed():
    """A learner's own cohort's feed (where lessons link); staff open each cohort's from its page."""
    cohort = cohort_of(current_user) if current_user.role == Role.LEARNER else None
    if cohort is None:
        return redirect(url_for("home.index"))
    return redirect(url_for("network.feed", cohort_id=cohort.id))


@bp.get("/cohorts/<int:cohort_id>/feed")
@login_required
def feed(cohort_id: int):
    cohort = get_cohort_or_404(current_user, cohort_id)
    page = request.args.get("page", 1, type=int) or 1
    return render_template("network/feed.html", page=feed_page(current_user, cohort, page))


@bp.post("/cohorts/<int:cohort_id>/feed/<int:publication_id>/replied")
@login_required
def replied(cohort_id: int, publication_id: int):
    """Tick (or untick) "I replied" on a colleague's post in my own, open cohort's feed."""
    form = MarkForm()
    if not form.validate_on_submit():
        abort(400)
    cohort = get_cohort_or_404(current_user, cohort_id)
    publication = get_publication_or_404(current_user, publication_id)
    if publication.cohort_id != cohort.id:
        abort(404)
    if not viewer_of(current_user, cohort).is_member or cohort.is_closed or publication.user_id == current_user.id:
        abort(403)
    services.set_mark(ReplyMark, current_user, publication.id, form.is_marked)
    db.session.commit()
    return redirect(url_for("network.feed", cohort_id=cohort.id, _anchor=f"post-{publication.id}"))
