//! A row's value for one criterion from its `values.<c>` and `values.<c>.low|likely|high`
//! cells (§4 "Ranges"): the three points together make a range, `.likely` alone a plain
//! number, and anything else in between is a problem rather than a guess.

/// What a row's cells say a criterion's value is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ValueCells {
    Number(f64),
    Range { low: f64, likely: f64, high: f64 },
}

/// Combines the numbers read from a row's cells for `criterion` (None: the cell is empty
/// or its column is not mapped). Ok(None): the row says nothing about it.
pub fn combine_value(
    criterion: &str,
    plain: Option<f64>,
    low: Option<f64>,
    likely: Option<f64>,
    high: Option<f64>,
) -> Result<Option<ValueCells>, String> {
    match (plain, low, likely, high) {
        (None, None, None, None) => Ok(None),
        (Some(x), None, None, None) | (None, None, Some(x), None) => {
            Ok(Some(ValueCells::Number(x)))
        }
        (Some(_), ..) => Err(format!(
            "values.{criterion} and its range points are both given; give one or the other"
        )),
        (None, Some(low), Some(likely), Some(high)) => {
            if low <= likely && likely <= high {
                Ok(Some(ValueCells::Range { low, likely, high }))
            } else {
                Err(format!(
                    "values.{criterion} must have low ≤ likely ≤ high, found low {low}, likely \
                     {likely}, high {high}"
                ))
            }
        }
        (None, low, likely, high) => {
            let missing: Vec<&str> = [("low", low), ("likely", likely), ("high", high)]
                .into_iter()
                .filter(|(_, x)| x.is_none())
                .map(|(point, _)| point)
                .collect();
            Err(format!(
                "a range needs low, likely and high: values.{criterion}.{} {} empty",
                missing.join(format!(" and values.{criterion}.").as_str()),
                if missing.len() == 1 { "is" } else { "are" }
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_points_make_a_range_and_likely_alone_a_number() {
        assert_eq!(combine_value("cost", None, None, None, None), Ok(None));
        assert_eq!(
            combine_value("cost", Some(3.0), None, None, None),
            Ok(Some(ValueCells::Number(3.0)))
        );
        assert_eq!(
            combine_value("cost", None, None, Some(5.0), None),
            Ok(Some(ValueCells::Number(5.0)))
        );
        assert_eq!(
            combine_value("cost", None, Some(2.0), Some(3.0), Some(8.0)),
            Ok(Some(ValueCells::Range {
                low: 2.0,
                likely: 3.0,
                high: 8.0
            }))
        );
        assert_eq!(
            combine_value("cost", None, Some(3.0), Some(3.0), Some(3.0)),
            Ok(Some(ValueCells::Range {
                low: 3.0,
                likely: 3.0,
                high: 3.0
            }))
        );
    }

    #[test]
    fn a_partial_range_names_what_is_missing() {
        assert_eq!(
            combine_value("cost", None, Some(2.0), Some(3.0), None),
            Err("a range needs low, likely and high: values.cost.high is empty".into())
        );
        assert_eq!(
            combine_value("cost", None, Some(2.0), None, None),
            Err(
                "a range needs low, likely and high: values.cost.likely and values.cost.high \
                 are empty"
                    .into()
            )
        );
        assert_eq!(
            combine_value("fit", None, None, None, Some(9.0)),
            Err(
                "a range needs low, likely and high: values.fit.low and values.fit.likely are \
                 empty"
                    .into()
            )
        );
    }

    #[test]
    fn a_range_out_of_order_or_beside_a_plain_value_is_a_problem() {
        assert_eq!(
            combine_value("cost", None, Some(5.0), Some(3.0), Some(8.0)),
            Err("values.cost must have low ≤ likely ≤ high, found low 5, likely 3, high 8".into())
        );
        assert!(combine_value("cost", Some(1.0), None, Some(3.0), None)
            .unwrap_err()
            .contains("both given"));
        assert!(combine_value("cost", Some(1.0), Some(1.0), Some(3.0), Some(4.0)).is_err());
    }
}
