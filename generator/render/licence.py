"""The licence of the records and downloads, named in one place for the pages, the files and the JSON-LD.

CC BY 4.0: anyone may copy, adapt and republish the data, commercially too, as long as they credit
the site. It is a licence open-data portals and dataset search engines recognise by name, and it asks
of a reuser only what a citation already gives.
The generator's code is MIT-licensed (pyproject.toml); LICENSE-DATA in the repository holds this notice.
"""

from __future__ import annotations

from ..model import Publication

DATA_LICENCE_NAME = "CC BY 4.0"
DATA_LICENCE_TITLE = "Creative Commons Attribution 4.0 International"
DATA_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
DATA_LICENCE_SPDX = "CC-BY-4.0"


def release_line(publication: Publication) -> str:
    """One line naming the build (its date and version) and the licence, for the downloads' headers."""
    return f"Built {publication.built or 'on an unknown date'}, version {publication.version or 'unknown'}. Licence: {DATA_LICENCE_NAME} ({DATA_LICENCE_URL})."
