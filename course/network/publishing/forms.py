"""Pasting back the link of a post published on its platform."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import StringField, SubmitField
from wtforms.validators import InputRequired

from course.forms import UserTextForm, at_most


class PublishedForm(UserTextForm):
    """One per platform on the page, prefixed with the platform's key so that their fields' ids differ."""

    link = StringField(_l("Link to your live post"), validators=[InputRequired(_l("Paste the link of your post.")),
                                                                  at_most(500)],
                       render_kw={"type": "url", "inputmode": "url", "autocomplete": "off", "spellcheck": "false"},
                       description=_l("After posting, open your post on the platform, copy its address and paste it "
                                      "here. Your post then appears in your cohort’s feed."))
    submit = SubmitField(_l("Add my post"))
