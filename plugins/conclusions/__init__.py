"""MkDocs plugin that publishes Council conclusions as a hyperlinked, citable edition.

`core` knows nothing of MkDocs (parse, model, mentions, cross-reference index, Markdown
rendering); `plugin` is the thin adapter that feeds the generated pages to MkDocs.
"""
