"""Bad records, one small change at a time: each must stop `smf build` with a located message and leave site/ alone.

Every case copies a built mini project (tests/fixtures/mini), changes one thing in its sources/,
runs `smf build`, and checks three things: exit status 1, a diagnostic naming the right file, line
and field, and a site/ (and build/docs) identical, byte for byte, to the one built before.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Callable

import pytest

from generator.cli import main
from generator.pipeline import BuildFailed, Project, build

from .conftest import MINI_SOURCES, ROOT, make_project
from .hostile_text import RAW_MARKERS, add_payload_to_every_text_field

Change = Callable[[Path], None]


# --- small changes to a sources/ folder -------------------------------------------------------------


def replace(file: str, old: str, new: str) -> Change:
    """Replace one exact piece of a fixture file; fails loudly if the fixture no longer holds it."""

    def change(sources: Path) -> None:
        path = sources / file
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"fixture drift: {old!r} not found exactly once in {file}"
        path.write_text(text.replace(old, new), encoding="utf-8")

    return change


def write(file: str, content: str | bytes) -> Change:
    def change(sources: Path) -> None:
        path = sources / file
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")

    return change


def append(file: str, text: str) -> Change:
    def change(sources: Path) -> None:
        path = sources / file
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")

    return change


def replace_bytes(file: str, old: bytes, new: bytes) -> Change:
    def change(sources: Path) -> None:
        path = sources / file
        data = path.read_bytes()
        assert data.count(old) == 1, f"fixture drift: {old!r} not found exactly once in {file}"
        path.write_bytes(data.replace(old, new))

    return change


def prepend_bytes(file: str, prefix: bytes) -> Change:
    def change(sources: Path) -> None:
        path = sources / file
        path.write_bytes(prefix + path.read_bytes())

    return change


def rename(file: str, new_name: str) -> Change:
    def change(sources: Path) -> None:
        (sources / file).rename((sources / file).with_name(new_name))

    return change


def copy(file: str, new_file: str) -> Change:
    def change(sources: Path) -> None:
        shutil.copy(sources / file, sources / new_file)

    return change


def delete(file: str) -> Change:
    def change(sources: Path) -> None:
        (sources / file).unlink()

    return change


def in_project(change: Callable[[Path], None]) -> Change:
    """A change to the project around sources/ (content/, mkdocs.yml)."""
    return lambda sources: change(sources.parent)


def append_to_page(page: str, text: str) -> Change:
    def change(root: Path) -> None:
        path = root / "content" / page
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")

    return in_project(change)


def symlink(file: str, target: str, *, project: bool = False) -> Change:
    def change(sources: Path) -> None:
        path = (sources.parent if project else sources) / file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(target)

    return change


def fifo(file: str, *, project: bool = False) -> Change:
    def change(sources: Path) -> None:
        os.mkfifo((sources.parent if project else sources) / file)

    return change


def folder(file: str) -> Change:
    def change(sources: Path) -> None:
        (sources / file).mkdir(parents=True)
        (sources / file / "inner.yaml").write_text("status: confirmed\n", encoding="utf-8")

    return change


def set_summary(text: str) -> Change:
    """The platform case study's summary becomes `text`, written as a double-quoted YAML string (line 7)."""
    return replace(CASE, "summary: The platform moved from a broad label to a more specific one.", "summary: " + json.dumps(text))


def set_lessons(*lessons: str) -> Change:
    """The studio case study's lessons (line 11; the first item on line 12)."""
    return replace(STUDIO_CASE, '  - Direct disclosure kept trust.\n  - "Use `code` <b>safely</b>."\n', "".join(f"  - {json.dumps(lesson)}\n" for lesson in lessons))


def billion_laughs() -> str:
    lines = ['lol0: &lol0 "lol"']
    lines += [f"lol{n}: &lol{n} [{', '.join([f'*lol{n - 1}'] * 9)}]" for n in range(1, 10)]
    return "\n".join(lines) + "\n"


def nested_lists(depth: int) -> str:
    return "[" * depth + "deep" + "]" * depth


# --- the table --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BadInput:
    name: str
    change: Change
    file: str  # as printed: relative to the project root
    line: int
    field: str
    says: str  # a piece of the explanation


CASE = "case-studies/platform-labels.yaml"
CONFIG_LINES = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
STUDIO_CASE = "case-studies/studio-face-swap.yaml"
ORG = "organizations/studio.yaml"
REF = "references/ref-weak.yaml"
RECS = "recommendations.yaml"

BAD_INPUTS = [
    # The foundation's list (issue 2).
    BadInput("yaml-syntax-error", replace(CASE, "summary: The platform", "summary: The: platform"), f"sources/{CASE}", 7, "(yaml)", "syntax error"),
    BadInput("wrong-type", replace(CASE, "title: How the platform changed its labels", "title: [How, labels]"), f"sources/{CASE}", 2, "title", "found a list"),
    BadInput("missing-required-field", replace(CASE, "organization: platform\n", ""), f"sources/{CASE}", 1, "organization", "required field is missing"),
    BadInput("missing-field-required-when-confirmed", replace(CASE, "url: https://example.org/cases/platform\n", ""), f"sources/{CASE}", 1, "url", "required when status is 'confirmed'"),
    BadInput("partial-record-without-missing", replace("case-studies/unknown-case.yaml", "missing:\n  - The title.\n  - A summary.\n", ""), "sources/case-studies/unknown-case.yaml", 1, "missing", "must list what is unknown"),
    BadInput("unknown-field-typo", replace(CASE, "summary:", "sumary:"), f"sources/{CASE}", 7, "sumary", "did you mean 'summary'"),
    BadInput("id-breaks-pattern", replace(RECS, "id: distributors-label", "id: Distributors_Label"), f"sources/{RECS}", 22, "recommendations[3].id", "lowercase letters, digits and single hyphens"),
    BadInput("file-name-breaks-pattern", rename(CASE, "platform_labels.yaml"), "sources/case-studies/platform_labels.yaml", 1, "(file name)", "lowercase letters, digits, single hyphens"),
    BadInput("duplicate-id-across-kinds", copy("organizations/platform.yaml", "organizations/platform-labels.yaml"), "sources/organizations/platform-labels.yaml", 1, "(record)", "already used by sources/case-studies/platform-labels.yaml"),
    BadInput(
        "duplicate-id-in-list",
        append(RECS, "  - {id: creators-disclose, stakeholder: creators, status: confirmed, title: Again, statement: Again., references: [ref-primary]}\n"),
        f"sources/{RECS}",
        34,
        "recommendations[5].id",
        "expected a unique id",
    ),
    BadInput("alias-collides-with-id", replace(STUDIO_CASE, "aliases: [studio-old-name]", "aliases: [platform-labels]"), f"sources/{STUDIO_CASE}", 19, "aliases[0]", "already used by sources/case-studies/platform-labels.yaml"),
    BadInput(
        "unknown-organization",
        replace(CASE, "organization: platform", "organization: platfrom"),
        f"sources/{CASE}",
        3,
        "organization",
        "organization (sources/organizations/<id>.yaml), found 'platfrom', which does not exist; did you mean 'platform'?",
    ),
    BadInput("id-of-the-wrong-kind", replace(CASE, "organization: platform", "organization: ref-primary"), f"sources/{CASE}", 3, "organization", "which is a reference 'ref-primary'"),
    BadInput("former-id-instead-of-current", replace(CASE, "practices: [distributors-label,", "practices: [builders-transparency,"), f"sources/{CASE}", 8, "practices[0]", "a former id of recommendation 'builders-be-transparent'"),
    BadInput("unknown-reference", replace(CASE, "references: [ref-primary]", "references: [ref-primry]"), f"sources/{CASE}", 11, "references[0]", "reference (sources/references/<id>.yaml), found 'ref-primry'"),
    BadInput("unknown-tag", replace(CASE, "tags: [labels]", "tags: [labelz]"), f"sources/{CASE}", 12, "tags[0]", "tag (sources/tags.yaml), found 'labelz'"),
    BadInput("reference-note-without-ref", replace(STUDIO_CASE, "{ref: ref-secondary, note:", "{note:"), f"sources/{STUDIO_CASE}", 17, "references[1].ref", "required field is missing"),
    BadInput("date-in-words", replace(CASE, 'published: "2024-03-19"', "published: March 2024"), f"sources/{CASE}", 5, "published", "a date as YYYY, YYYY-MM or YYYY-MM-DD"),
    BadInput("date-not-in-calendar", replace(CASE, 'published: "2024-03-19"', 'published: "2024-02-30"'), f"sources/{CASE}", 5, "published", "real calendar date"),
    BadInput("month-13", replace(ORG, 'joined: "2023-02"', 'joined: "2023-13"'), f"sources/{ORG}", 6, "joined", "real calendar date"),
    BadInput("year-out-of-range", replace("organizations/platform.yaml", "joined: 2024", "joined: 1066"), "sources/organizations/platform.yaml", 5, "joined", "a date as YYYY"),
    BadInput("ftp-url", replace(CASE, "url: https://example.org/cases/platform", "url: ftp://example.org/cases/platform"), f"sources/{CASE}", 10, "url", "an http:// or https:// URL"),
    BadInput("not-utf8", replace_bytes(ORG, b"Studio & Sons", "Studio & S\xf6ns".encode("latin-1")), f"sources/{ORG}", 2, "(encoding)", "not UTF-8"),
    # Issue 6's additions.
    BadInput("billion-laughs", append(CASE, billion_laughs()), f"sources/{CASE}", 14, "lol1[0]", "YAML alias"),
    BadInput("twenty-megabytes", append(CASE, ("# padding " + "x" * 89 + "\n") * 200_000), f"sources/{CASE}", 1, "(file)", "under 1,000,000 bytes"),
    BadInput("list-instead-of-mapping", write(ORG, "- name: Studio & Sons\n- kind: media\n"), f"sources/{ORG}", 1, "(record)", "expected a mapping of fields (name: value), found a list"),
    BadInput("single-value-instead-of-mapping", write(ORG, "Studio & Sons\n"), f"sources/{ORG}", 1, "(record)", "found a single value"),
    BadInput("empty-file", write(ORG, ""), f"sources/{ORG}", 1, "(file)", "found an empty file"),
    BadInput("comments-only-file", write(ORG, "# nothing here yet\n"), f"sources/{ORG}", 1, "(file)", "found an empty file"),
    BadInput("byte-order-mark", prepend_bytes(ORG, b"\xef\xbb\xbf"), f"sources/{ORG}", 1, "(encoding)", "byte-order mark"),
    BadInput("nul-byte", replace(ORG, "kind: media", "kind: me\x00dia"), f"sources/{ORG}", 1, "(encoding)", "NUL"),
    BadInput("control-character", replace(ORG, "kind: media", "kind: me\x01dia"), f"sources/{ORG}", 3, "(encoding)", "control character U+0001"),
    BadInput("tab-indentation", replace(STUDIO_CASE, "  - Direct disclosure kept trust.", "\t- Direct disclosure kept trust."), f"sources/{STUDIO_CASE}", 12, "(yaml)", "tab character"),
    BadInput("duplicate-key", append(CASE, "title: The same title again\n"), f"sources/{CASE}", 13, "title", "found 'title' again (first at line 2)"),
    BadInput("merge-key", append(CASE, "<<: {role: creator}\n"), f"sources/{CASE}", 13, "(record)", "merge key"),
    BadInput("non-text-key", append(CASE, "2024: a year\n"), f"sources/{CASE}", 13, "(record)", "expected a field name (text), found '2024'"),
    BadInput("two-documents", append(CASE, "---\ntitle: Second\n"), f"sources/{CASE}", 14, "(file)", "expected one YAML document"),
    BadInput("yml-extension", rename(ORG, "studio.yml"), "sources/organizations/studio.yml", 1, "(file name)", "expected the extension .yaml"),
    BadInput("javascript-url", replace(CASE, "url: https://example.org/cases/platform", "url: javascript:alert(1)"), f"sources/{CASE}", 10, "url", "an http:// or https:// URL"),
    BadInput("data-url", replace(ORG, "url: https://studio.example/", "url: 'data:text/html,<script>alert(1)</script>'"), f"sources/{ORG}", 5, "url", "an http:// or https:// URL"),
    BadInput("url-with-quote-breakout", replace(ORG, "url: https://studio.example/", "url: 'https://studio.example/\" onmouseover=\"alert(1)'"), f"sources/{ORG}", 5, "url", "an http:// or https:// URL"),
    BadInput("slug-with-dot-dot", replace(STUDIO_CASE, "aliases: [studio-old-name]", 'aliases: ["../../index"]'), f"sources/{STUDIO_CASE}", 19, "aliases[0]", "lowercase letters, digits and single hyphens"),
    BadInput("slug-with-slash", replace(CASE, "organization: platform", "organization: studio/../platform"), f"sources/{CASE}", 3, "organization", "lowercase letters, digits and single hyphens"),
    BadInput("id-differing-only-in-case", replace(CASE, "organization: platform", "organization: Platform"), f"sources/{CASE}", 3, "organization", "lowercase letters, digits and single hyphens"),
    BadInput("file-name-differing-only-in-case", copy(ORG, "organizations/Studio.yaml"), "sources/organizations/Studio.yaml", 1, "(file name)", "found 'Studio'"),
    BadInput("unicode-look-alike-id", replace(CASE, "organization: platform", "organization: pl\u0430tform"), f"sources/{CASE}", 3, "organization", "lowercase letters, digits and single hyphens"),
    BadInput("unicode-look-alike-file-name", copy(ORG, "organizations/stud\u0456o.yaml"), "sources/organizations/stud\u0456o.yaml", 1, "(file name)", "lowercase letters, digits, single hyphens"),
    BadInput("python-object-tag", replace(CASE, "title: How the platform changed its labels", 'title: !!python/object/apply:os.system ["echo pwned"]'), f"sources/{CASE}", 2, "title", "tags are not allowed"),
    BadInput("custom-tag-on-mapping", replace(CASE, "references: [ref-primary]", "references: !include [ref-primary]"), f"sources/{CASE}", 11, "references", "tags are not allowed"),
    BadInput("markdown-javascript-link", replace(CASE, "summary: The platform moved", "summary: See [the label](javascript:alert(1)). The platform moved"), f"sources/{CASE}", 7, "summary", "javascript:"),
    BadInput("markdown-reference-definition-to-javascript", replace(STUDIO_CASE, "  - Direct disclosure kept trust.", '  - "[trust]: javascript:alert(1)"'), f"sources/{STUDIO_CASE}", 12, "lessons[0]", "javascript:"),
    BadInput(
        "markdown-link-to-vbscript", replace("references/ref-primary.yaml", "summary: The framework itself.", "summary: The framework itself, [see](vbscript:msgbox(1))."), "sources/references/ref-primary.yaml", 9, "summary", "vbscript:"
    ),
    BadInput("markdown-data-image", replace(ORG, "description: A public broadcaster.", "description: A public broadcaster ![x](data:image/svg+xml;base64,PHN2Zz4=)."), f"sources/{ORG}", 4, "description", "data:"),
    BadInput("markdown-link-with-entity-spelled-javascript", replace(CASE, "summary: The platform moved", "summary: See [the label](javascript&#58;alert(1)). The platform moved"), f"sources/{CASE}", 7, "summary", "javascript:"),
    BadInput(
        "markdown-attribute-list-event-handler",
        replace(STUDIO_CASE, "  - Direct disclosure kept trust.", '  - "*Trust*{: onmouseover=alert(1) }"'),
        f"sources/{STUDIO_CASE}",
        12,
        "lessons[0]",
        "no event-handler attributes, found 'onmouseover'",
    ),
    BadInput(
        "markdown-attribute-list-javascript-href",
        replace(ORG, "description: A public broadcaster.", "description: 'A [public](https://studio.example/){: href=\"javascript:alert(1)\" } broadcaster.'"),
        f"sources/{ORG}",
        4,
        "description",
        "javascript: link",
    ),
    BadInput("title-on-two-lines", replace(CASE, "title: How the platform changed its labels", 'title: "How the platform\\nchanged its labels"'), f"sources/{CASE}", 2, "title", "one line of text"),
    BadInput("role-not-in-list", replace(CASE, "role: distributor", "role: publisher"), f"sources/{CASE}", 6, "role", "expected one of 'builder', 'creator', 'distributor', 'analysis', found text 'publisher'"),
    BadInput("status-not-in-list", replace(REF, "status: unverified", "status: rumoured"), f"sources/{REF}", 1, "status", "found text 'rumoured'"),
    BadInput("same-practice-twice", replace(CASE, "practices: [distributors-label, creators-disclose]", "practices: [distributors-label, distributors-label]"), f"sources/{CASE}", 8, "practices", "expected each item once"),
    BadInput("conflict-with-one-side", replace("framework.yaml", "references: [ref-primary, ref-weak]", "references: [ref-primary]"), "sources/framework.yaml", 32, "conflicts[0].references", "at least 2"),
    BadInput("too-deeply-nested", replace(CASE, "lessons: [A broad label confused users.]", f"lessons: {nested_lists(60)}"), f"sources/{CASE}", 9, "lessons" + "[0]" * 40, "levels of nesting"),
    BadInput("required-file-deleted", delete("stakeholders.yaml"), "sources/stakeholders.yaml", 1, "(file)", "expected this file to exist"),
    # Issue 15: scripts through links, judged on the HTML the text renders to.
    BadInput("reference-definition-inside-a-quote", set_summary("> [x]: javascript:alert(1)\n> [click][x]"), f"sources/{CASE}", 7, "summary", "javascript: link"),
    BadInput("reference-definition-inside-a-list-item", set_summary("- [x]: javascript:alert(1)\n\n[click][x]"), f"sources/{CASE}", 7, "summary", "javascript: link"),
    BadInput("reference-definition-after-a-lone-carriage-return", set_summary("Text.\r[x]: javascript:alert(1)\r[click][x]"), f"sources/{CASE}", 7, "summary", "javascript: link"),
    BadInput(
        "reference-definition-after-crlf-in-a-note",
        replace(STUDIO_CASE, 'note: "Reports the broadcast date."', 'note: "Reports.\\r\\n\\r\\n[d]: vbscript:msgbox(1)\\r\\n[the date][d]"'),
        f"sources/{STUDIO_CASE}",
        17,
        "references[1].note",
        "vbscript: link",
    ),
    BadInput("data-uri-link", set_summary("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"), f"sources/{CASE}", 7, "summary", "data: link"),
    BadInput("file-uri-link", set_summary("[passwords](file:///etc/passwd)"), f"sources/{CASE}", 7, "summary", "file: link"),
    BadInput("uppercase-scheme", set_summary("[x](JAVASCRIPT:alert(1))"), f"sources/{CASE}", 7, "summary", "javascript: link"),
    BadInput("tab-inside-the-scheme", set_summary("[x](java\tscript:alert(1))"), f"sources/{CASE}", 7, "summary", "found 'java"),
    BadInput("hex-entity-colon", set_summary("[x](javascript&#x3a;alert(1))"), f"sources/{CASE}", 7, "summary", "javascript: link"),
    BadInput("control-character-before-scheme", set_summary("[x](&#1;javascript:alert(1))"), f"sources/{CASE}", 7, "summary", "javascript: link"),
    BadInput("remote-image", set_summary("A pixel: ![p](https://tracker.example/p.png)"), f"sources/{CASE}", 7, "summary", "from this site only"),
    BadInput("protocol-relative-image", set_summary("![p](//tracker.example/p.png)"), f"sources/{CASE}", 7, "summary", "from this site only"),
    BadInput("remote-image-through-a-definition", set_lessons("![p][pixel]", "[pixel]: https://tracker.example/p.png"), f"sources/{STUDIO_CASE}", 12, "lessons[0]", "whose definition is not in this field"),
    BadInput("srcset-from-another-host", set_summary('![a](../x.png){: srcset="https://tracker.example/p.png 2x" }'), f"sources/{CASE}", 7, "summary", "from this site only"),
    BadInput("inline-attribute-list-event-handler", set_summary("[x](https://example.org/){onclick=alert(1)}"), f"sources/{CASE}", 7, "summary", "'onclick'"),
    BadInput("attribute-list-hiding-the-real-target", set_summary('[x](javascript:alert(1)){: href="https://example.org/" }'), f"sources/{CASE}", 7, "summary", "javascript: link"),
    BadInput("attribute-list-style", set_summary('A paragraph.\n{: style="background:url(https://tracker.example/p.png)" }'), f"sources/{CASE}", 7, "summary", "no style attributes"),
    BadInput("definition-in-one-lesson-used-in-another", set_lessons("[d]: javascript:alert(1)", "[click][d]"), f"sources/{STUDIO_CASE}", 12, "lessons[0]", "javascript: link"),
    BadInput("url-field-breaking-out-of-its-link", replace(ORG, "url: https://studio.example/", "url: 'https://studio.example/)[c](javascript:alert(1)'"), f"sources/{ORG}", 5, "url", "an http:// or https:// URL"),
    BadInput("url-field-with-an-attribute-list", replace(ORG, "url: https://studio.example/", "url: 'https://studio.example/{onclick=alert(1)}'"), f"sources/{ORG}", 5, "url", "an http:// or https:// URL"),
    BadInput("content-page-javascript-link", append_to_page("about.md", "\n[x](javascript:alert(1))\n"), "content/about.md", 25, "(markdown)", "javascript: link"),
    BadInput("content-page-remote-image", append_to_page("about.md", "\n![p](https://tracker.example/p.png)\n"), "content/about.md", 25, "(markdown)", "from this site only"),
    BadInput("content-page-script-element", append_to_page("about.md", "\n<script>alert(1)</script>\n"), "content/about.md", 25, "(markdown)", "<script> element"),
    BadInput("content-page-event-handler", append_to_page("about.md", '\n<img src="x.png" onerror="alert(1)">\n'), "content/about.md", 25, "(markdown)", "'onerror'"),
    # Files that are not files.
    BadInput("fifo-record", fifo("case-studies/pipe.yaml"), "sources/case-studies/pipe.yaml", 1, "(file)", "named pipe (FIFO)"),
    BadInput("symlink-to-dev-zero", symlink("case-studies/zero.yaml", "/dev/zero"), "sources/case-studies/zero.yaml", 1, "(file)", "outside"),
    BadInput("broken-symlink", symlink("case-studies/gone.yaml", "nowhere.yaml"), "sources/case-studies/gone.yaml", 1, "(file)", "broken symbolic link"),
    BadInput("looping-symlink", symlink("case-studies/loop.yaml", "loop.yaml"), "sources/case-studies/loop.yaml", 1, "(file)", "loops"),
    BadInput("symlink-out-of-the-project", symlink("organizations/etc.yaml", "/etc/hostname"), "sources/organizations/etc.yaml", 1, "(file)", "outside"),
    BadInput("content-symlink-to-the-environment", symlink("content/env.md", "/proc/self/environ", project=True), "content/env.md", 1, "(file)", "outside"),
    BadInput("content-fifo", fifo("content/pipe.md", project=True), "content/pipe.md", 1, "(file)", "named pipe (FIFO)"),
    BadInput("content-folder-symlink", symlink("content/etc", "/etc", project=True), "content/etc", 1, "(file)", "symbolic link"),
    BadInput("folder-named-like-a-record", folder("case-studies/nested.yaml"), "sources/case-studies/nested.yaml", 1, "(file)", "a folder"),
    BadInput("folder-inside-a-record-folder", folder("case-studies/more"), "sources/case-studies/more", 1, "(file name)", "records in a folder are not read"),
    # Ids and names.
    BadInput("alias-ending-in-a-newline", replace(STUDIO_CASE, "aliases: [studio-old-name]", 'aliases: ["studio-old-name\\n"]'), f"sources/{STUDIO_CASE}", 19, "aliases[0]", "lowercase letters, digits and single hyphens"),
    BadInput("tag-id-ending-in-a-newline", replace("tags.yaml", "{id: elections, title: Elections}", '{id: "elections\\n", title: Elections}'), "sources/tags.yaml", 4, "tags[2].id", "lowercase letters, digits and single hyphens"),
    BadInput("case-study-named-index", copy(CASE, "case-studies/index.yaml"), "sources/case-studies/index.yaml", 1, "(file name)", "reserved for the listing page"),
    BadInput("alias-index", replace(STUDIO_CASE, "aliases: [studio-old-name]", "aliases: [index]"), f"sources/{STUDIO_CASE}", 19, "aliases[0]", "reserved for the listing page"),
    BadInput("file-name-of-200-characters", copy(CASE, "case-studies/" + "a" * 200 + ".yaml"), "sources/case-studies/" + "a" * 200 + ".yaml", 1, "(file name)", "200 characters (at most 120)"),
    BadInput("uppercase-extension", rename(ORG, "studio.YAML"), "sources/organizations/studio.YAML", 1, "(file name)", "expected the extension .yaml (lowercase)"),
    BadInput("misspelled-folder", lambda sources: (sources / "organizations").rename(sources / "organisations"), "sources/organisations", 1, "(file name)", "did you mean 'organizations'"),
    BadInput("stray-file-in-sources", write("notes.txt", "to do\n"), "sources/notes.txt", 1, "(file name)", "found the file 'notes.txt'"),
    BadInput("json-file-among-references", write("references/extra.json", "{}"), "sources/references/extra.json", 1, "(file name)", "ending in .yaml"),
    # Numbers and dates.
    BadInput("float-year", replace(CASE, 'published: "2024-03-19"', "published: 2024.0"), f"sources/{CASE}", 5, "published", "without a decimal point"),
    BadInput("hex-literal-of-5000-digits", replace(CASE, 'published: "2024-03-19"', "published: 0x" + "f" * 5000), f"sources/{CASE}", 5, "published", "found text '0xfff"),
    BadInput("year-0000", replace(CASE, 'published: "2024-03-19"', 'published: "0000"'), f"sources/{CASE}", 5, "published", "a year from 1900 to 2999, found '0000'"),
    BadInput("year-9999-as-text", replace(CASE, 'published: "2024-03-19"', 'published: "9999-12-31"'), f"sources/{CASE}", 5, "published", "a year from 1900 to 2999"),
    BadInput("year-9999-as-number", replace("organizations/platform.yaml", "joined: 2024", "joined: 9999"), "sources/organizations/platform.yaml", 5, "joined", "a date as YYYY"),
    BadInput("infinite-date", replace(CASE, 'published: "2024-03-19"', "published: .inf"), f"sources/{CASE}", 5, "published", "a date as YYYY"),
    BadInput("huge-float-date", replace(CASE, 'published: "2024-03-19"', "published: 1e999"), f"sources/{CASE}", 5, "published", "a date as YYYY"),
    # Cost.
    BadInput("summary-of-20000-brackets", set_summary("[" * 20_000), f"sources/{CASE}", 7, "summary", "at most 10,000 characters"),
    BadInput("summary-of-5000-brackets", set_summary("[" * 5_000), f"sources/{CASE}", 7, "summary", "100 '['"),
    BadInput("abbreviations-by-the-thousand", set_summary("*[a]: b\n" * 1_000), f"sources/{CASE}", 7, "summary", "100 '['"),
    BadInput("lists-nested-6000-deep", set_summary("1. " * 3_000 + "a"), f"sources/{CASE}", 7, "summary", "nested at most 15 levels"),
    BadInput("quotes-nested-5000-deep", set_summary(">" * 5_000 + " a"), f"sources/{CASE}", 7, "summary", "nested at most 15 levels"),
    BadInput("lesson-list-of-300", replace(CASE, "lessons: [A broad label confused users.]", "lessons: [" + ", ".join(["x"] * 300) + "]"), f"sources/{CASE}", 9, "lessons", "at most 200 items, found 300"),
    # Problems MkDocs alone used to find.
    BadInput("summary-linking-to-a-missing-page", set_summary("See [the other case](nope.md)."), f"sources/{CASE}", 7, "summary", "'case-studies/nope.md', a page that does not exist"),
    BadInput("summary-linking-to-a-folder-address", set_summary("See [the framework](../framework/)."), f"sources/{CASE}", 7, "summary", "a page's .md file"),
    BadInput("summary-linking-out-of-the-site", set_summary("See [this](../../../etc/passwd.md)."), f"sources/{CASE}", 7, "summary", "leads outside it"),
    BadInput("content-page-broken-link", append_to_page("about.md", "\nSee [the archive](archive.md).\n"), "content/about.md", 25, "(link)", "'archive.md', a page that does not exist"),
    # Configuration.
    BadInput(
        "mkdocs-yml-syntax-error",
        in_project(lambda root: (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text(encoding="utf-8").replace("use_directory_urls: true", "use_directory_urls: true: false"), encoding="utf-8")),
        "mkdocs.yml",
        CONFIG_LINES.index("use_directory_urls: true") + 1,
        "(yaml)",
        "mapping values are not allowed here",
    ),
]


# --- running them -----------------------------------------------------------------------------------


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under folder, by relative path, with a hash of its bytes."""
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def built_mini(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The mini fixture, built once; each case starts from a copy of it, site/ and build/ included."""
    project = make_project(tmp_path_factory.mktemp("bad-input-base"), MINI_SOURCES)
    build(project)
    return project


@pytest.fixture(scope="module")
def built_digests(built_mini: Project) -> tuple[dict[str, str], dict[str, str]]:
    return tree_digest(built_mini.site), tree_digest(built_mini.docs)


def test_the_table_has_at_least_thirty_cases_with_distinct_names() -> None:
    names = [case.name for case in BAD_INPUTS]
    assert len(names) >= 30 and len(set(names)) == len(names)


def test_the_unchanged_fixture_builds(built_mini: Project) -> None:
    assert (built_mini.site / "case-studies" / "platform-labels" / "index.html").is_file()


@pytest.mark.parametrize("case", BAD_INPUTS, ids=lambda case: case.name)
def test_bad_input_is_located_and_leaves_site_unchanged(case: BadInput, built_mini: Project, built_digests, tmp_path: Path, capsys) -> None:
    root = tmp_path / "project"
    shutil.copytree(built_mini.root, root, symlinks=False)
    case.change(root / "sources")

    status = main(["--root", str(root), "build"])

    out, err = capsys.readouterr()
    assert status == 1, f"expected exit status 1, got {status}\nstdout:\n{out}\nstderr:\n{err}"
    assert "Traceback" not in err + out
    located = re.compile(rf"^{re.escape(case.file)}:{case.line}:\d+: error: {re.escape(case.field)}: .*{re.escape(case.says)}", re.MULTILINE)
    assert located.search(err), f"no line like {case.file}:{case.line}:…: error: {case.field}: …{case.says}… in stderr:\n{err[:4000]}"
    assert all(_is_diagnostic(line) for line in err.splitlines()[:-1]), f"a stderr line is not a diagnostic:\n{err[:4000]}"
    site_digest, docs_digest = built_digests
    assert tree_digest(root / "site") == site_digest, "site/ changed after a failed build"
    assert tree_digest(root / "build" / "docs") == docs_digest, "build/docs changed after a failed build"


def _is_diagnostic(line: str) -> bool:
    return re.match(r"^(?:sources/\S.*|content/\S.*|mkdocs\.yml):\d+:\d+: error: \S.*: .+", line) is not None


# --- hostile text that is valid: it must build, and show as text everywhere --------------------------

# Data downloads carry the record text as data (not HTML); pages and the search index must not.
DATA_SUFFIXES = {".json", ".csv", ".bib", ".ris", ".yaml"}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("hostile"), MINI_SOURCES)
    add_payload_to_every_text_field(project.sources)
    try:
        build(project)
    except BuildFailed as failure:
        pytest.fail(f"valid records with HTML in every text field did not build:\n{failure}")
    return project.site


def test_html_in_every_text_field_builds(hostile_site: Path) -> None:
    assert (hostile_site / "case-studies" / "studio-face-swap" / "index.html").is_file()


def test_html_in_every_text_field_is_shown_as_text_on_the_page(hostile_site: Path) -> None:
    page = (hostile_site / "case-studies" / "studio-face-swap" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(" in page and "&lt;img src=x" in page


def test_html_in_every_text_field_never_reaches_a_page_raw(hostile_site: Path) -> None:
    leaks = []
    for path in sorted(hostile_site.rglob("*")):
        if not path.is_file() or path.suffix in DATA_SUFFIXES or path.suffix in {".gz", ".png", ".ico", ".woff", ".woff2"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        leaks += [f"{path.relative_to(hostile_site)}: {marker}" for marker in RAW_MARKERS if marker in text]
    assert not leaks, "raw record HTML in built files:\n" + "\n".join(leaks)


def test_html_in_every_text_field_is_escaped_in_the_search_index(hostile_site: Path) -> None:
    """Material inserts search results as HTML, so the decoded index text must hold no raw tags."""
    import json

    index = json.loads((hostile_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    leaks = [f"{doc['location']}: {marker}" for doc in index["docs"] for marker in RAW_MARKERS if marker in doc.get("title", "") + doc.get("text", "")]
    assert not leaks, "raw record HTML in the search index:\n" + "\n".join(leaks)
    assert any("&lt;script&gt;alert(" in doc.get("text", "") for doc in index["docs"]), "the payload should be searchable as text"


# Markdown that puts '<' where the escaper believes it is inside a code span but Markdown does not.
CODE_SPAN_TRICKS = {
    "unbalanced-backtick-runs": "`<img src=x onerror=alert(11)>``",
    "backslash-escaped-backtick": "\\`<img src=x onerror=alert(12)>`",
    "span-across-paragraphs": "`\n\n<img src=x onerror=alert(13)>\n\n`",
    "run-inside-longer-run": "``a`<img src=x onerror=alert(14)>`",
}


@pytest.fixture(scope="module")
def code_span_trick_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One build: the studio case study with one trick per lesson."""
    import yaml

    project = make_project(tmp_path_factory.mktemp("code-span-tricks"), MINI_SOURCES)
    path = project.sources / STUDIO_CASE
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["lessons"] = list(CODE_SPAN_TRICKS.values())
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    build(project)
    return project.site


@pytest.mark.parametrize("trick", CODE_SPAN_TRICKS, ids=str)
def test_html_after_a_backtick_trick_is_still_escaped(trick: str, code_span_trick_site: Path) -> None:
    marker = re.search(r"alert\(\d+\)", CODE_SPAN_TRICKS[trick]).group(0)
    page = (code_span_trick_site / "case-studies" / "studio-face-swap" / "index.html").read_text(encoding="utf-8")
    assert f"<img src=x onerror={marker}>" not in page, f"the lesson {CODE_SPAN_TRICKS[trick]!r} became a live <img> element"


# --- citation cycles are allowed, and must not hang ---------------------------------------------------


def test_citation_cycle_and_self_citation_build_without_hanging(tmp_path: Path) -> None:
    import subprocess
    import sys

    project = make_project(tmp_path / "cycle", MINI_SOURCES)
    # ref-primary → ref-secondary → ref-primary already; add ref-weak → ref-primary and ref-weak → itself.
    replace(REF, "about: [framework]", "about: [framework]\ncites: [ref-primary, ref-weak]").__call__(project.sources)
    replace("references/ref-secondary.yaml", "cites: [ref-primary]", "cites: [ref-primary, ref-weak]").__call__(project.sources)
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "--root", str(project.root), "build"],
        capture_output=True,
        text=True,
        timeout=300,  # a guard against a hang, far above the ~2 s a build takes
    )
    assert result.returncode == 0, result.stderr
    page = (project.site / "references" / "ref-weak" / "index.html").read_text(encoding="utf-8")
    assert "ref-primary/" in page
