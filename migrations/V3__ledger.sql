-- Ledger: chart of accounts and balanced double-entry journal entries.
-- A posted entry is never edited: it is reversed by a mirror entry.

CREATE TABLE accounts (
    organization_id uuid        NOT NULL REFERENCES organizations (organization_id),
    account_id      uuid        NOT NULL,
    code            text        NOT NULL CHECK (code ~ '^[0-9A-Za-z.-]{1,20}$'),
    name            text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    kind            text        NOT NULL CHECK (kind IN ('asset', 'liability', 'equity', 'income', 'expense')),
    currency        char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    version         integer     NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (organization_id, account_id),
    UNIQUE (organization_id, code),
    -- Lets a journal line pin the account's currency with a foreign key.
    UNIQUE (organization_id, account_id, currency)
);

CREATE TABLE journal_entries (
    organization_id   uuid        NOT NULL REFERENCES organizations (organization_id),
    entry_id          uuid        NOT NULL,
    entry_date        date        NOT NULL,
    memo              text        NOT NULL CHECK (length(memo) <= 500),
    reverses_entry_id uuid,
    reversed_by_entry_id uuid,
    posted_by         uuid        NOT NULL,
    posted_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (organization_id, entry_id),
    FOREIGN KEY (organization_id, reverses_entry_id) REFERENCES journal_entries (organization_id, entry_id),
    UNIQUE (organization_id, reverses_entry_id)
);
CREATE INDEX journal_entries_by_date ON journal_entries (organization_id, entry_date, entry_id);

CREATE TABLE journal_lines (
    organization_id uuid          NOT NULL,
    entry_id        uuid          NOT NULL,
    line_no         integer       NOT NULL CHECK (line_no >= 1),
    account_id      uuid          NOT NULL,
    currency        char(3)       NOT NULL,
    debit           numeric(20,2) NOT NULL DEFAULT 0 CHECK (debit >= 0),
    credit          numeric(20,2) NOT NULL DEFAULT 0 CHECK (credit >= 0),
    memo            text          NOT NULL DEFAULT '' CHECK (length(memo) <= 500),
    PRIMARY KEY (organization_id, entry_id, line_no),
    FOREIGN KEY (organization_id, entry_id) REFERENCES journal_entries (organization_id, entry_id),
    FOREIGN KEY (organization_id, account_id, currency) REFERENCES accounts (organization_id, account_id, currency),
    CHECK ((debit > 0) <> (credit > 0))
);
CREATE INDEX journal_lines_by_account ON journal_lines (organization_id, account_id);

-- The second wall behind the service's own check: at commit, every entry a
-- transaction touched balances per currency.
CREATE FUNCTION ledger_check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    unbalanced text;
BEGIN
    SELECT currency INTO unbalanced
    FROM journal_lines
    WHERE organization_id = NEW.organization_id AND entry_id = NEW.entry_id
    GROUP BY currency
    HAVING sum(debit) <> sum(credit)
    LIMIT 1;
    IF unbalanced IS NOT NULL THEN
        RAISE EXCEPTION 'journal entry % does not balance in %', NEW.entry_id, unbalanced USING ERRCODE = '23514';
    END IF;
    RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER journal_lines_balanced AFTER INSERT ON journal_lines
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_balanced();

-- Posted lines are never changed; an entry changes only to record the entry
-- that reversed it, once.
CREATE TRIGGER journal_lines_immutable BEFORE UPDATE OR DELETE ON journal_lines
    FOR EACH ROW EXECUTE FUNCTION sent_refuse_change();
CREATE FUNCTION ledger_entry_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR OLD.reversed_by_entry_id IS NOT NULL
       OR (NEW.organization_id, NEW.entry_id, NEW.entry_date, NEW.memo, NEW.reverses_entry_id, NEW.posted_by, NEW.posted_at)
          IS DISTINCT FROM
          (OLD.organization_id, OLD.entry_id, OLD.entry_date, OLD.memo, OLD.reverses_entry_id, OLD.posted_by, OLD.posted_at)
    THEN
        RAISE EXCEPTION 'posted journal entry % cannot be changed', OLD.entry_id USING ERRCODE = '42501';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER journal_entries_guard BEFORE UPDATE OR DELETE ON journal_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_entry_guard();

ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;
ALTER TABLE accounts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON accounts
    USING (organization_id = sent_current_org()) WITH CHECK (organization_id = sent_current_org());
ALTER TABLE journal_entries ENABLE ROW LEVEL SECURITY;
ALTER TABLE journal_entries FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON journal_entries
    USING (organization_id = sent_current_org()) WITH CHECK (organization_id = sent_current_org());
ALTER TABLE journal_lines ENABLE ROW LEVEL SECURITY;
ALTER TABLE journal_lines FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON journal_lines
    USING (organization_id = sent_current_org()) WITH CHECK (organization_id = sent_current_org());

GRANT SELECT, INSERT, UPDATE ON accounts, journal_entries TO sent_app;
GRANT SELECT, INSERT ON journal_lines TO sent_app;
