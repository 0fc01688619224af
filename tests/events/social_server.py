"""A local stand-in for a Mastodon server and Bluesky's AppView, answering the documented endpoints with
responses of the documented shape, so the real clients (Mastodon.py, atproto) are tested end to end.

- Mastodon: GET /api/v1/timelines/tag/:hashtag (docs.joinmastodon.org/methods/timelines/#tag), an array of
  Status entities; X-RateLimit-* headers as Mastodon sends them; 429 when told to refuse.
- Bluesky: GET /xrpc/app.bsky.feed.searchPosts (docs.bsky.app, app.bsky.feed.searchPosts), {"posts": [PostView]}.
"""
from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field

from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response


def mastodon_status(number: int, tag: str, text: str, *, acct: str = "gast@social.example",
                    visibility: str = "public", reblog: dict | None = None, spoiler: str = "") -> dict:
    return {
        "id": str(113000000000000000 + number),
        "uri": f"https://social.example/users/gast/statuses/{113000000000000000 + number}",
        "url": f"https://social.example/@gast/{113000000000000000 + number}",
        "created_at": f"2026-12-02T10:{number:02d}:00.000Z",
        "content": f"<p>{text} <a href=\"https://social.example/tags/{tag}\" class=\"mention hashtag\" "
                   f"rel=\"tag\">#<span>{tag}</span></a></p><p>Zweite Zeile &amp; mehr</p>",
        "visibility": visibility, "sensitive": False, "spoiler_text": spoiler, "reblog": reblog,
        "language": "de", "replies_count": 0, "reblogs_count": 0, "favourites_count": 0,
        "media_attachments": [], "mentions": [], "tags": [{"name": tag.lower(), "url": f"https://social.example/tags/{tag}"}],
        "emojis": [], "account": {"id": "1", "username": acct.split("@")[0], "acct": acct,
                                  "display_name": "Gast", "url": f"https://social.example/@{acct.split('@')[0]}",
                                  "created_at": "2024-01-01T00:00:00.000Z", "note": "", "avatar": "", "header": "",
                                  "followers_count": 0, "following_count": 0, "statuses_count": 1,
                                  "locked": False, "bot": False, "emojis": [], "fields": []},
    }


def bluesky_post(number: int, tag: str, text: str, handle: str = "gast.bsky.social") -> dict:
    rkey = f"3kz{number:010d}"[:13]
    return {
        "uri": f"at://did:plc:abcdefghijklmnopqrstuvwx/app.bsky.feed.post/{rkey}",
        "cid": "bafyreib2rxk3rybk3aobmv5cjuql3bm2twh4jo5uxgf5kpqcsgz7soqoqe",
        "author": {"did": "did:plc:abcdefghijklmnopqrstuvwx", "handle": handle, "displayName": "Gast"},
        "record": {"$type": "app.bsky.feed.post", "text": f"{text} #{tag}",
                   "createdAt": f"2026-12-02T11:{number:02d}:00.000Z", "langs": ["de"]},
        "indexedAt": f"2026-12-02T11:{number:02d}:01.000Z",
        "replyCount": 0, "repostCount": 0, "likeCount": 0, "quoteCount": 0, "labels": [],
    }


@dataclass
class SocialServer:
    statuses: list[dict] = field(default_factory=list)
    bluesky_posts: list[dict] = field(default_factory=list)
    refuse: bool = False  # answer 429 with a reset time, as a rate-limited server does
    reset_at: int = 0
    requests: list[tuple[str, dict]] = field(default_factory=list)
    url: str = ""

    def __call__(self, environ, start_response):
        request = Request(environ)
        self.requests.append((request.path, dict(request.args)))
        headers = {"X-RateLimit-Limit": "300", "X-RateLimit-Remaining": "0" if self.refuse else "299",
                   "X-RateLimit-Reset": "2030-01-01T00:00:00.000Z", "ratelimit-reset": str(self.reset_at)}
        if self.refuse:
            response = Response(json.dumps({"error": "Too many requests"}), status=429, headers=headers,
                                mimetype="application/json")
        elif request.path.startswith("/api/v1/timelines/tag/"):
            since = request.args.get("since_id")
            statuses = [s for s in self.statuses if since is None or int(s["id"]) > int(since)]
            response = Response(json.dumps(sorted(statuses, key=lambda s: s["id"], reverse=True)), headers=headers,
                                mimetype="application/json")
        elif request.path == "/xrpc/app.bsky.feed.searchPosts":
            response = Response(json.dumps({"posts": self.bluesky_posts, "hitsTotal": len(self.bluesky_posts)}),
                                headers=headers, mimetype="application/json")
        else:
            response = Response(json.dumps({"error": "not found"}), status=404, mimetype="application/json")
        return response(environ, start_response)


def serve(app: SocialServer):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    app.url = f"127.0.0.1:{server.server_port}"
    return server, thread
