"""Peer review: reviewers allocated to submitted drafts, rubric reviews, helpfulness ratings."""
from flask import Blueprint

bp = Blueprint("review", __name__)
