"""Forms built from a lesson's exercise spec: reflection, plan, replies, survey."""
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, RadioField, SelectChoice, StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from course.curriculum.content import Lesson
from course.forms import UserTextForm

# The kinds answered with a form here; posts and profiles use the composer.
FORM_KINDS = ("reflection", "plan", "replies", "survey")
LONG_TEXT = 10_000


class ExerciseForm(UserTextForm):
    """Base for the generated forms; ``answer_names`` lists the answer fields in order."""

    answer_names: tuple[str, ...] = ()
    submit = SubmitField(_l("Save my answer"))

    def answers(self) -> dict:
        return {name: self[name].data for name in self.answer_names}


class _PlanForm(ExerciseForm):
    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if valid and not any((self[name].data or "").strip() for name in self.answer_names):
            self.form_errors.append(_l("Fill in at least one line of your plan."))
            return False
        return valid


def form_class(lesson: Lesson, language: str) -> type[ExerciseForm]:
    """A form class for ``lesson``'s exercise, with labels in ``language``."""
    settings, text = lesson.exercise.settings, lesson.text(language).exercise
    fields: dict = {}
    base = ExerciseForm
    kind = lesson.exercise.kind
    if kind == "reflection":
        fields["answer"] = TextAreaField(_l("Your reflection"), validators=[InputRequired(), Length(max=LONG_TEXT)])
        extra = {"share": BooleanField(_l("Share this reflection with my trainer"))}
    elif kind == "plan":
        base, extra = _PlanForm, {}
        for row in range(1, settings["rows"] + 1):
            for key, heading in text["columns"].items():
                fields[f"row{row}_{key}"] = StringField(f"{heading} ({row})", validators=[Optional(), Length(max=500)])
    elif kind == "replies":
        extra = {}
        for number, post in enumerate(text["posts"], start=1):
            fields[f"reply{number}"] = TextAreaField(
                _l("Your reply to %(author)s", author=post["author"]),
                validators=[InputRequired(), Length(max=2000)],
            )
    else:  # survey
        extra = {}
        for question in settings["questions"]:
            label = text["questions"][question["key"]]
            name = f"q_{question['key']}"
            if question["type"] == "scale":
                choices = [SelectChoice(str(v), str(v)) for v in range(question["min"], question["max"] + 1)]
                fields[name] = RadioField(label, choices=choices, validators=[InputRequired()])
            else:
                fields[name] = TextAreaField(label, validators=[InputRequired(), Length(max=LONG_TEXT)])
    attributes = {**fields, **extra, "answer_names": tuple(fields)}
    return type(f"{kind.title()}Form", (base,), attributes)
