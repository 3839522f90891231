//! Type conversion (ECMAScript 7.1) and testing/comparison (7.2).

use super::PreferredType;
use crate::atom::{atoms, Atom};
use crate::error::{JsError, JsResult};
use crate::object::ObjectKind;
use crate::string::Repr;
use crate::value::{ObjId, PropertyKey, StrId, Value};
use crate::vm::Vm;

impl Vm {
    // ---- 7.1 Type conversion ----

    /// ToPrimitive (7.1.1).
    pub fn to_primitive(&mut self, v: Value, hint: PreferredType) -> JsResult<Value> {
        let Value::Object(_) = v else {
            return Ok(v);
        };
        let tp = self.symbols.to_primitive;
        if let Some(exotic) = self.get_method(v, PropertyKey::Symbol(tp))? {
            let h = match hint {
                PreferredType::Default => atoms::DEFAULT,
                PreferredType::String => atoms::STRING,
                PreferredType::Number => atoms::NUMBER,
            };
            let hv = Value::String(self.atom_string(h));
            let r = self.call(exotic, v, &[hv])?;
            if r.is_object() {
                return Err(JsError::type_error(
                    "Cannot convert object to primitive value",
                ));
            }
            return Ok(r);
        }
        let hint = match hint {
            PreferredType::String => PreferredType::String,
            _ => PreferredType::Number,
        };
        self.ordinary_to_primitive(v, hint)
    }

    /// OrdinaryToPrimitive (7.1.1.1).
    pub fn ordinary_to_primitive(&mut self, v: Value, hint: PreferredType) -> JsResult<Value> {
        let Value::Object(o) = v else {
            return Ok(v);
        };
        let names = if hint == PreferredType::String {
            [atoms::TO_STRING, atoms::VALUE_OF]
        } else {
            [atoms::VALUE_OF, atoms::TO_STRING]
        };
        for name in names {
            let m = self.get(o, PropertyKey::Atom(name), v)?;
            if self.is_callable(m) {
                let r = self.call(m, v, &[])?;
                if !r.is_object() {
                    return Ok(r);
                }
            }
        }
        Err(JsError::type_error(
            "Cannot convert object to primitive value",
        ))
    }

    /// ToBoolean (7.1.2).
    pub fn to_boolean(&self, v: Value) -> bool {
        match v {
            Value::Undefined | Value::Null | Value::Uninit => false,
            Value::Boolean(b) => b,
            Value::Number(n) => !(n == 0.0 || n.is_nan()),
            Value::String(s) => !self.heap.string(s).is_empty(),
            Value::BigInt(b) => !crate::bigint::is_zero(b),
            Value::Symbol(_) | Value::Object(_) => true,
        }
    }

    /// ToNumber (7.1.4).
    pub fn to_number(&mut self, v: Value) -> JsResult<f64> {
        match v {
            Value::Number(n) => Ok(n),
            Value::Undefined | Value::Uninit => Ok(f64::NAN),
            Value::Null => Ok(0.0),
            Value::Boolean(b) => Ok(if b { 1.0 } else { 0.0 }),
            Value::String(s) => Ok(self.string_to_number(s)),
            Value::Symbol(_) => Err(JsError::type_error(
                "Cannot convert a Symbol value to a number",
            )),
            Value::BigInt(_) => Err(JsError::type_error(
                "Cannot convert a BigInt value to a number",
            )),
            Value::Object(_) => {
                let p = self.to_primitive(v, PreferredType::Number)?;
                self.to_number(p)
            }
        }
    }

    /// StringToNumber (7.1.4.1.1).
    pub fn string_to_number(&self, s: StrId) -> f64 {
        if let crate::string::StrView::Latin1(b) = self.heap.str(s) {
            if let Some(n) = small_decimal_integer(b) {
                return n;
            }
        }
        self.with_units(s, crate::num::string_to_number)
    }

    /// ToNumeric (7.1.3): a `Value::Number` or a `Value::BigInt`.
    pub fn to_numeric(&mut self, v: Value) -> JsResult<Value> {
        let p = match v {
            Value::Number(_) | Value::BigInt(_) => return Ok(v),
            Value::Object(_) => self.to_primitive(v, PreferredType::Number)?,
            _ => v,
        };
        match p {
            Value::BigInt(_) => Ok(p),
            _ => Ok(Value::Number(self.to_number(p)?)),
        }
    }

    /// ToBigInt (7.1.13).
    pub fn to_bigint(&mut self, v: Value) -> JsResult<crate::value::BigIntValue> {
        let prim = self.to_primitive(v, PreferredType::Number)?;
        match prim {
            Value::BigInt(b) => Ok(b),
            Value::Boolean(b) => Ok(crate::value::BigIntValue::Pos(b as u64)),
            Value::String(s) => {
                let units = self.heap.str(s).to_units();
                crate::bigint::string_to_bigint(&mut self.heap, &units).ok_or_else(|| {
                    JsError::syntax_error(format!(
                        "Cannot convert {} to a BigInt",
                        String::from_utf16_lossy(&units)
                    ))
                })
            }
            Value::Undefined | Value::Uninit => {
                Err(JsError::type_error("Cannot convert undefined to a BigInt"))
            }
            Value::Null => Err(JsError::type_error("Cannot convert null to a BigInt")),
            Value::Number(n) => Err(JsError::type_error(format!(
                "Cannot convert {} to a BigInt",
                crate::num::number_to_string(n)
            ))),
            Value::Symbol(_) => Err(JsError::type_error(
                "Cannot convert a Symbol value to a BigInt",
            )),
            Value::Object(_) => Err(JsError::type_error("Cannot convert object to a BigInt")),
        }
    }

    /// StringToBigInt (7.1.14) of a heap string (`None`: not a
    /// StringIntegerLiteral).
    pub fn string_to_bigint(&mut self, s: StrId) -> Option<crate::value::BigIntValue> {
        let units = self.heap.str(s).to_units();
        crate::bigint::string_to_bigint(&mut self.heap, &units)
    }

    /// BigInt::toString(b, radix) as a heap string.
    pub fn bigint_to_str(&mut self, b: crate::value::BigIntValue, radix: u32) -> StrId {
        let s = crate::bigint::to_string_radix(&self.heap, b, radix);
        self.new_string(&s)
    }

    /// The decimal digits of a BigInt (e.g. for display: add the `n`).
    pub fn bigint_to_rust_string(&self, b: crate::value::BigIntValue) -> String {
        crate::bigint::to_string_radix(&self.heap, b, 10)
    }

    /// ToString (7.1.17) as a heap string.
    pub fn to_string(&mut self, v: Value) -> JsResult<StrId> {
        match v {
            Value::String(s) => Ok(s),
            Value::Undefined | Value::Uninit => Ok(self.atom_string(atoms::UNDEFINED)),
            Value::Null => Ok(self.atom_string(atoms::NULL)),
            Value::Boolean(true) => Ok(self.atom_string(atoms::TRUE)),
            Value::Boolean(false) => Ok(self.atom_string(atoms::FALSE)),
            Value::Number(n) => Ok(self.number_to_str(n)),
            Value::BigInt(b) => Ok(self.bigint_to_str(b, 10)),
            Value::Symbol(_) => Err(JsError::type_error(
                "Cannot convert a Symbol value to a string",
            )),
            Value::Object(_) => {
                let p = self.to_primitive(v, PreferredType::String)?;
                self.to_string(p)
            }
        }
    }

    /// Number::toString(n, 10) as a heap string.
    pub fn number_to_str(&mut self, n: f64) -> StrId {
        if (0.0..10.0).contains(&n) && n.fract() == 0.0 && !(n == 0.0 && n.is_sign_negative()) {
            return self.unit_string(b'0' as u16 + n as u16);
        }
        if n == 0.0 {
            return self.unit_string(b'0' as u16);
        }
        if n.fract() == 0.0 && n.abs() < 1e15 {
            let mut buf = [0u8; 20];
            let digits = crate::string::integer_digits(n as i64, &mut buf);
            return self.new_string_latin1(digits);
        }
        let s = crate::num::number_to_string(n);
        self.new_string(&s)
    }

    /// ToObject (7.1.18).
    pub fn to_object(&mut self, v: Value) -> JsResult<ObjId> {
        let (kind, proto) = match v {
            Value::Object(o) => return Ok(o),
            Value::Undefined | Value::Null | Value::Uninit => {
                return Err(JsError::type_error(
                    "Cannot convert undefined or null to object",
                ))
            }
            Value::Boolean(b) => (ObjectKind::Boolean(b), self.intrinsics().boolean_prototype),
            Value::Number(n) => (ObjectKind::Number(n), self.intrinsics().number_prototype),
            Value::String(s) => (ObjectKind::String(s), self.intrinsics().string_prototype),
            Value::Symbol(s) => (ObjectKind::Symbol(s), self.intrinsics().symbol_prototype),
            Value::BigInt(b) => (ObjectKind::BigInt(b), self.intrinsics().bigint_prototype),
        };
        Ok(self.alloc_object(kind, Some(proto)))
    }

    /// The prototype a primitive's properties are looked up on (GetV).
    pub(crate) fn primitive_prototype(&mut self, v: Value) -> JsResult<ObjId> {
        let i = self.intrinsics();
        match v {
            Value::Boolean(_) => Ok(i.boolean_prototype),
            Value::Number(_) => Ok(i.number_prototype),
            Value::String(_) => Ok(i.string_prototype),
            Value::Symbol(_) => Ok(i.symbol_prototype),
            Value::BigInt(_) => Ok(i.bigint_prototype),
            Value::Object(o) => Ok(o),
            _ => Err(JsError::type_error(format!(
                "Cannot read properties of {}",
                if v.is_null() { "null" } else { "undefined" }
            ))),
        }
    }

    /// ToPropertyKey (7.1.19).
    pub fn to_property_key(&mut self, v: Value) -> JsResult<PropertyKey> {
        match v {
            Value::String(s) => Ok(self.string_to_key(s)),
            Value::Symbol(s) => Ok(PropertyKey::Symbol(s)),
            Value::Number(n) => {
                if let Some(i) = crate::num::as_array_index(n) {
                    return Ok(PropertyKey::Index(i));
                }
                let s = self.number_to_str(n);
                Ok(self.string_to_key(s))
            }
            _ => {
                let p = self.to_primitive(v, PreferredType::String)?;
                if let Value::Symbol(s) = p {
                    return Ok(PropertyKey::Symbol(s));
                }
                let s = self.to_string(p)?;
                Ok(self.string_to_key(s))
            }
        }
    }

    /// ToIntegerOrInfinity (7.1.5).
    #[inline]
    pub fn to_integer_or_infinity(&mut self, v: Value) -> JsResult<f64> {
        let n = match v {
            Value::Number(n) => n,
            _ => self.to_number(v)?,
        };
        Ok(integer_part(n))
    }

    /// ToLength (7.1.20).
    pub fn to_length(&mut self, v: Value) -> JsResult<f64> {
        let len = self.to_integer_or_infinity(v)?;
        if len <= 0.0 {
            return Ok(0.0);
        }
        Ok(len.min(9_007_199_254_740_991.0))
    }

    /// ToIndex (7.1.22).
    pub fn to_index(&mut self, v: Value) -> JsResult<f64> {
        let i = self.to_integer_or_infinity(v)?;
        if !(0.0..=9_007_199_254_740_991.0).contains(&i) {
            return Err(JsError::range_error("Invalid index"));
        }
        Ok(i + 0.0)
    }

    /// ToInt32 (7.1.6).
    #[inline]
    pub fn to_int32(&mut self, v: Value) -> JsResult<i32> {
        let n = match v {
            Value::Number(n) => n,
            _ => self.to_number(v)?,
        };
        Ok(low_32_bits(n) as i32)
    }

    /// ToUint32 (7.1.7).
    #[inline]
    pub fn to_uint32(&mut self, v: Value) -> JsResult<u32> {
        let n = match v {
            Value::Number(n) => n,
            _ => self.to_number(v)?,
        };
        Ok(low_32_bits(n))
    }

    // ---- 7.2 Testing and comparison ----

    /// IsCallable (7.2.3).
    pub fn is_callable(&self, v: Value) -> bool {
        match v {
            Value::Object(o) => self.heap.obj(o).is_callable(),
            _ => false,
        }
    }
    /// IsConstructor (7.2.4).
    pub fn is_constructor(&self, v: Value) -> bool {
        match v {
            Value::Object(o) => self.heap.obj(o).is_constructor(),
            _ => false,
        }
    }
    /// IsArray(argument) (sees through proxies; may throw on revoked ones).
    pub fn is_array(&mut self, v: Value) -> JsResult<bool> {
        let Value::Object(mut o) = v else {
            return Ok(false);
        };
        loop {
            match &self.heap.obj(o).kind {
                ObjectKind::Array { .. } => return Ok(true),
                ObjectKind::Proxy(p) => match p.target {
                    Some(t) => o = t,
                    None => {
                        return Err(JsError::type_error(
                            "Cannot perform 'IsArray' on a proxy that has been revoked",
                        ))
                    }
                },
                _ => return Ok(false),
            }
        }
    }
    /// SameValue (7.2.10).
    pub fn same_value(&self, a: Value, b: Value) -> bool {
        match (a, b) {
            (Value::Number(x), Value::Number(y)) => {
                if x.is_nan() {
                    return y.is_nan();
                }
                x == y && x.is_sign_negative() == y.is_sign_negative()
            }
            _ => self.strict_equals(a, b),
        }
    }
    /// SameValueZero (7.2.11).
    pub fn same_value_zero(&self, a: Value, b: Value) -> bool {
        match (a, b) {
            (Value::Number(x), Value::Number(y)) => (x.is_nan() && y.is_nan()) || x == y,
            _ => self.strict_equals(a, b),
        }
    }
    /// IsStrictlyEqual (===).
    pub fn strict_equals(&self, a: Value, b: Value) -> bool {
        match (a, b) {
            (Value::Undefined, Value::Undefined) | (Value::Null, Value::Null) => true,
            (Value::Boolean(x), Value::Boolean(y)) => x == y,
            (Value::Number(x), Value::Number(y)) => x == y,
            (Value::String(x), Value::String(y)) => x == y || self.string_equals(x, y),
            (Value::Symbol(x), Value::Symbol(y)) => x == y,
            (Value::Object(x), Value::Object(y)) => x == y,
            (Value::BigInt(x), Value::BigInt(y)) => crate::bigint::equals(&self.heap, x, y),
            (Value::Uninit, Value::Uninit) => true,
            _ => false,
        }
    }
    /// Code-unit equality of two strings.
    pub fn string_equals(&self, a: StrId, b: StrId) -> bool {
        if a == b {
            return true;
        }
        let (x, y) = (self.heap.string(a), self.heap.string(b));
        if x.len() != y.len() {
            return false;
        }
        match (&x.repr, &y.repr) {
            (Repr::Flat(f), Repr::Flat(g)) => f.view().eq_view(g.view()),
            _ => self.heap.str(a).eq_view(self.heap.str(b)),
        }
    }
    /// IsLooselyEqual (==) (7.2.14).
    pub fn loose_equals(&mut self, a: Value, b: Value) -> JsResult<bool> {
        let mut x = a;
        let mut y = b;
        loop {
            match (x, y) {
                (Value::Undefined | Value::Null, Value::Undefined | Value::Null) => {
                    return Ok(true)
                }
                (Value::Number(_), Value::Number(_))
                | (Value::String(_), Value::String(_))
                | (Value::Boolean(_), Value::Boolean(_))
                | (Value::Symbol(_), Value::Symbol(_))
                | (Value::BigInt(_), Value::BigInt(_))
                | (Value::Object(_), Value::Object(_)) => return Ok(self.strict_equals(x, y)),
                (Value::Number(n), Value::String(s)) => {
                    return Ok(n == self.string_to_number(s));
                }
                (Value::String(s), Value::Number(n)) => {
                    return Ok(self.string_to_number(s) == n);
                }
                (Value::BigInt(b), Value::String(s)) | (Value::String(s), Value::BigInt(b)) => {
                    return Ok(match self.string_to_bigint(s) {
                        Some(n) => crate::bigint::equals(&self.heap, b, n),
                        None => false,
                    });
                }
                (Value::Boolean(bx), _) => x = Value::Number(if bx { 1.0 } else { 0.0 }),
                (_, Value::Boolean(by)) => y = Value::Number(if by { 1.0 } else { 0.0 }),
                (
                    Value::Number(_) | Value::String(_) | Value::Symbol(_) | Value::BigInt(_),
                    Value::Object(_),
                ) => {
                    y = self.to_primitive(y, PreferredType::Default)?;
                }
                (
                    Value::Object(_),
                    Value::Number(_) | Value::String(_) | Value::Symbol(_) | Value::BigInt(_),
                ) => {
                    x = self.to_primitive(x, PreferredType::Default)?;
                }
                (Value::BigInt(b), Value::Number(n)) | (Value::Number(n), Value::BigInt(b)) => {
                    return Ok(crate::bigint::cmp_number(&self.heap, b, n)
                        == Some(std::cmp::Ordering::Equal));
                }
                _ => return Ok(false),
            }
        }
    }
    /// The result of `typeof v`.
    pub fn type_of(&self, v: Value) -> Atom {
        match v {
            Value::Undefined | Value::Uninit => atoms::UNDEFINED,
            Value::Null => atoms::OBJECT,
            Value::Boolean(_) => atoms::BOOLEAN,
            Value::Number(_) => atoms::NUMBER,
            Value::String(_) => atoms::STRING,
            Value::Symbol(_) => atoms::SYMBOL,
            Value::BigInt(_) => atoms::BIGINT,
            Value::Object(o) => {
                if self.heap.obj(o).is_callable() {
                    atoms::FUNCTION
                } else {
                    atoms::OBJECT
                }
            }
        }
    }

    /// A short display of a value for error messages (never runs JS).
    pub fn display_value(&self, v: Value) -> String {
        match v {
            Value::Undefined | Value::Uninit => "undefined".into(),
            Value::Null => "null".into(),
            Value::Boolean(b) => b.to_string(),
            Value::Number(n) => crate::num::number_to_string(n),
            Value::String(s) => format!("\"{}\"", self.heap.str(s).to_rust_lossy()),
            Value::Symbol(s) => self.key_display(PropertyKey::Symbol(s)),
            Value::BigInt(b) => format!("{}n", self.bigint_to_rust_string(b)),
            Value::Object(o) => {
                let obj = self.heap.obj(o);
                if obj.is_callable() {
                    let name = self.function_name_for_display(o);
                    if name.is_empty() {
                        "function (anonymous)".into()
                    } else {
                        format!("function {name}")
                    }
                } else if obj.is_array() {
                    "[object Array]".into()
                } else {
                    "#<Object>".into()
                }
            }
        }
    }

    /// The `name` own data property of a function, if it is a string.
    pub(crate) fn function_name_for_display(&self, o: ObjId) -> String {
        let obj = self.heap.obj(o);
        match obj.find_own(&self.heap.shapes, PropertyKey::Atom(atoms::NAME)) {
            Some(p) if !p.flags.is_accessor() => match p.value {
                Value::String(s) => self.heap.str(s).to_rust_lossy(),
                _ => String::new(),
            },
            _ => String::new(),
        }
    }
}

/// ToIntegerOrInfinity of a number: truncation through i64 for the
/// common magnitudes (no libm call; -0 becomes +0), `num`'s otherwise.
#[inline]
fn integer_part(n: f64) -> f64 {
    if n.abs() < 9.0e15 {
        (n as i64) as f64
    } else {
        crate::num::to_integer_or_infinity(n)
    }
}

/// The integer part of `n` modulo 2^32 (ToUint32; ToInt32 reads the same
/// bits as signed): through i64 for the common magnitudes (no libm call),
/// `num`'s otherwise.
#[inline]
fn low_32_bits(n: f64) -> u32 {
    if n.abs() < 9.0e18 {
        (n as i64) as u32
    } else {
        crate::num::to_uint32(n)
    }
}

/// The value of a string of 1 to 15 ASCII decimal digits (exact in an
/// f64), the common case of StringToNumber; None for anything else.
fn small_decimal_integer(b: &[u8]) -> Option<f64> {
    if b.is_empty() || b.len() > 15 {
        return None;
    }
    let mut v: u64 = 0;
    for &c in b {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + (c - b'0') as u64;
    }
    Some(v as f64)
}

#[cfg(test)]
mod tests {
    use super::small_decimal_integer;

    #[test]
    fn integer_parts() {
        use super::integer_part;
        for x in [
            0.0,
            -0.0,
            0.5,
            -0.5,
            1.9,
            -1.9,
            8.9e15,
            -8.9e15,
            1e300,
            f64::NAN,
        ] {
            let want = crate::num::to_integer_or_infinity(x);
            assert_eq!(integer_part(x).to_bits(), want.to_bits(), "{x}");
        }
        assert_eq!(integer_part(f64::NEG_INFINITY), f64::NEG_INFINITY);
    }

    #[test]
    fn wrapping_to_32_bits() {
        use super::low_32_bits;
        let xs = [
            0.0,
            -0.0,
            1.5,
            -1.5,
            4294967296.5,
            -4294967297.0,
            2147483648.0,
            8.9e18,
            -8.9e18,
            9.1e18,
            1e300,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        for x in xs {
            assert_eq!(low_32_bits(x), crate::num::to_uint32(x), "{x}");
            assert_eq!(low_32_bits(x) as i32, crate::num::to_int32(x), "{x}");
        }
    }

    #[test]
    fn small_integers() {
        assert_eq!(small_decimal_integer(b"0"), Some(0.0));
        assert_eq!(small_decimal_integer(b"007"), Some(7.0));
        assert_eq!(
            small_decimal_integer(b"999999999999999"),
            Some(999999999999999.0)
        );
        assert_eq!(small_decimal_integer(b"9999999999999999"), None);
        assert_eq!(small_decimal_integer(b""), None);
        assert_eq!(small_decimal_integer(b" 1"), None);
        assert_eq!(small_decimal_integer(b"1e3"), None);
        assert_eq!(small_decimal_integer(b"-1"), None);
    }
}
