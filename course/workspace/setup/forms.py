"""Forms for creating, editing and deleting a cohort.

The cohort form has one date field per stage of the curriculum, so its class
is made per request (labels in the reader's language). Its validate() also
asks the service, so a taken name or a schedule going backwards shows at its
field together with every other problem.
"""
from __future__ import annotations

from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, Field, RadioField, SelectChoice, StringField, SubmitField
from wtforms.validators import InputRequired, Optional, ValidationError

from course.cohorts.models import Cohort, Pacing
from course.curriculum.library import lessons
from course.forms import UserTextForm
from course.workspace.setup.services import HASHTAG_MAX, NAME_MAX, CohortDetails, cohort_problems, stage_field

PACING_HINTS = {
    Pacing.SELF_PACED: _l("Everyone starts with the first stage; each further stage opens once they have "
                          "completed the one before."),
    Pacing.SCHEDULED: _l("Each stage opens for everyone on the date you set below, so the cohort moves "
                         "through the course together."),
}


class CohortForm(UserTextForm):
    """Name, hashtag, start and pacing; subclasses made by cohort_form() add a date per stage."""

    stage_keys: tuple[str, ...] = ()
    organisation_id: int
    cohort: Cohort | None = None

    name = StringField(_l("Name"), render_kw={"required": True, "maxlength": NAME_MAX, "autocomplete": "off"},
                       description=_l("Unique within the organisation, e.g. “Leadership spring 2026”."))
    hashtag = StringField(_l("Hashtag (optional)"), render_kw={"maxlength": HASHTAG_MAX, "autocomplete": "off"},
                          description=_l("The cohort’s posts can carry it. Letters, digits and underscores, no "
                                         "spaces; the # is added if you leave it out."))
    starts_on = DateField(_l("Start date"), validators=[Optional()],
                          description=_l("Needed for scheduled pacing: the first stage opens on this day unless "
                                         "you give it a date of its own."))
    pacing = RadioField(
        _l("Pacing"), default=Pacing.SELF_PACED.value,
        choices=[SelectChoice(Pacing.SELF_PACED.value, _l("Self-paced")),
                 SelectChoice(Pacing.SCHEDULED.value, _l("Scheduled"))],
        validators=[InputRequired(_l("Choose how the stages open."))],
    )
    ends_on = DateField(_l("Course ends on (optional)"), validators=[Optional()],
                        description=_l("From this day the cohort is an alumni cohort: lessons stay readable, and "
                                       "its network, feed and circles go on."))
    feed_open_to_organisation = BooleanField(_l("Everyone in the organisation may read this cohort’s feed"))
    submit = SubmitField(_l("Save cohort"))

    @property
    def is_scheduled(self) -> bool:
        return self.pacing.data == Pacing.SCHEDULED

    def pacing_options(self) -> list[tuple[Field, str]]:
        """Each pacing radio button with what it means."""
        return [(option, PACING_HINTS[Pacing(option.data)]) for option in self.pacing]

    def stage_dates(self) -> list[Field]:
        """The date field of every stage, in course order."""
        return [self[stage_field(key)] for key in self.stage_keys]

    def details(self) -> CohortDetails:
        return CohortDetails(
            name=self.name.data or "",
            hashtag=self.hashtag.data,
            starts_on=self.starts_on.data,
            pacing=Pacing.SCHEDULED if self.is_scheduled else Pacing.SELF_PACED,
            opens_on={key: self[stage_field(key)].data for key in self.stage_keys},
            ends_on=self.ends_on.data,
            feed_open_to_organisation=bool(self.feed_open_to_organisation.data),
        )

    def add_problems(self, problems: dict[str, str]) -> None:
        """Show the service's problems at their fields, after any the field found itself."""
        for name, message in problems.items():
            if not self[name].errors:
                self[name].errors = [message]

    def validate(self, extra_validators=None) -> bool:
        super().validate(extra_validators)
        if not self.is_scheduled:
            for date_field in self.stage_dates():  # ignored for self-paced, so nothing to fix there
                date_field.errors = []
        self.add_problems(cohort_problems(self.organisation_id, self.details(), self.cohort))
        return not any(f.errors for f in self)


def cohort_form(organisation_id: int, cohort: Cohort | None = None) -> CohortForm:
    """The cohort form with a date per stage; prefilled from ``cohort`` when editing."""
    language = str(get_locale())
    stages = lessons.curriculum.stages
    fields = {
        stage_field(stage.key): DateField(
            _("Stage %(number)d: %(title)s", number=stage.number, title=stage.title(language)),
            validators=[Optional()],
        )
        for stage in stages
    }
    attributes = {**fields, "stage_keys": tuple(stage.key for stage in stages),
                  "organisation_id": organisation_id, "cohort": cohort}
    form_class = type("StageCohortForm", (CohortForm,), attributes)
    if cohort is None:
        form = form_class()
        form.submit.label.text = _("Create cohort")
        return form
    dates = {stage_field(entry.stage_key): entry.opens_on for entry in cohort.schedule
             if entry.stage_key in attributes["stage_keys"]}
    return form_class(obj=cohort, **dates)


class DeleteCohortForm(UserTextForm):
    """Deleting asks for the cohort's name, typed out."""

    confirm_name = StringField(_l("Type the cohort’s name to confirm"), render_kw={"autocomplete": "off"})
    submit = SubmitField(_l("Delete cohort"))

    def __init__(self, cohort: Cohort, **kwargs):
        super().__init__(**kwargs)
        self.expected = cohort.name
        self.confirm_name.description = _("Type “%(name)s”.", name=cohort.name)

    def validate_confirm_name(self, field: Field) -> None:
        typed = " ".join((field.data or "").split())
        if typed.casefold() != self.expected.casefold():
            raise ValidationError(_("Type the name “%(name)s” exactly as shown to delete this cohort.",
                               name=self.expected))
