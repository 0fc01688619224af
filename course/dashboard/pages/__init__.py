"""What the dashboard's pages show: the cohort overview, one learner's page, and the survey's shift."""
