"""Who needs the trainer's attention, and why."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l

from course.dashboard.progress import CohortProgress, LearnerProgress

REASONS = {
    "inactive": _l("No activity"),
    "overdue_reviews": _l("Overdue reviews"),
    "unreviewed_drafts": _l("Drafts without reviewers"),
    "guidelines": _l("Guidelines not acknowledged"),
}
# A draft without reviewers is for the trainer to solve; the other reasons are worth a reminder.
REMINDABLE = ("inactive", "overdue_reviews", "guidelines")

DEFAULT_IDLE_DAYS = 7
IDLE_DAYS_RANGE = (1, 90)


def reasons_for(learner: LearnerProgress, progress: CohortProgress, now: datetime, idle_days: int) -> list[str]:
    """The reasons ``learner`` needs attention, in the order of REASONS; none for people not signed up."""
    if not learner.is_active:
        return []
    since = learner.last_activity or learner.joined_at
    checks = {
        "inactive": now - since >= timedelta(days=idle_days),
        "overdue_reviews": learner.overdue_reviews > 0,
        "unreviewed_drafts": bool(learner.unreviewed),
        "guidelines": progress.has_guidelines and learner.acknowledged_at is None,
    }
    return [reason for reason, applies in checks.items() if applies]


@dataclass(frozen=True)
class Attention:
    """The learners each reason applies to, and everyone a reminder could help."""

    by_reason: dict[str, list[LearnerProgress]]
    reasons: dict[int, list[str]]  # user id -> reasons
    invited: list[LearnerProgress]  # have not accepted their invitation yet

    @property
    def remindable(self) -> list[LearnerProgress]:
        seen: dict[int, LearnerProgress] = {}
        for reason in REMINDABLE:
            for learner in self.by_reason[reason]:
                seen.setdefault(learner.user.id, learner)
        return sorted(seen.values(), key=lambda learner: (learner.user.name, learner.user.id))

    def remindable_reasons(self, learner: LearnerProgress) -> list[str]:
        return [reason for reason in self.reasons.get(learner.user.id, []) if reason in REMINDABLE]

    @property
    def is_empty(self) -> bool:
        return not any(self.by_reason.values())


def needing_attention(progress: CohortProgress, now: datetime, idle_days: int) -> Attention:
    by_reason: dict[str, list[LearnerProgress]] = {reason: [] for reason in REASONS}
    reasons = {}
    for learner in progress.learners:
        reasons[learner.user.id] = found = reasons_for(learner, progress, now, idle_days)
        for reason in found:
            by_reason[reason].append(learner)
    invited = [learner for learner in progress.learners if learner.user.active and learner.user.is_invited]
    return Attention(by_reason, reasons, invited)
