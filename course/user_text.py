"""Text people type, treated the same whichever way it arrives: a form, the composer's autosave, an answer.

Every form with free text derives from ``UserTextForm``, whose fields pass what
they receive through ``clean_user_text`` and whose lengths are ``at_most(n)``;
services that store texts given to them directly (drafts, exercise answers)
call ``clean_user_text`` too, so a JSON body cannot store what a form would not.
"""
from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import Length

# NUL and the other control characters a keyboard cannot type; tab and newline stay. PostgreSQL refuses
# NUL in text, and none of them shows on a page, so they only ever hide something.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_user_text(text: str | None) -> str:
    """``text`` with one kind of line ending (``\\n``, as a textarea sends) and no control characters."""
    if not text:
        return ""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _clean_field(value):
    return clean_user_text(value) if isinstance(value, str) else value


def at_most(limit: int) -> Length:
    """A length limit whose message says by how much, checked before the text is counted or rendered."""
    return Length(max=limit, message=_l("This has %(length)d characters; at most %(max)d fit. Shorten it and "
                                        "save again – your text is still here."))


class UserTextForm(FlaskForm):
    """A form whose text fields (not passwords, which are used as typed) are cleaned on the way in."""

    class Meta:
        def bind_field(self, form, unbound_field, options):
            if issubclass(unbound_field.field_class, StringField) and not issubclass(
                    unbound_field.field_class, PasswordField):
                options["filters"] = (*unbound_field.kwargs.get("filters", ()), _clean_field)
            return unbound_field.bind(form=form, **options)

    @property
    def is_stale(self) -> bool:
        """Whether it failed because its CSRF token expired, rather than because of what was typed."""
        return "csrf_token" in self.errors
