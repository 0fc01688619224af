"""The form for where a person is online, and who sees it."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectChoice, StringField, SubmitField
from wtforms.validators import InputRequired

from course.forms import UserTextForm, at_most
from course.network.addresses import PRESENCE_EXAMPLES, PRESENCE_LABELS, PRESENCE_PLATFORMS
from course.network.models import SHOWN_AS_LABELS, VISIBILITY_LABELS, NetworkProfile, ShownAs, Visibility


def _address_field(platform: str) -> StringField:
    return StringField(PRESENCE_LABELS[platform], validators=[at_most(300)],
                       render_kw={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "off",
                                  "placeholder": PRESENCE_EXAMPLES[platform], "maxlength": 300})


class PresencesForm(UserTextForm):
    mastodon = _address_field("mastodon")
    bluesky = _address_field("bluesky")
    linkedin = _address_field("linkedin")
    x = _address_field("x")
    threads = _address_field("threads")
    blog = _address_field("blog")
    visibility = RadioField(_l("Who sees these on the network pages"), default=Visibility.NOBODY.value,
                            choices=[SelectChoice(v.value, VISIBILITY_LABELS[v]) for v in Visibility],
                            validators=[InputRequired(_l("Choose who may see where you are online."))])
    shown_as = RadioField(_l("Beside what I publish, show"), default=ShownAs.NAME.value,
                          choices=[SelectChoice(v.value, SHOWN_AS_LABELS[v]) for v in ShownAs],
                          validators=[InputRequired(_l("Choose how your name appears."))])
    submit = SubmitField(_l("Save"))

    def address_fields(self) -> list:
        return [self[platform] for platform in PRESENCE_PLATFORMS]

    def addresses(self) -> dict[str, str]:
        return {platform: self[platform].data or "" for platform in PRESENCE_PLATFORMS}

    @classmethod
    def filled(cls, presences: dict[str, str], profile: NetworkProfile | None) -> PresencesForm:
        data: dict[str, str] = dict(presences)
        if profile is not None:
            data |= {"visibility": profile.visibility.value, "shown_as": profile.shown_as.value}
        return cls(formdata=None, data=data)
