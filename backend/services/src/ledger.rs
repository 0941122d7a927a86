//! Ledger: the chart of accounts and balanced double-entry journal entries.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use sent_queries::queries::ledger as q;
use sent_rpc::{Page, RpcError};
use sent_rpc_schema::ledger::{
    Account, AccountKind, AccountRef, AsOf, CreateAccount, CurrencyTotal, EntryRef, JournalEntry, JournalLine, Ledger,
    ListAccounts, ListJournalEntries, NewJournalLine, PostEntry, ReverseEntry, TrialBalance, TrialBalanceRow,
    UpdateAccount,
};
use sent_runtime::{Ctx, Db};
use uuid::Uuid;

use crate::identity::{name, stale};
use crate::paging;

/// Lines an entry may hold.
const MAX_LINES: usize = 500;

#[derive(Debug)]
pub struct LedgerService;

impl Ledger<Ctx> for LedgerService {
    async fn create_account(&self, cx: &mut Ctx, params: CreateAccount) -> Result<Account, RpcError> {
        let code = account_code(&params.code)?;
        let name = name("name", &params.name)?;
        let currency = currency(&params.currency)?;
        let organization_id = cx.organization_id()?;
        let row = q::insert_account()
            .bind(cx.db().await?, &organization_id, &Uuid::now_v7(), &code, &name, &kind_name(params.kind), &currency)
            .one()
            .await
            .map_err(|e| match e.code().map(|c| c.code()) {
                Some("23505") => {
                    RpcError::conflict(format!("An account with code {code} already exists")).with("field", "code")
                }
                _ => e.into(),
            })?;
        account_dto(row)
    }

    async fn update_account(&self, cx: &mut Ctx, params: UpdateAccount) -> Result<Account, RpcError> {
        let name = name("name", &params.name)?;
        let organization_id = cx.organization_id()?;
        let db = cx.db().await?;
        match q::update_account().bind(db, &name, &organization_id, &params.account_id, &params.version).opt().await? {
            Some(row) => account_dto(row),
            None => {
                let current = q::account_by_id().bind(db, &organization_id, &params.account_id).opt().await?;
                Err(stale("Account", params.version, current.map(|a| a.version)))
            }
        }
    }

    async fn get_account(&self, cx: &mut Ctx, params: AccountRef) -> Result<Account, RpcError> {
        let organization_id = cx.organization_id()?;
        let row = q::account_by_id().bind(cx.db().await?, &organization_id, &params.account_id).opt().await?;
        row.map(account_dto).transpose()?.ok_or_else(|| RpcError::not_found("Account"))
    }

    async fn list_accounts(&self, cx: &mut Ctx, params: ListAccounts) -> Result<Page<Account>, RpcError> {
        let (limit, fetch) = paging::limit(params.limit)?;
        let organization_id = cx.organization_id()?;
        let rows = q::accounts_page().bind(cx.db().await?, &organization_id, &params.cursor, &fetch).all().await?;
        let accounts = rows.into_iter().map(account_dto).collect::<Result<Vec<_>, _>>()?;
        Ok(Page::from_rows(accounts, limit, |a| a.code.clone()))
    }

    async fn post_entry(&self, cx: &mut Ctx, params: PostEntry) -> Result<JournalEntry, RpcError> {
        let memo = memo("memo", &params.memo)?;
        check_lines(&params.lines)?;
        let organization_id = cx.organization_id()?;
        let posted_by = cx.user_id()?;
        let db = cx.db().await?;

        let account_ids: Vec<Uuid> = params.lines.iter().map(|l| l.account_id).collect();
        let accounts: HashMap<Uuid, String> = q::accounts_by_ids()
            .bind(db, &organization_id, &account_ids)
            .all()
            .await?
            .into_iter()
            .map(|a| (a.account_id, a.currency))
            .collect();
        let mut lines = Vec::with_capacity(params.lines.len());
        for (index, line) in params.lines.iter().enumerate() {
            let currency = accounts
                .get(&line.account_id)
                .ok_or_else(|| RpcError::not_found("Account").with("field", format!("lines[{index}].accountId")))?;
            lines.push(PostedLine {
                account_id: line.account_id,
                currency: currency.clone(),
                debit: stored_amount(line.debit),
                credit: stored_amount(line.credit),
                memo: memo_of(index, line.memo.as_deref())?,
            });
        }
        check_balanced(&lines)?;
        insert_entry(db, organization_id, posted_by, params.entry_date, &memo, None, &lines).await
    }

    async fn reverse_entry(&self, cx: &mut Ctx, params: ReverseEntry) -> Result<JournalEntry, RpcError> {
        let organization_id = cx.organization_id()?;
        let posted_by = cx.user_id()?;
        let db = cx.db().await?;
        let original = q::entry_for_reversal()
            .bind(db, &organization_id, &params.entry_id)
            .opt()
            .await?
            .ok_or_else(|| RpcError::not_found("Journal entry"))?;
        if let Some(by) = original.reversed_by_entry_id {
            return Err(
                RpcError::conflict("This entry has already been reversed").with("reversedByEntryId", by.to_string())
            );
        }
        if original.reverses_entry_id.is_some() {
            return Err(RpcError::conflict("A reversal cannot itself be reversed; post a new entry instead"));
        }
        let memo = match params.memo.as_deref() {
            Some(text) => memo("memo", text)?,
            None => format!("Reversal of {}", original.memo).chars().take(500).collect(),
        };
        let lines: Vec<PostedLine> = q::lines_of_entries()
            .bind(db, &organization_id, &vec![params.entry_id])
            .all()
            .await?
            .into_iter()
            .map(|l| PostedLine {
                account_id: l.account_id,
                currency: l.currency,
                debit: l.credit,
                credit: l.debit,
                memo: l.memo,
            })
            .collect();
        let entry_date = params.entry_date.unwrap_or(original.entry_date);
        let reversal =
            insert_entry(db, organization_id, posted_by, entry_date, &memo, Some(original.entry_id), &lines).await?;
        q::mark_reversed().bind(db, &reversal.entry_id, &organization_id, &original.entry_id).await?;
        Ok(reversal)
    }

    async fn get_entry(&self, cx: &mut Ctx, params: EntryRef) -> Result<JournalEntry, RpcError> {
        let organization_id = cx.organization_id()?;
        let db = cx.db().await?;
        let header = q::entry_by_id()
            .bind(db, &organization_id, &params.entry_id)
            .opt()
            .await?
            .ok_or_else(|| RpcError::not_found("Journal entry"))?;
        Ok(with_lines(db, organization_id, vec![header]).await?.remove(0))
    }

    async fn list_entries(&self, cx: &mut Ctx, params: ListJournalEntries) -> Result<Page<JournalEntry>, RpcError> {
        let (limit, fetch) = paging::limit(params.limit)?;
        let (before_posted_at, before_entry_id) = match params.cursor.as_deref() {
            Some(cursor) => {
                let (at, id) = parse_entry_cursor(cursor)?;
                (Some(at), Some(id))
            }
            None => (None, None),
        };
        let organization_id = cx.organization_id()?;
        let db = cx.db().await?;
        let headers =
            q::entries_page().bind(db, &organization_id, &before_posted_at, &before_entry_id, &fetch).all().await?;
        let entries = with_lines(db, organization_id, headers).await?;
        Ok(Page::from_rows(entries, limit, |e| {
            format!("{}|{}", e.posted_at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true), e.entry_id)
        }))
    }

    async fn trial_balance(&self, cx: &mut Ctx, params: AsOf) -> Result<TrialBalance, RpcError> {
        let organization_id = cx.organization_id()?;
        let rows = q::trial_balance().bind(cx.db().await?, &params.as_of, &organization_id).all().await?;
        let mut totals: BTreeMap<String, (Decimal, Decimal)> = BTreeMap::new();
        let rows = rows
            .into_iter()
            .map(|row| {
                let total = totals.entry(row.currency.clone()).or_default();
                total.0 += row.debit;
                total.1 += row.credit;
                Ok(TrialBalanceRow {
                    account_id: row.account_id,
                    code: row.code,
                    name: row.name,
                    kind: kind(&row.kind)?,
                    currency: row.currency,
                    balance: row.debit - row.credit,
                    debit: row.debit,
                    credit: row.credit,
                })
            })
            .collect::<Result<Vec<_>, RpcError>>()?;
        Ok(TrialBalance {
            as_of: params.as_of,
            rows,
            totals: totals
                .into_iter()
                .map(|(currency, (debit, credit))| CurrencyTotal { currency, debit, credit })
                .collect(),
        })
    }
}

/// A line about to be written, its currency taken from its account.
#[derive(Debug, Clone, PartialEq)]
struct PostedLine {
    account_id: Uuid,
    currency: String,
    debit: Decimal,
    credit: Decimal,
    memo: String,
}

/// The shape of an entry's lines, before any account is looked up: enough
/// lines, each a positive debit or a positive credit in whole cents.
fn check_lines(lines: &[NewJournalLine]) -> Result<(), RpcError> {
    if lines.len() < 2 {
        return Err(RpcError::validation("lines", "an entry has at least two lines"));
    }
    if lines.len() > MAX_LINES {
        return Err(RpcError::validation("lines", format!("an entry has at most {MAX_LINES} lines")));
    }
    for (index, line) in lines.iter().enumerate() {
        let field = |name: &str| format!("lines[{index}].{name}");
        match (line.debit, line.credit) {
            (Some(amount), None) => amount_ok(&field("debit"), amount)?,
            (None, Some(amount)) => amount_ok(&field("credit"), amount)?,
            _ => {
                return Err(RpcError::validation(&field("debit"), "a line has either a debit or a credit"));
            }
        }
    }
    Ok(())
}

/// An amount as the database keeps it (numeric(20,2)), so what `postEntry`
/// answers reads exactly like what `getEntry` later does: `"10.50"`, `"0.00"`.
fn stored_amount(amount: Option<Decimal>) -> Decimal {
    let mut amount = amount.unwrap_or_default();
    amount.rescale(2);
    amount
}

fn amount_ok(field: &str, amount: Decimal) -> Result<(), RpcError> {
    if amount <= Decimal::ZERO {
        return Err(RpcError::validation(field, "an amount is positive"));
    }
    if amount.normalize().scale() > 2 {
        return Err(RpcError::validation(field, "an amount has at most 2 decimals"));
    }
    // numeric(20,2): 18 digits before the point.
    if amount >= Decimal::from_i128_with_scale(10_i128.pow(18), 0) {
        return Err(RpcError::validation(field, "an amount is below 10^18"));
    }
    Ok(())
}

/// Debits equal credits in every currency.
fn check_balanced(lines: &[PostedLine]) -> Result<(), RpcError> {
    let mut sums: BTreeMap<&str, (Decimal, Decimal)> = BTreeMap::new();
    for line in lines {
        let sum = sums.entry(&line.currency).or_default();
        sum.0 += line.debit;
        sum.1 += line.credit;
    }
    for (currency, (debit, credit)) in sums {
        if debit != credit {
            return Err(RpcError::validation(
                "lines",
                format!("the entry does not balance in {currency}: debits {debit}, credits {credit}"),
            )
            .with("currency", currency)
            .with("debit", debit.to_string())
            .with("credit", credit.to_string()));
        }
    }
    Ok(())
}

async fn insert_entry(
    db: &Db,
    organization_id: Uuid,
    posted_by: Uuid,
    entry_date: chrono::NaiveDate,
    memo: &str,
    reverses: Option<Uuid>,
    lines: &[PostedLine],
) -> Result<JournalEntry, RpcError> {
    let entry_id = Uuid::now_v7();
    let header = q::insert_entry()
        .bind(db, &organization_id, &entry_id, &entry_date, &memo, &reverses, &posted_by)
        .one()
        .await?;
    let line_nos: Vec<i32> = (1..).take(lines.len()).collect();
    let account_ids: Vec<Uuid> = lines.iter().map(|l| l.account_id).collect();
    let currencies: Vec<&str> = lines.iter().map(|l| l.currency.as_str()).collect();
    let debits: Vec<Decimal> = lines.iter().map(|l| l.debit).collect();
    let credits: Vec<Decimal> = lines.iter().map(|l| l.credit).collect();
    let memos: Vec<&str> = lines.iter().map(|l| l.memo.as_str()).collect();
    q::insert_lines()
        .bind(db, &organization_id, &entry_id, &line_nos, &account_ids, &currencies, &debits, &credits, &memos)
        .await?;
    Ok(entry_dto(
        header,
        lines
            .iter()
            .zip(line_nos)
            .map(|(l, line_no)| JournalLine {
                line_no,
                account_id: l.account_id,
                currency: l.currency.clone(),
                debit: l.debit,
                credit: l.credit,
                memo: l.memo.clone(),
            })
            .collect(),
    ))
}

/// Entries with their lines, fetched in one query.
async fn with_lines(
    db: &Db,
    organization_id: Uuid,
    headers: Vec<q::EntryHeader>,
) -> Result<Vec<JournalEntry>, RpcError> {
    let ids: Vec<Uuid> = headers.iter().map(|h| h.entry_id).collect();
    let mut lines: HashMap<Uuid, Vec<JournalLine>> = HashMap::new();
    for line in q::lines_of_entries().bind(db, &organization_id, &ids).all().await? {
        lines.entry(line.entry_id).or_default().push(JournalLine {
            line_no: line.line_no,
            account_id: line.account_id,
            currency: line.currency,
            debit: line.debit,
            credit: line.credit,
            memo: line.memo,
        });
    }
    Ok(headers
        .into_iter()
        .map(|h| {
            let entry_lines = lines.remove(&h.entry_id).unwrap_or_default();
            entry_dto(h, entry_lines)
        })
        .collect())
}

fn entry_dto(header: q::EntryHeader, lines: Vec<JournalLine>) -> JournalEntry {
    JournalEntry {
        entry_id: header.entry_id,
        entry_date: header.entry_date,
        memo: header.memo,
        reverses_entry_id: header.reverses_entry_id,
        reversed_by_entry_id: header.reversed_by_entry_id,
        posted_by: header.posted_by,
        posted_at: header.posted_at,
        lines,
    }
}

fn parse_entry_cursor(cursor: &str) -> Result<(DateTime<Utc>, Uuid), RpcError> {
    let (at, id) = cursor.split_once('|').ok_or_else(paging::bad_cursor)?;
    let at = DateTime::parse_from_rfc3339(at).map_err(|_| paging::bad_cursor())?;
    let id = Uuid::parse_str(id).map_err(|_| paging::bad_cursor())?;
    Ok((at.with_timezone(&Utc), id))
}

fn account_dto(row: q::Account) -> Result<Account, RpcError> {
    Ok(Account {
        account_id: row.account_id,
        code: row.code,
        name: row.name,
        kind: kind(&row.kind)?,
        currency: row.currency,
        version: row.version,
        created_at: row.created_at,
        updated_at: row.updated_at,
    })
}

const KINDS: [(AccountKind, &str); 5] = [
    (AccountKind::Asset, "asset"),
    (AccountKind::Liability, "liability"),
    (AccountKind::Equity, "equity"),
    (AccountKind::Income, "income"),
    (AccountKind::Expense, "expense"),
];

fn kind_name(kind: AccountKind) -> &'static str {
    KINDS.iter().find(|(k, _)| *k == kind).map_or("asset", |(_, name)| name)
}

fn kind(name: &str) -> Result<AccountKind, RpcError> {
    KINDS
        .iter()
        .find(|(_, n)| *n == name)
        .map(|(k, _)| *k)
        .ok_or_else(|| RpcError::internal(format!("unknown account kind {name:?} in the database")))
}

fn account_code(code: &str) -> Result<String, RpcError> {
    let valid =
        (1..=20).contains(&code.len()) && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    if !valid {
        return Err(RpcError::validation("code", "code is 1 to 20 letters, digits, '.' or '-'"));
    }
    Ok(code.to_owned())
}

fn currency(code: &str) -> Result<String, RpcError> {
    if code.len() != 3 || !code.chars().all(|c| c.is_ascii_uppercase()) {
        return Err(RpcError::validation("currency", "currency is an ISO 4217 code such as EUR"));
    }
    Ok(code.to_owned())
}

fn memo(field: &str, text: &str) -> Result<String, RpcError> {
    if text.chars().count() > 500 {
        return Err(RpcError::validation(field, format!("{field} is at most 500 characters")));
    }
    Ok(text.to_owned())
}

fn memo_of(index: usize, text: Option<&str>) -> Result<String, RpcError> {
    memo(&format!("lines[{index}].memo"), text.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn line(currency: &str, debit: Decimal, credit: Decimal) -> PostedLine {
        PostedLine { account_id: Uuid::nil(), currency: currency.into(), debit, credit, memo: String::new() }
    }

    fn cents(n: i64) -> Decimal {
        Decimal::new(n, 2)
    }

    proptest! {
        /// Any set of debits, mirrored by credits that split the same total,
        /// balances.
        #[test]
        fn mirrored_amounts_balance(amounts in prop::collection::vec(1i64..10_000_000, 1..20), split in 1usize..5) {
            let total: i64 = amounts.iter().sum();
            let mut lines: Vec<PostedLine> = amounts.iter().map(|a| line("EUR", cents(*a), Decimal::ZERO)).collect();
            let parts = split.min(total as usize);
            let share = total / parts as i64;
            for i in 0..parts {
                let amount = if i + 1 == parts { total - share * (parts as i64 - 1) } else { share };
                lines.push(line("EUR", Decimal::ZERO, cents(amount)));
            }
            prop_assert!(check_balanced(&lines).is_ok());
        }

        /// Moving any one cent breaks the balance, and the error names the
        /// currency.
        #[test]
        fn one_cent_off_never_balances(amount in 1i64..10_000_000, off in prop::sample::select(vec![-1i64, 1])) {
            let lines = vec![line("USD", cents(amount), Decimal::ZERO), line("USD", Decimal::ZERO, cents(amount + off))];
            let error = check_balanced(&lines).unwrap_err();
            prop_assert_eq!(error.details["currency"].as_str(), Some("USD"));
        }

        /// Each currency balances on its own: a surplus in one cannot pay
        /// for a deficit in another.
        #[test]
        fn currencies_do_not_offset(amount in 2i64..10_000_000) {
            let lines = vec![
                line("EUR", cents(amount), Decimal::ZERO),
                line("EUR", Decimal::ZERO, cents(amount - 1)),
                line("USD", Decimal::ZERO, cents(1)),
            ];
            prop_assert!(check_balanced(&lines).is_err());
        }
    }

    fn new_line(debit: Option<&str>, credit: Option<&str>) -> NewJournalLine {
        NewJournalLine {
            account_id: Uuid::nil(),
            debit: debit.map(|d| d.parse().unwrap()),
            credit: credit.map(|c| c.parse().unwrap()),
            memo: None,
        }
    }

    #[test]
    fn line_shapes_are_checked_before_any_query() {
        assert!(check_lines(&[new_line(Some("1.00"), None), new_line(None, Some("1.00"))]).is_ok());
        assert!(check_lines(&[new_line(Some("1.00"), None)]).is_err(), "one line");
        let both = check_lines(&[new_line(Some("1"), Some("1")), new_line(None, Some("1"))]).unwrap_err();
        assert_eq!(both.details["field"], "lines[0].debit");
        let fraction = check_lines(&[new_line(Some("1.005"), None), new_line(None, Some("1.005"))]).unwrap_err();
        assert_eq!(fraction.details["field"], "lines[0].debit");
        assert!(
            check_lines(&[new_line(Some("1.50"), None), new_line(None, Some("1.5000"))]).is_ok(),
            "trailing zeros are whole cents"
        );
        assert!(check_lines(&[new_line(Some("-1"), None), new_line(None, Some("-1"))]).is_err());
        assert!(check_lines(&[new_line(Some("0"), None), new_line(None, Some("0"))]).is_err());
    }

    #[test]
    fn entry_cursors_round_trip_and_junk_is_refused() {
        let at = Utc::now();
        let id = Uuid::now_v7();
        let cursor = format!("{}|{id}", at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true));
        let (parsed_at, parsed_id) = parse_entry_cursor(&cursor).unwrap();
        assert_eq!(parsed_id, id);
        assert_eq!(parsed_at.timestamp_micros(), at.timestamp_micros());
        assert!(parse_entry_cursor("junk").is_err());
    }
}
