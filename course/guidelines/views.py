"""Reading the guidelines (the version in force, any version, comparisons, exports), acknowledging them, and the
trainer's tracking of acknowledgements. The builder's routes are in ``builder/views.py``.
"""
from collections.abc import Callable

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user, login_required

from course.accounts.models import Role
from course.database import utcnow
from course.downloads import download
from course.extensions import db
from course.forms import ActionForm
from course.guidelines import bp, queries
from course.guidelines.access import Access, access_or_404, tracker_or_403
from course.guidelines.acknowledgements import AcknowledgementError, acknowledge, can_remind, remind
from course.guidelines.comparison import compare, compare_form, rules_changed, version_label
from course.guidelines.content import document_of
from course.guidelines.document import GuidelinesDocument
from course.guidelines.export import as_html, as_markdown, as_pdf, export_filename, html_export_policy
from course.guidelines.forms import StartForm
from course.guidelines.hints import rule_summary
from course.guidelines.models import GuidelineVersion
from course.works_council.visibility import group_figure, hidden_count, visible_people

EXPORTS: dict[str, tuple[str, Callable[[GuidelinesDocument], str | bytes]]] = {
    "md": ("text/markdown", as_markdown), "html": ("text/html", as_html),
           "pdf": ("application/pdf", as_pdf)}


@bp.get("/")
@login_required
def mine():
    """A learner's way in: their organisation's guidelines."""
    if current_user.role != Role.LEARNER or current_user.organisation_id is None:
        return redirect(url_for("home.index"))
    return redirect(url_for("guidelines.show", organisation_id=current_user.organisation_id))


@bp.get("/<int:organisation_id>")
@login_required
def show(organisation_id: int):
    access = access_or_404(current_user, organisation_id)
    version = queries.latest_published(access.organisation)
    draft = queries.draft_of(access.organisation) if access.can_edit else None
    document = document_of(version) if version else None
    return render_template(
        "guidelines/show.html", access=access, version=version, draft=draft, document=document,
        rules=rule_summary(document.rules) if document else [],
        acknowledged=queries.has_acknowledged(current_user, version) if version and access.is_learner else False,
        action_form=ActionForm(), start_form=StartForm(language=str(get_locale())),
    )


@bp.post("/<int:organisation_id>/acknowledge/<int:number>")
@login_required
def acknowledge_version(organisation_id: int, number: int):
    access = access_or_404(current_user, organisation_id)  # first: another organisation's people get 404
    if not access.is_learner:
        abort(403)
    version = queries.version_or_404(access.organisation, number)
    if not ActionForm().validate_on_submit() or not version.is_published:
        abort(400)
    try:
        acknowledge(current_user, version)
    except AcknowledgementError as error:
        flash(str(error), "error")
    else:
        db.session.commit()
        flash(_("Thank you. You have acknowledged version %(number)d of the guidelines.", number=number), "success")
    return redirect(url_for("guidelines.show", organisation_id=organisation_id))


@bp.get("/<int:organisation_id>/versions/<int:number>")
@login_required
def version(organisation_id: int, number: int):
    access = access_or_404(current_user, organisation_id)
    shown = _readable_or_404(access, number)
    document = document_of(shown)
    return render_template("guidelines/version.html", access=access, version=shown, document=document,
                           rules=rule_summary(document.rules), label=version_label(shown))


@bp.get("/<int:organisation_id>/versions/<int:number>/guidelines.<any(md, html, pdf):extension>")
@login_required
def export(organisation_id: int, number: int, extension: str):
    access = access_or_404(current_user, organisation_id)
    document = document_of(_readable_or_404(access, number))
    mimetype, render = EXPORTS[extension]
    response = download(render(document), mimetype, export_filename(document, extension), inline=extension == "html")
    if extension == "html":
        response.headers["Content-Security-Policy"] = html_export_policy()
    return response


@bp.get("/<int:organisation_id>/versions")
@login_required
def versions(organisation_id: int):
    access = access_or_404(current_user, organisation_id)
    shown = [v for v in queries.versions_of(access.organisation) if v.is_published or access.can_edit]
    form = compare_form(shown)
    by_number = {v.number: v for v in shown}
    older, newer = by_number.get(form.older.data), by_number.get(form.newer.data)
    changes = rules = None
    if older is not None and newer is not None and older is not newer:
        older_document, newer_document = document_of(older), document_of(newer)
        changes = compare(older_document, newer_document)
        rules = rules_changed(older_document, newer_document)
    return render_template("guidelines/versions.html", access=access, versions=shown, form=form, changes=changes,
                           changed_rules=rules, labels={v.number: version_label(v) for v in shown},
                           older=older, newer=newer)


def _readable_or_404(access: Access, number: int) -> GuidelineVersion:
    """A published version, or the draft for those who build it; readers never see a draft."""
    found = queries.version_or_404(access.organisation, number)
    if not found.is_published and not access.can_edit:
        abort(404)
    return found


# Acknowledgements, for trainers: who has acknowledged the guidelines in force, and reminding those who have not.

@bp.get("/<int:organisation_id>/acknowledgements")
@login_required
def acknowledgements(organisation_id: int):
    access = tracker_or_403(current_user, organisation_id)
    version = queries.latest_published(access.organisation)
    receipts = queries.receipts(access.organisation, version) if version else []
    now = utcnow()
    acknowledged = sum(bool(receipt.acknowledged_at) for receipt in receipts)
    summary = group_figure(access.organisation, acknowledged, len(receipts),
                           hidden_count(access.organisation, (receipt.user for receipt in receipts)))
    anyone_pending = acknowledged < len(receipts)
    # In the works-council mode the lists name only the people who share their progress.
    receipts = visible_people(access.organisation, receipts, lambda receipt: receipt.user)
    return render_template(
        "guidelines/acknowledgements.html", access=access, version=version, summary=summary,
        anyone_pending=anyone_pending,
        acknowledged=[r for r in receipts if r.acknowledged_at], pending=[r for r in receipts if not r.acknowledged_at],
        remindable={r.user.id for r in receipts if can_remind(r, now)}, action_form=ActionForm())


@bp.post("/<int:organisation_id>/acknowledgements/remind")
@login_required
def remind_pending(organisation_id: int):
    """Remind everyone who has not acknowledged, or the one learner named in the form."""
    access = tracker_or_403(current_user, organisation_id)
    version = queries.latest_published(access.organisation)
    if version is None or not ActionForm().validate_on_submit():
        abort(400)
    receipts = [r for r in queries.receipts(access.organisation, version) if r.acknowledged_at is None]
    if "user_id" in request.form:  # one learner; a malformed id must not turn into "everyone"
        wanted = request.form.get("user_id", type=int)
        receipts = [r for r in visible_people(access.organisation, receipts, lambda r: r.user) if r.user.id == wanted]
        if not receipts:
            abort(404)
    sent, recent = remind(version, receipts, current_user)
    db.session.commit()
    if sent:
        flash(ngettext("%(num)d reminder sent.", "%(num)d reminders sent.", sent), "success")
    if recent:
        flash(ngettext("%(num)d person was reminded less than a day ago and is left out until tomorrow.",
                       "%(num)d people were reminded less than a day ago and are left out until tomorrow.", recent),
              "info")
    if not sent and not recent:
        flash(_("Everybody has acknowledged this version: there is nobody to remind."), "info")
    return redirect(url_for("guidelines.acknowledgements", organisation_id=organisation_id))
