"""Each kind of record, and each value of the records' enumerated fields, declared once.

Every other table is derived from these: where load finds the files (`file`, `folder`), which schema
validate checks them against, how editors' messages name a kind (`noun`, `file`/`folder`), where
each record is published (`page_folder`, `single_page`, `shown_on`), the graph's node order and
shapes, the labels readers see, and the schema.org types in JSON-LD. Adding a kind of record means a
row here, a schema file, a model class and a renderer (tests/test_kinds.py checks that they agree).

This module imports nothing from the rest of the generator, so every stage can read it.
"""

from __future__ import annotations

from dataclasses import dataclass

Point = tuple[float, float]


@dataclass(frozen=True)
class Kind:
    name: str  # the model's Record.kind, used in CSS classes, exports and DOM ids: public
    source: str  # how load and validate group the files ('stakeholders' is a list file of stakeholder groups)
    schema: str  # the JSON Schema file under generator/schemas/
    label: str  # what readers call one: 'Case study'
    plural: str  # and several: 'case studies'
    heading: str  # its group's heading on /open-questions/
    noun: str  # how an editor's message names one: 'case study', 'the framework'
    file: str | None = None  # a list file under sources/ …
    folder: str | None = None  # … or a folder of one-record files
    required: bool = False  # the file must exist
    page_folder: str | None = None  # each record has a page of its own here: '<page_folder>/<id>.md'
    single_page: str | None = None  # the one record of the kind has this page
    shown_on: str | None = None  # shown on the page of the record in this field, under an anchor of its own id
    graph_rank: int | None = None  # order among the graph's nodes; None: not a node
    shape: tuple[Point, ...] | None = None  # outline of its node (radius about 1); None: a circle
    schema_org: str | None = None  # JSON-LD @type of its page

    @property
    def where(self) -> str:
        """Where its records are written, for editors: 'sources/case-studies/<id>.yaml'."""
        return f"sources/{self.file}" if self.file else f"sources/{self.folder}/<id>.yaml"


# In the order records are listed (Site.all_records, /open-questions/). Shapes are written out
# rather than computed with sin/cos so every machine prints the same digits.
KIND_LIST = (
    Kind(
        "framework",
        "framework",
        "framework.schema.json",
        "Framework",
        "framework",
        "The framework",
        "the framework",
        file="framework.yaml",
        required=True,
        single_page="framework.md",
        graph_rank=0,
        schema_org="CreativeWork",
        shape=(
            (0.0, -1.5),
            (0.353, -0.485),
            (1.427, -0.464),
            (0.571, 0.185),
            (0.882, 1.214),
            (0.0, 0.6),
            (-0.882, 1.214),
            (-0.571, 0.185),
            (-1.427, -0.464),
            (-0.353, -0.485),
        ),
    ),
    Kind(
        "stakeholder",
        "stakeholders",
        "stakeholders.schema.json",
        "Stakeholder group",
        "stakeholder groups",
        "Stakeholder groups",
        "stakeholder group",
        file="stakeholders.yaml",
        required=True,
        page_folder="recommendations",
        graph_rank=1,
        schema_org="WebPage",
        shape=((1.1, 0.0), (0.55, 0.953), (-0.55, 0.953), (-1.1, 0.0), (-0.55, -0.953), (0.55, -0.953)),
    ),
    Kind(
        "recommendation",
        "recommendations",
        "recommendations.schema.json",
        "Recommendation",
        "recommendations",
        "Recommendations",
        "recommendation",
        file="recommendations.yaml",
        required=True,
        shown_on="stakeholder",
        graph_rank=2,
        schema_org="CreativeWork",
        shape=((0.0, -1.35), (1.169, 0.675), (-1.169, 0.675)),
    ),
    Kind(
        "collection",
        "collections",
        "collections.schema.json",
        "Collection",
        "collections",
        "Collections",
        "collection",
        file="collections.yaml",
        page_folder="collections",
        graph_rank=6,
        schema_org="Collection",
        shape=((0.0, 1.35), (1.169, -0.675), (-1.169, -0.675)),
    ),
    Kind("tag", "tags", "tags.schema.json", "Tag", "tags", "Tags", "tag", file="tags.yaml"),
    Kind(
        "case-study",
        "case-study",
        "case-study.schema.json",
        "Case study",
        "case studies",
        "Case studies",
        "case study",
        folder="case-studies",
        page_folder="case-studies",
        graph_rank=3,
        schema_org="Report",
        shape=((-0.886, -0.886), (0.886, -0.886), (0.886, 0.886), (-0.886, 0.886)),
    ),
    Kind(
        "organization",
        "organization",
        "organization.schema.json",
        "Organization",
        "organizations",
        "Organizations",
        "organization",
        folder="organizations",
        page_folder="organizations",
        graph_rank=4,
        schema_org="Organization",
        shape=((0.0, -1.25), (1.25, 0.0), (0.0, 1.25), (-1.25, 0.0)),
    ),
    Kind(
        "reference",
        "reference",
        "reference.schema.json",
        "Reference",
        "references",
        "References",
        "reference",
        folder="references",
        page_folder="references",
        graph_rank=5,  # its JSON-LD type follows its reference type
    ),
)
KINDS = {kind.name: kind for kind in KIND_LIST}
BY_SOURCE = {kind.source: kind for kind in KIND_LIST}
GRAPH_KINDS = tuple(sorted((k for k in KIND_LIST if k.graph_rank is not None), key=lambda k: k.graph_rank or 0))


@dataclass(frozen=True)
class ReferenceType:
    name: str  # the value of a reference's `type`
    label: str
    schema_org: str  # JSON-LD @type
    bibtex: str = "misc"  # BibTeX entry type
    csl: str = "webpage"  # CSL 1.0.1 item type, which Zotero maps to its own
    in_container: bool = True  # the publisher is the periodical or site it appeared in, not a publishing house


REFERENCE_TYPES = {
    t.name: t
    for t in (
        ReferenceType("webpage", "Web page", "WebPage"),
        ReferenceType("report", "Report", "Report", bibtex="techreport", csl="report", in_container=False),
        ReferenceType("paper", "Paper", "ScholarlyArticle", csl="article", in_container=False),  # preprints and working papers
        ReferenceType("press-release", "Press release", "Article"),  # schema.org has no press-release type
        ReferenceType("blog", "Blog post", "BlogPosting", csl="post-weblog"),
        ReferenceType("case-study", "Case study", "Report", bibtex="techreport", csl="report", in_container=False),
        ReferenceType("news-article", "News article", "NewsArticle", bibtex="article", csl="article-newspaper"),
        ReferenceType("event", "Event", "Event"),
        ReferenceType("form", "Form", "WebPage"),
        ReferenceType("dataset", "Dataset", "Dataset", csl="dataset", in_container=False),
        ReferenceType("other", "Other", "CreativeWork"),
    )
}

# Labels of the organizations' enumerated fields (the records' status, reliability and role labels
# are in render/text.py, beside the wording that uses them).
ORGANIZATION_KINDS = {"company": "Company", "media": "Media organization", "nonprofit": "Nonprofit", "academic": "Academic institution", "government": "Government body", "funder": "Funder", "other": "Other"}
COHORT_LABELS = {"launch-partner": "Launch partner", "june-2023": "June 2023 cohort", "later": "Later supporter"}  # the date is shown beside it, once
