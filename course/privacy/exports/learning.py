"""Learning: lesson progress, answers and reflections, guideline acknowledgements, the follow-up survey offer."""
from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from course.accounts.models import User
from course.cohorts.models import Cohort, CohortMember
from course.curriculum.models import LessonProgress
from course.exercises.models import ExerciseResponse
from course.extensions import db
from course.guidelines.models import Acknowledgement, GuidelineVersion
from course.privacy.exporters import Row, exporter, fields
from course.surveys.models import FollowUpOffer


@exporter("cohort", _l("Cohort"), "cohort_members.user_id")
def cohort(user: User) -> list[Row]:
    statement = (sa.select(CohortMember, Cohort.name).join(Cohort, Cohort.id == CohortMember.cohort_id)
                 .where(CohortMember.user_id == user.id))
    return [{"cohort": name, "joined_at": fields(member, ("joined_at",))["joined_at"],
             "circle": member.circle.number if member.circle else None}
            for member, name in db.session.execute(statement)]


@exporter("progress", _l("Lessons read and completed"), "lesson_progress.user_id")
def progress(user: User) -> list[Row]:
    statement = sa.select(LessonProgress).where(LessonProgress.user_id == user.id).order_by(LessonProgress.id)
    return [fields(row, ("lesson_slug", "read_at", "completed_at")) for row in db.session.scalars(statement)]


@exporter("answers", _l("Answers and reflections"), "exercise_responses.user_id")
def answers(user: User) -> list[Row]:
    statement = sa.select(ExerciseResponse).where(ExerciseResponse.user_id == user.id).order_by(ExerciseResponse.id)
    return [fields(row, ("lesson_slug", "kind", "answers", "is_shared_with_trainer", "created_at", "updated_at"))
            for row in db.session.scalars(statement)]


@exporter("acknowledgements", _l("Guidelines acknowledged"), "guideline_acknowledgements.user_id")
def acknowledgements(user: User) -> list[Row]:
    statement = (sa.select(Acknowledgement, GuidelineVersion.number)
                 .join(GuidelineVersion, GuidelineVersion.id == Acknowledgement.version_id)
                 .where(Acknowledgement.user_id == user.id).order_by(GuidelineVersion.number))
    return [{"version": number, **fields(row, ("acknowledged_at", "reminded_at"))}
            for row, number in db.session.execute(statement)]


@exporter("survey_offers", _l("Follow-up survey offered"), "survey_follow_up_offers.user_id")
def survey_offers(user: User) -> list[Row]:
    statement = sa.select(FollowUpOffer).where(FollowUpOffer.user_id == user.id)
    return [fields(row, ("offered_at",)) for row in db.session.scalars(statement)]
