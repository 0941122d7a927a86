-- Audit. Entries are appended by the dispatcher, in the transaction of the
-- mutation they record, and are never changed.

--: AuditEntry()
--: ChainLink()

--! append_entry
SELECT sent_audit_append(:actor_id::uuid, :method::text, :request_id::text, :params::jsonb, :affected_ids::uuid[]) AS seq;

--! entries_page (before_seq?) : AuditEntry
SELECT seq, occurred_at, actor_id, method, request_id, params, affected_ids, hash
  FROM audit_log
 WHERE organization_id = :organization_id
   AND (:before_seq::bigint IS NULL OR seq < :before_seq)
 ORDER BY seq DESC
 LIMIT :limit;

--! chain : ChainLink
-- Each entry, and whether it links to the one before and its hash matches
-- its content.
SELECT seq,
       seq = coalesce(lag(seq) OVER w, 0) + 1
       AND prev_hash = coalesce(lag(hash) OVER w, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea)
       AND hash = sent_audit_hash(prev_hash, organization_id, seq, occurred_at, actor_id, method, request_id, params, affected_ids)
       AS intact
  FROM audit_log
 WHERE organization_id = :organization_id
WINDOW w AS (ORDER BY seq)
 ORDER BY seq;

--! head_seq
SELECT seq FROM audit_heads WHERE organization_id = :organization_id;
