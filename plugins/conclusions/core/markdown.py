"""Moved to `inline_markdown` (this name shadowed the `markdown` package); kept while other
modules still import from here."""

from .inline_markdown import Span as Span
from .inline_markdown import render_inline as render_inline
from .inline_markdown import span_markdown as span_markdown
from .inline_markdown import spans as spans
from .urls import Linker as Linker
