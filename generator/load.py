"""Stage 1, load: YAML files → plain values that remember the file:line:column of every key and value.

We compose the YAML node tree with libyaml (when present) and build Python values ourselves,
so that we can refuse what PyYAML would silently accept: duplicate keys, aliases (and with them
"billion laughs" bombs and cycles), Python-object tags, merge keys and non-text keys. Timestamps
stay text; the validator checks dates against the calendar.
"""

from __future__ import annotations

import difflib
import errno
import functools
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Diagnostic, RecordError
from .kinds import BY_SOURCE, KIND_LIST

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 40
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_SCALAR_TAGS = {
    "tag:yaml.org,2002:str": None,
    "tag:yaml.org,2002:int": _CONSTRUCTOR.construct_yaml_int,
    "tag:yaml.org,2002:float": _CONSTRUCTOR.construct_yaml_float,
    "tag:yaml.org,2002:bool": _CONSTRUCTOR.construct_yaml_bool,
    "tag:yaml.org,2002:null": _CONSTRUCTOR.construct_yaml_null,
    "tag:yaml.org,2002:timestamp": None,
}
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"

FieldPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Position:
    line: int
    column: int


@dataclass
class SourceFile:
    """One loaded YAML file: its data and where each value (and each key) stands in the text."""

    path: str
    data: Any
    value_positions: dict[FieldPath, Position] = field(default_factory=dict)
    key_positions: dict[FieldPath, Position] = field(default_factory=dict)
    # The text of a file loaded without positions; they are worked out from it when first asked for.
    unlocated_text: str | None = field(default=None, repr=False, compare=False)
    # What validate.py found checking this file on its own, kept with it (and with the parsed files
    # between builds, source_cache.py) so that a rebuild checks again only the files that changed.
    checked: Any = field(default=None, repr=False, compare=False)

    @functools.cached_property
    def stem(self) -> str:
        return Path(self.path).stem

    def position(self, path: FieldPath) -> Position:
        """Where to point an editor for a field: its key, its value, or the nearest enclosing one."""
        if self.unlocated_text is not None:
            text, self.unlocated_text = self.unlocated_text, None
            node = yaml.compose(text, Loader=_LOADER)
            if node is not None:
                _build(node, (), self, set())
        while True:
            if path in self.key_positions:
                return self.key_positions[path]
            if path in self.value_positions:
                return self.value_positions[path]
            if not path:
                return Position(1, 1)
            path = path[:-1]

    def diagnostic(self, path: FieldPath, message: str) -> Diagnostic:
        where = self.position(path)
        return Diagnostic(self.path, where.line, where.column, field_name(path), message)


def field_name(path: FieldPath) -> str:
    """`('lessons', 2)` → `lessons[2]`; `()` → `(record)`."""
    text = ""
    for part in path:
        if not isinstance(part, int) and not (part.isprintable() and part.strip() == part and part):
            part = repr(part)  # a key with spaces or control characters is quoted: a diagnostic stays one line
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "(record)"


def load_file(path: Path, display_path: str, within: Path | None = None) -> SourceFile:
    """Read and parse one YAML file; raise RecordError with a single located diagnostic on failure."""

    def fail(line: int, column: int, where: str, message: str) -> RecordError:
        return RecordError([Diagnostic(display_path, line, column, where, message)])

    try:
        raw = read_project_file(path, MAX_FILE_BYTES, within)
    except FileProblem as refused:
        raise fail(1, 1, "(file)", str(refused)) from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raise fail(1, 1, "(encoding)", "expected UTF-8 without a byte-order mark, found a byte-order mark; save the file as plain UTF-8")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise fail(line, column, "(encoding)", f"expected UTF-8 text, found the byte 0x{raw[error.start]:02x} which is not UTF-8") from None
    if "\x00" in text:
        raise fail(1, 1, "(encoding)", "expected text, found a NUL character (is this a binary file?)")
    data = _plain_mapping(text)
    if data is not _UNUSUAL:
        return SourceFile(display_path, data, unlocated_text=text)
    try:
        documents = list(yaml.compose_all(text, Loader=_LOADER))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = (error.problem or "invalid YAML").strip()
        if mark and text[mark.index : mark.index + 1] == "\t" and "tab" not in problem:
            problem += " (a tab character: indent with spaces)"  # libyaml does not name the character
        context = f" ({error.context.strip()})" if error.context else ""
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise fail(line, column, "(yaml)", f"expected valid YAML, found a syntax error: {problem}{context}") from None
    except yaml.reader.ReaderError as error:
        at = min(error.position, len(text))
        line, column = text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1
        code = ord(error.character) if isinstance(error.character, str) else int(error.character)
        raise fail(line, column, "(encoding)", f"expected printable text, found the control character U+{code:04X}") from None
    except yaml.YAMLError as error:
        raise fail(1, 1, "(yaml)", "expected valid YAML, found: " + " ".join(str(error).split())) from None
    documents = [doc for doc in documents if doc is not None]
    if not documents:
        raise fail(1, 1, "(file)", "expected a mapping of fields, found an empty file")
    if len(documents) > 1:
        second = documents[1].start_mark
        raise fail(second.line + 1, second.column + 1, "(file)", "expected one YAML document, found several (remove the '---' separator)")
    source = SourceFile(display_path, None)
    try:
        source.data = _build(documents[0], (), source, set())
    except _AliasUsed as alias:
        used_at = _first_alias_position(text)
        raise fail(used_at.line, used_at.column, field_name(alias.path), "expected plain values, found a YAML alias (*name); anchors and aliases are not allowed in records") from None
    return source


class FileProblem(Exception):
    """A path that is not a regular file of reasonable size inside the project; the message says what it is."""


def read_project_file(path: Path, limit: int, within: Path | None = None) -> bytes:
    """The bytes of a regular file, read without following a link out of `within` (the project root)
    and without ever blocking: a FIFO, a device, a socket, a folder, a broken or looping symbolic link, a link
    that leaves the project (to /proc/self/environ, say) or a file over `limit` bytes is refused.

    The file is opened with O_NONBLOCK and checked with fstat on the open descriptor, so a file
    swapped for a FIFO between a check and the open cannot hang the build either.
    """
    # Only a link needs resolving: callers check once that the folders they list are inside the
    # project (a realpath per file was a third of the load stage at 25,000 files).
    if not os.path.islink(path):
        return _read_regular(path, limit)
    try:
        real = Path(os.path.realpath(path, strict=True))
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise FileProblem("expected a regular file, found a symbolic link that loops") from None
        if error.errno == errno.ENOENT and os.path.islink(path):
            raise FileProblem("expected a regular file, found a broken symbolic link") from None
        raise FileProblem(f"expected a readable file, found an error: {error.strerror}") from None
    if within is not None:
        base = Path(os.path.realpath(within))
        if not real.is_relative_to(base):
            raise FileProblem("expected a file inside the project, found a symbolic link to a file outside it; copy the file in instead")
    return _read_regular(real, limit)


def folder_outside(folder: Path, within: Path) -> bool:
    """Whether a folder (reached through links or not) lies outside the project."""
    return not Path(os.path.realpath(folder)).is_relative_to(os.path.realpath(within))


def _read_regular(path: Path, limit: int) -> bytes:
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        if error.errno in (errno.ELOOP, errno.EMLINK):
            raise FileProblem("expected a regular file, found a symbolic link (it changed while being read)") from None
        raise FileProblem(f"expected a readable file, found an error: {error.strerror}") from None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise FileProblem(f"expected a regular file, found {_file_type(status.st_mode)}")
        if status.st_size > limit:
            raise FileProblem(f"expected a file under {limit:,} bytes, found {status.st_size:,} bytes")
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(descriptor, min(limit + 1 - size, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:  # it grew while being read
            raise FileProblem(f"expected a file under {limit:,} bytes, found more")
        return b"".join(chunks)
    except OSError as error:
        raise FileProblem(f"expected a readable file, found an error: {error.strerror}") from None
    finally:
        os.close(descriptor)


def _file_type(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "something that is not a file"


_UNUSUAL = object()


def _plain_mapping(text: str) -> Any:
    """The common case, fast: one document holding a mapping of plain values, built straight from the
    parser's events, without node objects and without positions (at 10,000 records they made up half
    of the load time and most of its memory). Anything else — a syntax error, an anchor or alias, a
    tag, a repeated or non-text key, several documents, deep nesting — returns _UNUSUAL, and the full
    path above judges the file and locates every problem."""
    loader = _LOADER(text)
    try:
        next_event = loader.get_event
        if not isinstance(next_event(), yaml.StreamStartEvent) or not isinstance(next_event(), yaml.DocumentStartEvent):
            return _UNUSUAL
        first = next_event()
        if not isinstance(first, yaml.MappingStartEvent):
            return _UNUSUAL
        data = _plain_value(first, next_event, loader.resolve, 0)
        if data is _UNUSUAL or not isinstance(next_event(), yaml.DocumentEndEvent) or not isinstance(next_event(), yaml.StreamEndEvent):
            return _UNUSUAL
        return data
    except yaml.YAMLError:
        return _UNUSUAL
    finally:
        loader.dispose()


_STR_TAG = "tag:yaml.org,2002:str"
# The resolver tries patterns only on plain scalars, by first character; quoted text, block text and
# words starting with other characters are text without asking it (most values of a record).
_PATTERN_STARTS = frozenset(key for key in _LOADER.yaml_implicit_resolvers if key is not None)
_RESOLVER_IS_PLAIN = None not in _LOADER.yaml_implicit_resolvers and not _LOADER.yaml_path_resolvers


def _scalar_tag(value: str, implicit: tuple[bool, bool], resolve) -> str:
    if _RESOLVER_IS_PLAIN and (not implicit[0] or (value and value[0] not in _PATTERN_STARTS)):
        return _STR_TAG
    return resolve(yaml.ScalarNode, value, implicit)


def _plain_value(event: Any, next_event, resolve, depth: int) -> Any:  # a yaml.Event; scalars carry value and implicit
    # The same tags and constructors as _build, so a file gets the same data on either path.
    if event.anchor is not None or getattr(event, "tag", None) not in (None, "!") or depth >= MAX_DEPTH:
        return _UNUSUAL
    kind = type(event)
    if kind is yaml.ScalarEvent:
        tag = _scalar_tag(event.value, event.implicit, resolve)
        if tag not in _SCALAR_TAGS:
            return _UNUSUAL
        construct = _SCALAR_TAGS[tag]
        if construct is None:
            return event.value
        return _scalar(construct, yaml.ScalarNode(tag, event.value))
    if kind is yaml.SequenceStartEvent:
        items = []
        while type(event := next_event()) is not yaml.SequenceEndEvent:
            item = _plain_value(event, next_event, resolve, depth + 1)
            if item is _UNUSUAL:
                return _UNUSUAL
            items.append(item)
        return items
    if kind is not yaml.MappingStartEvent:
        return _UNUSUAL  # an alias
    mapping: dict[str, Any] = {}
    while type(key := next_event()) is not yaml.MappingEndEvent:
        if type(key) is not yaml.ScalarEvent or key.anchor is not None or key.tag not in (None, "!") or key.value in mapping:
            return _UNUSUAL
        if _scalar_tag(key.value, key.implicit, resolve) != _STR_TAG:
            return _UNUSUAL
        value = _plain_value(next_event(), next_event, resolve, depth + 1)
        if value is _UNUSUAL:
            return _UNUSUAL
        mapping[key.value] = value
    return mapping


def _scalar(construct, node: yaml.ScalarNode) -> Any:
    """A number, true/false or null; text when it is none of these, or a number too big to be one a
    record means (a hex literal of thousands of digits): the schema then reports it as text."""
    try:
        value = construct(node)
    except (ValueError, yaml.YAMLError):
        return node.value
    if type(value) is int and value.bit_length() > 64:
        return node.value
    return value


class _AliasUsed(Exception):
    def __init__(self, path: FieldPath):
        self.path = path


def _first_alias_position(text: str) -> Position:
    """Where the first `*name` stands. The composed node of an alias is its anchor's, which carries the anchor's position."""
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, yaml.AliasEvent) and event.start_mark:
            return Position(event.start_mark.line + 1, event.start_mark.column + 1)
    return Position(1, 1)


def _position(node: yaml.Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


def _build(node: yaml.Node, path: FieldPath, source: SourceFile, seen: set[int]) -> Any:
    def fail(message: str, at: yaml.Node = node, at_path: FieldPath = path) -> RecordError:
        where = _position(at)
        return RecordError([Diagnostic(source.path, where.line, where.column, field_name(at_path), message)])

    if id(node) in seen:
        # Document order: the first node met twice is the first alias in the text (load_file locates it).
        raise _AliasUsed(path)
    if len(path) > MAX_DEPTH:
        raise fail(f"expected at most {MAX_DEPTH} levels of nesting, found more")
    seen.add(id(node))
    source.value_positions[path] = _position(node)
    if isinstance(node, yaml.ScalarNode):
        if node.tag not in _SCALAR_TAGS:
            raise fail(f"expected a plain value, found the YAML tag {node.tag!r}; tags are not allowed in records")
        construct = _SCALAR_TAGS[node.tag]
        return node.value if construct is None else _scalar(construct, node)
    if isinstance(node, yaml.SequenceNode):
        if node.tag != _SEQ_TAG:
            raise fail(f"expected a plain list, found the YAML tag {node.tag!r}; tags are not allowed in records")
        return [_build(item, path + (index,), source, seen) for index, item in enumerate(node.value)]
    if node.tag != _MAP_TAG:
        raise fail(f"expected a plain mapping, found the YAML tag {node.tag!r}; tags are not allowed in records")
    mapping: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in ("tag:yaml.org,2002:str",):
            shown = getattr(key_node, "value", "?")
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise fail("expected field names, found a merge key '<<'; merge keys are not allowed in records", key_node)
            raise fail(f"expected a field name (text), found {shown!r}", key_node)
        key = key_node.value
        if key in mapping:
            first = source.key_positions[path + (key,)]
            raise fail(f"expected each field once, found {key!r} again (first at line {first.line})", key_node, path + (key,))
        source.key_positions[path + (key,)] = _position(key_node)
        mapping[key] = _build(value_node, path + (key,), source, seen)
    return mapping


# The layout of sources/: singletons hold lists of records, folders hold one record per file.
SINGLE_FILES = {kind.source: kind.file for kind in KIND_LIST if kind.file}
RECORD_FOLDERS = {kind.source: kind.folder for kind in KIND_LIST if kind.folder}


@dataclass
class LoadedSources:
    """Every file of sources/, parsed, grouped by the kind of record it holds."""

    root: Path
    files: dict[str, list[SourceFile]] = field(default_factory=dict)

    def of_kind(self, kind: str) -> list[SourceFile]:
        return self.files.get(kind, [])


# Parsed files by display path, with the file's stamp when parsed: modification and change times,
# size and inode (the change time cannot be set back by copying tools, as the modification time can).
LoadCache = dict[str, tuple[tuple[int, ...], SourceFile]]


def load_sources(root: Path, display_root: str = "sources", cache: LoadCache | None = None) -> tuple[LoadedSources, list[Diagnostic]]:
    """Load every record file under root. Files that cannot be parsed become diagnostics, not exceptions.

    Every name in sources/ must be one the layout knows: a misspelled folder or file, a '.YAML' file
    or a folder inside a record folder is reported, never silently skipped (its records would
    vanish from the site). Hidden names and editors' backup files (name~, #name#) are ignored.

    With a `cache` (kept by `smf serve` from one save to the next), a file whose modification time
    and size are unchanged is not read again; the cache is updated in place.
    """
    loaded = LoadedSources(root)
    problems: list[Diagnostic] = []
    project = root.parent

    def take(kind: str, path: Path, display: str | None = None) -> None:
        display = display or f"{display_root}/{path.relative_to(root).as_posix()}"
        stamp = None
        if cache is not None:
            try:
                status = os.stat(path)
                stamp = (status.st_mtime_ns, status.st_ctime_ns, status.st_size, status.st_ino)
            except OSError:
                stamp = None  # load_file says what is wrong
            known = cache.get(display)
            if stamp and known and known[0] == stamp:
                loaded.files.setdefault(kind, []).append(known[1])
                return
        try:
            source = load_file(path, display, project)
        except RecordError as error:
            problems.extend(error.diagnostics)
            return
        loaded.files.setdefault(kind, []).append(source)
        if cache is not None and stamp is not None:
            cache[display] = (stamp, source)

    def unexpected(display: str, found: str, known: list[str]) -> None:
        name = display.rsplit("/", 1)[-1]
        close = difflib.get_close_matches(name.lower(), known, n=1, cutoff=0.7)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        problems.append(Diagnostic(display, 1, 1, "(file name)", f"expected one of {', '.join(known)}, found {found} {name!r}{hint}"))

    if folder_outside(root, project):
        return loaded, [Diagnostic(display_root, 1, 1, "(file)", "expected a folder inside the project, found a link to a folder outside it")]
    top_level = {*SINGLE_FILES.values(), *RECORD_FOLDERS.values(), "recommendations"}
    for name in _listing(root):
        path = root / name
        if name not in top_level:
            unexpected(f"{display_root}/{name}", "the folder" if path.is_dir() else "the file", sorted(top_level))
    for kind, name in SINGLE_FILES.items():
        path = root / name
        if os.path.lexists(path):
            take(kind, path)
        elif kind == "recommendations" and (root / "recommendations").is_dir():
            _take_folder(root / "recommendations", f"{display_root}/recommendations", kind, take, problems)
        elif BY_SOURCE[kind].required:
            problems.append(Diagnostic(f"{display_root}/{name}", 1, 1, "(file)", "expected this file to exist, found nothing"))
    for kind, folder in RECORD_FOLDERS.items():
        directory = root / folder
        if directory.is_dir():
            _take_folder(directory, f"{display_root}/{folder}", kind, take, problems)
        elif os.path.lexists(directory):
            problems.append(Diagnostic(f"{display_root}/{folder}", 1, 1, "(file name)", f"expected a folder of record files, found {_describe_path(directory)}"))
    return loaded, problems


def _listing(folder: Path) -> list[str]:
    """The names in a folder that the loader looks at, sorted (one scandir: a Path per file, sorted and
    stat'ed, cost a second at 25,000 files)."""
    with os.scandir(folder) as entries:
        return sorted(entry.name for entry in entries if not (entry.name.startswith((".", "#")) or entry.name.endswith("~")))


def _take_folder(directory: Path, display_folder: str, kind: str, take, problems: list[Diagnostic]) -> None:
    if os.path.islink(directory):
        problems.append(Diagnostic(display_folder, 1, 1, "(file)", "expected a folder, found a symbolic link to one; move the folder here instead"))
        return
    for name in _listing(directory):
        display = f"{display_folder}/{name}"
        if name.endswith(".yaml"):
            take(kind, directory / name, display)
        elif name.lower().endswith((".yaml", ".yml")):
            problems.append(Diagnostic(display, 1, 1, "(file name)", f"expected the extension .yaml (lowercase), found {name.rsplit('.', 1)[1]!r}; rename the file"))
        else:
            problems.append(Diagnostic(display, 1, 1, "(file name)", f"expected a record file ending in .yaml, found {_describe_path(directory / name)} {name!r}; records in a folder are not read"))


def _describe_path(path: Path) -> str:
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return "something unreadable"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return "a file" if stat.S_ISREG(mode) else _file_type(mode)
