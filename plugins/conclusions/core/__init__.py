"""The MkDocs-free core: source files in, typed model and generated Markdown out."""
