"""Mail delivery and the in-app outbox."""
from course.mail.views import bp

__all__ = ["bp"]
