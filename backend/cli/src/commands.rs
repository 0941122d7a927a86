//! What each command does.

use std::time::{Duration, SystemTime};

use clap::CommandFactory as _;
use serde_json::{Value, json};

use crate::args::{Call, Cli, Command, Global, Login, Output};
use crate::credentials::Store;
use crate::discovery::{Document, Method};
use crate::exit::{Exit, Failure};
use crate::params::{self, Input};
use crate::remote::{Caller, Remote};
use crate::{login, output};

/// Run the command line's command.
///
/// # Errors
/// Why it failed, with the exit code that says so.
pub async fn run(cli: Cli) -> Result<(), Failure> {
    let global = &cli.global;
    match &cli.command {
        Command::Login(options) => sign_in(global, options).await,
        Command::Logout => sign_out(global),
        Command::Methods { app } => methods(global, app.as_deref()).await,
        Command::Describe { method } => describe(global, method).await,
        Command::Call(call_options) => call(global, call_options).await,
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(*shell, &mut Cli::command(), "sent", &mut script);
            output::print(String::from_utf8_lossy(&script).trim_end())
        }
    }
}

async fn connect(global: &Global) -> Result<(Remote, Document), Failure> {
    let remote = Remote::connect(global, Duration::from_secs(global.timeout)).await?;
    let document = remote.discover().await?;
    Ok((remote, document))
}

/// The method called `name`, or exit 4.
fn find<'d>(document: &'d Document, name: &str) -> Result<&'d Method, Failure> {
    document.method(name).ok_or_else(|| {
        let app = name.split_once('.').map_or(name, |(app, _)| app);
        let hint = if document.apps().contains(app) {
            format!("`sent methods --app {app}` lists {app}'s methods")
        } else {
            "`sent methods` lists them".to_owned()
        };
        Failure::new(Exit::NotFound, "methodNotFound", format!("the server has no method {name}; {hint}"))
    })
}

async fn call(global: &Global, options: &Call) -> Result<(), Failure> {
    let (remote, document) = connect(global).await?;
    let method = find(&document, &options.method)?;
    let input = Input { pairs: &options.params, json: options.json.as_deref() };
    let params = params::gather(&document, method, &input)?;
    params::validate(&document, method, &params)?;
    let caller = Caller {
        bearer: bearer_for(global, method).await?,
        organization_id: global.org,
        request_id: Some(global.request_id.clone().unwrap_or_else(new_request_id)),
    };
    let result = remote.call_value(&method.name, &params, &caller).await.map_err(|failure| {
        if failure.kind == "unauthenticated" && caller.bearer.is_none() {
            failure.hint("sign in with `sent login`, or pass --token")
        } else if failure.kind == "forbidden" && caller.organization_id.is_none() && acts_in_an_organization(method) {
            failure.hint("pass --org or set SENT_ORG")
        } else {
            failure
        }
    })?;
    output::print(&output::render(&result, output::format(global.output)))
}

/// Roles other than these are an organization's.
fn acts_in_an_organization(method: &Method) -> bool {
    !matches!(method.role(), "public" | "authenticated" | "")
}

/// The same form as the server's own request ids.
fn new_request_id() -> String {
    uuid::Uuid::now_v7().simple().to_string()
}

/// The token to send: `--token`, else the one `sent login` saved for this
/// server, renewed when it has lapsed (a public method goes without).
async fn bearer_for(global: &Global, method: &Method) -> Result<Option<String>, Failure> {
    if let Some(token) = global.token.as_deref().filter(|token| !token.is_empty()) {
        return Ok(Some(token.to_owned()));
    }
    let store = match Store::locate() {
        Ok(store) => store,
        Err(_) if method.is_public() => return Ok(None),
        Err(failure) => return Err(failure),
    };
    match store.get(&global.server)? {
        Some(saved) if saved.is_expired(SystemTime::now()) => {
            if method.is_public() {
                return Ok(None);
            }
            login::renewed(&store, &global.server).await.map(Some)
        }
        Some(saved) => Ok(Some(saved.access_token)),
        None => Ok(None),
    }
}

async fn methods(global: &Global, app: Option<&str>) -> Result<(), Failure> {
    let (_, document) = connect(global).await?;
    let listed: Vec<&Method> =
        document.methods.iter().filter(|method| app.is_none_or(|app| method.app() == app)).collect();
    if let (Some(app), true) = (app, listed.is_empty()) {
        let apps: Vec<&str> = document.apps().into_iter().collect();
        return Err(Failure::new(
            Exit::NotFound,
            "notFound",
            format!("the server has no app {app}; its apps are {}", apps.join(", ")),
        ));
    }
    let text = match output::format(global.output) {
        Output::Json => {
            let list: Vec<Value> = listed
                .iter()
                .map(|method| {
                    json!({
                        "name": method.name,
                        "kind": method.kind(),
                        "role": method.role(),
                        "summary": method.summary,
                        "deprecated": method.deprecated,
                    })
                })
                .collect();
            output::render(&Value::Array(list), Output::Json)
        }
        Output::Table => output::table(
            &["method", "kind", "role", "summary"],
            listed.iter().map(|method| {
                let summary = method.summary.clone().unwrap_or_default();
                let summary = if method.deprecated { format!("(deprecated) {summary}") } else { summary };
                vec![method.name.clone(), method.kind().to_owned(), method.role().to_owned(), summary]
            }),
        ),
    };
    output::print(&text)
}

async fn describe(global: &Global, name: &str) -> Result<(), Failure> {
    let (_, document) = connect(global).await?;
    let method = find(&document, name)?;
    let text = match output::format(global.output) {
        Output::Json => output::render(&description_json(&document, method), Output::Json),
        Output::Table => description_text(&document, method),
    };
    output::print(&text)
}

fn description_json(document: &Document, method: &Method) -> Value {
    let params: Vec<Value> = method
        .params
        .iter()
        .map(|param| {
            json!({
                "name": param.name,
                "type": document.type_name(&param.schema),
                "required": param.required,
                "description": param.description,
                "schema": param.schema,
            })
        })
        .collect();
    let errors: Vec<Value> =
        document.errors_of(method).into_iter().map(|error| json!({ "kind": error.kind, "code": error.code })).collect();
    json!({
        "name": method.name,
        "summary": method.summary,
        "description": method.description,
        "kind": method.kind(),
        "role": method.role(),
        "deprecated": method.deprecated,
        "params": params,
        "result": method.result.as_ref().map(|result| json!({
            "name": result.name,
            "type": document.type_name(&result.schema),
            "schema": result.schema,
        })),
        "errors": errors,
        "paramsSchema": document.params_schema(method),
    })
}

fn description_text(document: &Document, method: &Method) -> String {
    let mut text = format!("{}: {}, role {}", method.name, method.kind(), method.role());
    if method.deprecated {
        text.push_str(", deprecated");
    }
    text.push('\n');
    if let Some(doc) = method.description.as_ref().or(method.summary.as_ref()) {
        text.push('\n');
        text.push_str(doc.trim_end());
        text.push('\n');
    }
    text.push('\n');
    if method.params.is_empty() {
        text.push_str("Params: none\n");
    } else {
        text.push_str("Params (by name, or by position in this order):\n");
        let rows = method.params.iter().map(|param| {
            let mut about = param.description.clone().unwrap_or_default();
            if let Some(values) = document.enum_values(&param.schema) {
                if !about.is_empty() {
                    about.push(' ');
                }
                about.push_str(&format!("One of: {}.", values.join(", ")));
            }
            let required = if param.required { "yes" } else { "no" };
            vec![param.name.clone(), document.type_name(&param.schema), required.to_owned(), about]
        });
        text.push_str(&output::table(&["param", "type", "required", "description"], rows));
        text.push('\n');
    }
    if let Some(result) = &method.result {
        text.push_str(&format!("Result: {}\n", document.type_name(&result.schema)));
    }
    let errors: Vec<String> = document
        .errors_of(method)
        .into_iter()
        .map(|error| match error.code {
            Some(code) => format!("{} ({code})", error.kind),
            None => error.kind,
        })
        .collect();
    if !errors.is_empty() {
        text.push_str(&format!("Errors: {}\n", errors.join(", ")));
    }
    let example: String = method
        .params
        .iter()
        .filter(|param| param.required)
        .map(|param| format!(" --param {}=<{}>", param.name, document.type_name(&param.schema)))
        .collect();
    text.push_str(&format!("Call: sent call {}{example}", method.name));
    text
}

async fn sign_in(global: &Global, options: &Login) -> Result<(), Failure> {
    let saved = match (&options.client_id, &options.client_secret_env) {
        (Some(client_id), Some(variable)) => {
            let secret = std::env::var(variable).ok().filter(|secret| !secret.is_empty()).ok_or_else(|| {
                Failure::usage(format!("--client-secret-env {variable}: that environment variable is not set"))
            })?;
            login::as_service(&options.issuer, client_id, secret).await?
        }
        _ => login::in_browser(&options.issuer, options.open, Duration::from_secs(options.wait)).await?,
    };
    let store = Store::locate()?;
    store.put(&global.server, saved.clone())?;
    let until = saved.expiry_text().map(|at| format!(" until {at}")).unwrap_or_default();
    eprintln!(
        "Signed in as {} for {}{until}; the token is in {}.",
        saved.signed_in_as,
        global.server,
        store.path().display()
    );
    Ok(())
}

fn sign_out(global: &Global) -> Result<(), Failure> {
    let store = Store::locate()?;
    if store.remove(&global.server)? {
        eprintln!("Signed out of {}.", global.server);
    } else {
        eprintln!("Not signed in to {}; nothing to forget.", global.server);
    }
    Ok(())
}
