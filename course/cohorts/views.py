"""Trainer pages of a cohort."""
from course.cohorts import bp  # noqa: F401
