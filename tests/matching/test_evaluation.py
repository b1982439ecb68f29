"""The engine must beat a plain keyword baseline clearly on the hand-judged evaluation set."""

import pytest

from peps.matching.evaluation import engine_ranking, keyword_baseline, load_evaluation_set, measure
from tests.matching.evaluation.needs import NEEDS
from tests.matching.evaluation.offers import OFFERS


def test_the_evaluation_set_is_large_and_consistent():
    offer_keys = {o[0] for o in OFFERS}
    assert len(OFFERS) >= 300 and len(offer_keys) == len(OFFERS)
    assert len(NEEDS) >= 60
    assert {o[1] for o in OFFERS} == {n[1] for n in NEEDS}  # every category on both sides
    for need in NEEDS:
        judged = need[-1]
        assert judged and set(judged) <= offer_keys, need[0]
        assert set(judged.values()) <= {1, 2} and 2 in judged.values(), need[0]


@pytest.mark.django_db
def test_engine_beats_the_keyword_baseline():
    loaded = load_evaluation_set()
    engine = measure(loaded, engine_ranking(loaded))
    baseline = measure(loaded, keyword_baseline(loaded))
    assert engine.ndcg_at_10 >= baseline.ndcg_at_10 + 0.1
    assert engine.precision_at_5 >= baseline.precision_at_5 + 0.05
