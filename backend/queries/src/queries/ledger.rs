// This file was generated with `cornucopia`. Do not modify.

#[derive(Debug)]
pub struct InsertAccountParams<T1: crate::StringSql, T2: crate::StringSql, T3: crate::StringSql, T4: crate::StringSql> {
    pub organization_id: uuid::Uuid,
    pub account_id: uuid::Uuid,
    pub code: T1,
    pub name: T2,
    pub kind: T3,
    pub currency: T4,
}
#[derive(Clone, Copy, Debug)]
pub struct AccountByIdParams {
    pub organization_id: uuid::Uuid,
    pub account_id: uuid::Uuid,
}
#[derive(Debug)]
pub struct AccountsByIdsParams<T1: crate::ArraySql<Item = uuid::Uuid>> {
    pub organization_id: uuid::Uuid,
    pub account_ids: T1,
}
#[derive(Debug)]
pub struct AccountsPageParams<T1: crate::StringSql> {
    pub organization_id: uuid::Uuid,
    pub after_code: Option<T1>,
    pub limit: i64,
}
#[derive(Debug)]
pub struct UpdateAccountParams<T1: crate::StringSql> {
    pub name: T1,
    pub organization_id: uuid::Uuid,
    pub account_id: uuid::Uuid,
    pub version: i32,
}
#[derive(Debug)]
pub struct InsertEntryParams<T1: crate::StringSql> {
    pub organization_id: uuid::Uuid,
    pub entry_id: uuid::Uuid,
    pub entry_date: chrono::NaiveDate,
    pub memo: T1,
    pub reverses_entry_id: Option<uuid::Uuid>,
    pub posted_by: uuid::Uuid,
}
#[derive(Debug)]
pub struct InsertLinesParams<
    T1: crate::ArraySql<Item = i32>,
    T2: crate::ArraySql<Item = uuid::Uuid>,
    T3: crate::StringSql,
    T4: crate::ArraySql<Item = T3>,
    T5: crate::ArraySql<Item = rust_decimal::Decimal>,
    T6: crate::ArraySql<Item = rust_decimal::Decimal>,
    T7: crate::StringSql,
    T8: crate::ArraySql<Item = T7>,
> {
    pub organization_id: uuid::Uuid,
    pub entry_id: uuid::Uuid,
    pub line_nos: T1,
    pub account_ids: T2,
    pub currencies: T4,
    pub debits: T5,
    pub credits: T6,
    pub memos: T8,
}
#[derive(Clone, Copy, Debug)]
pub struct EntryByIdParams {
    pub organization_id: uuid::Uuid,
    pub entry_id: uuid::Uuid,
}
#[derive(Clone, Copy, Debug)]
pub struct EntryForReversalParams {
    pub organization_id: uuid::Uuid,
    pub entry_id: uuid::Uuid,
}
#[derive(Clone, Copy, Debug)]
pub struct MarkReversedParams {
    pub reversed_by_entry_id: uuid::Uuid,
    pub organization_id: uuid::Uuid,
    pub entry_id: uuid::Uuid,
}
#[derive(Clone, Copy, Debug)]
pub struct EntriesPageParams {
    pub organization_id: uuid::Uuid,
    pub before_posted_at: Option<chrono::DateTime<chrono::Utc>>,
    pub before_entry_id: Option<uuid::Uuid>,
    pub limit: i64,
}
#[derive(Debug)]
pub struct LinesOfEntriesParams<T1: crate::ArraySql<Item = uuid::Uuid>> {
    pub organization_id: uuid::Uuid,
    pub entry_ids: T1,
}
#[derive(Clone, Copy, Debug)]
pub struct TrialBalanceParams {
    pub as_of: chrono::NaiveDate,
    pub organization_id: uuid::Uuid,
}
#[derive(Debug, Clone, PartialEq)]
pub struct Account {
    pub account_id: uuid::Uuid,
    pub code: String,
    pub name: String,
    pub kind: String,
    pub currency: String,
    pub version: i32,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}
pub struct AccountBorrowed<'a> {
    pub account_id: uuid::Uuid,
    pub code: &'a str,
    pub name: &'a str,
    pub kind: &'a str,
    pub currency: &'a str,
    pub version: i32,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}
impl<'a> From<AccountBorrowed<'a>> for Account {
    fn from(
        AccountBorrowed { account_id, code, name, kind, currency, version, created_at, updated_at }: AccountBorrowed<
            'a,
        >,
    ) -> Self {
        Self {
            account_id,
            code: code.into(),
            name: name.into(),
            kind: kind.into(),
            currency: currency.into(),
            version,
            created_at,
            updated_at,
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct EntryHeader {
    pub entry_id: uuid::Uuid,
    pub entry_date: chrono::NaiveDate,
    pub memo: String,
    pub reverses_entry_id: Option<uuid::Uuid>,
    pub reversed_by_entry_id: Option<uuid::Uuid>,
    pub posted_by: uuid::Uuid,
    pub posted_at: chrono::DateTime<chrono::Utc>,
}
pub struct EntryHeaderBorrowed<'a> {
    pub entry_id: uuid::Uuid,
    pub entry_date: chrono::NaiveDate,
    pub memo: &'a str,
    pub reverses_entry_id: Option<uuid::Uuid>,
    pub reversed_by_entry_id: Option<uuid::Uuid>,
    pub posted_by: uuid::Uuid,
    pub posted_at: chrono::DateTime<chrono::Utc>,
}
impl<'a> From<EntryHeaderBorrowed<'a>> for EntryHeader {
    fn from(
        EntryHeaderBorrowed {
            entry_id,
            entry_date,
            memo,
            reverses_entry_id,
            reversed_by_entry_id,
            posted_by,
            posted_at,
        }: EntryHeaderBorrowed<'a>,
    ) -> Self {
        Self { entry_id, entry_date, memo: memo.into(), reverses_entry_id, reversed_by_entry_id, posted_by, posted_at }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub entry_id: uuid::Uuid,
    pub line_no: i32,
    pub account_id: uuid::Uuid,
    pub currency: String,
    pub debit: rust_decimal::Decimal,
    pub credit: rust_decimal::Decimal,
    pub memo: String,
}
pub struct LineBorrowed<'a> {
    pub entry_id: uuid::Uuid,
    pub line_no: i32,
    pub account_id: uuid::Uuid,
    pub currency: &'a str,
    pub debit: rust_decimal::Decimal,
    pub credit: rust_decimal::Decimal,
    pub memo: &'a str,
}
impl<'a> From<LineBorrowed<'a>> for Line {
    fn from(LineBorrowed { entry_id, line_no, account_id, currency, debit, credit, memo }: LineBorrowed<'a>) -> Self {
        Self { entry_id, line_no, account_id, currency: currency.into(), debit, credit, memo: memo.into() }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct TrialBalanceRow {
    pub account_id: uuid::Uuid,
    pub code: String,
    pub name: String,
    pub kind: String,
    pub currency: String,
    pub debit: rust_decimal::Decimal,
    pub credit: rust_decimal::Decimal,
}
pub struct TrialBalanceRowBorrowed<'a> {
    pub account_id: uuid::Uuid,
    pub code: &'a str,
    pub name: &'a str,
    pub kind: &'a str,
    pub currency: &'a str,
    pub debit: rust_decimal::Decimal,
    pub credit: rust_decimal::Decimal,
}
impl<'a> From<TrialBalanceRowBorrowed<'a>> for TrialBalanceRow {
    fn from(
        TrialBalanceRowBorrowed { account_id, code, name, kind, currency, debit, credit }: TrialBalanceRowBorrowed<'a>,
    ) -> Self {
        Self {
            account_id,
            code: code.into(),
            name: name.into(),
            kind: kind.into(),
            currency: currency.into(),
            debit,
            credit,
        }
    }
}
use crate::client::async_::GenericClient;
use futures::{self, StreamExt, TryStreamExt};
pub struct AccountQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<AccountBorrowed, tokio_postgres::Error>,
    mapper: fn(AccountBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> AccountQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(AccountBorrowed) -> R) -> AccountQuery<'c, 'a, 's, C, R, N> {
        AccountQuery {
            client: self.client,
            params: self.params,
            query: self.query,
            cached: self.cached,
            extractor: self.extractor,
            mapper,
        }
    }
    pub async fn one(self) -> Result<T, tokio_postgres::Error> {
        let row = crate::client::async_::one(self.client, self.query, &self.params, self.cached).await?;
        Ok((self.mapper)((self.extractor)(&row)?))
    }
    pub async fn all(self) -> Result<Vec<T>, tokio_postgres::Error> {
        self.iter().await?.try_collect().await
    }
    pub async fn opt(self) -> Result<Option<T>, tokio_postgres::Error> {
        let opt_row = crate::client::async_::opt(self.client, self.query, &self.params, self.cached).await?;
        Ok(opt_row
            .map(|row| {
                let extracted = (self.extractor)(&row)?;
                Ok((self.mapper)(extracted))
            })
            .transpose()?)
    }
    pub async fn iter(
        self,
    ) -> Result<impl futures::Stream<Item = Result<T, tokio_postgres::Error>> + 'c, tokio_postgres::Error> {
        let stream =
            crate::client::async_::raw(self.client, self.query, crate::slice_iter(&self.params), self.cached).await?;
        let mapped = stream
            .map(move |res| {
                res.and_then(|row| {
                    let extracted = (self.extractor)(&row)?;
                    Ok((self.mapper)(extracted))
                })
            })
            .into_stream();
        Ok(mapped)
    }
}
pub struct EntryHeaderQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<EntryHeaderBorrowed, tokio_postgres::Error>,
    mapper: fn(EntryHeaderBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> EntryHeaderQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(EntryHeaderBorrowed) -> R) -> EntryHeaderQuery<'c, 'a, 's, C, R, N> {
        EntryHeaderQuery {
            client: self.client,
            params: self.params,
            query: self.query,
            cached: self.cached,
            extractor: self.extractor,
            mapper,
        }
    }
    pub async fn one(self) -> Result<T, tokio_postgres::Error> {
        let row = crate::client::async_::one(self.client, self.query, &self.params, self.cached).await?;
        Ok((self.mapper)((self.extractor)(&row)?))
    }
    pub async fn all(self) -> Result<Vec<T>, tokio_postgres::Error> {
        self.iter().await?.try_collect().await
    }
    pub async fn opt(self) -> Result<Option<T>, tokio_postgres::Error> {
        let opt_row = crate::client::async_::opt(self.client, self.query, &self.params, self.cached).await?;
        Ok(opt_row
            .map(|row| {
                let extracted = (self.extractor)(&row)?;
                Ok((self.mapper)(extracted))
            })
            .transpose()?)
    }
    pub async fn iter(
        self,
    ) -> Result<impl futures::Stream<Item = Result<T, tokio_postgres::Error>> + 'c, tokio_postgres::Error> {
        let stream =
            crate::client::async_::raw(self.client, self.query, crate::slice_iter(&self.params), self.cached).await?;
        let mapped = stream
            .map(move |res| {
                res.and_then(|row| {
                    let extracted = (self.extractor)(&row)?;
                    Ok((self.mapper)(extracted))
                })
            })
            .into_stream();
        Ok(mapped)
    }
}
pub struct LineQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<LineBorrowed, tokio_postgres::Error>,
    mapper: fn(LineBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> LineQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(LineBorrowed) -> R) -> LineQuery<'c, 'a, 's, C, R, N> {
        LineQuery {
            client: self.client,
            params: self.params,
            query: self.query,
            cached: self.cached,
            extractor: self.extractor,
            mapper,
        }
    }
    pub async fn one(self) -> Result<T, tokio_postgres::Error> {
        let row = crate::client::async_::one(self.client, self.query, &self.params, self.cached).await?;
        Ok((self.mapper)((self.extractor)(&row)?))
    }
    pub async fn all(self) -> Result<Vec<T>, tokio_postgres::Error> {
        self.iter().await?.try_collect().await
    }
    pub async fn opt(self) -> Result<Option<T>, tokio_postgres::Error> {
        let opt_row = crate::client::async_::opt(self.client, self.query, &self.params, self.cached).await?;
        Ok(opt_row
            .map(|row| {
                let extracted = (self.extractor)(&row)?;
                Ok((self.mapper)(extracted))
            })
            .transpose()?)
    }
    pub async fn iter(
        self,
    ) -> Result<impl futures::Stream<Item = Result<T, tokio_postgres::Error>> + 'c, tokio_postgres::Error> {
        let stream =
            crate::client::async_::raw(self.client, self.query, crate::slice_iter(&self.params), self.cached).await?;
        let mapped = stream
            .map(move |res| {
                res.and_then(|row| {
                    let extracted = (self.extractor)(&row)?;
                    Ok((self.mapper)(extracted))
                })
            })
            .into_stream();
        Ok(mapped)
    }
}
pub struct TrialBalanceRowQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<TrialBalanceRowBorrowed, tokio_postgres::Error>,
    mapper: fn(TrialBalanceRowBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> TrialBalanceRowQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(TrialBalanceRowBorrowed) -> R) -> TrialBalanceRowQuery<'c, 'a, 's, C, R, N> {
        TrialBalanceRowQuery {
            client: self.client,
            params: self.params,
            query: self.query,
            cached: self.cached,
            extractor: self.extractor,
            mapper,
        }
    }
    pub async fn one(self) -> Result<T, tokio_postgres::Error> {
        let row = crate::client::async_::one(self.client, self.query, &self.params, self.cached).await?;
        Ok((self.mapper)((self.extractor)(&row)?))
    }
    pub async fn all(self) -> Result<Vec<T>, tokio_postgres::Error> {
        self.iter().await?.try_collect().await
    }
    pub async fn opt(self) -> Result<Option<T>, tokio_postgres::Error> {
        let opt_row = crate::client::async_::opt(self.client, self.query, &self.params, self.cached).await?;
        Ok(opt_row
            .map(|row| {
                let extracted = (self.extractor)(&row)?;
                Ok((self.mapper)(extracted))
            })
            .transpose()?)
    }
    pub async fn iter(
        self,
    ) -> Result<impl futures::Stream<Item = Result<T, tokio_postgres::Error>> + 'c, tokio_postgres::Error> {
        let stream =
            crate::client::async_::raw(self.client, self.query, crate::slice_iter(&self.params), self.cached).await?;
        let mapped = stream
            .map(move |res| {
                res.and_then(|row| {
                    let extracted = (self.extractor)(&row)?;
                    Ok((self.mapper)(extracted))
                })
            })
            .into_stream();
        Ok(mapped)
    }
}
pub struct InsertAccountStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn insert_account() -> InsertAccountStmt {
    InsertAccountStmt(
        "INSERT INTO accounts (organization_id, account_id, code, name, kind, currency) VALUES ($1, $2, $3, $4, $5, $6) RETURNING account_id, code, name, kind, currency::text AS currency, version, created_at, updated_at",
        None,
    )
}
impl InsertAccountStmt {
    pub async fn prepare<'a, C: GenericClient>(mut self, client: &'a C) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<
        'c,
        'a,
        's,
        C: GenericClient,
        T1: crate::StringSql,
        T2: crate::StringSql,
        T3: crate::StringSql,
        T4: crate::StringSql,
    >(
        &'s self,
        client: &'c C,
        organization_id: &'a uuid::Uuid,
        account_id: &'a uuid::Uuid,
        code: &'a T1,
        name: &'a T2,
        kind: &'a T3,
        currency: &'a T4,
    ) -> AccountQuery<'c, 'a, 's, C, Account, 6> {
        AccountQuery {
            client,
            params: [organization_id, account_id, code, name, kind, currency],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<AccountBorrowed, tokio_postgres::Error> {
                Ok(AccountBorrowed {
                    account_id: row.try_get(0)?,
                    code: row.try_get(1)?,
                    name: row.try_get(2)?,
                    kind: row.try_get(3)?,
                    currency: row.try_get(4)?,
                    version: row.try_get(5)?,
                    created_at: row.try_get(6)?,
                    updated_at: row.try_get(7)?,
                })
            },
            mapper: |it| Account::from(it),
        }
    }
}
impl<
    'c,
    'a,
    's,
    C: GenericClient,
    T1: crate::StringSql,
    T2: crate::StringSql,
    T3: crate::StringSql,
    T4: crate::StringSql,
>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        InsertAccountParams<T1, T2, T3, T4>,
        AccountQuery<'c, 'a, 's, C, Account, 6>,
        C,
    > for InsertAccountStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a InsertAccountParams<T1, T2, T3, T4>,
    ) -> AccountQuery<'c, 'a, 's, C, Account, 6> {
        self.bind(
            client,
            &params.organization_id,
            &params.account_id,
            &params.code,
            &params.name,
            &params.kind,
            &params.currency,
        )
    }
}
pub struct AccountByIdStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn account_by_id() -> AccountByIdStmt {
    AccountByIdStmt(
        "SELECT account_id, code, name, kind, currency::text AS currency, version, created_at, updated_at FROM accounts WHERE organization_id = $1 AND account_id = $2",
        None,
    )
}
impl AccountByIdStmt {
    pub async fn prepare<'a, C: GenericClient>(mut self, client: &'a C) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        organization_id: &'a uuid::Uuid,
        account_id: &'a uuid::Uuid,
    ) -> AccountQuery<'c, 'a, 's, C, Account, 2> {
        AccountQuery {
            client,
            params: [organization_id, account_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<AccountBorrowed, tokio_postgres::Error> {
                Ok(AccountBorrowed {
                    account_id: row.try_get(0)?,
                    code: row.try_get(1)?,
                    name: row.try_get(2)?,
                    kind: row.try_get(3)?,
                    currency: row.try_get(4)?,
                    version: row.try_get(5)?,
                    created_at: row.try_get(6)?,
                    updated_at: row.try_get(7)?,
                })
            },
            mapper: |it| Account::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<'c, 'a, 's, AccountByIdParams, AccountQuery<'c, 'a, 's, C, Account, 2>, C>
    for AccountByIdStmt
{
    fn params(&'s self, client: &'c C, params: &'a AccountByIdParams) -> AccountQuery<'c, 'a, 's, C, Account, 2> {
        self.bind(client, &params.organization_id, &params.account_id)
    }
}
pub struct AccountsByIdsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn accounts_by_ids() -> AccountsByIdsStmt {
    AccountsByIdsStmt(
        "SELECT account_id, code, name, kind, currency::text AS currency, version, created_at, updated_at FROM accounts WHERE organization_id = $1 AND account_id = ANY($2)",
        None,
    )
}
impl AccountsByIdsStmt {
    pub async fn prepare<'a, C: GenericClient>(mut self, client: &'a C) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient, T1: crate::ArraySql<Item = uuid::Uuid>>(
        &'s self,
        client: &'c C,
        organization_id: &'a uuid::Uuid,
        account_ids: &'a T1,
    ) -> AccountQuery<'c, 'a, 's, C, Account, 2> {
        AccountQuery {
            client,
            params: [organization_id, account_ids],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<AccountBorrowed, tokio_postgres::Error> {
                Ok(AccountBorrowed {
                    account_id: row.try_get(0)?,
                    code: row.try_get(1)?,
                    name: row.try_get(2)?,
                    kind: row.try_get(3)?,
                    currency: row.try_get(4)?,
                    version: row.try_get(5)?,
                    created_at: row.try_get(6)?,
                    updated_at: row.try_get(7)?,
                })
            },
            mapper: |it| Account::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::ArraySql<Item = uuid::Uuid>>
    crate::client::async_::Params<'c, 'a, 's, AccountsByIdsParams<T1>, AccountQuery<'c, 'a, 's, C, Account, 2>, C>
    for AccountsByIdsStmt
{
    fn params(&'s self, client: &'c C, params: &'a AccountsByIdsParams<T1>) -> AccountQuery<'c, 'a, 's, C, Account, 2> {
        self.bind(client, &params.organization_id, &params.account_ids)
    }
}
pub struct AccountsPageStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn accounts_page() -> AccountsPageStmt {
    AccountsPageStmt(
        "SELECT account_id, code, name, kind, currency::text AS currency, version, created_at, updated_at FROM accounts WHERE organization_id = $1 AND ($2::text IS NULL OR code > $2) ORDER BY code LIMIT $3",
        None,
    )
}
impl AccountsPageStmt {
    pub async fn prepare<'a, C: GenericClient>(mut self, client: &'a C) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>(
        &'s self,
        client: &'c C,
        organization_id: &'a uuid::Uuid,
        after_code: &'a Option<T1>,
        limit: &'a i64,
    ) -> AccountQuery<'c, 'a, 's, C, Account, 3> {
        AccountQuery {
            client,
            params: [organization_id, after_code, limit],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<AccountBorrowed, tokio_postgres::Error> {
                Ok(AccountBorrowed {
                    account_id: row.try_get(0)?,
                    code: row.try_get(1)?,
                    name: row.try_get(2)?,
                    kind: row.try_get(3)?,
                    currency: row.try_get(4)?,
                    version: row.try_get(5)?,
                    created_at: row.try_get(6)?,
                    updated_at: row.try_get(7)?,
                })
            },
            mapper: |it| Account::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>
    crate::client::async_::Params<'c, 'a, 's, AccountsPageParams<T1>, AccountQuery<'c, 'a, 's, C, Account, 3>, C>
    for AccountsPageStmt
{
    fn params(&'s self, client: &'c C, params: &'a AccountsPageParams<T1>) -> AccountQuery<'c, 'a, 's, C, Account, 3> {
        self.bind(client, &params.organization_id, &params.after_code, &params.limit)
    }
}
pub struct UpdateAccountStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn update_account() -> UpdateAccountStmt {
    UpdateAccountStmt(
        "UPDATE accounts SET name = $1, version = version + 1, updated_at = now() WHERE organization_id = $2 AND account_id = $3 AND version = $4 RETURNING account_id, code, name, kind, currency::text AS currency, version, created_at, updated_at",
        None,
    )
}
impl UpdateAccountStmt {
    pub async fn prepare<'a, C: GenericClient>(mut self, client: &'a C) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>(
        &'s self,
        client: &'c C,
        name: &'a T1,
        organization_id: &'a uuid::Uuid,
        account_id: &'a uuid::Uuid,
        version: &'a i32,
    ) -> AccountQuery<'c, 'a, 's, C, Account, 4> {
        AccountQuery {
            client,
            params: [name, organization_id, account_id, version],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<AccountBorrowed, tokio_postgres::Error> {
                Ok(AccountBorrowed {
                    account_id: row.try_get(0)?,
                    code: row.try_get(1)?,
                    name: row.try_get(2)?,
                    kind: row.try_get(3)?,
                    currency: row.try_get(4)?,
                    version: row.try_get(5)?,
                    created_at: row.try_get(6)?,
                    updated_at: row.try_get(7)?,
                })
            },
            mapper: |it| Account::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>
    crate::client::async_::Params<'c, 'a, 's, UpdateAccountParams<T1>, AccountQuery<'c, 'a, 's, C, Account, 4>, C>
    for UpdateAccountStmt
{
    fn params(&'s self, client: &'c C, params: &'a UpdateAccountParams<T1>) -> AccountQuery<'c, 'a, 's, C, Account, 4> {
        self.bind(client, &params.name, &params.organization_id, &params.account_id, &params.version)
    }
}
pub struct InsertEntryStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn insert_entry() -> InsertEntryStmt {
    InsertEntryStmt(
        "INSERT INTO journal_entries (organization_id, entry_id, entry_date, memo, reverses_entry_id, posted_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING entry_id, entry_date, memo, reverses_entry_id, reversed_by_entry_id, posted_by, posted_at",
        None,
    )
}
impl InsertEntryStmt {
    pub async fn prepare<'a, C: GenericClient>(mut self, client: &'a C) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>(
        &'s self,
        client: &'c C,
        organization_id: &'a uuid::Uuid,
        entry_id: &'a uuid::Uuid,
        entry_date: &'a chrono::NaiveDate,
        memo: &'a T1,
        reverses_entry_id: &'a Option<uuid::Uuid>,
        posted_by: &'a uuid::Uuid,
    ) -> EntryHeaderQuery<'c, 'a, 's, C, EntryHeader, 6> {
        EntryHeaderQuery {
            client,
            params: [organization_id, entry_id, entry_date, memo, reverses_entry_id, posted_by],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<EntryHeaderBorrowed, tokio_postgres::Error> {
                Ok(EntryHeaderBorrowed {
                    entry_id: row.try_get(0)?,
                    entry_date: row.try_get(1)?,
                    memo: row.try_get(2)?,
                    reverses_entry_id: row.try_get(3)?,
                    reversed_by_entry_id: row.try_get(4)?,
                    posted_by: row.try_get(5)?,
                    posted_at: row.try_get(6)?,
                })
            },
            mapper: |it| EntryHeader::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>
    crate::client::async_::Params<'c, 'a, 's, InsertEntryParams<T1>, EntryHeaderQuery<'c, 'a, 's, C, EntryHeader, 6>, C>
    for InsertEntryStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a InsertEntryParams<T1>,
    ) -> EntryHeaderQuery<'c, 'a, 's, C, EntryHeader, 6> {
        self.bind(
            client,
            &params.organization_id,
            &params.entry_id,
            &params.entry_date,
            &params.memo,
            &params.reverses_entry_id,
            &params.posted_by,
        )
    }
}
pub struct InsertLinesStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn insert_lines() -> InsertLinesStmt {
    InsertLinesStmt(
        "INSERT INTO journal_lines (organization_id, entry_id, line_no, account_id, currency, debit, credit, memo) SELECT $1, $2, l.line_no, l.account_id, l.currency, l.debit, l.credit, l.memo FROM unnest($3::int[], $4::uuid[], $5::text[], $6::numeric[], $7::numeric[], $8::text[]) AS l(line_no, account_id, currency, debit, credit, memo)",
        None,
    )
}
impl InsertLinesStmt {
    pub async fn prepare<'a, C: GenericClient>(mut self, client: &'a C) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub async fn bind<
        'c,
        'a,
        's,
        C: GenericClient,
        T1: crate::ArraySql<Item = i32>,
        T2: crate::ArraySql<Item = uuid::Uuid>,
        T3: crate::StringSql,
        T4: crate::ArraySql<Item = T3>,
        T5: crate::ArraySql<Item = rust_decimal::Decimal>,
        T6: crate::ArraySql<Item = rust_decimal::Decimal>,
        T7: crate::StringSql,
        T8: crate::ArraySql<Item = T7>,
    >(
        &'s self,
        client: &'c C,
        organization_id: &'a uuid::Uuid,
        entry_id: &'a uuid::Uuid,
        line_nos: &'a T1,
        account_ids: &'a T2,
        currencies: &'a T4,
        debits: &'a T5,
        credits: &'a T6,
        memos: &'a T8,
    ) -> Result<u64, tokio_postgres::Error> {
        client
            .execute(self.0, &[organization_id, entry_id, line_nos, account_ids, currencies, debits, credits, memos])
            .await
    }
}
impl<
    'a,
    C: GenericClient + Send + Sync,
    T1: crate::ArraySql<Item = i32>,
    T2: crate::ArraySql<Item = uuid::Uuid>,
    T3: crate::StringSql,
    T4: crate::ArraySql<Item = T3>,
    T5: crate::ArraySql<Item = rust_decimal::Decimal>,
    T6: crate::ArraySql<Item = rust_decimal::Decimal>,
    T7: crate::StringSql,
    T8: crate::ArraySql<Item = T7>,
>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        InsertLinesParams<T1, T2, T3, T4, T5, T6, T7, T8>,
        std::pin::Pin<Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>>,
        C,
    > for InsertLinesStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a InsertLinesParams<T1, T2, T3, T4, T5, T6, T7, T8>,
    ) -> std::pin::Pin<Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>> {
        Box::pin(self.bind(
            client,
            &params.organization_id,
            &params.entry_id,
            &params.line_nos,
            &params.account_ids,
            &params.currencies,
            &params.debits,
            &params.credits,
            &params.memos,
        ))
    }
}
pub struct EntryByIdStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn entry_by_id() -> EntryByIdStmt {
    EntryByIdStmt(
        "SELECT entry_id, entry_date, memo, reverses_entry_id, reversed_by_entry_id, posted_by, posted_at FROM journal_entries WHERE organization_id = $1 AND entry_id = $2",
        None,
    )
}
impl EntryByIdStmt {
    pub async fn prepare<'a, C: GenericClient>(mut self, client: &'a C) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        organization_id: &'a uuid::Uuid,
        entry_id: &'a uuid::Uuid,
    ) -> EntryHeaderQuery<'c, 'a, 's, C, EntryHeader, 2> {
        EntryHeaderQuery {
            client,
            params: [organization_id, entry_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<EntryHeaderBorrowed, tokio_postgres::Error> {
                Ok(EntryHeaderBorrowed {
                    entry_id: row.try_get(0)?,
                    entry_date: row.try_get(1)?,
                    memo: row.try_get(2)?,
                    reverses_entry_id: row.try_get(3)?,
                    reversed_by_entry_id: row.try_get(4)?,
                    posted_by: row.try_get(5)?,
                    posted_at: row.try_get(6)?,
                })
            },
            mapper: |it| EntryHeader::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<'c, 'a, 's, EntryByIdParams, EntryHeaderQuery<'c, 'a, 's, C, EntryHeader, 2>, C>
    for EntryByIdStmt
{
    fn params(&'s self, client: &'c C, params: &'a EntryByIdParams) -> EntryHeaderQuery<'c, 'a, 's, C, EntryHeader, 2> {
        self.bind(client, &params.organization_id, &params.entry_id)
    }
}
pub struct EntryForReversalStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn entry_for_reversal() -> EntryForReversalStmt {
    EntryForReversalStmt(
        "SELECT entry_id, entry_date, memo, reverses_entry_id, reversed_by_entry_id, posted_by, posted_at FROM journal_entries WHERE organization_id = $1 AND entry_id = $2 FOR UPDATE",
        None,
    )
}
impl EntryForReversalStmt {
    pub async fn prepare<'a, C: GenericClient>(mut self, client: &'a C) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        organization_id: &'a uuid::Uuid,
        entry_id: &'a uuid::Uuid,
    ) -> EntryHeaderQuery<'c, 'a, 's, C, EntryHeader, 2> {
        EntryHeaderQuery {
            client,
            params: [organization_id, entry_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<EntryHeaderBorrowed, tokio_postgres::Error> {
                Ok(EntryHeaderBorrowed {
                    entry_id: row.try_get(0)?,
                    entry_date: row.try_get(1)?,
                    memo: row.try_get(2)?,
                    reverses_entry_id: row.try_get(3)?,
                    reversed_by_entry_id: row.try_get(4)?,
                    posted_by: row.try_get(5)?,
                    posted_at: row.try_get(6)?,
                })
            },
            mapper: |it| EntryHeader::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        EntryForReversalParams,
        EntryHeaderQuery<'c, 'a, 's, C, EntryHeader, 2>,
        C,
    > for EntryForReversalStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a EntryForReversalParams,
    ) -> EntryHeaderQuery<'c, 'a, 's, C, EntryHeader, 2> {
        self.bind(client, &params.organization_id, &params.entry_id)
    }
}
pub struct MarkReversedStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn mark_reversed() -> MarkReversedStmt {
    MarkReversedStmt(
        "UPDATE journal_entries SET reversed_by_entry_id = $1 WHERE organization_id = $2 AND entry_id = $3 AND reversed_by_entry_id IS NULL",
        None,
    )
}
impl MarkReversedStmt {
    pub async fn prepare<'a, C: GenericClient>(mut self, client: &'a C) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub async fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        reversed_by_entry_id: &'a uuid::Uuid,
        organization_id: &'a uuid::Uuid,
        entry_id: &'a uuid::Uuid,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[reversed_by_entry_id, organization_id, entry_id]).await
    }
}
impl<'a, C: GenericClient + Send + Sync>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        MarkReversedParams,
        std::pin::Pin<Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>>,
        C,
    > for MarkReversedStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a MarkReversedParams,
    ) -> std::pin::Pin<Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>> {
        Box::pin(self.bind(client, &params.reversed_by_entry_id, &params.organization_id, &params.entry_id))
    }
}
pub struct EntriesPageStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn entries_page() -> EntriesPageStmt {
    EntriesPageStmt(
        "SELECT entry_id, entry_date, memo, reverses_entry_id, reversed_by_entry_id, posted_by, posted_at FROM journal_entries WHERE organization_id = $1 AND ($2::timestamptz IS NULL OR (posted_at, entry_id) < ($2, $3::uuid)) ORDER BY posted_at DESC, entry_id DESC LIMIT $4",
        None,
    )
}
impl EntriesPageStmt {
    pub async fn prepare<'a, C: GenericClient>(mut self, client: &'a C) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        organization_id: &'a uuid::Uuid,
        before_posted_at: &'a Option<chrono::DateTime<chrono::Utc>>,
        before_entry_id: &'a Option<uuid::Uuid>,
        limit: &'a i64,
    ) -> EntryHeaderQuery<'c, 'a, 's, C, EntryHeader, 4> {
        EntryHeaderQuery {
            client,
            params: [organization_id, before_posted_at, before_entry_id, limit],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<EntryHeaderBorrowed, tokio_postgres::Error> {
                Ok(EntryHeaderBorrowed {
                    entry_id: row.try_get(0)?,
                    entry_date: row.try_get(1)?,
                    memo: row.try_get(2)?,
                    reverses_entry_id: row.try_get(3)?,
                    reversed_by_entry_id: row.try_get(4)?,
                    posted_by: row.try_get(5)?,
                    posted_at: row.try_get(6)?,
                })
            },
            mapper: |it| EntryHeader::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<'c, 'a, 's, EntriesPageParams, EntryHeaderQuery<'c, 'a, 's, C, EntryHeader, 4>, C>
    for EntriesPageStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a EntriesPageParams,
    ) -> EntryHeaderQuery<'c, 'a, 's, C, EntryHeader, 4> {
        self.bind(client, &params.organization_id, &params.before_posted_at, &params.before_entry_id, &params.limit)
    }
}
pub struct LinesOfEntriesStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn lines_of_entries() -> LinesOfEntriesStmt {
    LinesOfEntriesStmt(
        "SELECT entry_id, line_no, account_id, currency::text AS currency, debit, credit, memo FROM journal_lines WHERE organization_id = $1 AND entry_id = ANY($2) ORDER BY entry_id, line_no",
        None,
    )
}
impl LinesOfEntriesStmt {
    pub async fn prepare<'a, C: GenericClient>(mut self, client: &'a C) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient, T1: crate::ArraySql<Item = uuid::Uuid>>(
        &'s self,
        client: &'c C,
        organization_id: &'a uuid::Uuid,
        entry_ids: &'a T1,
    ) -> LineQuery<'c, 'a, 's, C, Line, 2> {
        LineQuery {
            client,
            params: [organization_id, entry_ids],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<LineBorrowed, tokio_postgres::Error> {
                Ok(LineBorrowed {
                    entry_id: row.try_get(0)?,
                    line_no: row.try_get(1)?,
                    account_id: row.try_get(2)?,
                    currency: row.try_get(3)?,
                    debit: row.try_get(4)?,
                    credit: row.try_get(5)?,
                    memo: row.try_get(6)?,
                })
            },
            mapper: |it| Line::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::ArraySql<Item = uuid::Uuid>>
    crate::client::async_::Params<'c, 'a, 's, LinesOfEntriesParams<T1>, LineQuery<'c, 'a, 's, C, Line, 2>, C>
    for LinesOfEntriesStmt
{
    fn params(&'s self, client: &'c C, params: &'a LinesOfEntriesParams<T1>) -> LineQuery<'c, 'a, 's, C, Line, 2> {
        self.bind(client, &params.organization_id, &params.entry_ids)
    }
}
pub struct TrialBalanceStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn trial_balance() -> TrialBalanceStmt {
    TrialBalanceStmt(
        "SELECT a.account_id, a.code, a.name, a.kind, a.currency::text AS currency, coalesce(sum(l.debit), 0)::numeric(20,2) AS debit, coalesce(sum(l.credit), 0)::numeric(20,2) AS credit FROM accounts a LEFT JOIN journal_lines l ON l.organization_id = a.organization_id AND l.account_id = a.account_id AND EXISTS (SELECT 1 FROM journal_entries e WHERE e.organization_id = l.organization_id AND e.entry_id = l.entry_id AND e.entry_date <= $1) WHERE a.organization_id = $2 GROUP BY a.account_id, a.code, a.name, a.kind, a.currency ORDER BY a.code",
        None,
    )
}
impl TrialBalanceStmt {
    pub async fn prepare<'a, C: GenericClient>(mut self, client: &'a C) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        as_of: &'a chrono::NaiveDate,
        organization_id: &'a uuid::Uuid,
    ) -> TrialBalanceRowQuery<'c, 'a, 's, C, TrialBalanceRow, 2> {
        TrialBalanceRowQuery {
            client,
            params: [as_of, organization_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<TrialBalanceRowBorrowed, tokio_postgres::Error> {
                Ok(TrialBalanceRowBorrowed {
                    account_id: row.try_get(0)?,
                    code: row.try_get(1)?,
                    name: row.try_get(2)?,
                    kind: row.try_get(3)?,
                    currency: row.try_get(4)?,
                    debit: row.try_get(5)?,
                    credit: row.try_get(6)?,
                })
            },
            mapper: |it| TrialBalanceRow::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        TrialBalanceParams,
        TrialBalanceRowQuery<'c, 'a, 's, C, TrialBalanceRow, 2>,
        C,
    > for TrialBalanceStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a TrialBalanceParams,
    ) -> TrialBalanceRowQuery<'c, 'a, 's, C, TrialBalanceRow, 2> {
        self.bind(client, &params.as_of, &params.organization_id)
    }
}
