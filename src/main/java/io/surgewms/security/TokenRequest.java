package io.surgewms.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A secret from the request: a session cookie or an API key. */
final class TokenRequest extends BaseAuthenticationRequest {
    enum Kind { SESSION, KEY }

    final Kind kind;
    final String secret;

    TokenRequest(Kind kind, String secret) {
        this.kind = kind;
        this.secret = secret;
    }
}
