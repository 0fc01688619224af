"""Reviews in a cohort: review health, moderation, trainer feedback and the review settings."""
