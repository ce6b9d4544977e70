//! Criterion's saved estimates, for the ratios the benchmarks print at the end of a run.

/// Criterion's median (ns) of one benchmark from this run's saved results: `id` is the
/// benchmark's id in parts (group, function, and the parameter if any).
pub fn median(id: &[&str]) -> Option<f64> {
    let mut file = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()?
        .join("criterion");
    for part in id {
        file.push(part.replace([':', '/'], "_"));
    }
    let text = std::fs::read_to_string(file.join("new/estimates.json")).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    v["median"]["point_estimate"].as_f64()
}
