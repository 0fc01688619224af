"""Moving a member to another circle; the form is written out on each row of the page."""
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField
from wtforms.validators import InputRequired


class MoveMemberForm(FlaskForm):
    user_id = IntegerField(validators=[InputRequired()])
    circle = SelectField(validators=[InputRequired()])

    def __init__(self, choices: list[tuple[str, str]], **kwargs):
        super().__init__(**kwargs)
        self.circle.choices = choices

    @property
    def circle_id(self) -> int | None:
        """The chosen circle's id; None for a new circle."""
        return None if self.circle.data == "new" else int(self.circle.data)
