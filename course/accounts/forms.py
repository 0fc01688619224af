"""Forms for the profile and for setting passwords."""
from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, SelectChoice, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from course.forms import UserTextForm
from course.i18n import LANGUAGE_NAMES


class NewPasswordMixin:
    """A new password typed twice, at least PASSWORD_MIN_LENGTH characters."""

    password = PasswordField(
        _l("New password"),
        validators=[DataRequired(), Length(max=256)],
        render_kw={"autocomplete": "new-password"},
        description=_l("At least 10 characters. A few words you will remember work well."),
    )
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The two passwords are not the same."))],
        render_kw={"autocomplete": "new-password"},
    )

    def validate_password(self, field) -> None:
        minimum = current_app.config["PASSWORD_MIN_LENGTH"]
        if len(field.data or "") < minimum:
            raise ValidationError(_l("Use at least %(count)d characters.", count=minimum))


class SetPasswordForm(NewPasswordMixin, FlaskForm):
    submit = SubmitField(_l("Save password"))


class ChangePasswordForm(NewPasswordMixin, FlaskForm):
    current_password = PasswordField(
        _l("Current password"),
        validators=[DataRequired()],
        render_kw={"autocomplete": "current-password"},
    )
    submit = SubmitField(_l("Change password"))


def language_choices() -> list[SelectChoice]:
    return [SelectChoice(code, name) for code, name in LANGUAGE_NAMES.items()]


def profile_language_choices() -> list[SelectChoice]:
    return [SelectChoice("", _l("As my browser prefers")), *language_choices()]


class ProfileForm(UserTextForm):
    name = StringField(
        _l("Name"), validators=[DataRequired(), Length(max=200)], render_kw={"autocomplete": "name"}
    )
    language = SelectField(_l("Language"), choices=profile_language_choices)
    submit = SubmitField(_l("Save profile"))


class LanguageForm(FlaskForm):
    language = SelectField(_l("Language"), choices=language_choices)
