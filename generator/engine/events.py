"""One plugin's handler of a MkDocs event, replaced by another in place (tags_scope.py, search_parser.py)."""

from __future__ import annotations

from collections.abc import Callable


def replace_handler(plugins, event: str, original: Callable, replacement: Callable) -> None:
    """Put `replacement` where `original` is in the handlers of `event`, in `plugins` (a loaded MkDocs
    configuration's): same place, same priority, and MkDocs' messages still name the plugin an
    error came from."""
    handlers = plugins.events[event]
    replacement.mkdocs_priority = getattr(original, "mkdocs_priority", 0)  # type: ignore[attr-defined]
    handlers[handlers.index(original)] = replacement
    origins = getattr(plugins, "_event_origins", {})
    if original in origins:
        origins[replacement] = origins[original]
