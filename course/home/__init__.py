"""Each role's start page."""
from course.home.views import bp

__all__ = ["bp"]
