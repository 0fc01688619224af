"""People and organisations: the profile, passwords and the language choice."""
from course.accounts.views import bp

__all__ = ["bp"]
