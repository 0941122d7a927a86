//! The call path. Every transport decodes its request into a method name,
//! params and [`Credentials`], and hands them to [`Dispatcher::call`]; what
//! happens next is the same for all of them:
//!
//! registry lookup → authentication → tenant and role check → typed params →
//! the method in its transaction → the audit row (mutations) → commit →
//! the encoded result or the typed error.

use std::sync::Arc;
use std::time::{Duration, Instant};

use deadpool_postgres::Pool;
use sent_rpc::{Access, ErrorKind, Handler, Kind, MethodMeta, Outcome, Registry, Role, RpcError};
use serde_json::value::RawValue;
use uuid::Uuid;

use crate::connections::Connections;
use crate::ctx::{Ctx, Tenant};
use sent_auth::{Identity, TokenVerifier};

/// What a transport knows about the caller.
#[derive(Debug, Clone, Default)]
pub struct Credentials {
    /// An `Authorization: Bearer` token.
    pub bearer: Option<String>,
    /// A browser's session cookie (see [`crate::sessions`]). A transport
    /// passes one only after its own cross-site-request check.
    pub session: Option<String>,
    /// An identity the transport has already established (the desktop's
    /// signed-in user).
    pub identity: Option<Identity>,
    /// The organization the caller chose for this call.
    pub organization_id: Option<Uuid>,
}

/// Settings of the call path.
#[derive(Debug, Clone)]
pub struct DispatchOptions {
    /// How long one call may run, its queries included.
    pub deadline: Duration,
    /// JSON-RPC body limits.
    pub limits: sent_wire::Limits,
}

impl Default for DispatchOptions {
    fn default() -> Self {
        Self { deadline: Duration::from_secs(30), limits: sent_wire::Limits::default() }
    }
}

/// Serves every registered method.
#[derive(Debug, Clone)]
pub struct Dispatcher {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    registry: Registry<Ctx>,
    connections: Connections,
    verifier: Option<Arc<TokenVerifier>>,
    options: DispatchOptions,
}

impl Dispatcher {
    pub fn new(
        registry: Registry<Ctx>,
        pool: Pool,
        verifier: Option<Arc<TokenVerifier>>,
        options: DispatchOptions,
    ) -> Self {
        Self { inner: Arc::new(Inner { registry, connections: Connections::new(pool), verifier, options }) }
    }

    /// Every method, sorted by wire name.
    pub fn methods(&self) -> Vec<&'static MethodMeta> {
        self.inner.registry.methods()
    }

    pub fn options(&self) -> &DispatchOptions {
        &self.inner.options
    }

    /// A new request id.
    pub fn new_request_id() -> String {
        Uuid::now_v7().simple().to_string()
    }

    /// Run one call.
    pub async fn call(
        &self,
        method: &str,
        params: Option<&RawValue>,
        credentials: &Credentials,
        request_id: String,
    ) -> Result<Box<RawValue>, RpcError> {
        let started = Instant::now();
        let result = self.run(method, params, credentials, request_id.clone()).await;
        let elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
        match &result {
            Ok(_) => tracing::debug!(%request_id, method, elapsed_ms, "call ok"),
            Err(error) if error.kind == ErrorKind::Internal => {
                tracing::error!(%request_id, method, elapsed_ms, error = %error, "call failed");
            }
            Err(error) => tracing::info!(%request_id, method, elapsed_ms, error = %error, "call refused"),
        }
        result
    }

    async fn run(
        &self,
        method: &str,
        params: Option<&RawValue>,
        credentials: &Credentials,
        request_id: String,
    ) -> Result<Box<RawValue>, RpcError> {
        // JSON-RPC's rule, for every transport: params by position or by name.
        if params.is_some_and(|params| !sent_wire::params_are_structured(params)) {
            return Err(RpcError::new(ErrorKind::InvalidRequest, sent_wire::PARAMS_NOT_STRUCTURED));
        }
        let handler = self
            .inner
            .registry
            .get(method)
            .ok_or_else(|| RpcError::new(ErrorKind::MethodNotFound, format!("Method not found: {method}")))?;
        let meta = handler.meta;
        let identity = match meta.access {
            Access::Public => None,
            Access::Authenticated | Access::Member(_) => Some(self.authenticate(credentials).await?),
        };
        let read_only = meta.kind == Kind::Query;
        let mut cx =
            Ctx::new(request_id, identity, self.inner.connections.clone(), self.inner.options.deadline, read_only);

        let deadline = self.inner.options.deadline;
        match tokio::time::timeout(deadline, run_in_transaction(handler, &mut cx, credentials, params)).await {
            Ok(Ok(outcome)) => Ok(outcome.result),
            Ok(Err(error)) => {
                cx.rollback().await;
                Err(error)
            }
            Err(_elapsed) => {
                // Dropping the call's future does not stop its query on the
                // server; cancel it so the connection comes back clean.
                cx.cancel_running_query().await;
                cx.rollback().await;
                Err(RpcError::new(ErrorKind::DeadlineExceeded, "The call ran past its deadline")
                    .with("deadlineMs", u64::try_from(deadline.as_millis()).unwrap_or(u64::MAX)))
            }
        }
    }

    async fn authenticate(&self, credentials: &Credentials) -> Result<Identity, RpcError> {
        if let Some(identity) = &credentials.identity {
            return Ok(identity.clone());
        }
        let Some(token) = credentials.bearer.as_deref() else {
            return match &credentials.session {
                Some(session) => crate::sessions::resolve(self.inner.connections.pool(), session).await,
                None => Err(RpcError::unauthenticated("Sign in to call this method")),
            };
        };
        let verifier = self.inner.verifier.as_ref().ok_or_else(|| {
            RpcError::unauthenticated("This server accepts no bearer tokens: no identity provider is configured")
        })?;
        verifier.verify(token).await
    }
}

/// Steps 3 to 8 for one call: tenant and role, the method, the audit row,
/// commit.
async fn run_in_transaction(
    handler: &Handler<Ctx>,
    cx: &mut Ctx,
    credentials: &Credentials,
    params: Option<&RawValue>,
) -> Result<Outcome, RpcError> {
    let meta = handler.meta;
    if let Access::Member(required) = meta.access {
        let organization_id =
            credentials.organization_id.ok_or_else(|| RpcError::forbidden("Choose an organization for this call"))?;
        let role = membership_role(cx, organization_id).await?;
        if !role.allows(required, meta.kind) {
            return Err(RpcError::forbidden(format!("{} requires the {} role", meta.name, required.name()))
                .with("requiredRole", required.name()));
        }
    } else if let Some(organization_id) = credentials.organization_id
        && meta.kind == Kind::Query
        && cx.identity().is_ok()
    {
        // An organization chosen for a method that does not need one is
        // still checked, so it cannot be used to probe other tenants.
        membership_role(cx, organization_id).await?;
    }

    let mut outcome = handler.call(cx, params).await?;
    match (meta.kind, outcome.audit.take()) {
        (Kind::Query, None) => cx.finish_read_only(),
        // The audit row's statement carries the COMMIT: a mutation never
        // commits without its row.
        (Kind::Mutation, Some(facts)) => crate::audit::append_and_commit(cx, meta.name, facts).await?,
        (kind, facts) => {
            let has = if facts.is_some() { "has" } else { "has no" };
            return Err(RpcError::internal(format!(
                "{} is a {} but its outcome {has} audit facts",
                meta.name,
                kind.name()
            )));
        }
    }
    Ok(outcome)
}

/// The caller's role in `organization_id`, which becomes the call's tenant.
async fn membership_role(cx: &mut Ctx, organization_id: Uuid) -> Result<Role, RpcError> {
    let user_id = cx.user_id()?;
    // The lookup runs as the organization itself (row-level security), then
    // the role is what the row says.
    cx.set_tenant(Tenant { organization_id, role: Role::Auditor });
    // Sent together with the transaction's start: one round trip, not three.
    let role = cx
        .enter(move |db| {
            Box::pin(async move {
                sent_queries::queries::identity::member_role().bind(db, &organization_id, &user_id).opt().await
            })
        })
        .await?;
    let role = role
        .as_deref()
        .and_then(Role::from_name)
        .ok_or_else(|| RpcError::forbidden("You are not a member of this organization"))?;
    cx.set_tenant(Tenant { organization_id, role });
    Ok(role)
}
