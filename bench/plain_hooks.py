"""MkDocs hooks of the bench's plain Material build (common.plain_config): the template global
the plugin's templates call, `csp_policy`, without the plugin. Nothing else of the plugin runs."""

from __future__ import annotations

from typing import Any

from conclusions import csp


def on_env(env: Any, config: Any, files: Any) -> Any:
    """Give the templates the Content-Security-Policy function the plugin gives them."""
    env.globals["csp_policy"] = csp.policy
    return env
