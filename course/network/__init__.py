"""The network the course leaves behind: where people are online, what they published, following each other, the feed."""
from flask import Blueprint

bp = Blueprint("network", __name__)
ROOMS = ("presences", "publishing", "people", "feed")
