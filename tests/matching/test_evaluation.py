"""The evaluation set is large, consistent and split in two; on its held-out half the engine
beats the keyword baseline and the first engine clearly."""

import pytest

from peps.matching.embeddings import digest, text_of
from peps.matching.evaluation import (
    engine_ranking,
    first_engine_ranking,
    held_out,
    keyword_baseline,
    load_evaluation_set,
    measure,
    stored_vectors,
)
from tests.matching.evaluation.needs import NEEDS
from tests.matching.evaluation.offers import OFFERS
from tests.matching.evaluation.traps import FIRST_NEEDS_ON_TRAPS, TRAP_NEEDS, TRAP_OFFERS


def test_the_evaluation_set_is_large_and_consistent():
    offer_keys = {o[0] for o in OFFERS} | {o[0] for o in TRAP_OFFERS}
    assert len(OFFERS) + len(TRAP_OFFERS) >= 400 and len(offer_keys) == len(OFFERS) + len(TRAP_OFFERS)
    needs = [(n[0], n[1], n[-1]) for n in NEEDS] + [(n[0], n[1], n[-1]) for n in TRAP_NEEDS]
    assert len(needs) >= 120 and len({n[0] for n in needs}) == len(needs)
    assert {o[1] for o in OFFERS} == {n[1] for n in NEEDS}  # every category on both sides
    first_keys = {n[0] for n in NEEDS}
    for key, extra in FIRST_NEEDS_ON_TRAPS.items():
        assert key in first_keys and set(extra) <= {o[0] for o in TRAP_OFFERS}, key
        assert set(extra.values()) <= {1, 2}, key
    for key, _category, judged in needs:
        assert judged and set(judged) <= offer_keys, key
        assert set(judged.values()) <= {1, 2} and 2 in judged.values(), key


def test_the_stored_vectors_are_those_of_every_text_of_the_set():
    # Else the evaluation encodes what is missing (correct, but 8 s slower): run
    # `manage.py matching_evaluate --save-vectors` after changing a text or the model.
    texts = [(o[3], o[4]) for o in OFFERS] + [(o[3], o[4]) for o in TRAP_OFFERS]
    texts += [(n[4], n[5]) for n in NEEDS] + [(n[4], n[5]) for n in TRAP_NEEDS]
    stored = stored_vectors()
    assert {digest(text_of(title, description)) for title, description in texts} <= set(stored)
    assert {len(vector) for vector in stored.values()} == {512 * 2}  # float16, as the database stores them


def test_the_split_is_fixed_and_about_half():
    keys = [n[0] for n in NEEDS] + [n[0] for n in TRAP_NEEDS]
    held = [k for k in keys if held_out(k)]
    assert 0.4 * len(keys) <= len(held) <= 0.6 * len(keys)
    assert held == [k for k in keys if held_out(k)]  # a pure function of the key


def test_the_traps_are_there_on_purpose():
    facts = [o[-1] for o in TRAP_OFFERS]
    assert sum(1 for f in facts if f.get("capacity") or f.get("area_m2")) >= 10  # too small
    assert sum(1 for f in facts if f.get("served_departements") or f.get("beneficiaries")) >= 10  # eligibility
    assert sum(1 for f in facts if f.get("weekdays") or f.get("periods") or f.get("day_parts")) >= 10  # schedule
    assert sum(1 for f in facts if f.get("remote_ok") or f.get("travels")) >= 10  # remote, far away


@pytest.mark.django_db
def test_engine_beats_the_baseline_and_the_first_engine_on_the_held_out_half(settings):
    settings.MATCHING_EMBEDDINGS = True
    loaded = load_evaluation_set()
    engine = measure(loaded, engine_ranking(loaded))["held_out"]
    first = measure(loaded, first_engine_ranking(loaded))["held_out"]
    baseline = measure(loaded, keyword_baseline(loaded))["held_out"]
    assert engine.ndcg_at_5 >= baseline.ndcg_at_5 + 0.1
    assert engine.ndcg_at_5 >= first.ndcg_at_5 + 0.05
    assert engine.top_1 >= first.top_1
