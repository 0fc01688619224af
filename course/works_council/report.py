"""The cohort report for management: group figures only, the same in both modes, as a page and as a PDF."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import force_locale, format_decimal
from flask_babel import gettext as _
from markupsafe import Markup

from course.cohorts.models import Cohort
from course.curriculum.content import Curriculum
from course.dashboard.attention import DEFAULT_IDLE_DAYS
from course.dashboard.pages.aggregate import AggregatePage, aggregate_page
from course.dashboard.progress import load_progress
from course.dashboard.shift import MIN_GROUP, cohort_shift, load_answers
from course.dates import format_day
from course.pdf import heading, new_pdf, write_html
from course.pdf import title as pdf_title
from course.surveys.series import survey_series
from course.works_council.visibility import smallest_group


@dataclass(frozen=True)
class ShiftLine:
    question: str
    before: str | None  # None: too few people answered both times
    after: str | None
    later: str | None


@dataclass(frozen=True)
class CohortReport:
    cohort: Cohort
    figures: AggregatePage
    shift: list[ShiftLine]
    has_survey: bool
    made_on: date


def cohort_report(cohort: Cohort, curriculum: Curriculum, now: datetime, today: date, language: str) -> CohortReport:
    """Everything the report shows, in a fixed number of statements."""
    progress = load_progress(cohort, curriculum, now)
    figures = aggregate_page(progress, curriculum, now, today, DEFAULT_IDLE_DAYS, beside_names=False)
    series = survey_series(curriculum)
    lines = []
    if series is not None:
        minimum = max(MIN_GROUP, smallest_group(cohort.organisation))
        texts = series.closing.text(language).exercise["questions"]
        for scale in cohort_shift(load_answers(cohort, series), series, minimum).scales:
            lines.append(ShiftLine(texts[scale.key], _mean(scale.before), _mean(scale.closing),
                                   _mean(scale.follow_up)))
    return CohortReport(cohort, figures, lines, series is not None, today)


def _mean(column) -> str | None:
    return format_decimal(round(column.mean, 1), format="0.0") if column is not None else None


def _paragraph(text: str) -> Markup:
    return Markup("<p>{}</p>").format(text)


def _items(texts: list[str]) -> Markup:
    return Markup("<ul>{}</ul>").format(Markup("").join(Markup("<li>{}</li>").format(text) for text in texts))


def report_pdf(report: CohortReport, language: str) -> bytes:
    """The report on A4, in ``language``."""
    figures = report.figures
    with force_locale(language):
        too_few = _too_few(figures.smallest_group)
        name = _("Cohort report: %(cohort)s", cohort=report.cohort.name)
        pdf = new_pdf(name, report.cohort.organisation.name, language,
                      datetime.combine(report.made_on, datetime.min.time()))
        pdf_title(pdf, name, _("%(organisation)s, as of %(date)s", organisation=report.cohort.organisation.name,
                               date=format_day(report.made_on)))
        heading(pdf, _("Completion"))
        facts = [_("%(num)d signed up, %(invited)d invited and not yet signed up.", num=figures.signed_up,
                   invited=figures.invited)]
        if figures.is_shown:
            facts.append(_("On average %(percent)d%% of their lessons completed.", percent=figures.average_percent))
            facts.append(figures.completion.description)
        write_html(pdf, _items(facts) if figures.is_shown else _items([*facts, too_few]))
        heading(pdf, _("Stage funnel"))
        write_html(pdf, _items([f"{row.label}: {row.values[0]} ({row.values[1]})" for row in figures.funnel.rows])
                   if figures.is_shown else _paragraph(too_few))
        heading(pdf, _("Review health"))
        write_html(pdf, _items([_health_line(row, too_few) for row in figures.health]))
        heading(pdf, _("Guidelines acknowledged"))
        write_html(pdf, _paragraph(_acknowledgement_line(figures, too_few)))
        heading(pdf, _("Survey before and after"))
        write_html(pdf, _items([_shift_line(line) for line in report.shift]) if report.shift
                   else _paragraph(_("This course has no survey before and after.")))
        write_html(pdf, _paragraph(_("Figures about groups only; a group of fewer than %(size)d people gives no "
                                     "figure.", size=figures.smallest_group)))
        return bytes(pdf.output())


def _too_few(size: int) -> str:
    return _("Too few people to show: figures appear for groups of at least %(size)d people.", size=size)


def _health_line(row, too_few: str) -> str:
    if not row.is_shown:
        return f"{row.label}: {too_few}"
    return _("%(group)s: %(open)d open, %(overdue)d overdue, %(submitted)d submitted, average helpfulness "
             "%(average)s", group=row.label, open=row.open, overdue=row.overdue, submitted=row.submitted,
             average=row.average_helpfulness or "–")


def _acknowledgement_line(figures: AggregatePage, too_few: str) -> str:
    if not figures.progress.has_guidelines:
        return _("No guidelines are in force yet, so there is nothing to acknowledge.")
    if figures.acknowledgement_rate is None:
        return too_few
    return _("%(share)s of the signed-up learners have acknowledged the guidelines in force.",
             share=figures.acknowledgement_rate)


def _shift_line(line: ShiftLine) -> str:
    if line.before is None:
        return _("%(question)s: too few answers to show", question=line.question)
    return _("%(question)s: average %(before)s at the start, %(after)s at the end, %(later)s 90 days later",
             question=line.question, before=line.before, after=line.after, later=line.later or "–")
