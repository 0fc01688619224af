"""Pure helpers for the text people write, shared by every feature and importing none.

- ``platforms``: each platform's limit and how it counts (characters, graphemes, weighted, emoji as bytes, words).
- ``diff``: the word-level comparison of two versions of a text.
- ``user_markdown``: Markdown people typed, rendered and sanitised; the only way their text becomes HTML.
- ``cleaning``: the one cleaning every typed text gets on its way in.
"""
