"""The form that deletes one's own account."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired


class DeleteAccountForm(FlaskForm):
    """The password, or for someone who signs in only through their organisation's provider the typed e-mail
    address (``DeleteAccountForm.for_user`` drops the field that does not apply), and the confirm box."""

    password = PasswordField(_l("Your password"), validators=[DataRequired()],
                             render_kw={"autocomplete": "current-password"})
    typed_email = StringField(_l("Type your e-mail address to confirm"), validators=[DataRequired()],
                              render_kw={"autocomplete": "off", "spellcheck": "false"})
    confirm = BooleanField(_l("I understand that my personal data is deleted and cannot be restored."),
                           validators=[DataRequired(message=_l("Tick this box to delete your account."))])
    submit = SubmitField(_l("Delete my account"), render_kw={"id": "delete-account"})

    @classmethod
    def for_user(cls, has_password: bool) -> "DeleteAccountForm":
        form = cls()
        del form[("typed_email" if has_password else "password")]
        return form
