//! `DenseVec`: the dense element vector of an object, one pointer wide.
//!
//! Most objects have no elements, so the vector keeps its length and
//! capacity in its allocation (a header before the values) instead of in
//! the object: an empty vector is a null pointer and costs the object 8
//! bytes instead of a `Vec`'s 24.
//!
//! Invariant: when `ptr` is `Some`, it points to an allocation made with
//! `layout(cap)` holding a `Header { len, cap }` followed by `cap` values,
//! of which the first `len` are initialized. `Value` is `Copy` (no drop
//! glue), so values are never dropped, only overwritten.

use std::alloc::{alloc, dealloc, handle_alloc_error, realloc, Layout};
use std::ptr::NonNull;

use crate::value::Value;

#[repr(C)]
struct Header {
    len: u32,
    cap: u32,
}

/// Bytes before the first value (the header, padded to a value's
/// alignment).
const DATA_OFFSET: usize = {
    let a = std::mem::align_of::<Value>();
    let h = std::mem::size_of::<Header>();
    h.div_ceil(a) * a
};

/// The smallest capacity a vector grows to.
const MIN_CAP: usize = 2;

/// The layout of an allocation holding `cap` values (None when too large).
fn layout(cap: usize) -> Option<Layout> {
    let bytes = cap
        .checked_mul(std::mem::size_of::<Value>())?
        .checked_add(DATA_OFFSET)?;
    let align = std::mem::align_of::<Value>().max(std::mem::align_of::<Header>());
    Layout::from_size_align(bytes, align).ok()
}

#[cold]
fn capacity_overflow() -> ! {
    panic!("element vector too large")
}

/// A growable vector of values, one pointer wide (see the module comment).
#[derive(Default)]
pub(crate) struct DenseVec {
    ptr: Option<NonNull<Header>>,
}

// SAFETY: a `DenseVec` owns its allocation exclusively (like a `Vec`) and
// `Value` is plain data, so it may move to and be shared with another
// thread.
unsafe impl Send for DenseVec {}
// SAFETY: as above; `&DenseVec` gives only shared reads.
unsafe impl Sync for DenseVec {}

impl DenseVec {
    pub const fn new() -> DenseVec {
        DenseVec { ptr: None }
    }
    /// A vector holding a copy of `values`, with no spare capacity.
    pub fn from_slice(values: &[Value]) -> DenseVec {
        let mut v = DenseVec::new();
        if !values.is_empty() {
            v.grow_to(values.len());
            // SAFETY: `grow_to` made room for `values.len()` values; the
            // new allocation cannot alias `values`.
            unsafe { std::ptr::copy_nonoverlapping(values.as_ptr(), v.data(), values.len()) };
            v.set_len(values.len());
        }
        v
    }
    #[inline]
    fn header(&self) -> Option<&Header> {
        // SAFETY: `ptr` points to a live, initialized header (invariant).
        self.ptr.map(|p| unsafe { &*p.as_ptr() })
    }
    #[inline]
    pub fn len(&self) -> usize {
        self.header().map_or(0, |h| h.len as usize)
    }
    #[inline]
    pub fn capacity(&self) -> usize {
        self.header().map_or(0, |h| h.cap as usize)
    }
    #[inline]
    fn data(&self) -> *mut Value {
        match self.ptr {
            // SAFETY: the values start `DATA_OFFSET` bytes into the
            // allocation (invariant).
            Some(p) => unsafe { p.as_ptr().cast::<u8>().add(DATA_OFFSET).cast::<Value>() },
            None => NonNull::dangling().as_ptr(),
        }
    }
    /// Sets the length (the first `n` values must be initialized and
    /// `n <= capacity`).
    #[inline]
    fn set_len(&mut self, n: usize) {
        if let Some(p) = self.ptr {
            debug_assert!(n <= self.capacity());
            // SAFETY: `ptr` points to a live header we own exclusively.
            unsafe { (*p.as_ptr()).len = n as u32 };
        }
    }
    /// Makes room for `total` values, growing geometrically.
    fn reserve_total(&mut self, total: usize) {
        let cap = self.capacity();
        if total <= cap {
            return;
        }
        if total > u32::MAX as usize {
            capacity_overflow();
        }
        self.grow_to(
            total
                .max(cap.saturating_mul(2))
                .max(MIN_CAP)
                .min(u32::MAX as usize),
        );
    }
    /// Reallocates to hold exactly `new_cap` values (at least the length).
    fn grow_to(&mut self, new_cap: usize) {
        let cap = self.capacity();
        let len = self.len() as u32;
        if new_cap > u32::MAX as usize {
            capacity_overflow();
        }
        let Some(new_layout) = layout(new_cap) else {
            capacity_overflow();
        };
        let raw = match self.ptr {
            // SAFETY: the new layout has a non-zero size.
            None => unsafe { alloc(new_layout) },
            Some(p) => match layout(cap) {
                // SAFETY: `p` was allocated with `old` (invariant); the
                // new size is non-zero and fits `isize` (checked by
                // `Layout::from_size_align`).
                Some(old) => unsafe { realloc(p.as_ptr().cast::<u8>(), old, new_layout.size()) },
                None => capacity_overflow(),
            },
        };
        let Some(p) = NonNull::new(raw.cast::<Header>()) else {
            handle_alloc_error(new_layout);
        };
        crate::heap::external::note(new_cap.saturating_sub(cap) * std::mem::size_of::<Value>());
        // SAFETY: `p` is a live allocation of at least a header's size.
        unsafe {
            p.as_ptr().write(Header {
                len,
                cap: new_cap as u32,
            })
        };
        self.ptr = Some(p);
    }
    pub fn push(&mut self, v: Value) {
        let len = self.len();
        self.reserve_total(len + 1);
        // SAFETY: `len < capacity` after the reserve.
        unsafe { self.data().add(len).write(v) };
        self.set_len(len + 1);
    }
    pub fn pop(&mut self) -> Option<Value> {
        let len = self.len();
        if len == 0 {
            return None;
        }
        // SAFETY: value `len - 1` is initialized.
        let v = unsafe { self.data().add(len - 1).read() };
        self.set_len(len - 1);
        Some(v)
    }
    pub fn truncate(&mut self, n: usize) {
        if n < self.len() {
            self.set_len(n);
        }
    }
    /// Grows (filling with `fill`) or shrinks to `n` values.
    pub fn resize(&mut self, n: usize, fill: Value) {
        let len = self.len();
        if n <= len {
            self.truncate(n);
            return;
        }
        self.reserve_total(n);
        for i in len..n {
            // SAFETY: `i < n <= capacity`.
            unsafe { self.data().add(i).write(fill) };
        }
        self.set_len(n);
    }
    pub fn extend_from_slice(&mut self, values: &[Value]) {
        let len = self.len();
        self.replace_range(len, len, values);
    }
    /// Removes and returns value `i`, shifting the rest down (None when out
    /// of range).
    pub fn remove(&mut self, i: usize) -> Option<Value> {
        let v = *self.get(i)?;
        self.replace_range(i, i + 1, &[]);
        Some(v)
    }
    /// Replaces the values `start..end` with `items` (like `Vec::splice`).
    /// Out-of-range bounds are clamped.
    pub fn replace_range(&mut self, start: usize, end: usize, items: &[Value]) {
        let len = self.len();
        let end = end.min(len);
        let start = start.min(end);
        let new_len = len - (end - start) + items.len();
        if new_len == len && items.is_empty() {
            return;
        }
        self.reserve_total(new_len);
        let base = self.data();
        // SAFETY: after the reserve the allocation holds `new_len` values;
        // the tail `end..len` is initialized and moves to
        // `start + items.len()..new_len`; `items` cannot alias our buffer
        // (we hold `&mut self`).
        unsafe {
            std::ptr::copy(base.add(end), base.add(start + items.len()), len - end);
            std::ptr::copy_nonoverlapping(items.as_ptr(), base.add(start), items.len());
        }
        self.set_len(new_len);
    }
}

impl Drop for DenseVec {
    fn drop(&mut self) {
        if let (Some(p), Some(l)) = (self.ptr, layout(self.capacity())) {
            // SAFETY: `p` was allocated with this layout (invariant).
            unsafe { dealloc(p.as_ptr().cast::<u8>(), l) };
        }
    }
}

impl std::ops::Deref for DenseVec {
    type Target = [Value];
    #[inline]
    fn deref(&self) -> &[Value] {
        // SAFETY: the first `len` values are initialized (invariant); an
        // empty vector gives a dangling, aligned pointer with length 0.
        unsafe { std::slice::from_raw_parts(self.data(), self.len()) }
    }
}

impl std::ops::DerefMut for DenseVec {
    #[inline]
    fn deref_mut(&mut self) -> &mut [Value] {
        // SAFETY: as for `deref`, and we hold the only reference.
        unsafe { std::slice::from_raw_parts_mut(self.data(), self.len()) }
    }
}

impl std::fmt::Debug for DenseVec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn n(x: f64) -> Value {
        Value::Number(x)
    }
    /// The values as numbers (NaN for any other value), for comparisons.
    pub(crate) fn nums(values: &[Value]) -> Vec<f64> {
        values
            .iter()
            .map(|x| x.as_number().unwrap_or(f64::NAN))
            .collect()
    }

    #[test]
    fn is_one_pointer_wide() {
        assert_eq!(std::mem::size_of::<DenseVec>(), 8);
    }

    #[test]
    fn push_pop_resize_truncate() {
        let mut v = DenseVec::new();
        assert!(v.is_empty());
        assert_eq!(v.pop().map(|_| ()), None);
        for i in 0..100 {
            v.push(n(i as f64));
        }
        assert_eq!(v.len(), 100);
        assert!(v.capacity() >= 100);
        assert_eq!(v[57].as_number(), Some(57.0));
        assert_eq!(v.pop().and_then(|x| x.as_number()), Some(99.0));
        v.truncate(3);
        assert_eq!(nums(&v), vec![0.0, 1.0, 2.0]);
        v.resize(5, n(9.0));
        assert_eq!(nums(&v), vec![0.0, 1.0, 2.0, 9.0, 9.0]);
        v.resize(1, n(0.0));
        assert_eq!(nums(&v), vec![0.0]);
        v[0] = n(4.0);
        assert_eq!(nums(&v), vec![4.0]);
    }

    #[test]
    fn splicing() {
        let mut v = DenseVec::from_slice(&[n(1.0), n(2.0), n(3.0)]);
        assert_eq!(v.capacity(), 3);
        v.replace_range(0, 0, &[n(0.0)]);
        assert_eq!(nums(&v), vec![0.0, 1.0, 2.0, 3.0]);
        v.replace_range(1, 3, &[n(7.0)]);
        assert_eq!(nums(&v), vec![0.0, 7.0, 3.0]);
        assert_eq!(v.remove(0).and_then(|x| x.as_number()), Some(0.0));
        assert!(v.remove(5).is_none());
        v.extend_from_slice(&[n(8.0), n(9.0)]);
        assert_eq!(nums(&v), vec![7.0, 3.0, 8.0, 9.0]);
        v.replace_range(1, 100, &[]);
        assert_eq!(nums(&v), vec![7.0]);
        v.reverse();
        assert_eq!(DenseVec::from_slice(&[]).capacity(), 0);
    }
}
