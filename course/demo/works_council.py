"""A second demo organisation that runs the works-council mode: its trainer sees group figures and, by name, the one
learner who chose to share her progress."""
from datetime import timedelta

import sqlalchemy as sa

from course.accounts import services
from course.accounts.models import Organisation, Role, Track, User
from course.cohorts.models import Cohort, CohortMember, Pacing
from course.curriculum.library import lessons
from course.curriculum.models import LessonProgress
from course.database import utcnow
from course.extensions import db

COUNCIL_ORGANISATION = "Beispiel AG"
COUNCIL_COHORT = "Pilot cohort"
COUNCIL_TRAINER = ("Kai Brandt", "kai.brandt@beispiel.example")
# (name, e-mail, lessons completed, days since the last one, shares their progress)
COUNCIL_LEARNERS = [
    ("Mia Keller", "mia.keller@beispiel.example", 7, 1, True),
    ("Luca Franke", "luca.franke@beispiel.example", 5, 2, False),
    ("Sofia Arnold", "sofia.arnold@beispiel.example", 4, 9, False),
    ("Ben Schulte", "ben.schulte@beispiel.example", 3, 3, False),
    ("Lina Roth", "lina.roth@beispiel.example", 2, 12, False),
    ("Paul Kraus", "paul.kraus@beispiel.example", 1, 15, False),
]
COURSE_DAYS = 21


def seed_demo_works_council(password: str) -> list[User]:
    """The organisation, its trainer, a cohort of six with some progress; nothing is added twice."""
    organisation = services.find_organisation(COUNCIL_ORGANISATION)
    if organisation is None:
        organisation = services.create_organisation(COUNCIL_ORGANISATION)
        organisation.works_council_mode = True
        organisation.smallest_group = 5
        organisation.default_language = "de"
    name, email = COUNCIL_TRAINER
    trainer = services.find_user_by_email(email) or services.create_user(
        name=name, email=email, role=Role.TRAINER, organisation=organisation, password=password)
    people = [trainer]
    for name, email, _completed, _quiet, shares in COUNCIL_LEARNERS:
        learner = services.find_user_by_email(email)
        if learner is None:
            learner = services.create_user(name=name, email=email, role=Role.LEARNER, track=Track.STAFF,
                                           organisation=organisation, password=password)
            learner.shares_progress = shares
        people.append(learner)
    _seed_cohort(organisation, people[1:])
    return people


def _seed_cohort(organisation: Organisation, learners: list[User]) -> None:
    cohort = db.session.scalar(sa.select(Cohort).where(Cohort.organisation_id == organisation.id,
                                                       Cohort.name == COUNCIL_COHORT))
    if cohort is not None:
        return
    now = utcnow()
    cohort = Cohort(organisation=organisation, name=COUNCIL_COHORT, hashtag="#BeispielVernetzt",
                    starts_on=now.date() - timedelta(days=COURSE_DAYS), pacing=Pacing.SELF_PACED)
    cohort.members = [CohortMember(user=learner, joined_at=now - timedelta(days=COURSE_DAYS)) for learner in learners]
    db.session.add(cohort)
    db.session.flush()
    sequence = lessons.curriculum.sequence(Track.STAFF.value)
    rows = []
    for learner, (_name, _email, completed, quiet_days, _shares) in zip(learners, COUNCIL_LEARNERS, strict=True):
        last = now - timedelta(days=quiet_days)
        for index, lesson in enumerate(sequence[:completed]):
            done = last - timedelta(days=(completed - 1 - index) * 2)
            rows.append({"user_id": learner.id, "lesson_slug": lesson.slug, "read_at": done - timedelta(minutes=20),
                         "completed_at": done})
    db.session.execute(sa.insert(LessonProgress), rows)
