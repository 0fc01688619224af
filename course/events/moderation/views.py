"""Moderating an event's wall on a phone: the queue by state, show, pin or hide a post, the kill switch, the link."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from course.database import utcnow
from course.events import bp, queries, services
from course.events.models import Event, PostState
from course.events.moderation.pages import moderation_page
from course.extensions import db
from course.forms import confirm_or_400

ACTIONS = {"show": PostState.SHOWN, "pin": PostState.PINNED, "hide": PostState.HIDDEN, "wait": PostState.WAITING}


def _moderated(event_id: int) -> Event:
    event = queries.get_event_or_404(current_user, event_id)
    if not services.may_moderate(current_user, event):
        abort(403)
    return event


def _state_arg() -> PostState:
    try:
        return PostState(request.args.get("state", PostState.WAITING.value))
    except ValueError:
        abort(404)


@bp.get("/events/<int:event_id>/moderation")
@login_required
def moderation(event_id: int):
    event = _moderated(event_id)
    return render_template("events/moderation.html", page=moderation_page(event, _state_arg(), utcnow()))


@bp.post("/events/<int:event_id>/posts/<int:post_id>/<any(show, pin, hide, wait):action>")
@login_required
def moderate(event_id: int, post_id: int, action: str):
    event = _moderated(event_id)
    confirm_or_400()
    post = queries.get_post_or_404(event, post_id)
    services.moderate(post, event, ACTIONS[action], current_user)
    db.session.commit()
    return redirect(url_for("events.moderation", event_id=event.id, state=request.args.get("state", "waiting"),
                            _anchor="queue"))


@bp.post("/events/<int:event_id>/wall/blank")
@login_required
def blank(event_id: int):
    """The kill switch, both ways."""
    event = _moderated(event_id)
    confirm_or_400()
    services.set_blanked(event, not event.wall_blanked)
    db.session.commit()
    flash(_("The wall is blank now. It shows only the hashtag until you switch it back.") if event.wall_blanked
          else _("The wall shows its posts again."), "success")
    return redirect(url_for("events.moderation", event_id=event.id))


@bp.post("/events/<int:event_id>/wall/link")
@login_required
def wall_link(event_id: int):
    """A new secret wall link, shown once on the page that answers; the old link stops working."""
    event = _moderated(event_id)
    confirm_or_400()
    token = services.new_wall_link(event)
    db.session.commit()
    link = url_for("events.wall", token=token, _external=True)
    return render_template("events/moderation.html", page=moderation_page(event, PostState.WAITING, utcnow(), link))


@bp.post("/events/<int:event_id>/wall/revoke")
@login_required
def revoke_wall(event_id: int):
    event = _moderated(event_id)
    confirm_or_400()
    services.revoke_wall_link(event)
    db.session.commit()
    flash(_("The wall link no longer works. Make a new one when you need it."), "success")
    return redirect(url_for("events.moderation", event_id=event.id))
