"""Single sign-on by OpenID Connect: an organisation's identity provider, its settings page and the sign-in."""
from flask import Blueprint

bp = Blueprint("sso", __name__)
