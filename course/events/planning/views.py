"""Planning events: the list, creating and editing one, its page, and a member's consent to its wall."""
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms import SelectChoice

from course.calendars.calendars import CALENDAR_TYPE, make_calendar
from course.database import utcnow
from course.downloads import download
from course.events import bp, queries, services
from course.events.calendar import calendar_entry
from course.events.planning.forms import ConsentForm, EventPostForm, event_form
from course.events.planning.pages import event_page, events_page, prepared_post
from course.extensions import db
from course.organisations.queries import organisation_cohorts
from course.permissions import get_organisation_or_404


@bp.get("/events/")
@login_required
def index():
    return render_template("events/index.html", page=events_page(current_user, utcnow()))


def _cohort_choices(organisation) -> list[SelectChoice]:
    return [SelectChoice(summary.cohort.id, summary.cohort.name) for summary in organisation_cohorts(organisation)]


@bp.route("/events/new/<int:organisation_id>", methods=["GET", "POST"])
@login_required
def create(organisation_id: int):
    organisation = get_organisation_or_404(current_user, organisation_id)
    if not services.may_plan_events(current_user, organisation.id):
        abort(403)
    form = event_form(_cohort_choices(organisation))
    if form.validate_on_submit():
        try:
            event = services.create_event(organisation, form.details(), current_user)
        except services.EventError as error:
            form.add_problems(error.problems)
        else:
            db.session.commit()
            flash(_("The event “%(name)s” is planned. Open its wall link when the day comes.", name=event.name),
                  "success")
            return redirect(url_for("events.show", event_id=event.id))
    return render_template("events/form.html", form=form, organisation=organisation, event=None), \
        422 if form.is_submitted() else 200


@bp.route("/events/<int:event_id>/edit", methods=["GET", "POST"])
@login_required
def edit(event_id: int):
    event = queries.get_event_or_404(current_user, event_id)
    if not services.may_moderate(current_user, event):
        abort(403)
    form = event_form(_cohort_choices(event.organisation), event)
    if form.validate_on_submit():
        try:
            services.update_event(event, form.details())
        except services.EventError as error:
            form.add_problems(error.problems)
        else:
            db.session.commit()
            flash(_("The event is saved."), "success")
            return redirect(url_for("events.show", event_id=event.id))
    return render_template("events/form.html", form=form, organisation=event.organisation, event=event), \
        422 if form.is_submitted() else 200


@bp.get("/events/<int:event_id>")
@login_required
def show(event_id: int):
    event = queries.get_event_or_404(current_user, event_id)
    return render_template("events/show.html", page=event_page(current_user, event, utcnow()))


@bp.get("/events/<int:event_id>/event.ics")
@login_required
def calendar_file(event_id: int):
    """The event for Outlook and other calendars."""
    event = queries.get_event_or_404(current_user, event_id)
    return download(make_calendar(event.name, [calendar_entry(event)]).to_ical(), CALENDAR_TYPE, f"{event.name}.ics")


@bp.post("/events/<int:event_id>/consent")
@login_required
def consent(event_id: int):
    event = queries.get_event_or_404(current_user, event_id)
    if not queries.takes_part(current_user, event):
        abort(403)
    form = ConsentForm()
    if not form.validate_on_submit():
        abort(400)
    services.set_agreed(event, current_user, bool(form.agreed.data))
    db.session.commit()
    flash(_("Saved. What you publish for this event goes on its wall at once.") if form.agreed.data else
          _("Saved. What you publish for this event waits for approval before the wall shows it."), "success")
    return redirect(url_for("events.show", event_id=event.id))


@bp.post("/events/<int:event_id>/post")
@login_required
def post(event_id: int):
    """Prepare a post for the event (the platform's compose screen with it), then keep its link: feed and wall."""
    event = queries.get_event_or_404(current_user, event_id)
    now = utcnow()
    if not queries.takes_part(current_user, event) or event.ends_at < now - queries.OPEN_FOR_POSTS:
        abort(403)
    form = EventPostForm()
    if not form.validate():
        return render_template("events/show.html", page=event_page(current_user, event, now, form)), 422
    prepared = prepared_post(current_user, form.platform.data, form.text.data)
    if form.publish.data and prepared.is_over:  # the page said so; nothing longer is kept
        return render_template("events/show.html", page=event_page(current_user, event, now, form, prepared)), 422
    if form.publish.data:
        if not (form.link.data or "").strip():
            form.link.errors = [_("Paste the link of your post.")]
        else:
            try:
                services.publish_for_event(current_user, event, form.platform.data, form.text.data, form.link.data)
            except services.EventError as error:
                form.link.errors = [error.problems["link"]]
            else:
                db.session.commit()
                flash(_("Your post is in the feed and on its way to the wall."), "success")
                return redirect(url_for("events.show", event_id=event.id))
        return render_template("events/show.html", page=event_page(current_user, event, now, form, prepared)), 422
    return render_template("events/show.html", page=event_page(current_user, event, now, form, prepared))
