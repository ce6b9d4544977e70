#!/usr/bin/env python3
"""Writes jira-backlog.csv: a PM's whole backlog (150 issues) as Jira's "Export CSV (all
fields)" writes it, for tests/import_csv.rs.

The shape of jira-export.csv (hand-written, 7 issues), at the size a real backlog has:
`Summary`, `Issue key`, `Issue id`, `Issue Type`, `Status` (Jira's workflow names, with
"In Review", which Thresh does not know), `Priority`, `Due date` as `dd/MMM/yy h:mm AM`,
three `Labels` columns, `Custom field (Story Points)`, `Custom field (Epic Link)`, two
`Custom field (Customers)` columns (a multi-select field, one column per value), a
`Description` with commas, doubled quotes and line breaks, and `Created`. UTF-8 without a
BOM, LF line ends. The companies are invented.

Deterministic: a fixed linear congruential generator, not `random`, so the bytes do not
depend on the Python version. Run from any folder:
`python3 tests/data/csv/generate_jira_backlog.py`.
"""

from pathlib import Path

HERE = Path(__file__).resolve().parent
ISSUES = 150


class Lcg:
    """Numerical Recipes' 32-bit LCG: enough to vary a test file, stable forever."""

    def __init__(self, seed: int) -> None:
        self.state = seed

    def below(self, n: int) -> int:
        self.state = (1664525 * self.state + 1013904223) % 2**32
        return (self.state >> 8) % n

    def pick(self, items):
        return items[self.below(len(items))]


VERBS = ["Offline mode for", "Bulk edit of", "Export of", "Photo annotations on",
         "Reminders for", "Audit trail for", "Templates for", "Search in",
         "Approval flow for", "Mobile view of", "Sync of", "Permissions on"]
OBJECTS = ["job reports", "work orders", "timesheets", "invoices", "checklists",
           "asset records", "technician schedules", "customer signatures",
           "spare-parts stock", "site inspections", "service contracts",
           "safety forms", "route plans"]
STATUSES = ["To Do"] * 5 + ["Backlog"] * 5 + ["Selected for Development"] * 2 + \
    ["In Progress"] * 2 + ["In Review", "Done", "Won't Do"]
PRIORITIES = ["Highest", "High", "Medium", "Medium", "Low"]
LABELS = ["mobile", "offline", "dispatch", "integrations", "payroll", "security",
          "reporting", "enterprise", "sso", "maps", "compliance"]
POINTS = ["1", "2", "3", "5", "8", "13", "21", ""]
EPICS = ["FSM-300", "FSM-310", "FSM-320", "FSM-330", "FSM-340", "FSM-350", ""]
CUSTOMERS = ["Northgrid Utilities", "Halvorsen Facility Services", "Kestrel Water",
             "Meridian Health Partners", "Solberg Elevators", "Tamarack Energy",
             "Brightwater Housing", "Osprey Telecom", "Vantage Rail", "Cobalt Mining",
             "Lindqvist Property", "Harbourside Hospitals"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
          "Dec"]


def quote(cell: str) -> str:
    if any(c in cell for c in ',"\n'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def jira_date(rng: Lcg, year: int) -> str:
    hour = rng.below(12) + 1
    return (f"{rng.below(28) + 1:02d}/{rng.pick(MONTHS)}/{year % 100:02d} "
            f"{hour}:{rng.below(60):02d} {rng.pick(['AM', 'PM'])}")


def main() -> None:
    rng = Lcg(2027)
    header = ["Summary", "Issue key", "Issue id", "Issue Type", "Status", "Priority",
              "Due date", "Labels", "Labels", "Labels", "Custom field (Story Points)",
              "Custom field (Epic Link)", "Custom field (Customers)",
              "Custom field (Customers)", "Description", "Created"]
    lines = [",".join(header)]
    for n in range(ISSUES):
        key = 401 + n
        summary = f"{VERBS[n % len(VERBS)]} {OBJECTS[(n * 7) % len(OBJECTS)]}"
        if n % 11 == 0:
            summary += ", phase 2"
        labels = [rng.pick(LABELS) for _ in range(rng.below(4))]
        labels = list(dict.fromkeys(labels)) + [""] * 3
        customers = list(dict.fromkeys(rng.pick(CUSTOMERS) for _ in range(rng.below(3))))
        customers += [""] * 2
        due = jira_date(rng, 2027) if rng.below(3) > 0 else ""
        description = f"Asked for by {n % 5 + 1} teams; see the notes."
        if n % 13 == 0:
            description = ("Phase 1 shipped in 2026.\nPhase 2: \"soft\" vs \"hard\" limits, "
                           "as the pilot crews asked.")
        row = [summary, f"FSM-{key}", str(10000 + key), rng.pick(["Story", "Story", "Epic",
                                                              "Bug"]),
               rng.pick(STATUSES), rng.pick(PRIORITIES), due, *labels[:3],
               rng.pick(POINTS), rng.pick(EPICS), *customers[:2], description,
               jira_date(rng, 2026)]
        lines.append(",".join(quote(cell) for cell in row))
    (HERE / "jira-backlog.csv").write_text("\n".join(lines) + "\n", encoding="utf-8",
                                           newline="\n")


main()
