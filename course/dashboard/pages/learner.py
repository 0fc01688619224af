"""A learner's page for trainers: each lesson's status, their drafts, reviews given and received,
and the answers they shared.

The page reads a fixed number of statements, however much the learner has
done: rows are loaded in bulk (``LearnerRows``) and grouped in memory.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy.orm import aliased, contains_eager, joinedload, selectinload

from course.accounts.models import User
from course.cohorts.models import Cohort, CohortMember
from course.curriculum.library import lessons
from course.curriculum.models import LessonProgress
from course.dashboard.states import STATUS_LABELS, STATUS_SYMBOLS, LessonStatus, lesson_status
from course.drafts.models import Draft, DraftVersion
from course.drafts.targets import parts_for
from course.exercises.models import ExerciseResponse
from course.exercises.panels import KIND_TITLES
from course.extensions import db
from course.guidelines.models import Acknowledgement, GuidelineVersion
from course.reminders.models import Reminder
from course.review.models import Review
from course.review.pages import ReviewView, review_view
from course.review.status import KIND_LABELS, review_status
from course.text.platforms import UnknownPlatform


@dataclass(frozen=True)
class LearnerRows:
    """Everything stored about one learner that the page shows, each kind in one statement."""

    progress: dict[str, LessonProgress]
    drafts: list[Draft]  # with their versions
    received: list[Review]  # on their drafts, with reviewer and draft
    given: list[Review]  # by them, with draft and author
    responses: list[ExerciseResponse]
    acknowledgements: list[tuple[datetime, int]]  # when, version number
    reminders: list[tuple[datetime, str | None]]  # when, sent by (None: an account since deleted)

    @property
    def last_reminded(self) -> datetime | None:
        return max((sent_at for sent_at, _sender in self.reminders), default=None)


def learner_rows(user: User) -> LearnerRows:
    """Load ``user``'s progress, drafts, reviews, answers, acknowledgements and reminders."""
    progress = db.session.scalars(sa.select(LessonProgress).where(LessonProgress.user_id == user.id))
    drafts = db.session.scalars(
        sa.select(Draft).where(Draft.user_id == user.id).options(selectinload(Draft.versions)).order_by(Draft.id))
    received = db.session.scalars(
        sa.select(Review).join(Draft, Review.draft_id == Draft.id).where(Draft.user_id == user.id)
        .options(contains_eager(Review.draft), joinedload(Review.reviewer)).order_by(Review.assigned_at, Review.id))
    given = db.session.scalars(
        sa.select(Review).where(Review.reviewer_id == user.id)
        .options(joinedload(Review.draft).joinedload(Draft.author)).order_by(Review.assigned_at, Review.id))
    responses = db.session.scalars(
        sa.select(ExerciseResponse).where(ExerciseResponse.user_id == user.id).order_by(ExerciseResponse.id))
    acknowledgements = db.session.execute(
        sa.select(Acknowledgement.acknowledged_at, GuidelineVersion.number)
        .join(GuidelineVersion, Acknowledgement.version_id == GuidelineVersion.id)
        .where(Acknowledgement.user_id == user.id, Acknowledgement.acknowledged_at.is_not(None)))
    sender = aliased(User)
    reminders = db.session.execute(
        sa.select(Reminder.sent_at, sender.name).outerjoin(sender, Reminder.sent_by_id == sender.id)
        .where(Reminder.user_id == user.id))
    return LearnerRows({row.lesson_slug: row for row in progress}, list(drafts.unique()), list(received.unique()),
                       list(given.unique()), list(responses), list(acknowledgements.all()), list(reminders.all()))


# The page -----------------------------------------------------------------

@dataclass(frozen=True)
class LessonRow:
    title: str
    status: LessonStatus
    is_required: bool

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def symbol(self) -> str:
        return STATUS_SYMBOLS[self.status]


@dataclass(frozen=True)
class StageRow:
    number: int
    title: str
    lessons: list[LessonRow]

    @property
    def completion(self) -> str:
        required = [row for row in self.lessons if row.is_required]
        if not required:
            return _("No required lessons")
        done = sum(row.status == LessonStatus.COMPLETE for row in required)
        return ngettext("%(done)d of %(num)d required lesson complete", "%(done)d of %(num)d required lessons complete",
                        len(required), done=done)


@dataclass(frozen=True)
class DraftItem:
    """A draft as a trainer may see it: the version last submitted, nothing of one not yet sent."""

    id: int
    lesson_title: str
    status: str
    parts: list[tuple[str, str]]  # label, submitted text (plain text: the template escapes it)
    versions: int  # submitted versions
    updated_at: datetime
    url: str | None  # the draft on the cohort's review page, once submitted
    in_progress_note: str | None  # said when the author has text nobody else may read yet


@dataclass(frozen=True)
class ReviewItem:
    id: int
    heading: str  # the lesson and who wrote the draft (reviews given) or the review (received)
    person: str
    kind: str
    status: str  # a CSS modifier, as on the cohort's review page
    status_label: str
    rating: str
    view: ReviewView | None  # levels and texts, once submitted
    url: str | None


@dataclass(frozen=True)
class SharedAnswer:
    lesson_title: str
    kind: str
    updated_at: datetime
    texts: list[str]


@dataclass(frozen=True)
class Event:
    """One thing the learner did (or that happened to them), for the timeline."""

    at: datetime
    text: str
    url: str | None = None


@dataclass(frozen=True)
class LearnerPage:
    user: User
    circle_number: int | None
    joined_at: datetime
    stages: list[StageRow]
    events: list[Event]  # newest first
    drafts: list[DraftItem]
    received: list[ReviewItem]
    given: list[ReviewItem]
    shared: list[SharedAnswer]
    private_reflections: int
    unshown_answers: int  # plans, replies and surveys: the learner never chose to share them

    @property
    def has_started(self) -> bool:
        return any(row.status != LessonStatus.NOT_STARTED for stage in self.stages for row in stage.lessons)

    @property
    def private_note(self) -> str:
        return ngettext("%(num)d private reflection not shared.", "%(num)d private reflections not shared.",
                        self.private_reflections)

    @property
    def unshown_note(self) -> str:
        return ngettext("%(num)d answer to a plan, replies or a survey is not shown here.",
                        "%(num)d answers to plans, replies or surveys are not shown here.", self.unshown_answers)


def learner_page(cohort: Cohort, member: CohortMember, rows: LearnerRows, language: str, now: datetime) -> LearnerPage:
    """What a trainer sees of ``member``: trainers see every name, whatever the cohort's anonymity."""
    user = member.user
    drafts = {draft.lesson_slug: draft for draft in rows.drafts}
    reviewed = {review.draft_id for review in rows.received if review.is_visible_to_author}
    stages = []
    for stage in lessons.curriculum.stages:
        lesson_rows = []
        for lesson in stage.lessons_for(user.track.value if user.track else None):
            progress, draft = rows.progress.get(lesson.slug), drafts.get(lesson.slug)
            status = lesson_status(read=progress is not None and progress.is_read,
                                   completed=progress is not None and progress.is_completed,
                                   submitted=draft is not None and draft.first_submitted_at is not None,
                                   reviewed=draft is not None and draft.id in reviewed)
            lesson_rows.append(LessonRow(lesson.text(language).title, status, lesson.required))
        if lesson_rows:
            stages.append(StageRow(stage.number, stage.title(language), lesson_rows))
    shared = [response for response in rows.responses if response.is_shared_with_trainer]
    private = [response for response in rows.responses if not response.is_shared_with_trainer]
    return LearnerPage(
        user, member.circle.number if member.circle else None, member.joined_at, stages,
        timeline(cohort, member, rows, language),
        [_draft_item(cohort, draft, user.name, language) for draft in reversed(rows.drafts) if draft.versions],
        _review_items(cohort, rows.received, language, now, given=False),
        _review_items(cohort, rows.given, language, now, given=True),
        [SharedAnswer(lessons.curriculum.lesson_title(r.lesson_slug, language), str(KIND_TITLES.get(r.kind, r.kind)),
                      r.updated_at, [str(value) for value in r.answers.values() if value not in (None, "")])
         for r in shared],
        sum(response.kind == "reflection" for response in private),
        sum(response.kind != "reflection" for response in private),
    )


def _draft_item(cohort: Cohort, draft: Draft, author: str, language: str) -> DraftItem:
    shared = draft.shared_version
    if shared is None:
        status = _("Not submitted yet")
    elif draft.is_revising:
        status = _("Version %(number)d submitted for review; a revision is in progress", number=shared.number)
    else:
        status = _("Submitted for review (version %(number)d)", number=shared.number)
    note = (_("A draft is in progress. Only %(name)s can read it until they submit it for review.",
              name=author) if shared is None else None)
    url = (url_for("cohorts.reviews", cohort_id=cohort.id, _anchor=f"draft-{draft.id}")
           if shared is not None else None)
    return DraftItem(draft.id, lessons.curriculum.lesson_title(draft.lesson_slug, language), status,
                     _part_texts(draft, shared, language) if shared else [],
                     sum(version.is_submitted for version in draft.versions), draft.updated_at, url, note)


def _part_texts(draft: Draft, version: DraftVersion, language: str) -> list[tuple[str, str]]:
    """Each part of ``version`` with its platform or field name; the part's key for a lesson that is gone."""
    lesson = lessons.curriculum.lessons.get(draft.lesson_slug)
    try:
        parts = parts_for(lesson, language, version.platform) if lesson and lesson.exercise else []
    except UnknownPlatform:  # the lesson no longer offers the platform the draft was written for
        parts = []
    labels = {part.key: _("Post for %(platform)s", platform=part.platform.name) if part.platform else part.label
              for part in parts}
    return [(labels.get(key, key), text) for key, text in version.texts.items()]


def _review_items(cohort: Cohort, reviews: list[Review], language: str, now: datetime, *,
                  given: bool) -> list[ReviewItem]:
    items = []
    for review in sorted(reviews, key=lambda r: r.submitted_at or r.assigned_at, reverse=True):
        person = review.draft.author.name if given else review.reviewer.name
        status, label = review_status(review, now)
        rating = (_("%(rating)d of 5", rating=review.helpfulness) if review.helpfulness
                  else _("not rated") if review.is_visible_to_author else "")
        url = (url_for("cohorts.reviews", cohort_id=cohort.id, _anchor=f"review-{review.id}")
               if review.cohort_id == cohort.id else None)
        view = review_view(review, person, language) if review.is_submitted else None
        lesson = lessons.curriculum.lesson_title(review.draft.lesson_slug, language)
        heading = (_("“%(lesson)s” by %(name)s", lesson=lesson, name=person) if given
                   else _("“%(lesson)s”, reviewed by %(name)s", lesson=lesson, name=person))
        items.append(ReviewItem(review.id, heading, person, str(KIND_LABELS[review.kind]), status, label, rating,
                                view, url))
    return items



# The timeline ---------------------------------------------------------------

def timeline(cohort: Cohort, member: CohortMember, rows: LearnerRows, language: str) -> list[Event]:
    """What the learner did in the course, newest first, each with a link where a trainer can see more."""
    def title(slug: str) -> str:
        return lessons.curriculum.lesson_title(slug, language)

    def review_url(review: Review) -> str | None:
        if review.cohort_id != cohort.id:
            return None
        return url_for("cohorts.reviews", cohort_id=cohort.id, _anchor=f"review-{review.id}")

    events = [Event(member.joined_at, _("Joined the cohort %(cohort)s", cohort=cohort.name))]
    for progress in rows.progress.values():
        if progress.read_at:
            events.append(Event(progress.read_at, _("Read “%(lesson)s”", lesson=title(progress.lesson_slug))))
        if progress.completed_at:
            events.append(Event(progress.completed_at,
                                _("Completed “%(lesson)s”", lesson=title(progress.lesson_slug))))
    for draft in rows.drafts:
        lesson = title(draft.lesson_slug)
        events.append(Event(draft.created_at, _("Started a draft for “%(lesson)s”", lesson=lesson)))
        url = url_for("cohorts.reviews", cohort_id=cohort.id, _anchor=f"draft-{draft.id}")
        submitted = [version for version in draft.versions if version.submitted_at]
        for index, version in enumerate(submitted):
            text = (_("Submitted “%(lesson)s” for review", lesson=lesson) if index == 0 else
                    _("Submitted a revision of “%(lesson)s” (version %(number)d)", lesson=lesson,
                      number=version.number))
            events.append(Event(version.submitted_at, text, url))
    for review in rows.given:
        if review.submitted_at:
            events.append(Event(review.submitted_at, _("Sent a review of “%(lesson)s” by %(author)s",
                                                       lesson=title(review.draft.lesson_slug),
                                                       author=review.draft.author.name), review_url(review)))
    for review in rows.received:
        if review.rated_at and review.helpfulness:
            events.append(Event(review.rated_at, _(
                "Rated the review by %(reviewer)s of “%(lesson)s” %(rating)d of 5 for helpfulness",
                reviewer=review.reviewer.name, lesson=title(review.draft.lesson_slug), rating=review.helpfulness),
                review_url(review)))
    guidelines = url_for("guidelines.acknowledgements", organisation_id=cohort.organisation_id)
    for acknowledged_at, number in rows.acknowledgements:
        events.append(Event(acknowledged_at, _("Acknowledged version %(number)d of the guidelines", number=number),
                            guidelines))
    for sent_at, sender in rows.reminders:
        events.append(Event(sent_at, _("Was reminded by %(name)s", name=sender) if sender else _("Was reminded")))
    return sorted(events, key=lambda event: event.at, reverse=True)
