"""The control site: what Material itself costs per page on this machine, built beside ours.

As many plain Markdown pages as our site has, each with about as many words of Markdown as our
pages carry on average (front matter and finished-HTML blocks left out, except the words of those
that search reads, which were Markdown lists before), a few headings, a list and five links to
other pages (one with an anchor). The pages stay out of the navigation as our record
pages do; the navigation itself has the shape of ours (the same entries, each a plain page), since
Material draws it on every page. The site uses our mkdocs.yml's theme settings (features, palette,
no web fonts) and Markdown extensions, with Material's search and nothing of ours: no overrides, no
plugins, no extra CSS or JavaScript. MkDocs builds it on one core, as it always does.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import yaml

from synth import WORDS

SPLICED = re.compile(r"<!--smf:html-->.*?<!--/smf:html-->", re.S)  # finished HTML that search skips (drawings, citations)
INDEXED = re.compile(r"<!--smf:html indexed-->(.*?)<!--/smf:html-->", re.S)  # finished HTML that search reads (lists of facts)
TAG = re.compile(r"<[^>]*>")
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


def words_per_page(docs: Path) -> tuple[int, int]:
    """How many Markdown pages the docs tree holds, and their mean number of words of Markdown."""
    pages = list(docs.rglob("*.md"))
    total = 0
    for path in pages:
        text = SPLICED.sub("", FRONT_MATTER.sub("", path.read_text(encoding="utf-8")))
        text = INDEXED.sub(lambda block: TAG.sub(" ", block.group(1)), text)  # its words count, not its tags
        total += len(text.split())
    return len(pages), round(total / max(1, len(pages)))


def make_control(repo: Path, target: Path, pages: int, words: int, seed: int = 11) -> None:
    rng = random.Random(seed)
    config = yaml.load((repo / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    theme = dict(config["theme"])
    theme.pop("custom_dir", None)
    control = {
        "site_name": "Control",
        "site_url": "https://example.org/",
        "docs_dir": "docs",
        "use_directory_urls": True,
        "strict": True,
        "theme": theme,
        "nav": config.get("nav", ["index.md"]),
        "not_in_nav": "/p/*.md\n",
        "validation": config.get("validation", {}),
        "plugins": ["search"],
        "markdown_extensions": config.get("markdown_extensions", []),
    }
    target.mkdir(parents=True, exist_ok=True)
    (target / "mkdocs.yml").write_text(yaml.safe_dump(control, sort_keys=False, allow_unicode=True), encoding="utf-8")
    docs = target / "docs" / "p"
    docs.mkdir(parents=True, exist_ok=True)
    in_nav = sorted(set(_nav_pages(control["nav"])) | {"index.md"})
    names = [f"page-{n:05d}" for n in range(max(1, pages - len(in_nav)))]
    for path in in_nav:
        up = "../" * path.count("/")
        (target / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
        (target / "docs" / path).write_text(f"# {path}\n\n" + "\n".join(f"- [{n}]({up}p/{n}.md)" for n in names[:50]) + "\n", encoding="utf-8")
    for name in names:
        (docs / f"{name}.md").write_text(_page(rng, name, names, words), encoding="utf-8")


def _nav_pages(items) -> list[str]:
    out = []
    for item in items if isinstance(items, list) else [items]:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                out += _nav_pages(value)
    return out


def _page(rng: random.Random, name: str, names: list[str], words: int) -> str:
    def text(count: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(count)).capitalize() + "."

    links = [f"[{other}]({other}.md)" for other in rng.sample(names, min(4, len(names)))] + [f"[method]({rng.choice(names)}.md#method)"]
    body = max(40, words - 40)
    parts = [
        f"# {text(8)}\n\n{text(body // 4)} {links[0]}\n\n",
        f"## Method\n\n{text(body // 4)} {links[1]}\n\n",
        "## Findings\n\n" + "".join(f"- {text(body // 16)} {link}\n" for link in links[2:]) + "\n",
        f"## Notes\n\n{text(body // 4)}\n",
    ]
    return "".join(parts)


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])
