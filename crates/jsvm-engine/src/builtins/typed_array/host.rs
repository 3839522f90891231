//! Byte access for embedders: making an ArrayBuffer or a Uint8Array out of
//! bytes the host already holds (a network chunk, encoded text) without a
//! second copy, and reading or writing the bytes a buffer source (an
//! ArrayBuffer, any TypedArray or a DataView) shows, honouring its
//! byteOffset and byteLength. The runtime's TextDecoder, TextEncoder,
//! fetch bodies and streams use these; nothing here runs JavaScript.
//!
//! Invariant: a view's bytes are always clamped to its buffer's current
//! length (a detached or out-of-bounds view shows no bytes), so a stale
//! view can never index out of range.

use crate::builtins::array_buffer::{buffer_data, bytes, bytes_mut, ArrayBufferData};
use crate::object::kind::ObjectKind;
use crate::value::{ObjId, Value};
use crate::vm::Vm;

use super::{ta_data, view_length, ElementType};

/// What kind of buffer source an object is (WebIDL `BufferSource`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BufferSourceKind {
    ArrayBuffer,
    SharedArrayBuffer,
    /// A TypedArray, with its constructor name (e.g. "Uint8Array").
    TypedArray(&'static str),
    DataView,
}

impl Vm {
    /// A new fixed-length %ArrayBuffer% of the current realm that takes
    /// ownership of `data` (no copy).
    pub fn new_array_buffer_from_bytes(&mut self, data: Vec<u8>) -> ObjId {
        self.heap.add_debt(data.len());
        let proto = self.intrinsics().array_buffer_prototype;
        let record = ArrayBufferData::fixed(data);
        self.alloc_object(ObjectKind::ArrayBuffer(Box::new(record)), Some(proto))
    }

    /// A new %Uint8Array% of the current realm viewing all of a new buffer
    /// that owns `data`.
    pub fn new_uint8_array_from_bytes(&mut self, data: Vec<u8>) -> ObjId {
        let len = data.len();
        let buffer = self.new_array_buffer_from_bytes(data);
        self.new_uint8_array_view(buffer, 0, len)
    }

    /// A new %Uint8Array% viewing `len` bytes of `buffer` from `offset`
    /// (the caller checks the range; a view past the end simply reads as
    /// out of bounds).
    pub fn new_uint8_array_view(&mut self, buffer: ObjId, offset: usize, len: usize) -> ObjId {
        let proto = self.intrinsics().typed_array_prototypes[uint8_index()];
        let d = super::TypedArrayData {
            buffer,
            ty: ElementType::Uint8,
            byte_offset: offset,
            length: Some(len),
        };
        self.alloc_object(ObjectKind::TypedArray(Box::new(d)), Some(proto))
    }

    /// The kind of buffer source `v` is, if it is one.
    pub fn buffer_source_kind(&self, v: Value) -> Option<BufferSourceKind> {
        let Value::Object(o) = v else {
            return None;
        };
        match &self.heap.obj(o).kind {
            ObjectKind::ArrayBuffer(b) if b.shared => Some(BufferSourceKind::SharedArrayBuffer),
            ObjectKind::ArrayBuffer(_) => Some(BufferSourceKind::ArrayBuffer),
            ObjectKind::TypedArray(d) => Some(BufferSourceKind::TypedArray(d.ty.name())),
            ObjectKind::DataView(_) => Some(BufferSourceKind::DataView),
            _ => None,
        }
    }

    /// The bytes a buffer source shows: all of an ArrayBuffer, the
    /// byteOffset..byteOffset+byteLength window of a view (empty when
    /// detached or out of bounds). None when `v` is not a buffer source.
    pub fn buffer_source_bytes(&self, v: Value) -> Option<&[u8]> {
        let (buffer, start, len) = self.view_window(v)?;
        let all = bytes(&self.heap, buffer);
        Some(all.get(start..start.saturating_add(len)).unwrap_or(&[]))
    }

    /// The bytes of a buffer source, writable (same window as
    /// `buffer_source_bytes`; empty for a view of an immutable buffer,
    /// whose bytes nothing may write).
    pub fn buffer_source_bytes_mut(&mut self, v: Value) -> Option<&mut [u8]> {
        let (buffer, start, len) = self.view_window(v)?;
        let all = bytes_mut(&mut self.heap, buffer);
        match all.get_mut(start..start.saturating_add(len)) {
            Some(window) => Some(window),
            None => Some(&mut []),
        }
    }

    /// True when `v` is a Uint8Array.
    pub fn is_uint8_array(&self, v: Value) -> bool {
        let Value::Object(o) = v else {
            return false;
        };
        matches!(ta_data(&self.heap, o), Some(d) if d.ty == ElementType::Uint8)
    }

    /// (buffer, byte offset, byte length) of a buffer source; a detached or
    /// out-of-bounds view gets length 0.
    fn view_window(&self, v: Value) -> Option<(ObjId, usize, usize)> {
        let Value::Object(o) = v else {
            return None;
        };
        match &self.heap.obj(o).kind {
            ObjectKind::ArrayBuffer(_) => {
                let len = buffer_data(&self.heap, o)
                    .and_then(|b| b.bytes.as_ref())
                    .map_or(0, Vec::len);
                Some((o, 0, len))
            }
            ObjectKind::TypedArray(d) => {
                let d = **d;
                let len = view_length(&self.heap, &d)
                    .and_then(|n| n.checked_mul(d.ty.size()))
                    .unwrap_or(0);
                Some((d.buffer, d.byte_offset, len))
            }
            ObjectKind::DataView(_) => {
                let (buffer, offset, len) = self.data_view_info(o)?;
                Some((buffer, offset, len))
            }
            _ => None,
        }
    }
}

/// The index of Uint8 in the intrinsics' typed array tables.
fn uint8_index() -> usize {
    ElementType::ALL
        .iter()
        .position(|&t| t == ElementType::Uint8)
        .unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use crate::builtins::support::testing::{path, vm};
    use crate::value::Value;

    #[test]
    fn views_show_their_window() {
        let mut vm = vm();
        let a = vm.new_uint8_array_from_bytes(vec![1, 2, 3, 4, 5]);
        assert_eq!(
            vm.buffer_source_bytes(Value::Object(a)),
            Some(&[1u8, 2, 3, 4, 5][..])
        );
        assert!(vm.is_uint8_array(Value::Object(a)));
        vm.eval_script(
            "var dv = new DataView(new Uint8Array([9, 8, 7, 6]).buffer, 1, 2);",
            "t.js",
        )
        .ok();
        let dv = path(&mut vm, "dv");
        assert_eq!(vm.buffer_source_bytes(dv), Some(&[8u8, 7][..]));
        assert_eq!(vm.buffer_source_bytes(Value::Number(1.0)), None);
        if let Some(w) = vm.buffer_source_bytes_mut(dv) {
            w[0] = 42;
        }
        vm.eval_script("var first = new Uint8Array(dv.buffer)[1];", "t.js")
            .ok();
        assert!(matches!(path(&mut vm, "first"), Value::Number(n) if n == 42.0));
    }

    #[test]
    fn immutable_views_show_no_writable_bytes() {
        let mut vm = vm();
        vm.eval_script(
            "var u = new Uint8Array(new Uint8Array([1, 2]).buffer.transferToImmutable());",
            "t.js",
        )
        .ok();
        let u = path(&mut vm, "u");
        assert_eq!(vm.buffer_source_bytes(u), Some(&[1u8, 2][..]));
        assert_eq!(vm.buffer_source_bytes_mut(u).map(|w| w.len()), Some(0));
    }
}
