"""The embedding step reads the candidates' vectors best first and stops when no candidate left
could reach the top even with a full semantic score: the ranking is the one of scoring them all,
with fewer vectors read."""

import numpy as np

from peps.matching import engine
from peps.matching.constraints import Fit
from peps.matching.embeddings import to_bytes
from peps.matching.indexing import OFFERS
from peps.matching.models import OfferVector
from peps.matching.scoring import COMPONENTS, WEIGHTS, Scored, combine, with_cosine

from .factories import OfferFactory


def _scored(pk: int, likeness: float) -> Scored:
    components = {name: 0.5 for name in COMPONENTS} | {"semantic": 0.0, "history": 0.0}
    components |= {"text": likeness, "category": likeness, "kind": likeness}
    return Scored(pk=pk, score=round(combine(components), 4), components=components, fit=Fit())


def test_pruned_meaning_ranks_as_scoring_every_candidate(pole, roanne, monkeypatch):
    monkeypatch.setattr(engine, "MEANING_CHUNK", 5)
    rng = np.random.default_rng(16)
    offers = [OfferFactory(pole=pole, commune=roanne) for _ in range(40)]
    for offer in offers:
        vector = rng.standard_normal(512).astype(np.float32)
        OfferVector.objects.create(offer=offer, digest="x", vector=to_bytes(vector / np.linalg.norm(vector)))
    query = rng.standard_normal(512).astype(np.float32)
    query /= np.linalg.norm(query)
    # Words, category and nature spread from 0 to 1: the weakest cannot catch up by meaning alone.
    scored = [_scored(offer.pk, i / 39) for i, offer in enumerate(offers)]

    ranked, cosines, bound = engine._with_meaning(OFFERS, query, scored, 10)

    stored = {
        v.pk: np.frombuffer(bytes(v.vector), dtype=np.float16).astype(np.float32) for v in OfferVector.objects.all()
    }
    everything = sorted((with_cosine(s, float(stored[s.pk] @ query)) for s in scored), key=lambda s: s.rank_key)
    assert [s.pk for s in ranked[:10]] == [s.pk for s in everything[:10]]
    assert [s.score for s in ranked[:10]] == [s.score for s in everything[:10]]
    assert len(cosines) < 40 and bound is not None  # some vectors were never read
    assert bound > ranked[9].rank_key


def test_without_a_query_vector_nothing_is_read(pole, roanne):
    offer = OfferFactory(pole=pole, commune=roanne)
    ranked, cosines, bound = engine._with_meaning(OFFERS, None, [_scored(offer.pk, 0.5)], 10)
    assert [s.pk for s in ranked] == [offer.pk] and cosines == {} and bound is None
    assert WEIGHTS.semantic > 0
