//! Which field each column fills (§4 "Targets" and "Guessing"): the contract's table of
//! headers, the model's criteria by id or label, and `--map HEADER=TARGET`.
//!
//! The model's criteria come in as plain data ([`CriterionInfo`]), so this layer does not
//! depend on the model's types. Headers are compared with case and surrounding spaces
//! ignored. The table wins over criterion ids and labels (a criterion labelled "Status"
//! does not take the status column), and a criterion that derives its value (from asks,
//! ARR or deadlines) is never guessed: a "Reach" column in a spreadsheet is someone's
//! number, and the model computes its own.
//!
//! Cost: a few dozen string comparisons per header.

use std::fmt;

use super::csv::Row;
use super::{quoted, SheetProblem, SheetProblems};

/// What the guessing needs to know of one of the model's criteria.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CriterionInfo<'a> {
    pub id: &'a str,
    pub label: &'a str,
    /// Its value is derived (from asks, ARR, deadlines), never read from a column.
    pub derives: bool,
    /// The model's first cost criterion (it also answers to effort, story points, …).
    pub is_first_cost: bool,
}

impl<'a> From<(&'a str, &'a str, bool, bool)> for CriterionInfo<'a> {
    fn from((id, label, derives, is_first_cost): (&'a str, &'a str, bool, bool)) -> Self {
        CriterionInfo {
            id,
            label,
            derives,
            is_first_cost,
        }
    }
}

/// One point of a three-point estimate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Point {
    Low,
    Likely,
    High,
}

impl Point {
    pub fn as_str(self) -> &'static str {
        match self {
            Point::Low => "low",
            Point::Likely => "likely",
            Point::High => "high",
        }
    }
}

/// The field a column fills.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    Id,
    Title,
    Description,
    Bucket,
    Tags,
    Deadline,
    Confidence,
    Status,
    Plan,
    /// `values.<criterion>`, or one point of its range `values.<criterion>.low|likely|high`.
    Value {
        criterion: String,
        point: Option<Point>,
    },
    /// Account names (one ask each).
    Account,
    /// The ARR of the row's account.
    Arr,
    /// The team that relayed the row's asks.
    Source,
    /// Anonymous asks: votes, tickets.
    Count,
    Ignore,
}

impl Target {
    /// Every target but a criterion's value, in the order the page offers them.
    pub const FIXED: [Target; 14] = [
        Target::Id,
        Target::Title,
        Target::Description,
        Target::Bucket,
        Target::Tags,
        Target::Deadline,
        Target::Confidence,
        Target::Status,
        Target::Plan,
        Target::Account,
        Target::Arr,
        Target::Source,
        Target::Count,
        Target::Ignore,
    ];

    /// Targets that several columns may share (Jira repeats `Labels`); any other target
    /// named by two columns is a problem.
    pub fn may_repeat(&self) -> bool {
        matches!(self, Target::Tags | Target::Account | Target::Ignore)
    }

    /// Targets whose cells are numbers (their columns decide the decimal separator).
    pub fn is_numeric(&self) -> bool {
        matches!(
            self,
            Target::Confidence | Target::Value { .. } | Target::Arr | Target::Count
        )
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let word = match self {
            Target::Id => "id",
            Target::Title => "title",
            Target::Description => "description",
            Target::Bucket => "bucket",
            Target::Tags => "tags",
            Target::Deadline => "deadline",
            Target::Confidence => "confidence",
            Target::Status => "status",
            Target::Plan => "plan",
            Target::Account => "account",
            Target::Arr => "arr",
            Target::Source => "source",
            Target::Count => "count",
            Target::Ignore => "ignore",
            Target::Value { criterion, point } => {
                write!(f, "values.{criterion}")?;
                if let Some(point) = point {
                    write!(f, ".{}", point.as_str())?;
                }
                return Ok(());
            }
        };
        f.write_str(word)
    }
}

/// §4's guessing table (headers in lower case).
/// `plan` has no header here, and its name is not guessed either: a "Plan" column in a
/// PM's sheet may well hold "Q3", which would refuse the whole file.
const HEADERS: [(&str, Target); 51] = [
    ("id", Target::Id),
    ("key", Target::Id),
    ("issue key", Target::Id),
    ("ticket", Target::Id),
    ("ref", Target::Id),
    ("title", Target::Title),
    ("summary", Target::Title),
    ("name", Target::Title),
    ("feature", Target::Title),
    ("feature name", Target::Title),
    ("idea", Target::Title),
    ("request", Target::Title),
    ("description", Target::Description),
    ("details", Target::Description),
    ("body", Target::Description),
    ("bucket", Target::Bucket),
    ("theme", Target::Bucket),
    ("category", Target::Bucket),
    ("epic", Target::Bucket),
    ("epic link", Target::Bucket),
    ("initiative", Target::Bucket),
    ("portfolio", Target::Bucket),
    ("tags", Target::Tags),
    ("labels", Target::Tags),
    ("label", Target::Tags),
    ("components", Target::Tags),
    ("deadline", Target::Deadline),
    ("due", Target::Deadline),
    ("due date", Target::Deadline),
    ("target date", Target::Deadline),
    ("status", Target::Status),
    ("confidence", Target::Confidence),
    ("account", Target::Account),
    ("accounts", Target::Account),
    ("customer", Target::Account),
    ("customers", Target::Account),
    ("company", Target::Account),
    ("companies", Target::Account),
    ("client", Target::Account),
    ("arr", Target::Arr),
    ("annual revenue", Target::Arr),
    ("annual recurring revenue", Target::Arr),
    ("source", Target::Source),
    ("team", Target::Source),
    ("channel", Target::Source),
    ("relayed by", Target::Source),
    ("votes", Target::Count),
    ("vote count", Target::Count),
    ("tickets", Target::Count),
    ("insights", Target::Count),
    ("count", Target::Count),
];

/// A header as it is compared: lower case, surrounding spaces trimmed.
pub fn header_key(header: &str) -> String {
    header.trim().to_lowercase()
}

/// The target a header guesses, if any.
///
/// In order: §4's table; a criterion's id, then its label; for the model's first cost
/// criterion, effort, estimate, story points, size, job size; a target's own name
/// `values.<criterion>[.low|.likely|.high]`. A criterion that derives its value is never
/// guessed.
///
/// Additions to §4's table, each because a real export needs it: Jira wraps custom
/// fields as `Custom field (Story Points)`, so such a header is also tried without the
/// wrapper; and `values.cost.low` and the like (which only a file made for Thresh holds)
/// guess themselves, since §4's table has no header for a range's points.
pub fn guess_target(header: &str, criteria: &[CriterionInfo<'_>]) -> Option<Target> {
    let key = header_key(header);
    guess_key(&key, criteria).or_else(|| {
        let inner = custom_field_name(&key)?;
        guess_key(&header_key(inner), criteria)
    })
}

fn guess_key(key: &str, criteria: &[CriterionInfo<'_>]) -> Option<Target> {
    let first_cost = criteria.iter().find(|c| c.is_first_cost && !c.derives);
    if let Some((_, target)) = HEADERS.iter().find(|(h, _)| *h == key) {
        return Some(target.clone());
    }
    let value = |c: &CriterionInfo<'_>| Target::Value {
        criterion: c.id.to_owned(),
        point: None,
    };
    let readable = || criteria.iter().filter(|c| !c.derives);
    if let Some(c) = readable().find(|c| header_key(c.id) == key) {
        return Some(value(c));
    }
    if let Some(c) = readable().find(|c| header_key(c.label) == key) {
        return Some(value(c));
    }
    if FIRST_COST_HEADERS.contains(&key) {
        return first_cost.map(value);
    }
    if key.starts_with("values.") {
        return parse_target(key, criteria).ok().filter(|t| match t {
            Target::Value { criterion, .. } => readable().any(|c| c.id == criterion.as_str()),
            _ => false,
        });
    }
    None
}

/// Headers that name the model's first cost criterion.
const FIRST_COST_HEADERS: [&str; 5] = ["effort", "estimate", "story points", "size", "job size"];

/// `custom field (story points)` → `story points` (Jira's export of custom fields).
fn custom_field_name(key: &str) -> Option<&str> {
    key.strip_prefix("custom field")?
        .trim_start()
        .strip_prefix('(')?
        .strip_suffix(')')
}

/// A target's name, as `--map` gives it: `title`, `values.cost`, `values.cost.high`, …
/// (case and surrounding spaces ignored). A criterion is named by its id (exact, or else
/// in any case); one the model does not have is a problem.
pub fn parse_target(text: &str, criteria: &[CriterionInfo<'_>]) -> Result<Target, String> {
    let key = header_key(text);
    if let Some(target) = Target::FIXED.iter().find(|t| t.to_string() == key) {
        return Ok(target.clone());
    }
    let known = || criteria.iter().map(|c| c.id).collect::<Vec<_>>().join(", ");
    // Exact id first (ids may hold capitals and dots), then any case.
    let find = |name: &str| {
        criteria.iter().find(|c| c.id == name).or_else(|| {
            criteria
                .iter()
                .find(|c| header_key(c.id) == header_key(name))
        })
    };
    let original = text.trim();
    if let Some(rest) = original
        .get(..7)
        .filter(|p| p.eq_ignore_ascii_case("values."))
        .map(|_| &original[7..])
    {
        if let Some(c) = find(rest) {
            return Ok(Target::Value {
                criterion: c.id.to_owned(),
                point: None,
            });
        }
        for point in [Point::Low, Point::Likely, Point::High] {
            let Some(name) = rest
                .len()
                .checked_sub(point.as_str().len() + 1)
                .and_then(|at| rest.get(..at).zip(rest.get(at..)))
                .filter(|(_, suffix)| suffix.eq_ignore_ascii_case(&format!(".{}", point.as_str())))
                .map(|(name, _)| name)
            else {
                continue;
            };
            if let Some(c) = find(name) {
                return Ok(Target::Value {
                    criterion: c.id.to_owned(),
                    point: Some(point),
                });
            }
        }
        return Err(format!(
            "{} names no criterion of the model (its criteria: {})",
            quoted(original),
            known()
        ));
    }
    if let Some(c) = find(original) {
        return Err(format!(
            "{} is not a target; did you mean values.{}?",
            quoted(original),
            c.id
        ));
    }
    Err(format!(
        "{} is not a target: use id, title, description, bucket, tags, deadline, \
         confidence, status, plan, values.<criterion>, values.<criterion>.low|likely|high, \
         account, arr, source, count or ignore",
        quoted(original)
    ))
}

/// One `--map HEADER=TARGET`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnMap {
    pub header: String,
    pub target: Target,
}

/// Parses `--map HEADER=TARGET`. The last `=` splits (a header may hold one; a target
/// never does).
pub fn parse_map(argument: &str, criteria: &[CriterionInfo<'_>]) -> Result<ColumnMap, String> {
    let Some((header, target)) = argument.rsplit_once('=') else {
        return Err(format!(
            "--map {} needs the form HEADER=TARGET",
            quoted(argument)
        ));
    };
    if header.trim().is_empty() {
        return Err(format!(
            "--map {} names no header before the =",
            quoted(argument)
        ));
    }
    let target =
        parse_target(target, criteria).map_err(|e| format!("--map {}: {e}", quoted(argument)))?;
    Ok(ColumnMap {
        header: header.trim().to_owned(),
        target,
    })
}

/// The target of one column and how it was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnTarget {
    /// None: the column maps to nothing and is ignored (named in [`Mapping::warning`]).
    pub target: Option<Target>,
    /// Set by a `--map` (not guessed).
    pub mapped: bool,
}

/// Every column's target, with the problems of the mapping and the one warning that
/// names the columns mapping to nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mapping {
    /// One per header cell, in order.
    pub columns: Vec<ColumnTarget>,
    /// A `--map` that names no column, a column named by two `--map`s, a target (other
    /// than `tags`, `account` and `ignore`) filled by two columns.
    pub problems: SheetProblems,
    pub warning: Option<SheetProblem>,
}

/// Maps every column of `header`: by a `--map` whose HEADER matches it (as a guessed
/// header is matched: case and surrounding spaces ignored, Jira's `Custom field (…)`
/// wrapper optional), otherwise by [`guess_target`].
pub fn map_columns(
    header: &Row<'_>,
    maps: &[ColumnMap],
    criteria: &[CriterionInfo<'_>],
) -> Mapping {
    let mut problems = SheetProblems::default();
    let keys: Vec<String> = header.cells.iter().map(|c| header_key(&c.text)).collect();
    let mut by_map: Vec<Option<&ColumnMap>> = vec![None; keys.len()];
    for map in maps {
        let wanted = header_key(&map.header);
        let mut found = false;
        for (i, key) in keys.iter().enumerate() {
            let matches = *key == wanted || custom_field_name(key) == Some(wanted.as_str());
            if !matches {
                continue;
            }
            found = true;
            match by_map[i] {
                Some(earlier) if earlier.target != map.target => {
                    problems.push(
                        SheetProblem::at(
                            header.line,
                            i + 1,
                            format!(
                                "the column is mapped twice: --map {}={} and --map {}={}",
                                quoted(&earlier.header),
                                earlier.target,
                                quoted(&map.header),
                                map.target
                            ),
                        )
                        .with_header(&header.cells[i].text),
                    );
                }
                _ => by_map[i] = Some(map),
            }
        }
        if !found {
            problems.push(SheetProblem::file(format!(
                "--map {}={}: no column is headed {}",
                quoted(&map.header),
                map.target,
                quoted(&map.header)
            )));
        }
    }
    let columns: Vec<ColumnTarget> = header
        .cells
        .iter()
        .zip(&by_map)
        .map(|(cell, map)| match map {
            Some(map) => ColumnTarget {
                target: Some(map.target.clone()),
                mapped: true,
            },
            None => ColumnTarget {
                target: guess_target(&cell.text, criteria),
                mapped: false,
            },
        })
        .collect();
    for (i, column) in columns.iter().enumerate() {
        let Some(target) = &column.target else {
            continue;
        };
        if target.may_repeat() {
            continue;
        }
        if let Some(first) = columns[..i]
            .iter()
            .position(|c| c.target.as_ref() == Some(target))
        {
            problems.push(
                SheetProblem::at(
                    header.line,
                    i + 1,
                    format!(
                        "{} (column {}) and {} (column {}) both map to {target}; map one \
                         of them to ignore with --map",
                        quoted(&header.cells[first].text),
                        first + 1,
                        quoted(&header.cells[i].text),
                        i + 1
                    ),
                )
                .with_header(&header.cells[i].text),
            );
        }
    }
    let unmapped: Vec<String> = columns
        .iter()
        .enumerate()
        .filter(|(_, c)| c.target.is_none())
        .map(|(i, _)| match header.cells[i].text.as_ref() {
            "" => format!("column {}", i + 1),
            text => quoted(text),
        })
        .collect();
    let warning = (!unmapped.is_empty()).then(|| {
        SheetProblem::at(
            header.line,
            0,
            format!(
                "{} {} no target and {} ignored (--map HEADER=TARGET to use {})",
                if unmapped.len() == 1 {
                    "this column has"
                } else {
                    "these columns have"
                },
                unmapped.join(", "),
                if unmapped.len() == 1 { "is" } else { "are" },
                if unmapped.len() == 1 { "it" } else { "one" },
            ),
        )
    });
    Mapping {
        columns,
        problems,
        warning,
    }
}

#[cfg(test)]
mod tests {
    use super::super::csv::read_table;
    use super::*;

    /// The default model's criteria (§4): four derived, `cost` the first cost criterion.
    fn default_model() -> Vec<CriterionInfo<'static>> {
        [
            ("reach", "Reach", true, false),
            ("arr", "ARR", true, false),
            ("strategic", "Strategic accounts", true, false),
            ("urgency", "Urgency", true, false),
            ("cost", "Cost", false, true),
            ("fit", "Portfolio fit", false, false),
        ]
        .into_iter()
        .map(CriterionInfo::from)
        .collect()
    }

    fn value(criterion: &str) -> Target {
        Target::Value {
            criterion: criterion.into(),
            point: None,
        }
    }

    #[track_caller]
    fn guesses(header: &str, expected: Option<Target>) {
        assert_eq!(
            guess_target(header, &default_model()),
            expected,
            "{header:?}"
        );
    }

    #[test]
    fn every_header_of_the_table() {
        let table: &[(&[&str], Target)] = &[
            (&["id", "key", "issue key", "ticket", "ref"], Target::Id),
            (
                &[
                    "title",
                    "summary",
                    "name",
                    "feature",
                    "feature name",
                    "idea",
                    "request",
                ],
                Target::Title,
            ),
            (&["description", "details", "body"], Target::Description),
            (
                &[
                    "bucket",
                    "theme",
                    "category",
                    "epic",
                    "epic link",
                    "initiative",
                    "portfolio",
                ],
                Target::Bucket,
            ),
            (&["tags", "labels", "label", "components"], Target::Tags),
            (
                &["deadline", "due", "due date", "target date"],
                Target::Deadline,
            ),
            (&["status"], Target::Status),
            (&["confidence"], Target::Confidence),
            (
                &[
                    "account",
                    "accounts",
                    "customer",
                    "customers",
                    "company",
                    "companies",
                    "client",
                ],
                Target::Account,
            ),
            (
                &["arr", "annual revenue", "annual recurring revenue"],
                Target::Arr,
            ),
            (&["source", "team", "channel", "relayed by"], Target::Source),
            (
                &["votes", "vote count", "tickets", "insights", "count"],
                Target::Count,
            ),
        ];
        for (headers, target) in table {
            for header in *headers {
                guesses(header, Some(target.clone()));
                guesses(&header.to_uppercase(), Some(target.clone()));
                guesses(&format!("  {header}\t"), Some(target.clone()));
            }
        }
    }

    #[test]
    fn criteria_by_id_or_label_and_the_first_cost_by_its_other_names() {
        guesses("fit", Some(value("fit")));
        guesses("Portfolio Fit", Some(value("fit")));
        guesses("COST", Some(value("cost")));
        for alias in ["effort", "Estimate", "Story Points", "size", "Job size"] {
            guesses(alias, Some(value("cost")));
        }
        // Inner spaces count: only surrounding ones are ignored.
        guesses("story  points", None);
    }

    #[test]
    fn derived_criteria_are_never_guessed() {
        for header in [
            "reach",
            "Reach",
            "urgency",
            "Strategic accounts",
            "strategic",
        ] {
            guesses(header, None);
        }
        // "ARR" is in the table: the ARR of the row's account, not the derived criterion.
        guesses("ARR", Some(Target::Arr));
        // A derived first cost criterion does not answer to effort either.
        let criteria = [CriterionInfo::from(("cost", "Cost", true, true))];
        assert_eq!(guess_target("effort", &criteria), None);
        assert_eq!(guess_target("cost", &criteria), None);
        assert_eq!(guess_target("values.cost", &criteria), None);
    }

    #[test]
    fn the_table_wins_over_criterion_ids_and_labels() {
        let criteria = [
            CriterionInfo::from(("status", "Status", false, false)),
            CriterionInfo::from(("impact", "Title", false, false)),
            CriterionInfo::from(("effort", "Effort", false, false)),
            CriterionInfo::from(("cost", "Job size", false, true)),
        ];
        assert_eq!(guess_target("Status", &criteria), Some(Target::Status));
        assert_eq!(guess_target("title", &criteria), Some(Target::Title));
        // An id or label beats the first cost criterion's other names.
        assert_eq!(guess_target("effort", &criteria), Some(value("effort")));
        assert_eq!(guess_target("job size", &criteria), Some(value("cost")));
        // Ids before labels.
        let criteria = [
            CriterionInfo::from(("a", "Value", false, false)),
            CriterionInfo::from(("value", "Business value", false, false)),
        ];
        assert_eq!(guess_target("value", &criteria), Some(value("value")));
    }

    #[test]
    fn jira_custom_fields_are_matched_without_their_wrapper() {
        guesses("Custom field (Story Points)", Some(value("cost")));
        guesses("Custom field (Epic Link)", Some(Target::Bucket));
        guesses("custom field(Portfolio fit)", Some(value("fit")));
        guesses("Custom field (Sprint)", None);
        guesses("Custom field (Story Points", None);
    }

    #[test]
    fn target_names_as_headers_guess_themselves_but_plan_does_not() {
        guesses("values.cost", Some(value("cost")));
        guesses(
            "values.cost.high",
            Some(Target::Value {
                criterion: "cost".into(),
                point: Some(Point::High),
            }),
        );
        guesses("values.reach", None);
        guesses("values.speed", None);
        guesses("plan", None);
        guesses("ignore", None);
    }

    #[test]
    fn headers_with_no_target() {
        for header in [
            "",
            "Sprint",
            "Reporter",
            "Issue id",
            "Created",
            "values",
            "effort points",
        ] {
            guesses(header, None);
        }
        assert_eq!(guess_target("anything", &[]), None);
        assert_eq!(guess_target("effort", &[]), None);
    }

    #[test]
    fn target_names() {
        let criteria = default_model();
        for word in [
            "id",
            "title",
            "description",
            "bucket",
            "tags",
            "deadline",
            "confidence",
            "status",
            "plan",
            "account",
            "arr",
            "source",
            "count",
            "ignore",
        ] {
            let target = parse_target(word, &criteria).unwrap();
            assert_eq!(target.to_string(), word);
            assert_eq!(parse_target(&word.to_uppercase(), &criteria), Ok(target));
        }
        assert_eq!(parse_target(" values.cost ", &criteria), Ok(value("cost")));
        assert_eq!(parse_target("values.reach", &criteria), Ok(value("reach")));
        for point in [Point::Low, Point::Likely, Point::High] {
            let text = format!("values.cost.{}", point.as_str());
            let target = parse_target(&text, &criteria).unwrap();
            assert_eq!(target.to_string(), text);
            assert_eq!(
                target,
                Target::Value {
                    criterion: "cost".into(),
                    point: Some(point)
                }
            );
        }
        assert_eq!(
            parse_target("Values.COST.High", &criteria)
                .unwrap()
                .to_string(),
            "values.cost.high"
        );
    }

    #[test]
    fn criterion_ids_with_capitals_and_dots() {
        let criteria = [
            CriterionInfo::from(("Impact", "Impact", false, false)),
            CriterionInfo::from(("a.low", "odd", false, false)),
            CriterionInfo::from(("a", "plain", false, false)),
        ];
        assert_eq!(
            parse_target("values.Impact", &criteria),
            Ok(value("Impact"))
        );
        assert_eq!(
            parse_target("values.impact", &criteria),
            Ok(value("Impact"))
        );
        // The whole rest is an id first.
        assert_eq!(parse_target("values.a.low", &criteria), Ok(value("a.low")));
        assert_eq!(
            parse_target("values.a.high", &criteria),
            Ok(Target::Value {
                criterion: "a".into(),
                point: Some(Point::High)
            })
        );
    }

    #[test]
    fn unknown_targets_and_criteria_are_problems() {
        let criteria = default_model();
        assert_eq!(
            parse_target("values.speed", &criteria),
            Err(
                "\"values.speed\" names no criterion of the model (its criteria: reach, arr, \
                 strategic, urgency, cost, fit)"
                    .into()
            )
        );
        assert_eq!(
            parse_target("cost", &criteria),
            Err("\"cost\" is not a target; did you mean values.cost?".into())
        );
        assert!(parse_target("values.cost.mid", &criteria).is_err());
        assert!(parse_target("values.", &criteria).is_err());
        assert!(parse_target("summary", &criteria)
            .unwrap_err()
            .starts_with("\"summary\" is not a target: use id, title"));
        assert!(parse_target("", &criteria).is_err());
    }

    #[test]
    fn map_arguments() {
        let criteria = default_model();
        assert_eq!(
            parse_map("Story Points=values.cost", &criteria),
            Ok(ColumnMap {
                header: "Story Points".into(),
                target: value("cost")
            })
        );
        assert_eq!(
            parse_map(" a=b = ignore ", &criteria),
            Ok(ColumnMap {
                header: "a=b".into(),
                target: Target::Ignore
            })
        );
        assert_eq!(
            parse_map("Points=values.speed", &criteria).unwrap_err(),
            "--map \"Points=values.speed\": \"values.speed\" names no criterion of the model \
             (its criteria: reach, arr, strategic, urgency, cost, fit)"
        );
        assert!(parse_map("no equals sign", &criteria)
            .unwrap_err()
            .contains("HEADER=TARGET"));
        assert!(parse_map(" =title", &criteria)
            .unwrap_err()
            .contains("no header"));
    }

    fn header_row(text: &str) -> Row<'_> {
        read_table(text, None).unwrap().header
    }

    fn targets(mapping: &Mapping) -> Vec<Option<String>> {
        mapping
            .columns
            .iter()
            .map(|c| c.target.as_ref().map(Target::to_string))
            .collect()
    }

    #[test]
    fn columns_are_guessed_and_the_unmapped_named_in_one_warning() {
        let criteria = default_model();
        let header = header_row(
            "Summary,Issue key,Sprint,Labels,Labels,Custom field (Story Points),Reach,\n",
        );
        let m = map_columns(&header, &[], &criteria);
        assert_eq!(
            targets(&m),
            [
                Some("title".into()),
                Some("id".into()),
                None,
                Some("tags".into()),
                Some("tags".into()),
                Some("values.cost".into()),
                None,
                None
            ]
        );
        assert!(m.problems.is_empty(), "{}", m.problems);
        assert!(m.columns.iter().all(|c| !c.mapped));
        assert_eq!(
            m.warning.unwrap().to_string(),
            "CSV:1: these columns have \"Sprint\", \"Reach\", column 8 no target and are \
             ignored (--map HEADER=TARGET to use one)"
        );
        let m = map_columns(&header_row("title,Sprint\n"), &[], &criteria);
        assert_eq!(
            m.warning.unwrap().message,
            "this column has \"Sprint\" no target and is ignored (--map HEADER=TARGET to use it)"
        );
        assert_eq!(
            map_columns(&header_row("title\n"), &[], &criteria).warning,
            None
        );
    }

    #[test]
    fn a_map_wins_over_the_guess_and_is_matched_like_a_guessed_header() {
        let criteria = default_model();
        let header = header_row("Name,Customer,Custom field (Points),Reach\n");
        let maps = [
            parse_map("name=ignore", &criteria).unwrap(),
            parse_map(" CUSTOMER =source", &criteria).unwrap(),
            parse_map("points=values.cost", &criteria).unwrap(),
            parse_map("Reach=values.fit", &criteria).unwrap(),
        ];
        let m = map_columns(&header, &maps, &criteria);
        assert_eq!(
            targets(&m),
            [
                Some("ignore".into()),
                Some("source".into()),
                Some("values.cost".into()),
                Some("values.fit".into())
            ]
        );
        assert!(m.columns.iter().all(|c| c.mapped));
        assert!(m.problems.is_empty(), "{}", m.problems);
        assert_eq!(m.warning, None);
    }

    #[test]
    fn a_map_that_names_no_column_is_a_problem() {
        let criteria = default_model();
        let maps = [parse_map("Points=values.cost", &criteria).unwrap()];
        let m = map_columns(&header_row("title,Effort\n"), &maps, &criteria);
        assert_eq!(
            m.problems.list[0].to_string(),
            "CSV: --map \"Points\"=values.cost: no column is headed \"Points\""
        );
    }

    #[test]
    fn two_columns_for_one_target_are_a_problem_except_tags_account_and_ignore() {
        let criteria = default_model();
        let header = header_row("Title,Summary,Customer,Account,Labels,Components,Effort,Cost\n");
        let m = map_columns(&header, &[], &criteria);
        assert_eq!(m.problems.len(), 2, "{}", m.problems);
        assert_eq!(
            m.problems.list[0].to_string(),
            "CSV:1:2 (header \"Summary\"): \"Title\" (column 1) and \"Summary\" (column 2) \
             both map to title; map one of them to ignore with --map"
        );
        assert_eq!((m.problems.list[1].line, m.problems.list[1].column), (1, 8));
        // Fixed by mapping one away.
        let maps = [
            parse_map("Summary=ignore", &criteria).unwrap(),
            parse_map("Effort=ignore", &criteria).unwrap(),
        ];
        let m = map_columns(&header, &maps, &criteria);
        assert!(m.problems.is_empty(), "{}", m.problems);
    }

    #[test]
    fn one_column_mapped_two_ways_is_a_problem() {
        let criteria = default_model();
        let maps = [
            parse_map("Size=values.cost", &criteria).unwrap(),
            parse_map("size=values.fit", &criteria).unwrap(),
            parse_map("SIZE=values.cost", &criteria).unwrap(),
        ];
        let m = map_columns(&header_row("title,Size\n"), &maps, &criteria);
        assert_eq!(m.problems.len(), 1, "{}", m.problems);
        assert!(m.problems.list[0].message.contains("mapped twice"));
    }

    #[test]
    fn what_repeats_and_what_is_numeric() {
        assert!(Target::Tags.may_repeat() && Target::Account.may_repeat());
        assert!(Target::Ignore.may_repeat() && !Target::Title.may_repeat());
        for t in [
            Target::Confidence,
            value("cost"),
            Target::Arr,
            Target::Count,
        ] {
            assert!(t.is_numeric(), "{t}");
        }
        for t in [Target::Deadline, Target::Id, Target::Plan, Target::Status] {
            assert!(!t.is_numeric(), "{t}");
        }
    }
}
