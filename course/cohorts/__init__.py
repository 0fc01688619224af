"""The cohort as data: cohorts, their members, circles and stage schedule, and how to find them.

The trainer's pages for a cohort are in ``course.workspace``.
"""
