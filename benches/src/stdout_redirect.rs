//! Sending this process's stdout (file descriptor 1) to a file for a while:
//! the programs bench runs the JS programs in-process, and their
//! `console.log` output goes to a file, where the checksum line is checked,
//! instead of between criterion's report lines.
//!
//! Invariant: while a `StdoutRedirect` lives, fd 1 is the file; dropping it
//! flushes Rust's stdout buffer and puts the original fd 1 back.

use std::fs::File;
use std::io::{self, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};

/// The original stdout, restored on drop.
pub struct StdoutRedirect {
    saved: OwnedFd,
}

impl StdoutRedirect {
    /// Points fd 1 at `file` (after flushing what Rust's stdout holds).
    pub fn to_file(file: &File) -> io::Result<StdoutRedirect> {
        io::stdout().flush()?;
        // SAFETY: dup has no memory-safety preconditions; a non-negative
        // result is a new descriptor that we own from here on.
        let saved = unsafe { libc::dup(libc::STDOUT_FILENO) };
        if saved < 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: `saved` is a freshly duplicated descriptor owned by no one else.
        let saved = unsafe { OwnedFd::from_raw_fd(saved) };
        // SAFETY: both descriptors are open; dup2 replaces fd 1 atomically.
        if unsafe { libc::dup2(file.as_raw_fd(), libc::STDOUT_FILENO) } < 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(StdoutRedirect { saved })
    }
}

impl Drop for StdoutRedirect {
    fn drop(&mut self) {
        let _ = io::stdout().flush();
        // SAFETY: `saved` is open (we own it); dup2 restores fd 1 from it.
        unsafe {
            libc::dup2(self.saved.as_raw_fd(), libc::STDOUT_FILENO);
        }
    }
}
