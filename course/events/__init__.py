"""Events of the course's network: planning, the wall in the hall, its moderation, and the posts it shows."""
from flask import Blueprint

bp = Blueprint("events", __name__)
ROOMS = ("planning", "moderation", "wall")
