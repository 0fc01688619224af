"""Signing in and out, password resets and invitations."""
from course.auth.views import bp

__all__ = ["bp"]
