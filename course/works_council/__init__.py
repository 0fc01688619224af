"""The works-council mode: the learner's choice to share, the cohort report and the description for the works
agreement. The rule itself is in ``visibility.py``; the dashboard and the other trainer pages apply it."""
from flask import Blueprint

bp = Blueprint("works_council", __name__)
