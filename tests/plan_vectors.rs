//! The planner on published knapsack instances with known optima (tests/data/knapsack,
//! see its README.md for sources, commits, licences and the erratum).
//!
//! - 81 single-constraint instances (.kp): the planner's value equals the optimum and it
//!   claims optimality; the returned selection is feasible and worth what it says.
//! - The same instances with the dynamic programme turned off and a small node budget:
//!   the branch and bound either proves the optimum or returns a plan with an honest
//!   upper bound (never claims what it has not proven).
//! - The 7 OR-Library mknap1 instances (5–10 capacities, decimal values in mknap1_2).

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use thresh::plan::{solve, Budget, Problem, Solution};

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/knapsack")
}

fn numbers(text: &str) -> Vec<f64> {
    text.split_whitespace()
        .map(|t| {
            t.parse::<f64>()
                .unwrap_or_else(|e| panic!("bad number {t:?}: {e}"))
        })
        .collect()
}

/// Optimum and, when published, one optimal 0/1 vector.
fn read_opt(path: &Path) -> (f64, Option<Vec<bool>>) {
    let text = fs::read_to_string(path).unwrap();
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let optimum = lines.next().unwrap().trim().parse::<f64>().unwrap();
    let vector = lines
        .next()
        .map(|l| numbers(l).iter().map(|&x| x == 1.0).collect());
    (optimum, vector)
}

/// `.kp`: "n capacity", then n lines "value weight".
fn read_kp(path: &Path) -> Problem {
    let x = numbers(&fs::read_to_string(path).unwrap());
    let n = x[0] as usize;
    let capacity = x[1];
    assert_eq!(x.len(), 2 + 2 * n, "{}", path.display());
    let values = (0..n).map(|i| x[2 + 2 * i]).collect();
    let weights = (0..n).map(|i| x[3 + 2 * i]).collect();
    Problem {
        values,
        efforts: vec![weights],
        amounts: vec![capacity],
        ..Problem::default()
    }
}

/// `.mkp`: "n m", n profits, m lines of n weights, m capacities.
fn read_mkp(path: &Path) -> Problem {
    let x = numbers(&fs::read_to_string(path).unwrap());
    let (n, m) = (x[0] as usize, x[1] as usize);
    assert_eq!(x.len(), 2 + n + m * n + m, "{}", path.display());
    let values = x[2..2 + n].to_vec();
    let efforts = (0..m)
        .map(|k| x[2 + n + k * n..2 + n + (k + 1) * n].to_vec())
        .collect();
    let amounts = x[2 + n + m * n..].to_vec();
    Problem {
        values,
        efforts,
        amounts,
        ..Problem::default()
    }
}

fn instances(dir: &str, ext: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs::read_dir(data().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    out.sort();
    out
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// What every returned plan must satisfy, whatever the search proved.
fn check_solution(name: &str, problem: &Problem, s: &Solution) {
    assert_eq!(s.selected.len(), problem.len(), "{name}");
    assert!(
        problem.is_feasible(&s.selected),
        "{name}: {:?}",
        problem.violations(&s.selected)
    );
    assert!(
        close(problem.value_of(&s.selected), s.value),
        "{name}: value {} vs selection {}",
        s.value,
        problem.value_of(&s.selected)
    );
    assert!(s.upper_bound >= s.value, "{name}");
}

fn name(path: &Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}

#[test]
fn every_instance_listed_in_the_manifests_is_present() {
    let manifest = fs::read_to_string(data().join("MANIFEST.tsv")).unwrap();
    let ids: Vec<&str> = manifest
        .lines()
        .skip(1)
        .filter_map(|l| l.split('\t').next())
        .filter(|s| !s.is_empty())
        .collect();
    assert_eq!(ids.len(), 81);
    for id in &ids {
        assert!(
            data().join("instances").join(format!("{id}.kp")).exists(),
            "{id}.kp"
        );
        assert!(
            data().join("instances").join(format!("{id}.opt")).exists(),
            "{id}.opt"
        );
    }
    assert_eq!(instances("instances", "kp").len(), 81);
    let mkp = fs::read_to_string(data().join("MANIFEST_MKP.tsv")).unwrap();
    assert_eq!(mkp.lines().skip(1).filter(|l| !l.is_empty()).count(), 7);
    assert_eq!(instances("instances_mkp", "mkp").len(), 7);
}

#[test]
fn single_constraint_instances_reach_the_published_optimum() {
    let start = Instant::now();
    let mut slowest = (String::new(), 0.0);
    for path in instances("instances", "kp") {
        let id = name(&path);
        let problem = read_kp(&path);
        let (optimum, vector) = read_opt(&path.with_extension("opt"));
        if let Some(v) = &vector {
            // The data itself: the published vector is feasible and worth the optimum.
            assert!(problem.is_feasible(v), "{id}: published vector infeasible");
            assert!(
                close(problem.value_of(v), optimum),
                "{id}: published vector value"
            );
        }
        let t = Instant::now();
        let s = solve(&problem, &Budget::default(), None).unwrap_or_else(|e| panic!("{id}: {e}"));
        let secs = t.elapsed().as_secs_f64();
        if secs > slowest.1 {
            slowest = (id.clone(), secs);
        }
        check_solution(&id, &problem, &s);
        assert!(
            s.optimal,
            "{id}: not proven optimal (value {}, bound {})",
            s.value, s.upper_bound
        );
        assert!(
            close(s.value, optimum),
            "{id}: value {} but the optimum is {optimum}",
            s.value
        );
        assert!(close(s.upper_bound, s.value), "{id}");
        assert_eq!(s.stopped, None, "{id}");
    }
    eprintln!(
        "81 single-constraint instances: {:.2} s (slowest {} {:.2} s)",
        start.elapsed().as_secs_f64(),
        slowest.0,
        slowest.1
    );
}

#[test]
fn branch_and_bound_alone_never_claims_an_unproven_optimum() {
    let start = Instant::now();
    let budget = Budget {
        max_nodes: 200_000,
        max_dp_cells: 0,
        ..Budget::default()
    };
    let (mut proven, mut open) = (0, Vec::new());
    for path in instances("instances", "kp") {
        let id = name(&path);
        let problem = read_kp(&path);
        let (optimum, _) = read_opt(&path.with_extension("opt"));
        let s = solve(&problem, &budget, None).unwrap_or_else(|e| panic!("{id}: {e}"));
        check_solution(&id, &problem, &s);
        assert!(
            s.value <= optimum + 1e-6,
            "{id}: value {} above the optimum {optimum}",
            s.value
        );
        assert!(
            s.upper_bound >= optimum - 1e-6,
            "{id}: bound {} below the optimum {optimum}",
            s.upper_bound
        );
        if s.optimal {
            assert!(
                close(s.value, optimum),
                "{id}: claims optimal at {} but the optimum is {optimum}",
                s.value
            );
            proven += 1;
        } else {
            assert!(s.nodes >= budget.max_nodes, "{id}");
            assert_eq!(s.stopped, Some(thresh::plan::Stop::Budget), "{id}");
            open.push(format!(
                "{id} (value {}, bound {:.1}, optimum {optimum})",
                s.value, s.upper_bound
            ));
        }
    }
    eprintln!(
        "branch and bound alone, ≤ {} nodes: {proven}/81 proven in {:.2} s; open: {}",
        budget.max_nodes,
        start.elapsed().as_secs_f64(),
        open.join(", ")
    );
    // The hard ones are the strongly correlated large instances; the rest are proven.
    assert!(proven >= 75, "only {proven} proven");
}

#[test]
fn multi_constraint_mknap1_instances_reach_the_published_optimum() {
    let start = Instant::now();
    for path in instances("instances_mkp", "mkp") {
        let id = name(&path);
        let problem = read_mkp(&path);
        let (optimum, vector) = read_opt(&path.with_extension("opt"));
        if let Some(v) = &vector {
            assert!(problem.is_feasible(v), "{id}: published vector infeasible");
            assert!(
                close(problem.value_of(v), optimum),
                "{id}: published vector value"
            );
        }
        let s = solve(&problem, &Budget::default(), None).unwrap_or_else(|e| panic!("{id}: {e}"));
        check_solution(&id, &problem, &s);
        assert!(s.optimal, "{id}: not proven optimal");
        // mknap1_2 has decimal profits (optimum 8706.1): compare with a float tolerance.
        assert!(
            (s.value - optimum).abs() <= 1e-6 * optimum.abs().max(1.0),
            "{id}: value {} but the optimum is {optimum}",
            s.value
        );
    }
    eprintln!("7 mknap1 instances: {:.2} s", start.elapsed().as_secs_f64());
}
