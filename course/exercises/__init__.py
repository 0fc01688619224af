"""Exercises at the end of each lesson."""
from flask import Blueprint

bp = Blueprint("exercises", __name__, url_prefix="/learn")
