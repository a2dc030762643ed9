//! The summary sheet (biểu tổng hợp): counts per chi bộ at each rating
//! level, shares of those rated, totals, and the ceiling on "hoàn thành
//! xuất sắc": no more than 20% of the number rated "hoàn thành tốt"
//! (QĐ 366-QĐ/TW Điều 11; annual-review.md §0), flagged where exceeded.

use serde_yaml::Value;

use super::Rating;
use super::data::Row;

/// The ceiling on HTXSNV as a share of HTTNV.
pub const CEILING: f64 = 0.20;

/// Counts for one chi bộ (or the total).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// Chi bộ name ("Tổng cộng" for the total).
    pub unit: String,
    /// Members listed.
    pub members: usize,
    /// Members with a rating.
    pub rated: usize,
    /// HTXSNV, HTTNV, HTNV, KHTNV.
    pub levels: [usize; 4],
}

impl Counts {
    /// Whether HTXSNV exceeds 20% of HTTNV.
    pub fn over_ceiling(&self) -> bool {
        self.levels[0] as f64 > CEILING * self.levels[1] as f64
    }

    /// The share of `n` among those rated, "12,5" (Vietnamese decimal comma).
    pub fn share(&self, n: usize) -> String {
        if self.rated == 0 {
            return String::new();
        }
        format!("{:.1}", 100.0 * n as f64 / self.rated as f64).replace('.', ",")
    }

    fn cells(&self) -> Vec<Value> {
        let mut cells =
            vec![Value::from(self.unit.clone()), self.members.to_string().into(), self.rated.to_string().into()];
        for &n in &self.levels {
            cells.push(n.to_string().into());
            cells.push(self.share(n).into());
        }
        cells.push(if self.over_ceiling() { "HTXSNV vượt 20% số HTTNV" } else { "" }.into());
        cells
    }
}

/// Per-unit counts in order of first appearance, and the total.
pub fn count(rows: &[Row]) -> (Vec<Counts>, Counts) {
    let mut units: Vec<Counts> = Vec::new();
    let mut total = Counts { unit: "Tổng cộng".into(), ..Counts::default() };
    for row in rows {
        let unit = row.get("chi_bo").map_or("", |s| s.trim());
        let i = match units.iter().position(|u| u.unit == unit) {
            Some(i) => i,
            None => {
                units.push(Counts { unit: unit.to_string(), ..Counts::default() });
                units.len() - 1
            }
        };
        let rating = row.get("xep_loai").and_then(|r| Rating::parse(r));
        for c in [&mut units[i], &mut total] {
            c.members += 1;
            if let Some(r) = rating {
                c.rated += 1;
                c.levels[r as usize] += 1;
            }
        }
    }
    (units, total)
}

/// Put the counts into the first table of the document tree.
pub fn fill_table(tree: &mut Value, units: &[Counts], total: &Counts) -> bool {
    let Some(table) = find_table(tree) else { return false };
    let rows: Vec<Value> = units.iter().map(|u| Value::Sequence(u.cells())).collect();
    table.insert("rows".into(), Value::Sequence(rows));
    table.insert("total".into(), Value::Sequence(total.cells()));
    true
}

fn find_table(v: &mut Value) -> Option<&mut serde_yaml::Mapping> {
    match v {
        Value::Mapping(m) => {
            if m.contains_key("table") {
                return m.get_mut("table").and_then(Value::as_mapping_mut);
            }
            m.iter_mut().find_map(|(_, v)| find_table(v))
        }
        Value::Sequence(items) => items.iter_mut().find_map(find_table),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(unit: &str, rating: &str) -> Row {
        [("chi_bo".to_string(), unit.to_string()), ("xep_loai".to_string(), rating.to_string())].into()
    }

    /// The small data set, counted by hand: A has 2 HTXSNV against 1
    /// HTTNV (over the ceiling), B has 1 HTTNV and 1 KHTNV.
    #[test]
    fn counts_shares_and_ceiling_by_hand() {
        let rows = [
            row("A", "HTXSNV"),
            row("A", "HTXSNV"),
            row("A", "HTTNV"),
            row("A", "HTNV"),
            row("B", "HTTNV"),
            row("B", "KHTNV"),
        ];
        let (units, total) = count(&rows);
        assert_eq!(units[0].levels, [2, 1, 1, 0]);
        assert_eq!(units[0].share(2), "50,0");
        assert!(units[0].over_ceiling());
        assert_eq!(units[1].levels, [0, 1, 0, 1]);
        assert!(!units[1].over_ceiling());
        assert_eq!((total.members, total.rated, total.levels), (6, 6, [2, 2, 1, 1]));
        assert_eq!(total.share(1), "16,7");
        assert!(total.over_ceiling(), "2 > 20% of 2");
    }

    #[test]
    fn unrated_members_count_but_have_no_share() {
        let (units, _) = count(&[row("A", ""), row("A", "HTTNV")]);
        assert_eq!((units[0].members, units[0].rated), (2, 1));
        assert_eq!(units[0].share(1), "100,0");
    }
}
