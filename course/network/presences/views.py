"""Where I am online: a person's public accounts, and who may see them."""
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from course.extensions import db
from course.network import bp, queries, services
from course.network.models import ShownAs, Visibility
from course.network.presences.forms import PresencesForm


def _page(form: PresencesForm):
    return render_template("network/presences.html", form=form)


@bp.route("/network/me", methods=["GET", "POST"])
@login_required
def presences():
    user = current_user._get_current_object()
    form = PresencesForm()
    if not form.is_submitted():
        return _page(PresencesForm.filled(queries.presences_of(user), queries.profile_of(user)))
    if not form.validate():
        return _page(form)
    try:
        services.save_presences(user, form.addresses(), Visibility(form.visibility.data), ShownAs(form.shown_as.data))
    except services.NetworkError as error:
        for platform, message in error.problems.items():
            form[platform].errors = [message]
        return _page(form)
    db.session.commit()
    flash(_("Saved. Your addresses appear on the network pages for the people you chose."), "success")
    return redirect(url_for("network.presences"))
