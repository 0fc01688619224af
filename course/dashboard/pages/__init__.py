"""What the dashboard's pages show: the cohort overview and one learner's page."""
