"""Forms for organisations."""
from flask_babel import lazy_gettext as _l
from wtforms import StringField, SubmitField
from wtforms.validators import DataRequired, Length

from course.forms import UserTextForm


class OrganisationForm(UserTextForm):
    name = StringField(_l("Name of the organisation"), validators=[DataRequired(), Length(max=200)])
    submit = SubmitField(_l("Create organisation"))
