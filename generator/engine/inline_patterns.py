"""Python-Markdown's inline pass, without trying patterns that cannot match the text at hand.

Python-Markdown tries each of its inline patterns (code spans, escapes, links, images, autolinks,
line breaks, raw HTML, entities, emphasis) on every piece of text, one after another, through a
method call that does the same work whether or not the text could hold a match: on a 1,000-case
site, 1.4 million tries, most of them on plain prose, were about a seventh of MkDocs' time.

Every match of each built-in pattern contains a known piece of text (a link has '[', an entity '&',
emphasis '*' or '_'). `SkippingInlineProcessor` moves past a pattern at once when the text lacks
that piece, exactly where Python-Markdown would have found no match and moved on; otherwise it lets
Python-Markdown try the pattern as before. So the HTML is the same, byte for byte
(tests/test_inline_patterns.py converts every page of the site both ways). A pattern is skipped
only when its regular expression is the one listed here: a later Python-Markdown that changes one is
tried in full again, slower and still right.
"""

from __future__ import annotations

from typing import Any

from markdown import treeprocessors, util

# name in Python-Markdown's registry: (its regular expression, pieces of text of which every match contains one)
NEEDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "backtick": (r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)", ("`",)),
    "escape": (r"\\(.)", ("\\",)),
    "reference": (r"(?<!\!)\[", ("[",)),
    "link": (r"(?<!\!)\[", ("[",)),
    "image_link": (r"\!\[", ("![",)),
    "image_reference": (r"\!\[", ("![",)),
    "short_reference": (r"(?<!\!)\[", ("[",)),
    "short_image_ref": (r"\!\[", ("![",)),
    "autolink": (r"<([A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>", ("<",)),
    "automail": (r"<([^<> !]+@[^@<> ]+)>", ("<",)),
    "linebreak": (r"  \n", ("  \n",)),
    "html": (
        r"""(<(\/?+[a-zA-Z][^\s"'<>@]*+(?:\s+[^\s"'=<>]++(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'|[^\s"'=<>]++))?+)*+\s*+/?"""
        r"""|!--(?:(?!<!--|-->).)*--|[?](?:(?!<[?]|[?]>).)*[?]|!\[CDATA\[(?:(?!<!\[CDATA\[|\]\]>).)*\]\])>)""",
        ("<",),
    ),
    "entity": (r"(&(?:\#[0-9]+|\#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)", ("&",)),
    "em_strong": (r"\*|_", ("*", "_")),
}


def install(md: Any) -> None:
    """Put the skipping inline pass in place of Python-Markdown's own, under the same name and priority."""
    inline = md.treeprocessors["inline"] if "inline" in md.treeprocessors else None  # noqa: SIM401 (its Registry has no get())
    if type(inline) is not treeprocessors.InlineProcessor:  # another extension's: left alone
        return
    # The registry keeps priorities only privately; a Python-Markdown without them keeps its own pass.
    priorities = getattr(md.treeprocessors, "_priority", ())
    priority = next((item.priority for item in priorities if item.name == "inline"), None)
    if priority is not None:
        md.treeprocessors.register(SkippingInlineProcessor(md), "inline", priority)


def needs_of(md: Any) -> dict[int, tuple[str, ...]]:
    """For each pattern that may be skipped (by its id): the pieces of text of which every match holds one."""
    found: dict[int, tuple[str, ...]] = {}
    patterns = md.inlinePatterns
    for name, (expression, pieces) in NEEDS.items():
        if name in patterns and _expression(patterns[name]) == expression:
            found[id(patterns[name])] = pieces
    return found


def _expression(pattern: Any) -> str:
    compiled = getattr(pattern, "compiled_re", None)
    return compiled.pattern if compiled is not None else ""


class SkippingInlineProcessor(treeprocessors.InlineProcessor):
    def __init__(self, md: Any) -> None:
        super().__init__(md)
        self._plan = self._planned()

    def run(self, tree, ancestors=None):
        # Extensions register their patterns when the converter is made, before install(); MkDocs'
        # per-page processors are tree passes. So the plan is made again only if the patterns changed.
        if len(self._plan) != len(self.inlinePatterns) or any(mine is not theirs for (mine, _), theirs in zip(self._plan, self.inlinePatterns, strict=True)):
            self._plan = self._planned()
        return super().run(tree, ancestors)

    def _planned(self) -> list[tuple[Any, tuple[str, ...] | None]]:
        """The patterns in the registry's order, as Python-Markdown walks them by index, each with
        what every match of it contains (None: always tried)."""
        needs = needs_of(self.md)
        return [(pattern, needs.get(id(pattern))) for pattern in self.inlinePatterns]

    # Python-Markdown's InlineProcessor.__handleInline (3.x), under its mangled name so that the
    # parent's calls reach it, with the one test added.
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if isinstance(data, util.AtomicString):
            return data
        apply = self._InlineProcessor__applyPattern
        plan = self._plan
        start = 0
        while patternIndex < len(plan):
            pattern, pieces = plan[patternIndex]
            if pieces is not None and not any(piece in data for piece in pieces):
                patternIndex, start = patternIndex + 1, 0  # as when Python-Markdown finds no match
                continue
            data, matched, start = apply(pattern, data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data
