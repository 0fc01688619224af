"""The trainer material as printable A4 PDFs, in the language of the page it is printed from."""
from __future__ import annotations

from datetime import UTC, datetime

from flask_babel import force_locale
from flask_babel import gettext as _
from markupsafe import Markup

from course.pdf import heading, new_pdf, write_html
from course.pdf import title as pdf_title
from course.trainer_material.content import FOLDER, CircleGuide
from course.trainer_material.pages import SessionPage


def _material_date(name: str) -> datetime:
    # The file's own date, not now: the same material always prints to the same bytes.
    return datetime.fromtimestamp((FOLDER / f"{name}.yaml").stat().st_mtime, UTC)


def _items(texts: list[str]) -> Markup:
    """An HTML list of our own texts, escaped like any other text."""
    return Markup("<ul>{}</ul>").format(Markup("").join(Markup("<li>{}</li>").format(text) for text in texts))


def _paragraph(text: str) -> Markup:
    return Markup("<p>{}</p>").format(text)


def session_pdf(page: SessionPage, language: str) -> bytes:
    """A session plan on A4: goal, what to prepare, the timing, and the lessons of the stage."""
    with force_locale(language):
        name = _("Session plan: stage %(number)s, %(title)s", number=page.number, title=page.stage_title)
        pdf = new_pdf(name, "Vernetzt", language, _material_date("sessions"))
        pdf_title(pdf, name, _("%(minutes)s minutes", minutes=page.plan.minutes))
        heading(pdf, _("Goal"))
        write_html(pdf, _paragraph(page.plan.goal))
        heading(pdf, _("What to prepare"))
        write_html(pdf, _items(page.plan.prepare))
        heading(pdf, _("Timing"))
        write_html(pdf, _items([_("%(minutes)s min: %(activity)s", minutes=block.minutes, activity=block.activity)
                                for block in page.plan.timing]))
        heading(pdf, _("Lessons of this stage"))
        write_html(pdf, _items([lesson.title for lesson in page.lessons]))
        return bytes(pdf.output())


def circle_pdf(guide: CircleGuide, language: str) -> bytes:
    """The twelve-week circle guide on A4: how a meeting runs, then one section per week."""
    with force_locale(language):
        name = _("Circle guide: twelve weeks")
        pdf = new_pdf(name, "Vernetzt", language, _material_date("circle"))
        pdf_title(pdf, name)
        write_html(pdf, _paragraph(guide.introduction))
        heading(pdf, _("Every meeting"))
        write_html(pdf, _items(guide.meeting))
        for week in guide.weeks:
            heading(pdf, _("Week %(number)s: %(title)s", number=week.number, title=week.title))
            write_html(pdf, _paragraph(week.focus))
            write_html(pdf, _paragraph(_("Before the next meeting: %(task)s", task=week.between)))
        return bytes(pdf.output())
