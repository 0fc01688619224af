"""The baseline: a bare Flask route that runs one query and renders a small template.

Served by gunicorn exactly like Vernetzt, so the ratio between the two is
comparable from machine to machine.
"""
import os

import sqlalchemy as sa
from flask import Flask, render_template_string

TEMPLATE = """<!doctype html><html lang="en"><head><title>{{ name }}</title></head>
<body><main><h1>{{ name }}</h1><p>{{ count }} people</p></main></body></html>"""


def create_app() -> Flask:
    app = Flask(__name__)
    engine = sa.create_engine(os.environ["DATABASE_URL"])

    @app.get("/baseline")
    def baseline():
        with engine.connect() as connection:
            name, count = connection.execute(sa.text(
                "SELECT o.name, count(u.id) FROM organisations o LEFT JOIN users u ON u.organisation_id = o.id "
                "GROUP BY o.id, o.name ORDER BY o.id LIMIT 1"
            )).one()
        return render_template_string(TEMPLATE, name=name, count=count)

    return app
