"""Synthetic but valid record sets of any size, shaped like the real ones, for the benchmark.

Everything is derived from a seeded random generator, so the same size gives the same files on
every machine. The proportions follow the real records where they scale and stay fixed where the
real site is a fixed list (stakeholder groups, tags):

- organizations: one per 10 case studies (at least 20); about half are supporters;
- references: each case study has its own primary page, plus one shared secondary source per two
  case studies (press, papers, blog posts), each about two case studies and citing a third's page;
- recommendations: one per 25 case studies (at least 12), spread over the four stakeholder groups;
- collections: one batch per 50 case studies (at least 3).

Text lengths follow the real records: a summary of 4 to 8 sentences (~600 characters), two or three
lessons, titles of 6 to 12 words; one title or name in ten goes beyond ASCII. A few records carry
what the renderers must escape (`<script>`, Markdown specials), former ids (redirect pages),
conflicts and missing facts.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

WORDS = [
    "synthetic",
    "media",
    "disclosure",
    "consent",
    "label",
    "watermark",
    "provenance",
    "audience",
    "platform",
    "creator",
    "builder",
    "distributor",
    "policy",
    "newsroom",
    "video",
    "audio",
    "image",
    "voice",
    "avatar",
    "model",
    "dataset",
    "training",
    "release",
    "review",
    "harm",
    "risk",
    "trust",
    "transparency",
    "metadata",
    "credential",
    "signal",
    "detection",
    "classifier",
    "guidance",
    "practice",
    "framework",
    "partner",
    "case",
    "study",
    "lesson",
    "public",
    "editorial",
    "team",
    "product",
    "user",
    "viewer",
    "research",
    "election",
    "campaign",
    "satire",
    "parody",
    "documentary",
    "interview",
    "anonymity",
    "identity",
    "likeness",
    "permission",
    "archive",
    "broadcast",
    "stream",
    "feed",
    "upload",
    "moderation",
    "appeal",
    "context",
    "notice",
    "caption",
    "banner",
]
STAKEHOLDERS = ("builders", "creators", "distributors", "all-organizations")
TAGS = ("consent", "transparency", "direct-disclosure", "indirect-disclosure", "provenance", "labels", "anonymization", "creative-use", "harm", "elections", "detection", "policy", "research", "voice")
ROLES = ("builder", "creator", "distributor", "analysis")
KINDS = ("company", "media", "nonprofit", "academic", "government", "funder", "other")
REF_TYPES = ("webpage", "report", "paper", "press-release", "blog", "news-article", "event")


@dataclass(frozen=True)
class Shape:
    """How many records of each kind a set with `cases` case studies holds."""

    cases: int

    @property
    def organizations(self) -> int:
        return max(20, self.cases // 10)

    @property
    def shared_references(self) -> int:
        return max(10, self.cases // 2)

    @property
    def recommendations(self) -> int:
        return max(12, self.cases // 25)

    @property
    def collections(self) -> int:
        return max(3, self.cases // 50)

    def as_dict(self) -> dict[str, int]:
        return {
            "case_studies": self.cases,
            "organizations": self.organizations,
            "references": self.cases + self.shared_references,
            "recommendations": self.recommendations,
            "collections": self.collections,
        }


class _Text:
    """Seeded filler text with the lengths of the real records."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def words(self, low: int, high: int) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(self.rng.randint(low, high)))

    def title(self) -> str:
        # One title in ten has a typographic dash, as real titles do: text beyond ASCII takes more
        # memory in Python and must survive every escaping step.
        title = self.words(6, 12).capitalize()
        return title.replace(" ", " – ", 1) if self.rng.random() < 0.1 else title

    def name(self) -> str:
        name = self.words(1, 3).title()
        return name + " Förderverein" if self.rng.random() < 0.1 else name

    def sentence(self) -> str:
        return self.words(10, 20).capitalize() + "."

    def paragraph(self, low: int, high: int) -> str:
        return "\n".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    def slug(self, count: int = 3) -> str:
        return "-".join(self.rng.choice(WORDS) for _ in range(count))


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """Block style like the hand-written records: multi-line text as `|` blocks, short text plain."""


_Dumper.add_representer(str, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None))


def _yaml(data: dict, kind: str) -> str:
    header = f"# yaml-language-server: $schema=../../generator/schemas/{kind}.schema.json\n"
    return header + yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def write_records(sources: Path, cases: int, seed: int = 7) -> dict[str, int]:
    """Write a complete, valid sources/ folder with `cases` case studies; return the record counts."""
    if sources.exists():
        shutil.rmtree(sources)
    for folder in ("case-studies", "organizations", "references"):
        (sources / folder).mkdir(parents=True)
    rng = random.Random(seed)
    text = _Text(rng)
    shape = Shape(cases)

    orgs = ["partnership-on-ai"] + [f"org-{i:05d}-{text.slug(2)}" for i in range(shape.organizations - 1)]
    case_ids = [f"case-{i:05d}-{text.slug()}" for i in range(cases)]
    case_refs = [f"page-{case_id}" for case_id in case_ids]
    shared = [f"source-{i:05d}-{text.slug(2)}" for i in range(shape.shared_references)]
    recs = [f"{STAKEHOLDERS[i % 4]}-{text.slug(2)}-{i}" for i in range(shape.recommendations)]
    collections = [f"batch-{i:04d}" for i in range(shape.collections)]
    case_org = {case_id: orgs[1 + i % (len(orgs) - 1)] for i, case_id in enumerate(case_ids)}

    # A record's first source is never weak, so that no confirmed record rests on weak sources only (a rule of smf check).
    first_sources: set[str] = set()

    def citations(count: int) -> list:
        picked = rng.sample(shared, min(count, len(shared)))
        first_sources.update(picked[:1])
        return [p if rng.random() < 0.7 else {"ref": p, "note": text.sentence()} for p in picked]

    def status_fields() -> dict:
        status = rng.choices(("confirmed", "partial", "unverified"), (6, 3, 1))[0]
        return {"status": status} | ({} if status == "confirmed" else {"missing": [text.sentence() for _ in range(rng.randint(1, 3))]})

    def date() -> str:
        return f"{rng.randint(2023, 2026)}-{rng.randint(1, 12):02d}" + (f"-{rng.randint(1, 28):02d}" if rng.random() < 0.5 else "")

    top = {
        "framework.yaml": {
            "status": "partial",
            "title": "A synthetic framework for collective action",
            "short_title": "Synthetic Framework",
            "launched": "2023-02",
            "convener": "partnership-on-ai",
            "url": "https://example.org/framework",
            "summary": text.paragraph(6, 10) + "\n\n" + text.paragraph(4, 8),
            "core_concepts": [{"id": c, "title": c.capitalize(), "text": text.paragraph(3, 5), "references": citations(2)} for c in ("consent", "disclosure", "transparency")],
            "practices_for_all": [r for r in recs if r.startswith("all-organizations")][:3],
            "definitions": [{"id": f"term-{i}", "title": text.words(2, 3).capitalize(), "text": text.paragraph(2, 3), "references": citations(1)} for i in range(6)],
            "references": citations(4),
            "missing": [text.sentence()],
        },
        "stakeholders.yaml": {
            "stakeholders": [{"id": s, "status": "confirmed", "title": s.replace("-", " ").capitalize(), "short_title": s.split("-")[0].capitalize(), "description": text.paragraph(2, 4), "references": citations(2)} for s in STAKEHOLDERS]
        },
        "recommendations.yaml": {
            "recommendations": [{"id": r, "stakeholder": next(s for s in STAKEHOLDERS if r.startswith(s + "-")), **status_fields(), "title": text.title(), "statement": text.paragraph(2, 4), "references": citations(2)} for r in recs]
        },
        "collections.yaml": {"collections": [{"id": c, "status": "confirmed", "title": text.title(), "date": date(), "description": text.paragraph(3, 6), "references": citations(2)} for c in collections]},
        "tags.yaml": {"tags": [{"id": t, "title": t.replace("-", " ").capitalize(), "description": text.sentence()} for t in TAGS]},
    }
    for name, data in top.items():
        (sources / name).write_text(_yaml(data, name.split(".")[0]), encoding="utf-8")

    for index, org in enumerate(orgs):
        data = {**status_fields(), "name": text.name(), "kind": rng.choice(KINDS), "description": text.paragraph(2, 4), "url": f"https://example.org/{org}"}
        if index % 2 == 0:
            data |= {"joined": date(), "cohort": rng.choice(("launch-partner", "june-2023", "later"))}
        data["references"] = citations(rng.randint(1, 3))
        (sources / "organizations" / f"{org}.yaml").write_text(_yaml(data, "organization"), encoding="utf-8")

    for index, case_id in enumerate(case_ids):
        summary = text.paragraph(4, 8)
        if index % 97 == 0:
            summary += '\nA <script>alert("x")</script> tag, `code <b>` and *emphasis* stay text.'
        data = {
            "status": "confirmed",
            "title": text.title(),
            "organization": case_org[case_id],
            "collection": collections[index % len(collections)],
            "published": date(),
            "role": rng.choice(ROLES),
            "summary": summary,
            "practices": rng.sample(recs, rng.randint(1, 4)),
            "lessons": [text.sentence() for _ in range(rng.randint(2, 3))],
            "url": f"https://example.org/cases/{case_id}",
            "references": [case_refs[index], *citations(rng.randint(1, 2))],
            "tags": rng.sample(TAGS, rng.randint(1, 4)),
        }
        if index % 5 == 3:
            data |= {"status": "partial", "missing": [text.sentence() for _ in range(rng.randint(1, 2))]}
        if index % 100 == 11:
            data["aliases"] = [f"old-{case_id}"]
        (sources / "case-studies" / f"{case_id}.yaml").write_text(_yaml(data, "case-study"), encoding="utf-8")
        page = {
            "status": "confirmed",
            "title": data["title"],
            "type": "case-study",
            "publisher": "Partnership on AI",
            "published_by": "partnership-on-ai",
            "date": data["published"],
            "url": f"https://example.org/pages/{case_id}",
            "reliability": "primary",
            "summary": text.paragraph(1, 3),
            "about": [case_id],
        }
        (sources / "references" / f"{case_refs[index]}.yaml").write_text(_yaml(page, "reference"), encoding="utf-8")

    for index, ref in enumerate(shared):
        data = {
            **status_fields(),
            "title": text.title(),
            "type": rng.choice(REF_TYPES),
            "publisher": text.words(1, 3).title(),
            "authors": [text.words(2, 2).title() for _ in range(rng.randint(0, 3))],
            "date": date(),
            "url": f"https://example.org/sources/{ref}",
            "reliability": rng.choice(("secondary", "secondary", "weak")),
            "summary": text.paragraph(2, 4),
            "about": rng.sample(case_ids, min(2, len(case_ids))),
            "cites": [case_refs[rng.randrange(cases)]] if cases else [],
        }
        if data["reliability"] == "weak" and ref in first_sources:
            data["reliability"] = "secondary"
        if index % 3 == 0:
            data["published_by"] = rng.choice(orgs)
        if index % 50 == 7 and len(shared) > 2:
            data["conflicts"] = [{"about": text.words(3, 5), "description": text.sentence(), "references": rng.sample([s for s in shared if s != ref], 2)}]
        (sources / "references" / f"{ref}.yaml").write_text(_yaml(data, "reference"), encoding="utf-8")
    return shape.as_dict()


def make_project(root: Path, target: Path, cases: int, seed: int = 7) -> dict[str, int]:
    """A throwaway project: the repo's mkdocs.yml, content/ and overrides/ beside `cases` synthetic records."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(root / "mkdocs.yml", target / "mkdocs.yml")
    for folder in ("content", "overrides"):
        shutil.rmtree(target / folder, ignore_errors=True)
        shutil.copytree(root / folder, target / folder)
    return write_records(target / "sources", cases, seed)
