"""What smf-build keeps of each page between builds, in one file instead of one file per page.

Creating a file costs about a quarter of a millisecond on these machines, and opening one a tenth:
two small files per page (what conversion learnt, what rendering gave search) were a fifth of a
rebuild from the cache at 1,000 case studies. A store is a data file of pickled values one after
another, and an index of where each is. A build reads the last store's values by seeking, writes
the values it used (new or carried over, as raw bytes) to a new data file, and then replaces the
index in one step: a build that stops half-way leaves the last store as it was.
"""

from __future__ import annotations

import os
import pickle
import secrets
from pathlib import Path
from typing import Any

INDEX = "pages.index"
FLUSH_BYTES = 4 * 1024 * 1024


class PageStore:
    def __init__(self, folder: Path):
        self.folder = folder
        self._old_name, self._old_entries = self._read_index()
        self._old = self._open(self._old_name)
        if self._old is not None:  # a data file cut short: what is not wholly in it is not in the store
            size = os.fstat(self._old.fileno()).st_size
            self._old_entries = {key: where for key, where in self._old_entries.items() if where[0] + where[1] <= size}
        self._new_name = f"pages-{secrets.token_hex(6)}.data"
        # Unbuffered, and buffered here instead (one write a few hundred pages, not one a page): a
        # buffer inside the file object would be copied into each forked worker, and could be written
        # twice. The build flushes before it forks (flush()), and only this process writes.
        self._new = open(folder / self._new_name, "wb", buffering=0)  # noqa: SIM115 (closed by finish or abandon)
        self._buffer = bytearray()
        self._written = 0  # bytes of the data file already on disk; the buffer comes after them
        self._owner = os.getpid()
        self._new_entries: dict[str, tuple[int, int]] = {}
        self._last: tuple[str, bytes] | None = None
        self._reader: tuple[int, Any] | None = None  # (process, stream) reading what this build wrote

    def __contains__(self, key: str) -> bool:
        return key in self._old_entries and self._old is not None

    def get(self, key: str) -> Any:
        """The value the last build kept under key, or None. This build keeps it only if told to (keep)."""
        where = self._old_entries.get(key)
        if where is None or self._old is None:
            return None
        try:
            data = self._read_bytes(self._old, where)
            value = pickle.loads(data)
        except (OSError, EOFError, ValueError, pickle.UnpicklingError):
            return None
        self._last = key, data
        return value

    def keep(self, key: str) -> None:
        """Keep the last build's value under key (just read with get) for the next build too."""
        if self._last is not None and self._last[0] == key:
            self._append(key, self._last[1])
        elif (where := self._old_entries.get(key)) is not None and self._old is not None:
            self._append(key, self._read_bytes(self._old, where))

    def read_fresh(self, key: str) -> Any:
        """The value this build put or kept under key (also in a process forked from the one writing,
        after a flush())."""
        if os.getpid() == self._owner:
            self.flush()
        if self._reader is None or self._reader[0] != os.getpid():
            self._reader = os.getpid(), open(self.folder / self._new_name, "rb")  # noqa: SIM115 (one per process, for the build)
        return pickle.loads(self._read_bytes(self._reader[1], self._new_entries[key]))

    def put(self, key: str, value: Any) -> None:
        self._append(key, pickle.dumps(value, pickle.HIGHEST_PROTOCOL))

    def flush(self) -> None:
        """Write what is buffered to the data file."""
        data = memoryview(self._buffer)
        while data:
            data = data[self._new.write(data) :]
        self._written += len(self._buffer)
        self._buffer = bytearray()

    def finish(self) -> None:
        """Make what this build kept the store; the last build's values that it did not use go."""
        self.flush()
        self._new.close()
        index = pickle.dumps({"data": self._new_name, "entries": self._new_entries}, pickle.HIGHEST_PROTOCOL)
        temporary = self.folder / f".{INDEX}.{os.getpid()}"
        temporary.write_bytes(index)
        os.replace(temporary, self.folder / INDEX)
        self._close_old()
        for entry in os.scandir(self.folder):
            if entry.name.endswith(".data") and entry.name != self._new_name:
                os.unlink(entry.path)

    def abandon(self) -> None:
        """A failed build: the last store stays; what this one began is removed."""
        self._buffer = bytearray()
        self._new.close()
        self._close_old()
        (self.folder / self._new_name).unlink(missing_ok=True)

    def _read_index(self) -> tuple[str | None, dict[str, tuple[int, int]]]:
        try:
            index = pickle.loads((self.folder / INDEX).read_bytes())
            return index["data"], index["entries"]
        except (OSError, EOFError, ValueError, KeyError, TypeError, pickle.UnpicklingError):
            return None, {}

    def _open(self, name: str | None):
        if name is None:
            return None
        try:
            return open(self.folder / name, "rb")
        except OSError:
            return None

    def _close_old(self) -> None:
        if self._old is not None:
            self._old.close()
            self._old = None
        if self._reader is not None and self._reader[0] == os.getpid():
            self._reader[1].close()
        self._reader = None

    def _append(self, key: str, data: bytes) -> None:
        self._new_entries[key] = (self._written + len(self._buffer), len(data))
        self._buffer += data
        if len(self._buffer) >= FLUSH_BYTES:
            self.flush()

    @staticmethod
    def _read_bytes(stream, where: tuple[int, int]) -> bytes:
        offset, length = where
        stream.seek(offset)
        data = stream.read(length)
        if len(data) != length:
            raise EOFError("the store's data file is shorter than its index says")
        return data
