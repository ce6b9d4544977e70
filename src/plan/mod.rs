//! The plan (contract §5): the set of requests worth the most in total that fits every
//! capacity and every portfolio bucket's share, with pinned requests in or out.
//!
//! Two layers, one file each part:
//! - the numbers, which know nothing of scenarios (so they are tested on published
//!   knapsack instances): `problem` — [`Problem`], the 0/1 programme (values, efforts per
//!   capacity, amounts, buckets with absolute bounds on primary effort, pins), the
//!   tolerance rule and [`Solution`]; `solve` — [`solve`], the driver (presolve, budget,
//!   progress and cancel); `relax` — Lagrangian and LP bounds; `search` — the branch and
//!   bound; `dp` — the dynamic programme; `infeasible` — why no plan exists, in words;
//!   [`flat`] — the problem and its solution as flat arrays, for the page's Web Worker;
//! - the scenario: `scenario` — [`problem()`] builds the numbers from a scenario, its
//!   [`Table`](crate::score::Table) and [`Scores`](crate::score::Scores), [`plan`] solves
//!   them; `report` — the plan as a PM reads it, and what a what-if changes.
//!
//! # Tolerance
//!
//! Efforts with decimals add up inexactly (0.1 + 0.2 is not 0.3 in binary), so every
//! comparison with a bound allows a relative tolerance of [`TOLERANCE`]: a total `x` is
//! within an upper bound `B` when `x ≤ B + 1e-9 × max(|B|, 1)`, and within a lower bound
//! `L` when `x ≥ L − 1e-9 × max(|L|, 1)` (see [`at_most`], [`at_least`]). The absolute
//! floor of 1e-9 keeps bounds near 0 meaningful. Every plan [`solve`] returns satisfies
//! [`Problem::violations`] — the same rule — checked on fresh sums.
//!
//! Values are compared with `1e-9 × (1 + Σ|v|)`: "optimal" means no plan is worth more
//! than the returned one by more than that (far below any difference a PM sees).
//!
//! # Algorithm
//!
//! Exact, in this order:
//! 1. Pins are applied; musts that break a capacity or a bucket maximum, bucket minimums
//!    that the bucket's requests cannot reach, and minimums that together need more of a
//!    capacity than it has (a fractional, hence valid, test) are reported as
//!    [`Infeasible`] before any search. Requests that cannot fit on their own are left
//!    out, requests with no effort at all and a positive value are taken.
//! 2. Constraints that no selection can break are dropped; with none left the answer is
//!    every request of positive value.
//! 3. One capacity (the tightest) is kept as a knapsack row; the other capacities and
//!    the bucket bounds are relaxed with Lagrange multipliers, found by subgradient steps
//!    aimed a shrinking distance below the best bound so far (so they converge whatever
//!    the incumbent's quality). For any multipliers ≥ 0 the relaxation's LP value
//!    (Dantzig's bound: items by modified value per effort, the first that does not fit
//!    taken in part) bounds every plan, so a poor multiplier only weakens the bound, never
//!    makes it wrong. Greedy plans along the way give the first incumbent.
//! 4. Reduced-cost fixing: with the LP's critical ratio `r`, an item's reduced value
//!    `c = ṽ − r·a` bounds what flipping it from the LP's choice costs; items whose flip
//!    cannot beat the incumbent are fixed.
//! 5. With a single binding row left (one capacity, or one bucket maximum) and efforts that
//!    are multiples of 10⁻ᵈ, Pisinger's expanding-core dynamic programme settles it: states
//!    (effort, value) of plans that differ from Dantzig's break solution only in a core of
//!    items grown alternately from both sides of the break item, dominated states and
//!    states whose bound cannot beat the incumbent dropped (see `dp`). It proves the
//!    optimum of the hard knapsack classes (strongly correlated, spanner, circle, …) that
//!    bounds alone cannot, in milliseconds for a thousand items.
//! 6. Otherwise, depth-first search over the remaining items in ratio order, the LP's
//!    preferred branch first. Each node's bound is Martello and Toth's U2 (Dantzig's bound
//!    with the break item decided both ways) in O(log n) from prefix sums; nodes that
//!    cannot reach a bucket minimum any more are cut. When all values are multiples of
//!    10⁻ᵈ (integers, cents) a better plan must be better by that step, which prunes much
//!    more. The search runs in chunks of growing size: after a chunk that improved the
//!    incumbent, the multipliers are refined, more items are fixed and the search restarts
//!    on fewer. It also takes over when the programme's list of states outgrows
//!    [`Budget::max_dp_cells`].
//!
//! After a search that proves no plan exists, each bucket minimum is tried alone (the
//! other buckets' bounds lifted) to say which one fails, or that they fail together.
//!
//! The search counts nodes (tree nodes, and states the programme visits); past
//! [`Budget::max_nodes`], or when the progress callback
//! returns `false`, it stops and returns the best plan found with a proven upper bound
//! (`optimal` is then `false`). Nothing here reads a clock or starts a thread, so it runs
//! unchanged in a Web Worker.

mod dp;
pub mod flat;
mod infeasible;
mod problem;
mod relax;
pub mod report;
mod scenario;
mod search;
mod solve;
#[cfg(test)]
mod test_support;

pub use flat::{FlatProblem, FlatSolution};
pub use infeasible::{Infeasible, Reason};
pub use problem::{at_least, at_most, slack, Problem, Solution, Stop, TOLERANCE};
pub use scenario::{plan, plan_with, problem, Plan, PlanError};
pub use solve::{solve, solve_from, Budget, Progress, SolveError};
