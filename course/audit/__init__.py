"""The audit log: who looked at or changed whose personal data, and when; read and exported by administrators and
the organisation's works council."""
from flask import Blueprint

bp = Blueprint("audit", __name__, url_prefix="/organisations")
