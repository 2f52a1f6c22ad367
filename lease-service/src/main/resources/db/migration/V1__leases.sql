-- lease-service's schema (lease-service/README.md). Every query pages or aggregates: nothing loads all leases.

CREATE TABLE leases (
    lease_id          text        PRIMARY KEY,
    mount_path        text        NOT NULL,
    mount_accessor    text        NOT NULL,
    role              text        NOT NULL DEFAULT '',
    token_accessor    text        NOT NULL DEFAULT '',
    issue_time        timestamptz NOT NULL,
    expire_time       timestamptz NOT NULL,
    last_renewal      timestamptz,
    -- issue_time + the registration's max TTL; null when the node gave none
    max_expire_time   timestamptz,
    renewable         boolean     NOT NULL,
    -- the node's barrier-sealed internal data (base64), opaque here
    revocation_data   text        NOT NULL,
    -- active: live; revoking: to be revoked (expired, revoked, by prefix or token); irrevocable: gave up
    state             text        NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'revoking', 'irrevocable')),
    attempts          integer     NOT NULL DEFAULT 0,
    last_error        text,
    -- revoking: when a worker may take it next (a claim pushes it to the claim's deadline)
    next_attempt_time timestamptz,
    -- the claim of the instance revoking it now; its result counts only while the claim is still its own
    claim_token       text,
    irrevocable_time  timestamptz,
    -- the lease-count quota this lease counts against
    quota_name        text
);

-- expiry: due active leases, oldest first
CREATE INDEX leases_active_expire ON leases (expire_time) WHERE state = 'active';
-- the revocation queue
CREATE INDEX leases_revoking_next ON leases (next_attempt_time) WHERE state = 'revoking';
-- prefixes (lookup listing, revoke-prefix, revoke-force, quotas), byte-wise whatever the collation
CREATE INDEX leases_prefix ON leases (lease_id text_pattern_ops);
-- a revoked token's leases
CREATE INDEX leases_token ON leases (token_accessor) WHERE token_accessor <> '';
CREATE INDEX leases_irrevocable ON leases (irrevocable_time) WHERE state = 'irrevocable';
CREATE INDEX leases_quota ON leases (quota_name) WHERE quota_name IS NOT NULL;

-- Vault Enterprise's lease-count quotas; lease_count is kept exact by registration (increment) and the trigger below.
CREATE TABLE lease_count_quotas (
    name        text    PRIMARY KEY,
    path        text    NOT NULL DEFAULT '',
    role        text    NOT NULL DEFAULT '',
    max_leases  bigint  NOT NULL,
    inheritable boolean NOT NULL DEFAULT false,
    lease_count bigint  NOT NULL DEFAULT 0
);

CREATE FUNCTION leases_release_quota() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE lease_count_quotas q SET lease_count = GREATEST(q.lease_count - gone.n, 0)
    FROM (SELECT quota_name, count(*) AS n FROM removed WHERE quota_name IS NOT NULL GROUP BY quota_name) gone
    WHERE q.name = gone.quota_name;
    RETURN NULL;
END $$;

CREATE TRIGGER leases_release_quota AFTER DELETE ON leases
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION leases_release_quota();

-- revoke-prefix jobs: resumable (cursor), shared by the instances (owner_until), progress kept here
CREATE TABLE revoke_prefix_jobs (
    job_id        text        PRIMARY KEY,
    prefix        text        NOT NULL,
    state         text        NOT NULL CHECK (state IN ('running', 'done', 'failed')),
    -- the last lease id queued for revocation; the job goes on after it
    cursor        text        NOT NULL DEFAULT '',
    queued        bigint      NOT NULL DEFAULT 0,
    marking_done  boolean     NOT NULL DEFAULT false,
    remaining     bigint      NOT NULL DEFAULT 0,
    irrevocable   bigint      NOT NULL DEFAULT 0,
    created_time  timestamptz NOT NULL,
    updated_time  timestamptz NOT NULL,
    finished_time timestamptz,
    owner_until   timestamptz
);

CREATE INDEX revoke_prefix_jobs_running ON revoke_prefix_jobs (owner_until) WHERE state = 'running';
