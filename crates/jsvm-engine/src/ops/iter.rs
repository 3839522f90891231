//! Iterator operations (ECMAScript 7.4).

use super::IteratorRecord;
use crate::atom::atoms;
use crate::error::{JsError, JsResult};
use crate::value::{ObjId, PropertyKey, Value};
use crate::vm::Vm;

impl Vm {
    /// GetIterator(obj, sync) (7.4.3).
    pub fn get_iterator(&mut self, v: Value) -> JsResult<IteratorRecord> {
        let it = self.symbols.iterator;
        let Some(m) = self.get_method(v, PropertyKey::Symbol(it))? else {
            return Err(JsError::type_error(format!(
                "{} is not iterable",
                self.display_value(v)
            )));
        };
        self.get_iterator_from_method(v, m)
    }

    /// GetIteratorFromMethod(obj, method) (7.4.2).
    pub fn get_iterator_from_method(
        &mut self,
        v: Value,
        method: Value,
    ) -> JsResult<IteratorRecord> {
        let iterator = self.call(method, v, &[])?;
        let Value::Object(io) = iterator else {
            return Err(JsError::type_error(
                "Result of the Symbol.iterator method is not an object",
            ));
        };
        let base = self.roots_len();
        self.push_root(iterator);
        let next = self.get(io, PropertyKey::Atom(atoms::NEXT), iterator);
        self.truncate_roots(base);
        Ok(IteratorRecord {
            iterator: io,
            next_method: next?,
            done: false,
        })
    }

    /// IteratorNext (7.4.4): the result object.
    pub fn iterator_next(
        &mut self,
        rec: &mut IteratorRecord,
        value: Option<Value>,
    ) -> JsResult<ObjId> {
        let r = match value {
            None => self.call(rec.next_method, Value::Object(rec.iterator), &[]),
            Some(v) => self.call(rec.next_method, Value::Object(rec.iterator), &[v]),
        };
        let r = match r {
            Ok(r) => r,
            Err(e) => {
                rec.done = true;
                return Err(e);
            }
        };
        match r {
            Value::Object(o) => Ok(o),
            _ => {
                rec.done = true;
                Err(JsError::type_error(format!(
                    "Iterator result {} is not an object",
                    self.display_value(r)
                )))
            }
        }
    }

    /// IteratorStepValue: Some(value) or None when done.
    pub fn iterator_step_value(&mut self, rec: &mut IteratorRecord) -> JsResult<Option<Value>> {
        let result = self.iterator_next(rec, None)?;
        let base = self.roots_len();
        self.push_root(Value::Object(result));
        let r = (|| {
            let done = match self.get(
                result,
                PropertyKey::Atom(atoms::DONE),
                Value::Object(result),
            ) {
                Ok(d) => self.to_boolean(d),
                Err(e) => {
                    rec.done = true;
                    return Err(e);
                }
            };
            if done {
                rec.done = true;
                return Ok(None);
            }
            match self.get(
                result,
                PropertyKey::Atom(atoms::VALUE),
                Value::Object(result),
            ) {
                Ok(v) => Ok(Some(v)),
                Err(e) => {
                    rec.done = true;
                    Err(e)
                }
            }
        })();
        self.truncate_roots(base);
        r
    }

    /// IteratorClose(iteratorRecord, completion) (7.4.11): with `Err` the
    /// original error wins over anything `return()` does. A handle inside
    /// an `Ok` completion must be rooted by the caller.
    pub fn iterator_close<T>(
        &mut self,
        rec: &IteratorRecord,
        completion: JsResult<T>,
    ) -> JsResult<T> {
        let base = self.roots_len();
        if let Err(JsError::Throw(v)) = &completion {
            self.push_root(*v);
        }
        let it = Value::Object(rec.iterator);
        let inner = match self.get_method(it, PropertyKey::Atom(atoms::RETURN)) {
            Ok(None) => {
                self.truncate_roots(base);
                return completion;
            }
            Ok(Some(ret)) => self.call(ret, it, &[]),
            Err(e) => Err(e),
        };
        self.truncate_roots(base);
        if completion.is_err() {
            // A termination from return() still wins.
            if let Err(e) = &inner {
                if !e.is_catchable() {
                    return Err(e.clone());
                }
            }
            return completion;
        }
        match inner {
            Err(e) => Err(e),
            Ok(Value::Object(_)) => completion,
            Ok(_) => Err(JsError::type_error(
                "iterator.return() did not return an object",
            )),
        }
    }

    /// IteratorToList(GetIterator(v)).
    pub fn iterate_to_list(&mut self, v: Value) -> JsResult<Vec<Value>> {
        let mut rec = self.get_iterator(v)?;
        let base = self.roots_len();
        self.push_root(Value::Object(rec.iterator));
        self.push_root(rec.next_method);
        let mut out = Vec::new();
        let r = loop {
            match self.iterator_step_value(&mut rec) {
                Ok(Some(x)) => {
                    self.push_root(x);
                    out.push(x);
                }
                Ok(None) => break Ok(out),
                Err(e) => break Err(e),
            }
        };
        self.truncate_roots(base);
        r
    }

    /// CreateIterResultObject(value, done) (7.4.14).
    /// The object is made directly with its final shape (`value` then
    /// `done`, both plain data properties).
    pub fn create_iter_result(&mut self, value: Value, done: bool) -> ObjId {
        let proto = self.intrinsics().object_prototype;
        let shape = self.heap.shapes.common.iter_result;
        self.alloc_with_shape(
            crate::object::ObjectKind::Ordinary,
            Some(proto),
            shape,
            &[value, Value::Boolean(done)],
        )
    }
}
