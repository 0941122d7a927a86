//! `--mode=worker --service=NAME`: the same binary as a headless worker for
//! one service's queue. Nothing here touches GTK, the webview or a display,
//! so a worker runs on a machine without one.
//!
//! The job queues themselves (PostgreSQL tables taken with `FOR UPDATE SKIP
//! LOCKED`) come with the worker runtime; until then a worker checks its
//! service name against the platform's services, says it is up, and waits
//! for SIGTERM or SIGINT to stop cleanly.

use std::collections::BTreeSet;

/// The pseudo-app of `rpc.discover`: it has no queue of its own.
const DISCOVERY_APP: &str = "rpc";

/// Why a worker could not run.
#[derive(Debug, thiserror::Error)]
pub enum WorkerError {
    #[error("unknown service `{service}`; the services are: {}", known.join(", "))]
    UnknownService { service: String, known: Vec<String> },
    #[error("method registry: {0}")]
    Registry(#[from] sent_rpc::RegistryError),
    #[error("cannot listen for stop signals: {0}")]
    Signals(std::io::Error),
}

/// The services a worker can serve: the apps of the platform's methods.
///
/// # Errors
/// When the method registry cannot be built.
pub fn services() -> Result<BTreeSet<&'static str>, WorkerError> {
    let registry = sent_services::registry()?;
    Ok(registry.methods().into_iter().map(|meta| meta.app).filter(|app| *app != DISCOVERY_APP).collect())
}

/// Run the worker for `service` until SIGTERM or SIGINT.
///
/// # Errors
/// When the service is unknown or signals cannot be watched.
pub async fn run(service: &str) -> Result<(), WorkerError> {
    let known = services()?;
    if !known.contains(service) {
        return Err(WorkerError::UnknownService {
            service: service.to_owned(),
            known: known.into_iter().map(str::to_owned).collect(),
        });
    }
    // Watch the signals before saying "up", so a stop sent right after the
    // line is never missed.
    let stop = crate::signals::StopSignals::watch().map_err(WorkerError::Signals)?;
    tracing::info!(service, pid = std::process::id(), "worker up; waiting for its queue's jobs");
    let signal = stop.recv().await;
    tracing::info!(service, signal, "worker stopped");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_services_are_the_platforms_apps() {
        let services = services().expect("a registry");
        for app in ["identity", "ledger", "audit", "system"] {
            assert!(services.contains(app), "{app} in {services:?}");
        }
        assert!(!services.contains(DISCOVERY_APP));
    }

    #[tokio::test]
    async fn an_unknown_service_is_refused_with_the_known_ones() {
        match run("nope").await {
            Err(error @ WorkerError::UnknownService { .. }) => {
                let message = error.to_string();
                assert!(message.contains("`nope`") && message.contains("ledger"), "{message}");
            }
            other => panic!("expected UnknownService, got {other:?}"),
        }
    }
}
