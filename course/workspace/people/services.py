"""The people of a cohort: checking and inviting them (one by one or from a file), and managing their accounts.

Functions flush; the view commits.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeSerializer

from course.accounts.models import Role, User
from course.accounts.services import AccountError, create_user, deactivate_account, invitation_mail, reactivate_account
from course.audit.services import record
from course.cohorts.models import Cohort, CohortMember
from course.curriculum.models import LessonProgress
from course.drafts.models import Draft
from course.exercises.models import ExerciseResponse
from course.extensions import db
from course.guidelines.models import Acknowledgement
from course.mail.services import send_mails
from course.review.models import Review
from course.workspace.people.roster import Problem, RosterRow, make_row

_SALT = "vernetzt.roster-import"


class InvitationError(ValueError):
    """A change to a cohort's people that cannot be made; the message is safe to show."""

    def __init__(self, message: str, problems: list[Problem] | None = None):
        super().__init__(message)
        self.problems = problems or []


class PreviewChanged(InvitationError):
    """Checked again on confirming, some rows can no longer be imported; nothing was."""

    def __init__(self, reports: list[RowReport]):
        super().__init__(_("Something changed since the list was checked, so nothing was imported yet. "
                           "Look at the list again."))
        self.reports = reports


class Outcome(StrEnum):
    NEW = "new"  # a new account, invited by e-mail
    JOINS = "joins"  # an account of the organisation that is in no cohort
    MEMBER = "member"  # already in this cohort: nothing to do
    REFUSED = "refused"


@dataclass
class RowReport:
    """What importing one row would do, in words."""

    row: RosterRow
    outcome: Outcome
    message: str
    problems: list[Problem] = field(default_factory=list)
    user: User | None = None  # the existing account, for JOINS

    @property
    def is_accepted(self) -> bool:
        return self.outcome in (Outcome.NEW, Outcome.JOINS)

    @property
    def is_refused(self) -> bool:
        return self.outcome == Outcome.REFUSED


@dataclass(frozen=True)
class Added:
    """The people added to a cohort: those mailed an invitation, and those who had a password already."""

    invited: list[User]
    joined: list[User]


@dataclass(frozen=True)
class Preview:
    """A checked list: each row's report, and how many rows end each way."""

    reports: list[RowReport]

    @property
    def accepted_rows(self) -> list[RosterRow]:
        return [report.row for report in self.reports if report.is_accepted]

    def _count(self, outcome: Outcome) -> int:
        return sum(report.outcome == outcome for report in self.reports)

    @property
    def new(self) -> int:
        return self._count(Outcome.NEW)

    @property
    def joining(self) -> int:
        return self._count(Outcome.JOINS)

    @property
    def members(self) -> int:
        return self._count(Outcome.MEMBER)

    @property
    def refused(self) -> int:
        return self._count(Outcome.REFUSED)


def check_rows(cohort: Cohort, rows: list[RosterRow]) -> list[RowReport]:
    """What would happen to each row: the row's own problems, duplicates in the list, and existing accounts."""
    accounts = _accounts([row.address for row in rows if row.address])
    first_line: dict[str, int] = {}
    reports = []
    for row in rows:
        problems = list(row.problems)
        account, member_of = None, None
        address_valid = not any(p.field == "email" for p in problems)
        if address_valid and row.address in first_line:
            problems.append(Problem("email", _("The same address as on line %(line)d.", line=first_line[row.address])))
        elif address_valid:
            first_line[row.address] = row.line
            account, member_of = accounts.get(row.address, (None, None))
        if member_of is not None and member_of.id == cohort.id:
            reports.append(RowReport(row, Outcome.MEMBER, _("Already a member of this cohort; nothing to do.")))
            continue
        if account is not None:
            problems += _account_problems(cohort, account, member_of)
        if problems:
            reports.append(RowReport(row, Outcome.REFUSED, " ".join(p.message for p in problems), problems))
        elif account is not None:
            reports.append(RowReport(row, Outcome.JOINS, _joins_message(account, row), user=account))
        else:
            reports.append(RowReport(row, Outcome.NEW, _("Gets an account and an invitation by e-mail.")))
    return reports


def _joins_message(account: User, row: RosterRow) -> str:
    if account.track == row.track:
        return _("Has an account; joins the cohort.")
    return _("Has an account; joins the cohort. Their track stays %(track)s.", track=account.track_label)


def _accounts(addresses: list[str]) -> dict[str, tuple[User, Cohort | None]]:
    """The accounts with these addresses and the cohort each is in, in one statement."""
    if not addresses:
        return {}
    found = db.session.execute(
        sa.select(User, Cohort).outerjoin(CohortMember, CohortMember.user_id == User.id)
        .outerjoin(Cohort, Cohort.id == CohortMember.cohort_id).where(User.email.in_(set(addresses)))
    ).all()
    return {user.email: (user, cohort) for user, cohort in found}


def _account_problems(cohort: Cohort, account: User, member_of: Cohort | None) -> list[Problem]:
    if account.role != Role.LEARNER:
        return [Problem("email", _("This address belongs to a trainer or administrator account."))]
    if account.organisation_id != cohort.organisation_id:
        return [Problem("email", _("This address belongs to someone in another organisation."))]
    if member_of is not None:
        return [Problem("email", _("Already in the cohort “%(cohort)s”; a learner can be in one cohort only.",
                                   cohort=member_of.name))]
    return []


def invite_person(cohort: Cohort, invited_by: User, *, name: str, email: str, track: str) -> Added:
    """Add one person to the cohort with the same checks as a row of a file, and mail the invitation."""
    (report,) = check_rows(cohort, [make_row(0, name, email, track)])
    if not report.is_accepted:
        raise InvitationError(report.message, report.problems or [Problem("email", report.message)])
    return _add(cohort, [report], invited_by)


def import_rows(cohort: Cohort, rows: list[RosterRow], invited_by: User) -> Added:
    """Add every row, all or none: PreviewChanged if checking them again refuses one."""
    reports = check_rows(cohort, rows)
    if not all(report.is_accepted for report in reports):
        raise PreviewChanged(reports)
    return _add(cohort, reports, invited_by)


def _add(cohort: Cohort, reports: list[RowReport], invited_by: User) -> Added:
    users = [report.user or create_user(name=report.row.name, email=report.row.email, role=Role.LEARNER,
                                        organisation=cohort.organisation, track=report.row.track)
             for report in reports]
    db.session.add_all(CohortMember(cohort_id=cohort.id, user=user) for user in users)
    db.session.flush()
    invited = [user for user in users if user.is_invited and user.active]
    send_mails([invitation_mail(user, invited_by) for user in invited])
    mailed = {user.id for user in invited}
    record(invited_by, "people.added", organisation_id=cohort.organisation_id,
           subject=users[0] if len(users) == 1 else None,
           detail=f"cohort {cohort.id}: {len(invited)} invited, {len(users) - len(invited)} joined")
    return Added(invited, [user for user in users if user.id not in mailed])


def sign_rows(cohort: Cohort, rows: list[RosterRow]) -> str:
    """The rows to import, signed for the confirm form, so they come back unchanged."""
    payload = {"cohort": cohort.id, "rows": [[r.line, r.name, r.email, r.track.value if r.track else r.track_text]
                                             for r in rows]}
    return _serializer().dumps(payload)


def unsign_rows(cohort: Cohort, signed: str) -> list[RosterRow]:
    """The rows signed for this cohort by sign_rows; InvitationError if they were changed or are for another."""
    try:
        payload = _serializer().loads(signed)
        if payload["cohort"] != cohort.id:
            raise ValueError("another cohort")
        return [make_row(int(line), str(name), str(email), str(track)) for line, name, email, track in payload["rows"]]
    except (BadSignature, ValueError, TypeError, KeyError) as error:
        raise InvitationError(_("The list could not be read back. Please upload the file again.")) from error


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def resend_invitation(member: CohortMember, invited_by: User) -> None:
    """Mail a fresh invitation link to a member who has not set a password yet."""
    user = member.user
    if not user.active:
        raise InvitationError(_("%(name)s is deactivated. Reactivate them first.", name=user.name))
    if not user.is_invited:
        raise InvitationError(_("%(name)s has already set a password and can sign in.", name=user.name))
    send_mails([invitation_mail(user, invited_by)])


def revoke_invitation(member: CohortMember) -> None:
    """Delete an invited account that was never used, and its membership, so its link stops working.

    Mails already sent stay in the outbox without their recipient; refused when
    the account has signed in or anything of the course belongs to it.
    """
    user = member.user
    if not user.is_invited or user.last_seen_at is not None:
        raise InvitationError(_("%(name)s has already signed in. Deactivate them instead.", name=user.name))
    if _has_work(user):
        raise InvitationError(_("%(name)s already has drafts, reviews or progress in the course. "
                                "Deactivate them instead, so nothing is lost.", name=user.name))
    db.session.delete(member)
    db.session.delete(user)
    db.session.flush()


def _has_work(user: User) -> bool:
    owners = (Draft.user_id, Review.reviewer_id, LessonProgress.user_id, ExerciseResponse.user_id,
              Acknowledgement.user_id)
    return bool(db.session.scalar(sa.select(sa.or_(*(sa.exists().where(owner == user.id) for owner in owners)))))


def deactivate(member: CohortMember) -> None:
    """Stop a member from signing in (signing out any session) and from getting reviews; their work stays."""
    _on_account(deactivate_account, member.user)


def reactivate(member: CohortMember) -> None:
    """Let a deactivated member sign in again."""
    _on_account(reactivate_account, member.user)


def _on_account(change: Callable[[User], None], user: User) -> None:
    try:
        change(user)
    except AccountError as error:
        raise InvitationError(str(error)) from error
