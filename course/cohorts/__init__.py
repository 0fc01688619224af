"""Cohorts for trainers: review circles, review settings and moderation of reviews."""
from flask import Blueprint

bp = Blueprint("cohorts", __name__, url_prefix="/cohorts")
