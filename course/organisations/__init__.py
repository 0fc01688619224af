"""Organisations as trainers and admins see them."""
from course.organisations.views import bp

__all__ = ["bp"]
