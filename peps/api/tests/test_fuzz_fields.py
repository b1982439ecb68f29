"""Every field the OpenAPI description declares, sent null and with wrong types: the answer is
never a 500; a value the description refuses is a 422 that names the field. Walks the
description itself, so a field added tomorrow is fuzzed too (schemathesis, in
test_schemathesis.py, generates valid-looking inputs; this is the systematic negative side)."""

import json

import pytest

from peps.partnerships.models import Need, Offer

from .test_members import NEED, OFFER

# Values of another JSON type than the declared one: a 422 naming the field.
WRONG = {
    "string": [12345, True, {"a": 1}, ["x"]],
    "integer": ["abc", 1.5, {"a": 1}, ["1"]],
    "boolean": ["peut-être", 2, {"a": 1}, ["true"]],
    "array": ["x", 3, {"a": 1}],
    "object": ["x", 3, ["x"]],
}
# Values that pydantic's lax mode reads as the declared type (true as 1): no 500, that is all.
LENIENT = {"integer": [True, False, "12"], "boolean": [0, "true"]}
# Query strings and paths carry text only: what cannot be read as the declared type.
WRONG_IN_URL = {"integer": ["abc", "1.5", "9" * 30], "boolean": ["peut-être"]}


def _resolve(schema: dict, spec: dict) -> dict:
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _types(schema: dict, spec: dict) -> tuple[set[str], bool]:
    """The JSON types a field accepts, and whether it accepts null."""
    schema = _resolve(schema, spec)
    variants = schema.get("anyOf") or schema.get("oneOf") or [schema]
    types = set()
    for variant in variants:
        variant = _resolve(variant, spec)
        kind = variant.get("type")
        if kind is None and "enum" in variant:
            kind = "string"
        if kind:
            types.add(kind)
    nullable = "null" in types
    return types - {"null"}, nullable


def _operations(spec: dict):
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            yield path, method, operation


def _erreurs(response) -> list[str]:
    return [error["champ"] for error in response.json().get("erreurs", [])]


@pytest.fixture
def owned(client, seeded, auth, settings):
    """One offer and one need of the token's holder, so PATCH reaches the services."""
    # Hundreds of calls: the rate limits are tested on their own (test_throttle.py).
    settings.PEPS_API_RATES = {"anon": "100000/min", "auth": "100000/min"}
    offer = client.post("/api/offres", OFFER, content_type="application/json", **auth)
    need = client.post(
        "/api/besoins", {**NEED, "projet_id": seeded["project"].pk}, content_type="application/json", **auth
    )
    assert (offer.status_code, need.status_code) == (201, 201), (offer.content, need.content)
    return {"offres": offer.json()["id"], "besoins": need.json()["id"]}


def _url(path: str, owned: dict) -> str:
    for collection, pk in owned.items():
        path = path.replace(f"/{collection}/{{id}}", f"/{collection}/{pk}")
    return path.replace("{id}", "1").replace("{slug}", "pollens")


def _bases(path: str, owned: dict, seeded) -> dict:
    """A body the operation accepts, so that only the fuzzed field is wrong."""
    if path == "/api/offres":
        return OFFER
    if path == "/api/besoins":
        return {**NEED, "projet_id": seeded["project"].pk}
    return {}


@pytest.mark.slow
def test_null_and_wrong_types_in_bodies_are_422_naming_the_field(client, seeded, auth, owned):
    assert _send_to_each_body_field(client, seeded, auth, owned, _wrong_types) > 50


@pytest.mark.slow
def test_values_just_past_a_declared_bound_are_422_naming_the_field(client, seeded, auth, owned):
    """The bounds the description declares (lengths, minimum and maximum, enums, patterns,
    sizes of lists): one step past each is a 422 naming the field; the bound itself is never
    a 500. The systematic side of what schemathesis' coverage phase would send by hundreds."""
    assert _send_to_each_body_field(client, seeded, auth, owned, _bounds) > 100


def _send_to_each_body_field(client, seeded, auth, owned, cases_of) -> int:
    """Send each (value, refused) case that `cases_of(field, spec)` gives for each field of each
    body the description declares, the rest of the body valid: never a 500; a refused value
    is a 422 that names the field (a list's wrong item with its place: « jours.0 »), in words
    that read in French. Returns how many were sent."""
    spec = client.get("/api/openapi.json").json()
    sent = 0
    for path, method, operation in _operations(spec):
        body_schema = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
        if body_schema is None:
            continue
        properties = _resolve(body_schema, spec).get("properties", {})
        assert properties, f"{method} {path}: no declared field?"
        for name, field in properties.items():
            for value, refused in cases_of(field, spec):
                payload = {**_bases(path, owned, seeded), name: value}
                response = getattr(client, method)(
                    _url(path, owned), json.dumps(payload), content_type="application/json", **auth
                )
                sent += 1
                where = f"{method.upper()} {path} {name}={str(value)[:40]!r}"
                assert response.status_code < 500, f"{where}: {response.status_code}"
                if refused:
                    assert response.status_code == 422, f"{where}: {response.status_code} {response.content!r}"
                    assert name in {champ.split(".")[0] for champ in _erreurs(response)}, f"{where}: {response.json()}"
                    assert " or " not in response.content.decode(), f"{where}: English in {response.json()}"
    return sent


def _wrong_types(field: dict, spec: dict) -> list[tuple]:
    """(value, refused) pairs: null, and values of the JSON types the field does not accept."""
    types, nullable = _types(field, spec)
    cases = [(None, not nullable)] + [(v, True) for kind in types for v in WRONG.get(kind, [])]
    cases += [(v, False) for kind in types for v in LENIENT.get(kind, [])]
    # A value of a type the field also accepts is not wrong (e.g. a string or an integer).
    return [(v, refused) for v, refused in cases if v is None or not _accepted(v, types)]


def _bounds(field: dict, spec: dict) -> list[tuple]:
    """(value, refused) pairs at and just past each bound the field declares."""
    field = _resolve(field, spec)
    cases: list[tuple] = []
    for variant in [_resolve(v, spec) for v in field.get("anyOf") or field.get("oneOf") or [field]]:
        if "enum" in variant:
            cases += [("pas-une-valeur", True), (variant["enum"][-1], False)]
        if "maxLength" in variant:
            cases += [("x" * (variant["maxLength"] + 1), True), ("x" * variant["maxLength"], False)]
        if variant.get("minLength", 0) >= 1:
            cases += [("", True)]
        if "pattern" in variant:
            cases += [("!!", True)]
        if "minimum" in variant:
            cases += [(variant["minimum"] - 1, True), (variant["minimum"], False)]
        if "maximum" in variant:
            cases += [(variant["maximum"] + 1, True), (variant["maximum"], False)]
        items = _resolve(variant.get("items", {}), spec)
        if "enum" in items:
            cases += [(["pas-une-valeur"], True), (list(items["enum"]), False)]
            if "maxItems" in variant:
                cases += [([items["enum"][0]] * (variant["maxItems"] + 1), True)]
        elif "pattern" in items:
            cases += [(["!!"], True)]
    return cases


def _accepted(value, types: set[str]) -> bool:
    kinds = {str: "string", bool: "boolean", int: "integer", float: "number", dict: "object", list: "array"}
    kind = kinds[type(value)]
    return kind in types or (kind == "integer" and "number" in types)


def test_wrong_types_in_query_and_path_are_4xx_never_500(client, seeded, auth, owned):
    spec = client.get("/api/openapi.json").json()
    sent = 0
    for path, method, operation in _operations(spec):
        if method != "get":
            continue
        for parameter in operation.get("parameters", []):
            types, _nullable = _types(parameter["schema"], spec)
            values = [v for kind in types for v in WRONG_IN_URL.get(kind, [])] or ["!!!", "\x00", "é" * 300]
            for value in values:
                url = _url(path, owned)
                query = {"pole": "pollens"} if any(p["name"] == "pole" for p in operation["parameters"]) else {}
                if parameter["in"] == "path":
                    url = path.replace("{" + parameter["name"] + "}", value if "\x00" not in value else "x")
                else:
                    query[parameter["name"]] = value
                response = client.get(url, query, **auth)
                sent += 1
                where = f"GET {path} {parameter['name']}={value!r}"
                assert response.status_code < 500, f"{where}: {response.status_code}"
                if types & {"integer", "boolean"} and parameter["in"] == "query":
                    assert response.status_code == 422, f"{where}: {response.status_code}"
                    assert parameter["name"] in _erreurs(response), f"{where}: {response.json()}"
    assert sent > 30


def test_patch_with_null_in_a_field_that_cannot_be_empty_is_422_naming_it(client, owned, auth):
    """The defect of issue 12: {"portee": null} was a 500 (NOT NULL constraint)."""
    for collection, model in (("besoins", Need), ("offres", Offer)):
        for field in ("portee", "ouvert", "rayon_km", "categorie"):
            response = client.patch(
                f"/api/{collection}/{owned[collection]}", {field: None}, content_type="application/json", **auth
            )
            assert response.status_code == 422, (collection, field, response.content)
            assert _erreurs(response) == [field]
            assert "null" in response.json()["erreurs"][0]["message"]
        item = model.objects.get(pk=owned[collection])
        assert item.reach and item.is_open is True and item.radius_km
