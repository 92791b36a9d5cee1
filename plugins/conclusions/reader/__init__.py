"""The reader of a Council text's original: numbered lines and what on them is page furniture.

One reader for the importer (`conclusions.importer`, which writes `source/import.yml`) and for
the build's fidelity check (`core/fidelity.py`, which reads `source/original/` again on every
build): a line's number, its text and the forms of page furniture are the same for both.
Nothing here knows MkDocs or the document model. PDFium is loaded only for a PDF (`pdf.py`).
"""
