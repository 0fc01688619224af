"""Organisations as trainers and admins see them."""
from flask import Blueprint

bp = Blueprint("organisations", __name__, url_prefix="/organisations")
