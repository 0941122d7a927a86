-- The platform: the roles' grants, the tenant and actor of the current call,
-- time partitions, and the hash-chained audit log.

DO $$
BEGIN
    -- The role every call runs as. The embedded cluster creates it with a
    -- password; on an external server it is a group role that the server's
    -- login role is made a member of.
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'sent_app') THEN
        CREATE ROLE sent_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
    END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO sent_app;
GRANT SELECT ON refinery_schema_history TO sent_app;

-- The tenant of the current call, set with set_config(..., true) inside the
-- call's transaction. Unset reads NULL (never set) or '' (set by an earlier
-- transaction on this connection): both mean "no tenant", and every policy
-- compares with it, so an unset tenant sees and writes nothing.
CREATE FUNCTION sent_current_org() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT NULLIF(current_setting('app.org_id', true), '')::uuid $$;

-- The user making the current call (for rows a user may see across tenants:
-- their own memberships).
CREATE FUNCTION sent_current_user() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT NULLIF(current_setting('app.user_id', true), '')::uuid $$;

-- Monthly range partitions of a time-partitioned table, from the month of
-- `from_month` for `months` months. Idempotent; rows outside every partition
-- land in the table's DEFAULT partition, so an insert never fails for want of
-- a partition.
CREATE FUNCTION sent_ensure_partitions(parent regclass, from_month date, months integer)
    RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    created integer := 0;
    month_start date;
    partition_name text;
BEGIN
    FOR i IN 0 .. months - 1 LOOP
        month_start := (date_trunc('month', from_month) + make_interval(months => i))::date;
        partition_name := format('%s_p%s', parent::text, to_char(month_start, 'YYYYMM'));
        IF to_regclass(partition_name) IS NULL THEN
            EXECUTE format(
                'CREATE TABLE %I PARTITION OF %s FOR VALUES FROM (%L) TO (%L)',
                partition_name, parent, month_start, (month_start + interval '1 month')::date
            );
            created := created + 1;
        END IF;
    END LOOP;
    RETURN created;
END
$$;

-- One row per successful mutation, chained per organization:
-- hash = sha256(prev_hash || the row's canonical content).
CREATE TABLE audit_log (
    organization_id uuid        NOT NULL,
    seq             bigint      NOT NULL,
    occurred_at     timestamptz NOT NULL,
    actor_id        uuid        NOT NULL,
    method          text        NOT NULL,
    request_id      text        NOT NULL,
    params          jsonb       NOT NULL,
    affected_ids    uuid[]      NOT NULL,
    prev_hash       bytea       NOT NULL,
    hash            bytea       NOT NULL,
    PRIMARY KEY (organization_id, seq, occurred_at)
) PARTITION BY RANGE (occurred_at);

CREATE TABLE audit_log_default PARTITION OF audit_log DEFAULT;
SELECT sent_ensure_partitions('audit_log', (now() - interval '1 month')::date, 5);

-- The newest entry of each organization's chain. Appending locks this row,
-- so entries of one organization are numbered and chained one at a time.
CREATE TABLE audit_heads (
    organization_id uuid   NOT NULL PRIMARY KEY,
    seq             bigint NOT NULL,
    hash            bytea  NOT NULL
);

-- The canonical content an entry's hash covers. Times are hashed as epoch
-- microseconds so the session's TimeZone cannot change a hash.
CREATE FUNCTION sent_audit_hash(
    prev_hash bytea, organization_id uuid, seq bigint, occurred_at timestamptz, actor_id uuid,
    method text, request_id text, params jsonb, affected_ids uuid[]
) RETURNS bytea LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT sha256(prev_hash || convert_to(concat_ws(E'\x1f',
        organization_id::text,
        seq::text,
        (extract(epoch FROM occurred_at) * 1000000)::bigint::text,
        actor_id::text,
        method,
        request_id,
        params::text,
        affected_ids::text
    ), 'UTF8'))
$$;

-- Append one entry to the current organization's chain; returns its seq.
CREATE FUNCTION sent_audit_append(
    p_actor_id uuid, p_method text, p_request_id text, p_params jsonb, p_affected_ids uuid[]
) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    org uuid := sent_current_org();
    head_seq bigint;
    head_hash bytea;
    at timestamptz := now();
BEGIN
    IF org IS NULL THEN
        RAISE EXCEPTION 'audit entry without a tenant' USING ERRCODE = '42501';
    END IF;
    INSERT INTO audit_heads (organization_id, seq, hash)
        VALUES (org, 0, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea)
        ON CONFLICT (organization_id) DO NOTHING;
    SELECT seq, hash INTO head_seq, head_hash FROM audit_heads WHERE organization_id = org FOR UPDATE;
    head_hash := sent_audit_hash(head_hash, org, head_seq + 1, at, p_actor_id, p_method, p_request_id, p_params, p_affected_ids);
    INSERT INTO audit_log (organization_id, seq, occurred_at, actor_id, method, request_id, params, affected_ids, prev_hash, hash)
        SELECT org, head_seq + 1, at, p_actor_id, p_method, p_request_id, p_params, p_affected_ids, h.hash, head_hash
        FROM audit_heads h WHERE h.organization_id = org;
    UPDATE audit_heads SET seq = head_seq + 1, hash = head_hash WHERE organization_id = org;
    RETURN head_seq + 1;
END
$$;

-- The log is append-only for everyone, its owner included.
CREATE FUNCTION sent_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = '42501';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION sent_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION sent_refuse_change();

ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON audit_log
    USING (organization_id = sent_current_org())
    WITH CHECK (organization_id = sent_current_org());

ALTER TABLE audit_heads ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_heads FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON audit_heads
    USING (organization_id = sent_current_org())
    WITH CHECK (organization_id = sent_current_org());

GRANT SELECT, INSERT ON audit_log TO sent_app;
GRANT SELECT, INSERT, UPDATE ON audit_heads TO sent_app;
