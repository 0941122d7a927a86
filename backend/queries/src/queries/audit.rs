// This file was generated with `cornucopia`. Do not modify.

#[derive(Debug)]
pub struct AppendEntryParams<
    T1: crate::StringSql,
    T2: crate::StringSql,
    T3: crate::JsonSql,
    T4: crate::ArraySql<Item = uuid::Uuid>,
> {
    pub actor_id: uuid::Uuid,
    pub method: T1,
    pub request_id: T2,
    pub params: T3,
    pub affected_ids: T4,
}
#[derive(Clone, Copy, Debug)]
pub struct EntriesPageParams {
    pub organization_id: uuid::Uuid,
    pub before_seq: Option<i64>,
    pub limit: i64,
}
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    pub seq: i64,
    pub occurred_at: chrono::DateTime<chrono::Utc>,
    pub actor_id: uuid::Uuid,
    pub method: String,
    pub request_id: String,
    pub params: serde_json::Value,
    pub affected_ids: Vec<uuid::Uuid>,
    pub hash: Vec<u8>,
}
pub struct AuditEntryBorrowed<'a> {
    pub seq: i64,
    pub occurred_at: chrono::DateTime<chrono::Utc>,
    pub actor_id: uuid::Uuid,
    pub method: &'a str,
    pub request_id: &'a str,
    pub params: postgres_types::Json<&'a serde_json::value::RawValue>,
    pub affected_ids: crate::ArrayIterator<'a, uuid::Uuid>,
    pub hash: &'a [u8],
}
impl<'a> From<AuditEntryBorrowed<'a>> for AuditEntry {
    fn from(
        AuditEntryBorrowed {
            seq,
            occurred_at,
            actor_id,
            method,
            request_id,
            params,
            affected_ids,
            hash,
        }: AuditEntryBorrowed<'a>,
    ) -> Self {
        Self {
            seq,
            occurred_at,
            actor_id,
            method: method.into(),
            request_id: request_id.into(),
            params: serde_json::from_str(params.0.get()).unwrap(),
            affected_ids: affected_ids.map(|v| v).collect(),
            hash: hash.into(),
        }
    }
}
#[derive(Debug, Clone, PartialEq, Copy)]
pub struct ChainLink {
    pub seq: i64,
    pub intact: bool,
}
use crate::client::async_::GenericClient;
use futures::{self, StreamExt, TryStreamExt};
pub struct I64Query<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<i64, tokio_postgres::Error>,
    mapper: fn(i64) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> I64Query<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(i64) -> R) -> I64Query<'c, 'a, 's, C, R, N> {
        I64Query {
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
pub struct AuditEntryQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<AuditEntryBorrowed, tokio_postgres::Error>,
    mapper: fn(AuditEntryBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> AuditEntryQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(AuditEntryBorrowed) -> R) -> AuditEntryQuery<'c, 'a, 's, C, R, N> {
        AuditEntryQuery {
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
pub struct ChainLinkQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<ChainLink, tokio_postgres::Error>,
    mapper: fn(ChainLink) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> ChainLinkQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(ChainLink) -> R) -> ChainLinkQuery<'c, 'a, 's, C, R, N> {
        ChainLinkQuery {
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
pub struct AppendEntryStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn append_entry() -> AppendEntryStmt {
    AppendEntryStmt("SELECT sent_audit_append($1::uuid, $2::text, $3::text, $4::jsonb, $5::uuid[]) AS seq", None)
}
impl AppendEntryStmt {
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
        T3: crate::JsonSql,
        T4: crate::ArraySql<Item = uuid::Uuid>,
    >(
        &'s self,
        client: &'c C,
        actor_id: &'a uuid::Uuid,
        method: &'a T1,
        request_id: &'a T2,
        params: &'a T3,
        affected_ids: &'a T4,
    ) -> I64Query<'c, 'a, 's, C, i64, 5> {
        I64Query {
            client,
            params: [actor_id, method, request_id, params, affected_ids],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row| Ok(row.try_get(0)?),
            mapper: |it| it,
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
    T3: crate::JsonSql,
    T4: crate::ArraySql<Item = uuid::Uuid>,
> crate::client::async_::Params<'c, 'a, 's, AppendEntryParams<T1, T2, T3, T4>, I64Query<'c, 'a, 's, C, i64, 5>, C>
    for AppendEntryStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a AppendEntryParams<T1, T2, T3, T4>,
    ) -> I64Query<'c, 'a, 's, C, i64, 5> {
        self.bind(client, &params.actor_id, &params.method, &params.request_id, &params.params, &params.affected_ids)
    }
}
pub struct EntriesPageStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn entries_page() -> EntriesPageStmt {
    EntriesPageStmt(
        "SELECT seq, occurred_at, actor_id, method, request_id, params, affected_ids, hash FROM audit_log WHERE organization_id = $1 AND ($2::bigint IS NULL OR seq < $2) ORDER BY seq DESC LIMIT $3",
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
        before_seq: &'a Option<i64>,
        limit: &'a i64,
    ) -> AuditEntryQuery<'c, 'a, 's, C, AuditEntry, 3> {
        AuditEntryQuery {
            client,
            params: [organization_id, before_seq, limit],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<AuditEntryBorrowed, tokio_postgres::Error> {
                Ok(AuditEntryBorrowed {
                    seq: row.try_get(0)?,
                    occurred_at: row.try_get(1)?,
                    actor_id: row.try_get(2)?,
                    method: row.try_get(3)?,
                    request_id: row.try_get(4)?,
                    params: row.try_get(5)?,
                    affected_ids: row.try_get(6)?,
                    hash: row.try_get(7)?,
                })
            },
            mapper: |it| AuditEntry::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<'c, 'a, 's, EntriesPageParams, AuditEntryQuery<'c, 'a, 's, C, AuditEntry, 3>, C>
    for EntriesPageStmt
{
    fn params(&'s self, client: &'c C, params: &'a EntriesPageParams) -> AuditEntryQuery<'c, 'a, 's, C, AuditEntry, 3> {
        self.bind(client, &params.organization_id, &params.before_seq, &params.limit)
    }
}
pub struct ChainStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn chain() -> ChainStmt {
    ChainStmt(
        "SELECT seq, seq = coalesce(lag(seq) OVER w, 0) + 1 AND prev_hash = coalesce(lag(hash) OVER w, '\\x0000000000000000000000000000000000000000000000000000000000000000'::bytea) AND hash = sent_audit_hash(prev_hash, organization_id, seq, occurred_at, actor_id, method, request_id, params, affected_ids) AS intact FROM audit_log WHERE organization_id = $1 WINDOW w AS (ORDER BY seq) ORDER BY seq",
        None,
    )
}
impl ChainStmt {
    pub async fn prepare<'a, C: GenericClient>(mut self, client: &'a C) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        organization_id: &'a uuid::Uuid,
    ) -> ChainLinkQuery<'c, 'a, 's, C, ChainLink, 1> {
        ChainLinkQuery {
            client,
            params: [organization_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<ChainLink, tokio_postgres::Error> {
                Ok(ChainLink { seq: row.try_get(0)?, intact: row.try_get(1)? })
            },
            mapper: |it| ChainLink::from(it),
        }
    }
}
pub struct HeadSeqStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn head_seq() -> HeadSeqStmt {
    HeadSeqStmt("SELECT seq FROM audit_heads WHERE organization_id = $1", None)
}
impl HeadSeqStmt {
    pub async fn prepare<'a, C: GenericClient>(mut self, client: &'a C) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        organization_id: &'a uuid::Uuid,
    ) -> I64Query<'c, 'a, 's, C, i64, 1> {
        I64Query {
            client,
            params: [organization_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row| Ok(row.try_get(0)?),
            mapper: |it| it,
        }
    }
}
