//! docs/performance.md and docs/performance.svg from a comparison's
//! results: the machine and engines, a table of median wall times with each
//! engine's ratio to jsvm and geometric means, the same for CPU time, peak
//! memory per program, the "one million suspended generators" memory table,
//! the generator round trip against a call, and the notes on every run that
//! failed.
//!
//! Invariant: a ratio or a mean is computed only from pairs whose runs were
//! all OK; a failed pair shows its status (FAIL/ERR/TIMEOUT) instead.

use std::fmt::Write;

use super::engines::Engine;
use super::machine::Machine;
use super::measure::clip;
use super::svg::{ratio_chart, Series};
use super::{geomean, Cell, Plan, Results};

/// Everything the report shows.
pub struct Report<'a> {
    pub title_note: Option<&'a str>,
    pub date: String,
    pub machine: &'a Machine,
    pub load_before: Option<[f64; 3]>,
    pub load_after: Option<[f64; 3]>,
    pub plan: &'a Plan,
    pub engines: &'a [Engine],
    /// Engines asked for (or known) but not installed.
    pub missing: &'a [String],
    pub main: &'a Results,
    pub startup: Option<&'a Results>,
    pub million: Option<&'a Results>,
    /// `round_trip_generator` and `round_trip_call` (see `round_trip_table`).
    pub round_trip: Option<&'a Results>,
    /// The command that regenerates the report.
    pub command: &'a str,
    /// The chart's file name, relative to the markdown file.
    pub svg_name: &'a str,
}

/// A markdown table; the first column left-aligned, the others right.
fn table(head: &[String], rows: &[Vec<String>]) -> String {
    table_aligned(head, rows, 1)
}

/// A markdown table whose first `left` columns are left-aligned.
fn table_aligned(head: &[String], rows: &[Vec<String>], left: usize) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "| {} |", head.join(" | "));
    let aligns: Vec<&str> = (0..head.len())
        .map(|i| if i < left { ":---" } else { "---:" })
        .collect();
    let _ = writeln!(s, "| {} |", aligns.join(" | "));
    for r in rows {
        let _ = writeln!(s, "| {} |", r.join(" | "));
    }
    s
}

/// Owned copies of table headings.
fn strings(xs: &[&str]) -> Vec<String> {
    xs.iter().map(|x| x.to_string()).collect()
}

fn secs(v: f64) -> String {
    if v >= 10.0 {
        format!("{v:.1}")
    } else if v >= 1.0 {
        format!("{v:.2}")
    } else {
        format!("{v:.3}")
    }
}

fn ratio(v: f64) -> String {
    if v >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

/// What a cell shows for a metric: the median if all runs were OK, else the
/// status.
fn cell_text(cell: &Cell, value: Option<f64>) -> String {
    match (value, cell.summary()) {
        (Some(v), _) => secs(v),
        (None, Some(s)) => s.status.label().to_string(),
        (None, None) => "-".to_string(),
    }
}

/// The time table (wall or CPU) with ratios to the first engine, the
/// geomean over programs every engine passed, and pairwise geomeans.
fn time_table(results: &Results, engines: &[Engine], metric: fn(&Cell) -> Option<f64>) -> String {
    let base = engines.first().map_or("jsvm", |e| e.label.as_str());
    let mut head = vec!["program".to_string()];
    head.extend(engines.iter().map(|e| format!("{} (s)", e.label)));
    head.extend(
        engines
            .iter()
            .skip(1)
            .map(|e| format!("{} ÷ {base}", e.label)),
    );
    let mut rows = Vec::new();
    for (p, program) in results.programs.iter().enumerate() {
        let row_cells = &results.cells[p];
        let mut row = vec![program.name.clone()];
        row.extend(row_cells.iter().map(|c| cell_text(c, metric(c))));
        let b = row_cells.first().and_then(metric);
        for c in row_cells.iter().skip(1) {
            row.push(match (metric(c), b) {
                (Some(v), Some(b)) if b > 0.0 => ratio(v / b),
                _ => "-".into(),
            });
        }
        rows.push(row);
    }
    let n = results.programs.len();
    let complete: Vec<usize> = (0..n)
        .filter(|&p| results.cells[p].iter().all(|c| metric(c).is_some()))
        .collect();
    let means: Vec<Option<f64>> = (0..engines.len())
        .map(|e| {
            let xs: Vec<f64> = complete
                .iter()
                .filter_map(|&p| metric(&results.cells[p][e]))
                .collect();
            geomean(&xs)
        })
        .collect();
    let mut row = vec![format!("**geomean**, all passed ({}/{n})", complete.len())];
    row.extend(means.iter().map(|m| m.map_or("-".into(), secs)));
    for m in means.iter().skip(1) {
        row.push(match (m, means.first().copied().flatten()) {
            (Some(m), Some(b)) if b > 0.0 => format!("**{}**", ratio(m / b)),
            _ => "-".into(),
        });
    }
    rows.push(row);
    if engines.len() > 1 {
        let mut row = vec!["**geomean ratio**, pairwise (programs)".to_string()];
        row.extend(engines.iter().map(|_| String::new()));
        for e in 1..engines.len() {
            row.push(match pairwise(results, e, metric) {
                Some((g, k)) => format!("**{}** ({k})", ratio(g)),
                None => "-".into(),
            });
        }
        rows.push(row);
    }
    table(&head, &rows)
}

/// The geomean of engine `e`'s ratio to engine 0 over the programs both
/// passed, and how many those were.
fn pairwise(results: &Results, e: usize, metric: fn(&Cell) -> Option<f64>) -> Option<(f64, usize)> {
    let ratios: Vec<f64> = results
        .cells
        .iter()
        .filter_map(|row| Some(metric(row.get(e)?)? / metric(row.first()?)?))
        .collect();
    Some((geomean(&ratios)?, ratios.len()))
}

fn rss_table(results: &Results, engines: &[Engine]) -> String {
    let mut head = vec!["program".to_string()];
    head.extend(engines.iter().map(|e| format!("{} (MB)", e.label)));
    let mut rows = Vec::new();
    for (p, program) in results.programs.iter().enumerate() {
        let mut row = vec![program.name.clone()];
        for c in &results.cells[p] {
            row.push(c.summary().map_or("-".into(), |s| {
                let mark = if s.status.label() == "OK" {
                    ""
                } else {
                    " (failed)"
                };
                format!("{:.1}{mark}", s.rss_mb)
            }));
        }
        rows.push(row);
    }
    let mut row = vec!["**geomean**".to_string()];
    for e in 0..engines.len() {
        let xs: Vec<f64> = results
            .cells
            .iter()
            .filter_map(|r| r.get(e)?.summary().map(|s| s.rss_mb))
            .collect();
        row.push(geomean(&xs).map_or("-".into(), |g| format!("**{g:.1}**")));
    }
    rows.push(row);
    table(&head, &rows)
}

fn load(l: Option<[f64; 3]>) -> String {
    l.map_or("unknown".into(), |[a, b, c]| {
        format!("{a:.2} / {b:.2} / {c:.2}")
    })
}

fn million_table(m: &Results, startup: Option<&Results>, engines: &[Engine]) -> String {
    let head = strings(&[
        "engine",
        "peak RSS (MB)",
        "start-up RSS (MB)",
        "bytes per generator",
        "wall (s)",
        "status",
    ]);
    let mut rows = Vec::new();
    let Some(row) = m.cells.first() else {
        return String::new();
    };
    for (e, engine) in engines.iter().enumerate() {
        let Some(s) = row.get(e).and_then(Cell::summary) else {
            continue;
        };
        let base = startup
            .and_then(|st| st.cells.first()?.get(e)?.summary())
            .map(|b| b.rss_mb);
        let per = base.map_or("-".into(), |b| {
            format!("{:.0}", (s.rss_mb - b).max(0.0) * 1024.0 * 1024.0 / 1e6)
        });
        rows.push(vec![
            engine.label.clone(),
            format!("{:.1}", s.rss_mb),
            base.map_or("-".into(), |b| format!("{b:.1}")),
            per,
            secs(s.wall),
            s.status.label().to_string(),
        ]);
    }
    table(&head, &rows)
}

/// The operation count a round-trip program states in its checksum line
/// (`ops=N`).
fn ops_of(expected: Option<&str>) -> Option<f64> {
    let rest = expected?.split("ops=").nth(1)?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse::<f64>().ok().filter(|&n| n > 0.0)
}

/// Per engine: the time of one generator round trip and of one call
/// returning a fresh iterator result (median wall time minus start-up,
/// over the program's operation count), and their ratio.
fn round_trip_table(r: &Results, startup: Option<&Results>, engines: &[Engine]) -> String {
    let find = |name: &str| r.programs.iter().position(|p| p.name == name);
    let (Some(g), Some(c)) = (find("round_trip_generator"), find("round_trip_call")) else {
        return String::new();
    };
    let head = strings(&[
        "engine",
        "generator `it.next()` (ns)",
        "call `o.next()` (ns)",
        "generator ÷ call",
    ]);
    let mut rows = Vec::new();
    for (e, engine) in engines.iter().enumerate() {
        let base = startup
            .and_then(|st| st.cells.first()?.get(e)?.ok_wall())
            .unwrap_or(0.0);
        let per_op = |p: usize| -> Option<f64> {
            let wall = r.cells.get(p)?.get(e)?.ok_wall()?;
            let ops = ops_of(r.programs[p].expected.as_deref())?;
            Some((wall - base).max(0.0) / ops * 1e9)
        };
        let text = |p: usize, v: Option<f64>| match v {
            Some(ns) => format!("{ns:.1}"),
            None => r.cells[p]
                .get(e)
                .and_then(Cell::summary)
                .map_or("-".into(), |s| s.status.label().to_string()),
        };
        let (gv, cv) = (per_op(g), per_op(c));
        let ratio_text = match (gv, cv) {
            (Some(a), Some(b)) if b > 0.0 => format!("{:.2}", a / b),
            _ => "-".into(),
        };
        rows.push(vec![
            engine.label.clone(),
            text(g, gv),
            text(c, cv),
            ratio_text,
        ]);
    }
    table(&head, &rows)
}

fn notes(results: &Results, engines: &[Engine], out: &mut Vec<String>) {
    for (p, program) in results.programs.iter().enumerate() {
        for (e, cell) in results.cells[p].iter().enumerate() {
            let Some(s) = cell.summary() else { continue };
            if let Some(d) = s.detail {
                let failed = cell
                    .runs
                    .iter()
                    .filter(|r| r.status.label() != "OK")
                    .count();
                out.push(format!(
                    "`{}` on {}: {} in {failed} of {} run(s): {}",
                    program.name,
                    engines.get(e).map_or("?", |x| x.label.as_str()),
                    s.status.label(),
                    cell.runs.len(),
                    clip(&d, 400).replace('|', "\\|")
                ));
            }
        }
    }
}

impl Report<'_> {
    /// The markdown document.
    pub fn markdown(&self) -> String {
        let mut s = String::new();
        let engines = self.engines;
        let base = engines.first().map_or("jsvm", |e| e.label.as_str());
        let _ = writeln!(s, "# Performance\n");
        let _ = writeln!(
            s,
            "<!-- Generated by jsvm-bench (benches/src/bin/jsvm-bench.rs); edits are lost on regeneration. -->\n"
        );
        let _ = writeln!(
            s,
            "jsvm against other engines on the JavaScript benchmark programs of \
             `../shared/bench` (described in its README), measured on {}. Regenerate with:\n",
            self.date
        );
        let _ = writeln!(s, "```sh\n{}\n```\n", self.command);
        if let Some(note) = self.title_note {
            let _ = writeln!(s, "> **Note.** {note}\n");
        }
        let _ = writeln!(
            s,
            "Each program ran {} time(s) per engine{}, the engines interleaved run by run; \
             a run counts only if it exits with status 0 and prints the program's checksum \
             line from `expected.txt`. Times are medians of wall-clock seconds from spawn to \
             exit (start-up included); CPU time is user + system; memory is the peak \
             resident set size (`wait4`'s `ru_maxrss`). A ratio is the engine's time divided by \
             {base}'s: above 1 the engine is slower than {base}, below 1 faster.\n",
            self.plan.runs,
            if self.plan.warmup > 0 {
                format!(" after {} untimed warm-up run(s)", self.plan.warmup)
            } else {
                String::new()
            }
        );

        let _ = writeln!(s, "## Machine\n");
        let rows = vec![
            vec!["CPU".into(), self.machine.cpu.clone()],
            vec!["logical cores".into(), self.machine.cores.to_string()],
            vec!["memory".into(), self.machine.memory.clone()],
            vec!["OS".into(), self.machine.os.clone()],
            vec![
                "load average (1/5/15 min) before → after".into(),
                format!("{} → {}", load(self.load_before), load(self.load_after)),
            ],
            vec!["date".into(), self.date.clone()],
        ];
        s.push_str(&table_aligned(&["".into(), "".into()], &rows, 2));
        s.push('\n');

        let _ = writeln!(s, "## Engines\n");
        let mut head = strings(&["engine", "version", "command"]);
        if self.startup.is_some() {
            head.push("start-up (s)".into());
            head.push("start-up RSS (MB)".into());
        }
        let mut rows = Vec::new();
        for (e, engine) in engines.iter().enumerate() {
            let mut row = vec![
                engine.label.clone(),
                engine.version.clone(),
                format!("`{}`", engine.command.join(" ")),
            ];
            if let Some(st) = self.startup {
                let sum = st.cells.first().and_then(|r| r.get(e)?.summary());
                row.push(sum.as_ref().map_or("-".into(), |x| secs(x.wall)));
                row.push(
                    sum.as_ref()
                        .map_or("-".into(), |x| format!("{:.1}", x.rss_mb)),
                );
            }
            rows.push(row);
        }
        s.push_str(&table_aligned(&head, &rows, 3));
        if engines.iter().any(|e| e.label.contains("(py)")) {
            let _ = writeln!(
                s,
                "\n`quickjs-ng (py)` is QuickJS-ng inside PyPI's `quickjs-ng` wheel, which \
                 ships the engine as a Python extension and no `qjs` program. \
                 `benches/qjs_runner.py` gives it console, timers and an event loop, so every \
                 promise job is run by a call from Python (`execute_pending_job`) and every \
                 console.log crosses into Python: the job-heavy programs pay for that, and its \
                 memory includes the Python interpreter (see its start-up RSS)."
            );
        }
        for m in self.missing {
            let _ = writeln!(s, "\nNot measured: {m}.");
        }
        s.push('\n');

        let _ = writeln!(s, "## Running time\n");
        let _ = writeln!(
            s,
            "Median wall-clock seconds. The first geomean row covers the programs every \
             engine passed; the pairwise row covers, for each engine, the programs both it \
             and {base} passed (their count in brackets).\n"
        );
        s.push_str(&time_table(self.main, engines, Cell::ok_wall));
        let _ = writeln!(s, "\n![Time ratios to {base}]({})\n", self.svg_name);
        let _ = writeln!(s, "## CPU time\n");
        let _ = writeln!(
            s,
            "Median user + system CPU seconds: less disturbed than wall time when the machine \
             is shared, but blind to time spent waiting (the timer programs sleep).\n"
        );
        s.push_str(&time_table(self.main, engines, Cell::ok_cpu));
        s.push('\n');
        let _ = writeln!(s, "## Peak memory\n");
        let _ = writeln!(s, "Median peak RSS in MB (a failed pair is marked).\n");
        s.push_str(&rss_table(self.main, engines));
        s.push('\n');

        if let Some(m) = self.million {
            let _ = writeln!(s, "## One million live suspended generators\n");
            let _ = writeln!(
                s,
                "`benches/js/million_generators.js` creates 1e6 generators, advances each \
                 to its first `yield` and keeps them all in an array, then resumes every \
                 1000th twice. Bytes per generator = (peak RSS − start-up RSS) / 1e6: the \
                 suspended frame, the generator object, its array slot and whatever garbage \
                 the collector had not reclaimed at the peak.\n"
            );
            s.push_str(&million_table(m, self.startup, engines));
            s.push('\n');
        }

        if let Some(r) = self.round_trip {
            let _ = writeln!(
                s,
                "## Generator round trip against a call
"
            );
            let _ = writeln!(
                s,
                "`benches/js/round_trip_generator.js` calls `it.next()` on a suspended \
                 generator that yields the next count; `benches/js/round_trip_call.js` calls \
                 `o.next()` on a plain object whose method returns a fresh `{{ value, done }}` \
                 with the next count: the same work as a call. Time per operation = (median \
                 wall time − start-up time) / operations. A ratio below 1 means a generator \
                 round trip is cheaper than the call in that engine.\n"
            );
            s.push_str(&round_trip_table(r, self.startup, engines));
            s.push('\n');
        }

        let mut failures = Vec::new();
        notes(self.main, engines, &mut failures);
        for r in [self.million, self.round_trip].into_iter().flatten() {
            notes(r, engines, &mut failures);
        }
        if let Some(st) = self.startup {
            notes(st, engines, &mut failures);
        }
        let _ = writeln!(s, "## Notes on failures\n");
        if failures.is_empty() {
            let _ = writeln!(
                s,
                "Every run of every engine printed its expected checksum."
            );
        } else {
            for f in failures {
                let _ = writeln!(s, "- {f}");
            }
        }
        s
    }

    /// The chart of wall-time ratios, with the pairwise geomean as the last
    /// group.
    pub fn svg(&self) -> String {
        let engines = self.engines;
        let base = engines.first().map_or("jsvm", |e| e.label.as_str());
        let mut categories: Vec<String> =
            self.main.programs.iter().map(|p| p.name.clone()).collect();
        categories.push("geomean (pairwise)".into());
        let series = (1..engines.len())
            .map(|e| {
                let mut values: Vec<Option<f64>> = self
                    .main
                    .cells
                    .iter()
                    .map(|row| Some(row.get(e)?.ok_wall()? / row.first()?.ok_wall()?))
                    .collect();
                values.push(pairwise(self.main, e, Cell::ok_wall).map(|(g, _)| g));
                Series {
                    label: engines[e].label.clone(),
                    values,
                }
            })
            .collect::<Vec<_>>();
        ratio_chart(
            &format!("Wall time relative to {base} (log scale; left of 1: faster than {base})"),
            &format!(
                "Median of {} run(s) per engine, {}",
                self.plan.runs, self.date
            ),
            &categories,
            &series,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::super::measure::{RunResult, Status};
    use super::*;
    use crate::programs::Program;
    use std::path::PathBuf;
    use std::time::Duration;

    fn engine(label: &str) -> Engine {
        Engine {
            key: "jsvm",
            label: label.into(),
            command: vec![label.into()],
            version: "1".into(),
        }
    }

    fn cell(status: Status, wall: f64, kb: u64) -> Cell {
        Cell {
            runs: vec![RunResult {
                status,
                wall,
                cpu: wall,
                max_rss_kb: kb,
                detail: if status == Status::Ok {
                    String::new()
                } else {
                    "exit 1; x | y".into()
                },
            }],
        }
    }

    fn program(name: &str) -> Program {
        Program {
            name: name.into(),
            path: PathBuf::from(format!("{name}.js")),
            expected: Some(String::new()),
        }
    }

    #[test]
    fn tables_ratios_and_notes() {
        let engines = [engine("jsvm"), engine("node")];
        let main = Results {
            programs: vec![program("fib"), program("gen")],
            cells: vec![
                vec![cell(Status::Ok, 2.0, 10240), cell(Status::Ok, 1.0, 20480)],
                vec![cell(Status::Ok, 4.0, 10240), cell(Status::Err, 1.0, 20480)],
            ],
        };
        let million = Results {
            programs: vec![program("million_generators")],
            cells: vec![vec![
                cell(Status::Ok, 3.0, 500 * 1024),
                cell(Status::Ok, 1.0, 250 * 1024),
            ]],
        };
        let startup = Results {
            programs: vec![program("startup")],
            cells: vec![vec![
                cell(Status::Ok, 0.01, 10 * 1024),
                cell(Status::Ok, 0.04, 40 * 1024),
            ]],
        };
        let mut gen = program("round_trip_generator");
        gen.expected = Some("round_trip_generator: ops=1000000 sum=1".into());
        let mut call = program("round_trip_call");
        call.expected = Some("round_trip_call: ops=1000000 sum=1".into());
        let round_trip = Results {
            programs: vec![call, gen],
            cells: vec![
                vec![cell(Status::Ok, 0.11, 1), cell(Status::Ok, 0.54, 1)],
                vec![cell(Status::Ok, 0.09, 1), cell(Status::Fail, 0.5, 1)],
            ],
        };
        let plan = Plan {
            runs: 1,
            warmup: 0,
            timeout: Duration::from_secs(1),
        };
        let machine = Machine {
            cpu: "cpu".into(),
            cores: 2,
            memory: "1 GiB".into(),
            os: "os".into(),
        };
        let report = Report {
            title_note: Some("under load"),
            date: "2025-01-01 00:00 UTC".into(),
            machine: &machine,
            load_before: None,
            load_after: Some([1.0, 2.0, 3.0]),
            plan: &plan,
            engines: &engines,
            missing: &["boa: not installed".to_string()],
            main: &main,
            startup: Some(&startup),
            million: Some(&million),
            round_trip: Some(&round_trip),
            command: "jsvm-bench",
            svg_name: "performance.svg",
        };
        let md = report.markdown();
        assert!(md.contains("| fib | 2.00 | 1.00 | 0.50 |"), "{md}");
        assert!(md.contains("| gen | 4.00 | ERR | - |"), "{md}");
        assert!(md.contains("all passed (1/2)"), "{md}");
        assert!(md.contains("**0.50** (1)"), "{md}");
        // (500 - 10) MB over a million generators.
        assert!(md.contains("| jsvm | 500.0 | 10.0 | 514 |"), "{md}");
        assert!(
            md.contains("`gen` on node: ERR in 1 of 1 run(s): exit 1; x \\| y"),
            "{md}"
        );
        assert!(md.contains("Not measured: boa: not installed."));
        // (0.09 - 0.01) s and (0.11 - 0.01) s over a million operations.
        assert!(md.contains("| jsvm | 80.0 | 100.0 | 0.80 |"), "{md}");
        assert!(md.contains("| node | FAIL | 500.0 | - |"), "{md}");
        let svg = report.svg();
        assert_eq!(svg.matches("<title>").count(), 2, "{svg}");
    }
}
