"""Changing a learner's choice to share their progress. Functions flush; views commit."""
from course.accounts.models import User
from course.audit.services import record
from course.extensions import db


def set_progress_sharing(user: User, shares: bool) -> bool:
    """Record whether ``user`` shares their progress with their trainer; audited as "progress.sharing".

    Returns whether anything changed.
    """
    if bool(user.shares_progress) == shares:
        return False
    user.shares_progress = shares
    record(user, "progress.sharing", organisation_id=user.organisation_id, subject=user,
           detail="shares progress" if shares else "stopped sharing progress")
    db.session.flush()
    return True


def offers_sharing(user: User) -> bool:
    """Whether the choice is offered: to learners of an organisation in the works-council mode."""
    return user.is_learner and user.organisation is not None and bool(user.organisation.works_council_mode)
