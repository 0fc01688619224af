"""Starting a round, setting a goal, checking in. Functions flush; the view commits.

Who starts a round: any member who has reached the last stage of the course. A circle that waited for its
slowest member could wait for ever, and the round is an offer, not an assignment: the others join it by
setting their own goal whenever they are ready, and only those who set one are reminded to check in.
"""
from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _

from course.accounts.models import User
from course.cohorts.models import Circle
from course.curriculum.content import Curriculum, Lesson
from course.curriculum.queries import course_view
from course.exercises.services import response_for
from course.extensions import db
from course.rounds.models import ROUND_DAYS, CircleRound, RoundCheckIn, RoundGoal
from course.text.cleaning import clean_user_text


class RoundError(ValueError):
    """A change to a round that cannot be made; the message is safe to show."""


def has_reached_last_stage(user: User) -> bool:
    """Whether the last stage of the course is open for ``user``, by their own pace."""
    return course_view(user).has_reached_last_stage


def running_round(circle_id: int, now: datetime) -> CircleRound | None:
    """The circle's round that is running at ``now``, if any."""
    return db.session.scalar(sa.select(CircleRound).where(
        CircleRound.circle_id == circle_id, CircleRound.started_at <= now, CircleRound.ends_at > now))


def start_round(user: User, circle: Circle, now: datetime) -> CircleRound:
    """Start the circle's next round of ROUND_DAYS, if ``user`` has reached the last stage and none is running."""
    if not has_reached_last_stage(user):
        raise RoundError(_("A new round starts after the course: it opens once you have reached the last stage."))
    if running_round(circle.id, now) is not None:
        raise RoundError(_("Your circle's round is already running."))
    number = (db.session.scalar(sa.select(sa.func.max(CircleRound.number)).where(CircleRound.circle_id == circle.id))
              or 0) + 1
    round_ = CircleRound(circle_id=circle.id, number=number, started_by_id=user.id, started_at=now,
                         ends_at=now + timedelta(days=ROUND_DAYS))
    db.session.add(round_)
    db.session.flush()
    return round_


def _require_running(round_: CircleRound, now: datetime) -> None:
    if not round_.is_running(now):
        raise RoundError(_("This round has ended. Start a new one to set goals and check in again."))


def goal_of(round_: CircleRound, user: User) -> RoundGoal | None:
    return next((goal for goal in round_.goals if goal.user_id == user.id), None)


def set_goal(round_: CircleRound, user: User, text: str, now: datetime) -> RoundGoal:
    """Set or change ``user``'s goal for the running round."""
    _require_running(round_, now)
    goal = goal_of(round_, user)
    if goal is None:
        goal = RoundGoal(user_id=user.id, created_at=now)
        round_.goals.append(goal)
    goal.text = clean_user_text(text)
    goal.updated_at = now
    db.session.flush()
    return goal


def check_in(round_: CircleRound, user: User, note: str, now: datetime) -> RoundCheckIn:
    """A note for the circle from a member who has set a goal for the running round."""
    _require_running(round_, now)
    if goal_of(round_, user) is None:
        raise RoundError(_("Set your goal for this round first; your check-ins tell the circle how it is going."))
    entry = RoundCheckIn(user_id=user.id, note=clean_user_text(note), created_at=now)
    round_.check_ins.append(entry)
    db.session.flush()
    return entry


def plan_lesson(curriculum: Curriculum) -> Lesson | None:
    """The plan of the last stage a goal starts from: its last plan exercise (the plan for the months after)."""
    plans = [lesson for lesson in curriculum.stages[-1].lessons if lesson.exercise and lesson.exercise.kind == "plan"]
    return max(plans, key=lambda lesson: lesson.order, default=None)


def suggested_goal(user: User, curriculum: Curriculum) -> str:
    """The goal as the learner's plan from the last stage has it, one line per step; empty without a plan."""
    lesson = plan_lesson(curriculum)
    response = response_for(user, lesson.slug) if lesson else None
    if lesson is None or response is None:
        return ""
    columns = list(lesson.text("en").exercise["columns"])  # the keys are the same in every language
    lines = []
    for row in range(1, lesson.require_exercise().settings["rows"] + 1):
        cells = [str(response.answers.get(f"row{row}_{key}") or "").strip() for key in columns]
        if any(cells):
            lines.append("- " + ": ".join(cell for cell in cells if cell))
    return "\n".join(lines)
