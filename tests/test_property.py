"""Arbitrary input never crashes or hangs the generator: it is checked and rendered, or reported as located problems.

Hypothesis writes generated YAML documents, arbitrary text and arbitrary bytes over one record of
the mini fixture, then runs `smf check` in-process. The outcome must be exit status 0 (and then
every renderer runs on the result) or exit status 1 with nothing but diagnostics on stderr.
Example counts stay small so that the suite stays quick on two cores; the deadline is generous
because hypothesis re-runs a slow example before calling it slow.
"""

from __future__ import annotations

import contextlib
import datetime
import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.diagnostics import RecordError
from generator.pipeline import Project, check
from generator.render import render_site

from .conftest import MINI_SOURCES, make_project

SETTINGS = settings(
    max_examples=100,
    deadline=datetime.timedelta(seconds=10),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
DIAGNOSTIC = re.compile(r"^sources/\S.*:\d+:\d+: error: \S.*: .+$")
RECORD_FILES = [
    "case-studies/platform-labels.yaml",
    "organizations/studio.yaml",
    "references/ref-secondary.yaml",
    "collections.yaml",
    "recommendations.yaml",
    "framework.yaml",
]
FIELD_NAMES = [
    "status",
    "title",
    "organization",
    "collection",
    "published",
    "role",
    "summary",
    "practices",
    "lessons",
    "url",
    "references",
    "tags",
    "aliases",
    "missing",
    "conflicts",
    "updated",
    "name",
    "kind",
    "joined",
    "cohort",
    "cites",
    "about",
    "date",
    "id",
    "ref",
    "note",
    "sumary",
]


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """One copy of the mini project; each example overwrites one record file and puts it back afterwards."""
    return make_project(tmp_path_factory.mktemp("property"), MINI_SOURCES)


@contextlib.contextmanager
def record_replaced(project: Project, name: str, content: str | bytes):
    path = project.sources / name
    original = path.read_bytes()
    try:
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        yield
    finally:
        path.write_bytes(original)


def assert_checked_or_reported(project: Project) -> None:
    """`smf check` exits 0 and every renderer runs, or it exits 1 with located diagnostics and no traceback."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["--root", str(project.root), "check"])
    lines = err.getvalue().splitlines()
    assert "Traceback" not in err.getvalue() + out.getvalue()
    if status == 0:
        pages = render_site(check(project))
        assert all(isinstance(text, (str, bytes)) for text in pages.values())
        return
    assert status == 1, f"exit status {status}"
    assert lines and lines[-1].endswith("nothing was generated or built."), err.getvalue()
    bad = [line for line in lines[:-1] if not DIAGNOSTIC.match(line)]
    assert not bad, "stderr lines that are not `path:line:column: error: field: message`:\n" + "\n".join(bad)


# --- strategies ---------------------------------------------------------------------------------------

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(
        [
            "2024-02-30",
            "2024-13",
            "2024",
            "0000-00-00",
            "studio",
            "platform",
            "ref-primary",
            "batch-one",
            "creators-disclose",
            "confirmed",
            "partial",
            "creator",
            "https://example.org/",
            "javascript:alert(1)",
            "[x](javascript:alert(1))",
            "<script>alert(1)</script>",
            "",
            " ",
            "~",
            "null",
            "yes",
        ]
    ),
)
yaml_values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=12)), children, max_size=5),
    ),
    max_leaves=20,
)
yaml_syntax = st.lists(
    st.one_of(st.sampled_from(list(":-[]{}#&*!|>'\"%@`,? \n\t\\") + ["---", "...", "<<", "!!python/object:os.system", "&a", "*a", "title", "status"]), st.characters(codec="utf-8")),
    max_size=80,
).map("".join)


def dump(value) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False)


# --- properties ---------------------------------------------------------------------------------------


@SETTINGS
@given(name=st.sampled_from(RECORD_FILES), document=yaml_values)
def test_any_yaml_document_is_checked_or_reported(scratch: Project, name: str, document) -> None:
    with record_replaced(scratch, name, dump(document)):
        assert_checked_or_reported(scratch)


@SETTINGS
@given(name=st.sampled_from(RECORD_FILES), field=st.sampled_from(FIELD_NAMES), value=yaml_values, data=st.data())
def test_any_value_in_any_field_of_a_valid_record_is_checked_or_reported(scratch: Project, name: str, field: str, value, data) -> None:
    record = yaml.safe_load((MINI_SOURCES / name).read_text(encoding="utf-8"))
    target = record
    list_key = next((key for key in ("collections", "recommendations") if key in record), None)
    if list_key:  # a list file: change one of its records
        target = data.draw(st.sampled_from(record[list_key]), label="item")
    target[field] = value
    with record_replaced(scratch, name, dump(record)):
        assert_checked_or_reported(scratch)


@SETTINGS
@given(name=st.sampled_from(RECORD_FILES), text=yaml_syntax)
def test_any_text_as_a_record_file_is_checked_or_reported(scratch: Project, name: str, text: str) -> None:
    with record_replaced(scratch, name, text):
        assert_checked_or_reported(scratch)


@SETTINGS
@given(name=st.sampled_from(RECORD_FILES), content=st.binary(max_size=200))
def test_any_bytes_as_a_record_file_are_checked_or_reported(scratch: Project, name: str, content: bytes) -> None:
    with record_replaced(scratch, name, content):
        assert_checked_or_reported(scratch)


# --- arbitrary text in text fields: shown as text, never as HTML ---------------------------------------

PROBE = "<smf-probe>"
markdownish = st.one_of(
    st.lists(st.sampled_from(["`", "``", "\\", "\n\n", "a", " ", "<", PROBE]), max_size=12),  # code spans and escapes
    st.lists(st.sampled_from(list("`\\<>[]()!*_#-|:& \n") + ["a", "b", "\n\n", "    ", "```", PROBE]), max_size=30),
).map("".join)


@pytest.fixture(scope="module")
def markdown_converter(scratch: Project):
    """Python-Markdown configured exactly as mkdocs.yml configures it for the site."""
    import markdown
    from mkdocs.config import load_config

    scratch.docs.mkdir(parents=True, exist_ok=True)  # MkDocs checks that docs_dir exists
    config = load_config(str(scratch.config))
    return lambda text: markdown.markdown(text, extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"])


@settings(SETTINGS, max_examples=60, phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink])
@example(field="summary", text="`<smf-probe>``", at=0).via("an unbalanced backtick run (found by this test)")
@example(field="lessons", text="\\`<smf-probe>`", at=0).via("a backslash-escaped backtick")
@given(field=st.sampled_from(["summary", "title", "lessons"]), text=markdownish, at=st.integers(min_value=0, max_value=60))
def test_any_text_in_a_text_field_is_never_turned_into_html(scratch: Project, markdown_converter, field: str, text: str, at: int) -> None:
    if PROBE not in text:
        text = text[:at] + PROBE + text[at:]
    record = yaml.safe_load((MINI_SOURCES / "case-studies/platform-labels.yaml").read_text(encoding="utf-8"))
    record[field] = [text] if field == "lessons" else text
    with record_replaced(scratch, "case-studies/platform-labels.yaml", dump(record)):
        try:
            site = check(scratch)
        except RecordError:
            return  # a located problem (a title over two lines, an empty lesson, …); the tests above cover reporting
        page = render_site(site)["case-studies/platform-labels.md"]
    assert "<smf-probe" not in markdown_converter(page), f"{field} {text!r} put a live element on the page"


# --- pathological text: the generator's own stages finish promptly --------------------------------------

PATHOLOGICAL = {
    "a-run-of-backticks": "`" * 20_000,
    "many-backtick-pairs": "`a" * 10_000,
    "a-run-of-brackets": "[" * 20_000,
    "unclosed-links": "[a](" * 5_000,
    "a-run-of-less-than": "<" * 20_000,
}


@pytest.mark.parametrize("kind", PATHOLOGICAL, ids=str)
def test_pathological_markdown_is_generated_without_hanging(kind: str, tmp_path: Path) -> None:
    """`smf build --no-engine` (load, check, render, write) on a 20,000-character summary; MkDocs is not run."""
    project = make_project(tmp_path / "p", MINI_SOURCES)
    path = project.sources / "case-studies" / "platform-labels.yaml"
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    record["summary"] = PATHOLOGICAL[kind]
    path.write_text(dump(record), encoding="utf-8")
    try:
        result = subprocess.run(
            [sys.executable, "-m", "generator.cli", "--root", str(project.root), "build", "--no-engine"],
            capture_output=True,
            text=True,
            timeout=30,  # a hang guard: this takes about a second
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"smf build --no-engine did not finish within 30 s on a summary of {kind}")
    assert result.returncode in (0, 1) and "Traceback" not in result.stderr, result.stderr[-2000:]
    shutil.rmtree(project.root)
