"""The guidelines builder: a trainer or leadership drafts, previews and publishes the organisation's guidelines step by step."""
