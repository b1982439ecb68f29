import datetime

import pytest
from django.utils import translation

from peps.matching.scoring import (
    WEIGHTS,
    Scored,
    availability_fit,
    bounding_box,
    category_fit,
    distance_fit,
    freshness_fit,
    haversine_km,
    reasons_for,
    score_pair,
    territory_fit,
    text_fit,
)

TODAY = datetime.date(2026, 3, 1)
NOW = datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC)
ROANNE = (46.0348091, 4.0733528)
CHARLIEU = (46.1594009399, 4.17174005508)


def row(**overrides):
    base = {
        "pk": 1,
        "pole_id": 1,
        "category": "premises",
        "reach": "around",
        "radius_km": 20,
        "latitude": ROANNE[0],
        "longitude": ROANNE[1],
        "epci_code": "200035731",
        "starts_on": None,
        "ends_on": None,
        "updated_at": NOW,
        "facts": {},
    }
    return base | overrides


def test_weights_add_up_to_one():
    assert sum(WEIGHTS.components.values()) == pytest.approx(1.0)


def test_haversine_roanne_charlieu_is_about_sixteen_kilometres():
    assert haversine_km(*ROANNE, *CHARLIEU) == pytest.approx(15.8, abs=0.3)


def test_bounding_box_contains_points_within_the_distance():
    lat_min, lat_max, lon_min, lon_max = bounding_box(*ROANNE, 20)
    assert lat_min < CHARLIEU[0] < lat_max and lon_min < CHARLIEU[1] < lon_max
    lat_min, lat_max, lon_min, lon_max = bounding_box(*ROANNE, 10)
    assert not lat_min < CHARLIEU[0] < lat_max


def test_category_same_related_and_unrelated():
    assert category_fit("premises", "premises") == 1.0
    assert category_fit("premises", "equipment") == WEIGHTS.related_category
    assert category_fit("premises", "funding") == 0.0


def test_distance_decays_with_the_need_radius():
    near, km = distance_fit(row(), row())
    assert near == 1.0 and km == 0
    far, km = distance_fit(row(radius_km=20), row(latitude=CHARLIEU[0], longitude=CHARLIEU[1]))
    assert 0.58 < far < 0.65 and km == pytest.approx(15.8, abs=0.3)
    narrow, _ = distance_fit(row(radius_km=5), row(latitude=CHARLIEU[0], longitude=CHARLIEU[1]))
    assert narrow < 0.1


def test_whole_territory_fits_anywhere_in_the_same_pole_only():
    assert distance_fit(row(reach="territory", latitude=None), row()) == (1.0, None)
    assert distance_fit(row(), row(reach="territory", pole_id=2)) == (0.0, None)


def test_unknown_place_gets_half_marks():
    assert distance_fit(row(latitude=None), row()) == (WEIGHTS.unknown_distance, None)


def test_territory_counts_pole_and_intercommunality():
    assert territory_fit(row(), row()) == 1.0
    assert territory_fit(row(), row(epci_code="200035202")) == 0.5
    assert territory_fit(row(), row(pole_id=2, epci_code="x")) == 0.0


def test_availability_overlap():
    june = {"starts_on": datetime.date(2026, 6, 1), "ends_on": datetime.date(2026, 6, 30)}
    assert availability_fit(row(**june), row(), TODAY) == 1.0  # ongoing offer
    summer = {"starts_on": datetime.date(2026, 6, 15), "ends_on": datetime.date(2026, 9, 1)}
    assert availability_fit(row(**june), row(**summer), TODAY) == 0.6
    autumn = {"starts_on": datetime.date(2026, 10, 1), "ends_on": datetime.date(2026, 11, 1)}
    assert availability_fit(row(**june), row(**autumn), TODAY) == 0.0
    over = {"starts_on": None, "ends_on": datetime.date(2026, 2, 1)}
    assert availability_fit(row(), row(**over), TODAY) == 0.0


def test_freshness_halves_every_half_life():
    old = NOW - datetime.timedelta(days=WEIGHTS.freshness_half_life_days)
    assert freshness_fit(NOW, NOW) == 1.0
    assert freshness_fit(old, NOW) == pytest.approx(0.5)


def test_text_saturates_at_a_share_of_the_ideal():
    assert text_fit(0, 10) == 0.0
    assert text_fit(3, 10) == pytest.approx(0.5)
    assert text_fit(50, 10) == 1.0
    assert text_fit(5, 0) == 0.0


def test_score_is_between_zero_and_one():
    same = row(facts={"kind": "meeting_room"})
    best = score_pair(same, same, candidate=same, bm25=10, ideal=10, history=True, today=TODAY, now=NOW, cosine=0.9)
    assert best.score == pytest.approx(1.0)
    worst = score_pair(
        row(),
        row(category="funding", pole_id=2, epci_code="", ends_on=datetime.date(2020, 1, 1), reach="territory"),
        candidate=row(updated_at=NOW - datetime.timedelta(days=3650)),
        bm25=0,
        ideal=10,
        history=False,
        today=TODAY,
        now=NOW,
    )
    # Only what nothing is known about is left: the nature (½) and the schedule (all of it).
    assert 0 <= worst.score <= WEIGHTS.kind * 0.5 + WEIGHTS.schedule + 1e-4  # scores are rounded


def test_reasons_are_short_french_phrases():
    need = row(starts_on=datetime.date(2026, 6, 1), ends_on=datetime.date(2026, 6, 2))
    offer = row(latitude=46.0415992737, longitude=4.04476976395)
    scored = score_pair(need, offer, candidate=offer, bm25=5, ideal=10, history=True, today=TODAY, now=NOW)
    with translation.override("fr"):
        reasons = reasons_for(scored, need, offer, ["local", "soirée"])
    assert reasons == [
        "même catégorie",
        "mots en commun : local, soirée",
        "à 2,3 km",
        "même intercommunalité",
        "disponible aux mêmes dates",
        "déjà partenaire de projets similaires",
    ]


def test_reasons_for_a_whole_territory_offer_and_a_related_category():
    offer = row(reach="territory", category="equipment", latitude=None, epci_code="")
    scored = Scored(pk=1, score=0.5, components={"category": 0.35, "distance": 1.0, "availability": 1.0, "history": 0})
    with translation.override("fr"):
        assert reasons_for(scored, row(), offer, []) == ["catégorie proche", "sur tout le territoire du pôle"]


def test_the_component_weights_add_up_to_one():
    assert sum(WEIGHTS.components.values()) == pytest.approx(1.0, abs=1e-3)


def test_a_misfit_ranks_after_any_fit_whatever_the_score():
    need = row(facts={"capacity": 30})
    small = score_pair(
        need, row(facts={"capacity": 10}), candidate=row(pk=2), bm25=10, ideal=10, history=True, today=TODAY, now=NOW
    )
    poor = score_pair(
        need,
        row(category="other", facts={}),
        candidate=row(pk=3),
        bm25=0,
        ideal=10,
        history=False,
        today=TODAY,
        now=NOW,
    )
    assert small.score > poor.score
    assert sorted([small, poor], key=lambda s: s.rank_key) == [poor, small]


# Kinds of candidate for the memo's tests: answers × places × dates (× reach…).
ANSWERS = [
    {},
    {"departement": "42"},
    {"capacity": 12, "kind": "meeting_room", "departement": "42"},
    {"capacity": 30, "weekdays": ["tue", "thu"], "day_parts": ["evening"], "departement": "42"},
    {"served_departements": ["69"], "departement": "69"},
    {"remote_ok": True},
    {"travels": True},
]
PLACES = [ROANNE, CHARLIEU, (45.76, 4.83)]
DATES = [(None, None), (datetime.date(2026, 5, 1), None), (None, datetime.date(2026, 2, 1))]


def test_a_query_s_memo_gives_each_pair_the_score_it_has_without_it():
    import itertools
    import json

    from peps.matching.scoring import PairMemo

    need = row(
        pk=100,
        facts={
            "capacity": 15,
            "weekdays": ["tue"],
            "day_parts": ["evening"],
            "departement": "42",
            "kind": "meeting_room",
        },
        starts_on=datetime.date(2026, 4, 1),
        ends_on=datetime.date(2026, 6, 1),
    )
    offers = []
    for pk, (facts, place, (starts_on, ends_on), reach) in enumerate(
        itertools.product(ANSWERS, PLACES, DATES, ["around", "territory"]), start=1
    ):
        offers.append(
            row(
                pk=pk,
                facts=facts,
                facts_key=json.dumps(facts, sort_keys=True),
                latitude=place[0],
                longitude=place[1],
                starts_on=starts_on,
                ends_on=ends_on,
                reach=reach,
                updated_at=NOW - datetime.timedelta(days=pk),
            )
        )
    memo = PairMemo()
    for _twice in range(2):  # the second time every fit comes from the memo
        for offer in offers:
            kwargs = dict(candidate=offer, bm25=1.0, ideal=2.0, history=False, today=TODAY, now=NOW, cosine=0.4)
            alone, shared = score_pair(need, offer, **kwargs), score_pair(need, offer, memo=memo, **kwargs)
            assert (shared.score, shared.components, shared.km) == (alone.score, alone.components, alone.km)
            assert (shared.fit.misfits, shared.fit.notes, shared.fit.warnings) == (
                alone.fit.misfits,
                alone.fit.notes,
                alone.fit.warnings,
            )
    assert len(memo.parts) == len(offers)  # one fit per distinct candidate, however often scored


def test_scoring_raw_rows_gives_each_pair_the_score_it_has_alone():
    # The engine scores its candidates from their raw index rows (score_rows): the same score,
    # components, distance, fit and row as score_pair on each row, in either direction, the
    # facts read as text and updated_at naive (SQLite) or aware.
    import itertools
    import json

    from peps.matching.scoring import RAW_FIELDS, PairMemo, score_rows, with_cosine

    query = row(
        pk=100,
        facts={"capacity": 15, "weekdays": ["tue"], "day_parts": ["evening"], "departement": "42"},
        starts_on=datetime.date(2026, 4, 1),
        ends_on=datetime.date(2026, 6, 1),
    )
    raws, rows = [], {}
    for pk, (facts, place, (starts_on, ends_on), reach, aware) in enumerate(
        itertools.product(ANSWERS, PLACES, DATES, ["around", "territory"], [False, True]), start=1
    ):
        updated_at = NOW - datetime.timedelta(days=pk, seconds=pk)
        text = json.dumps(facts, sort_keys=True)
        rows[pk] = row(
            pk=pk,
            facts=facts,
            facts_key=text,
            latitude=place[0],
            longitude=place[1],
            starts_on=starts_on,
            ends_on=ends_on,
            reach=reach,
            updated_at=updated_at,
        )
        values = rows[pk] | {"facts": text, "updated_at": updated_at if aware else updated_at.replace(tzinfo=None)}
        raws.append((*(values[name] for name in RAW_FIELDS), "more columns"))
    bm25 = {pk: pk / 50 for pk in rows if pk % 3}
    for query_is_need in (True, False):
        scored = score_rows(
            query,
            raws,
            query_is_need=query_is_need,
            make_row=lambda raw: rows[raw[0]],
            bm25=bm25,
            ideal=2.0,
            today=TODAY,
            now=NOW,
            memo=PairMemo(),
        )
        assert len(scored) == len(rows)
        for s in scored:
            need, offer = (query, rows[s.pk]) if query_is_need else (rows[s.pk], query)
            kwargs = dict(candidate=rows[s.pk], bm25=bm25.get(s.pk, 0.0), ideal=2.0, today=TODAY, now=NOW)
            alone = score_pair(need, offer, history=False, **kwargs)
            assert (s.score, s.components, s.km, s.row, s.rank_key) == (
                alone.score,
                alone.components,
                alone.km,
                alone.row,
                alone.rank_key,
            )
            assert (s.fit.misfits, s.fit.notes, s.fit.warnings) == (
                alone.fit.misfits,
                alone.fit.notes,
                alone.fit.warnings,
            )
            # Meaning added later: what score_pair gives with that cosine.
            meant = score_pair(need, offer, history=False, cosine=0.4, hub=0.1, **kwargs)
            added = with_cosine(s, 0.4, hub=0.1)
            assert (added.score, added.components, added.row) == (meant.score, meant.components, meant.row)
