//! The TypeScript SDK's generation, timed inside the process that renders
//! it: `sent_sdk_gen::render` of a registry's methods, repeated, then the
//! files written under `<out dir>/src/generated/`. sent-bench runs it on
//! SENT's own registry and copies this file into the generated fixture
//! crate, whose binary runs it on the fixture's registry
//! (`<binary> sdk <out dir>`), so both SDKs are timed by the same code.

use std::path::Path;
use std::time::Instant;

/// The first word of the line [`generate`] returns.
pub const LINE_WORD: &str = "SENT-BENCH-SDK";

/// Render `methods` `repetitions` times (at least once) and write the last
/// rendering under `out_dir/src/generated/`. Returns the line to print:
/// `SENT-BENCH-SDK methods=<n> median_ms=<ms> min_ms=<ms> samples_ms=<ms>,<ms>,...`.
pub fn generate(
    methods: &[&'static sent_rpc::MethodMeta],
    out_dir: &Path,
    repetitions: usize,
) -> Result<String, String> {
    let mut samples_ms = Vec::with_capacity(repetitions.max(1));
    let mut files = None;
    for _ in 0..repetitions.max(1) {
        let started = Instant::now();
        let rendered = sent_sdk_gen::render(methods)?;
        samples_ms.push(started.elapsed().as_secs_f64() * 1000.0);
        // Dropped outside the timed span, as the last one is.
        files = Some(rendered);
    }
    let files = files.ok_or("nothing was rendered")?;
    files.write(&out_dir.join("src/generated"))?;
    let (median_ms, min_ms) = median_and_min(&samples_ms);
    let samples: Vec<String> = samples_ms.iter().map(|ms| format!("{ms:.3}")).collect();
    Ok(format!(
        "{LINE_WORD} methods={} median_ms={median_ms:.3} min_ms={min_ms:.3} samples_ms={}",
        methods.len(),
        samples.join(",")
    ))
}

/// The median (the mean of the middle two for an even count) and the least
/// of `samples`; zeros for none.
pub fn median_and_min(samples: &[f64]) -> (f64, f64) {
    if samples.is_empty() {
        return (0.0, 0.0);
    }
    let mut sorted = samples.to_vec();
    sorted.sort_by(f64::total_cmp);
    let middle = sorted.len() / 2;
    let median =
        if sorted.len().is_multiple_of(2) { f64::midpoint(sorted[middle - 1], sorted[middle]) } else { sorted[middle] };
    (median, sorted[0])
}
