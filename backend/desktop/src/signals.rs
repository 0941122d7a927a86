//! The signals that ask the process to stop: SIGTERM (the system, a service
//! manager) and SIGINT (Ctrl-C) on Unix; Ctrl-C elsewhere.

/// Stop signals, watched from creation on.
pub struct StopSignals {
    #[cfg(unix)]
    terminate: tokio::signal::unix::Signal,
    #[cfg(unix)]
    interrupt: tokio::signal::unix::Signal,
}

impl std::fmt::Debug for StopSignals {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StopSignals").finish_non_exhaustive()
    }
}

impl StopSignals {
    /// Start watching.
    ///
    /// # Errors
    /// When the signal handlers cannot be installed.
    pub fn watch() -> std::io::Result<Self> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Ok(Self { terminate: signal(SignalKind::terminate())?, interrupt: signal(SignalKind::interrupt())? })
        }
        #[cfg(not(unix))]
        {
            Ok(Self {})
        }
    }

    /// The name of the first stop signal that arrives.
    pub async fn recv(mut self) -> &'static str {
        #[cfg(unix)]
        {
            tokio::select! {
                _ = self.terminate.recv() => "SIGTERM",
                _ = self.interrupt.recv() => "SIGINT",
            }
        }
        #[cfg(not(unix))]
        {
            let _ = &mut self;
            match tokio::signal::ctrl_c().await {
                Ok(()) => "Ctrl-C",
                // No console to watch: nothing will ever ask.
                Err(_) => std::future::pending().await,
            }
        }
    }
}

/// Wait for a stop signal; its name.
///
/// # Errors
/// When the signal handlers cannot be installed.
pub async fn stop_requested() -> std::io::Result<&'static str> {
    Ok(StopSignals::watch()?.recv().await)
}
