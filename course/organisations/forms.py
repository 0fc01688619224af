"""Forms for organisations."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectChoice, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from course.forms import UserTextForm
from course.i18n import LANGUAGE_NAMES


class OrganisationForm(UserTextForm):
    name = StringField(_l("Name of the organisation"), validators=[DataRequired(), Length(max=200)])
    submit = SubmitField(_l("Create organisation"))


class SettingsForm(FlaskForm):
    """How the organisation runs Vernetzt: language, the works-council mode, retention."""

    default_language = SelectField(
        _l("Language of its people and its mail"),
        description=_l("Used wherever a person has not chosen a language in their profile: pages, invitations, "
                       "reminders."),
        choices=[SelectChoice("", _l("None: each person's browser decides, mail in English")),
                 *(SelectChoice(code, name) for code, name in LANGUAGE_NAMES.items())])
    works_council_mode = BooleanField(
        _l("Works-council mode"),
        description=_l("Trainers see figures only for groups of at least the size below, never one person's "
                       "progress unless that person shares it."))
    smallest_group = IntegerField(
        _l("Smallest group shown"), default=5,
        description=_l("In works-council mode, figures of fewer people than this are not shown. From 3 to 50."),
        validators=[InputRequired(_l("Enter a number from 3 to 50.")),
                    NumberRange(min=3, max=50, message=_l("Enter a number from 3 to 50."))])
    retention_months = IntegerField(
        _l("Delete a closed cohort's personal data after (months)"),
        description=_l("Empty: kept until each person deletes their account. From 1 to 120 months after the "
                       "cohort is closed."),
        validators=[Optional(), NumberRange(min=1, max=120, message=_l("Enter a number of months from 1 to 120, "
                                                                       "or leave it empty."))])
    submit = SubmitField(_l("Save settings"))
