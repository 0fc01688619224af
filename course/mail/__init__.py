"""Mail delivery and the in-app outbox."""
from flask import Blueprint

bp = Blueprint("mail", __name__, url_prefix="/outbox")
