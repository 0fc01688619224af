"""What every form shares: the plain action button, its check, and text fields that clean what people type.

Every form with free text derives from ``UserTextForm``, whose fields pass what
they receive through ``course.text.cleaning.clean_user_text`` and whose lengths
are ``at_most(n)``; services that store texts given to them directly (drafts,
exercise answers) call ``clean_user_text`` too, so a JSON body cannot store what
a form would not.
"""
from __future__ import annotations

from flask import abort
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, SelectChoice, SelectField, StringField
from wtforms.validators import Length, Optional

from course.text.cleaning import clean_user_text


def _clean_field(value):
    return clean_user_text(value) if isinstance(value, str) else value


def at_most(limit: int) -> Length:
    """A length limit whose message says by how much, checked before the text is counted or rendered."""
    return Length(max=limit, message=_l("This has %(length)d characters; at most %(max)d fit. Shorten it and "
                                        "save again – your text is still here."))


class UserTextForm(FlaskForm):
    """A form whose text fields (not passwords, which are used as typed) are cleaned on the way in."""

    class Meta:
        def bind_field(self, form, unbound_field, options):
            if issubclass(unbound_field.field_class, StringField) and not issubclass(
                    unbound_field.field_class, PasswordField):
                options["filters"] = (*unbound_field.kwargs.get("filters", ()), _clean_field)
            return unbound_field.bind(form=form, **options)

    @property
    def is_stale(self) -> bool:
        """Whether it failed because its CSRF token expired, rather than because of what was typed."""
        return "csrf_token" in self.errors


class ActionForm(FlaskForm):
    """A button that changes something: only the CSRF token to check."""


def confirm_or_400(form: FlaskForm | None = None) -> None:
    """Stop unless the form came from our page (CSRF is also checked app-wide); a plain button by default."""
    if not (form if form is not None else ActionForm()).validate_on_submit():
        abort(400)


class CompareForm(FlaskForm):
    """Which two versions to compare, a read-only choice (GET), so no CSRF token; drafts and guidelines alike."""

    class Meta:
        csrf = False

    older = SelectField(_l("Compare version"), coerce=int, validators=[Optional()], validate_choice=False)
    newer = SelectField(_l("with version"), coerce=int, validators=[Optional()], validate_choice=False)


def version_choice_form(versions: list[tuple[int, str]], formdata) -> CompareForm:
    """The choice among ``versions`` (number and label, newest first) from ``formdata``; by default the newest two."""
    form = CompareForm(formdata=formdata)
    form.older.choices = form.newer.choices = [SelectChoice(number, label) for number, label in versions]
    numbers = [number for number, _label in versions]
    if form.older.data not in numbers:
        form.older.data = numbers[1] if len(numbers) > 1 else (numbers[0] if numbers else None)
    if form.newer.data not in numbers:
        form.newer.data = numbers[0] if numbers else None
    return form
