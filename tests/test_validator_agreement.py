"""The two schema validators on generated values (issue 14, bug 1).

Valid files pass fastjsonschema alone; a file it rejects is checked again by jsonschema, which names every
problem. Where the two read a keyword differently (e.g. whether 2024.0 is an integer), a file must never pass on the word of one of them, and `smf check` must never stop with a
traceback: every value either passes both, or gives a located error on the field.
"""

from __future__ import annotations

import fastjsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.diagnostics import RecordError
from generator.load import load_file
from generator.pipeline import Project, check
from generator.schemas import _fast_validator, _full_validator

from .conftest import MINI_SOURCES, make_project

CASE = "case-studies/platform-labels.yaml"
DATE_FIELDS = (("published", CASE, 'published: "2024-03-19"'), ("joined", "organizations/platform.yaml", "joined: 2024"))

# YAML scalars as an editor might type them in a date field: numbers of every notation, dates with and
# without quotes, and other shapes.
yaml_scalars = st.one_of(
    st.integers(min_value=-(10**6), max_value=10**6).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(
        [
            "2024.0",
            "2024.",
            ".5",
            "1e3",
            "0x7e8",
            "0o3750",
            "2_024",
            "+2024",
            "-0",
            ".inf",
            "-.nan",
            "2024-03-19",
            "2024-03",
            "'2024-03-19'",
            '"2024"',
            "'2024.0'",
            "2024-13-01",
            "'0000'",
            "'9999-12-31'",
            "true",
            "null",
            "~",
            "[2024]",
            "{year: 2024}",
            "''",
            "'  2024'",
        ]
    ),
    st.builds(lambda y, m, d: f"'{y:04d}-{m:02d}-{d:02d}'", st.integers(0, 9999), st.integers(0, 13), st.integers(0, 32)),
)


def _verdicts(kind: str, data: dict) -> tuple[bool, bool]:
    try:
        _fast_validator(kind)(data)
        fast_ok = True
    except fastjsonschema.JsonSchemaException:
        fast_ok = False
    full_ok = not any(True for _ in _full_validator(kind).iter_errors(data))
    return fast_ok, full_ok


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return make_project(tmp_path_factory.mktemp("agreement"), MINI_SOURCES)


@pytest.mark.parametrize(("field", "record", "line"), DATE_FIELDS, ids=[f for f, _, _ in DATE_FIELDS])
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(scalar=yaml_scalars)
def test_a_value_either_passes_both_validators_or_gives_a_located_error(project: Project, field: str, record: str, line: str, scalar: str) -> None:
    path = project.sources / record
    original = (MINI_SOURCES / record).read_text(encoding="utf-8")
    edited = original.replace(line, f"{field}: {scalar}", 1)
    path.write_text(edited, encoding="utf-8")
    try:
        try:
            data = load_file(path, f"sources/{record}").data  # the values exactly as the project's loader reads them
        except RecordError:  # not loadable at all: the loader's own located error is tested elsewhere
            data = None
        try:
            check(project)
            accepted, problems = True, []
        except RecordError as error:
            accepted, problems = False, error.diagnostics
        if data is not None:
            kind = "case-study" if record == CASE else "organization"
            fast_ok, full_ok = _verdicts(kind, data)
            if not (fast_ok and full_ok):
                # Either validator's objection is enough: the file must not pass.
                assert not accepted, f"{field}: {scalar!r} passed although fast={fast_ok} full={full_ok}"
        if not accepted:
            assert problems, "a rejected record names its problems"
            assert any(p.field.startswith(field) for p in problems), [p.format() if hasattr(p, "format") else p for p in problems]
            assert all(p.line >= 1 and p.column >= 1 for p in problems)
    finally:
        path.write_text(original, encoding="utf-8")
