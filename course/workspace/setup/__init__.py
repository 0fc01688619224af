"""Setting up a cohort: its details, stage schedule and deletion."""
