"""MkDocs' complaints, mapped back to what an editor changes: a page's problem is reported at the record
(or content page) it came from, on the field that holds the offending text where it can be found.

The generator checks links itself before MkDocs runs (generator.markup_check); this is the net for
what still slips through (an anchor that does not exist, a link valid on one page and not on another
that shows the same text). A traceback in MkDocs' output is cut to its last line."""

from __future__ import annotations

import re
from pathlib import Path

from ..diagnostics import Diagnostic
from ..diagnostics import RecordError
from ..kinds import KIND_LIST
from ..load import FieldPath, load_file

# 'WARNING -  Doc file 'case-studies/x.md' contains a link '../nope.md', but the target … is not found …'
_DOC_FILE = re.compile(r"^(?:WARNING|ERROR)\s+-\s+Doc file '([^']+)' (.*)$")
_QUOTED = re.compile(r"'([^']+)'")
# Where each page's record lives (generator/kinds.py): folders of one-record files, and list files.
_RECORD_FOLDERS = {kind.page_folder: kind.folder for kind in KIND_LIST if kind.folder and kind.page_folder}
_LIST_FILES = {kind.page_folder: kind.file for kind in KIND_LIST if kind.file and kind.page_folder}
_SINGLE_PAGES = {kind.single_page: kind.file for kind in KIND_LIST if kind.single_page and kind.file} | {"tags.md": "tags.yaml"}


def engine_failure(output: str, project) -> str:
    """The lines to show for a failed MkDocs run: located diagnostics where a page can be traced to a
    record or content page, the other warnings and errors as MkDocs said them, no traceback."""
    lines: list[str] = []
    in_traceback = False
    last_exception = ""
    for line in output.splitlines():
        if line.startswith("Traceback (most recent call last)"):
            in_traceback = True
            continue
        if in_traceback:
            if line and not line.startswith((" ", "\t")):
                last_exception, in_traceback = line.strip(), False
                lines.append(f"the site builder stopped: {last_exception}")
            continue
        found = _DOC_FILE.match(line.strip())
        if found:
            lines.append(str(_locate(found.group(1), found.group(2), project)))
        elif line.startswith(("WARNING", "ERROR")) and "Aborted with" not in line:
            lines.append(" ".join(line.split()))
    return "\n".join(dict.fromkeys(lines))


def _locate(page: str, complaint: str, project) -> Diagnostic:
    message = f"the site builder reported that the page {complaint}"
    source_path = _source_of(page, project)
    if source_path is None:
        return Diagnostic(f"build/docs/{page}", 1, 1, "(page)", message)
    display = source_path.relative_to(project.root).as_posix()
    needles = list(_QUOTED.findall(complaint))
    if display.startswith("content/"):
        text = source_path.read_text(encoding="utf-8", errors="replace")
        for needle in needles:
            if needle in text:
                at = text.index(needle)
                return Diagnostic(display, text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1, "(link)", message)
        return Diagnostic(display, 1, 1, "(page)", message)
    try:
        source = load_file(source_path, display, project.root)
    except RecordError:
        return Diagnostic(display, 1, 1, "(record)", message)
    for needle in needles:
        field = _field_holding(source.data, (), needle)
        if field is not None:
            return source.diagnostic(field, message)
    return source.diagnostic((), message)


def _source_of(page: str, project) -> Path | None:
    if (project.content / page).is_file():
        return project.content / page
    folder, _, name = page.partition("/")
    if folder in _RECORD_FOLDERS and name.endswith(".md") and "/" not in name:
        path = project.sources / _RECORD_FOLDERS[folder] / (name[:-3] + ".yaml")
        return path if path.is_file() else None
    if page in _SINGLE_PAGES:
        path = project.sources / _SINGLE_PAGES[page]
        return path if path.is_file() else None
    if folder in _LIST_FILES:
        path = project.sources / _LIST_FILES[folder]
        return path if path.is_file() else None
    return None


def _field_holding(value, path: FieldPath, needle: str) -> FieldPath | None:
    if isinstance(value, str):
        return path if needle in value else None
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        found = _field_holding(item, path + (key,), needle)
        if found is not None:
            return found
    return None
