"""The composer form, built from the parts a lesson's exercise asks for."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, IntegerField, RadioField, SelectChoice, SubmitField, TextAreaField
from wtforms.validators import NumberRange, Optional
from wtforms.widgets import HiddenInput

from course.curriculum.content import Lesson
from course.drafts.targets import Part, platform_choices
from course.forms import UserTextForm


class ComposerForm(UserTextForm):
    """Texts and buttons; limits are checked by the services so that no typed text is lost."""

    part_keys: tuple[str, ...] = ()
    # Missing counts as 0: a save then shows both texts rather than overwrite a newer draft.
    revision = IntegerField(widget=HiddenInput(), validators=[Optional(), NumberRange(min=0)], default=0)
    # Set when the writer chose to keep their text after a conflict: it is stored as a new version.
    keep_mine = HiddenField(default="")
    save = SubmitField(_l("Save draft"))
    submit = SubmitField(_l("Submit for review"))

    def texts(self) -> dict[str, str]:
        return {key: self[f"text_{key}"].data or "" for key in self.part_keys}

    @property
    def chosen_platform(self) -> str | None:
        return self.platform.data if "platform" in self else None




def composer_form_class(lesson: Lesson, parts: list[Part]) -> type[ComposerForm]:
    """A form class with one text area per part and, for a single post, the platform to write for."""
    fields: dict = {part.field_name: TextAreaField(part.label) for part in parts}
    choices = platform_choices(lesson)
    if choices:
        fields["platform"] = RadioField(
            _l("Platform"), validate_choice=False,
            choices=[SelectChoice(p.key, p.name) for p in choices], default=choices[0].key,
        )
    return type("ComposerForm", (ComposerForm,), {**fields, "part_keys": tuple(part.key for part in parts)})
