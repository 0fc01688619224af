"""Forms of review health and moderation (hide, reassign; written out on each row) and the review settings."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, NumberRange

from course.forms import UserTextForm
from course.workspace.reviews.services import OUT_OF_RANGE, REVIEW_DUE_DAYS, REVIEWERS_PER_DRAFT


class HideReviewForm(UserTextForm):
    reason = TextAreaField()


class ReassignForm(FlaskForm):
    reviewer = SelectField()  # "" chooses automatically

    def __init__(self, candidates, **kwargs):
        super().__init__(**kwargs)
        self.reviewer.choices = [("", "")] + [(str(person.id), person.name) for person in candidates]

    @property
    def reviewer_id(self) -> int | None:
        return int(self.reviewer.data) if self.reviewer.data else None


def _whole_number(label, description, bounds: tuple[int, int]) -> IntegerField:
    low, high = bounds
    return IntegerField(label, description=description, render_kw={"min": low, "max": high},
                        validators=[InputRequired(_l("Enter a whole number.")),
                                    NumberRange(low, high, message=OUT_OF_RANGE)])


class ReviewSettingsForm(FlaskForm):
    reviewers_per_draft = _whole_number(
        _l("Reviewers per draft"),
        _l("How many people review each submitted draft: %(low)d to %(high)d.",
           low=REVIEWERS_PER_DRAFT[0], high=REVIEWERS_PER_DRAFT[1]),
        REVIEWERS_PER_DRAFT,
    )
    review_due_days = _whole_number(
        _l("Days until a review is due"),
        _l("After this many days an open review also goes to someone else: %(low)d to %(high)d.",
           low=REVIEW_DUE_DAYS[0], high=REVIEW_DUE_DAYS[1]),
        REVIEW_DUE_DAYS,
    )
    anonymous_reviews = BooleanField(
        _l("Anonymous reviews"),
        description=_l("Authors do not learn who reviewed them: no name on any page, in e-mails or exports, "
                       "and learners see their circle's size but not its names. You as a trainer always see "
                       "who wrote what. Once reviews exist, this cannot be switched off again."),
    )
    leadership_reviews_only = BooleanField(
        _l("Leadership reviews only"),
        description=_l("Drafts from the leadership track are reviewed only by leadership, and circles formed "
                       "automatically keep leadership and staff apart."),
    )
    guidelines_required = BooleanField(
        _l("Guidelines acknowledged before submitting"),
        description=_l("A draft goes to review only once its author has acknowledged the social-media guidelines "
                       "in force. The composer says so and links to them; the text is saved either way."),
    )
    submit = SubmitField(_l("Save review settings"))

    def values(self) -> dict:
        return {name: getattr(self, name).data for name in
                ("reviewers_per_draft", "review_due_days", "anonymous_reviews", "leadership_reviews_only",
                 "guidelines_required")}
