"""The cohort's progress as CSV for spreadsheets: one row per learner, or per learner and lesson.

Files start with a byte-order mark so Excel reads them as UTF-8, and use the
separator Excel expects in the reader's language (a semicolon in German). A
cell that a spreadsheet would take for a formula is prefixed with an
apostrophe, so a name like "=HYPERLINK(…)" stays text.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from flask_babel import format_decimal, get_locale
from flask_babel import gettext as _

from course.curriculum.content import Curriculum
from course.dashboard.attention import REASONS, Attention
from course.dashboard.progress import CohortProgress, LearnerProgress
from course.dashboard.shift import CohortShift
from course.dashboard.states import STATUS_LABELS
from course.dates import format_for_export
from course.surveys.series import SurveySeries

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SEPARATORS = {"de": ";"}


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def to_csv(header: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=SEPARATORS.get(str(get_locale()), ","), lineterminator="\r\n")
    writer.writerow([safe_cell(name) for name in header])
    writer.writerows([safe_cell(value) for value in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


def _when(moment) -> str:
    return format_for_export(moment)


def status_label(learner: LearnerProgress) -> str:
    if not learner.user.active:
        return _("deactivated")
    return _("invited") if learner.user.is_invited else _("active")


def _person(learner: LearnerProgress) -> list:
    return [learner.user.name, learner.user.email, learner.user.track_label, learner.circle_number or ""]


def learners_csv(progress: CohortProgress, curriculum: Curriculum, attention: Attention) -> bytes:
    language = str(get_locale())
    header = [_("Name"), _("E-mail address"), _("Track"), _("Circle"), _("Status"), _("Joined"),
              _("Last activity"), _("Lessons completed"), _("Lessons on the track"), _("Completed (%)"),
              *[_("Stage %(number)d: %(title)s", number=stage.number, title=stage.title(language))
                for stage in curriculum.stages],
              _("Drafts submitted"), _("Reviews given"), _("Reviews open"), _("Reviews overdue"),
              _("Guidelines acknowledged"), _("Needs attention"), _("Last reminded")]
    rows = ([*_person(learner), status_label(learner), _when(learner.joined_at), _when(learner.last_activity),
             learner.completed, learner.total, learner.percent,
             *[f"{stage.completed}/{stage.required}" for stage in learner.stages],
             learner.drafts_submitted, learner.reviews_given, learner.open_reviews, learner.overdue_reviews,
             _when(learner.acknowledged_at),
             "; ".join(str(REASONS[reason]) for reason in attention.reasons.get(learner.user.id, [])),
             _when(learner.reminded_at)] for learner in progress.learners)
    return to_csv(header, rows)


def lessons_csv(progress: CohortProgress, curriculum: Curriculum) -> bytes:
    language = str(get_locale())
    header = [_("Name"), _("E-mail address"), _("Track"), _("Circle"), _("Stage"), _("Lesson number"),
              _("Lesson"), _("Status")]
    labels = {status: str(label) for status, label in STATUS_LABELS.items()}
    places = {lesson.slug: (stage, f"{stage.number}.{index}")
              for stage in curriculum.stages for index, lesson in enumerate(stage.lessons, start=1)}
    titles = {slug: lesson.text(language).title for slug, lesson in curriculum.lessons.items()}
    rows = ([*_person(learner), places[slug][0].title(language), places[slug][1], titles[slug], labels[status]]
            for learner in progress.learners for slug, status in learner.statuses.items())
    return to_csv(header, rows)


def shift_csv(shift: CohortShift, series: SurveySeries) -> bytes:
    """The survey's shift as the page shows it: per scale question and answer how many gave it, then mean and
    median; a question with too few answers says so and gives no figure."""
    language = str(get_locale())
    texts = series.closing.text(language).exercise["questions"]
    header = [_("Question"), _("Answer"), _("At the start"), _("At the end"), _("90 days later")]
    rows: list[list] = []
    for scale in shift.scales:
        question = texts[scale.key]
        if scale.before is None or scale.closing is None:
            rows.append([question, _("Too few answers to show"), "", "", ""])
            continue
        columns = [scale.before, scale.closing, scale.follow_up]
        rows.append([question, _("People counted"), *[c.people if c else "" for c in columns]])
        rows += [[question, value, *[c.counts[i] if c else "" for c in columns]] for i, value in enumerate(scale.values)]
        rows.append([question, _("Mean"), *[format_decimal(round(c.mean, 2)) if c else "" for c in columns]])
        rows.append([question, _("Median"), *[format_decimal(c.median) if c else "" for c in columns]])
    return to_csv(header, rows)
