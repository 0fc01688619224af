"""People and organisations: the profile, passwords and the language choice."""
from flask import Blueprint

bp = Blueprint("accounts", __name__)
