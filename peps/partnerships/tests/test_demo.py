"""seed_partnerships_demo: needs, ~30 offers, one accepted partnership; twice adds nothing."""

from peps.core.testing import factories as f
from peps.partnerships.demo import LOCAL_NEED, seed_partnerships_demo
from peps.partnerships.models import Need, Offer, Partnership
from peps.partnerships.selectors import suggestions_for_need


def test_the_demo_seed(pole, commune, holder):
    for index in range(4):
        f.ProjectFactory(pole=pole, holder=holder, commune=commune, title=f"Projet démo {index}")
    for index in range(8):
        f.StructureFactory(pole=pole, commune=commune, name=f"Structure démo {index}")
    report = seed_partnerships_demo(pole)
    assert (report.needs, report.offers, report.partnerships) == (8, 30, 1)
    local = Need.objects.get(title=LOCAL_NEED)
    assert Partnership.objects.get().status == "accepted" and Partnership.objects.get().need == local
    suggestions = suggestions_for_need(need=local, user=holder)
    assert suggestions and all(s.offer.category == "premises" for s in suggestions[:1])
    assert seed_partnerships_demo(pole).needs == 0
    assert Offer.objects.count() == 30


def test_demo_rows_belong_to_plausible_owners_and_carry_their_details(pole, commune, holder):
    titles = ["Conserverie de légumes locaux", "Recyclerie des matériaux du bâtiment", "Autre projet"]
    projects = {t: f.ProjectFactory(pole=pole, holder=holder, commune=commune, title=t) for t in titles}
    names = ["Amis du patrimoine", "Jardins solidaires de Villerest", "Pack’Services"]
    structures = {n: f.StructureFactory(pole=pole, commune=commune, name=n) for n in names}
    seed_partnerships_demo(pole)
    warehouse = Need.objects.get(title="Un entrepôt pour stocker des matériaux du bâtiment")
    assert warehouse.project == projects["Recyclerie des matériaux du bâtiment"]
    assert (warehouse.kind, warehouse.area_m2) == ("storage", 200)
    vegetables = Offer.objects.get(title="Légumes bio en gros")
    assert vegetables.structure == structures["Jardins solidaires de Villerest"]
    storage = Offer.objects.get(title="Local de stockage de 300 m²")
    assert storage.structure == structures["Pack’Services"] and storage.area_m2 == 300
