"""Forms of a cohort's People page: invite one person, upload a list, confirm the checked list.

The rules (valid addresses, known tracks, existing accounts) live in roster.py
and services.py, so a typed invitation and a line of a file are checked alike.
"""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import EmailField, HiddenField, SelectChoice, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, InputRequired, Length

from course.accounts.models import TRACK_LABELS, Track
from course.forms import UserTextForm
from course.workspace.people.roster import EMAIL_LENGTH, MAX_ROWS, NAME_LENGTH


def track_choices() -> list[SelectChoice]:
    return [SelectChoice("", _l("Choose a track")), *(SelectChoice(t.value, TRACK_LABELS[t]) for t in Track)]


class InviteForm(UserTextForm):
    name = StringField(_l("Name"), validators=[DataRequired(_l("Enter the person's name.")), Length(max=NAME_LENGTH)],
                       render_kw={"autocomplete": "off"})
    email = EmailField(_l("E-mail address"), validators=[DataRequired(_l("Enter an e-mail address.")),
                                                         Length(max=EMAIL_LENGTH)],
                       render_kw={"autocomplete": "off"})
    track = SelectField(_l("Track"), choices=track_choices,
                        validators=[DataRequired(_l("Choose leadership or staff."))],
                        description=_l("Which lessons they see: leadership or staff."))
    submit = SubmitField(_l("Send invitation"))

    def values(self) -> dict[str, str]:
        return {"name": self.name.data, "email": self.email.data, "track": self.track.data}


class UploadForm(FlaskForm):
    file = FileField(_l("CSV file"), validators=[FileRequired(_l("Choose a CSV file first."))],
                     description=_l("At most %(rows)d people and 1 MB. Nothing is imported until you have "
                                    "checked the list and confirmed it.", rows=MAX_ROWS),
                     render_kw={"accept": ".csv,.txt,text/csv"})
    submit = SubmitField(_l("Check the file"))


class ConfirmImportForm(FlaskForm):
    rows = HiddenField(validators=[InputRequired()])  # signed by invitations.sign_rows
