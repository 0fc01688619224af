"""The wall: opened by its secret link on a venue's computer without signing in; refreshes itself (wall.js).

Each refresh asks with the version it shows: unchanged, it costs one statement and answers 204; changed, two.
"""
from flask import Response, abort, render_template, request, url_for

from course.database import utcnow
from course.events import bp, queries
from course.events.services import token_hash
from course.events.wall.pages import wall_page

WALL_HEADERS = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex, nofollow", "Referrer-Policy": "no-referrer"}


def _event(token: str):
    return queries.event_by_wall_token(token_hash(token), utcnow()) or abort(404)


@bp.get("/wall/<token>")
def wall(token: str):
    page = wall_page(_event(token))
    return render_template("events/wall.html", page=page, posts_url=url_for("events.wall_posts", token=token)), \
        200, WALL_HEADERS


@bp.get("/wall/<token>/posts")
def wall_posts(token: str):
    """The posts' HTML for the wall's script; 204 when the wall already shows this version."""
    event = _event(token)
    if request.args.get("version", type=int) == event.wall_version:
        return Response(status=204, headers=WALL_HEADERS)
    response = Response(render_template("events/_wall_posts.html", page=wall_page(event)), headers=WALL_HEADERS)
    response.headers["X-Wall-Version"] = str(event.wall_version)
    return response
