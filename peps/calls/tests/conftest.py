"""Fixtures of the calls app: an open call with its questions and criteria, an applicant,
another applicant, and the steering committee's reviewers."""

import pytest

from peps.calls.models import FieldKind
from peps.core.testing import factories as f

from .factories import (
    ApplicationFactory,
    AssignmentFactory,
    CallFactory,
    CallFieldFactory,
    CriterionFactory,
    reviewer_of,
)


@pytest.fixture
def call(db):
    call = CallFactory(title="Appel national des PTCE")
    CallFieldFactory(call=call, label="Présentation du pôle", kind=FieldKind.LONG_TEXT, required=True)
    CallFieldFactory(call=call, label="Nombre de structures membres", kind=FieldKind.NUMBER)
    CallFieldFactory(
        call=call, label="Stade", kind=FieldKind.CHOICE, choices="Opérationnel\nEn développement", required=True
    )
    CallFieldFactory(call=call, label="Gouvernance partagée ?", kind=FieldKind.YES_NO)
    CallFieldFactory(call=call, label="Statuts", kind=FieldKind.FILE)
    CriterionFactory(call=call, label="Ancrage territorial", weight=3)
    CriterionFactory(call=call, label="Coopérations diversifiées", weight=1)
    return call


@pytest.fixture
def fields(call):
    return {f.label: f for f in call.fields.all()}


@pytest.fixture
def applicant(db):
    return f.UserFactory(email="alice.porteuse@example.org", display_name="Alice")


@pytest.fixture
def other_applicant(db):
    return f.UserFactory(email="bob.porteur@example.org", display_name="Bob")


@pytest.fixture
def draft(call, applicant):
    return ApplicationFactory(call=call, applicant=applicant, pole_name="PTCE du Val de Sèvre")


@pytest.fixture
def reviewer(call):
    return reviewer_of(call, f.UserFactory(email="rita.relectrice@example.org", display_name="Rita"))


@pytest.fixture
def other_reviewer(call):
    return reviewer_of(call, f.UserFactory(email="victor.relecteur@example.org", display_name="Victor"))


@pytest.fixture
def submitted(call, applicant, fields):
    from .factories import SubmittedApplicationFactory

    return SubmittedApplicationFactory(
        call=call,
        applicant=applicant,
        pole_name="PTCE du Val de Sèvre",
        answers={fields["Présentation du pôle"].key: "Un pôle rural.", fields["Stade"].key: "Opérationnel"},
    )


@pytest.fixture
def assignment(submitted, reviewer):
    return AssignmentFactory(application=submitted, reviewer=reviewer)
