"""The review form, built from a lesson's rubric, and the author's helpfulness rating."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, RadioField, SelectChoice, SubmitField, TextAreaField

from course.curriculum.content import DEFAULT_LANGUAGE, Criterion
from course.forms import UserTextForm
from course.review.models import Review
from course.review.services import LEVELS


def _number(value) -> int | None:
    """A radio value as a number; anything else is None, so the services explain what is wrong."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def show_problems(form: FlaskForm, problems: dict[str, str]) -> str | None:
    """Attach each problem to its field; return the one about the form as a whole (or a stray one)."""
    general = []
    for name, message in problems.items():
        if name and name in form:
            form[name].errors = [message]
        else:
            general.append(message)
    return " ".join(general) or None


class ReviewForm(UserTextForm):
    """Levels and texts; nothing is required here, so that a draft can be saved at any point."""

    criterion_keys: tuple[str, ...] = ()
    worked = TextAreaField(
        _l("What worked"), render_kw={"rows": 5},
        description=_l("At least one thing the author should keep. Needed to submit; Markdown is fine."))
    suggestion = TextAreaField(_l("One suggestion"), render_kw={"rows": 5},
                               description=_l("One change the author can make in the next version. Needed to submit."))
    save = SubmitField(_l("Save draft"))
    submit = SubmitField(_l("Submit review"))

    @property
    def rating_fields(self) -> list[Field]:
        return [self[f"rating_{key}"] for key in self.criterion_keys]

    @property
    def shown_fields(self) -> list[Field]:
        """The fields in the order the page shows them, for the error summary."""
        return [*self.rating_fields, self.worked, self.suggestion]

    def ratings(self) -> dict[str, int | None]:
        return {key: self[f"rating_{key}"].data for key in self.criterion_keys}

    @classmethod
    def from_review(cls, review: Review) -> ReviewForm:
        """The form filled with what the reviewer saved so far."""
        saved = {f"rating_{key}": level for key, level in review.ratings.items()}
        return cls(formdata=None, data={**saved, "worked": review.worked, "suggestion": review.suggestion})


def review_form_class(criteria: list[Criterion], language: str) -> type[ReviewForm]:
    """A form with one group of four levels per criterion, described in ``language``."""
    fields = {
        f"rating_{criterion.key}": RadioField(
            criterion.name(language), coerce=_number, validate_choice=False,
            choices=[SelectChoice(level, f"{level} – {texts.get(language) or texts[DEFAULT_LANGUAGE]}")
                     for level, texts in zip(LEVELS, criterion.levels, strict=True)],
        )
        for criterion in criteria
    }
    return type("ReviewForm", (ReviewForm,), {**fields, "criterion_keys": tuple(c.key for c in criteria)})


class RateForm(UserTextForm):
    """How helpful a review was. Field ids carry the review's id: a page holds one form per review."""

    helpfulness = RadioField(_l("How helpful was this review?"), coerce=_number, validate_choice=False,
                             choices=[SelectChoice(value, str(value)) for value in range(1, 6)],
                             description=_l("1 means not helpful, 5 very helpful."))
    thanks = TextAreaField(_l("A thank-you (optional)"), render_kw={"rows": 3},
                           description=_l("The reviewer reads it on their list of reviews."))
    send = SubmitField(_l("Send rating"))

    def __init__(self, *args, review_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.review_id = review_id
        for field in (self.helpfulness, self.thanks, self.send):
            field.id = field.label.field_id = f"review-{review_id}-{field.name}"

    @property
    def shown_fields(self) -> list[Field]:
        return [self.helpfulness, self.thanks]

    @classmethod
    def from_review(cls, review: Review) -> RateForm:
        """The form filled with the author's earlier rating, if any."""
        saved = {"helpfulness": review.helpfulness, "thanks": review.thanks}
        return cls(formdata=None, review_id=review.id, data=saved)
