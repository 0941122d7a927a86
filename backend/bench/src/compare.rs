//! The three throughput comparisons. Each pits the full server against a
//! baseline doing the same work without it, on this machine, in this run,
//! with the same load settings; only their ratio is reported as a result.
//!
//! - dispatch: `system.echo` through `POST /api/rpc` against a bare axum
//!   route of this same process that parses the same body into a
//!   `serde_json::Value` and sends it back.
//! - ledger.postEntry and ledger.getAccount against pgbench running the
//!   statements the server runs for them, as the server's database role, at
//!   the server's pool size.

use std::path::{Path, PathBuf};

use axum::Json;
use axum::routing::post;
use sent_server::testing::TestServer;
use serde::Serialize;
use serde_json::{Value, json};

use crate::load::{self, HttpRequest, Run};
use crate::twins;

/// How long and how hard.
#[derive(Debug, Clone, Serialize)]
pub struct Settings {
    /// Measured seconds per side of a comparison, in total.
    pub seconds: u64,
    /// Slices each side's measurement is cut into; sides alternate between
    /// slices (ABBA), so a background load that comes and goes weighs on both.
    pub rounds: u32,
    pub warmup_seconds: u64,
    /// wrk and pgbench threads.
    pub threads: u32,
    /// Concurrent HTTP connections for the echo comparison.
    pub echo_connections: u32,
    /// Concurrent HTTP connections, and pgbench clients, for the database
    /// comparisons: the size of the server's pool, so both sides run as many
    /// transactions at once.
    pub db_connections: u32,
    /// The comparisons to run; every one when empty.
    pub only: Vec<String>,
    #[serde(skip)]
    pub out_dir: PathBuf,
}

impl Settings {
    fn runs(&self, name: &str) -> bool {
        self.only.is_empty() || self.only.iter().any(|o| o == name)
    }
}

/// One side of a comparison, measured.
#[derive(Debug, Clone, Serialize)]
pub struct Side {
    pub label: String,
    /// A representative command line (one slice).
    pub command: String,
    pub warmup: Run,
    pub slices: Vec<Run>,
    pub operations: u64,
    pub seconds: f64,
    pub per_second: f64,
    pub latency_mean_ms: f64,
    pub errors: u64,
    /// CPU time per operation: the median of the measured slices.
    pub cpu: crate::cpu::PerOperation,
}

/// The server against its baseline.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub name: String,
    pub description: String,
    pub subject: Side,
    pub baseline: Side,
    /// subject per second / baseline per second.
    pub ratio: f64,
    pub target: f64,
    pub met: bool,
    /// What was checked beyond the load generators' own counts.
    pub verified: Vec<String>,
}

/// What one side runs.
enum Load {
    /// `script` measures; `check_script` also reads every answer (warm-up).
    Wrk {
        url: String,
        connections: u32,
        script: PathBuf,
        check_script: PathBuf,
    },
    Pgbench {
        script: PathBuf,
        variables: Vec<(String, String)>,
    },
}

struct Contender {
    label: String,
    load: Load,
}

/// Counts rows before and after each run, when the run must have written
/// one row per operation to each of the counted tables.
struct RowCheck<'a> {
    server: &'a TestServer,
    /// A query returning one bigint column per counted table.
    sql: &'static str,
    /// Operations a run may finish without counting (in flight when the
    /// generator stopped).
    slack: u64,
}

impl RowCheck<'_> {
    async fn counts(&self) -> Vec<u64> {
        let rows = self.server.superuser_query(self.sql).await;
        rows.first()
            .map(|row| (0..row.len()).map(|i| u64::try_from(row.get::<_, i64>(i)).unwrap_or(0)).collect())
            .unwrap_or_default()
    }
}

struct Bench<'a> {
    settings: &'a Settings,
    pgbench: PathBuf,
    /// The server's database, as the server's role.
    app_url: String,
    /// Calls the dispatcher refused or failed, counted from its log events.
    failed_calls: &'a crate::FailedCalls,
    /// A distinct number for every pgbench run (it keys the entry ids the
    /// post-entry script makes).
    pgbench_runs: u32,
    /// The cluster's postmaster, whose processes' CPU time is counted.
    postmaster: u32,
}

impl Bench<'_> {
    /// One run; the dispatcher's failures during it count as errors.
    async fn run(&mut self, contender: &Contender, seconds: u64, warm: bool) -> Result<(Run, String), String> {
        let failed_before = self.failed_calls.get();
        let cpu_before = crate::cpu::Sample::take(self.postmaster);
        let (mut run, command) = match &contender.load {
            Load::Wrk { url, connections, script, check_script } => {
                let script = if warm { check_script } else { script };
                let args = load::wrk_args(script, url, self.settings.threads, *connections, seconds);
                (load::wrk(&args).await?, load::shell_line("wrk", &args))
            }
            Load::Pgbench { script, variables } => {
                self.pgbench_runs += 1;
                let variables: Vec<(String, String)> = variables
                    .iter()
                    .map(|(name, value)| {
                        let value = if name == "run" { self.pgbench_runs.to_string() } else { value.clone() };
                        (name.clone(), value)
                    })
                    .collect();
                let args = load::pgbench_args(
                    script,
                    &variables,
                    self.settings.db_connections,
                    self.settings.threads,
                    seconds,
                    &self.app_url,
                );
                let run = load::pgbench(&self.pgbench, &args).await?;
                // The URL holds the role's password: shown as a variable.
                let shown = load::shell_line(&self.pgbench.display().to_string(), &args[..args.len() - 1]);
                (run, format!("{shown} \"$APP_URL\""))
            }
        };
        run.cpu = cpu_before.per_operation(
            &crate::cpu::Sample::take(self.postmaster),
            run.operations,
            crate::cpu::TICKS_PER_SECOND,
        );
        let failed = self.failed_calls.get() - failed_before;
        run.errors += failed;
        if warm {
            run.bad_answers += failed;
        }
        Ok((run, command))
    }

    /// Warm both up, checking every answer, then measure them in
    /// alternating slices.
    async fn compare(
        &mut self,
        name: &str,
        description: &str,
        target: f64,
        subject: &Contender,
        baseline: &Contender,
        check: Option<&RowCheck<'_>>,
    ) -> Result<Comparison, String> {
        let rounds = self.settings.rounds.max(1);
        let slice = (self.settings.seconds / u64::from(rounds)).max(1);
        println!("== {name}: {description}");
        let mut verified = Vec::new();
        let mut sides: Vec<(Run, String, Vec<Run>)> = Vec::new();
        for contender in [subject, baseline] {
            let (warmup, command) = self.run(contender, self.settings.warmup_seconds, true).await?;
            println!(
                "   warm-up {:<36} {:>9.0}/s  ({} errors, {} bad answers)",
                contender.label, warmup.per_second, warmup.errors, warmup.bad_answers
            );
            if warmup.errors > 0 || warmup.bad_answers > 0 || warmup.operations == 0 {
                return Err(format!(
                    "{name}: {} failed during the warm-up: {} errors, {} answers without the expected result",
                    contender.label, warmup.errors, warmup.bad_answers
                ));
            }
            verified.push(match contender.load {
                Load::Wrk { .. } => format!(
                    "{}: all {} warm-up answers read and matched (HTTP 200 and the expected result)",
                    contender.label, warmup.operations
                ),
                Load::Pgbench { .. } => format!(
                    "{}: {} warm-up transactions, each `\\gset` query returned exactly one row",
                    contender.label, warmup.operations
                ),
            });
            sides.push((warmup, command, Vec::new()));
        }
        for round in 0..rounds {
            // ABBA: the subject goes first in even rounds, second in odd ones.
            let order: [usize; 2] = if round % 2 == 0 { [0, 1] } else { [1, 0] };
            for index in order {
                let contender = if index == 0 { subject } else { baseline };
                let before = match check {
                    Some(check) => Some(check.counts().await),
                    None => None,
                };
                let (run, command) = self.run(contender, slice, false).await?;
                println!(
                    "   {:<44} {:>9.0}/s  mean {:.2} ms  CPU/op µs: server {:.0}, database {:.0}, generator {:.0}  ({} errors)",
                    contender.label,
                    run.per_second,
                    run.latency_mean_ms,
                    run.cpu.server_us,
                    run.cpu.database_us,
                    run.cpu.generator_us,
                    run.errors
                );
                if let (Some(check), Some(before)) = (check, before) {
                    let after = check.counts().await;
                    let written: Vec<u64> = after.iter().zip(&before).map(|(a, b)| a.saturating_sub(*b)).collect();
                    if written.iter().any(|w| *w < run.operations || *w > run.operations + check.slack) {
                        return Err(format!(
                            "{name}: {} reported {} operations but wrote {written:?} rows ({})",
                            contender.label, run.operations, check.sql
                        ));
                    }
                    verified.push(format!(
                        "{}: {} operations counted, {written:?} rows committed ({})",
                        contender.label, run.operations, check.sql
                    ));
                }
                sides[index].1 = command;
                sides[index].2.push(run);
            }
        }
        let mut measured = sides.into_iter().zip([subject, baseline]).map(|((warmup, command, slices), contender)| {
            let operations: u64 = slices.iter().map(|r| r.operations).sum();
            let seconds: f64 = slices.iter().map(|r| r.seconds).sum();
            let weighted = |value: fn(&Run) -> f64| -> f64 {
                let sum: f64 = slices.iter().map(|r| value(r) * r.operations as f64).sum();
                if operations > 0 { sum / operations as f64 } else { 0.0 }
            };
            Side {
                label: contender.label.clone(),
                command,
                warmup,
                operations,
                seconds,
                per_second: if seconds > 0.0 { operations as f64 / seconds } else { 0.0 },
                latency_mean_ms: weighted(|r| r.latency_mean_ms),
                cpu: crate::cpu::PerOperation {
                    server_us: median(&slices, |r| r.cpu.server_us),
                    database_us: median(&slices, |r| r.cpu.database_us),
                    generator_us: median(&slices, |r| r.cpu.generator_us),
                },
                errors: slices.iter().map(|r| r.errors).sum(),
                slices,
            }
        });
        let (Some(subject), Some(baseline)) = (measured.next(), measured.next()) else {
            return Err("two sides expected".into());
        };
        let ratio = if baseline.per_second > 0.0 { subject.per_second / baseline.per_second } else { 0.0 };
        let met = ratio >= target && subject.errors == 0 && baseline.errors == 0;
        println!("   ratio {ratio:.3} (target >= {target}): {}", if met { "met" } else { "NOT met" });
        Ok(Comparison {
            name: name.to_owned(),
            description: description.to_owned(),
            subject,
            baseline,
            ratio,
            target,
            met,
            verified,
        })
    }
}

/// Start the bare route, set up the ledger, run the three comparisons.
pub async fn run(
    settings: &Settings,
    server: &TestServer,
    failed_calls: &crate::FailedCalls,
) -> Result<Vec<Comparison>, String> {
    std::fs::create_dir_all(&settings.out_dir).map_err(|e| format!("{}: {e}", settings.out_dir.display()))?;
    let bare = bare_echo().await?;
    let backend = server.superuser_query("SELECT pg_backend_pid()").await;
    let postmaster = backend
        .first()
        .and_then(|row| u32::try_from(row.get::<_, i32>(0)).ok())
        .and_then(crate::cpu::postmaster_of)
        .ok_or("cannot find the cluster's postmaster")?;
    let mut bench = Bench {
        settings,
        pgbench: load::pgbench_bin()?,
        app_url: server.db.app_url.clone(),
        failed_calls,
        pgbench_runs: 0,
        postmaster,
    };
    let mut comparisons = Vec::new();

    // 1. Dispatch: the same body, the same load, to both routes.
    let body = json!({ "jsonrpc": "2.0", "method": "system.echo", "params": { "message": "hello, SENT" }, "id": 1 })
        .to_string();
    let rpc = HttpRequest {
        url: server.url("/api/rpc"),
        body: body.clone(),
        headers: Vec::new(),
        expect: r#""result":{"message":"hello, SENT"}"#.into(),
    };
    let (status, answer) = server.post(body.clone(), &[]).await;
    if status != 200 || !answer.contains(&rpc.expect) {
        return Err(format!("system.echo answered {status}: {answer}"));
    }
    let bare_request = HttpRequest {
        url: format!("http://{bare}/echo"),
        body,
        headers: Vec::new(),
        expect: r#""params":{"message":"hello, SENT"}"#.into(),
    };
    let subject = wrk_contender(settings, "echo-rpc", "system.echo via /api/rpc", &rpc, settings.echo_connections)?;
    let baseline =
        wrk_contender(settings, "echo-bare", "bare axum JSON echo", &bare_request, settings.echo_connections)?;
    if settings.runs("dispatch") {
        comparisons.push(
            bench
                .compare(
                    "dispatch",
                    "system.echo through the whole stack vs a bare axum JSON echo route in the same process",
                    0.85,
                    &subject,
                    &baseline,
                    None,
                )
                .await?,
        );
    }

    // 2. The ledger: an organization, two accounts, and one entry posted
    //    through the server to learn the params its audit row records.
    let ledger = Ledger::set_up(server).await?;
    let auth = vec![
        ("authorization".to_owned(), format!("Bearer {}", server.issuer.token(Ledger::USER))),
        ("sent-organization".to_owned(), ledger.org.to_string()),
    ];
    let statement_timeout = format!("{}ms", server.dispatcher.options().deadline.as_millis().max(1));
    let common = vec![
        ("organization_id".to_owned(), ledger.org.to_string()),
        ("user_id".to_owned(), ledger.user_id.to_string()),
        ("statement_timeout".to_owned(), statement_timeout),
    ];

    let post_request = HttpRequest {
        url: server.url("/api/rpc"),
        body: json!({ "jsonrpc": "2.0", "method": "ledger.postEntry", "params": ledger.post_params, "id": 1 })
            .to_string(),
        headers: auth.clone(),
        expect: r#""result":{"entryId""#.into(),
    };
    let mut post_vars = common.clone();
    post_vars.extend(
        [
            ("run", "0".to_owned()),
            ("n", "0".to_owned()),
            ("account_ids", format!("{{{},{}}}", ledger.cash, ledger.revenue)),
            ("entry_date", ENTRY_DATE.to_owned()),
            ("memo", ENTRY_MEMO.to_owned()),
            ("posted_by", ledger.user_id.to_string()),
            ("line_nos", "{1,2}".to_owned()),
            ("currencies", "{EUR,EUR}".to_owned()),
            ("debits", "{10.00,0}".to_owned()),
            ("credits", "{0,10.00}".to_owned()),
            ("memos", r#"{"",""}"#.to_owned()),
            ("actor_id", ledger.user_id.to_string()),
            ("method", "ledger.postEntry".to_owned()),
            ("request_id", uuid::Uuid::now_v7().simple().to_string()),
            ("params", ledger.audit_params.clone()),
        ]
        .map(|(k, v)| (k.to_owned(), v)),
    );
    let subject = wrk_contender(
        settings,
        "post-entry-rpc",
        "ledger.postEntry via /api/rpc",
        &post_request,
        settings.db_connections,
    )?;
    let baseline = pgbench_contender(
        settings,
        "post-entry",
        "pgbench, the same statements",
        &twins::post_entry_script()?,
        post_vars,
    )?;
    let check = RowCheck {
        server,
        sql: "SELECT (SELECT count(*) FROM journal_entries), (SELECT count(*) FROM audit_log)",
        slack: u64::from(settings.db_connections),
    };
    if settings.runs("ledger.postEntry") {
        comparisons.push(
        bench
            .compare(
                "ledger.postEntry",
                "a two-line journal entry with its audit row, through the whole stack vs pgbench running the same statements",
                0.7,
                &subject,
                &baseline,
                Some(&check),
            )
            .await?,
    );
    }

    let get_request = HttpRequest {
        url: server.url("/api/rpc"),
        body:
            json!({ "jsonrpc": "2.0", "method": "ledger.getAccount", "params": { "accountId": ledger.cash }, "id": 1 })
                .to_string(),
        headers: auth,
        expect: format!(r#""result":{{"accountId":"{}""#, ledger.cash),
    };
    let mut get_vars = common;
    get_vars.push(("account_id".to_owned(), ledger.cash.to_string()));
    let subject = wrk_contender(
        settings,
        "get-account-rpc",
        "ledger.getAccount via /api/rpc",
        &get_request,
        settings.db_connections,
    )?;
    let baseline = pgbench_contender(
        settings,
        "get-account",
        "pgbench, the same statements",
        &twins::get_account_script()?,
        get_vars,
    )?;
    if settings.runs("ledger.getAccount") {
        comparisons.push(
            bench
                .compare(
                    "ledger.getAccount",
                    "an account by id, through the whole stack vs pgbench running the same statements",
                    0.7,
                    &subject,
                    &baseline,
                    None,
                )
                .await?,
        );
    }
    Ok(comparisons)
}

/// The database both sides ran against, as the server's role sees it.
pub async fn database(server: &TestServer) -> Value {
    let client = match server.pool.get().await {
        Ok(client) => client,
        Err(error) => return json!({ "error": error.to_string() }),
    };
    let sql = "SELECT version(), current_user::text, current_setting('max_connections'), \
               current_setting('shared_buffers'), current_setting('synchronous_commit'), current_setting('fsync')";
    match client.query_one(sql, &[]).await {
        Ok(row) => json!({
            "version": row.get::<_, String>(0),
            "role": row.get::<_, String>(1),
            "max_connections": row.get::<_, String>(2),
            "shared_buffers": row.get::<_, String>(3),
            "synchronous_commit": row.get::<_, String>(4),
            "fsync": row.get::<_, String>(5),
            "server_pool_size": server.pool.status().max_size,
        }),
        Err(error) => json!({ "error": error.to_string() }),
    }
}

/// The median of one figure over the slices (the one median of the bench,
/// kept in `fixture_sdk.rs` because the fixture gets a copy of that file).
fn median(slices: &[Run], value: fn(&Run) -> f64) -> f64 {
    let values: Vec<f64> = slices.iter().map(value).collect();
    crate::fixture_sdk::median_and_min(&values).0
}

fn wrk_contender(
    settings: &Settings,
    file: &str,
    label: &str,
    request: &HttpRequest,
    connections: u32,
) -> Result<Contender, String> {
    let script = write(&settings.out_dir, &format!("{file}.lua"), &load::wrk_script(request, false))?;
    let check_script = write(&settings.out_dir, &format!("{file}-check.lua"), &load::wrk_script(request, true))?;
    Ok(Contender {
        label: label.to_owned(),
        load: Load::Wrk { url: request.url.clone(), connections, script, check_script },
    })
}

fn pgbench_contender(
    settings: &Settings,
    file: &str,
    label: &str,
    script: &str,
    variables: Vec<(String, String)>,
) -> Result<Contender, String> {
    let script = write(&settings.out_dir, &format!("{file}.pgbench"), script)?;
    Ok(Contender { label: label.to_owned(), load: Load::Pgbench { script, variables } })
}

fn write(dir: &Path, name: &str, text: &str) -> Result<PathBuf, String> {
    let path = dir.join(name);
    std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path)
}

/// The bare route: parse the body, send it back. Served by this process on
/// its own loopback port, on the same runtime as the server.
async fn bare_echo() -> Result<std::net::SocketAddr, String> {
    async fn echo(Json(value): Json<Value>) -> Json<Value> {
        Json(value)
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.map_err(|e| format!("bind: {e}"))?;
    let addr = listener.local_addr().map_err(|e| format!("bind: {e}"))?;
    let router = axum::Router::new().route("/echo", post(echo));
    tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    Ok(addr)
}

const ENTRY_DATE: &str = "2026-01-15";
const ENTRY_MEMO: &str = "bench";

/// The ledger the database comparisons work on.
struct Ledger {
    org: uuid::Uuid,
    user_id: uuid::Uuid,
    cash: uuid::Uuid,
    revenue: uuid::Uuid,
    post_params: Value,
    /// The params of a posted entry as its audit row holds them.
    audit_params: String,
}

impl Ledger {
    /// The organization's owner, a subject at the test issuer.
    const USER: &str = "bench-owner";

    async fn set_up(server: &TestServer) -> Result<Self, String> {
        let org = server.organization(Self::USER, "Bench Ltd").await;
        let account =
            |code: &str, name: &str, kind: &str| json!({ "code": code, "name": name, "kind": kind, "currency": "EUR" });
        let id = |value: &Value| -> Result<uuid::Uuid, String> {
            value["accountId"].as_str().and_then(|s| s.parse().ok()).ok_or_else(|| format!("no account id in {value}"))
        };
        let create = |body: Value| server.ok(Some(Self::USER), Some(org), "ledger.createAccount", body);
        let cash = id(&create(account("1000", "Cash", "asset")).await)?;
        let revenue = id(&create(account("4000", "Revenue", "income")).await)?;
        let post_params = json!({
            "entryDate": ENTRY_DATE,
            "memo": ENTRY_MEMO,
            "lines": [
                { "accountId": cash, "debit": "10.00" },
                { "accountId": revenue, "credit": "10.00" },
            ],
        });
        server.ok(Some(Self::USER), Some(org), "ledger.postEntry", post_params.clone()).await;
        let rows = server
            .superuser_query(
                "SELECT params::text FROM audit_log WHERE method = 'ledger.postEntry' ORDER BY seq DESC LIMIT 1",
            )
            .await;
        let audit_params = rows.first().map(|row| row.get::<_, String>(0)).ok_or("no audit row for the entry")?;
        Ok(Self { org, user_id: server.issuer.identity(Self::USER).user_id, cash, revenue, post_params, audit_params })
    }
}
