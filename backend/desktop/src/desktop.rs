//! The app's state, apart from any window: the services it starts (database,
//! dispatcher, identity provider), the signed-in person, and the IPC call
//! path. The Tauri glue (`commands`, `gui`) only forwards to it, so all of
//! it is tested without a display.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use sent_auth::SignedIn;
use sent_auth::dev_provider::{DevProvider, DevProviderOptions};
use sent_db::embedded::ClusterSpec;
use sent_db::open::Location;
use sent_runtime::{Credentials, DispatchOptions, Reply};
use sent_wire::{ErrorObject, code};
use serde_json::Value;
use serde_json::value::RawValue;
use tokio::sync::watch;
use uuid::Uuid;

use crate::backend::Backend;
use crate::config::Config;
use crate::provider::{self, ProviderSettings};
use crate::session::Session;
pub use crate::session::SessionInfo;
use crate::sign_in::{self, Browser, SignInFailure};

/// How long shutting down waits for a start still under way (an `initdb`)
/// before leaving it.
const START_WAIT_AT_EXIT: Duration = Duration::from_secs(60);

/// What the app runs on once started.
#[derive(Debug)]
pub struct Services {
    pub backend: Backend,
    /// `None` when no provider is configured: nobody can sign in.
    pub provider: Option<ProviderSettings>,
    /// The local provider, when the app started it.
    pub dev_provider: Option<DevProvider>,
}

/// Where the app is in its start.
#[derive(Debug, Clone)]
enum Status {
    Starting,
    Ready(Arc<Services>),
    Failed(Arc<str>),
    /// A shutdown is closing the services.
    Stopping,
    Stopped,
}

/// Why the services could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    #[error(transparent)]
    Database(#[from] sent_db::open::OpenError),
    #[error("the local OpenID provider did not start: {0}")]
    DevProvider(#[from] sent_auth::dev_provider::DevProviderError),
    #[error("method registry: {0}")]
    Registry(#[from] sent_rpc::RegistryError),
}

/// How sign-in reaches the person.
#[derive(Debug, Clone)]
pub struct SignInSettings {
    pub browser: Browser,
    pub timeout: Duration,
}

/// How many requests and calls came in over IPC since the app started.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct IpcStats {
    /// Invocations of the `rpc` command.
    pub rpc_requests: u32,
    /// JSON-RPC calls in them (a batch counts each call).
    pub rpc_calls: u32,
}

/// What one IPC request produced.
#[derive(Debug)]
pub struct RpcOutcome {
    /// The JSON-RPC response (an array for a batch); `None` when the request
    /// held only notifications.
    pub reply: Option<Box<RawValue>>,
    /// Mutation methods that succeeded, for the page's other views to
    /// refresh.
    pub changed: Vec<String>,
}

/// The app.
#[derive(Debug)]
pub struct Desktop {
    status: watch::Sender<Status>,
    session: Session,
    sign_in_settings: SignInSettings,
    sign_in_task: Mutex<Option<tokio::task::AbortHandle>>,
    http: reqwest::Client,
    rpc_requests: AtomicU64,
    rpc_calls: AtomicU64,
}

impl Desktop {
    /// The app before its services start.
    ///
    /// # Errors
    /// When the HTTP client for the provider cannot be built.
    pub fn new(sign_in_settings: SignInSettings) -> Result<Arc<Self>, reqwest::Error> {
        Ok(Arc::new(Self {
            status: watch::Sender::new(Status::Starting),
            session: Session::default(),
            sign_in_settings,
            sign_in_task: Mutex::new(None),
            http: sent_auth::http::client()?,
            rpc_requests: AtomicU64::new(0),
            rpc_calls: AtomicU64::new(0),
        }))
    }

    /// Start the services from the configuration; calls wait for this.
    /// A failure is kept and answered to every call.
    pub async fn start(&self, config: &Config) {
        match start_services(config, &self.http).await {
            Ok(services) => {
                let where_from = match services.backend.embedded_port() {
                    Some(port) => format!("embedded PostgreSQL on 127.0.0.1:{port}"),
                    None => "remote PostgreSQL".to_owned(),
                };
                let issuer = services.provider.as_ref().map_or("none", |p| p.issuer.as_str()).to_owned();
                tracing::info!(database = %where_from, %issuer, "SENT desktop ready");
                self.ready(services);
            }
            Err(error) => {
                tracing::error!(%error, "SENT desktop cannot start");
                self.status.send_replace(Status::Failed(error.to_string().into()));
            }
        }
    }

    /// Hand in services started elsewhere.
    pub fn ready(&self, services: Services) {
        self.status.send_replace(Status::Ready(Arc::new(services)));
    }

    /// The services, once started.
    async fn services(&self) -> Result<Arc<Services>, String> {
        let mut status = self.status.subscribe();
        let settled = status
            .wait_for(|status| !matches!(status, Status::Starting))
            .await
            .map_err(|_| "the app is shutting down".to_owned())?;
        match &*settled {
            Status::Ready(services) => Ok(Arc::clone(services)),
            Status::Failed(reason) => Err(reason.to_string()),
            Status::Starting | Status::Stopping | Status::Stopped => Err("the app is shutting down".to_owned()),
        }
    }

    /// One JSON-RPC request from the page (`request` exactly as `POST
    /// /api/rpc` takes it), acting in `organization`, as the signed-in
    /// person. It runs through the dispatcher exactly like an HTTP call
    /// with a bearer token.
    pub async fn rpc(&self, request: &Value, organization: Option<&str>) -> RpcOutcome {
        self.rpc_requests.fetch_add(1, Ordering::Relaxed);
        let calls = match request {
            Value::Array(calls) => calls.len(),
            _ => 1,
        };
        self.rpc_calls.fetch_add(u64::try_from(calls).unwrap_or(u64::MAX), Ordering::Relaxed);
        tracing::debug!(calls, "rpc over IPC");

        let organization_id = match organization.map(|o| Uuid::parse_str(o.trim())).transpose() {
            Ok(id) => id,
            Err(_) => {
                return refusal(ErrorObject::new(
                    code::INVALID_REQUEST,
                    "Invalid Request: the organization must be an organization id (UUID)",
                ));
            }
        };
        let services = match self.services().await {
            Ok(services) => services,
            Err(reason) => {
                let error = sent_rpc::RpcError::new(
                    sent_rpc::ErrorKind::Unavailable,
                    format!("The app's database is not available: {reason}"),
                );
                return refusal(error.to_error_object(&sent_runtime::Dispatcher::new_request_id()));
            }
        };
        let bearer = self.session.bearer(services.provider.as_ref(), &self.http).await;
        let credentials = Credentials { bearer, session: None, identity: None, organization_id };
        let body = request.to_string();
        let reply = match services.backend.dispatcher().handle_jsonrpc(body.as_bytes(), &credentials).await {
            Reply::Body(body) => body,
            Reply::Nothing => return RpcOutcome { reply: None, changed: Vec::new() },
        };
        let changed = changed_methods(&services.backend, request, &reply);
        match RawValue::from_string(reply) {
            Ok(reply) => RpcOutcome { reply: Some(reply), changed },
            Err(error) => {
                // The dispatcher writes valid JSON; should that ever break,
                // the page still gets a JSON-RPC error.
                tracing::error!(%error, "the dispatcher's reply is not JSON");
                refusal(ErrorObject::new(code::INTERNAL_ERROR, "Internal error"))
            }
        }
    }

    /// IPC counters.
    pub fn ipc_stats(&self) -> IpcStats {
        let read = |counter: &AtomicU64| u32::try_from(counter.load(Ordering::Relaxed)).unwrap_or(u32::MAX);
        IpcStats { rpc_requests: read(&self.rpc_requests), rpc_calls: read(&self.rpc_calls) }
    }

    /// Who is signed in.
    pub fn session_info(&self) -> SessionInfo {
        self.session.info()
    }

    /// Sign in with the system browser. A sign-in begun while another is
    /// waiting takes over from it.
    ///
    /// # Errors
    /// When nobody got signed in; the message is for the person.
    pub async fn sign_in(self: &Arc<Self>) -> Result<SessionInfo, SignInFailure> {
        let desktop = Arc::clone(self);
        let task = tokio::spawn(async move { desktop.run_sign_in().await });
        let previous = self.sign_in_task.lock().unwrap_or_else(PoisonError::into_inner).replace(task.abort_handle());
        if let Some(previous) = previous {
            previous.abort();
        }
        match task.await {
            Ok(outcome) => outcome,
            Err(error) if error.is_cancelled() => Err(SignInFailure::Superseded),
            Err(error) => Err(SignInFailure::Internal(error.to_string())),
        }
    }

    async fn run_sign_in(&self) -> Result<SessionInfo, SignInFailure> {
        let services = self.services().await.map_err(SignInFailure::Unavailable)?;
        let provider = services.provider.as_ref().ok_or(SignInFailure::NotConfigured)?;
        let signed_in =
            sign_in::sign_in(provider, &self.sign_in_settings.browser, self.sign_in_settings.timeout, &self.http)
                .await?;
        if !services.backend.trusts_tokens() {
            // The app started offline: the provider is reachable now.
            let verifier = provider::verifier(provider, &self.http).await?;
            services.backend.trust(Arc::new(verifier)).map_err(|e| SignInFailure::Internal(e.to_string()))?;
        }
        tracing::info!(user = %signed_in.identity.user_id, email = ?signed_in.identity.email, "signed in");
        self.set_session(signed_in);
        Ok(self.session_info())
    }

    /// Hold `signed_in`'s tokens for the calls from now on.
    pub fn set_session(&self, signed_in: SignedIn) {
        self.session.set(signed_in);
    }

    /// Forget the signed-in person: calls from now on are anonymous.
    pub fn sign_out(&self) {
        if let Some(identity) = self.session.clear() {
            tracing::info!(user = %identity.user_id, "signed out");
        }
    }

    /// Stop the services: the database pool, the embedded cluster, the
    /// local provider. Waits for a start still under way first; a second
    /// call waits for the first to finish.
    pub async fn shutdown(&self) {
        let mut status = self.status.subscribe();
        // Only whether it settled: the borrow of the status must end before
        // the status is replaced below.
        let settled =
            tokio::time::timeout(START_WAIT_AT_EXIT, status.wait_for(|status| !matches!(status, Status::Starting)))
                .await
                .is_ok();
        if !settled {
            tracing::warn!("the app is still starting; leaving its database to stop by itself");
        }
        match self.status.send_replace(Status::Stopping) {
            Status::Ready(services) => {
                if let Err(error) = services.backend.close().await {
                    tracing::error!(%error, "the embedded PostgreSQL did not stop cleanly");
                } else if services.backend.embedded_port().is_some() {
                    tracing::info!("embedded PostgreSQL stopped");
                }
                if let Some(dev) = Arc::into_inner(services).and_then(|services| services.dev_provider) {
                    let _ = dev.stop().await;
                }
                self.status.send_replace(Status::Stopped);
            }
            Status::Stopping => {
                let _ = status.wait_for(|status| matches!(status, Status::Stopped)).await;
            }
            Status::Starting | Status::Failed(_) | Status::Stopped => {
                self.status.send_replace(Status::Stopped);
            }
        }
    }
}

/// A reply refusing the whole request (`id: null`), as `/api/rpc` answers a
/// body it cannot take.
fn refusal(error: ErrorObject) -> RpcOutcome {
    let body = sent_runtime::error_response(error);
    RpcOutcome { reply: RawValue::from_string(body).ok(), changed: Vec::new() }
}

/// The mutation methods of `request` whose response in `reply` is a result.
fn changed_methods(backend: &Backend, request: &Value, reply: &str) -> Vec<String> {
    let calls: Vec<&Value> = match request {
        Value::Array(calls) => calls.iter().collect(),
        call => vec![call],
    };
    // Request ids of the mutation calls; notifications have no response to
    // tell success by and are left out.
    let mutations: HashMap<String, &str> = calls
        .into_iter()
        .filter_map(|call| {
            let method = call.get("method")?.as_str()?;
            let id = call.get("id")?;
            backend.is_mutation(method).then(|| (id.to_string(), method))
        })
        .collect();
    if mutations.is_empty() {
        return Vec::new();
    }
    let responses: Vec<Value> = match serde_json::from_str::<Value>(reply) {
        Ok(Value::Array(responses)) => responses,
        Ok(response) => vec![response],
        Err(_) => return Vec::new(),
    };
    responses
        .iter()
        .filter(|response| response.get("result").is_some())
        .filter_map(|response| mutations.get(&response.get("id")?.to_string()).map(|method| (*method).to_owned()))
        .collect()
}

async fn start_services(config: &Config, http: &reqwest::Client) -> Result<Services, StartError> {
    let data_dir = config.data_dir()?;
    let registry = sent_services::registry()?;
    let location = match &config.database_url {
        Some(url) => Location::External {
            app_url: url.clone(),
            owner_url: config.migration_database_url.clone().unwrap_or_else(|| url.clone()),
        },
        None => Location::Embedded(ClusterSpec {
            data_dir: data_dir.join("pg"),
            port: config.pg_port,
            os_user: config.pg_os_user.clone(),
            database: "sent".into(),
        }),
    };
    // The provider and the database start side by side: both take seconds.
    let (provider, database) =
        tokio::join!(start_provider(config, data_dir.join("oidc")), sent_db::open::open(location, config.pool_size));
    let ((provider, dev_provider), database) = match (provider, database) {
        (Ok(provider), Ok(database)) => (provider, database),
        (Err(error), Ok(database)) => {
            let _ = database.close().await;
            return Err(error);
        }
        (provider, Err(error)) => {
            if let Ok((_, Some(dev))) = provider {
                let _ = dev.stop().await;
            }
            return Err(error.into());
        }
    };
    let verifier = match &provider {
        Some(settings) => match provider::verifier(settings, http).await {
            Ok(verifier) => Some(Arc::new(verifier)),
            Err(error) => {
                // Offline-first: the app opens; signing in fetches the keys
                // again.
                tracing::warn!(%error, "the identity provider is not reachable; sign-in will try again");
                None
            }
        },
        None => None,
    };
    let options = DispatchOptions {
        deadline: Duration::from_millis(config.call_deadline_ms),
        limits: sent_wire::Limits { max_batch: config.max_batch, max_depth: config.max_depth },
    };
    let backend = Backend::new(database, registry, verifier, options);
    Ok(Services { backend, provider, dev_provider })
}

async fn start_provider(
    config: &Config,
    state_dir: PathBuf,
) -> Result<(Option<ProviderSettings>, Option<DevProvider>), StartError> {
    match (&config.oidc_issuer, config.dev_provider) {
        (Some(issuer), _) => Ok((
            Some(ProviderSettings {
                issuer: issuer.clone(),
                audience: config.oidc_audience.clone(),
                client_id: config.oidc_client_id.clone(),
            }),
            None,
        )),
        (None, true) => {
            let dev = DevProvider::start(DevProviderOptions {
                port: None,
                state_dir,
                web_redirects: Vec::new(),
                access_token_ttl: None,
            })
            .await?;
            let settings = ProviderSettings {
                issuer: dev.issuer().to_owned(),
                audience: dev.audience().to_owned(),
                client_id: config.oidc_client_id.clone(),
            };
            Ok((Some(settings), Some(dev)))
        }
        (None, false) => Ok((None, None)),
    }
}
