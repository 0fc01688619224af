"""Post it for real: open the platform's compose screen with the text, then paste the live post's link back."""
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from course.accounts.models import Role
from course.drafts.services import draft_for
from course.drafts.views import lesson_to_write
from course.extensions import db
from course.forms import confirm_or_400
from course.network import bp, queries, services
from course.network.publishing.forms import PublishedForm
from course.network.publishing.pages import publish_page
from course.permissions import role_required


def _written(slug: str):
    """The lesson and the learner's draft of its post, once submitted for review at least once; 404 before."""
    lesson = lesson_to_write(slug)
    draft = draft_for(current_user, slug)
    if lesson.require_exercise().kind != "post" or draft is None or draft.first_submitted_at is None:
        abort(404)
    return lesson, draft


@bp.get("/learn/<slug>/publish")
@role_required(Role.LEARNER)
def publish(slug: str):
    lesson, draft = _written(slug)
    return render_template("network/publish.html", page=publish_page(current_user, lesson, str(get_locale()), draft))


@bp.post("/learn/<slug>/publish/<platform>")
@role_required(Role.LEARNER)
def published(slug: str, platform: str):
    """The link of the live post on ``platform``, pasted back."""
    lesson, draft = _written(slug)
    form = PublishedForm(prefix=platform)
    page = publish_page(current_user, lesson, str(get_locale()), draft, posted=(platform, form))
    target = next((t for t in page.targets if t.platform.key == platform), None) or abort(404)
    if form.validate():
        try:
            publication = services.publish(current_user, draft, platform, target.text, form.link.data)
        except services.NetworkError as error:
            form.link.errors = [error.problems["link"]]
        else:
            db.session.commit()
            if publication.cohort_id is None:
                flash(_("Your post is kept with your text. You are in no open cohort, so it joins no feed."), "success")
            else:
                flash(_("Your post is in your cohort’s feed. Colleagues can now find it and answer."), "success")
            return redirect(url_for("network.publish", slug=slug, _anchor=f"publish-{platform}"))
    return render_template("network/publish.html", page=page), 422


@bp.post("/publications/<int:publication_id>/remove")
@role_required(Role.LEARNER)
def remove_publication(publication_id: int):
    confirm_or_400()
    publication = queries.get_own_publication_or_404(current_user, publication_id)
    slug = publication.draft.lesson_slug if publication.draft else None
    services.remove_publication(publication)
    db.session.commit()
    flash(_("Removed from Vernetzt. The post itself is still on its platform; delete it there if you wish."), "success")
    return redirect(url_for("network.publish", slug=slug) if slug else url_for("network.presences"))
