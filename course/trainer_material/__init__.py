"""The trainer's own material: a session plan per stage and a twelve-week circle guide, to read and print."""
from flask import Blueprint

bp = Blueprint("trainer_material", __name__, url_prefix="/trainer-material")
