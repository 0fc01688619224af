"""What the builder's pages show: the steps, a section's editor with suggestions and preview, the review step."""
from __future__ import annotations

from dataclasses import dataclass

from flask import Response, make_response, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from markupsafe import Markup

from course.dates import format_moment
from course.forms import ActionForm
from course.guidelines.access import Access
from course.guidelines.content import (
    document_of,
    is_suggestion,
    rules_of,
    section_body,
    section_title,
    suggestion_fields,
)
from course.guidelines.forms import (
    LANGUAGES,
    SECTION_RULES,
    AddSectionForm,
    DetailsForm,
    PublishForm,
    SectionForm,
    StartForm,
)
from course.guidelines.hints import rule_summary
from course.guidelines.models import GuidelineSection, GuidelineVersion
from course.guidelines.queries import latest_published
from course.guidelines.services import GuidelinesConflict
from course.guidelines.suggestions import suggested_text, suggested_title
from course.text.user_markdown import render_user_markdown


@dataclass(frozen=True)
class Step:
    label: str
    url: str
    is_current: bool
    state: str = ""  # "suggested", "skipped" or "" for a section of one's own text


@dataclass(frozen=True)
class Suggestion:
    language: str
    language_name: str
    title: str
    html: Markup


def steps(draft: GuidelineVersion, current: str) -> list[Step]:
    """The builder's steps: details, one per section in order, then review and publish."""
    organisation_id = draft.organisation_id
    items = [Step(_("Your organisation"), url_for("guidelines.details", organisation_id=organisation_id),
                  current == "details")]
    for section in draft.sections:
        state = "skipped" if section.is_skipped else "suggested" if is_suggestion(section) else ""
        items.append(Step(section_title(section), url_for("guidelines.section", organisation_id=organisation_id,
                                                          key=section.key), current == section.key, state))
    items.append(Step(_("Review and publish"), url_for("guidelines.publish", organisation_id=organisation_id),
                      current == "publish"))
    return items


def details_form(draft: GuidelineVersion, formdata: bool) -> DetailsForm:
    if formdata:
        return DetailsForm()
    rules, details = rules_of(draft), draft.details or {}
    return DetailsForm(formdata=None, data={
        "revision": draft.revision, "language": draft.language,
        "organisation": details.get("organisation") or draft.organisation.name,
        "social_contact": details.get("social_contact", ""), "crisis_contact": details.get("crisis_contact", ""),
        "employer_names": "\n".join(rules.employer_names), "hashtags": " ".join(rules.hashtags),
        "platforms": list(rules.platforms)})


def details_page(access: Access, draft: GuidelineVersion, form: DetailsForm,
                 conflict: GuidelinesConflict | None = None) -> str:
    problem = None
    if conflict is not None:
        _show_revision(form, draft.revision)
        problem = _("%(name)s changed the details while you were editing. Your entries are below; saving them "
                    "replaces those changes.", name=_editor_name(conflict))
    return render_template("guidelines/details.html", access=access, draft=draft, form=form, problem=problem,
                           steps=steps(draft, "details"))


def section_form(section: GuidelineSection, formdata: bool) -> SectionForm:
    if formdata:
        return SectionForm()
    rules = rules_of(section.version)
    return SectionForm(formdata=None, data={
        "revision": section.revision, "title": section_title(section), "body": section_body(section),
        "disclosure_phrases": "\n".join(rules.disclosure_phrases),
        "forbidden_terms": "\n".join(rules.forbidden_terms)})


def section_page(access: Access, draft: GuidelineVersion, section: GuidelineSection, form: SectionForm, *,
                 problem: str | None = None, conflict: GuidelinesConflict | None = None,
                 suggestion_language: str | None = None) -> str:
    """A section's step. With ``suggestion_language`` the suggestion replaces the text in the editor (not saved);
    after a conflict the colleague's saved text is shown beside the editor's own."""
    previous = theirs = None
    fields = suggestion_fields(draft)
    if suggestion_language in dict(LANGUAGES) and not section.is_custom:
        previous = form.body.data
        form.title.data = suggested_title(section.key, suggestion_language)
        form.body.data = suggested_text(section.key, suggestion_language, fields)
    if conflict is not None:
        _show_revision(form, section.revision)
        theirs = render_user_markdown(section_body(section, fields))
        problem = _("%(name)s saved this section while you were editing. Their text is shown below yours; "
                    "combine the two and save again.", name=_editor_name(conflict))
    suggestions = [] if section.is_custom else [
        Suggestion(code, name, suggested_title(section.key, code),
                   render_user_markdown(suggested_text(section.key, code, fields))) for code, name in LANGUAGES]
    return render_template(
        "guidelines/section.html", access=access, draft=draft, section=section, form=form,
        rule_fields=[getattr(form, name) for name in SECTION_RULES.get(section.key, ())],
        # A body refused as too long is shown back as typed, not rendered: that work grows with the text.
        preview=render_user_markdown(form.body.data or "") if not form.body.errors else "", suggestions=suggestions, previous=previous, theirs=theirs,
        problem=problem, is_suggestion=is_suggestion(section),
        action_form=ActionForm(), steps=steps(draft, section.key),
        preview_url=url_for("guidelines.preview", organisation_id=draft.organisation_id))


def publish_page(access: Access, draft: GuidelineVersion, *, form: PublishForm | None = None,
                 add_form: AddSectionForm | None = None, problems: dict[str, str] | None = None) -> str:
    form = form or PublishForm()
    for name, message in (problems or {}).items():
        if name:
            getattr(form, name).errors.append(message)
    document = document_of(draft)
    return render_template(
        "guidelines/publish.html", access=access, draft=draft, document=document, rules=rule_summary(document.rules),
        form=form, add_form=add_form or AddSectionForm(), action_form=ActionForm(),
        problem=(problems or {}).get(""), steps=steps(draft, "publish"),
        titles={section.key: section_title(section) for section in draft.sections},
        suggested={section.key for section in draft.sections if is_suggestion(section)})


def no_draft_page(access: Access) -> Response:
    """Where a builder address leads once there is no draft (published or discarded): what happened, and on (404)."""
    version = latest_published(access.organisation)
    note = _("Version %(number)d was published on %(date)s by %(name)s, so its draft can no longer be changed.",
             number=version.number, date=format_moment(version.published_at),
             name=version.published_by.name if version.published_by else _("someone")) if version else ""
    page = render_template("guidelines/no_draft.html", access=access, version=version, published_note=note,
                           start_form=StartForm(language=version.language if version else str(get_locale())),
                           start_label=_("Start the next version") if version else None)
    return make_response(page, 404)


def _show_revision(form: DetailsForm | SectionForm, revision: int) -> None:
    """Let the form save over the revision now stored. An IntegerField renders what was posted (``raw_data``)
    before its data, so both must change, or the page would post the stale revision and conflict again."""
    form.revision.data, form.revision.raw_data = revision, [str(revision)]


def _editor_name(conflict: GuidelinesConflict) -> str:
    return conflict.editor.name if conflict.editor else _("Someone")
