//! Server-side sessions: what a signed-in browser's cookie stands for.
//!
//! A session lives in PostgreSQL, so every host behind a load balancer sees
//! it and signing out takes effect everywhere at once. The cookie holds 256
//! random bits; the database holds only their SHA-256, so a copy of the
//! table signs no one in. The same goes for sign-ins under way, found by
//! the hash of their `state`.

use std::time::Duration;

use deadpool_postgres::Pool;
use sent_auth::Identity;
use sent_queries::queries::identity as q;
use sent_rpc::RpcError;

use crate::database_unavailable as unavailable;

/// Opens, resolves and closes sessions.
#[derive(Debug, Clone)]
pub struct Sessions {
    pool: Pool,
    ttl: Duration,
}

/// A sign-in under way, kept between `/auth/login` and `/auth/callback`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingSignIn {
    pub nonce: String,
    pub pkce_verifier: String,
    /// Where the person goes once signed in (a path on this host).
    pub return_to: String,
}

impl Sessions {
    pub fn new(pool: Pool, ttl: Duration) -> Self {
        Self { pool, ttl }
    }

    /// How long a new session lasts.
    pub fn ttl(&self) -> Duration {
        self.ttl
    }

    /// Provision the user on first sign-in (refresh what the provider says
    /// about them after that) and open a session: the cookie's value.
    ///
    /// # Errors
    /// When the database refuses.
    pub async fn open(&self, identity: &Identity) -> Result<String, RpcError> {
        let token = crate::secret::generate()?;
        let expires_at = chrono::Utc::now() + chrono::Duration::from_std(self.ttl).map_err(RpcError::internal)?;
        let mut client = self.pool.get().await.map_err(unavailable)?;
        let tx = client.transaction().await?;
        // The users table shows a call only its own user's row.
        tx.execute("SELECT set_config('app.user_id', $1, true)", &[&identity.user_id.to_string()]).await?;
        q::upsert_user()
            .bind(&tx, &identity.user_id, &identity.issuer, &identity.subject, &identity.email, &identity.name)
            .await?;
        q::insert_session()
            .bind(
                &tx,
                &crate::secret::digest(&token).as_slice(),
                &identity.user_id,
                &identity.issuer,
                &identity.subject,
                &identity.email,
                &identity.name,
                &expires_at,
            )
            .await?;
        tx.commit().await?;
        Ok(token)
    }

    /// Who a session cookie signs in, or -32001 when it is unknown, expired
    /// or signed out.
    ///
    /// # Errors
    /// -32001 for a dead session; -32030 when the database is unreachable.
    pub async fn resolve(&self, token: &str) -> Result<Identity, RpcError> {
        resolve(&self.pool, token).await
    }

    /// Sign one session out.
    ///
    /// # Errors
    /// When the database refuses.
    pub async fn close(&self, token: &str) -> Result<(), RpcError> {
        let client = self.pool.get().await.map_err(unavailable)?;
        q::revoke_session().bind(&client, &crate::secret::digest(token).as_slice()).await?;
        Ok(())
    }

    /// Sign every session of the session's user out, on every host; the
    /// user it was.
    ///
    /// # Errors
    /// -32001 when the session is already dead.
    pub async fn close_everywhere(&self, token: &str) -> Result<Identity, RpcError> {
        let identity = self.resolve(token).await?;
        let client = self.pool.get().await.map_err(unavailable)?;
        q::revoke_user_sessions().bind(&client, &identity.user_id).await?;
        Ok(identity)
    }

    /// Remember a sign-in under way; `state` is its key.
    ///
    /// # Errors
    /// When the database refuses.
    pub async fn begin_sign_in(&self, state: &str, pending: &PendingSignIn) -> Result<(), RpcError> {
        let client = self.pool.get().await.map_err(unavailable)?;
        // Abandoned sign-ins go as new ones arrive.
        q::purge_sign_ins().bind(&client).await?;
        q::insert_sign_in()
            .bind(
                &client,
                &crate::secret::digest(state).as_slice(),
                &pending.nonce,
                &pending.pkce_verifier,
                &pending.return_to,
            )
            .await?;
        Ok(())
    }

    /// Take the sign-in `state` names, exactly once; `None` when it is
    /// unknown, used or older than ten minutes.
    ///
    /// # Errors
    /// When the database refuses.
    pub async fn take_sign_in(&self, state: &str) -> Result<Option<PendingSignIn>, RpcError> {
        let client = self.pool.get().await.map_err(unavailable)?;
        let taken = q::take_sign_in().bind(&client, &crate::secret::digest(state).as_slice()).opt().await?;
        Ok(taken.map(|row| PendingSignIn {
            nonce: row.nonce,
            pkce_verifier: row.pkce_verifier,
            return_to: row.return_to,
        }))
    }
}

/// The identity behind a session cookie.
pub(crate) async fn resolve(pool: &Pool, token: &str) -> Result<Identity, RpcError> {
    let signed_out = || RpcError::unauthenticated("The session has ended: sign in again");
    // Every token this server issues is 43 characters of base64url; anything
    // else needs no database round trip to refuse.
    if !crate::secret::is_well_formed(token) {
        return Err(signed_out());
    }
    let client = pool.get().await.map_err(unavailable)?;
    let session = q::live_session()
        .bind(&client, &crate::secret::digest(token).as_slice())
        .opt()
        .await?
        .ok_or_else(signed_out)?;
    let identity = Identity::new(&session.issuer, &session.subject, session.email, session.display_name);
    if identity.user_id != session.user_id {
        return Err(RpcError::internal(format!("session of {} does not match its subject", session.user_id)));
    }
    Ok(identity)
}
