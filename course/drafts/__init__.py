"""The composer: drafts of posts and profiles, their versions and submission for review."""
from flask import Blueprint

bp = Blueprint("drafts", __name__, url_prefix="/learn")
