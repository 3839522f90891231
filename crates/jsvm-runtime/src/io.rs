//! The I/O completion queue (DESIGN.md, The event loop): worker threads
//! (fetch's HTTP requests and body reads) post *completions* — closures
//! that carry plain Rust data (ids, bytes, errors), never JavaScript
//! values — to one channel; the event loop's poll phase waits on that
//! channel until the next timer is due and runs each completion on the JS
//! thread, where it settles promises and feeds streams.
//!
//! *Referenced* operations keep the loop alive (like libuv's active,
//! referenced handles): a fetch waiting for its response, a body read the
//! program is waiting for. An operation nobody waits on (an unread body)
//! does not hold the program open.
//!
//! Invariant: completions run only on the JS thread, from the event loop,
//! one at a time, each followed by a microtask drain; `refs` counts the
//! referenced operations started and not yet finished, and every
//! `add_ref` is matched by exactly one `release_ref`.

use std::sync::mpsc::{channel, Receiver, Sender};
use std::time::Duration;

use jsvm_engine::error::JsResult;
use jsvm_engine::vm::Vm;

use crate::host::with_host;

/// Work for the JS thread, posted by a worker.
pub type Completion = Box<dyn FnOnce(&mut Vm) -> JsResult<()> + Send>;

pub struct Io {
    tx: Sender<Completion>,
    rx: Receiver<Completion>,
    /// Referenced operations in flight.
    refs: usize,
    /// The clock is virtual (`--virtual-time`): with no I/O in flight the
    /// loop jumps to the next timer instead of waiting.
    virtual_time: bool,
}

impl Default for Io {
    fn default() -> Io {
        let (tx, rx) = channel();
        Io {
            tx,
            rx,
            refs: 0,
            virtual_time: false,
        }
    }
}

/// Records whether the runtime's clock is virtual.
pub fn set_virtual_time(on: bool) {
    with_host(|h| h.io.virtual_time = on);
}

/// True when the runtime's clock is virtual.
pub fn virtual_time() -> bool {
    with_host(|h| h.io.virtual_time)
}

/// A sender for a worker thread to post completions with.
pub fn sender() -> Sender<Completion> {
    with_host(|h| h.io.tx.clone())
}

/// An operation the loop must wait for has started.
pub fn add_ref() {
    with_host(|h| h.io.refs += 1);
}

/// A referenced operation has finished.
pub fn release_ref() {
    with_host(|h| h.io.refs = h.io.refs.saturating_sub(1));
}

/// True while a referenced operation is in flight.
pub fn has_refed() -> bool {
    with_host(|h| h.io.refs > 0)
}

/// A completion that is ready now, if any.
pub fn try_take() -> Option<Completion> {
    with_host(|h| h.io.rx.try_recv().ok())
}

/// Waits for a completion: up to `timeout`, or for as long as it takes
/// when `None`. None when the time ran out.
pub fn wait(timeout: Option<Duration>) -> Option<Completion> {
    with_host(|h| match timeout {
        Some(t) => h.io.rx.recv_timeout(t).ok(),
        // The host keeps a sender, so this cannot disconnect.
        None => h.io.rx.recv().ok(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completions_from_other_threads_arrive_in_order() {
        let tx = sender();
        let t = std::thread::spawn(move || {
            for i in 0..3 {
                let c: Completion = Box::new(move |_vm| {
                    assert!(i < 3);
                    Ok(())
                });
                let _ = tx.send(c);
            }
        });
        let _ = t.join();
        let mut n = 0;
        while wait(Some(Duration::from_millis(1))).is_some() {
            n += 1;
        }
        assert_eq!(n, 3);
        assert!(try_take().is_none());
        add_ref();
        assert!(has_refed());
        release_ref();
        assert!(!has_refed());
    }
}
