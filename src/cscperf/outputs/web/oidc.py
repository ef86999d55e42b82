"""Sign-in through an organisation's identity provider (OpenID Connect, e.g. Microsoft Entra ID).

The authorization code flow with PKCE, against the provider's standard discovery document
(ISSUER/.well-known/openid-configuration). The provider says who the person is; cscperf decides
what they may do: the name in the configured claim must match a cscperf account, whose role applies.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import threading
from dataclasses import dataclass
from urllib.parse import urlencode

import httpx
import jwt

# Only asymmetric signatures: a token signed with a shared secret could be forged by any client.
SIGNING_ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512")
TIMEOUT = 10


class OidcError(Exception):
    """Sign-in through the provider did not succeed; the message is safe to show."""


@dataclass(frozen=True)
class Provider:
    issuer: str
    client_id: str
    client_secret: str
    username_claim: str
    name: str


@dataclass(frozen=True)
class Pending:
    """What the browser carries (signed) between leaving for the provider and coming back."""

    state: str
    nonce: str
    verifier: str
    next: str


class Client:
    def __init__(self, provider: Provider):
        self.provider = provider
        self._metadata: dict | None = None
        self._keys: jwt.PyJWKSet | None = None
        self._lock = threading.Lock()

    def metadata(self) -> dict:
        with self._lock:
            if self._metadata is None:
                url = self.provider.issuer.rstrip("/") + "/.well-known/openid-configuration"
                found = _get_json(url)
                if found.get("issuer", "").rstrip("/") != self.provider.issuer.rstrip("/"):
                    raise OidcError("the identity provider's discovery document names another issuer")
                self._metadata = found
            return self._metadata

    def _signing_key(self, token: str, refresh: bool = False):
        kid = jwt.get_unverified_header(token).get("kid")
        with self._lock:
            if self._keys is None or refresh:
                self._keys = jwt.PyJWKSet.from_dict(_get_json(self._metadata["jwks_uri"]))
            keys = self._keys.keys
        for key in keys:
            if kid is None or key.key_id == kid:
                return key
        if not refresh:  # the provider may have rotated its keys since we fetched them
            return self._signing_key(token, refresh=True)
        raise OidcError("the identity provider's token was signed with an unknown key")

    def start(self, redirect_uri: str, next_path: str) -> tuple[str, Pending]:
        """The provider's sign-in address to send the browser to, and what to remember."""
        pending = Pending(secrets.token_urlsafe(24), secrets.token_urlsafe(24),
                          secrets.token_urlsafe(48), next_path)
        challenge = base64.urlsafe_b64encode(hashlib.sha256(pending.verifier.encode()).digest())
        query = urlencode({
            "response_type": "code", "client_id": self.provider.client_id,
            "redirect_uri": redirect_uri, "scope": "openid profile email",
            "state": pending.state, "nonce": pending.nonce,
            "code_challenge": challenge.rstrip(b"=").decode(), "code_challenge_method": "S256",
        })
        return f"{self.metadata()['authorization_endpoint']}?{query}", pending

    def finish(self, pending: Pending, params, redirect_uri: str) -> str:
        """Check the provider's answer, exchange the code and return the person's user name."""
        if params.get("error"):
            raise OidcError("the identity provider did not sign you in")
        if not params.get("code") or not secrets.compare_digest(params.get("state", ""), pending.state):
            raise OidcError("the sign-in answer did not match the request")
        metadata = self.metadata()
        form = {"grant_type": "authorization_code", "code": params["code"],
                "redirect_uri": redirect_uri, "code_verifier": pending.verifier,
                "client_id": self.provider.client_id}
        auth = (self.provider.client_id, self.provider.client_secret) if self.provider.client_secret else None
        try:
            answer = httpx.post(metadata["token_endpoint"], data=form, auth=auth, timeout=TIMEOUT)
            answer.raise_for_status()
            id_token = answer.json()["id_token"]
            claims = jwt.decode(
                id_token, self._signing_key(id_token),
                algorithms=[a for a in metadata.get("id_token_signing_alg_values_supported", ["RS256"])
                            if a in SIGNING_ALGORITHMS],
                audience=self.provider.client_id, issuer=metadata["issuer"], leeway=60,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]})
        except (httpx.HTTPError, KeyError, ValueError, jwt.PyJWTError) as error:
            raise OidcError(f"the identity provider's answer could not be checked ({type(error).__name__})") from None
        if not secrets.compare_digest(str(claims.get("nonce", "")), pending.nonce):
            raise OidcError("the sign-in answer did not match the request")
        name = claims.get(self.provider.username_claim)
        if not isinstance(name, str) or not name:
            raise OidcError(f"the identity provider did not give a {self.provider.username_claim}")
        return name


def _get_json(url: str) -> dict:
    try:
        answer = httpx.get(url, timeout=TIMEOUT)
        answer.raise_for_status()
        return answer.json()
    except (httpx.HTTPError, ValueError) as error:
        raise OidcError(f"the identity provider could not be reached ({type(error).__name__})") from None
