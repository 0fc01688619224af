"""The trainer material: read in the app, printed as PDF. For staff (trainers and admins), decided here on the server."""
from flask import abort, render_template
from flask_babel import get_locale
from flask_login import current_user

from course.cohorts.queries import cohorts_for
from course.curriculum.library import lessons
from course.downloads import download
from course.permissions import staff_required
from course.trainer_material import bp, pages
from course.trainer_material.export import circle_pdf, session_pdf


def _language() -> str:
    return str(get_locale())


def _session_or_404(stage_key: str) -> pages.SessionPage:
    page = pages.session_page(lessons.curriculum, stage_key, _language())
    if page is None:
        abort(404)
    return page


@bp.get("/")
@staff_required
def index():
    return render_template("trainer_material/index.html",
                           sessions=pages.session_pages(lessons.curriculum, _language()))


@bp.get("/sessions/<stage_key>")
@staff_required
def session(stage_key: str):
    page = _session_or_404(stage_key)
    # Where the plan speaks of a page of Vernetzt, it links to that page of each of the trainer's cohorts.
    cohorts = cohorts_for(current_user) if page.plan.pages else []
    return render_template("trainer_material/session.html", page=page, cohorts=cohorts)


@bp.get("/sessions/<stage_key>/session-plan.pdf")
@staff_required
def session_export(stage_key: str):
    page = _session_or_404(stage_key)
    return download(session_pdf(page, _language()), "application/pdf",
                    f"session-plan-{page.number}-{page.stage_key}-{_language()}.pdf")


@bp.get("/circle-guide")
@staff_required
def circle():
    return render_template("trainer_material/circle.html", guide=pages.circle_page(_language()),
                           cohorts=cohorts_for(current_user))


@bp.get("/circle-guide.pdf")
@staff_required
def circle_export():
    return download(circle_pdf(pages.circle_page(_language()), _language()), "application/pdf",
                    f"circle-guide-{_language()}.pdf")
