"""Reminders to learners, whichever page sends them (the dashboard, the guidelines' tracking): one log, one rule.

However often a button is pressed and whatever the reason, a learner hears at most one reminder a day.
"""
