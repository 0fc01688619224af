"""The event form: name, time, place, hashtag, cohorts taking part, and the outside sources of its wall."""
from __future__ import annotations

from datetime import UTC, datetime

from flask import request
from flask_babel import get_timezone
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import InputRequired, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from course.events.models import OUTSIDE_DAYS, Event
from course.events.services import EventDetails
from course.forms import UserTextForm, at_most
from course.text.platforms import PLATFORMS


def to_utc(local: datetime | None) -> datetime | None:
    """A time typed in the course's time zone, in UTC."""
    return None if local is None else local.replace(tzinfo=get_timezone()).astimezone(UTC)


def to_local(moment: datetime | None) -> datetime | None:
    return None if moment is None else moment.astimezone(get_timezone()).replace(tzinfo=None)


class EventForm(UserTextForm):
    name = StringField(_l("Name"), validators=[at_most(200)], render_kw={"required": True, "autocomplete": "off"},
                       description=_l("E.g. “Works meeting 2027” or “Digital day at the Hamburg site”."))
    starts_at = DateTimeLocalField(_l("Starts"), validators=[Optional()], render_kw={"required": True})
    ends_at = DateTimeLocalField(_l("Ends"), validators=[Optional()], render_kw={"required": True})
    place = StringField(_l("Place (optional)"), validators=[at_most(300)])
    hashtag = StringField(_l("Event hashtag"), validators=[at_most(100)], render_kw={"required": True},
                          description=_l("Short and unique, so that a search finds only this event, e.g. "
                                         "#DigitalTag27. Public: everyone sees who posts with it."))
    cohort_ids = SelectMultipleField(_l("Cohorts taking part"), coerce=int, validate_choice=False,
                                     option_widget=CheckboxInput(), widget=ListWidget(prefix_label=False))
    mastodon_server = StringField(_l("Also show public Mastodon posts under the hashtag, from this server "
                                     "(optional)"), validators=[at_most(255)],
                                  render_kw={"placeholder": "mastodon.social", "autocomplete": "off"},
                                  description=_l("A server sees only the posts it knows; choose one your "
                                                 "guests use. They wait for approval before the wall shows them."))
    fetch_bluesky = BooleanField(_l("Also show public Bluesky posts under the hashtag (they wait for approval)"))
    outside_days = IntegerField(_l("Delete outside posts this many days after the event"), default=OUTSIDE_DAYS,
                                validators=[NumberRange(1, 365, _l("Between 1 and 365 days."))])
    submit = SubmitField(_l("Save event"))

    def details(self) -> EventDetails:
        return EventDetails(
            name=self.name.data or "", starts_at=to_utc(self.starts_at.data), ends_at=to_utc(self.ends_at.data),
            place=self.place.data or "", hashtag=self.hashtag.data or "", cohort_ids=list(self.cohort_ids.data or []),
            mastodon_server=self.mastodon_server.data or None, fetch_bluesky=bool(self.fetch_bluesky.data),
            outside_days=self.outside_days.data or OUTSIDE_DAYS,
        )

    def add_problems(self, problems: dict[str, str]) -> None:
        for name, message in problems.items():
            if not self[name].errors:
                self[name].errors = [message]


def event_form(cohorts: list[SelectChoice], event: Event | None = None) -> EventForm:
    """The form with the organisation's cohorts to choose from; prefilled from ``event`` when editing."""
    if event is not None and request.method == "GET":
        form = EventForm(formdata=None, obj=event, starts_at=to_local(event.starts_at), ends_at=to_local(event.ends_at),
                         cohort_ids=[cohort.id for cohort in event.cohorts])
    else:
        form = EventForm()
    form.cohort_ids.choices = cohorts
    return form


class ConsentForm(UserTextForm):
    agreed = BooleanField(_l("Show what I publish for this event on its wall at once, without waiting for "
                             "approval"))
    submit = SubmitField(_l("Save my choice"))


POST_PLATFORMS = ("mastodon", "bluesky", "linkedin", "x", "threads")


class EventPostForm(UserTextForm):
    """A post for the event, written here and posted on its platform by the person; then its link."""

    platform = SelectField(_l("Platform"), choices=[SelectChoice(key, PLATFORMS[key].name) for key in POST_PLATFORMS])
    text = TextAreaField(_l("Your post"), validators=[InputRequired(_l("Write your post first.")), at_most(3000)],
                         render_kw={"rows": 5})
    link = StringField(_l("Link to your live post"), validators=[at_most(500)],
                       render_kw={"type": "url", "inputmode": "url", "autocomplete": "off", "spellcheck": "false"})
    prepare = SubmitField(_l("Prepare the post"))
    publish = SubmitField(_l("Add my post to the wall"))
