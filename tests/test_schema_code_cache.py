"""The fast validators kept compiled in generator/schemas/__pycache__/ (so a warm build does not compile them again).

Loaded from there, a validator judges every record exactly as fastjsonschema.compile's does: same verdict,
same exception, same message and path. A corrupt cache file is compiled again and replaced, and a
folder that cannot be written only means no cache: validation never fails because of it.
"""

from __future__ import annotations

import copy
import marshal
from collections.abc import Iterator
from pathlib import Path
from types import CodeType, FunctionType
from typing import Any

import fastjsonschema
import pytest

from generator import schemas
from generator.load import load_sources
from generator.schemas import SCHEMA_FILES, _fast_validator, bundled_schema

from .conftest import ROOT

KINDS = list(SCHEMA_FILES)


@pytest.fixture(autouse=True)
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "__pycache__"
    monkeypatch.setattr(schemas, "CODE_CACHE_DIR", folder)
    _fast_validator.cache_clear()
    yield folder
    _fast_validator.cache_clear()  # later tests in this process compile their own


@pytest.fixture(scope="module")
def records() -> dict[str, list[Any]]:
    loaded, problems = load_sources(ROOT / "sources")
    assert not problems
    return {kind: [source.data for source in loaded.of_kind(kind)[:3]] for kind in KINDS}


def _leaf_paths(value: Any, path: tuple = ()) -> Iterator[tuple]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaf_paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaf_paths(item, (*path, index))
    else:
        yield path


def _with(data: Any, path: tuple, change) -> Any:
    broken = copy.deepcopy(data)
    parent = broken
    for part in path[:-1]:
        parent = parent[part]
    change(parent, path[-1])
    return broken


def _variants(data: dict) -> Iterator[Any]:
    """The record itself, then broken copies: wrong types and values at its leaves, a field missing, an unknown one."""
    yield data
    yield from (None, [], "text")
    leaves = list(_leaf_paths(data))
    for path in leaves[:: max(1, len(leaves) // 12)]:
        for wrong in (None, "", 12345, -1.5, "not a date", [], {"x": 1}):
            yield _with(data, path, lambda parent, last, wrong=wrong: parent.__setitem__(last, wrong))
        if isinstance(path[-1], str):
            yield _with(data, path, lambda parent, last: parent.pop(last))
            yield _with(data, path, lambda parent, last: parent.__setitem__("unknown_field", 1))


def _verdict(validate, data: Any) -> tuple:
    try:
        return ("accepted", validate(copy.deepcopy(data)))
    except fastjsonschema.JsonSchemaValueException as error:
        return ("rejected", type(error), str(error), error.message, error.path, error.name, error.value, error.rule, error.definition)


def _loaded_from_cache(kind: str, monkeypatch: pytest.MonkeyPatch):
    _fast_validator(kind)  # compiles and keeps it
    _fast_validator.cache_clear()
    with monkeypatch.context() as patched:
        patched.setattr(schemas, "_compile_validator", lambda *_: pytest.fail("compiled again instead of loading the cache"))
        return _fast_validator(kind)


@pytest.mark.parametrize("kind", KINDS)
def test_cached_validator_judges_records_as_fastjsonschema_compile(kind: str, records: dict[str, list[Any]], monkeypatch: pytest.MonkeyPatch) -> None:
    cached = _loaded_from_cache(kind, monkeypatch)
    compiled = fastjsonschema.compile(bundled_schema(kind))
    assert records[kind]
    verdicts = []
    for record in records[kind]:
        assert _verdict(cached, record)[0] == "accepted"
        for data in _variants(record):
            verdicts.append(_verdict(cached, data))
            assert verdicts[-1] == _verdict(compiled, data)
    assert {verdict[0] for verdict in verdicts} == {"accepted", "rejected"}


def _global_names(code: CodeType) -> set[str]:
    names = set(code.co_names)
    for constant in code.co_consts:
        if isinstance(constant, CodeType):
            names |= _global_names(constant)
    return names


def _instructions(code: CodeType) -> tuple:
    """The code's bytecode and constants, not where it was compiled (file name, line numbers)."""
    constants = tuple(_instructions(constant) if isinstance(constant, CodeType) else constant for constant in code.co_consts)
    return code.co_code, constants, code.co_names


@pytest.mark.parametrize("kind", KINDS)
def test_cached_validator_has_every_global_compile_gives_it(kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    cached = _loaded_from_cache(kind, monkeypatch)
    compiled = fastjsonschema.compile(bundled_schema(kind))
    assert cached.__name__ == compiled.__name__
    functions = [value for value in compiled.__globals__.values() if isinstance(value, FunctionType)]
    read = set().union(*(_global_names(function.__code__) for function in functions)) & compiled.__globals__.keys()
    assert {"JsonSchemaValueException", "REGEX_PATTERNS"} <= read
    for name in read:
        mine, theirs = cached.__globals__[name], compiled.__globals__[name]
        if isinstance(theirs, FunctionType):  # the validator and the ones it calls: the same code
            assert _instructions(mine.__code__) == _instructions(theirs.__code__), name
        elif name == "REGEX_PATTERNS":
            assert {key: (regex.pattern, regex.flags) for key, regex in mine.items()} == {key: (regex.pattern, regex.flags) for key, regex in theirs.items()}
        else:  # the exceptions, Decimal, NoneType, re
            assert mine is theirs, name


@pytest.mark.parametrize("damage", [b"", b"not marshal data", "cut in half", marshal.dumps(42), marshal.dumps(("validate", "not code"))])
def test_corrupt_cache_file_is_compiled_again_and_replaced(damage: bytes | str, cache_folder: Path, records: dict[str, list[Any]]) -> None:
    _fast_validator("tags")
    [kept] = cache_folder.glob("validator-tags-*.bin")
    good = kept.read_bytes()
    kept.write_bytes(good[: len(good) // 2] if damage == "cut in half" else damage)
    _fast_validator.cache_clear()

    validate = _fast_validator("tags")

    validate(records["tags"][0])
    with pytest.raises(fastjsonschema.JsonSchemaValueException, match="must be object"):
        validate([])
    assert kept.read_bytes() == good


def test_unwritable_cache_folder_still_validates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, records: dict[str, list[Any]]) -> None:
    (tmp_path / "a-file").write_text("")
    monkeypatch.setattr(schemas, "CODE_CACHE_DIR", tmp_path / "a-file" / "__pycache__")  # mkdir fails as on a read-only install

    validate = _fast_validator("tags")

    validate(records["tags"][0])
    with pytest.raises(fastjsonschema.JsonSchemaValueException, match="must be object"):
        validate([])


def test_failed_write_leaves_no_files_and_still_validates(cache_folder: Path, monkeypatch: pytest.MonkeyPatch, records: dict[str, list[Any]]) -> None:
    def refuse(*_: object) -> None:
        raise PermissionError("read-only file system")

    monkeypatch.setattr(schemas.os, "replace", refuse)

    validate = _fast_validator("tags")

    validate(records["tags"][0])
    assert list(cache_folder.iterdir()) == []


def test_new_cache_file_removes_its_kinds_older_ones(cache_folder: Path) -> None:
    cache_folder.mkdir()
    older = cache_folder / f"validator-tags-{'0' * 32}.bin"
    other_kind = cache_folder / f"validator-framework-{'0' * 32}.bin"
    for path in (older, other_kind):
        path.write_bytes(b"stale")

    _fast_validator("tags")

    assert not older.exists()
    assert other_kind.exists()
    assert len(list(cache_folder.glob("validator-tags-*.bin"))) == 1
