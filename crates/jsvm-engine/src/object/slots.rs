//! `Slots`: the values of an object's named properties, by slot.
//!
//! The first `INLINE_SLOTS` values live inside the object; the rest live in
//! a one-pointer-wide `DenseVec`. Unlike a small vector, which moves every
//! value out once it outgrows its inline room, the inline values stay put,
//! so an object of four properties allocates room for two values, not four.
//!
//! Invariant: an unused inline slot holds `Value::Uninit`, which no
//! property ever holds, and the inline slots fill up (and empty) in order;
//! `rest` holds values only when every inline slot is used.

use super::dense::DenseVec;
use super::INLINE_SLOTS;
use crate::value::Value;

pub(crate) struct Slots {
    inline: [Value; INLINE_SLOTS],
    rest: DenseVec,
}

impl Slots {
    #[inline]
    pub const fn new() -> Slots {
        Slots {
            inline: [Value::Uninit; INLINE_SLOTS],
            rest: DenseVec::new(),
        }
    }
    /// Slots holding a copy of `values` (none of which is `Uninit`).
    #[inline]
    pub fn from_slice(values: &[Value]) -> Slots {
        debug_assert!(!values.iter().any(|v| matches!(v, Value::Uninit)));
        let mut s = Slots::new();
        let (head, tail) = values.split_at(values.len().min(INLINE_SLOTS));
        s.inline[..head.len()].copy_from_slice(head);
        if !tail.is_empty() {
            s.rest = DenseVec::from_slice(tail);
        }
        s
    }
    /// How many inline slots are used.
    #[inline]
    fn inline_len(&self) -> usize {
        self.inline
            .iter()
            .position(|v| matches!(v, Value::Uninit))
            .unwrap_or(INLINE_SLOTS)
    }
    #[inline]
    pub fn len(&self) -> usize {
        match self.rest.len() {
            0 => self.inline_len(),
            n => INLINE_SLOTS + n,
        }
    }
    #[inline]
    pub fn get(&self, i: usize) -> Option<&Value> {
        match self.inline.get(i) {
            Some(Value::Uninit) => None,
            Some(v) => Some(v),
            None => self.rest.get(i - INLINE_SLOTS),
        }
    }
    #[inline]
    pub fn get_mut(&mut self, i: usize) -> Option<&mut Value> {
        match self.inline.get_mut(i) {
            Some(Value::Uninit) => None,
            Some(v) => Some(v),
            None => self.rest.get_mut(i - INLINE_SLOTS),
        }
    }
    /// Appends `v` (not `Uninit`); growth outside the object counts toward
    /// the next collection (see `DenseVec`).
    #[inline]
    pub fn push(&mut self, v: Value) {
        debug_assert!(!matches!(v, Value::Uninit));
        if self.rest.is_empty() {
            if let Some(free) = self.inline.iter_mut().find(|x| matches!(x, Value::Uninit)) {
                *free = v;
                return;
            }
        }
        self.rest.push(v);
    }
    /// Grows (filling with `fill`) or shrinks to `n` values.
    pub fn resize(&mut self, n: usize, fill: Value) {
        let len = self.len();
        if n <= len {
            self.truncate(n);
            return;
        }
        for _ in len..n {
            self.push(fill);
        }
    }
    pub fn truncate(&mut self, n: usize) {
        match n.checked_sub(INLINE_SLOTS) {
            Some(rest) => self.rest.truncate(rest),
            None => {
                self.rest.truncate(0);
                for v in &mut self.inline[n..] {
                    *v = Value::Uninit;
                }
            }
        }
    }
    /// The values in slot order: the inline ones, then the rest.
    #[inline]
    pub fn parts(&self) -> [&[Value]; 2] {
        [&self.inline[..self.inline_len()], &self.rest]
    }
    /// The bytes of value storage outside the object.
    #[inline]
    pub fn outside_bytes(&self) -> usize {
        self.rest.capacity() * std::mem::size_of::<Value>()
    }
}

#[cfg(test)]
mod tests {
    use super::super::dense::tests::n;
    use super::*;

    fn nums(s: &Slots) -> Vec<f64> {
        super::super::dense::tests::nums(&s.parts().concat())
    }

    #[test]
    fn inline_values_stay_put_when_the_rest_spills() {
        let mut s = Slots::new();
        assert_eq!(s.len(), 0);
        assert!(s.get(0).is_none());
        for i in 0..5 {
            s.push(n(i as f64));
            assert_eq!(s.len(), i + 1);
        }
        assert_eq!(nums(&s), vec![0.0, 1.0, 2.0, 3.0, 4.0]);
        // Only the three values past the inline ones live outside.
        assert!(s.outside_bytes() < 5 * std::mem::size_of::<Value>());
        assert_eq!(s.get(4).and_then(|v| v.as_number()), Some(4.0));
        assert!(s.get(5).is_none());
        if let Some(v) = s.get_mut(1) {
            *v = n(9.0);
        }
        assert_eq!(s.get(1).and_then(|v| v.as_number()), Some(9.0));
    }

    #[test]
    fn truncate_and_resize_cross_the_inline_boundary() {
        let mut s = Slots::from_slice(&[n(1.0), n(2.0), n(3.0), n(4.0)]);
        assert_eq!(s.len(), 4);
        assert_eq!(s.outside_bytes(), 2 * std::mem::size_of::<Value>());
        s.truncate(3);
        assert_eq!(nums(&s), vec![1.0, 2.0, 3.0]);
        s.truncate(1);
        assert_eq!(nums(&s), vec![1.0]);
        s.resize(4, n(0.0));
        assert_eq!(nums(&s), vec![1.0, 0.0, 0.0, 0.0]);
        s.resize(0, n(0.0));
        assert_eq!(s.len(), 0);
        assert_eq!(Slots::from_slice(&[n(7.0)]).outside_bytes(), 0);
        assert_eq!(nums(&Slots::from_slice(&[n(7.0)])), vec![7.0]);
    }

    #[test]
    fn is_as_small_as_a_small_vector() {
        assert_eq!(
            std::mem::size_of::<Slots>(),
            INLINE_SLOTS * std::mem::size_of::<Value>() + 8
        );
    }
}
