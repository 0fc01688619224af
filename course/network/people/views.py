"""A cohort's network: everyone who chose to be seen, follow links, follow lists, and my private follow ticks."""
from flask import abort, redirect, render_template, url_for
from flask_login import current_user, login_required

from course.accounts.models import Role
from course.cohorts.queries import cohort_of, get_cohort_or_404
from course.downloads import download
from course.extensions import db
from course.network import bp, services
from course.network.forms import MarkForm
from course.network.models import FollowMark
from course.network.people.pages import network_page
from course.network.queries import viewer_of, visible_people


@bp.get("/network")
@login_required
def mine():
    """A learner's own cohort's network; staff find each cohort's from its page."""
    cohort = cohort_of(current_user) if current_user.role == Role.LEARNER else None
    if cohort is None:
        return redirect(url_for("network.presences"))
    return redirect(url_for("network.people", cohort_id=cohort.id))


@bp.get("/cohorts/<int:cohort_id>/network")
@login_required
def people(cohort_id: int):
    cohort = get_cohort_or_404(current_user, cohort_id)
    return render_template("network/people.html", page=network_page(current_user, cohort))


def _visible(cohort_id: int):
    cohort = get_cohort_or_404(current_user, cohort_id)
    return cohort, visible_people(viewer_of(current_user, cohort), cohort)


@bp.get("/cohorts/<int:cohort_id>/network/mastodon-follows.csv")
@login_required
def mastodon_follows(cohort_id: int):
    cohort, people = _visible(cohort_id)
    return download(services.mastodon_follows_csv(people), "text/csv", f"{cohort.name} Mastodon follows.csv")


@bp.get("/cohorts/<int:cohort_id>/network/follow-list")
@login_required
def follow_list(cohort_id: int):
    cohort, people = _visible(cohort_id)
    return render_template("network/follow_list.html", cohort=cohort, follow_list=services.follow_list(cohort, people))


@bp.post("/cohorts/<int:cohort_id>/network/follows/<int:user_id>")
@login_required
def follow_mark(cohort_id: int, user_id: int):
    """Tick (or untick) "I follow them" beside someone the viewer sees on the cohort's network page."""
    form = MarkForm()
    if not form.validate_on_submit():
        abort(400)
    _cohort, people = _visible(cohort_id)
    if not any(person.user.id == user_id and not person.is_me for person in people):
        abort(404)
    services.set_mark(FollowMark, current_user, user_id, form.is_marked)
    db.session.commit()
    return redirect(url_for("network.people", cohort_id=cohort_id, _anchor=f"person-{user_id}"))
