"""Each role's start page."""
from flask import Blueprint

bp = Blueprint("home", __name__)
