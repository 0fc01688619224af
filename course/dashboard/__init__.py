"""The trainer's dashboard: a cohort's progress, who needs attention, exports, reminders, a learner's page."""
from flask import Blueprint

bp = Blueprint("dashboard", __name__, url_prefix="/cohorts")
