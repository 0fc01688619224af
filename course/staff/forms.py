"""Inviting a trainer or an administrator."""
from flask_babel import lazy_gettext as _l
from wtforms import EmailField, SelectChoice, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, InputRequired

from course.accounts.models import Role
from course.auth.forms import strip
from course.forms import UserTextForm, at_most
from course.i18n import LANGUAGE_NAMES

ROLE_CHOICES = [SelectChoice(Role.TRAINER.value, _l("Trainer: runs the cohorts of the organisations they train")),
                SelectChoice(Role.ADMIN.value, _l("Administrator: every organisation, its settings and its staff"))]


class InviteStaffForm(UserTextForm):
    name = StringField(_l("Name"), validators=[DataRequired(_l("Enter the person's name.")), at_most(200)])
    email = EmailField(_l("E-mail address"), filters=[strip], validators=[
        DataRequired(_l("Enter an e-mail address.")),
        Email(_l("This does not look like an e-mail address. For example: anna.schmidt@example.com")),
        at_most(320)])
    role = SelectField(_l("Role"), choices=ROLE_CHOICES, validators=[InputRequired()])
    organisation_id = SelectField(
        _l("Organisation they train"), coerce=int,
        description=_l("For a trainer. An existing trainer's address adds this organisation to theirs."))
    language = SelectField(_l("Language of the invitation"), choices=[
        SelectChoice("", _l("The organisation's, else English")),
        *(SelectChoice(code, name) for code, name in LANGUAGE_NAMES.items())])
    submit = SubmitField(_l("Send the invitation"))
