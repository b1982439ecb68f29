"""Who may do what with needs, offers and partnerships (see docs/roles-and-permissions.md).

Needs of a project: its holder and the pole's coordinators. Needs and offers of a structure:
its approved representatives (and, for needs, the coordinators). A person's offer: that
person. A partnership: the side that did not propose answers; both sides and the
coordinators follow it, write messages and move it along."""

import rules

from peps.core.predicates import is_network_admin, is_pole_coordinator


def _represents(user, structure) -> bool:
    from peps.directory.selectors import is_approved_representative

    return structure is not None and structure.is_active and is_approved_representative(user, structure)


@rules.predicate
def holds_project(user, project) -> bool:
    return bool(user.is_authenticated and project is not None and project.holder_id == user.pk)


@rules.predicate
def represents_structure(user, structure) -> bool:
    return bool(user.is_authenticated and _represents(user, structure))


@rules.predicate
def owns_need(user, need) -> bool:
    if not user.is_authenticated or need is None:
        return False
    if need.project_id:
        return need.project.holder_id == user.pk
    return _represents(user, need.structure)


@rules.predicate
def owns_offer(user, offer) -> bool:
    if not user.is_authenticated or offer is None:
        return False
    if offer.person_id:
        return offer.person_id == user.pk
    return _represents(user, offer.structure)


@rules.predicate
def on_project_side(user, partnership) -> bool:
    return bool(user.is_authenticated and partnership is not None and partnership.project.holder_id == user.pk)


@rules.predicate
def on_partner_side(user, partnership) -> bool:
    if not user.is_authenticated or partnership is None:
        return False
    if partnership.partner_person_id:
        return partnership.partner_person_id == user.pk
    return _represents(user, partnership.partner_structure)


@rules.predicate
def is_answering_side(user, partnership) -> bool:
    if partnership is None:
        return False
    side = on_project_side if partnership.proposed_by_partner else on_partner_side
    return side.test(user, partnership)


is_coordination = is_pole_coordinator | is_network_admin

# obj: a Project
rules.add_perm("partnerships.add_project_need", holds_project | is_coordination)
# obj: a Structure
rules.add_perm("partnerships.add_structure_need", represents_structure | is_coordination)
rules.add_perm("partnerships.add_structure_offer", represents_structure)
# obj: a Need / an Offer
rules.add_perm("partnerships.change_need", owns_need | is_coordination)
rules.add_perm("partnerships.change_offer", owns_offer)
# obj: a Partnership
rules.add_perm("partnerships.view_partnership", on_project_side | on_partner_side | is_coordination)
rules.add_perm("partnerships.answer_partnership", is_answering_side)
rules.add_perm("partnerships.follow_up_partnership", on_project_side | on_partner_side | is_coordination)
# obj: a Pole
rules.add_perm("partnerships.view_dashboard", is_coordination)
