"""Data protection: each person's download and deletion of their data, retention, and the page for the
data-protection officer."""
from flask import Blueprint

bp = Blueprint("privacy", __name__)
