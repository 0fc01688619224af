"""The dashboard's filter (read from the query string) and its reminder buttons."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectChoice, SelectField
from wtforms.validators import InputRequired, NumberRange, Optional
from wtforms.widgets import HiddenInput

from course.accounts.models import TRACK_LABELS
from course.cohorts.models import Circle
from course.dashboard.attention import DEFAULT_IDLE_DAYS, IDLE_DAYS_RANGE

NO_CIRCLE = "none"


class FilterForm(FlaskForm):
    """Which learners the matrix shows, and after how many quiet days someone needs attention."""

    class Meta:
        csrf = False  # a GET form: it changes nothing

    track = SelectField(_l("Track"), default="")
    circle = SelectField(_l("Circle"), default="")
    days = IntegerField(_l("No activity for (days)"), default=DEFAULT_IDLE_DAYS,
                        render_kw={"min": IDLE_DAYS_RANGE[0], "max": IDLE_DAYS_RANGE[1]},
                        validators=[Optional(), NumberRange(*IDLE_DAYS_RANGE,
                                                            message=_l("Enter a number of days from 1 to 90."))])
    page = IntegerField(default=1, validators=[Optional(), NumberRange(min=1)])

    def __init__(self, circles: list[Circle], formdata):
        super().__init__(formdata)
        self.track.choices = [SelectChoice("", _l("All tracks"))] + [
            SelectChoice(track.value, label) for track, label in TRACK_LABELS.items()]
        self.circle.choices = [SelectChoice("", _l("All circles"))] + [
            SelectChoice(str(circle.id), _l("Circle %(number)d", number=circle.number)) for circle in circles
        ] + [SelectChoice(NO_CIRCLE, _l("Not in a circle"))]

    def value(self, name: str):
        """The field's value when valid, else its default: a bad link still shows the dashboard."""
        field = getattr(self, name)
        return field.default if field.errors or field.data in (None, "") else field.data


class RemindForm(FlaskForm):
    """Reminding everyone who needs attention: the quiet days the trainer was looking at."""

    # Its own id: the filter form on the same page has a "days" field too.
    days = IntegerField(widget=HiddenInput(), default=DEFAULT_IDLE_DAYS, id="remind-days",
                        validators=[InputRequired(), NumberRange(*IDLE_DAYS_RANGE)])
