//! Where a run's CPU time went: this process (the server, or the bare
//! route), the PostgreSQL cluster (the postmaster and every backend, exited
//! ones included), and the load generator (this process's waited-for
//! children). On a machine where all three share the cores, CPU time per
//! operation explains a throughput ratio better than throughput alone.

use serde::Serialize;

/// Cumulative CPU ticks (`/proc/<pid>/stat` utime + stime).
#[derive(Debug, Clone, Copy, Default)]
pub struct Sample {
    server: u64,
    generator: u64,
    database: u64,
}

/// CPU microseconds per operation of one run.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct PerOperation {
    /// This process: the SENT server, or the bare route.
    pub server_us: f64,
    /// Every process of the PostgreSQL cluster.
    pub database_us: f64,
    /// wrk or pgbench.
    pub generator_us: f64,
}

/// The fields of a `/proc/<pid>/stat` line after the command name.
fn stat_fields(pid: &str) -> Option<Vec<u64>> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name is in parentheses and may hold spaces.
    let rest = &text[text.rfind(')')? + 2..];
    // Field 3 (state) is a letter; keep numbers only, by position.
    Some(rest.split_whitespace().map(|f| f.parse().unwrap_or(0)).collect())
}

// Positions in `stat_fields` (field number in proc(5) minus 3).
const PPID: usize = 1;
const UTIME: usize = 11;
const STIME: usize = 12;
const CUTIME: usize = 13;
const CSTIME: usize = 14;

impl Sample {
    /// Now, for this process and the cluster whose postmaster is `postmaster`.
    pub fn take(postmaster: u32) -> Self {
        let own = stat_fields("self").unwrap_or_default();
        Self {
            server: at(&own, UTIME) + at(&own, STIME),
            generator: at(&own, CUTIME) + at(&own, CSTIME),
            database: cluster_ticks(postmaster),
        }
    }

    /// CPU per operation from `self` to `later`.
    pub fn per_operation(&self, later: &Self, operations: u64, ticks_per_second: u64) -> PerOperation {
        if operations == 0 || ticks_per_second == 0 {
            return PerOperation::default();
        }
        let us =
            |from: u64, to: u64| to.saturating_sub(from) as f64 * 1e6 / ticks_per_second as f64 / operations as f64;
        PerOperation {
            server_us: us(self.server, later.server),
            database_us: us(self.database, later.database),
            generator_us: us(self.generator, later.generator),
        }
    }
}

fn at(fields: &[u64], i: usize) -> u64 {
    fields.get(i).copied().unwrap_or(0)
}

/// The postmaster's own and reaped children's ticks, plus every live
/// child's. A backend reaped during the scan of /proc would count twice or
/// not at all, so the scan is repeated until no reaping happened during it.
fn cluster_ticks(postmaster: u32) -> u64 {
    let reaped = |fields: &[u64]| at(fields, CUTIME) + at(fields, CSTIME);
    let mut total = 0;
    for _ in 0..5 {
        let before = stat_fields(&postmaster.to_string()).unwrap_or_default();
        let mut live = 0;
        if let Ok(entries) = std::fs::read_dir("/proc") {
            for entry in entries.filter_map(Result::ok) {
                let name = entry.file_name();
                let Some(pid) = name.to_str().filter(|n| n.bytes().all(|b| b.is_ascii_digit())) else { continue };
                if let Some(fields) = stat_fields(pid)
                    && at(&fields, PPID) == u64::from(postmaster)
                {
                    live += at(&fields, UTIME) + at(&fields, STIME);
                }
            }
        }
        let after = stat_fields(&postmaster.to_string()).unwrap_or_default();
        total = at(&after, UTIME) + at(&after, STIME) + reaped(&after) + live;
        if reaped(&before) == reaped(&after) {
            break;
        }
    }
    total
}

/// CPU ticks of this process's waited-for children so far (a cargo run
/// counts with every rustc it waited for).
pub fn children_ticks() -> u64 {
    stat_fields("self").map_or(0, |f| at(&f, CUTIME) + at(&f, CSTIME))
}

/// The kernel's clock ticks per second (`USER_HZ`): 100 on every Linux
/// architecture SENT builds for (`getconf CLK_TCK`).
pub const TICKS_PER_SECOND: u64 = 100;

/// The postmaster of the cluster a backend (`pg_backend_pid()`) belongs to.
pub fn postmaster_of(backend: u32) -> Option<u32> {
    stat_fields(&backend.to_string()).and_then(|f| u32::try_from(*f.get(PPID)?).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_times_are_read() {
        let fields = stat_fields("self").unwrap();
        assert_eq!(fields[PPID], u64::from(std::os::unix::process::parent_id()));
        // Burn a little CPU so the sample cannot be all zeros.
        let started = std::time::Instant::now();
        let mut x = 0u64;
        while started.elapsed() < std::time::Duration::from_millis(50) {
            x = x.wrapping_mul(31).wrapping_add(7);
        }
        assert!(x != 1);
        let sample = Sample::take(std::os::unix::process::parent_id());
        assert!(sample.server > 0);
    }

    #[test]
    fn per_operation_divides_ticks() {
        let a = Sample { server: 100, generator: 10, database: 50 };
        let b = Sample { server: 200, generator: 20, database: 250 };
        let per = a.per_operation(&b, 1000, 100);
        assert!((per.server_us - 1000.0).abs() < 1e-9);
        assert!((per.generator_us - 100.0).abs() < 1e-9);
        assert!((per.database_us - 2000.0).abs() < 1e-9);
    }
}
