"""MkDocs hooks of the bench's plain Material build (common.plain_config): the template globals
the plugin's templates call (`csp_policy`, head.py's, the interface words, the navigation's
test, false: Material's whole navigation), without the plugin. Nothing else of
the plugin runs."""

from __future__ import annotations

from typing import Any

from conclusions import csp, head
from conclusions.core import markup
from conclusions.core.interface import ENGLISH


def _never(item: Any, page: Any = None) -> bool:
    return False


def on_env(env: Any, config: Any, files: Any) -> Any:
    """Give the templates the functions the plugin gives them."""
    env.globals["csp_policy"] = csp.policy
    env.globals.update(head.TEMPLATE_GLOBALS)
    env.globals["words"] = ENGLISH  # the interface words, as the plugin gives an English text's
    env.filters["text_html"] = markup.html_text
    # The plugin's partials/nav.html: Material's own navigation, every entry of every text drawn.
    env.tests["collapsed_text"] = _never
    return env
