"""Fit the weights of the score (scoring.Weights) on the tuning half of the evaluation set, by
cross-validation; the held-out half is never read here.

Each need's candidates are scored once (engine.score_candidates) and kept as a matrix of
components; a ranking for other weights is then a matrix product, misfits last, as the engine
ranks. Coordinate ascent (one weight at a time, multiplied or divided by a few factors, the
others rescaled so that they add up to 1) maximises nDCG@5 + top-1 on the training folds;
the weights of the k folds are averaged, the mean of the folds' validation figures is the
cross-validated estimate. `manage.py matching_fit` runs it and writes fitted_weights.json.
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
            misfit=np.array([not s.feasible for s in scored], dtype=bool),
            judged=loaded.judgements[key],
        )
    return result


def _ranking(c: Candidates, w: np.ndarray, floor: float, full: float, k: int = 10) -> list[str]:
    if not c.keys:
        return []
    matrix = c.matrix.copy()
    semantic = FITTED.index("semantic")
    span = max(1e-6, full - floor)
    matrix[:, semantic] = np.where(c.cosine < -0.5, 0.0, np.clip((c.cosine - floor) / span, 0.0, 1.0))
    scores = matrix @ w
    # Misfits last, then by score (descending); np.lexsort sorts by the last key first.
    order = np.lexsort((-scores, c.misfit))[:k]
    return [c.keys[i] for i in order]


def objective(data: dict[str, Candidates], keys: list[str], w: np.ndarray, floor: float, full: float) -> float:
    total = 0.0
    for key in keys:
        ranked = _ranking(data[key], w, floor, full)
        total += ndcg_at(ranked, data[key].judged, 5) + top1(ranked, data[key].judged)
    return total / max(1, len(keys))


def _normalise(w: np.ndarray) -> np.ndarray:
    budget = 1.0 - sum(FIXED.values())
    return w * (budget / w.sum()) if w.sum() > 0 else w


def ascend(
    data: dict[str, Candidates], keys: list[str], start: Weights, rounds: int = 3
) -> tuple[np.ndarray, float, float]:
    w = _normalise(np.array([getattr(start, name) for name in FITTED], dtype=np.float64))
    floor, full = start.semantic_floor, start.semantic_full
    best = objective(data, keys, w, floor, full)
    for _round in range(rounds):
        improved = False
        for i in range(len(FITTED)):
            for factor in FACTORS:
                trial = w.copy()
                trial[i] = trial[i] * factor if trial[i] > 0 else 0.05 * factor
                trial = _normalise(trial)
                value = objective(data, keys, trial, floor, full)
                if value > best + 1e-9:
                    w, best, improved = trial, value, True
        for f in FLOORS:
            for u in FULLS:
                value = objective(data, keys, w, f, u)
                if value > best + 1e-9:
                    floor, full, best, improved = f, u, value, True
        if not improved:
            break
    return w, floor, full


def cross_validate(loaded: LoadedSet, *, folds: int = 5, seed: int = 16, start: Weights | None = None) -> dict:
    """Fit on the tuning half by k-fold cross-validation; returns the averaged weights and the
    folds' validation figures (nothing of the held-out half is read)."""
    start = start or Weights()
    keys = sorted(k for k in loaded.needs if not held_out(k))
    data = collect(loaded, keys)
    random.Random(seed).shuffle(keys)
    parts = [keys[i::folds] for i in range(folds)]
    fold_weights, validation = [], []
    for i, part in enumerate(parts):
        train = [k for j, p in enumerate(parts) if j != i for k in p]
        w, floor, full = ascend(data, train, start)
        fold_weights.append((w, floor, full))
        rankings = {k: _ranking(data[k], w, floor, full) for k in part}
        validation.append(
            {
                name: float(np.mean([measure(rankings[k], data[k].judged) for k in part]))
                for name, measure in VALIDATION.items()
            }
        )
    mean_w = _normalise(np.mean([w for w, _f, _u in fold_weights], axis=0))
    floor = float(np.mean([f for _w, f, _u in fold_weights]))
    full = float(np.mean([u for _w, _f, u in fold_weights]))
    weights = {name: round(float(v), 4) for name, v in zip(FITTED, mean_w, strict=True)}
    weights.update(FIXED)
    weights.update(semantic_floor=round(floor, 3), semantic_full=round(full, 3))
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
