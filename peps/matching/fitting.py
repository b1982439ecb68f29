"""Fit the weights of the score (scoring.Weights) on the tuning half of the evaluation set, by
cross-validation; the held-out half is never read here.

Each need's candidates are scored once (engine.score_candidates) and kept as a matrix of
components; a ranking for other weights is then a matrix product, misfits last, as the engine
ranks. Coordinate ascent (one weight at a time, multiplied or divided by a few factors, the
others rescaled so that they add up to 1) maximises nDCG@5 + top-1 on the training folds;
the weights of the k folds are averaged, the mean of the folds' validation figures is the
cross-validated estimate. `manage.py matching_fit` runs it and writes fitted_weights.json.

The hub penalty (scoring.Weights.hub_penalty) is fitted with the semantic floor and ceiling, on
a grid; the floor and ceiling are searched around the tuning candidates' mean hubness (so that
a penalty does not push every cosine under a floor meant for raw cosines) and written as
cosines.
"""

import dataclasses
import json
import random
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from .engine import score_candidates
from .evaluation import LoadedSet, held_out, mrr, ndcg_at, precision_at, top1
from .scoring import COMPONENTS, FITTED_WEIGHTS, Weights

# History cannot be fitted here (the evaluation pole has no partnerships): it keeps its
# hand-set weight, and the others share the rest.
FIXED = {"history": 0.07}
FITTED = [name for name in COMPONENTS if name not in FIXED]
FACTORS = (0.0, 0.5, 0.8, 1.25, 2.0)
FLOORS = (0.05, 0.15, 0.25)
FULLS = (0.45, 0.6, 0.75)
PENALTIES = (0.0, 0.25, 0.5, 0.75, 1.0)


# What the folds' validation needs are measured on (the mean of the folds is reported).
VALIDATION = {
    "ndcg_at_5": lambda ranked, judged: ndcg_at(ranked, judged, 5),
    "top_1": top1,
    "precision_at_5": lambda ranked, judged: precision_at(ranked, judged, 5),
    "ndcg_at_10": lambda ranked, judged: ndcg_at(ranked, judged, 10),
    "mrr": mrr,
}


@dataclass
class Candidates:
    keys: list[str]
    matrix: np.ndarray  # (candidates, FITTED components), semantic recomputed from cosine
    cosine: np.ndarray
    hub: np.ndarray  # the offer's hubness (embeddings.hubness)
    misfit: np.ndarray  # bool
    judged: dict[str, int]


def collect(loaded: LoadedSet, keys: Iterable[str]) -> dict[str, Candidates]:
    key_of = {offer.pk: key for key, offer in loaded.offers.items()}
    result = {}
    for key in keys:
        scored = score_candidates(loaded.needs[key])
        result[key] = Candidates(
            keys=[key_of[s.pk] for s in scored],
            matrix=np.array([[s.components[name] for name in FITTED] for s in scored], dtype=np.float64).reshape(
                len(scored), len(FITTED)
            ),
            cosine=np.array([s.components["cosine"] for s in scored], dtype=np.float64),
            hub=np.array([s.components.get("hub", 0.0) for s in scored], dtype=np.float64),
            misfit=np.array([not s.feasible for s in scored], dtype=bool),
            judged=loaded.judgements[key],
        )
    return result


def _ranking(c: Candidates, w: np.ndarray, floor: float, full: float, penalty: float = 0.0, k: int = 10) -> list[str]:
    """The top k for these weights; `floor` and `full` are cosines (scoring.semantic_fit)."""
    if not c.keys:
        return []
    matrix = c.matrix.copy()
    semantic = FITTED.index("semantic")
    span = max(1e-6, full - floor)
    cosine = c.cosine - penalty * c.hub
    matrix[:, semantic] = np.where(c.cosine < -0.5, 0.0, np.clip((cosine - floor) / span, 0.0, 1.0))
    scores = matrix @ w
    # Misfits last, then by score (descending); np.lexsort sorts by the last key first.
    order = np.lexsort((-scores, c.misfit))[:k]
    return [c.keys[i] for i in order]


def objective(
    data: dict[str, Candidates], keys: list[str], w: np.ndarray, floor: float, full: float, penalty: float = 0.0
) -> float:
    total = 0.0
    for key in keys:
        ranked = _ranking(data[key], w, floor, full, penalty)
        total += ndcg_at(ranked, data[key].judged, 5) + top1(ranked, data[key].judged)
    return total / max(1, len(keys))


def _normalise(w: np.ndarray) -> np.ndarray:
    budget = 1.0 - sum(FIXED.values())
    return w * (budget / w.sum()) if w.sum() > 0 else w


def mean_hub(data: dict[str, Candidates]) -> float:
    """The mean hubness of the candidates with a vector: the penalty's floors are searched
    around it."""
    hubs = [c.hub[c.cosine > -0.5] for c in data.values()]
    values = np.concatenate(hubs) if hubs else np.zeros(0)
    return float(values.mean()) if len(values) else 0.0


def ascend(
    data: dict[str, Candidates], keys: list[str], start: Weights, rounds: int = 3, centre: float = 0.0
) -> tuple[np.ndarray, float, float, float]:
    """(weights, floor, full, penalty), the floor and full as cosines: a whole ascent for each
    hub penalty of the grid, the best on these needs kept."""
    best: tuple[float, tuple[np.ndarray, float, float, float]] | None = None
    for penalty in PENALTIES:
        fitted = _ascend(data, keys, start, rounds, penalty, centre)
        value = objective(data, keys, *fitted)
        if best is None or value > best[0] + 1e-9:
            best = (value, fitted)
    assert best is not None
    return best[1]


def _ascend(
    data: dict[str, Candidates], keys: list[str], start: Weights, rounds: int, penalty: float, centre: float
) -> tuple[np.ndarray, float, float, float]:
    """Coordinate ascent with this hub penalty; the floor and full grids are read relative to
    the penalised mean hubness (f - penalty × centre as a cosine)."""
    w = _normalise(np.array([getattr(start, name) for name in FITTED], dtype=np.float64))
    floor, full = start.semantic_floor - penalty * centre, start.semantic_full - penalty * centre
    best = objective(data, keys, w, floor, full, penalty)
    for _round in range(rounds):
        improved = False
        for i in range(len(FITTED)):
            for factor in FACTORS:
                trial = w.copy()
                trial[i] = trial[i] * factor if trial[i] > 0 else 0.05 * factor
                trial = _normalise(trial)
                value = objective(data, keys, trial, floor, full, penalty)
                if value > best + 1e-9:
                    w, best, improved = trial, value, True
        for f in FLOORS:
            for u in FULLS:
                value = objective(data, keys, w, f - penalty * centre, u - penalty * centre, penalty)
                if value > best + 1e-9:
                    floor, full, best, improved = f - penalty * centre, u - penalty * centre, value, True
        if not improved:
            break
    return w, floor, full, penalty


def cross_validate(loaded: LoadedSet, *, folds: int = 5, seed: int = 16, start: Weights | None = None) -> dict:
    """Fit on the tuning half by k-fold cross-validation; returns the averaged weights and the
    folds' validation figures (nothing of the held-out half is read)."""
    start = start or Weights()
    keys = sorted(k for k in loaded.needs if not held_out(k))
    data = collect(loaded, keys)
    centre = mean_hub(data)
    random.Random(seed).shuffle(keys)
    parts = [keys[i::folds] for i in range(folds)]
    fold_weights, validation = [], []
    for i, part in enumerate(parts):
        train = [k for j, p in enumerate(parts) if j != i for k in p]
        w, floor, full, penalty = ascend(data, train, start, centre=centre)
        fold_weights.append((w, floor, full, penalty))
        rankings = {k: _ranking(data[k], w, floor, full, penalty) for k in part}
        validation.append(
            {
                name: float(np.mean([measure(rankings[k], data[k].judged) for k in part]))
                for name, measure in VALIDATION.items()
            }
        )
    mean_w = _normalise(np.mean([w for w, _f, _u, _p in fold_weights], axis=0))
    floor = float(np.mean([f for _w, f, _u, _p in fold_weights]))
    full = float(np.mean([u for _w, _f, u, _p in fold_weights]))
    penalty = float(np.mean([p for _w, _f, _u, p in fold_weights]))
    weights = {name: round(float(v), 4) for name, v in zip(FITTED, mean_w, strict=True)}
    weights.update(FIXED)
    weights.update(semantic_floor=round(floor, 3), semantic_full=round(full, 3), hub_penalty=round(penalty, 3))
    return {
        "weights": weights,
        "tuning_needs": len(keys),
        "folds": folds,
        "cross_validated": {name: round(float(np.mean([v[name] for v in validation])), 3) for name in VALIDATION},
    }


def write(result: dict) -> None:
    FITTED_WEIGHTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")


def as_weights(result: dict) -> Weights:
    names = {f.name for f in dataclasses.fields(Weights)}
    return Weights(**{k: v for k, v in result["weights"].items() if k in names})
