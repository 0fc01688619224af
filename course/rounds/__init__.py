"""Circles that go on after the course: rounds of 90 days with a goal each and a check-in every two weeks."""
from flask import Blueprint

bp = Blueprint("rounds", __name__, url_prefix="/circle")
