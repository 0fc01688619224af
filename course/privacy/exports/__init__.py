"""The exporters of each model area; importing this package registers them all (see ``course.privacy.exporters``)."""
from course.privacy.exports import account, learning, network, together, writing  # noqa: F401
