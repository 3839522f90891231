//! The job queue (ECMAScript 9.5 Jobs, HostEnqueuePromiseJob).
//!
//! Invariant: every value held by a queued job is a GC root (traced through
//! `JobQueue::trace`) until the job has run; jobs run in FIFO order.
//! OWNER: engine-core helper.

use std::collections::VecDeque;

use crate::error::JsResult;
use crate::heap::Tracer;
use crate::value::{RealmId, Value};
use crate::vm::Vm;

/// A job implemented in Rust: receives the job's values.
pub type NativeJobFn = fn(&mut Vm, &[Value]) -> JsResult<()>;

/// What a job does.
pub enum JobKind {
    /// Call(callee, this, args); the result is discarded.
    Call {
        callee: Value,
        this: Value,
        args: Vec<Value>,
    },
    /// A Rust function over `values` (e.g. a promise reaction job).
    Native { f: NativeJobFn, values: Vec<Value> },
}

/// One queued job and the realm it runs in (None: the current one).
pub struct Job {
    pub kind: JobKind,
    pub realm: Option<RealmId>,
}

impl Job {
    fn trace(&self, t: &mut Tracer) {
        match &self.kind {
            JobKind::Call { callee, this, args } => {
                t.mark_value(*callee);
                t.mark_value(*this);
                for v in args {
                    t.mark_value(*v);
                }
            }
            JobKind::Native { values, .. } => {
                for v in values {
                    t.mark_value(*v);
                }
            }
        }
    }
}

/// The queue of pending jobs.
#[derive(Default)]
pub struct JobQueue {
    queue: VecDeque<Job>,
}

impl JobQueue {
    pub fn new() -> JobQueue {
        JobQueue::default()
    }
    pub fn is_empty(&self) -> bool {
        self.queue.is_empty()
    }
    pub fn len(&self) -> usize {
        self.queue.len()
    }
    pub(crate) fn trace(&self, t: &mut Tracer) {
        for j in &self.queue {
            j.trace(t);
        }
    }
}

impl Vm {
    /// HostEnqueuePromiseJob / HostEnqueueGenericJob: appends a job.
    pub fn enqueue_job(&mut self, job: Job) {
        self.jobs.queue.push_back(job);
    }
    /// Appends a `Call(callee, this, args)` job (e.g. queueMicrotask).
    pub fn enqueue_call_job(&mut self, callee: Value, this: Value, args: Vec<Value>) {
        self.enqueue_job(Job {
            kind: JobKind::Call { callee, this, args },
            realm: None,
        });
    }
    /// Appends a native job.
    pub fn enqueue_native_job(&mut self, f: NativeJobFn, values: Vec<Value>) {
        self.enqueue_job(Job {
            kind: JobKind::Native { f, values },
            realm: None,
        });
    }
    /// True when jobs are pending.
    pub fn has_pending_jobs(&self) -> bool {
        !self.jobs.is_empty()
    }
    /// Runs the oldest job, if any (Ok(false) when the queue was empty).
    pub fn run_one_job(&mut self) -> JsResult<bool> {
        let Some(job) = self.jobs.queue.pop_front() else {
            return Ok(false);
        };
        let base = self.roots_len();
        let r = {
            let saved = self.current_realm;
            if let Some(realm) = job.realm {
                self.current_realm = realm;
            }
            let r = match &job.kind {
                JobKind::Call { callee, this, args } => {
                    self.push_root(*callee);
                    self.push_root(*this);
                    self.roots.extend_from_slice(args);
                    self.call(*callee, *this, args).map(|_| ())
                }
                JobKind::Native { f, values } => {
                    self.roots.extend_from_slice(values);
                    f(self, values)
                }
            };
            self.current_realm = saved;
            r
        };
        self.truncate_roots(base);
        // ClearKeptObjects (9.10.3) once the job's synchronous run is over.
        self.kept_alive.clear();
        r.map(|_| true)
    }
}
