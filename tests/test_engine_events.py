"""One plugin's handler of a MkDocs event replaced in place (generator/engine/events.py)."""

from __future__ import annotations

import types

from generator.engine.events import replace_handler


def test_the_replacement_takes_the_place_priority_and_origin_of_the_handler():
    def first(item, **kwargs):
        return item

    def original(item, **kwargs):
        return item

    def last(item, **kwargs):
        return item

    def replacement(item, **kwargs):
        return item

    original.mkdocs_priority = 100  # type: ignore[attr-defined]
    plugins = types.SimpleNamespace(events={"page_context": [first, original, last]}, _event_origins={original: "material/search"})
    replace_handler(plugins, "page_context", original, replacement)
    assert plugins.events["page_context"] == [first, replacement, last]
    assert replacement.mkdocs_priority == 100  # type: ignore[attr-defined]
    assert plugins._event_origins[replacement] == "material/search"
