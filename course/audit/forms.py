"""The audit log's filter (a GET form, nothing changes) and the works council's membership form."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, EmailField, SelectField
from wtforms.validators import DataRequired, Email, Optional, ValidationError

from course.auth.forms import strip
from course.forms import UserTextForm, at_most


class LogFilterForm(FlaskForm):
    class Meta:
        csrf = False  # it only reads

    action = SelectField(_l("Kind of entry"), choices=[], validate_choice=False)
    since = DateField(_l("From"), validators=[Optional()])
    until = DateField(_l("Until"), validators=[Optional()])

    def validate_until(self, field) -> None:
        if field.data and self.since.data and field.data < self.since.data:
            raise ValidationError(_l("The end of the period comes before its start."))


class MemberForm(UserTextForm):
    email = EmailField(_l("E-mail address"), filters=[strip], validators=[
        DataRequired(_l("Enter an e-mail address.")),
        Email(_l("This does not look like an e-mail address. For example: anna.schmidt@example.com")), at_most(320)],
                       description=_l("The address of a person in this organisation who has an account here."))
