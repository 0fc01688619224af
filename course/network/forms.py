"""Ticking a private mark on or off: "I follow them", "I replied"."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField


class MarkForm(FlaskForm):
    marked = HiddenField()  # "1" ticks it, anything else unticks

    @property
    def is_marked(self) -> bool:
        return self.marked.data == "1"
