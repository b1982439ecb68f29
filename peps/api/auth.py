"""Authentication of API calls by personal token: `Authorization: Bearer peps_…`. The
token's owner becomes request.user, so django-rules answers exactly as on the web pages."""

from ninja.security import HttpBearer

from .services import api_token_authenticate


class TokenAuth(HttpBearer):
    openapi_description = "Jeton personnel créé sur la page /api/jetons/ : « Authorization: Bearer peps_… »."

    def authenticate(self, request, token: str):
        found = api_token_authenticate(token.strip()) if token else None
        if found is None:
            return None
        request.user = found.user
        return found


token_auth = TokenAuth()
