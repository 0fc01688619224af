"""Sign-in and password-reset forms."""
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, PasswordField, SubmitField
from wtforms.validators import DataRequired, Email, Length

from course.forms import UserTextForm


def strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


class LoginForm(UserTextForm):
    email = EmailField(
        _l("E-mail address"),
        filters=[strip],
        validators=[DataRequired(), Length(max=320)],
        render_kw={"autocomplete": "username", "autofocus": True},
    )
    password = PasswordField(
        _l("Password"), validators=[DataRequired()], render_kw={"autocomplete": "current-password"}
    )
    remember = BooleanField(_l("Keep me signed in on this device"))
    submit = SubmitField(_l("Sign in"))


class ResetRequestForm(UserTextForm):
    email = EmailField(
        _l("E-mail address"),
        filters=[strip],
        validators=[
            DataRequired(),
            Email(message=_l("This does not look like an e-mail address."), check_deliverability=False),
            Length(max=320),
        ],
        render_kw={"autocomplete": "email", "autofocus": True},
    )
    submit = SubmitField(_l("Send me a link"))
