"""No script gets through a link: Markdown generated from a grammar of links, reference definitions,
quotes, lists, attribute lists, raw HTML and the three line endings is put into the record fields
that hold Markdown; whatever `smf check` accepts is rendered by the real renderers and converted as
MkDocs converts it (mkdocs.yml's extensions), and no element of any page may carry an href or src
outside the allow-list (http, https, mailto, relative), a src from another host, or an event handler.

The judge here is written independently of generator/link_policy.py, from the browser's rules
(control characters and whitespace dropped around and inside the scheme, entities decoded)."""

from __future__ import annotations

import datetime
import re
from html.parser import HTMLParser

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.diagnostics import RecordError
from generator.engine.markdown import SiteMarkdown
from generator.pipeline import Project, check
from generator.render import render_site
from generator.site_config import read_config

from .conftest import MINI_SOURCES, make_project

SCHEMES = [
    "javascript:",
    "JaVaScRiPt:",
    "java\tscript:",
    "java\nscript:",
    " javascript:",
    "\x01javascript:",
    "vbscript:",
    "data:text/html,",
    "file:///",
    "javascript&#58;",
    "&#106;avascript:",
    "javascript&colon;",
    "https://",
    "http://",
    "mailto:",
    "//",
    "\\\\",
    "",
    "../",
]
PAYLOADS = ["alert(1)", "evil.example/p.png", "framework.md", "x(y)", "a b", "%6a%61vascript:alert(1)"]
LINE_ENDINGS = ["\n", "\r", "\r\n", "\n\n", "\r\r"]
PREFIXES = ["", "> ", ">", "- ", "* ", "1. ", "   ", "    ", "> - ", "- > ", "\t"]


@st.composite
def urls(draw) -> str:
    return draw(st.sampled_from(SCHEMES)) + draw(st.sampled_from(PAYLOADS))


@st.composite
def pieces(draw) -> str:
    url, name = draw(urls()), draw(st.sampled_from(["a", "x", "A", "link one"]))
    return draw(
        st.sampled_from(
            [
                f"[text]({url})",
                f"[text](<{url}>)",
                f'[text]({url} "title")',
                f"![image]({url})",
                f"[text][{name}]",
                f"[{name}]",
                f"![image][{name}]",
                f"![{name}]",
                f"<{url}>",
                f"[{name}]: {url}",
                f"[{name}]: <{url}>",
                f'[{name}]: {url} "t"',
                f"*[{name}]: {url}",
                '{: onclick="alert(1)" }',
                "{onclick=alert(1)}",
                f'{{: href="{url}" }}',
                '{: style="color:red" }',
                f'{{: src="{url}" }}',
                f'<a href="{url}">raw</a>',
                "<img src=x onerror=alert(1)>",
                "<script>alert(1)</script>",
                "plain words",
                "*emphasis*",
                "`code`",
                "&amp;",
                "&#58;",
                "(",
                ")",
                "[",
                "]",
            ]
        )
    )


@st.composite
def markdown_texts(draw) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 5))):
        line = draw(st.sampled_from(PREFIXES)) + "".join(draw(st.lists(pieces(), min_size=1, max_size=4)))
        lines.append(line + draw(st.sampled_from(LINE_ENDINGS)))
    return "".join(lines).strip(" \t") or "text"


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.found.extend((tag, name, value or "") for name, value in attrs)

    handle_startendtag = handle_starttag


def _scheme(url: str) -> str | None:
    """As a browser reads it (WHATWG URL): C0 controls and spaces stripped at the ends, tabs and
    line breaks removed anywhere, then letters up to the first ':'."""
    cleaned = re.sub(r"[\t\n\r]", "", url).strip("".join(map(chr, range(0x21))))
    found = re.match(r"([a-zA-Z][a-zA-Z0-9+.\-]*):", cleaned)
    return found.group(1).lower() if found else None


def page_violations(page_html: str) -> list[str]:
    parser = _Elements()
    parser.feed(page_html)
    bad = []
    for tag, name, value in parser.found:
        if (
            name.startswith("on")
            or (name in ("href", "xlink:href", "action", "formaction") and _scheme(value) not in (None, "http", "https", "mailto"))
            or (name in ("src", "srcset", "poster", "data") and (_scheme(value) is not None or re.sub(r"[\t\n\r]", "", value).strip()[:2].replace("\\", "/") == "//"))
        ):
            bad.append(f"<{tag} {name}={value!r}>")
    return bad


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, SiteMarkdown]:
    project = make_project(tmp_path_factory.mktemp("links"), MINI_SOURCES)
    return project, SiteMarkdown(read_config(project.config))


# Markdown fields of three records (case study, organization, reference), set together each example.
TARGETS = {
    "case-studies/studio-face-swap.yaml": lambda data, text: data.update(summary=text, lessons=[text, "Plain."], references=["ref-primary", {"ref": "ref-secondary", "note": text}]),
    "organizations/studio.yaml": lambda data, text: data.update(description=text),
    "references/ref-weak.yaml": lambda data, text: data.update(summary=text, missing=[text]),
}


def test_the_judge_sees_what_it_must() -> None:
    assert page_violations('<a href="java&#x09;script:alert(1)">x</a>') and page_violations('<p onclick="x">') and page_violations('<img src="//evil/p.png">')
    assert not page_violations('<a href="../framework/">x</a><a href="mailto:a@b.c">m</a><img src="../assets/p.png">')


@settings(max_examples=60, deadline=datetime.timedelta(seconds=20), suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=markdown_texts())
@example(text="[a]: <javascript:alert(1)>[text](javascript:alert(1))\n")  # a definition alone, a link after a source's "Supports:"
@example(text="[text][a]\n\n\t[text](javascript:alert(1))\n")  # code alone, a link once an open question is put on one line
def test_no_record_text_renders_to_a_script_or_a_remote_resource(text: str, scratch) -> None:
    project, converter = scratch
    originals = {}
    for name, set_fields in TARGETS.items():
        path = project.sources / name
        originals[path] = path.read_text(encoding="utf-8")
        data = yaml.safe_load(originals[path])
        set_fields(data, text)
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000), encoding="utf-8")
    try:
        try:
            site = check(project)
        except RecordError as error:
            assert error.diagnostics  # refused, located: that is one of the two allowed outcomes
            return
        for page, markdown in render_site(site).items():
            if not page.endswith(".md"):
                continue
            body = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.DOTALL)  # front matter, as MkDocs strips it
            page_html, _ = converter.render(body)
            bad = page_violations(page_html)
            assert not bad, f"{page}: {bad} from the record text {text!r}"
    finally:
        for path, original in originals.items():
            path.write_text(original, encoding="utf-8")
