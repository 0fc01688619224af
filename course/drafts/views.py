"""The composer: write, autosave, submit, and compare versions of a post or profile."""
from __future__ import annotations

from flask import abort, flash, jsonify, make_response, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from course.accounts.models import Role
from course.curriculum.content import Lesson
from course.curriculum.pages import find_lesson, lock_reason, render_lesson
from course.drafts import bp, services
from course.drafts.forms import composer_form_class
from course.drafts.pages import composer_page
from course.drafts.targets import COMPOSER_KINDS, parts_for
from course.drafts.versions import compare_form, version_comparison, version_label
from course.extensions import db, limiter
from course.guidelines.acknowledgements import required_before_submitting
from course.permissions import role_required
from course.review.submission import submit_draft
from course.text.platforms import UnknownPlatform


def lesson_to_write(slug: str, *, as_json: bool = False) -> Lesson:
    """The lesson whose post or profile the learner writes: 404 if it has none, 403 while it is locked."""
    view, stage, state = find_lesson(slug)
    if state.lesson.exercise is None or state.lesson.exercise.kind not in COMPOSER_KINDS:
        abort(404)
    if state.is_locked:
        if as_json:
            abort(make_response(jsonify(problems={"": lock_reason(stage, str(get_locale()))}), 403))
        abort(make_response(render_lesson(view, stage, state)))
    return state.lesson


def _composer_form(lesson, draft, formdata: bool):
    """The form and parts, filled from the request or from the saved draft; plus a platform problem."""
    language = str(get_locale())
    if not formdata:
        wanted = draft.platform if draft else None
    elif request.is_json:
        wanted = (request.get_json(silent=True) or {}).get("platform")
    else:
        wanted = request.form.get("platform")
    problems = {}
    try:
        parts = parts_for(lesson, language, wanted)
    except UnknownPlatform as error:
        parts, problems = parts_for(lesson, language, None), {"platform": str(error)}
    form_class = composer_form_class(lesson, parts)
    if formdata:
        return form_class(), parts, problems
    saved = {f"text_{key}": text for key, text in (draft.texts if draft else {}).items()}
    saved["revision"] = draft.revision if draft else 0
    if draft and draft.platform:
        saved["platform"] = draft.platform
    return form_class(formdata=None, data=saved), parts, problems


def _page(lesson, form, parts, draft, problems=None, conflict=None, revision=None):
    composer = composer_page(current_user, lesson, str(get_locale()), form, parts, draft, problems, conflict, revision)
    pending = required_before_submitting(current_user)
    if pending is not None:
        composer.acknowledge_first = url_for("guidelines.show", organisation_id=pending.organisation_id)
    return render_template("drafts/edit.html", lesson=lesson, text=lesson.text(str(get_locale())), composer=composer)


@bp.route("/<slug>/write", methods=["GET", "POST"])
@role_required(Role.LEARNER)
def edit(slug: str):
    lesson = lesson_to_write(slug)
    draft = services.draft_for(current_user, slug)
    form, parts, problems = _composer_form(lesson, draft, formdata=request.method == "POST")
    if request.method == "GET" or problems:
        return _page(lesson, form, parts, draft, problems)
    if not form.validate_on_submit():
        # Revision 0: the next save shows both texts if the draft moved on.
        return _page(lesson, form, parts, draft, {"": _("The page was out of date. Your text is below; save it again.")},
                     revision=0)
    try:
        draft = services.save_draft(current_user, lesson, form.texts(), platform=form.chosen_platform,
                                    revision=form.revision.data or 0, new_version=bool(form.keep_mine.data),
                                    language=str(get_locale()))
    except services.DraftConflict as error:
        return _page(lesson, form, parts, error.draft, conflict=error.draft)
    except services.DraftError as error:
        return _page(lesson, form, parts, draft, error.problems)
    if form.submit.data:
        try:
            submit_draft(current_user, lesson, draft, str(get_locale()))
        except services.DraftError as error:
            db.session.commit()  # the text is saved even though it cannot go to review yet
            return _page(lesson, form, parts, draft, error.problems, revision=draft.revision)
        db.session.commit()
        flash(_("Your text is submitted for peer review."), "success")
        return redirect(url_for("curriculum.lesson", slug=slug, _anchor="exercise"))
    db.session.commit()
    flash(_("Draft saved."), "success")
    return redirect(url_for("drafts.edit", slug=slug))


@bp.post("/<slug>/draft")
@role_required(Role.LEARNER)
@limiter.limit("120 per minute", key_func=lambda: f"autosave:{getattr(current_user, 'id', None) or request.remote_addr}")
def autosave(slug: str):
    """Save while typing (composer.js); answers JSON, 409 with both texts on a conflict."""
    lesson = lesson_to_write(slug, as_json=True)
    draft = services.draft_for(current_user, slug)
    form, parts, problems = _composer_form(lesson, draft, formdata=True)
    if not problems and not form.validate():
        problems = {"": _("The page was out of date. Reload it; your text is still in the box.")}
    if problems:
        return jsonify(problems=problems), 422
    try:
        draft = services.save_draft(current_user, lesson, form.texts(), platform=form.chosen_platform,
                                    revision=form.revision.data or 0, new_version=bool(form.keep_mine.data),
                                    language=str(get_locale()))
    except services.DraftConflict as error:
        composer = composer_page(current_user, lesson, str(get_locale()), form, parts, error.draft, conflict=error.draft)
        return jsonify(revision=error.draft.revision,
                       conflict=render_template("drafts/_conflict.html", composer=composer)), 409
    except services.DraftError as error:
        return jsonify(problems=error.problems), 422
    db.session.commit()
    composer = composer_page(current_user, lesson, str(get_locale()), form, parts, draft)
    return jsonify(
        revision=draft.revision,
        version=draft.latest.number,
        status=render_template("drafts/_status.html", composer=composer),
        previews={view.part.key: render_template("drafts/_preview_body.html", view=view) for view in composer.parts},
        lengths={view.part.key: view.size.length for view in composer.parts},
        hints=render_template("drafts/_hints.html", composer=composer),
    )


@bp.get("/<slug>/versions")
@role_required(Role.LEARNER)
def versions(slug: str):
    lesson = lesson_to_write(slug)
    draft = services.draft_for(current_user, slug)
    form = compare_form(draft)
    comparison = version_comparison(lesson, str(get_locale()), draft, form) if draft else None
    labels = [version_label(version) for version in reversed(draft.versions)] if draft else []
    return render_template("drafts/versions.html", lesson=lesson, text=lesson.text(str(get_locale())),
                           draft=draft, form=form, comparison=comparison, version_labels=labels)
