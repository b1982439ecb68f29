"""The stage machine: every move, allowed or forbidden, spelled out."""

import itertools

import pytest

from peps.projects.stages import NEEDS_REASON, OFF_PATH, PIPELINE, Stage, allowed_moves, can_move

S = Stage
ALLOWED = {
    S.SUBMITTED: {S.STRUCTURING, *OFF_PATH},
    S.STRUCTURING: {S.SUBMITTED, S.BUSINESS_MODEL, *OFF_PATH},
    S.BUSINESS_MODEL: {S.STRUCTURING, S.FORMALISATION, *OFF_PATH},
    S.FORMALISATION: {S.BUSINESS_MODEL, S.LAUNCH, *OFF_PATH},
    S.LAUNCH: {S.FORMALISATION, S.DEVELOPMENT, *OFF_PATH},
    S.DEVELOPMENT: {S.LAUNCH, *OFF_PATH},
    S.PAUSED: {*PIPELINE, S.REDIRECTED, S.ABANDONED, S.COMPLETED},
    S.REDIRECTED: {*PIPELINE, S.PAUSED, S.ABANDONED, S.COMPLETED},
    S.ABANDONED: {S.SUBMITTED},
    S.COMPLETED: {S.SUBMITTED},
}


def test_the_table_covers_every_stage():
    assert set(ALLOWED) == set(Stage)


@pytest.mark.parametrize(("current", "target"), list(itertools.product(Stage, Stage)))
def test_every_move_is_allowed_or_forbidden_as_specified(current, target):
    assert can_move(current, target) is (target in ALLOWED[current])


@pytest.mark.parametrize("current", list(Stage))
def test_allowed_moves_lists_exactly_the_allowed_targets(current):
    assert set(allowed_moves(current)) == ALLOWED[current]
    assert current not in allowed_moves(current)


def test_leaving_the_path_needs_a_reason_and_moving_along_it_does_not():
    assert NEEDS_REASON == {S.PAUSED, S.REDIRECTED, S.ABANDONED, S.COMPLETED}
    assert not NEEDS_REASON & set(PIPELINE)


def test_an_unknown_stage_goes_nowhere():
    assert allowed_moves("nonsense") == []
    assert not can_move("nonsense", S.SUBMITTED)
