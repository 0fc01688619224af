"""Single sign-on by OpenID Connect: an organisation's identity provider, its settings page and the sign-in."""
from flask import Blueprint

bp = Blueprint("sso", __name__)

from course.sso import processor  # noqa: E402,F401 (registers the identity provider as a processor)
