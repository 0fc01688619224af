"""The organisation's social-media guidelines: built in steps, versioned, published, acknowledged, checked."""
from flask import Blueprint

bp = Blueprint("guidelines", __name__, url_prefix="/guidelines")

# Besides views.py (reading, acknowledging, tracking), the builder room attaches its routes to ``bp``.
ROOMS = ("builder",)
