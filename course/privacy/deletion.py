"""Deleting a person's personal data, at their request or by retention.

The users row stays, nameless (``User.name`` then reads "a former participant"), so that reviews they gave stay
with their authors and a trainer sees that the person left. Every column referring to a person is either cleared
here (``DELETED``) or kept for the reason given (``KEPT``); a test fails on one that is neither.
"""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from course.accounts.models import User, trainer_organisations
from course.audit.services import record
from course.auth.models import LoginSession
from course.auth.sessions import end_sessions
from course.calendars.models import CalendarLink
from course.curriculum.models import LessonProgress
from course.database import utcnow
from course.drafts.models import Draft
from course.events.models import EventConsent
from course.exercises.models import ExerciseResponse
from course.extensions import db
from course.guidelines.models import Acknowledgement
from course.mail.forgetting import forget_in_messages
from course.mail.models import OutboxMessage
from course.network.models import FollowMark, NetworkProfile, Presence, Publication, ReplyMark
from course.reminders.models import Reminder
from course.review.models import Review
from course.rounds.models import CheckInReminder, RoundCheckIn, RoundGoal
from course.sso.models import SsoLink
from course.surveys.models import FollowUpOffer

# The rows deleted for a person, by the column that refers to them; their drafts' versions, the reviews of their
# drafts and their posts on event walls go with the drafts and publications (ON DELETE CASCADE).
_OWN_ROWS: list[tuple[type[Any], Any]] = [
    (Publication, Publication.user_id), (Draft, Draft.user_id), (ExerciseResponse, ExerciseResponse.user_id),
    (LessonProgress, LessonProgress.user_id), (Acknowledgement, Acknowledgement.user_id),
    (Reminder, Reminder.user_id), (CheckInReminder, CheckInReminder.user_id), (RoundGoal, RoundGoal.user_id),
    (RoundCheckIn, RoundCheckIn.user_id), (FollowUpOffer, FollowUpOffer.user_id),
    (CalendarLink, CalendarLink.user_id), (NetworkProfile, NetworkProfile.user_id), (Presence, Presence.user_id),
    (FollowMark, FollowMark.user_id), (FollowMark, FollowMark.followed_id), (ReplyMark, ReplyMark.user_id),
    (EventConsent, EventConsent.user_id), (OutboxMessage, OutboxMessage.recipient_id),
    (LoginSession, LoginSession.user_id), (SsoLink, SsoLink.user_id),
]

DELETED = {f"{column.table.name}.{column.name}" for _model, column in _OWN_ROWS} | {
    "trainer_organisations.user_id",  # no longer a trainer of anything
    "reviews.reviewer_id",  # the reviews not yet sent; those sent stay, see KEPT
}

KEPT: dict[str, Any] = {
    "reviews.reviewer_id": _l("Reviews sent stay for their authors, shown as from a former participant."),
    "reviews.hidden_by_id": _l("A staff action on other people's feedback."),
    "audit_events.actor_id": _l("The organisation's audit log; it holds no personal detail."),
    "audit_events.subject_id": _l("The organisation's audit log; it holds no personal detail."),
    "cohort_members.user_id": _l("The trainer sees that the person left, nothing more."),
    "guideline_versions.created_by_id": _l("The organisation's guidelines."),
    "guideline_versions.updated_by_id": _l("The organisation's guidelines."),
    "guideline_versions.published_by_id": _l("The organisation's guidelines."),
    "events.created_by_id": _l("The organisation's event."),
    "wall_posts.moderated_by_id": _l("A staff action on another person's post."),
    "circle_rounds.started_by_id": _l("The circle's round."),
    "reminders.sent_by_id": _l("A trainer's action; the reminder is the reminded person's."),
}


def tombstone_address(user: User) -> str:
    """The address a deleted account keeps: unique, and one no mail can reach."""
    return f"deleted-{user.id}@deleted.invalid"


def delete_personal_data(user: User, actor: User | None, *, reason: str = "request") -> None:
    """Remove ``user``'s personal data and end their sessions; keep the nameless row (see the module docstring).

    ``actor`` is the person themselves, or None for the worker's retention run; ``reason`` goes to the audit log.
    """
    organisation_id = user.organisation_id or (user.home_organisation.id if user.home_organisation else None)
    db.session.execute(sa.delete(Review).where(Review.reviewer_id == user.id, Review.submitted_at.is_(None)),
                       execution_options={"synchronize_session": False})
    for model, column in _OWN_ROWS:
        db.session.execute(sa.delete(model).where(column == user.id), execution_options={"synchronize_session": False})
    end_sessions(user)
    forget_in_messages(user)  # the messages to other people that name them
    db.session.execute(sa.delete(trainer_organisations).where(trainer_organisations.c.user_id == user.id))
    user.stored_name = ""
    user.email = tombstone_address(user)
    user.password_hash = None
    user.language = None
    user.active = False
    user.shares_progress = False
    user.works_council_member = False
    user.last_seen_at = None
    user.deleted_at = utcnow()
    user.rotate_session_token()
    db.session.flush()
    db.session.expire_all()  # rows loaded before may be gone now
    record(actor, "account.deleted", organisation_id=organisation_id, subject=user, detail=reason)

