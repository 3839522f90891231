//! The runtime's clock: real (a monotonic `Instant` plus the wall clock at
//! start) or virtual (`--virtual-time`: time stands still while JavaScript
//! runs and jumps straight to the next due timer when nothing is runnable).
//!
//! Invariant: every time the runtime shows a program (timer start times,
//! `performance.now()`, `process.hrtime()`, the virtual `Date.now()`) comes
//! from one `Clock`, so in virtual mode they all agree and never go
//! backwards.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

#[derive(Debug)]
pub struct Clock {
    /// The time origin (`performance.timeOrigin`), monotonic.
    origin: Instant,
    /// Milliseconds since the Unix epoch at `origin`.
    wall_origin_ms: f64,
    /// `Some(ms since origin)` in virtual mode.
    virtual_ms: Option<f64>,
}

impl Clock {
    pub fn new(virtual_time: bool) -> Clock {
        let wall_origin_ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs_f64() * 1000.0)
            .unwrap_or(0.0);
        Clock {
            origin: Instant::now(),
            wall_origin_ms,
            virtual_ms: virtual_time.then_some(0.0),
        }
    }

    /// The event loop's time in whole milliseconds since the origin (what
    /// libuv's `uv_now` gives Node's timers after `uv_update_time`).
    pub fn loop_now(&self) -> f64 {
        match self.virtual_ms {
            Some(ms) => ms,
            None => self.origin.elapsed().as_millis() as f64,
        }
    }

    /// `performance.now()`: fractional milliseconds since the origin.
    pub fn precise_now(&self) -> f64 {
        match self.virtual_ms {
            Some(ms) => ms,
            None => self.origin.elapsed().as_secs_f64() * 1000.0,
        }
    }

    /// Nanoseconds since the origin (`process.hrtime`).
    pub fn nanos_now(&self) -> u128 {
        match self.virtual_ms {
            Some(ms) => (ms * 1e6) as u128,
            None => self.origin.elapsed().as_nanos(),
        }
    }

    /// Milliseconds since the Unix epoch (`performance.timeOrigin`).
    pub fn time_origin(&self) -> f64 {
        self.wall_origin_ms
    }

    /// `Date.now()` in virtual mode: the wall clock at start plus the
    /// virtual time elapsed, in whole milliseconds.
    pub fn wall_now(&self) -> f64 {
        (self.wall_origin_ms + self.precise_now()).floor()
    }

    /// Blocks until the loop time (whole milliseconds) reaches `due` (real
    /// mode), or moves the virtual clock forward to it (never backwards).
    pub fn wait_until(&mut self, due: f64) {
        let target = due.ceil();
        match &mut self.virtual_ms {
            Some(ms) => {
                if target > *ms {
                    *ms = target;
                }
            }
            None => {
                let now = self.origin.elapsed().as_secs_f64() * 1000.0;
                if target > now {
                    std::thread::sleep(Duration::from_secs_f64((target - now) / 1000.0));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn virtual_clock_jumps_forward_only() {
        let mut c = Clock::new(true);
        assert_eq!(c.loop_now(), 0.0);
        c.wait_until(10.5);
        assert_eq!(c.loop_now(), 11.0);
        c.wait_until(3.0);
        assert_eq!(c.loop_now(), 11.0);
        assert_eq!(c.precise_now(), 11.0);
        assert_eq!(c.nanos_now(), 11_000_000);
    }

    #[test]
    fn real_clock_sleeps_until_due() {
        let mut c = Clock::new(false);
        let t = c.loop_now();
        c.wait_until(t + 4.5);
        assert!(c.loop_now() >= t + 5.0);
    }
}
