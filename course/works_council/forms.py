"""The learner's choice to share their progress with their trainer."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SubmitField


class SharingForm(FlaskForm):
    """On the profile page beside the profile form, so its fields carry a prefix (no duplicate ids)."""

    shares_progress = BooleanField(
        _l("Share my progress with my trainer"),
        description=_l("Your trainer then sees your lessons, drafts, reviews and last activity by name, as "
                       "before the works-council mode. Without it your trainer sees you only as part of "
                       "figures about the whole group. You can change this at any time."))
    submit = SubmitField(_l("Save my choice"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="sharing", **kwargs)
