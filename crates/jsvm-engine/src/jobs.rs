//! The job queue (ECMAScript 9.5 Jobs, HostEnqueuePromiseJob) and the
//! engine side of HostPromiseRejectionTracker (27.2.1.9): the list of
//! promises that were rejected while nothing handled them.
//!
//! Invariant: every value held by a queued job is a GC root (traced through
//! `JobQueue::trace`) until the job has run; jobs run in FIFO order. Every
//! promise in the unhandled-rejection list, and its reason, is a GC root
//! until the embedder takes it (`Vm::take_unhandled_rejections`) or a
//! handler is attached to the promise.
//! OWNER: engine-core helper (queue), promise helper (rejection tracker).

use std::collections::VecDeque;

use hashbrown::HashMap;

use crate::error::JsResult;
use crate::heap::Tracer;
use crate::value::{ObjId, RealmId, Value};
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
    /// A Rust function over `values` (e.g. a host's completion job).
    Native { f: NativeJobFn, values: Vec<Value> },
    /// A promise reaction or thenable job, with its operands inline (no
    /// allocation per job); see `builtins::promise`.
    Promise(crate::builtins::promise::PromiseJob),
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
            JobKind::Promise(j) => j.trace(t),
        }
    }
}

/// The `operation` argument of HostPromiseRejectionTracker (27.2.1.9).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RejectionOperation {
    /// A promise was rejected while it had no handler.
    Reject,
    /// A handler was attached to a rejected promise that had none.
    Handle,
}

/// The queue of pending jobs.
#[derive(Default)]
pub struct JobQueue {
    queue: VecDeque<Job>,
    /// Promises rejected without a handler, with their reasons, oldest
    /// first; `None` marks an entry removed by a later "handle" operation.
    unhandled: Vec<Option<(ObjId, Value)>>,
    /// Where each listed promise is in `unhandled`.
    unhandled_index: HashMap<ObjId, usize>,
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
        for &(p, reason) in self.unhandled.iter().flatten() {
            t.mark_object(p);
            t.mark_value(reason);
        }
    }

    /// HostPromiseRejectionTracker(promise, operation): "reject" lists the
    /// promise (with `reason`), "handle" forgets it.
    pub(crate) fn track_rejection(
        &mut self,
        promise: ObjId,
        reason: Value,
        op: RejectionOperation,
    ) {
        match op {
            RejectionOperation::Reject => {
                if let Some(&i) = self.unhandled_index.get(&promise) {
                    // A promise is rejected at most once; keep the first.
                    if self.unhandled.get(i).is_some_and(Option::is_some) {
                        return;
                    }
                }
                self.unhandled_index.insert(promise, self.unhandled.len());
                self.unhandled.push(Some((promise, reason)));
            }
            RejectionOperation::Handle => {
                if let Some(i) = self.unhandled_index.remove(&promise) {
                    if let Some(slot) = self.unhandled.get_mut(i) {
                        *slot = None;
                    }
                }
                if self.unhandled_index.is_empty() {
                    self.unhandled.clear();
                } else if self.unhandled.len() > 64
                    && self.unhandled_index.len() * 2 < self.unhandled.len()
                {
                    self.compact_unhandled();
                }
            }
        }
    }

    /// Drops the removed entries of `unhandled` and renumbers the index.
    fn compact_unhandled(&mut self) {
        self.unhandled.retain(Option::is_some);
        self.unhandled_index.clear();
        for (i, &(p, _)) in self.unhandled.iter().flatten().enumerate() {
            self.unhandled_index.insert(p, i);
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
    /// HostPromiseRejectionTracker (27.2.1.9), called by the promise
    /// built-ins.
    pub(crate) fn promise_rejection_tracker(
        &mut self,
        promise: ObjId,
        reason: Value,
        op: RejectionOperation,
    ) {
        self.jobs.track_rejection(promise, reason, op);
    }
    /// Every promise that was rejected while it had no handler and still has
    /// none, with its rejection reason, oldest first; forgets them (a
    /// handler attached later no longer matters to this list). The runtime
    /// calls this once the job queue is drained to report unhandled
    /// rejections. The returned handles are no longer rooted by the queue:
    /// root them before running JS.
    pub fn take_unhandled_rejections(&mut self) -> Vec<(ObjId, Value)> {
        self.jobs.unhandled_index.clear();
        std::mem::take(&mut self.jobs.unhandled)
            .into_iter()
            .flatten()
            .collect()
    }
    /// True when some rejected promise has no handler (see
    /// `take_unhandled_rejections`).
    pub fn has_unhandled_rejections(&self) -> bool {
        !self.jobs.unhandled_index.is_empty()
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
            let r = match job.kind {
                JobKind::Call { callee, this, args } => {
                    self.push_root(callee);
                    self.push_root(this);
                    self.roots.extend_from_slice(&args);
                    self.call(callee, this, &args).map(|_| ())
                }
                JobKind::Native { f, values } => {
                    self.roots.extend_from_slice(&values);
                    f(self, &values)
                }
                JobKind::Promise(j) => {
                    j.root(self);
                    j.run(self)
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
