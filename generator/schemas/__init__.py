"""The declared shape of each record type (the JSON Schema files beside this module) and the check against it.

Valid files go through fastjsonschema's compiled validator (fast, but it stops at the first
problem); a file that fails is checked again with jsonschema, which lists every problem with its
path, so that an editor sees them all at once. Compiling the fast validators costs about 0.2 s, so
their Python code is kept in this package's __pycache__/ (keyed by the schema, the fastjsonschema
version and the Python version, like a module's bytecode) and a later build only loads it.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import marshal
import os
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from types import CodeType
from typing import TYPE_CHECKING, Any

import fastjsonschema
from fastjsonschema.ref_resolver import RefResolver

from ..diagnostics import Diagnostic, describe_value
from ..kinds import KIND_LIST
from ..load import SourceFile, field_name

if TYPE_CHECKING:
    import jsonschema

SCHEMA_DIR = Path(__file__).parent
SCHEMA_FILES = {kind.source: kind.schema for kind in KIND_LIST}
_COMMON_REF = "common.schema.json#/$defs/"
# Where the compiled fast validators are kept: beside this package's own bytecode.
CODE_CACHE_DIR = SCHEMA_DIR / "__pycache__"


@cache
def bundled_schema(kind: str) -> dict[str, Any]:
    """The schema for one kind with the shared definitions inlined, so it stands alone."""
    common = json.loads((SCHEMA_DIR / "common.schema.json").read_text(encoding="utf-8"))
    text = (SCHEMA_DIR / SCHEMA_FILES[kind]).read_text(encoding="utf-8").replace(_COMMON_REF, "#/$defs/")
    schema = json.loads(text)
    schema["$defs"] = {**common["$defs"], **schema.get("$defs", {})}
    return schema


@cache
def _fast_validator(kind: str) -> Callable[[Any], Any]:
    """fastjsonschema.compile(bundled_schema(kind)), compiled once per schema and kept on disk."""
    schema = bundled_schema(kind)
    digest = schema_version(kind)
    compiled = _read_compiled(_cache_file(kind, digest))
    if compiled is None:
        compiled = _compile_validator(schema, kind)
        _write_compiled(kind, digest, compiled)
    name, code = compiled
    # The code fastjsonschema.compile_to_code writes sets up the globals compile() would pass (the
    # exceptions, Decimal, the compiled patterns), so the function behaves as compile()'s does.
    namespace: dict[str, Any] = {}
    exec(code, namespace)
    return namespace[name]


@cache
def schema_version(kind: str) -> str:
    """A digest of one kind's schema (and of the validator that applies it): what it finds in a file changes only with this."""
    return _code_digest(bundled_schema(kind))


def _code_digest(schema: dict[str, Any]) -> str:
    # Key order is kept: it decides the order of the checks, and so which problem is reported.
    # fastjsonschema's options (formats, handlers, …) are its defaults; one passed must join the key.
    inputs = (json.dumps(schema), fastjsonschema.VERSION, sys.version)
    return hashlib.blake2b("\0".join(inputs).encode(), digest_size=16).hexdigest()


def _cache_file(kind: str, digest: str) -> Path:
    return CODE_CACHE_DIR / f"validator-{kind}-{digest}.bin"


def _compile_validator(schema: dict[str, Any], kind: str) -> tuple[str, CodeType]:
    name = RefResolver.from_schema(schema, store={}).get_scope_name()  # as fastjsonschema.compile finds it
    return name, compile(fastjsonschema.compile_to_code(schema), f"<{kind} validator>", "exec")


def _read_compiled(path: Path) -> tuple[str, CodeType] | None:
    """The (function name, code) kept at path, or None if it is missing or unreadable."""
    try:
        kept = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if isinstance(kept, tuple) and len(kept) == 2 and isinstance(kept[0], str) and isinstance(kept[1], CodeType):
        return kept
    return None


def _write_compiled(kind: str, digest: str, compiled: tuple[str, CodeType]) -> None:
    """Keep a compiled validator, replacing its kind's older ones; a folder that cannot be written (a
    read-only install) only means compiling again next time, never a failed build."""
    path = _cache_file(kind, digest)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(exist_ok=True)
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            with open(descriptor, "wb") as file:
                file.write(marshal.dumps(compiled))
            os.replace(temporary, path)  # a reader sees the whole file or none
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        for older in path.parent.glob(_cache_file(kind, "?" * len(digest)).name):
            if older != path:
                older.unlink(missing_ok=True)
    except OSError:
        pass


@cache
def _full_validator(kind: str) -> jsonschema.protocols.Validator:
    # Imported only when a file fails the fast check: it is a tenth of the generator's start-up.
    import jsonschema

    return jsonschema.Draft202012Validator(bundled_schema(kind))


def schema_diagnostics(kind: str, source: SourceFile) -> list[Diagnostic]:
    """Every way the file departs from its schema, one diagnostic each."""
    try:
        _fast_validator(kind)(source.data)
        return []
    except fastjsonschema.JsonSchemaException as error:
        fast_error = error
    diagnostics = []
    for found in _full_validator(kind).iter_errors(source.data):
        diagnostics.extend(_explain(found, source))
    if not diagnostics:
        # The two validators disagree (they read some keywords differently); the file is not
        # accepted on the word of one of them: the fast one's finding is reported, located.
        diagnostics.append(_fast_diagnostic(fast_error, source))
    return diagnostics


def _fast_diagnostic(error: fastjsonschema.JsonSchemaException, source: SourceFile) -> Diagnostic:
    # A JsonSchemaValueException in practice: it has the path, name, value and message of the failure.
    parts: list[str] = getattr(error, "path", None) or ["data"]
    path = tuple(int(part) if part.isdigit() else part for part in parts[1:])
    name, message = getattr(error, "name", ""), str(getattr(error, "message", error))
    message = message.removeprefix(name).strip() if name else message
    return source.diagnostic(path, f"expected a value that matches the schema, found {describe_value(getattr(error, 'value', None))} ({message})")


def _explain(error: jsonschema.ValidationError, source: SourceFile) -> list[Diagnostic]:
    path = tuple(error.absolute_path)
    instance, schema, keyword = error.instance, error.schema, error.validator
    if keyword == "additionalProperties":
        known = sorted(schema.get("properties", {}))
        return [source.diagnostic(path + (key,), _unknown_field_message(key, known)) for key in instance if key not in known]
    if keyword == "required":
        where = source.position(path)
        reason = _required_reason(error)
        return [Diagnostic(source.path, where.line, where.column, field_name(path + (name,)), f"required field is missing{reason}") for name in schema[keyword] if isinstance(instance, dict) and name not in instance]
    return [source.diagnostic(path, _message(keyword, schema, instance, error))]


def _required_reason(error: jsonschema.ValidationError) -> str:
    trail = list(error.schema_path)
    if "then" in trail:
        return " (required when status is 'confirmed')"
    if "else" in trail:
        return " (a record that is not 'confirmed' must list what is unknown in 'missing')"
    return ""


def _unknown_field_message(key: str, known: list[str]) -> str:
    close = difflib.get_close_matches(key, known, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"unknown field {key!r}{hint} (expected one of: {', '.join(known)})"


_TYPE_NAMES: dict[str, str] = {"string": "text", "integer": "a whole number", "number": "a number", "object": "a mapping", "array": "a list", "boolean": "true/false", "null": "nothing"}


def _message(keyword: str, schema: dict, instance: Any, error: jsonschema.ValidationError) -> str:
    found = describe_value(instance)
    expected = schema.get("x-expected")
    if keyword == "type":
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        wanted = expected or " or ".join(_TYPE_NAMES.get(str(t), str(t)) for t in types)
        return f"expected {wanted}, found {found}"
    if keyword == "enum":
        return f"expected one of {', '.join(repr(v) for v in schema['enum'])}, found {found}"
    if keyword in ("pattern", "minimum", "maximum") and expected:
        return f"expected {expected}, found {found}"
    if keyword == "minLength":
        return f"expected non-empty text, found {found}"
    if keyword == "maxItems":
        return f"expected at most {schema['maxItems']:,} items, found {len(instance):,}"
    if keyword == "maxLength" and isinstance(instance, str):
        return f"expected at most {schema['maxLength']:,} characters, found {len(instance):,}"
    if keyword == "minItems":
        return f"expected at least {schema['minItems']} item(s), found {len(instance)}"
    if keyword == "uniqueItems":
        return f"expected each item once, found duplicates in {instance!r}"
    return f"{error.message}"
