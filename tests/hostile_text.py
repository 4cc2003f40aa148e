"""Valid records whose every free-text field carries HTML and a script: the site must show it as text everywhere."""

from __future__ import annotations

from pathlib import Path

import yaml

PAYLOAD = ' <script>alert("smf")</script> <img src=x onerror=alert(1)> </title><b>bold</b> & "q" (\'a\')'
# Raw forms that must never reach a page (or any file a page reads as HTML).
RAW_MARKERS = ("<script>alert(", "<img src=x", "</title><b>")
TEXT_FIELDS = {"title", "short_title", "summary", "statement", "description", "text", "name", "publisher", "note"}
TEXT_LIST_FIELDS = {"lessons", "missing", "authors"}


def with_payload(value, key: str | None = None, parent: dict | None = None):
    """The same records with PAYLOAD appended to every free-text field (ids, URLs, dates and enums untouched)."""
    if isinstance(value, dict):
        return {k: with_payload(v, k, value) for k, v in value.items()}
    if isinstance(value, list):
        if key in TEXT_LIST_FIELDS:
            return [item + PAYLOAD if isinstance(item, str) else with_payload(item) for item in value]
        return [with_payload(item) for item in value]
    is_conflict_about = key == "about" and parent is not None and "description" in parent
    if isinstance(value, str) and (key in TEXT_FIELDS or is_conflict_about):
        return value + PAYLOAD
    return value


def add_payload_to_every_text_field(sources: Path) -> None:
    for path in sources.rglob("*.yaml"):
        data = with_payload(yaml.safe_load(path.read_text(encoding="utf-8")))
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000), encoding="utf-8")
