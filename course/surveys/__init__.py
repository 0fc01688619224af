"""The follow-up survey: the closing survey's questions again, offered 90 days after a person answered it."""
from flask import Blueprint

bp = Blueprint("surveys", __name__, url_prefix="/surveys")
