"""The platforms learners write for."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Platform:
    key: str
    name: str
    limit: int | None  # characters as the platform counts them; None: long form


PLATFORMS = {
    platform.key: platform
    for platform in [
        Platform("x", "X", 280),
        Platform("bluesky", "Bluesky", 300),
        Platform("mastodon", "Mastodon", 500),
        Platform("linkedin", "LinkedIn", 3000),
        Platform("blog", "Blog", None),
    ]
}
