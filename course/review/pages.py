"""What the review pages show, worked out here so that the templates only display.

Authors see reviewers only through ``services.reviewer_label``: nothing on the
feedback page carries a reviewer's name (in an anonymous cohort), e-mail or id.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from markupsafe import Markup

from course.accounts.models import User
from course.cohorts.queries import circle_mates, cohort_of
from course.curriculum.content import Lesson
from course.curriculum.library import lessons
from course.curriculum.rendering import prompt_html
from course.dates import format_moment
from course.drafts.models import DraftVersion
from course.drafts.pages import ComposerPage, PartView
from course.drafts.services import draft_for
from course.drafts.targets import parts_for
from course.guidelines.hints import ReviewerGuidance, reviewer_guidance
from course.review import queries
from course.review.forms import RateForm, ReviewForm
from course.review.models import Review
from course.review.services import chosen_levels, reviewer_label
from course.text.user_markdown import render_user_markdown

EXTRA_NOTE = _l("Someone else has been asked as well, so yours now counts as an extra review. It is still welcome.")


@dataclass
class ReviewItem:
    """One review on the reviewer's list."""

    url: str
    lesson_title: str
    author_name: str
    note: str
    rating: str = ""
    thanks_html: Markup | None = None
    hidden_reason_html: Markup | None = None


@dataclass
class MyReviewsPage:
    to_do: list[ReviewItem]
    overdue: list[ReviewItem]
    done: list[ReviewItem]
    shows_circle: bool
    circle: list[str]  # the mates' names; empty in an anonymous cohort, where only their number shows
    circle_size: int = 0


@dataclass
class ReviewView:
    """A submitted review as the author (or its reviewer) reads it."""

    anchor: str
    label: str
    is_from_trainer: bool
    submitted_on: str
    levels: list[tuple[str, int, str]]
    worked_html: Markup
    suggestion_html: Markup
    rating: str = ""
    thanks_html: Markup | None = None
    form: RateForm | None = None
    problem: str | None = None
    error_links: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class ReviewPage:
    """Writing a review: the text under review, the exercise, and the form or what was sent."""

    review: Review
    lesson_title: str
    due: str
    preview: ComposerPage
    form: ReviewForm
    is_editable: bool
    notice: str
    problem: str | None
    error_links: list[tuple[str, str]]
    written: ReviewView | None
    hidden_reason_html: Markup | None
    guidelines: ReviewerGuidance | None = None


@dataclass
class VersionFeedback:
    heading: str
    parts: list[PartView]
    reviews: list[ReviewView]


@dataclass
class FeedbackPage:
    lesson: Lesson
    lesson_title: str
    has_submitted: bool
    is_revising: bool
    pending_note: str
    versions: list[VersionFeedback]

    @property
    def can_publish(self) -> bool:
        """A submitted post (not a profile) may go on its platform, before or after its feedback."""
        return self.has_submitted and self.lesson.require_exercise().kind == "post"


def when(moment: datetime | None) -> str:
    """A moment as the reader's locale writes it; nothing for one that has not come."""
    return format_moment(moment) if moment is not None else ""


def error_links(form: ReviewForm | RateForm) -> list[tuple[str, str]]:
    """The error summary: each message with the id of the control it belongs to (a group's first choice)."""
    return [(f"{f.id}-0" if f.type == "RadioField" else f.id, " ".join(f.errors))
            for f in form.shown_fields if f.errors]


def pending_note(counts: queries.FeedbackCounts) -> str:
    if not counts.pending:
        return ""
    return ngettext("%(num)d reviewer is working on it; due by %(date)s.",
                    "%(num)d reviewers are working on it; due by %(date)s.",
                    counts.pending, date=when(counts.due_by))


def my_reviews_page(user: User, language: str, now: datetime) -> MyReviewsPage:
    """My reviews: to do, overdue and done; for learners also the people of their circle."""
    mine = queries.my_reviews(user, now)
    to_do, overdue, done = ([_item(review, language, now) for review in group]
                            for group in (mine.to_do, mine.overdue, mine.done))
    if not user.is_learner:
        return MyReviewsPage(to_do, overdue, done, shows_circle=False, circle=[])
    mates = circle_mates(user)
    cohort = cohort_of(user)
    # In an anonymous cohort a name beside "your circle" would narrow down who reviewed whom.
    names = [] if cohort is not None and cohort.anonymous_reviews else [mate.name for mate in mates]
    return MyReviewsPage(to_do, overdue, done, shows_circle=True, circle=names, circle_size=len(mates))


def _item(review: Review, language: str, now: datetime) -> ReviewItem:
    item = ReviewItem(url_for("review.edit", review_id=review.id), lessons.curriculum.lesson_title(review.draft.lesson_slug, language),
                      review.draft.author.name, _("Due %(date)s", date=when(review.due_at)))
    if review.is_submitted:
        item.note = _("Sent on %(date)s", date=when(review.submitted_at))
        item.rating = (_("Rated %(rating)d of 5 for helpfulness", rating=review.helpfulness)
                       if review.helpfulness else _("Not rated yet"))
        item.thanks_html = render_user_markdown(review.thanks) if review.thanks else None
        item.hidden_reason_html = render_user_markdown(review.hidden_reason or "") if review.is_hidden else None
    elif review.is_extra:
        item.note = str(EXTRA_NOTE)
    elif review.is_overdue(now):
        item.note = _("Was due %(date)s. The author is waiting: please finish it soon.",
                      date=when(review.due_at))
    return item


def review_view(review: Review, label: str, language: str) -> ReviewView:
    """A submitted review with its levels and texts rendered safely."""
    view = ReviewView(f"review-{review.id}", label, review.is_from_trainer,
                      when(review.submitted_at), chosen_levels(review.ratings, review.draft.lesson_slug, language),
                      render_user_markdown(review.worked), render_user_markdown(review.suggestion))
    if review.helpfulness:
        view.rating = _("Rated %(rating)d of 5 for helpfulness", rating=review.helpfulness)
        view.thanks_html = render_user_markdown(review.thanks) if review.thanks else None
    return view


def part_views(lesson: Lesson, language: str, version: DraftVersion) -> list[PartView]:
    """The texts of a version as the composer previews them, each with its label."""
    return [PartView.of(part, version.texts.get(part.key, "")) for part in parts_for(lesson, language, version.platform)]


def review_page(review: Review, lesson: Lesson, language: str, form: ReviewForm,
                problem: str | None = None) -> ReviewPage:
    """The page for writing ``review``, showing ``form`` as typed (with its errors) or as saved."""
    text = lesson.text(language)
    # The composer's preview without its form: the reviewer sees the post as its author did.
    preview = ComposerPage(lesson, review.draft, None, part_views(lesson, language, review.version), [],
                       review.draft.author.name, Markup(prompt_html(text)))
    if review.withdrawn_at is not None:
        notice = _("A trainer has given this review to someone else, so you no longer need to write it. "
                   "Thank you for the time you put into it.")
    elif review.is_submitted:
        notice = _("You sent this review on %(date)s. It can no longer be changed.",
                   date=when(review.submitted_at))
    elif review.is_extra:
        notice = str(EXTRA_NOTE)
    else:
        notice = ""
    written = review_view(review, _("Your review"), language) if review.is_submitted else None
    hidden_reason = render_user_markdown(review.hidden_reason or "") if review.is_hidden else None
    guidance = reviewer_guidance(
        review.draft.author.organisation_id, {view.part.key: view.text for view in preview.parts},
        {view.part.key: view.part.platform.key if view.part.platform else None for view in preview.parts})
    return ReviewPage(review, text.title, when(review.due_at), preview, form, review.is_open,
                      notice, problem, error_links(form), written, hidden_reason, guidance)


def feedback_page(user: User, lesson: Lesson, language: str, rating_form: RateForm | None = None,
                  problem: str | None = None) -> FeedbackPage:
    """The feedback on ``user``'s draft for ``lesson``: newest version first, each with its visible reviews.

    ``rating_form`` is a rating the author just sent that was refused, shown with its errors and ``problem``.
    """
    draft = draft_for(user, lesson.slug)
    title = lesson.text(language).title
    if draft is None or draft.first_submitted_at is None:
        return FeedbackPage(lesson, title, False, False, "", [])
    reviews = queries.draft_reviews(draft)
    numbers = queries.reviewer_numbers(reviews)
    by_version: dict[int, list[ReviewView]] = defaultdict(list)
    for review in sorted(reviews, key=lambda review: review.submitted_at or review.assigned_at):
        if not review.is_visible_to_author:
            continue
        view = review_view(review, reviewer_label(review, numbers.get(review.reviewer_id, 0)), language)
        mine = rating_form is not None and rating_form.review_id == review.id
        view.form = rating_form if mine else RateForm.from_review(review)
        if rating_form is not None and mine:
            view.problem, view.error_links = problem, error_links(rating_form)
        by_version[review.version_id].append(view)
    versions = [
        VersionFeedback(_("Version %(number)d, submitted on %(date)s", number=version.number,
                          date=when(version.submitted_at)),
                        part_views(lesson, language, version), by_version[version.id])
        for version in reversed(draft.versions) if version.is_submitted
    ]
    return FeedbackPage(lesson, title, True, draft.is_revising, pending_note(queries.feedback_counts(reviews)),
                        versions)
