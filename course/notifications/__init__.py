"""Notifications: every person reads the messages addressed to them in the app."""
from flask import Blueprint

bp = Blueprint("notifications", __name__, url_prefix="/notifications")
