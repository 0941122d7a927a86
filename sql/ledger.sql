-- Ledger. Every query names its organization; row-level security applies
-- the same rule a second time.

--: Account()
--: EntryHeader(reverses_entry_id?, reversed_by_entry_id?)
--: Line()
--: TrialBalanceRow()

--! insert_account : Account
INSERT INTO accounts (organization_id, account_id, code, name, kind, currency)
VALUES (:organization_id, :account_id, :code, :name, :kind, :currency)
RETURNING account_id, code, name, kind, currency::text AS currency, version, created_at, updated_at;

--! account_by_id : Account
SELECT account_id, code, name, kind, currency::text AS currency, version, created_at, updated_at
  FROM accounts
 WHERE organization_id = :organization_id AND account_id = :account_id;

--! accounts_by_ids : Account
SELECT account_id, code, name, kind, currency::text AS currency, version, created_at, updated_at
  FROM accounts
 WHERE organization_id = :organization_id AND account_id = ANY(:account_ids);

--! accounts_page (after_code?) : Account
SELECT account_id, code, name, kind, currency::text AS currency, version, created_at, updated_at
  FROM accounts
 WHERE organization_id = :organization_id
   AND (:after_code::text IS NULL OR code > :after_code)
 ORDER BY code
 LIMIT :limit;

--! update_account : Account
UPDATE accounts
   SET name = :name, version = version + 1, updated_at = now()
 WHERE organization_id = :organization_id AND account_id = :account_id AND version = :version
RETURNING account_id, code, name, kind, currency::text AS currency, version, created_at, updated_at;

--! insert_entry (reverses_entry_id?) : EntryHeader
INSERT INTO journal_entries (organization_id, entry_id, entry_date, memo, reverses_entry_id, posted_by)
VALUES (:organization_id, :entry_id, :entry_date, :memo, :reverses_entry_id, :posted_by)
RETURNING entry_id, entry_date, memo, reverses_entry_id, reversed_by_entry_id, posted_by, posted_at;

--! insert_lines
-- All lines of an entry in one statement: parallel arrays, one element per line.
INSERT INTO journal_lines (organization_id, entry_id, line_no, account_id, currency, debit, credit, memo)
SELECT :organization_id, :entry_id, l.line_no, l.account_id, l.currency, l.debit, l.credit, l.memo
  FROM unnest(:line_nos::int[], :account_ids::uuid[], :currencies::text[], :debits::numeric[], :credits::numeric[], :memos::text[])
       AS l(line_no, account_id, currency, debit, credit, memo);

--! entry_by_id : EntryHeader
SELECT entry_id, entry_date, memo, reverses_entry_id, reversed_by_entry_id, posted_by, posted_at
  FROM journal_entries
 WHERE organization_id = :organization_id AND entry_id = :entry_id;

--! entry_for_reversal : EntryHeader
-- Locks the entry so that two reversals of it cannot both succeed.
SELECT entry_id, entry_date, memo, reverses_entry_id, reversed_by_entry_id, posted_by, posted_at
  FROM journal_entries
 WHERE organization_id = :organization_id AND entry_id = :entry_id
   FOR UPDATE;

--! mark_reversed
UPDATE journal_entries
   SET reversed_by_entry_id = :reversed_by_entry_id
 WHERE organization_id = :organization_id AND entry_id = :entry_id AND reversed_by_entry_id IS NULL;

--! entries_page (before_posted_at?, before_entry_id?) : EntryHeader
SELECT entry_id, entry_date, memo, reverses_entry_id, reversed_by_entry_id, posted_by, posted_at
  FROM journal_entries
 WHERE organization_id = :organization_id
   AND (:before_posted_at::timestamptz IS NULL
        OR (posted_at, entry_id) < (:before_posted_at, :before_entry_id::uuid))
 ORDER BY posted_at DESC, entry_id DESC
 LIMIT :limit;

--! lines_of_entries : Line
SELECT entry_id, line_no, account_id, currency::text AS currency, debit, credit, memo
  FROM journal_lines
 WHERE organization_id = :organization_id AND entry_id = ANY(:entry_ids)
 ORDER BY entry_id, line_no;

--! trial_balance : TrialBalanceRow
SELECT a.account_id, a.code, a.name, a.kind, a.currency::text AS currency,
       coalesce(sum(l.debit), 0)::numeric(20,2) AS debit,
       coalesce(sum(l.credit), 0)::numeric(20,2) AS credit
  FROM accounts a
  LEFT JOIN journal_lines l
         ON l.organization_id = a.organization_id AND l.account_id = a.account_id
        AND EXISTS (SELECT 1 FROM journal_entries e
                     WHERE e.organization_id = l.organization_id AND e.entry_id = l.entry_id
                       AND e.entry_date <= :as_of)
 WHERE a.organization_id = :organization_id
 GROUP BY a.account_id, a.code, a.name, a.kind, a.currency
 ORDER BY a.code;
