"""pooling_opportunities: similar needs of different owners in the same category."""

from types import SimpleNamespace

from peps.partnerships.pooling import pooling_opportunities, title_words


def need(pk, title, category="skills", project=None, structure=None):
    return SimpleNamespace(pk=pk, title=title, category=category, project_id=project, structure_id=structure or pk)


def test_words_are_folded_stemmed_and_stop_words_dropped():
    assert set(title_words("Un comptable à temps partiel")) == set(title_words("Comptables, temps PARTIELS"))
    assert "de" not in title_words("Un local de 50 m²")


def test_three_associations_needing_accounting_are_one_opportunity():
    needs = [need(1, "Comptabilité à mi-temps"), need(2, "Un comptable à temps partiel"), need(3, "Aide comptable")]
    (opportunity,) = pooling_opportunities(needs + [need(4, "Un graphiste")])
    assert {n.pk for n in opportunity.needs} == {1, 2, 3} and "comptabilite" in opportunity.words


def test_the_same_owner_twice_is_not_pooling():
    assert (
        pooling_opportunities([need(1, "Un camion", structure=7), need(2, "Un camion frigorifique", structure=7)]) == []
    )


def test_different_categories_do_not_mix():
    assert pooling_opportunities([need(1, "Un camion", "equipment"), need(2, "Un camion", "funding")]) == []
