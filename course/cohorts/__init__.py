"""Cohorts: a group of learners taking the course together."""
