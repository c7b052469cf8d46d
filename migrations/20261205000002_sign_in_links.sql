-- One-time sign-in links: `carcosa dev` prints one that signs its demo organization's owner in
-- (creating that account on first use). Only the token's SHA-256 is kept; a link works once.
CREATE TABLE sign_in_links (
    token_hash       bytea PRIMARY KEY,
    email            text NOT NULL,
    organization_id  uuid REFERENCES organizations (id) ON DELETE CASCADE,
    expires_at       timestamptz NOT NULL,
    used_at          timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now()
);
