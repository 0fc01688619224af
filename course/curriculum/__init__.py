"""The staged course: lessons, unlocking and progress."""
from flask import Blueprint

bp = Blueprint("curriculum", __name__, url_prefix="/learn")
