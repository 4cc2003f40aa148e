"""The related-case index ranks exactly as scoring every pair would, for any mix of shared practices,
organizations, collections and tied titles."""

from __future__ import annotations

from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.related import RelatedIndex

PRACTICES = [SimpleNamespace(id=f"rec-{i}") for i in range(5)]
ORGS = [SimpleNamespace(id=f"org-{i}") for i in range(3)]
COLLECTIONS = [SimpleNamespace(id=f"batch-{i}") for i in range(3)]


def brute_force(cases: list, case, limit: int) -> list:
    """The ranking as first written: score every other case, most points first, then title, then order."""
    if not case.documented:
        return []
    practices = {p.id for p in case.practices}
    scored = []
    for other in cases:
        if other is case or not other.documented:
            continue
        score = 3 * len(practices & {p.id for p in other.practices})
        score += 2 * (other.organization is case.organization) + (other.collection is case.collection)
        if score:
            scored.append((-score, other.title.lower(), other))
    return [other for _, _, other in sorted(scored, key=lambda item: item[:2])[:limit]]


case_strategy = st.builds(
    lambda title, practices, org, collection, documented: SimpleNamespace(title=title, practices=tuple(PRACTICES[i] for i in practices), organization=ORGS[org], collection=COLLECTIONS[collection], documented=documented),
    st.sampled_from(["Alpha", "alpha", "Beta", "Gamma", "delta"]),
    st.lists(st.integers(0, len(PRACTICES) - 1), max_size=4, unique=True),
    st.integers(0, len(ORGS) - 1),
    st.integers(0, len(COLLECTIONS) - 1),
    st.sampled_from([True, True, True, False]),  # a case not yet documented is never related, nor given related cases
)


@settings(max_examples=150, deadline=None)
@given(st.lists(case_strategy, min_size=1, max_size=40), st.integers(1, 8))
def test_related_index_ranks_like_scoring_every_pair(cases: list, limit: int) -> None:
    index = RelatedIndex(cases)
    for case in cases:
        assert index.related(case, limit) == brute_force(cases, case, limit)
