"""A member's goal for a round and a check-in note; starting a round is a plain button (ActionForm)."""
from flask_babel import lazy_gettext as _l
from wtforms import SubmitField, TextAreaField
from wtforms.validators import DataRequired

from course.forms import UserTextForm, at_most

GOAL_LENGTH = 2000
NOTE_LENGTH = 1500


class GoalForm(UserTextForm):
    text = TextAreaField(_l("Your goal for the next 90 days"),
                         description=_l("What you want to have done by the end of the round, in a few lines. "
                                        "Markdown works: a line starting with “- ” is a list item."),
                         validators=[DataRequired(_l("Write your goal, even one line.")), at_most(GOAL_LENGTH)])
    submit = SubmitField(_l("Save my goal"))


class CheckInForm(UserTextForm):
    note = TextAreaField(_l("Your check-in"),
                         description=_l("A few sentences for your circle: what you did, what is next, where you "
                                        "are stuck."),
                         validators=[DataRequired(_l("Write a few words for your circle.")), at_most(NOTE_LENGTH)])
    submit = SubmitField(_l("Share with my circle"))
