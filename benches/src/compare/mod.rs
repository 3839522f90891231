//! The engine comparison behind `jsvm-bench`: runs every benchmark program
//! on every installed engine, several times with the engines interleaved
//! run by run (so a drift in machine speed touches all of them alike),
//! checks each run's checksum line, and summarizes each (program, engine)
//! pair by its medians: wall time, CPU time and peak RSS. `report` turns
//! the result into docs/performance.md and `svg` into the chart.
//!
//! Invariant: a pair's times count only when all its runs were OK; after an
//! ERR or a TIMEOUT the pair is not run again (its note says why).

pub mod engines;
pub mod machine;
pub mod measure;
pub mod report;
pub mod svg;

use std::path::Path;
use std::time::Duration;

use crate::programs::Program;
use engines::Engine;
use measure::{run_once, RunResult, Scratch, Status};

/// How to run the comparison.
#[derive(Clone, Debug)]
pub struct Plan {
    /// Timed runs per program and engine.
    pub runs: usize,
    /// Untimed runs per program and engine before the timed ones.
    pub warmup: usize,
    pub timeout: Duration,
}

/// All runs of one program on one engine.
#[derive(Clone, Debug, Default)]
pub struct Cell {
    pub runs: Vec<RunResult>,
}

/// A cell reduced to medians.
#[derive(Clone, Debug)]
pub struct Summary {
    /// OK only if every run was OK; else the worst status seen.
    pub status: Status,
    pub wall: f64,
    pub cpu: f64,
    pub rss_mb: f64,
    /// The first failed run's description.
    pub detail: Option<String>,
}

impl Cell {
    pub fn summary(&self) -> Option<Summary> {
        if self.runs.is_empty() {
            return None;
        }
        let status = self
            .runs
            .iter()
            .map(|r| r.status)
            .max()
            .unwrap_or(Status::Err);
        let walls: Vec<f64> = self.runs.iter().map(|r| r.wall).collect();
        let cpus: Vec<f64> = self.runs.iter().map(|r| r.cpu).collect();
        let rss: Vec<f64> = self
            .runs
            .iter()
            .map(|r| r.max_rss_kb as f64 / 1024.0)
            .collect();
        Some(Summary {
            status,
            wall: median(&walls),
            cpu: median(&cpus),
            rss_mb: median(&rss),
            detail: self
                .runs
                .iter()
                .find(|r| r.status != Status::Ok)
                .map(|r| r.detail.clone()),
        })
    }

    /// The median wall time if every run was OK.
    pub fn ok_wall(&self) -> Option<f64> {
        self.summary()
            .filter(|s| s.status == Status::Ok)
            .map(|s| s.wall)
    }

    /// The median CPU time if every run was OK.
    pub fn ok_cpu(&self) -> Option<f64> {
        self.summary()
            .filter(|s| s.status == Status::Ok)
            .map(|s| s.cpu)
    }
}

/// The runs of a set of programs on a set of engines.
#[derive(Clone, Debug)]
pub struct Results {
    pub programs: Vec<Program>,
    /// `cells[p][e]`: program `p` on engine `e`.
    pub cells: Vec<Vec<Cell>>,
}

/// The median of `xs` (0 for none).
pub fn median(xs: &[f64]) -> f64 {
    let mut v: Vec<f64> = xs.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// The geometric mean of positive `xs` (None for none).
pub fn geomean(xs: &[f64]) -> Option<f64> {
    let v: Vec<f64> = xs
        .iter()
        .copied()
        .filter(|x| x.is_finite() && *x > 0.0)
        .collect();
    if v.is_empty() {
        return None;
    }
    Some((v.iter().map(|x| x.ln()).sum::<f64>() / v.len() as f64).exp())
}

/// Runs every program on every engine, `plan.runs` times each, interleaved;
/// `progress` hears about each run.
pub fn run_all(
    programs: &[Program],
    engines: &[Engine],
    plan: &Plan,
    progress: &mut dyn FnMut(&Program, &Engine, &RunResult),
) -> std::io::Result<Results> {
    let scratch = Scratch::new()?;
    let mut cells = Vec::with_capacity(programs.len());
    for program in programs {
        let mut row: Vec<Cell> = vec![Cell::default(); engines.len()];
        let mut stopped = vec![false; engines.len()];
        let run = |engine: &Engine| {
            run_once(
                &engine.command,
                &program.path,
                program.expected.as_deref(),
                plan.timeout,
                &scratch,
            )
        };
        for (ei, engine) in engines.iter().enumerate() {
            for _ in 0..plan.warmup {
                let r = run(engine);
                if matches!(r.status, Status::Err | Status::Timeout) {
                    stopped[ei] = true;
                    row[ei].runs.push(r);
                    break;
                }
            }
        }
        for _ in 0..plan.runs {
            for (ei, engine) in engines.iter().enumerate() {
                if stopped[ei] {
                    continue;
                }
                let r = run(engine);
                progress(program, engine, &r);
                if matches!(r.status, Status::Err | Status::Timeout) {
                    stopped[ei] = true;
                }
                row[ei].runs.push(r);
            }
        }
        cells.push(row);
    }
    Ok(Results {
        programs: programs.to_vec(),
        cells,
    })
}

/// A one-line program that prints a checksum, written to `dir`: the
/// engines' start-up cost and resting memory.
pub fn startup_program(dir: &Path) -> std::io::Result<Program> {
    let path = dir.join("startup.js");
    std::fs::write(&path, "console.log(\"startup: \" + (6 * 7));\n")?;
    Ok(Program {
        name: "startup".into(),
        path,
        expected: Some("startup: 42".into()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_and_geomeans() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), 2.5);
        assert_eq!(median(&[]), 0.0);
        let g = geomean(&[1.0, 4.0]).unwrap_or(0.0);
        assert!((g - 2.0).abs() < 1e-12);
        assert_eq!(geomean(&[]), None);
    }

    fn result(status: Status, wall: f64) -> RunResult {
        RunResult {
            status,
            wall,
            cpu: wall / 2.0,
            max_rss_kb: 2048,
            detail: if status == Status::Ok {
                String::new()
            } else {
                "bad".into()
            },
        }
    }

    #[test]
    fn a_cell_is_ok_only_if_every_run_was() {
        let ok = Cell {
            runs: vec![
                result(Status::Ok, 1.0),
                result(Status::Ok, 3.0),
                result(Status::Ok, 2.0),
            ],
        };
        assert_eq!(ok.ok_wall(), Some(2.0));
        assert_eq!(ok.ok_cpu(), Some(1.0));
        let s = ok.summary().unwrap_or_else(|| panic!("no summary"));
        assert_eq!(s.rss_mb, 2.0);
        let mixed = Cell {
            runs: vec![result(Status::Ok, 1.0), result(Status::Fail, 3.0)],
        };
        assert_eq!(mixed.ok_wall(), None);
        let s = mixed.summary().unwrap_or_else(|| panic!("no summary"));
        assert_eq!(s.status, Status::Fail);
        assert_eq!(s.detail.as_deref(), Some("bad"));
        assert!(Cell::default().summary().is_none());
    }
}
