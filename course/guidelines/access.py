"""Who may read, edit and track an organisation's guidelines."""
from __future__ import annotations

from dataclasses import dataclass

from flask import abort

from course.accounts.models import Organisation, Role, Track, User
from course.permissions import get_organisation_or_404


@dataclass(frozen=True)
class Access:
    organisation: Organisation
    can_edit: bool  # trainers of the organisation and its leadership learners
    can_track: bool  # trainers and admins: who has acknowledged, reminders
    is_learner: bool


def access_or_404(user: User, organisation_id: int) -> Access:
    """What ``user`` may do with the organisation's guidelines; 404 for an organisation they cannot see."""
    organisation = get_organisation_or_404(user, organisation_id)
    is_learner = user.role == Role.LEARNER
    return Access(organisation, can_edit=user.role == Role.TRAINER or (is_learner and user.track == Track.LEADERSHIP),
                  can_track=not is_learner, is_learner=is_learner)


def editor_or_403(user: User, organisation_id: int) -> Access:
    """The access of someone who may build the guidelines: 404 outside the organisation, 403 for readers."""
    access = access_or_404(user, organisation_id)
    if not access.can_edit:
        abort(403)
    return access


def tracker_or_403(user: User, organisation_id: int) -> Access:
    access = access_or_404(user, organisation_id)
    if not access.can_track:
        abort(403)
    return access
