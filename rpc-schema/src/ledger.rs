//! Ledger: the chart of accounts and balanced double-entry journal entries.
//! A posted entry is never edited; it is reversed by a mirror entry.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use sent_rpc::{Page, dto, service};
use uuid::Uuid;

/// What an account records.
#[dto]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountKind {
    Asset,
    Liability,
    Equity,
    Income,
    Expense,
}

/// An account of the chart.
#[dto]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    #[id]
    pub account_id: Uuid,
    /// Unique in the organization: 1 to 20 letters, digits, `.` or `-`.
    pub code: String,
    pub name: String,
    pub kind: AccountKind,
    /// ISO 4217 code, e.g. `EUR`.
    pub currency: String,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A new account.
#[dto]
#[derive(Debug, Clone)]
pub struct CreateAccount {
    pub code: String,
    pub name: String,
    pub kind: AccountKind,
    /// ISO 4217 code, e.g. `EUR`.
    pub currency: String,
}

/// A new name for an account.
#[dto]
#[derive(Debug, Clone)]
pub struct UpdateAccount {
    #[id]
    pub account_id: Uuid,
    pub name: String,
    /// The version this change is based on.
    pub version: i32,
}

/// One account, by id.
#[dto]
#[derive(Debug, Clone)]
pub struct AccountRef {
    #[id]
    pub account_id: Uuid,
}

/// Which page of accounts.
#[dto]
#[derive(Debug, Clone, Default)]
pub struct ListAccounts {
    pub cursor: Option<String>,
    pub limit: Option<u32>,
}

/// A line of a new entry: a debit or a credit, never both.
#[dto]
#[derive(Debug, Clone)]
pub struct NewJournalLine {
    pub account_id: Uuid,
    /// A positive decimal string with at most 2 decimals, e.g. `"10.50"`.
    pub debit: Option<Decimal>,
    pub credit: Option<Decimal>,
    pub memo: Option<String>,
}

/// A journal entry to post. Its debits and credits must be equal in each
/// currency.
#[dto]
#[derive(Debug, Clone)]
pub struct PostEntry {
    pub entry_date: NaiveDate,
    pub memo: String,
    /// At least two lines.
    pub lines: Vec<NewJournalLine>,
}

/// A posted line.
#[dto]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalLine {
    pub line_no: i32,
    pub account_id: Uuid,
    pub currency: String,
    pub debit: Decimal,
    pub credit: Decimal,
    pub memo: String,
}

/// A posted journal entry.
#[dto]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalEntry {
    #[id]
    pub entry_id: Uuid,
    pub entry_date: NaiveDate,
    pub memo: String,
    /// The entry this one reverses.
    pub reverses_entry_id: Option<Uuid>,
    /// The entry that reversed this one.
    pub reversed_by_entry_id: Option<Uuid>,
    pub posted_by: Uuid,
    pub posted_at: DateTime<Utc>,
    pub lines: Vec<JournalLine>,
}

/// An entry to reverse.
#[dto]
#[derive(Debug, Clone)]
pub struct ReverseEntry {
    #[id]
    pub entry_id: Uuid,
    /// The reversal's date; the original's when absent.
    pub entry_date: Option<NaiveDate>,
    pub memo: Option<String>,
}

/// One entry, by id.
#[dto]
#[derive(Debug, Clone)]
pub struct EntryRef {
    #[id]
    pub entry_id: Uuid,
}

/// Which page of entries, newest first.
#[dto]
#[derive(Debug, Clone, Default)]
pub struct ListJournalEntries {
    pub cursor: Option<String>,
    pub limit: Option<u32>,
}

/// The date a balance is taken at (inclusive).
#[dto]
#[derive(Debug, Clone)]
pub struct AsOf {
    pub as_of: NaiveDate,
}

/// An account's totals up to a date.
#[dto]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrialBalanceRow {
    pub account_id: Uuid,
    pub code: String,
    pub name: String,
    pub kind: AccountKind,
    pub currency: String,
    pub debit: Decimal,
    pub credit: Decimal,
    /// Debit minus credit.
    pub balance: Decimal,
}

/// The totals of one currency; they are equal when the books balance.
#[dto]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrencyTotal {
    pub currency: String,
    pub debit: Decimal,
    pub credit: Decimal,
}

/// Every account's totals up to a date.
#[dto]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrialBalance {
    pub as_of: NaiveDate,
    pub rows: Vec<TrialBalanceRow>,
    pub totals: Vec<CurrencyTotal>,
}

/// The chart of accounts and the journal.
#[service(app = "ledger")]
pub trait Ledger {
    /// Open an account.
    #[rpc(mutation, role = "admin", errors(conflict, validation))]
    async fn create_account(params: CreateAccount) -> Account;

    /// Rename an account.
    #[rpc(mutation, role = "admin", errors(not_found, conflict, validation))]
    async fn update_account(params: UpdateAccount) -> Account;

    /// One account.
    #[rpc(query, role = "auditor", errors(not_found))]
    async fn get_account(params: AccountRef) -> Account;

    /// The chart of accounts, ordered by code.
    #[rpc(query, role = "auditor", errors(validation))]
    async fn list_accounts(params: ListAccounts) -> Page<Account>;

    /// Post a balanced journal entry.
    #[rpc(mutation, role = "member", errors(not_found, validation))]
    async fn post_entry(params: PostEntry) -> JournalEntry;

    /// Reverse a posted entry with a mirror entry. An entry is reversed once.
    #[rpc(mutation, role = "member", errors(not_found, conflict, validation))]
    async fn reverse_entry(params: ReverseEntry) -> JournalEntry;

    /// One journal entry with its lines.
    #[rpc(query, role = "auditor", errors(not_found))]
    async fn get_entry(params: EntryRef) -> JournalEntry;

    /// Journal entries, newest first.
    #[rpc(query, role = "auditor", errors(validation))]
    async fn list_entries(params: ListJournalEntries) -> Page<JournalEntry>;

    /// Every account's debits, credits and balance up to a date.
    #[rpc(query, role = "auditor")]
    async fn trial_balance(params: AsOf) -> TrialBalance;
}
