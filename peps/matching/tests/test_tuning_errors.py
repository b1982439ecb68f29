"""The error analysis of `matching_evaluate --errors` reads the tuning half only (the held-out
half must never guide a change), and sorts what it finds by kind."""

from types import SimpleNamespace

from peps.matching import evaluation
from peps.matching.evaluation import LoadedSet, held_out, tuning_errors
from peps.matching.scoring import Fit, Scored

TUNING = next(f"need-{i}" for i in range(100) if not held_out(f"need-{i}"))
HELD = next(f"need-{i}" for i in range(100) if held_out(f"need-{i}"))


def components(**values):
    base = dict.fromkeys(("text", "semantic", "kind", "distance", "schedule", "freshness"), 0.5)
    return base | values


def test_only_the_tuning_half_is_read_and_errors_are_sorted_by_kind(monkeypatch):
    offers = {
        key: SimpleNamespace(pk=pk, category=category)
        for pk, (key, category) in enumerate(
            [("decoy", "premises"), ("room", "premises"), ("far-room", "premises"), ("volunteer", "skills")], 1
        )
    }
    needs = {key: SimpleNamespace(pk=i, category="premises") for i, key in enumerate((TUNING, HELD), 1)}
    loaded = LoadedSet(
        pole=None,
        needs=needs,
        offers=offers,
        judgements={
            TUNING: {"room": 2, "far-room": 2, "volunteer": 2},
            HELD: {"room": 2},
        },
    )
    scored = {
        "decoy": Scored(pk=1, score=0.6, components=components(text=0.9)),
        "room": Scored(pk=2, score=0.5, components=components(text=0.1)),
        "far-room": Scored(pk=3, score=0.2, components=components(distance=0.1), fit=Fit(misfits=["trop petit"])),
        "volunteer": Scored(pk=4, score=0.1, components=components(text=0.0)),
    }
    seen = []

    def suggest_partners(need, limit):
        seen.append(need.pk)
        return [SimpleNamespace(offer=offers[key]) for key in ("decoy", "room")]

    monkeypatch.setattr(evaluation, "suggest_partners", suggest_partners)
    monkeypatch.setattr(evaluation, "score_candidates", lambda need: list(scored.values()))
    errors = tuning_errors(loaded)
    assert seen == [1]  # never the held-out need
    assert errors["needs"] == {"tuning": 1, "lost": 1}
    assert errors["missing"] == {"ranked as a misfit": 1, "of another category": 1}
    assert errors["intruders"] == {(0, "text"): 1}  # the decoy, above the room, on its words


def test_the_losing_tuning_needs_are_listed_worst_first_with_their_missed_offers(monkeypatch):
    offers = {key: SimpleNamespace(pk=pk) for pk, key in enumerate(("decoy", "room", "far-room"), 1)}
    needs = {key: SimpleNamespace(pk=i, title=f"Besoin {i}") for i, key in enumerate((TUNING, HELD), 1)}
    loaded = LoadedSet(
        pole=None,
        needs=needs,
        offers=offers,
        judgements={TUNING: {"room": 2, "far-room": 2}, HELD: {"room": 2}},
    )
    scored = [
        Scored(pk=1, score=0.6, components=components(text=0.9)),
        Scored(pk=2, score=0.5, components=components(text=0.1)),
        Scored(pk=3, score=0.2, components=components(distance=0.1)),
    ]
    seen = []

    def suggest_partners(need, limit):
        seen.append(need.pk)
        return [SimpleNamespace(offer=offers[key]) for key in ("decoy", "room")]

    monkeypatch.setattr(evaluation, "suggest_partners", suggest_partners)
    monkeypatch.setattr(evaluation, "score_candidates", lambda need: scored)
    misses = evaluation.tuning_misses(loaded, limit=1)
    assert seen == [1]  # never the held-out need
    [miss] = misses
    assert miss.key == TUNING and miss.title == "Besoin 1"
    assert [(rank, key, grade) for rank, key, grade, _c in miss.shown] == [(1, "decoy", 0)]
    assert [(rank, key, grade) for rank, key, grade, _c in miss.missed] == [(2, "room", 2), (3, "far-room", 2)]
    assert miss.missed[0][3]["text"] == 0.1
