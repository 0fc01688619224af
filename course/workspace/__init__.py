"""The trainer's workspace for a cohort, one room per task, each with the same file names.

- ``setup``: create, edit and delete a cohort.
- ``people``: invite one person, import a CSV file, and each member's invitation and access.
- ``circles``: form the review circles and move members between them.
- ``reviews``: review health, moderation, trainer feedback and the review settings.

Every room is ``views.py`` (routes), ``forms.py``, ``services.py`` (changes), ``queries.py`` (lookups) and
``pages.py`` (what a page shows), as far as it needs them. The rooms share one blueprint, so endpoints are
``cohorts.<view>`` and URLs start with ``/cohorts``. Reminders and the progress dashboard are in ``course.dashboard``.
"""
from flask import Blueprint

bp = Blueprint("cohorts", __name__, url_prefix="/cohorts")

# The rooms whose views.py attach routes to ``bp``; create_app imports each.
ROOMS = ("setup", "people", "circles", "reviews")
