"""An offer close in meaning to every need of the pole (a « hub ») says little about any one of
them: its hubness, measured against the pole's needs, is taken off its cosine by the fitted
share `hub_penalty`."""

import dataclasses

import numpy as np

from peps.core.testing import factories as f
from peps.matching import embeddings
from peps.matching.embeddings import HUB_MIN_REFERENCE, HUB_NEIGHBOURS, hubness, reference_matrix, to_bytes
from peps.matching.indexing import NEEDS
from peps.matching.models import NeedVector
from peps.matching.scoring import WEIGHTS, semantic_fit

from .factories import NeedFactory


def _unit(rng, n: int) -> np.ndarray:
    vectors = rng.standard_normal((n, embeddings.DIMENSIONS)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def _needs_with_vectors(pole, vectors: np.ndarray) -> None:
    for vector in vectors:
        NeedVector.objects.create(need=NeedFactory(pole=pole), digest="x", vector=to_bytes(vector))


def test_an_offer_near_every_need_of_the_pole_is_a_hub(pole):
    rng = np.random.default_rng(16)
    needs = _unit(rng, HUB_MIN_REFERENCE + 5)
    _needs_with_vectors(pole, needs)
    _needs_with_vectors(f.PoleFactory(), _unit(rng, 3))  # another pole's needs are not the reference
    generic = needs.mean(axis=0) / np.linalg.norm(needs.mean(axis=0))
    specific = _unit(rng, 1)[0]

    reference = reference_matrix(NEEDS, pole.pk)

    assert reference is not None and reference.shape == (len(needs), embeddings.DIMENSIONS)
    hubs = hubness(np.array([generic, specific]), reference)
    assert hubs[0] > hubs[1] + 0.1
    stored = needs.astype(np.float16).astype(np.float32)
    expected = np.sort(stored @ generic)[-HUB_NEIGHBOURS:].mean()
    assert abs(hubs[0] - expected) < 1e-4  # the mean cosine with its nearest needs


def test_with_too_few_needs_nothing_is_a_hub(pole):
    rng = np.random.default_rng(1)
    _needs_with_vectors(pole, _unit(rng, HUB_MIN_REFERENCE - 1))

    reference = reference_matrix(NEEDS, pole.pk)

    assert reference is None
    assert hubness(_unit(rng, 2), reference).tolist() == [0.0, 0.0]


def test_the_penalty_lowers_the_semantic_component_only_by_its_share_of_the_hubness():
    penalised = dataclasses.replace(WEIGHTS, hub_penalty=0.5, semantic_floor=0.1, semantic_full=0.6)
    assert semantic_fit(0.5, penalised, hub=0.2) == semantic_fit(0.4, penalised)
    assert semantic_fit(0.5, penalised, hub=0.0) == semantic_fit(0.5, penalised)
    assert semantic_fit(None, penalised, hub=0.2) == 0.0
