"""The site's trainers and administrators, managed by administrators in the app."""
from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/staff")
