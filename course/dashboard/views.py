"""The trainer's dashboard pages."""
from course.dashboard import bp, models  # noqa: F401
