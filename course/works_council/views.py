"""The learner's choice to share their progress, the cohort report, and the description for the works agreement."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from course.cohorts.queries import get_cohort_or_404
from course.curriculum.library import lessons
from course.curriculum.queries import today
from course.database import utcnow
from course.downloads import download
from course.extensions import db
from course.i18n import LANGUAGE_NAMES
from course.permissions import get_organisation_or_404, staff_required
from course.works_council import bp
from course.works_council.agreement import agreement_language, to_markdown, to_pdf, works_agreement
from course.works_council.forms import SharingForm
from course.works_council.report import cohort_report, report_pdf
from course.works_council.services import offers_sharing, set_progress_sharing


@bp.post("/profile/sharing")
@login_required
def sharing():
    if not offers_sharing(current_user):
        abort(403)
    form = SharingForm()
    if not form.validate_on_submit():
        abort(400)  # only a missing or stale token: a checkbox cannot be invalid
    shares = bool(form.shares_progress.data)
    if set_progress_sharing(current_user, shares):
        db.session.commit()
    flash(_("Your trainer now sees your progress.") if shares
          else _("Your trainer now sees you only in figures about the group."), "success")
    return redirect(url_for("accounts.profile") + "#sharing")


@bp.get("/cohorts/<int:cohort_id>/report")
@staff_required
def report(cohort_id: int):
    cohort = get_cohort_or_404(current_user, cohort_id)
    page = cohort_report(cohort, lessons.curriculum, utcnow(), today(), str(get_locale()))
    return render_template("works_council/report.html", cohort=cohort, report=page)


@bp.get("/cohorts/<int:cohort_id>/report.pdf")
@staff_required
def report_download(cohort_id: int):
    cohort = get_cohort_or_404(current_user, cohort_id)
    language = str(get_locale())
    page = cohort_report(cohort, lessons.curriculum, utcnow(), today(), language)
    return download(report_pdf(page, language), "application/pdf", f"{cohort.name} – {_('report')}.pdf")


def _description(organisation_id: int):
    organisation = get_organisation_or_404(current_user, organisation_id)
    language = agreement_language(organisation, request.args.get("lang"))
    return organisation, works_agreement(organisation, language, today())


@bp.get("/organisations/<int:organisation_id>/works-agreement")
@staff_required
def agreement(organisation_id: int):
    organisation, description = _description(organisation_id)
    return render_template("works_council/agreement.html", organisation=organisation, description=description,
                           languages=LANGUAGE_NAMES)


@bp.get("/organisations/<int:organisation_id>/works-agreement.<any(md, pdf):extension>")
@staff_required
def agreement_download(organisation_id: int, extension: str):
    organisation, description = _description(organisation_id)
    name = f"{organisation.name} – {_('works agreement')} ({description.language}).{extension}"
    if extension == "md":
        return download(to_markdown(description), "text/markdown", name)
    return download(to_pdf(description, organisation.name, today()), "application/pdf", name)
