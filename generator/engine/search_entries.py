"""Material's search index, written without holding its entries: smf-build hands each page's
entries over as the page is built, and they go to disk at once, in page order."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError


def encode_entries(entries: list) -> str:
    """Entries as the index file holds them: as json.dumps writes each entry of the index
    (material/plugins/search/plugin.py), separated by commas."""
    return ",".join(json.dumps(entry, separators=(",", ":"), default=str) for entry in entries)


class SearchEntries:
    """Material's search entries, as the JSON its index holds them in, on disk as pages are built:
    at 10,000 case studies the index is 59 MB of JSON, more as Python objects, and Material's
    json.dumps made one more copy of it, and its UTF-8 bytes another, while writing it."""

    def __init__(self, folder: Path):
        self.path = folder / f".search-entries.{os.getpid()}"
        self.stream = open(self.path, "wb")  # noqa: SIM115 (closed by write_into)
        self.started = False  # an entry is written: the next goes after a comma

    def add(self, text: str) -> None:
        """One page's entries, as encode_entries() gave them."""
        if text:
            self.stream.write(("," + text if self.started else text).encode("utf-8"))
            self.started = True

    def write_into(self, index_file: Path) -> None:
        """Put the entries into the index Material wrote, whose list of entries is empty."""
        self.stream.close()
        try:
            written = index_file.read_text(encoding="utf-8")
            if not written.endswith(',"docs":[]}'):
                raise PluginError(f"smf-build: the search index does not end as expected: {written[-60:]!r}")
            temporary = index_file.with_name(f".{index_file.name}.{os.getpid()}")
            with open(temporary, "wb") as out, open(self.path, "rb") as entries:
                out.write(written[: -len("]}")].encode("utf-8"))
                shutil.copyfileobj(entries, out, 1 << 20)
                out.write(b"]}")
            os.replace(temporary, index_file)
        finally:
            self.discard()

    def discard(self) -> None:
        self.stream.close()
        self.path.unlink(missing_ok=True)
