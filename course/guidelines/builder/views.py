"""The step-by-step builder: start a draft, the organisation's details, one step per section, publish."""
from flask import abort, flash, jsonify, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from course.extensions import db, limiter
from course.forms import ActionForm, at_most
from course.guidelines import bp, queries, services
from course.guidelines.access import editor_or_403
from course.guidelines.builder.pages import (
    details_form,
    details_page,
    no_draft_page,
    publish_page,
    section_form,
    section_page,
)
from course.guidelines.forms import BODY_LENGTH, AddSectionForm, PublishForm, StartForm
from course.text.user_markdown import render_user_markdown


def _step(organisation_id: int, key: str | None = None):
    if key is None:
        return redirect(url_for("guidelines.details", organisation_id=organisation_id))
    return redirect(url_for("guidelines.section", organisation_id=organisation_id, key=key))


def _draft(organisation_id: int):
    access = editor_or_403(current_user, organisation_id)
    draft = queries.draft_of(access.organisation)
    if draft is None:
        abort(no_draft_page(access))
    return access, draft


def _confirmed() -> None:
    if not ActionForm().validate_on_submit():
        abort(400)


def _confirmed_section(organisation_id: int, key: str):
    """The draft's section ``key`` for a button that changes it (skip, move, delete)."""
    found = queries.section_or_404(_draft(organisation_id)[1], key)
    _confirmed()
    return found


@bp.post("/<int:organisation_id>/draft")
@login_required
def start(organisation_id: int):
    access = editor_or_403(current_user, organisation_id)
    form = StartForm()
    if not form.validate_on_submit():
        abort(400)
    had_draft = queries.draft_of(access.organisation) is not None
    draft = services.start_draft(access.organisation, current_user, form.language.data)
    db.session.commit()
    if not had_draft:
        flash(_("Version %(number)d is started as a draft. Only people who build the guidelines see it until it "
                "is published.", number=draft.number), "success")
    return _step(organisation_id)


@bp.route("/<int:organisation_id>/draft/details", methods=["GET", "POST"])
@login_required
def details(organisation_id: int):
    access, draft = _draft(organisation_id)
    form = details_form(draft, formdata=request.method == "POST")
    if request.method == "POST" and form.validate_on_submit():
        try:
            services.update_details(draft, current_user, revision=form.revision.data or 0,
                                    language=form.language.data, details=form.details(), rules=form.rules())
        except services.GuidelinesConflict as conflict:
            return details_page(access, draft, form, conflict=conflict)
        db.session.commit()
        flash(_("The details are saved."), "success")
        return _step(organisation_id, draft.sections[0].key if draft.sections and form.save_next.data else None)
    return details_page(access, draft, form)


@bp.route("/<int:organisation_id>/draft/sections/<key>", methods=["GET", "POST"])
@login_required
def section(organisation_id: int, key: str):
    access, draft = _draft(organisation_id)
    found = queries.section_or_404(draft, key)
    form = section_form(found, formdata=request.method == "POST")
    if request.method == "GET":
        return section_page(access, draft, found, form)
    if not form.validate_on_submit():
        problem = _("The page was out of date. Your text is below; save it again.") if form.is_stale else None
        return section_page(access, draft, found, form, problem=problem)
    suggestion = request.form.get("use_suggestion")
    if suggestion:
        return section_page(access, draft, found, form, suggestion_language=suggestion)
    try:
        services.save_section(found, current_user, revision=form.revision.data or 0, title=form.title.data or "",
                              body=form.body.data or "", rules=form.rules(key))
    except services.GuidelinesConflict as conflict:
        return section_page(access, draft, found, form, conflict=conflict)
    except services.GuidelinesError as error:
        for name, message in error.problems.items():
            getattr(form, name).errors.append(message)
        return section_page(access, draft, found, form)
    db.session.commit()
    flash(_("“%(title)s” is saved.", title=form.title.data.strip()), "success")
    if form.save_next.data:
        keys = [s.key for s in draft.sections]
        index = keys.index(key)
        return _step(organisation_id, keys[index + 1]) if index + 1 < len(keys) else \
            redirect(url_for("guidelines.publish", organisation_id=organisation_id))
    return _step(organisation_id, key)


@bp.post("/<int:organisation_id>/draft/sections/<key>/skip")
@login_required
def skip(organisation_id: int, key: str):
    found = _confirmed_section(organisation_id, key)
    skipped = request.form.get("skipped") == "1"
    services.set_skipped(found, current_user, skipped)
    db.session.commit()
    flash(_("The section is skipped: it stays here but is left out of the guidelines.") if skipped
          else _("The section is part of the guidelines again."), "success")
    if request.form.get("back") == "publish":
        return redirect(url_for("guidelines.publish", organisation_id=organisation_id, _anchor=f"order-{key}"))
    return _step(organisation_id, key)


@bp.post("/<int:organisation_id>/draft/sections/<key>/move")
@login_required
def move(organisation_id: int, key: str):
    found = _confirmed_section(organisation_id, key)
    step = {"up": -1, "down": 1}.get(request.form.get("direction", ""))
    if step is None:
        abort(400)
    if services.move_section(found, current_user, step):
        db.session.commit()
    return redirect(url_for("guidelines.publish", organisation_id=organisation_id, _anchor=f"order-{key}"))


@bp.post("/<int:organisation_id>/draft/sections")
@login_required
def add_section(organisation_id: int):
    access, draft = _draft(organisation_id)
    form = AddSectionForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        added = services.add_section(draft, current_user, form.title.data or "")
    except services.GuidelinesError as error:
        form.title.errors.extend(error.problems.values())
        return publish_page(access, draft, add_form=form)
    db.session.commit()
    flash(_("“%(title)s” is added at the end. Write its text here.", title=added.title), "success")
    return _step(organisation_id, added.key)


@bp.post("/<int:organisation_id>/draft/sections/<key>/delete")
@login_required
def delete_section(organisation_id: int, key: str):
    found = _confirmed_section(organisation_id, key)
    try:
        services.delete_section(found, current_user)
    except services.GuidelinesError as error:
        flash(str(error), "error")
        return _step(organisation_id, key)
    db.session.commit()
    flash(_("The section is deleted."), "success")
    return redirect(url_for("guidelines.publish", organisation_id=organisation_id))


@bp.route("/<int:organisation_id>/draft/publish", methods=["GET", "POST"])
@login_required
def publish(organisation_id: int):
    access, draft = _draft(organisation_id)
    form = PublishForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            return publish_page(access, draft, form=form, problems={"": _("The page was out of date. Your note is "
                                                                          "below; publish again.")})
        try:
            services.publish(draft, current_user, form.note.data or "")
        except services.GuidelinesError as error:
            return publish_page(access, draft, form=form, problems=error.problems)
        db.session.commit()
        flash(_("Version %(number)d is published. Learners are asked to acknowledge it.", number=draft.number),
              "success")
        return redirect(url_for("guidelines.show", organisation_id=organisation_id))
    return publish_page(access, draft, form=form)


@bp.post("/<int:organisation_id>/draft/discard")
@login_required
def discard(organisation_id: int):
    draft = _draft(organisation_id)[1]
    _confirmed()
    services.discard_draft(draft)
    db.session.commit()
    flash(_("The draft is discarded. The published guidelines are unchanged."), "success")
    return redirect(url_for("guidelines.show", organisation_id=organisation_id))


@bp.post("/<int:organisation_id>/preview")
@login_required
@limiter.limit("120 per minute", key_func=lambda: f"guidelines-preview:{getattr(current_user, 'id', None)}")
def preview(organisation_id: int):
    """The live preview (guidelines.js): Markdown in, sanitised HTML out."""
    editor_or_403(current_user, organisation_id)
    text = (request.get_json(silent=True) or {}).get("text", "")
    text = text if isinstance(text, str) else ""
    if len(text) > BODY_LENGTH:  # refused before Markdown is rendered
        return jsonify(problem=str(at_most(BODY_LENGTH).message) % {"length": len(text), "max": BODY_LENGTH}), 422
    return jsonify(html=str(render_user_markdown(text)))
