-- sts-service's session-signing keys (ES256, P-256), rotated: the newest unretired key signs new session tokens; a
-- retired key is still published (GET /internal/v1/session-keys) until the last token it signed has expired
-- (verify_until), then deleted. The private key is kept as a JWE encrypted to the session-encryption key (every
-- replica holds it), never in clear.
create table signing_keys (
    kid          varchar(64)  primary key,
    private_key  text         not null,
    public_jwks  text         not null,
    created_at   timestamptz  not null,
    retired_at   timestamptz,
    verify_until timestamptz
);
