"""The maths of results.py on plain data, and a campaign of 29 poles recomputed from its
stored answers with exact figures."""

import pytest

from peps.assessment import results as maths
from peps.assessment.selectors import campaign_results, pole_profile
from peps.core.testing import factories as f

from . import factories as af


def _indicators():
    return [
        maths.Indicator(pk=1, code="a1", label="A1", theme="T1", objective="a", position=0),
        maths.Indicator(pk=2, code="a2", label="A2", theme="T2", objective="a", position=1),
        maths.Indicator(pk=3, code="b1", label="B1", theme="T1", objective="b", position=2),
    ]


def test_quartiles_use_the_inclusive_method():
    assert maths.distribution([1, 2, 3, 4]) == {"n": 4, "median": 2.5, "q1": 1.75, "q3": 3.25, "min": 1, "max": 4}


def test_distribution_of_one_and_of_nothing():
    assert maths.distribution([3])["q1"] == maths.distribution([3])["q3"] == 3
    assert maths.distribution([])["median"] is None


def test_ranking_shares_ranks_on_ties_and_keeps_the_tree_order():
    rows = maths.ranking(_indicators(), {"a2": 3, "b1": 3, "a1": 1}, respondents=4)
    assert [(r["code"], r["rank"], r["count"], r["share"]) for r in rows] == [
        ("a2", 1, 3, 75.0),
        ("b1", 1, 3, 75.0),
        ("a1", 3, 1, 25.0),
    ]


def test_top_by_theme_keeps_ties_at_the_limit_and_groups_in_order_of_appearance():
    rows = maths.ranking(_indicators(), {"a2": 3, "b1": 2, "a1": 2}, respondents=4)
    groups = maths.top_by_theme(rows, top=2)
    assert [(g["theme"], [r["code"] for r in g["rows"]]) for g in groups] == [("T2", ["a2"]), ("T1", ["a1", "b1"])]


def test_objective_means_ignore_missing_levels():
    assert maths.objective_means({"a1": 1, "a2": None, "b1": None}, _indicators()) == {"a": 1}


def test_evolution_matches_codes_and_keeps_codes_present_on_one_side():
    rows = maths.evolution({"a1": 1, "x9": 2}, {"a1": 3, "a2": 0}, order=["a1", "a2"])
    assert rows == [
        {"code": "a1", "before": 1, "after": 3, "delta": 2},
        {"code": "a2", "before": None, "after": 0, "delta": None},
        {"code": "x9", "before": 2, "after": None, "delta": None},
    ]


def test_response_rate():
    assert maths.response_rate(31, 29) == 93.5
    assert maths.response_rate(0, 0) == 0.0


@pytest.fixture
def network_of_29(db):
    """29 poles with known answers (see each objective below), one draft with extreme
    values and one pole that never answered: 31 invited."""
    version = af.small_version()
    poles = [f.PoleFactory(name=f"Pôle {i:02d}") for i in range(29)]
    late, silent = f.PoleFactory(name="Pôle en retard"), f.PoleFactory(name="Pôle muet")
    campaign = af.campaign([*poles, late, silent], version=version, max_most_important=2)
    for i, pole in enumerate(poles):
        levels = {
            # a: mean i % 5 → five levels 0–4, six poles each except 4 (five poles)
            "a1": i % 5,
            "a2": i % 5,
            # b: mean 2 for the first ten poles, 3 for the nineteen others
            "b1": 4 if i < 10 else 3,
            "b2": 0 if i < 10 else 3,
            # c: mean 1.5 everywhere
            "c1": 1,
            "c2": 2,
        }
        chosen = {"a1", "b1"} if i < 12 else {"a1"} if i < 20 else {"c2"}
        af.answer(campaign, pole, levels, chosen=chosen)
    af.answer(campaign, late, af.full_levels(version, 4), chosen={"c1", "b2"}, submitted=False)
    return campaign, poles


def test_results_of_29_poles_are_recomputed_exactly_from_the_stored_answers(network_of_29, django_assert_num_queries):
    campaign, poles = network_of_29
    with django_assert_num_queries(4):
        results = campaign_results(campaign)
    assert (results["invited"], results["submitted"], results["rate"]) == (31, 29, 93.5)
    assert [(r["code"], r["rank"], r["count"], r["share"]) for r in results["ranking"]] == [
        ("a1", 1, 20, 69.0),
        ("b1", 2, 12, 41.4),
        ("c2", 3, 9, 31.0),
        ("a2", 4, 0, 0.0),
        ("b2", 4, 0, 0.0),
        ("c1", 4, 0, 0.0),
    ]
    assert [(g["theme"], [r["code"] for r in g["rows"]]) for g in results["top"]] == [
        (af.DELIBERATION, ["a1", "c2"]),
        (af.COOPERATION, ["b1"]),
    ]
    by_code = {row["code"]: row for row in results["objectives"]}
    assert {k: by_code["a"][k] for k in ("n", "q1", "median", "q3")} == {"n": 29, "q1": 1, "median": 2, "q3": 3}
    assert {k: by_code["b"][k] for k in ("n", "q1", "median", "q3")} == {"n": 29, "q1": 2, "median": 3, "q3": 3}
    assert {k: by_code["c"][k] for k in ("n", "q1", "median", "q3")} == {"n": 29, "q1": 1.5, "median": 1.5, "q3": 1.5}
    profile = {row["code"]: row["level"] for row in pole_profile(results, poles[7].pk)}
    assert profile == {"a": 2, "b": 2, "c": 1.5}
    # Same stored answers, same figures.
    assert campaign_results(campaign)["ranking"] == results["ranking"]
