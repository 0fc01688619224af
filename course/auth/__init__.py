"""Signing in and out, password resets and invitations."""
from flask import Blueprint

bp = Blueprint("auth", __name__)
