"""An alumni cohort for the demo: eight people who finished the course months ago, so a newcomer sees what comes
after it. Their before, closing and follow-up surveys show the trainer a shift; one circle is in its next round
with goals and check-ins, the other has not started one.

Rows are written with past dates, which the services cannot do: they stamp the present.
"""
from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa

from course.accounts.models import Organisation, Role, Track, User
from course.cohorts.models import Circle, Cohort, CohortMember, Pacing
from course.curriculum.library import lessons
from course.curriculum.models import LessonProgress
from course.database import utcnow
from course.exercises.models import ExerciseResponse
from course.extensions import db
from course.rounds.models import ROUND_DAYS, CircleRound, RoundCheckIn, RoundGoal
from course.surveys.models import FollowUpOffer
from course.surveys.series import FOLLOW_UP_DAYS, survey_series

ALUMNI_COHORT = "Autumn cohort"
STARTED_DAYS_AGO = 200
CLOSING_DAYS_AGO = 95  # the follow-up opened five days ago
ROUND_STARTED_DAYS_AGO = 17  # the first check-in date has passed

# name, e-mail, track, circle, (advice before, after, 90 days on), (confidence before, after, 90 days on);
# None: not answered (yet).
ALUMNI = [
    ("Mia Brandt", "mia@demo.example", Track.LEADERSHIP, 1, (2, 5, 6), (2, 4, 4)),
    ("Ole Jansen", "ole@demo.example", Track.STAFF, 1, (1, 4, 5), (1, 3, 4)),
    ("Nina Kaya", "nina@demo.example", Track.STAFF, 1, (3, 6, 6), (3, 4, 5)),
    ("Paul Seidel", "paul@demo.example", Track.STAFF, 1, (2, 3, None), (2, 2, None)),
    ("Rita Horn", "rita@demo.example", Track.STAFF, 2, (0, 3, 4), (1, 3, 3)),
    ("Omar Haddad", "omar@demo.example", Track.STAFF, 2, (4, 7, 8), (3, 4, 4)),
    ("Lina Roth", "lina@demo.example", Track.LEADERSHIP, 2, (1, 2, 4), (2, 3, 3)),
    ("Timo Lange", "timo@demo.example", Track.STAFF, 2, (2, 4, None), (2, 4, None)),
]

MEANINGS = ["Knowing whom to ask", "Exchanging ideas with people outside my team", "Staying in touch after events",
            "Learning from how others solve the same problems"]
MIA_PLAN = [("Week 1", "Answer two posts from people in my cohort"), ("Week 3", "Write one post about the depot move"),
            ("Month 2", "Go to the regional logistics fair and follow its hashtag"),
            ("Day 90", "Answer the two questions of the yearly check in writing")]
GOALS = {
    "ole@demo.example": "Write one honest post a month about our night shift, and answer every reply.",
    "nina@demo.example": "- Meet two people from the utility's planning team\n- Give a short talk at the team day",
    "paul@demo.example": "Follow ten people from the trade fair and reply to one of them each week.",
}
CHECK_INS = [
    ("ole@demo.example", 9, "First post is out: **three things** the night shift taught me about handovers. "
                            "Two replies from another depot – we are meeting next week."),
    ("nina@demo.example", 15, "Coffee with one planner done. The second one is on holiday until the 20th; I wrote "
                              "to her and will try again then."),
]


def alumni_people() -> list[tuple[str, str, Role, Track]]:
    """The alumni to create as demo accounts: name, e-mail, role, track."""
    return [(name, email, Role.LEARNER, track) for name, email, track, *_rest in ALUMNI]


def seed_demo_alumni(organisation: Organisation, people: dict[str, User]) -> Cohort | None:
    """The alumni cohort with its progress, surveys and a circle in its next round; nothing once it exists."""
    if db.session.scalar(sa.select(Cohort.id).where(Cohort.organisation_id == organisation.id,
                                                    Cohort.name == ALUMNI_COHORT)):
        return None
    now = utcnow()
    cohort = Cohort(organisation=organisation, name=ALUMNI_COHORT, hashtag="#DemoVernetztHerbst",
                    starts_on=(now - timedelta(days=STARTED_DAYS_AGO)).date(), pacing=Pacing.SELF_PACED,
                    ends_on=(now - timedelta(days=CLOSING_DAYS_AGO)).date())  # an alumni cohort since then
    circles = {1: Circle(cohort=cohort, number=1), 2: Circle(cohort=cohort, number=2)}
    db.session.add(cohort)
    members = [people[email] for _name, email, *_rest in ALUMNI]
    for (_name, _email, _track, circle, *_answers), user in zip(ALUMNI, members, strict=True):
        cohort.members.append(CohortMember(user=user, circle=circles[circle],
                                           joined_at=now - timedelta(days=STARTED_DAYS_AGO)))
    db.session.flush()
    _progress(members, now)
    _surveys(members, now)
    _round(circles[1], people, now)
    return cohort


def _progress(members: list[User], now: datetime) -> None:
    """Every lesson of their track complete, spread over the weeks of the course."""
    start, end = now - timedelta(days=STARTED_DAYS_AGO), now - timedelta(days=CLOSING_DAYS_AGO)
    rows = []
    for user in members:
        sequence = lessons.curriculum.sequence(user.track.value if user.track else None)
        step = (end - start) / len(sequence)
        for index, lesson in enumerate(sequence, start=1):
            done = start + step * index
            rows.append({"user_id": user.id, "lesson_slug": lesson.slug, "read_at": done - timedelta(minutes=20),
                         "completed_at": done})
    db.session.execute(sa.insert(LessonProgress), rows)


def _answers(index: int, advice: int, confidence: int) -> dict:
    return {"q_networking_meaning": MEANINGS[index % len(MEANINGS)],
            "q_valuable_when": "When a problem is new to me and someone else has already solved it.",
            "q_advice_outside_team": str(advice), "q_confidence_posting": str(confidence)}


def _surveys(members: list[User], now: datetime) -> None:
    series = survey_series(lessons.curriculum)
    if series is None:
        return
    before, closing, follow_up = series.slugs
    closed = now - timedelta(days=CLOSING_DAYS_AGO)
    moments = {before: now - timedelta(days=STARTED_DAYS_AGO - 1), closing: closed,
               follow_up: now - timedelta(days=2)}
    rows, offers = [], []
    for index, ((*_person, advice, confidence), user) in enumerate(zip(ALUMNI, members, strict=True)):
        for slug, a, c in zip((before, closing, follow_up), advice, confidence, strict=True):
            if a is not None and c is not None:
                rows.append({"user_id": user.id, "lesson_slug": slug, "kind": "survey",
                             "answers": _answers(index, a, c), "created_at": moments[slug],
                             "updated_at": moments[slug]})
        offers.append({"user_id": user.id, "offered_at": closed + timedelta(days=FOLLOW_UP_DAYS)})
    plan = {f"row{row}_{key}": value for row, (when, what) in enumerate(MIA_PLAN, start=1)
            for key, value in (("when", when), ("what", what))}
    rows.append({"user_id": members[0].id, "lesson_slug": "the-yearly-check", "kind": "plan", "answers": plan,
                 "created_at": closed - timedelta(days=2), "updated_at": closed - timedelta(days=2)})
    db.session.execute(sa.insert(ExerciseResponse), rows)
    db.session.execute(sa.insert(FollowUpOffer), offers)


def _round(circle: Circle, people: dict[str, User], now: datetime) -> None:
    """The circle's first round after the course: Ole and Nina set goals and checked in, Paul set his and has not
    checked in (the worker reminds him), Mia has not set hers yet (her 90-day plan fills it in)."""
    started = now - timedelta(days=ROUND_STARTED_DAYS_AGO)
    round_ = CircleRound(circle=circle, number=1, started_by_id=people["nina@demo.example"].id, started_at=started,
                         ends_at=started + timedelta(days=ROUND_DAYS))
    db.session.add(round_)
    for email, text in GOALS.items():
        round_.goals.append(RoundGoal(user_id=people[email].id, text=text, created_at=started + timedelta(hours=3),
                                      updated_at=started + timedelta(hours=3)))
    for email, day, note in CHECK_INS:
        round_.check_ins.append(RoundCheckIn(user_id=people[email].id, note=note,
                                             created_at=started + timedelta(days=day)))
    db.session.flush()
