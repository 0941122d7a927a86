// This file was generated with `cornucopia`. Do not modify.

#[derive(Clone, Copy, Debug)]
pub struct MemberRoleParams {
    pub organization_id: uuid::Uuid,
    pub user_id: uuid::Uuid,
}
#[derive(Debug)]
pub struct InsertOrganizationParams<T1: crate::StringSql> {
    pub organization_id: uuid::Uuid,
    pub name: T1,
}
#[derive(Debug)]
pub struct UpdateOrganizationParams<T1: crate::StringSql> {
    pub name: T1,
    pub organization_id: uuid::Uuid,
    pub version: i32,
}
#[derive(Debug)]
pub struct InsertMemberParams<T1: crate::StringSql, T2: crate::StringSql, T3: crate::StringSql> {
    pub organization_id: uuid::Uuid,
    pub user_id: uuid::Uuid,
    pub email: T1,
    pub display_name: T2,
    pub role: T3,
}
#[derive(Debug)]
pub struct MembersPageParams<T1: crate::StringSql> {
    pub organization_id: uuid::Uuid,
    pub after_email: Option<T1>,
    pub limit: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct MemberByIdParams {
    pub organization_id: uuid::Uuid,
    pub user_id: uuid::Uuid,
}
#[derive(Debug)]
pub struct UpdateMemberRoleParams<T1: crate::StringSql> {
    pub role: T1,
    pub organization_id: uuid::Uuid,
    pub user_id: uuid::Uuid,
    pub version: i32,
}
#[derive(Clone, Copy, Debug)]
pub struct DeleteMemberParams {
    pub organization_id: uuid::Uuid,
    pub user_id: uuid::Uuid,
    pub version: i32,
}
#[derive(Debug)]
pub struct UpsertUserParams<T1: crate::StringSql, T2: crate::StringSql, T3: crate::StringSql, T4: crate::StringSql> {
    pub user_id: uuid::Uuid,
    pub issuer: T1,
    pub subject: T2,
    pub email: Option<T3>,
    pub display_name: Option<T4>,
}
#[derive(Debug)]
pub struct InsertSessionParams<
    T1: crate::BytesSql,
    T2: crate::StringSql,
    T3: crate::StringSql,
    T4: crate::StringSql,
    T5: crate::StringSql,
> {
    pub session_hash: T1,
    pub user_id: uuid::Uuid,
    pub issuer: T2,
    pub subject: T3,
    pub email: Option<T4>,
    pub display_name: Option<T5>,
    pub expires_at: chrono::DateTime<chrono::Utc>,
}
#[derive(Debug)]
pub struct InsertSignInParams<T1: crate::BytesSql, T2: crate::StringSql, T3: crate::StringSql, T4: crate::StringSql> {
    pub state_hash: T1,
    pub nonce: T2,
    pub pkce_verifier: T3,
    pub return_to: T4,
}
#[derive(Debug)]
pub struct CloseLapsedInvitationsParams<T1: crate::StringSql> {
    pub organization_id: uuid::Uuid,
    pub email: T1,
}
#[derive(Debug)]
pub struct InsertInvitationParams<T1: crate::StringSql, T2: crate::StringSql, T3: crate::BytesSql> {
    pub organization_id: uuid::Uuid,
    pub invitation_id: uuid::Uuid,
    pub email: T1,
    pub role: T2,
    pub token_hash: T3,
    pub invited_by: uuid::Uuid,
    pub valid_days: i32,
}
#[derive(Debug)]
pub struct MemberByEmailParams<T1: crate::StringSql> {
    pub organization_id: uuid::Uuid,
    pub email: T1,
}
#[derive(Clone, Copy, Debug)]
pub struct InvitationsPageParams {
    pub organization_id: uuid::Uuid,
    pub after_id: Option<uuid::Uuid>,
    pub limit: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct RevokeInvitationParams {
    pub organization_id: uuid::Uuid,
    pub invitation_id: uuid::Uuid,
    pub version: i32,
}
#[derive(Clone, Copy, Debug)]
pub struct InvitationByIdParams {
    pub organization_id: uuid::Uuid,
    pub invitation_id: uuid::Uuid,
}
#[derive(Debug)]
pub struct InvitationByTokenParams<T1: crate::BytesSql> {
    pub organization_id: uuid::Uuid,
    pub token_hash: T1,
}
#[derive(Clone, Copy, Debug)]
pub struct MarkInvitationAcceptedParams {
    pub accepted_by: uuid::Uuid,
    pub organization_id: uuid::Uuid,
    pub invitation_id: uuid::Uuid,
}
#[derive(Debug, Clone, PartialEq)]
pub struct Membership {
    pub organization_id: uuid::Uuid,
    pub organization_name: String,
    pub role: String,
}
pub struct MembershipBorrowed<'a> {
    pub organization_id: uuid::Uuid,
    pub organization_name: &'a str,
    pub role: &'a str,
}
impl<'a> From<MembershipBorrowed<'a>> for Membership {
    fn from(MembershipBorrowed { organization_id, organization_name, role }: MembershipBorrowed<'a>) -> Self {
        Self { organization_id, organization_name: organization_name.into(), role: role.into() }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct Organization {
    pub organization_id: uuid::Uuid,
    pub name: String,
    pub version: i32,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}
pub struct OrganizationBorrowed<'a> {
    pub organization_id: uuid::Uuid,
    pub name: &'a str,
    pub version: i32,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}
impl<'a> From<OrganizationBorrowed<'a>> for Organization {
    fn from(
        OrganizationBorrowed { organization_id, name, version, created_at, updated_at }: OrganizationBorrowed<'a>,
    ) -> Self {
        Self { organization_id, name: name.into(), version, created_at, updated_at }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub user_id: uuid::Uuid,
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub version: i32,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}
pub struct MemberBorrowed<'a> {
    pub user_id: uuid::Uuid,
    pub email: &'a str,
    pub display_name: &'a str,
    pub role: &'a str,
    pub version: i32,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}
impl<'a> From<MemberBorrowed<'a>> for Member {
    fn from(
        MemberBorrowed { user_id, email, display_name, role, version, created_at, updated_at }: MemberBorrowed<'a>,
    ) -> Self {
        Self {
            user_id,
            email: email.into(),
            display_name: display_name.into(),
            role: role.into(),
            version,
            created_at,
            updated_at,
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub user_id: uuid::Uuid,
    pub issuer: String,
    pub subject: String,
    pub email: Option<String>,
    pub display_name: Option<String>,
    pub expires_at: chrono::DateTime<chrono::Utc>,
}
pub struct SessionBorrowed<'a> {
    pub user_id: uuid::Uuid,
    pub issuer: &'a str,
    pub subject: &'a str,
    pub email: Option<&'a str>,
    pub display_name: Option<&'a str>,
    pub expires_at: chrono::DateTime<chrono::Utc>,
}
impl<'a> From<SessionBorrowed<'a>> for Session {
    fn from(
        SessionBorrowed { user_id, issuer, subject, email, display_name, expires_at }: SessionBorrowed<'a>,
    ) -> Self {
        Self {
            user_id,
            issuer: issuer.into(),
            subject: subject.into(),
            email: email.map(|v| v.into()),
            display_name: display_name.map(|v| v.into()),
            expires_at,
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct TakeSignIn {
    pub nonce: String,
    pub pkce_verifier: String,
    pub return_to: String,
}
pub struct TakeSignInBorrowed<'a> {
    pub nonce: &'a str,
    pub pkce_verifier: &'a str,
    pub return_to: &'a str,
}
impl<'a> From<TakeSignInBorrowed<'a>> for TakeSignIn {
    fn from(TakeSignInBorrowed { nonce, pkce_verifier, return_to }: TakeSignInBorrowed<'a>) -> Self {
        Self { nonce: nonce.into(), pkce_verifier: pkce_verifier.into(), return_to: return_to.into() }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct Invitation {
    pub invitation_id: uuid::Uuid,
    pub email: String,
    pub role: String,
    pub invited_by: uuid::Uuid,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub expires_at: chrono::DateTime<chrono::Utc>,
    pub accepted_at: Option<chrono::DateTime<chrono::Utc>>,
    pub revoked_at: Option<chrono::DateTime<chrono::Utc>>,
    pub version: i32,
}
pub struct InvitationBorrowed<'a> {
    pub invitation_id: uuid::Uuid,
    pub email: &'a str,
    pub role: &'a str,
    pub invited_by: uuid::Uuid,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub expires_at: chrono::DateTime<chrono::Utc>,
    pub accepted_at: Option<chrono::DateTime<chrono::Utc>>,
    pub revoked_at: Option<chrono::DateTime<chrono::Utc>>,
    pub version: i32,
}
impl<'a> From<InvitationBorrowed<'a>> for Invitation {
    fn from(
        InvitationBorrowed {
            invitation_id,
            email,
            role,
            invited_by,
            created_at,
            expires_at,
            accepted_at,
            revoked_at,
            version,
        }: InvitationBorrowed<'a>,
    ) -> Self {
        Self {
            invitation_id,
            email: email.into(),
            role: role.into(),
            invited_by,
            created_at,
            expires_at,
            accepted_at,
            revoked_at,
            version,
        }
    }
}
use crate::client::async_::GenericClient;
use futures::{self, StreamExt, TryStreamExt};
pub struct StringQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<&str, tokio_postgres::Error>,
    mapper: fn(&str) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> StringQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(&str) -> R) -> StringQuery<'c, 'a, 's, C, R, N> {
        StringQuery {
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
pub struct MembershipQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<MembershipBorrowed, tokio_postgres::Error>,
    mapper: fn(MembershipBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> MembershipQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(MembershipBorrowed) -> R) -> MembershipQuery<'c, 'a, 's, C, R, N> {
        MembershipQuery {
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
pub struct OrganizationQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<OrganizationBorrowed, tokio_postgres::Error>,
    mapper: fn(OrganizationBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> OrganizationQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(OrganizationBorrowed) -> R) -> OrganizationQuery<'c, 'a, 's, C, R, N> {
        OrganizationQuery {
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
pub struct MemberQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<MemberBorrowed, tokio_postgres::Error>,
    mapper: fn(MemberBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> MemberQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(MemberBorrowed) -> R) -> MemberQuery<'c, 'a, 's, C, R, N> {
        MemberQuery {
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
pub struct UuidUuidQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<uuid::Uuid, tokio_postgres::Error>,
    mapper: fn(uuid::Uuid) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> UuidUuidQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(uuid::Uuid) -> R) -> UuidUuidQuery<'c, 'a, 's, C, R, N> {
        UuidUuidQuery {
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
pub struct SessionQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<SessionBorrowed, tokio_postgres::Error>,
    mapper: fn(SessionBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> SessionQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(SessionBorrowed) -> R) -> SessionQuery<'c, 'a, 's, C, R, N> {
        SessionQuery {
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
pub struct TakeSignInQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<TakeSignInBorrowed, tokio_postgres::Error>,
    mapper: fn(TakeSignInBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> TakeSignInQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(TakeSignInBorrowed) -> R) -> TakeSignInQuery<'c, 'a, 's, C, R, N> {
        TakeSignInQuery {
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
pub struct InvitationQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<InvitationBorrowed, tokio_postgres::Error>,
    mapper: fn(InvitationBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> InvitationQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(InvitationBorrowed) -> R) -> InvitationQuery<'c, 'a, 's, C, R, N> {
        InvitationQuery {
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
pub struct MemberRoleStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn member_role() -> MemberRoleStmt {
    MemberRoleStmt("SELECT role FROM members WHERE organization_id = $1 AND user_id = $2", None)
}
impl MemberRoleStmt {
    pub async fn prepare<'a, C: GenericClient>(mut self, client: &'a C) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        organization_id: &'a uuid::Uuid,
        user_id: &'a uuid::Uuid,
    ) -> StringQuery<'c, 'a, 's, C, String, 2> {
        StringQuery {
            client,
            params: [organization_id, user_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row| Ok(row.try_get(0)?),
            mapper: |it| it.into(),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<'c, 'a, 's, MemberRoleParams, StringQuery<'c, 'a, 's, C, String, 2>, C>
    for MemberRoleStmt
{
    fn params(&'s self, client: &'c C, params: &'a MemberRoleParams) -> StringQuery<'c, 'a, 's, C, String, 2> {
        self.bind(client, &params.organization_id, &params.user_id)
    }
}
pub struct MyMembershipsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn my_memberships() -> MyMembershipsStmt {
    MyMembershipsStmt(
        "SELECT m.organization_id, o.name AS organization_name, m.role FROM members m JOIN organizations o ON o.organization_id = m.organization_id WHERE m.user_id = $1 ORDER BY o.name, m.organization_id",
        None,
    )
}
impl MyMembershipsStmt {
    pub async fn prepare<'a, C: GenericClient>(mut self, client: &'a C) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        user_id: &'a uuid::Uuid,
    ) -> MembershipQuery<'c, 'a, 's, C, Membership, 1> {
        MembershipQuery {
            client,
            params: [user_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<MembershipBorrowed, tokio_postgres::Error> {
                Ok(MembershipBorrowed {
                    organization_id: row.try_get(0)?,
                    organization_name: row.try_get(1)?,
                    role: row.try_get(2)?,
                })
            },
            mapper: |it| Membership::from(it),
        }
    }
}
pub struct InsertOrganizationStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn insert_organization() -> InsertOrganizationStmt {
    InsertOrganizationStmt(
        "INSERT INTO organizations (organization_id, name) VALUES ($1, $2) RETURNING organization_id, name, version, created_at, updated_at",
        None,
    )
}
impl InsertOrganizationStmt {
    pub async fn prepare<'a, C: GenericClient>(mut self, client: &'a C) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>(
        &'s self,
        client: &'c C,
        organization_id: &'a uuid::Uuid,
        name: &'a T1,
    ) -> OrganizationQuery<'c, 'a, 's, C, Organization, 2> {
        OrganizationQuery {
            client,
            params: [organization_id, name],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<OrganizationBorrowed, tokio_postgres::Error> {
                Ok(OrganizationBorrowed {
                    organization_id: row.try_get(0)?,
                    name: row.try_get(1)?,
                    version: row.try_get(2)?,
                    created_at: row.try_get(3)?,
                    updated_at: row.try_get(4)?,
                })
            },
            mapper: |it| Organization::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        InsertOrganizationParams<T1>,
        OrganizationQuery<'c, 'a, 's, C, Organization, 2>,
        C,
    > for InsertOrganizationStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a InsertOrganizationParams<T1>,
    ) -> OrganizationQuery<'c, 'a, 's, C, Organization, 2> {
        self.bind(client, &params.organization_id, &params.name)
    }
}
pub struct OrganizationByIdStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn organization_by_id() -> OrganizationByIdStmt {
    OrganizationByIdStmt(
        "SELECT organization_id, name, version, created_at, updated_at FROM organizations WHERE organization_id = $1",
        None,
    )
}
impl OrganizationByIdStmt {
    pub async fn prepare<'a, C: GenericClient>(mut self, client: &'a C) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        organization_id: &'a uuid::Uuid,
    ) -> OrganizationQuery<'c, 'a, 's, C, Organization, 1> {
        OrganizationQuery {
            client,
            params: [organization_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<OrganizationBorrowed, tokio_postgres::Error> {
                Ok(OrganizationBorrowed {
                    organization_id: row.try_get(0)?,
                    name: row.try_get(1)?,
                    version: row.try_get(2)?,
                    created_at: row.try_get(3)?,
                    updated_at: row.try_get(4)?,
                })
            },
            mapper: |it| Organization::from(it),
        }
    }
}
pub struct UpdateOrganizationStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn update_organization() -> UpdateOrganizationStmt {
    UpdateOrganizationStmt(
        "UPDATE organizations SET name = $1, version = version + 1, updated_at = now() WHERE organization_id = $2 AND version = $3 RETURNING organization_id, name, version, created_at, updated_at",
        None,
    )
}
impl UpdateOrganizationStmt {
    pub async fn prepare<'a, C: GenericClient>(mut self, client: &'a C) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>(
        &'s self,
        client: &'c C,
        name: &'a T1,
        organization_id: &'a uuid::Uuid,
        version: &'a i32,
    ) -> OrganizationQuery<'c, 'a, 's, C, Organization, 3> {
        OrganizationQuery {
            client,
            params: [name, organization_id, version],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<OrganizationBorrowed, tokio_postgres::Error> {
                Ok(OrganizationBorrowed {
                    organization_id: row.try_get(0)?,
                    name: row.try_get(1)?,
                    version: row.try_get(2)?,
                    created_at: row.try_get(3)?,
                    updated_at: row.try_get(4)?,
                })
            },
            mapper: |it| Organization::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        UpdateOrganizationParams<T1>,
        OrganizationQuery<'c, 'a, 's, C, Organization, 3>,
        C,
    > for UpdateOrganizationStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a UpdateOrganizationParams<T1>,
    ) -> OrganizationQuery<'c, 'a, 's, C, Organization, 3> {
        self.bind(client, &params.name, &params.organization_id, &params.version)
    }
}
pub struct InsertMemberStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn insert_member() -> InsertMemberStmt {
    InsertMemberStmt(
        "INSERT INTO members (organization_id, user_id, email, display_name, role) VALUES ($1, $2, $3, $4, $5) RETURNING user_id, email, display_name, role, version, created_at, updated_at",
        None,
    )
}
impl InsertMemberStmt {
    pub async fn prepare<'a, C: GenericClient>(mut self, client: &'a C) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient, T1: crate::StringSql, T2: crate::StringSql, T3: crate::StringSql>(
        &'s self,
        client: &'c C,
        organization_id: &'a uuid::Uuid,
        user_id: &'a uuid::Uuid,
        email: &'a T1,
        display_name: &'a T2,
        role: &'a T3,
    ) -> MemberQuery<'c, 'a, 's, C, Member, 5> {
        MemberQuery {
            client,
            params: [organization_id, user_id, email, display_name, role],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<MemberBorrowed, tokio_postgres::Error> {
                Ok(MemberBorrowed {
                    user_id: row.try_get(0)?,
                    email: row.try_get(1)?,
                    display_name: row.try_get(2)?,
                    role: row.try_get(3)?,
                    version: row.try_get(4)?,
                    created_at: row.try_get(5)?,
                    updated_at: row.try_get(6)?,
                })
            },
            mapper: |it| Member::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql, T2: crate::StringSql, T3: crate::StringSql>
    crate::client::async_::Params<'c, 'a, 's, InsertMemberParams<T1, T2, T3>, MemberQuery<'c, 'a, 's, C, Member, 5>, C>
    for InsertMemberStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a InsertMemberParams<T1, T2, T3>,
    ) -> MemberQuery<'c, 'a, 's, C, Member, 5> {
        self.bind(client, &params.organization_id, &params.user_id, &params.email, &params.display_name, &params.role)
    }
}
pub struct MembersPageStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn members_page() -> MembersPageStmt {
    MembersPageStmt(
        "SELECT user_id, email, display_name, role, version, created_at, updated_at FROM members WHERE organization_id = $1 AND ($2::text IS NULL OR email > $2) ORDER BY email LIMIT $3",
        None,
    )
}
impl MembersPageStmt {
    pub async fn prepare<'a, C: GenericClient>(mut self, client: &'a C) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>(
        &'s self,
        client: &'c C,
        organization_id: &'a uuid::Uuid,
        after_email: &'a Option<T1>,
        limit: &'a i64,
    ) -> MemberQuery<'c, 'a, 's, C, Member, 3> {
        MemberQuery {
            client,
            params: [organization_id, after_email, limit],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<MemberBorrowed, tokio_postgres::Error> {
                Ok(MemberBorrowed {
                    user_id: row.try_get(0)?,
                    email: row.try_get(1)?,
                    display_name: row.try_get(2)?,
                    role: row.try_get(3)?,
                    version: row.try_get(4)?,
                    created_at: row.try_get(5)?,
                    updated_at: row.try_get(6)?,
                })
            },
            mapper: |it| Member::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>
    crate::client::async_::Params<'c, 'a, 's, MembersPageParams<T1>, MemberQuery<'c, 'a, 's, C, Member, 3>, C>
    for MembersPageStmt
{
    fn params(&'s self, client: &'c C, params: &'a MembersPageParams<T1>) -> MemberQuery<'c, 'a, 's, C, Member, 3> {
        self.bind(client, &params.organization_id, &params.after_email, &params.limit)
    }
}
pub struct MemberByIdStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn member_by_id() -> MemberByIdStmt {
    MemberByIdStmt(
        "SELECT user_id, email, display_name, role, version, created_at, updated_at FROM members WHERE organization_id = $1 AND user_id = $2",
        None,
    )
}
impl MemberByIdStmt {
    pub async fn prepare<'a, C: GenericClient>(mut self, client: &'a C) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        organization_id: &'a uuid::Uuid,
        user_id: &'a uuid::Uuid,
    ) -> MemberQuery<'c, 'a, 's, C, Member, 2> {
        MemberQuery {
            client,
            params: [organization_id, user_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<MemberBorrowed, tokio_postgres::Error> {
                Ok(MemberBorrowed {
                    user_id: row.try_get(0)?,
                    email: row.try_get(1)?,
                    display_name: row.try_get(2)?,
                    role: row.try_get(3)?,
                    version: row.try_get(4)?,
                    created_at: row.try_get(5)?,
                    updated_at: row.try_get(6)?,
                })
            },
            mapper: |it| Member::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<'c, 'a, 's, MemberByIdParams, MemberQuery<'c, 'a, 's, C, Member, 2>, C>
    for MemberByIdStmt
{
    fn params(&'s self, client: &'c C, params: &'a MemberByIdParams) -> MemberQuery<'c, 'a, 's, C, Member, 2> {
        self.bind(client, &params.organization_id, &params.user_id)
    }
}
pub struct UpdateMemberRoleStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn update_member_role() -> UpdateMemberRoleStmt {
    UpdateMemberRoleStmt(
        "UPDATE members SET role = $1, version = version + 1, updated_at = now() WHERE organization_id = $2 AND user_id = $3 AND version = $4 RETURNING user_id, email, display_name, role, version, created_at, updated_at",
        None,
    )
}
impl UpdateMemberRoleStmt {
    pub async fn prepare<'a, C: GenericClient>(mut self, client: &'a C) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>(
        &'s self,
        client: &'c C,
        role: &'a T1,
        organization_id: &'a uuid::Uuid,
        user_id: &'a uuid::Uuid,
        version: &'a i32,
    ) -> MemberQuery<'c, 'a, 's, C, Member, 4> {
        MemberQuery {
            client,
            params: [role, organization_id, user_id, version],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<MemberBorrowed, tokio_postgres::Error> {
                Ok(MemberBorrowed {
                    user_id: row.try_get(0)?,
                    email: row.try_get(1)?,
                    display_name: row.try_get(2)?,
                    role: row.try_get(3)?,
                    version: row.try_get(4)?,
                    created_at: row.try_get(5)?,
                    updated_at: row.try_get(6)?,
                })
            },
            mapper: |it| Member::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>
    crate::client::async_::Params<'c, 'a, 's, UpdateMemberRoleParams<T1>, MemberQuery<'c, 'a, 's, C, Member, 4>, C>
    for UpdateMemberRoleStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a UpdateMemberRoleParams<T1>,
    ) -> MemberQuery<'c, 'a, 's, C, Member, 4> {
        self.bind(client, &params.role, &params.organization_id, &params.user_id, &params.version)
    }
}
pub struct DeleteMemberStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn delete_member() -> DeleteMemberStmt {
    DeleteMemberStmt(
        "DELETE FROM members WHERE organization_id = $1 AND user_id = $2 AND version = $3 RETURNING user_id",
        None,
    )
}
impl DeleteMemberStmt {
    pub async fn prepare<'a, C: GenericClient>(mut self, client: &'a C) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        organization_id: &'a uuid::Uuid,
        user_id: &'a uuid::Uuid,
        version: &'a i32,
    ) -> UuidUuidQuery<'c, 'a, 's, C, uuid::Uuid, 3> {
        UuidUuidQuery {
            client,
            params: [organization_id, user_id, version],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row| Ok(row.try_get(0)?),
            mapper: |it| it,
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<'c, 'a, 's, DeleteMemberParams, UuidUuidQuery<'c, 'a, 's, C, uuid::Uuid, 3>, C>
    for DeleteMemberStmt
{
    fn params(&'s self, client: &'c C, params: &'a DeleteMemberParams) -> UuidUuidQuery<'c, 'a, 's, C, uuid::Uuid, 3> {
        self.bind(client, &params.organization_id, &params.user_id, &params.version)
    }
}
pub struct LockOwnersStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn lock_owners() -> LockOwnersStmt {
    LockOwnersStmt("SELECT user_id FROM members WHERE organization_id = $1 AND role = 'owner' FOR UPDATE", None)
}
impl LockOwnersStmt {
    pub async fn prepare<'a, C: GenericClient>(mut self, client: &'a C) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        organization_id: &'a uuid::Uuid,
    ) -> UuidUuidQuery<'c, 'a, 's, C, uuid::Uuid, 1> {
        UuidUuidQuery {
            client,
            params: [organization_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row| Ok(row.try_get(0)?),
            mapper: |it| it,
        }
    }
}
pub struct UpsertUserStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn upsert_user() -> UpsertUserStmt {
    UpsertUserStmt(
        "INSERT INTO users (user_id, issuer, subject, email, display_name) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email, display_name = EXCLUDED.display_name, last_seen_at = now()",
        None,
    )
}
impl UpsertUserStmt {
    pub async fn prepare<'a, C: GenericClient>(mut self, client: &'a C) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub async fn bind<
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
        user_id: &'a uuid::Uuid,
        issuer: &'a T1,
        subject: &'a T2,
        email: &'a Option<T3>,
        display_name: &'a Option<T4>,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[user_id, issuer, subject, email, display_name]).await
    }
}
impl<
    'a,
    C: GenericClient + Send + Sync,
    T1: crate::StringSql,
    T2: crate::StringSql,
    T3: crate::StringSql,
    T4: crate::StringSql,
>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        UpsertUserParams<T1, T2, T3, T4>,
        std::pin::Pin<Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>>,
        C,
    > for UpsertUserStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a UpsertUserParams<T1, T2, T3, T4>,
    ) -> std::pin::Pin<Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>> {
        Box::pin(self.bind(
            client,
            &params.user_id,
            &params.issuer,
            &params.subject,
            &params.email,
            &params.display_name,
        ))
    }
}
pub struct InsertSessionStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn insert_session() -> InsertSessionStmt {
    InsertSessionStmt(
        "INSERT INTO sessions (session_hash, user_id, issuer, subject, email, display_name, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        None,
    )
}
impl InsertSessionStmt {
    pub async fn prepare<'a, C: GenericClient>(mut self, client: &'a C) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub async fn bind<
        'c,
        'a,
        's,
        C: GenericClient,
        T1: crate::BytesSql,
        T2: crate::StringSql,
        T3: crate::StringSql,
        T4: crate::StringSql,
        T5: crate::StringSql,
    >(
        &'s self,
        client: &'c C,
        session_hash: &'a T1,
        user_id: &'a uuid::Uuid,
        issuer: &'a T2,
        subject: &'a T3,
        email: &'a Option<T4>,
        display_name: &'a Option<T5>,
        expires_at: &'a chrono::DateTime<chrono::Utc>,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[session_hash, user_id, issuer, subject, email, display_name, expires_at]).await
    }
}
impl<
    'a,
    C: GenericClient + Send + Sync,
    T1: crate::BytesSql,
    T2: crate::StringSql,
    T3: crate::StringSql,
    T4: crate::StringSql,
    T5: crate::StringSql,
>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        InsertSessionParams<T1, T2, T3, T4, T5>,
        std::pin::Pin<Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>>,
        C,
    > for InsertSessionStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a InsertSessionParams<T1, T2, T3, T4, T5>,
    ) -> std::pin::Pin<Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>> {
        Box::pin(self.bind(
            client,
            &params.session_hash,
            &params.user_id,
            &params.issuer,
            &params.subject,
            &params.email,
            &params.display_name,
            &params.expires_at,
        ))
    }
}
pub struct LiveSessionStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn live_session() -> LiveSessionStmt {
    LiveSessionStmt(
        "SELECT user_id, issuer, subject, email, display_name, expires_at FROM sessions WHERE session_hash = $1 AND revoked_at IS NULL AND expires_at > now()",
        None,
    )
}
impl LiveSessionStmt {
    pub async fn prepare<'a, C: GenericClient>(mut self, client: &'a C) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient, T1: crate::BytesSql>(
        &'s self,
        client: &'c C,
        session_hash: &'a T1,
    ) -> SessionQuery<'c, 'a, 's, C, Session, 1> {
        SessionQuery {
            client,
            params: [session_hash],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<SessionBorrowed, tokio_postgres::Error> {
                Ok(SessionBorrowed {
                    user_id: row.try_get(0)?,
                    issuer: row.try_get(1)?,
                    subject: row.try_get(2)?,
                    email: row.try_get(3)?,
                    display_name: row.try_get(4)?,
                    expires_at: row.try_get(5)?,
                })
            },
            mapper: |it| Session::from(it),
        }
    }
}
pub struct RevokeSessionStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn revoke_session() -> RevokeSessionStmt {
    RevokeSessionStmt("UPDATE sessions SET revoked_at = now() WHERE session_hash = $1 AND revoked_at IS NULL", None)
}
impl RevokeSessionStmt {
    pub async fn prepare<'a, C: GenericClient>(mut self, client: &'a C) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub async fn bind<'c, 'a, 's, C: GenericClient, T1: crate::BytesSql>(
        &'s self,
        client: &'c C,
        session_hash: &'a T1,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[session_hash]).await
    }
}
pub struct RevokeUserSessionsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn revoke_user_sessions() -> RevokeUserSessionsStmt {
    RevokeUserSessionsStmt("UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL", None)
}
impl RevokeUserSessionsStmt {
    pub async fn prepare<'a, C: GenericClient>(mut self, client: &'a C) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub async fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        user_id: &'a uuid::Uuid,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[user_id]).await
    }
}
pub struct InsertSignInStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn insert_sign_in() -> InsertSignInStmt {
    InsertSignInStmt(
        "INSERT INTO sign_ins (state_hash, nonce, pkce_verifier, return_to, expires_at) VALUES ($1, $2, $3, $4, now() + interval '10 minutes')",
        None,
    )
}
impl InsertSignInStmt {
    pub async fn prepare<'a, C: GenericClient>(mut self, client: &'a C) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub async fn bind<
        'c,
        'a,
        's,
        C: GenericClient,
        T1: crate::BytesSql,
        T2: crate::StringSql,
        T3: crate::StringSql,
        T4: crate::StringSql,
    >(
        &'s self,
        client: &'c C,
        state_hash: &'a T1,
        nonce: &'a T2,
        pkce_verifier: &'a T3,
        return_to: &'a T4,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[state_hash, nonce, pkce_verifier, return_to]).await
    }
}
impl<
    'a,
    C: GenericClient + Send + Sync,
    T1: crate::BytesSql,
    T2: crate::StringSql,
    T3: crate::StringSql,
    T4: crate::StringSql,
>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        InsertSignInParams<T1, T2, T3, T4>,
        std::pin::Pin<Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>>,
        C,
    > for InsertSignInStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a InsertSignInParams<T1, T2, T3, T4>,
    ) -> std::pin::Pin<Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>> {
        Box::pin(self.bind(client, &params.state_hash, &params.nonce, &params.pkce_verifier, &params.return_to))
    }
}
pub struct TakeSignInStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn take_sign_in() -> TakeSignInStmt {
    TakeSignInStmt(
        "DELETE FROM sign_ins WHERE state_hash = $1 AND expires_at > now() RETURNING nonce, pkce_verifier, return_to",
        None,
    )
}
impl TakeSignInStmt {
    pub async fn prepare<'a, C: GenericClient>(mut self, client: &'a C) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient, T1: crate::BytesSql>(
        &'s self,
        client: &'c C,
        state_hash: &'a T1,
    ) -> TakeSignInQuery<'c, 'a, 's, C, TakeSignIn, 1> {
        TakeSignInQuery {
            client,
            params: [state_hash],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<TakeSignInBorrowed, tokio_postgres::Error> {
                Ok(TakeSignInBorrowed {
                    nonce: row.try_get(0)?,
                    pkce_verifier: row.try_get(1)?,
                    return_to: row.try_get(2)?,
                })
            },
            mapper: |it| TakeSignIn::from(it),
        }
    }
}
pub struct PurgeSignInsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn purge_sign_ins() -> PurgeSignInsStmt {
    PurgeSignInsStmt("DELETE FROM sign_ins WHERE expires_at <= now()", None)
}
impl PurgeSignInsStmt {
    pub async fn prepare<'a, C: GenericClient>(mut self, client: &'a C) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub async fn bind<'c, 'a, 's, C: GenericClient>(&'s self, client: &'c C) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[]).await
    }
}
pub struct CloseLapsedInvitationsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn close_lapsed_invitations() -> CloseLapsedInvitationsStmt {
    CloseLapsedInvitationsStmt(
        "UPDATE invitations SET revoked_at = now(), version = version + 1 WHERE organization_id = $1 AND lower(email) = lower($2) AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at <= now()",
        None,
    )
}
impl CloseLapsedInvitationsStmt {
    pub async fn prepare<'a, C: GenericClient>(mut self, client: &'a C) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub async fn bind<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>(
        &'s self,
        client: &'c C,
        organization_id: &'a uuid::Uuid,
        email: &'a T1,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[organization_id, email]).await
    }
}
impl<'a, C: GenericClient + Send + Sync, T1: crate::StringSql>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        CloseLapsedInvitationsParams<T1>,
        std::pin::Pin<Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>>,
        C,
    > for CloseLapsedInvitationsStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a CloseLapsedInvitationsParams<T1>,
    ) -> std::pin::Pin<Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>> {
        Box::pin(self.bind(client, &params.organization_id, &params.email))
    }
}
pub struct InsertInvitationStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn insert_invitation() -> InsertInvitationStmt {
    InsertInvitationStmt(
        "INSERT INTO invitations (organization_id, invitation_id, email, role, token_hash, invited_by, expires_at) VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(days => $7)) RETURNING invitation_id, email, role, invited_by, created_at, expires_at, accepted_at, revoked_at, version",
        None,
    )
}
impl InsertInvitationStmt {
    pub async fn prepare<'a, C: GenericClient>(mut self, client: &'a C) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient, T1: crate::StringSql, T2: crate::StringSql, T3: crate::BytesSql>(
        &'s self,
        client: &'c C,
        organization_id: &'a uuid::Uuid,
        invitation_id: &'a uuid::Uuid,
        email: &'a T1,
        role: &'a T2,
        token_hash: &'a T3,
        invited_by: &'a uuid::Uuid,
        valid_days: &'a i32,
    ) -> InvitationQuery<'c, 'a, 's, C, Invitation, 7> {
        InvitationQuery {
            client,
            params: [organization_id, invitation_id, email, role, token_hash, invited_by, valid_days],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<InvitationBorrowed, tokio_postgres::Error> {
                Ok(InvitationBorrowed {
                    invitation_id: row.try_get(0)?,
                    email: row.try_get(1)?,
                    role: row.try_get(2)?,
                    invited_by: row.try_get(3)?,
                    created_at: row.try_get(4)?,
                    expires_at: row.try_get(5)?,
                    accepted_at: row.try_get(6)?,
                    revoked_at: row.try_get(7)?,
                    version: row.try_get(8)?,
                })
            },
            mapper: |it| Invitation::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql, T2: crate::StringSql, T3: crate::BytesSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        InsertInvitationParams<T1, T2, T3>,
        InvitationQuery<'c, 'a, 's, C, Invitation, 7>,
        C,
    > for InsertInvitationStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a InsertInvitationParams<T1, T2, T3>,
    ) -> InvitationQuery<'c, 'a, 's, C, Invitation, 7> {
        self.bind(
            client,
            &params.organization_id,
            &params.invitation_id,
            &params.email,
            &params.role,
            &params.token_hash,
            &params.invited_by,
            &params.valid_days,
        )
    }
}
pub struct MemberByEmailStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn member_by_email() -> MemberByEmailStmt {
    MemberByEmailStmt("SELECT user_id FROM members WHERE organization_id = $1 AND lower(email) = lower($2)", None)
}
impl MemberByEmailStmt {
    pub async fn prepare<'a, C: GenericClient>(mut self, client: &'a C) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>(
        &'s self,
        client: &'c C,
        organization_id: &'a uuid::Uuid,
        email: &'a T1,
    ) -> UuidUuidQuery<'c, 'a, 's, C, uuid::Uuid, 2> {
        UuidUuidQuery {
            client,
            params: [organization_id, email],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row| Ok(row.try_get(0)?),
            mapper: |it| it,
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>
    crate::client::async_::Params<'c, 'a, 's, MemberByEmailParams<T1>, UuidUuidQuery<'c, 'a, 's, C, uuid::Uuid, 2>, C>
    for MemberByEmailStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a MemberByEmailParams<T1>,
    ) -> UuidUuidQuery<'c, 'a, 's, C, uuid::Uuid, 2> {
        self.bind(client, &params.organization_id, &params.email)
    }
}
pub struct InvitationsPageStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn invitations_page() -> InvitationsPageStmt {
    InvitationsPageStmt(
        "SELECT invitation_id, email, role, invited_by, created_at, expires_at, accepted_at, revoked_at, version FROM invitations WHERE organization_id = $1 AND ($2::uuid IS NULL OR invitation_id < $2) ORDER BY invitation_id DESC LIMIT $3",
        None,
    )
}
impl InvitationsPageStmt {
    pub async fn prepare<'a, C: GenericClient>(mut self, client: &'a C) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        organization_id: &'a uuid::Uuid,
        after_id: &'a Option<uuid::Uuid>,
        limit: &'a i64,
    ) -> InvitationQuery<'c, 'a, 's, C, Invitation, 3> {
        InvitationQuery {
            client,
            params: [organization_id, after_id, limit],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<InvitationBorrowed, tokio_postgres::Error> {
                Ok(InvitationBorrowed {
                    invitation_id: row.try_get(0)?,
                    email: row.try_get(1)?,
                    role: row.try_get(2)?,
                    invited_by: row.try_get(3)?,
                    created_at: row.try_get(4)?,
                    expires_at: row.try_get(5)?,
                    accepted_at: row.try_get(6)?,
                    revoked_at: row.try_get(7)?,
                    version: row.try_get(8)?,
                })
            },
            mapper: |it| Invitation::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<'c, 'a, 's, InvitationsPageParams, InvitationQuery<'c, 'a, 's, C, Invitation, 3>, C>
    for InvitationsPageStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a InvitationsPageParams,
    ) -> InvitationQuery<'c, 'a, 's, C, Invitation, 3> {
        self.bind(client, &params.organization_id, &params.after_id, &params.limit)
    }
}
pub struct RevokeInvitationStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn revoke_invitation() -> RevokeInvitationStmt {
    RevokeInvitationStmt(
        "UPDATE invitations SET revoked_at = now(), version = version + 1 WHERE organization_id = $1 AND invitation_id = $2 AND version = $3 AND accepted_at IS NULL AND revoked_at IS NULL RETURNING invitation_id, email, role, invited_by, created_at, expires_at, accepted_at, revoked_at, version",
        None,
    )
}
impl RevokeInvitationStmt {
    pub async fn prepare<'a, C: GenericClient>(mut self, client: &'a C) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        organization_id: &'a uuid::Uuid,
        invitation_id: &'a uuid::Uuid,
        version: &'a i32,
    ) -> InvitationQuery<'c, 'a, 's, C, Invitation, 3> {
        InvitationQuery {
            client,
            params: [organization_id, invitation_id, version],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<InvitationBorrowed, tokio_postgres::Error> {
                Ok(InvitationBorrowed {
                    invitation_id: row.try_get(0)?,
                    email: row.try_get(1)?,
                    role: row.try_get(2)?,
                    invited_by: row.try_get(3)?,
                    created_at: row.try_get(4)?,
                    expires_at: row.try_get(5)?,
                    accepted_at: row.try_get(6)?,
                    revoked_at: row.try_get(7)?,
                    version: row.try_get(8)?,
                })
            },
            mapper: |it| Invitation::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<'c, 'a, 's, RevokeInvitationParams, InvitationQuery<'c, 'a, 's, C, Invitation, 3>, C>
    for RevokeInvitationStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a RevokeInvitationParams,
    ) -> InvitationQuery<'c, 'a, 's, C, Invitation, 3> {
        self.bind(client, &params.organization_id, &params.invitation_id, &params.version)
    }
}
pub struct InvitationByIdStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn invitation_by_id() -> InvitationByIdStmt {
    InvitationByIdStmt(
        "SELECT invitation_id, email, role, invited_by, created_at, expires_at, accepted_at, revoked_at, version FROM invitations WHERE organization_id = $1 AND invitation_id = $2",
        None,
    )
}
impl InvitationByIdStmt {
    pub async fn prepare<'a, C: GenericClient>(mut self, client: &'a C) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        organization_id: &'a uuid::Uuid,
        invitation_id: &'a uuid::Uuid,
    ) -> InvitationQuery<'c, 'a, 's, C, Invitation, 2> {
        InvitationQuery {
            client,
            params: [organization_id, invitation_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<InvitationBorrowed, tokio_postgres::Error> {
                Ok(InvitationBorrowed {
                    invitation_id: row.try_get(0)?,
                    email: row.try_get(1)?,
                    role: row.try_get(2)?,
                    invited_by: row.try_get(3)?,
                    created_at: row.try_get(4)?,
                    expires_at: row.try_get(5)?,
                    accepted_at: row.try_get(6)?,
                    revoked_at: row.try_get(7)?,
                    version: row.try_get(8)?,
                })
            },
            mapper: |it| Invitation::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<'c, 'a, 's, InvitationByIdParams, InvitationQuery<'c, 'a, 's, C, Invitation, 2>, C>
    for InvitationByIdStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a InvitationByIdParams,
    ) -> InvitationQuery<'c, 'a, 's, C, Invitation, 2> {
        self.bind(client, &params.organization_id, &params.invitation_id)
    }
}
pub struct InvitationByTokenStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn invitation_by_token() -> InvitationByTokenStmt {
    InvitationByTokenStmt(
        "SELECT invitation_id, email, role, invited_by, created_at, expires_at, accepted_at, revoked_at, version FROM invitations WHERE organization_id = $1 AND token_hash = $2 FOR UPDATE",
        None,
    )
}
impl InvitationByTokenStmt {
    pub async fn prepare<'a, C: GenericClient>(mut self, client: &'a C) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient, T1: crate::BytesSql>(
        &'s self,
        client: &'c C,
        organization_id: &'a uuid::Uuid,
        token_hash: &'a T1,
    ) -> InvitationQuery<'c, 'a, 's, C, Invitation, 2> {
        InvitationQuery {
            client,
            params: [organization_id, token_hash],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<InvitationBorrowed, tokio_postgres::Error> {
                Ok(InvitationBorrowed {
                    invitation_id: row.try_get(0)?,
                    email: row.try_get(1)?,
                    role: row.try_get(2)?,
                    invited_by: row.try_get(3)?,
                    created_at: row.try_get(4)?,
                    expires_at: row.try_get(5)?,
                    accepted_at: row.try_get(6)?,
                    revoked_at: row.try_get(7)?,
                    version: row.try_get(8)?,
                })
            },
            mapper: |it| Invitation::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::BytesSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        InvitationByTokenParams<T1>,
        InvitationQuery<'c, 'a, 's, C, Invitation, 2>,
        C,
    > for InvitationByTokenStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a InvitationByTokenParams<T1>,
    ) -> InvitationQuery<'c, 'a, 's, C, Invitation, 2> {
        self.bind(client, &params.organization_id, &params.token_hash)
    }
}
pub struct MarkInvitationAcceptedStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn mark_invitation_accepted() -> MarkInvitationAcceptedStmt {
    MarkInvitationAcceptedStmt(
        "UPDATE invitations SET accepted_at = now(), accepted_by = $1, version = version + 1 WHERE organization_id = $2 AND invitation_id = $3 AND accepted_at IS NULL AND revoked_at IS NULL",
        None,
    )
}
impl MarkInvitationAcceptedStmt {
    pub async fn prepare<'a, C: GenericClient>(mut self, client: &'a C) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub async fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        accepted_by: &'a uuid::Uuid,
        organization_id: &'a uuid::Uuid,
        invitation_id: &'a uuid::Uuid,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[accepted_by, organization_id, invitation_id]).await
    }
}
impl<'a, C: GenericClient + Send + Sync>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        MarkInvitationAcceptedParams,
        std::pin::Pin<Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>>,
        C,
    > for MarkInvitationAcceptedStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a MarkInvitationAcceptedParams,
    ) -> std::pin::Pin<Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>> {
        Box::pin(self.bind(client, &params.accepted_by, &params.organization_id, &params.invitation_id))
    }
}
