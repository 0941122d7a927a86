//! The app with its window: Tauri, its plugins, the window, and the hand-off
//! to [`Desktop`] for everything else.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use tauri::utils::config::{Csp, CspDirectiveSources};
use tauri::{AppHandle, Manager, RunEvent, WebviewWindowBuilder};
use tauri_plugin_window_state::StateFlags;

use crate::config::Config;
use crate::desktop::{Desktop, SignInSettings};
use crate::navigation::{self, MAIN_WINDOW};
use crate::sign_in::Browser;
use crate::{bindings, menu};

/// How long a stop signal waits for the window system to exit.
const EXIT_GRACE: Duration = Duration::from_secs(10);

/// Why the app could not run.
#[derive(Debug, thiserror::Error)]
pub enum GuiError {
    #[error("cannot build the HTTP client for the identity provider: {0}")]
    Http(#[from] reqwest::Error),
    #[error("the window system failed: {0}")]
    Tauri(#[from] tauri::Error),
    #[error("--extra-connect-origin must be an origin such as http://127.0.0.1:8080, not {0:?}")]
    Origin(String),
}

/// Run the app until its window closes, Quit, or SIGTERM/SIGINT; the exit
/// code.
///
/// # Errors
/// When the window system cannot start.
pub fn run(config: Config) -> Result<i32, GuiError> {
    let desktop = Desktop::new(SignInSettings {
        browser: config.browser.clone().map_or(Browser::System, Browser::Program),
        timeout: Duration::from_secs(config.sign_in_timeout_secs),
    })?;
    let mut context = tauri::generate_context!();
    if let Some(origin) = &config.extra_connect_origin {
        allow_connecting_to(&mut context, origin)?;
    }
    let bindings = bindings::builder();
    let starting = Arc::clone(&desktop);
    let stopping = Arc::clone(&desktop);
    let app = tauri::Builder::default()
        // First: a second start hands over to the running app and exits
        // before anything else (the database) is touched.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| bring_to_front(app)))
        // Restoring a hidden window would leave nothing on screen.
        .plugin(
            tauri_plugin_window_state::Builder::default()
                .with_state_flags(StateFlags::all() - StateFlags::VISIBLE)
                .build(),
        )
        .manage(Arc::clone(&desktop))
        .invoke_handler(bindings.invoke_handler())
        .menu(menu::build)
        .on_menu_event(|app, event| menu::on_event(app, &event))
        .setup(move |app| {
            bindings.mount_events(app);
            open_main_window(app.handle())?;
            tauri::async_runtime::spawn(async move { starting.start(&config).await });
            tauri::async_runtime::spawn(exit_on_signal(app.handle().clone(), Arc::clone(&stopping)));
            Ok(())
        })
        .build(context)?;
    let code = app.run_return(move |_app, event| {
        if let RunEvent::Exit = event {
            tauri::async_runtime::block_on(desktop.shutdown());
        }
    });
    Ok(code)
}

/// The window, from `tauri.conf.json` (where it is not created by itself),
/// with the app's navigation and request handlers.
fn open_main_window(app: &AppHandle) -> Result<(), Box<dyn std::error::Error>> {
    let window = app
        .config()
        .app
        .windows
        .iter()
        .find(|window| window.label == MAIN_WINDOW)
        .cloned()
        .ok_or("tauri.conf.json has no main window")?;
    let navigating = app.clone();
    let requesting = app.clone();
    WebviewWindowBuilder::from_config(app, &window)?
        .on_navigation(move |url| navigation::on_navigation(&navigating, url))
        .on_web_resource_request(move |request, response| navigation::on_request(&requesting, &request, response))
        .build()?;
    Ok(())
}

fn bring_to_front(app: &AppHandle) {
    tracing::info!("SENT was started again; showing the running app");
    if let Some(window) = app.get_webview_window(MAIN_WINDOW) {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

/// A stop signal ends the app like Quit does: the window's state is saved
/// and the embedded database stops cleanly.
async fn exit_on_signal(app: AppHandle, desktop: Arc<Desktop>) {
    let signal = match crate::signals::stop_requested().await {
        Ok(signal) => signal,
        Err(error) => {
            tracing::warn!(%error, "cannot watch stop signals");
            return;
        }
    };
    tracing::info!(signal, "stopping");
    app.exit(0);
    // A modal dialog (Help › About) runs a loop of its own that holds the
    // exit back until it is closed; a stop signal does not wait for a
    // person, so the database is stopped here and the process ends.
    tokio::time::sleep(EXIT_GRACE).await;
    tracing::warn!("the window did not close in time; stopping without it");
    desktop.shutdown().await;
    std::process::exit(0);
}

/// Let the page connect to `origin` too (measurements only).
fn allow_connecting_to(context: &mut tauri::Context, origin: &str) -> Result<(), GuiError> {
    let parsed = tauri::Url::parse(origin).map_err(|_| GuiError::Origin(origin.to_owned()))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.path() != "/" || parsed.query().is_some() {
        return Err(GuiError::Origin(origin.to_owned()));
    }
    let origin = parsed.origin().ascii_serialization();
    let security = &mut context.config_mut().app.security;
    let Some(csp) = security.csp.take() else { return Ok(()) };
    let mut directives: HashMap<String, CspDirectiveSources> = csp.into();
    directives.entry("connect-src".into()).or_default().push(origin.clone());
    security.csp = Some(Csp::DirectiveMap(directives));
    tracing::warn!(%origin, "the page may also connect to this origin (measurements)");
    Ok(())
}
