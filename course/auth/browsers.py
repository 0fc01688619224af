"""A short, human name for the browser behind a User-Agent header ("Firefox · Linux")."""

# Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari", and phones
# say "like Mac OS X" or "Linux".
BROWSERS = (("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("FxiOS/", "Firefox"),
            ("CriOS/", "Chrome"), ("Chrome/", "Chrome"), ("Safari/", "Safari"))
SYSTEMS = (("iPhone", "iOS"), ("iPad", "iPadOS"), ("Android", "Android"), ("Windows", "Windows"),
           ("CrOS", "ChromeOS"), ("Mac OS X", "macOS"), ("Linux", "Linux"))


def describe_browser(user_agent: str | None) -> str:
    """The browser and system named in ``user_agent``, joined by a dot; empty when neither is known."""
    user_agent = user_agent or ""
    names = [next((name for marker, name in known if marker in user_agent), None) for known in (BROWSERS, SYSTEMS)]
    return " · ".join(name for name in names if name)
