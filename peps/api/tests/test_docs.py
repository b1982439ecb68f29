"""The browsable docs: our page with Swagger UI served from the django-ninja package (no CDN),
so that it works under the strict CSP (script-src 'self')."""

import re


def test_docs_page_uses_only_same_origin_assets(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-openapi-url="/api/openapi.json"' in html
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert not [s for s in sources if s.startswith(("http:", "https:", "//")) and "etalab" not in s]
    assert "/api/docs/assets/swagger-ui-bundle.js" in sources


def test_swagger_assets_come_from_the_ninja_package(client):
    script = client.get("/api/docs/assets/swagger-ui-bundle.js")
    assert script.status_code == 200 and script["Content-Type"] == "text/javascript"
    assert client.get("/api/docs/assets/swagger-ui.css")["Content-Type"] == "text/css"
    assert client.get("/api/docs/assets/settings.py").status_code == 404
    assert client.get("/api/docs/assets/..%2F__init__.py").status_code == 404
