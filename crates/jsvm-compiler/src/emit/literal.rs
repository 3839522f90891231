//! Object and array literals, property keys, templates, and the
//! compile-time string forms of numeric and BigInt literal keys.
//!
//! Invariant: a static property key is converted exactly as ToPropertyKey
//! would at run time (Number::toString for numeric keys, decimal digits for
//! BigInt keys), so statically named properties match computed ones.

use jsvm_bytecode::{Constant, Count, Flag, Instruction as I, Reg};
use jsvm_syntax::ast::*;

use super::{CResult, FnCompiler};
use crate::CompileError;

/// The most properties a literal built by `NewObjectLiteral` has (larger
/// literals define their properties one by one).
const MAX_LITERAL_SHAPE: usize = 32;

/// Number::toString(x) with radix 10 (ECMA-262 6.1.6.1.20).
pub(crate) fn number_to_string(x: f64) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x == 0.0 {
        return "0".into();
    }
    if x.is_infinite() {
        return if x > 0.0 {
            "Infinity".into()
        } else {
            "-Infinity".into()
        };
    }
    if x < 0.0 {
        return format!("-{}", number_to_string(-x));
    }
    // Shortest round-trip digits in scientific form, e.g. "1.25e-7".
    let sci = format!("{x:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    let e: i64 = exp.parse().unwrap_or(0);
    let k = digits.len() as i64;
    let n = e + 1;
    if k <= n && n <= 21 {
        let mut s = digits;
        s.extend(std::iter::repeat_n('0', (n - k) as usize));
        s
    } else if 0 < n && n <= 21 {
        format!("{}.{}", &digits[..n as usize], &digits[n as usize..])
    } else if -6 < n && n <= 0 {
        format!("0.{}{}", "0".repeat((-n) as usize), digits)
    } else {
        let sign = if n > 0 { '+' } else { '-' };
        let first = &digits[..1];
        let rest = &digits[1..];
        if rest.is_empty() {
            format!("{first}e{sign}{}", (n - 1).abs())
        } else {
            format!("{first}.{rest}e{sign}{}", (n - 1).abs())
        }
    }
}

/// The decimal digits of a BigInt literal's value.
pub(crate) fn bigint_to_decimal(digits: &str, radix: u32) -> String {
    // Little-endian limbs in base 10^9.
    let mut limbs: Vec<u64> = vec![0];
    for c in digits.chars() {
        let Some(d) = c.to_digit(radix) else { continue };
        let mut carry = d as u64;
        for limb in limbs.iter_mut() {
            let v = *limb * radix as u64 + carry;
            *limb = v % 1_000_000_000;
            carry = v / 1_000_000_000;
        }
        while carry > 0 {
            limbs.push(carry % 1_000_000_000);
            carry /= 1_000_000_000;
        }
    }
    let mut s = String::new();
    for (i, limb) in limbs.iter().rev().enumerate() {
        if i == 0 {
            s.push_str(&limb.to_string());
        } else {
            s.push_str(&format!("{limb:09}"));
        }
    }
    s
}

/// The BigInt literal text for a `BigInt` constant (prefix kept).
pub(crate) fn bigint_text(b: &BigIntLiteral<'_>) -> String {
    let prefix = match b.radix {
        16 => "0x",
        8 => "0o",
        2 => "0b",
        _ => "",
    };
    format!("{prefix}{}", b.digits)
}

impl<'a> FnCompiler<'_, '_> {
    /// The property key of a non-computed, non-private key, as a string.
    pub fn static_key_name(&self, k: &PropertyKey<'_>) -> CResult<Vec<u16>> {
        Ok(match k {
            PropertyKey::Identifier(id) => id.name.encode_utf16().collect(),
            PropertyKey::String(s) => s.value.to_vec(),
            PropertyKey::Number(n) => number_to_string(n.value).encode_utf16().collect(),
            PropertyKey::BigInt(b) => bigint_to_decimal(b.digits, b.radix)
                .encode_utf16()
                .collect(),
            PropertyKey::Computed(e) => {
                return Err(CompileError::internal(&format!(
                    "computed key at {:?}",
                    e.span()
                )))
            }
            PropertyKey::Private(p) => format!("#{}", p.name).encode_utf16().collect(),
        })
    }

    /// Evaluates a (public) property key into `dst` as a property key
    /// value; returns its static name, if it has one.
    pub fn property_key_to(&mut self, k: &PropertyKey<'a>, dst: Reg) -> CResult<Option<Vec<u16>>> {
        match k {
            PropertyKey::Computed(e) => {
                self.expr_to(e, dst)?;
                self.emit(I::ToPropertyKey { dst, src: dst });
                Ok(None)
            }
            _ => {
                let name = self.static_key_name(k)?;
                let c = self.string_const(&name)?;
                self.emit(I::LoadConst { dst, index: c });
                Ok(Some(name))
            }
        }
    }

    /// Compiles a function-valued property (method, getter, setter) into
    /// `dst`, named after the key (`prefix` 0/1/2: none/get/set).
    pub fn method_closure(
        &mut self,
        f: &Function<'a>,
        key_name: Option<&[u16]>,
        key_reg: Reg,
        prefix: u8,
        home: Reg,
        dst: Reg,
    ) -> CResult<()> {
        let name = match key_name {
            Some(n) => {
                let base = String::from_utf16_lossy(n);
                match prefix {
                    1 => format!("get {base}"),
                    2 => format!("set {base}"),
                    _ => base,
                }
            }
            None => String::new(),
        };
        let k = self.function_const(f, &name)?;
        self.emit(I::Closure { dst, func: k });
        self.emit(I::SetHomeObject { func: dst, home });
        if key_name.is_none() {
            self.emit(I::SetFunctionName {
                func: dst,
                key: key_reg,
                prefix: Flag(prefix),
            });
        }
        Ok(())
    }

    pub fn object_literal(&mut self, o: &ObjectExpression<'a>, dst: Reg) -> CResult<()> {
        if let Some(names) = self.literal_shape(o)? {
            return self.object_literal_at_once(o, names, dst);
        }
        self.pos(o.span);
        self.emit(I::NewObject { dst });
        for p in o.properties {
            match p {
                ObjectProperty::Spread(s) => {
                    let v = self.expr_val(&s.argument)?;
                    self.pos(s.span);
                    self.emit(I::CopyDataProperties {
                        dst,
                        src: v.reg(),
                        excluded: dst,
                        count: Count(0),
                    });
                    self.release(v);
                }
                ObjectProperty::Property(p) => self.object_property(p, dst)?,
            }
        }
        Ok(())
    }

    /// The property names of a literal that `NewObjectLiteral` can build:
    /// only `name: value` and shorthand properties with distinct static
    /// names that are not array indices (no `__proto__:`, methods,
    /// accessors, computed keys or spreads), at most `MAX_LITERAL_SHAPE`.
    /// Defining the properties of a fresh object cannot be observed, so
    /// evaluating every value first and then making the object with its
    /// final shape is the same as defining them one by one.
    fn literal_shape(&self, o: &ObjectExpression<'a>) -> CResult<Option<Vec<String>>> {
        if o.properties.is_empty() || o.properties.len() > MAX_LITERAL_SHAPE {
            return Ok(None);
        }
        let mut names: Vec<String> = Vec::with_capacity(o.properties.len());
        for p in o.properties {
            let ObjectProperty::Property(p) = p else {
                return Ok(None);
            };
            if p.is_proto_setter
                || p.method
                || p.kind != PropertyKind::Init
                || matches!(p.key, PropertyKey::Computed(_))
            {
                return Ok(None);
            }
            let Ok(name) = String::from_utf16(&self.static_key_name(&p.key)?) else {
                return Ok(None);
            };
            // All-digit names may be array indices (elements, not shape).
            let maybe_index = name.bytes().all(|b| b.is_ascii_digit());
            if maybe_index || names.contains(&name) {
                return Ok(None);
            }
            names.push(name);
        }
        Ok(Some(names))
    }

    /// Builds a literal `literal_shape` accepted: the values into
    /// consecutive registers, then `NewObjectLiteral`.
    fn object_literal_at_once(
        &mut self,
        o: &ObjectExpression<'a>,
        names: Vec<String>,
        dst: Reg,
    ) -> CResult<()> {
        let n = names.len();
        let values = self.alloc_n(n)?;
        for (i, (p, name)) in o.properties.iter().zip(&names).enumerate() {
            let ObjectProperty::Property(p) = p else {
                return Err(CompileError::internal("spread in a literal shape"));
            };
            let r = Reg(values.0 + i as u16);
            if p.value.is_anonymous_function_definition() {
                self.expr_named_to(&p.value, r, Some(name))?;
            } else {
                self.expr_to(&p.value, r)?;
            }
        }
        let shape = self.other_const(Constant::Shape(
            names.into_iter().map(String::into_boxed_str).collect(),
        ))?;
        self.pos(o.span);
        self.emit(I::NewObjectLiteral {
            dst,
            values,
            count: Count(n as u16),
            shape,
        });
        self.free_n(values, n);
        Ok(())
    }

    fn object_property(&mut self, p: &Property<'a>, obj: Reg) -> CResult<()> {
        if p.is_proto_setter {
            let v = self.expr_val(&p.value)?;
            self.emit(I::SetProto { obj, src: v.reg() });
            self.release(v);
            return Ok(());
        }
        let key = self.alloc()?;
        let v = self.alloc()?;
        let method_fn = match (&p.value, p.method || p.kind != PropertyKind::Init) {
            (Expression::Function(f), true) => Some(*f),
            _ => None,
        };
        match (p.kind, method_fn) {
            (PropertyKind::Init, None) => {
                let mut src = v;
                // A static name that is valid text uses the named form.
                let static_name = match &p.key {
                    PropertyKey::Computed(_) => None,
                    k => Some(self.static_key_name(k)?),
                };
                let text = static_name
                    .as_ref()
                    .and_then(|n| String::from_utf16(n).ok());
                if text.is_none() {
                    self.property_key_to(&p.key, key)?;
                }
                if p.value.is_anonymous_function_definition() {
                    match &static_name {
                        Some(n) => {
                            let n = String::from_utf16_lossy(n);
                            self.expr_named_to(&p.value, v, Some(&n))?;
                        }
                        None => {
                            self.expr_named_to(&p.value, v, Some(""))?;
                            self.emit(I::SetFunctionName {
                                func: v,
                                key,
                                prefix: Flag(0),
                            });
                        }
                    }
                } else {
                    // A local is defined straight from its register.
                    src = match self.local_operand(&p.value)? {
                        Some(r) => r,
                        None => {
                            self.expr_to(&p.value, v)?;
                            v
                        }
                    };
                }
                self.pos(p.span);
                match text {
                    Some(t) => {
                        let n = self.name_const(&t)?;
                        let ic = self.ic();
                        self.emit(I::DefineNamedField {
                            obj,
                            name: n,
                            src,
                            ic,
                        });
                    }
                    None => self.emit(I::DefineField { obj, key, src }),
                }
            }
            (kind, Some(f)) => {
                let name = self.property_key_to(&p.key, key)?;
                let prefix = match kind {
                    PropertyKind::Get => 1,
                    PropertyKind::Set => 2,
                    PropertyKind::Init => 0,
                };
                self.method_closure(f, name.as_deref(), key, prefix, obj, v)?;
                self.pos(p.span);
                match kind {
                    PropertyKind::Init => self.emit(I::DefineField { obj, key, src: v }),
                    PropertyKind::Get => self.emit(I::DefineGetter {
                        obj,
                        key,
                        func: v,
                        enumerable: Flag(1),
                    }),
                    PropertyKind::Set => self.emit(I::DefineSetter {
                        obj,
                        key,
                        func: v,
                        enumerable: Flag(1),
                    }),
                }
            }
            (_, None) => return Err(CompileError::new("accessor without function", p.span)),
        }
        self.free(v);
        self.free(key);
        Ok(())
    }

    pub fn array_literal(&mut self, a: &ArrayExpression<'a>, dst: Reg) -> CResult<()> {
        self.pos(a.span);
        let cap = u16::try_from(a.elements.len()).unwrap_or(u16::MAX);
        self.emit(I::NewArray {
            dst,
            capacity: Count(cap),
        });
        for el in a.elements {
            match el {
                ArrayElement::Hole(_) => self.emit(I::ArrayPushHole { arr: dst }),
                ArrayElement::Spread(s) => {
                    let v = self.expr_val(&s.argument)?;
                    self.pos(s.span);
                    self.emit(I::ArrayAppendSpread {
                        arr: dst,
                        iterable: v.reg(),
                    });
                    self.release(v);
                }
                ArrayElement::Expression(e) => {
                    let v = self.expr_val(e)?;
                    self.emit(I::ArrayPush {
                        arr: dst,
                        src: v.reg(),
                    });
                    self.release(v);
                }
            }
        }
        Ok(())
    }

    /// An untagged template literal: string concatenation.
    pub fn template_literal(&mut self, t: &TemplateLiteral<'a>, dst: Reg) -> CResult<()> {
        let head = t.quasis.first().and_then(|q| q.cooked).unwrap_or(&[]);
        // `${x}...` starts with ToString(x) itself ("" + s is s).
        let empty_head = head.is_empty() && !t.expressions.is_empty();
        if !empty_head {
            let c = self.string_const(head)?;
            self.emit(I::LoadConst { dst, index: c });
        }
        let tmp = self.alloc()?;
        for (i, e) in t.expressions.iter().enumerate() {
            let v = self.expr_val(e)?;
            self.pos(e.span());
            if i == 0 && empty_head {
                self.emit(I::ToString { dst, src: v.reg() });
                self.release(v);
            } else {
                self.emit(I::ToString {
                    dst: tmp,
                    src: v.reg(),
                });
                self.release(v);
                self.emit(I::Add {
                    dst,
                    lhs: dst,
                    rhs: tmp,
                });
            }
            if let Some(q) = t.quasis.get(i + 1) {
                let s = q.cooked.unwrap_or(&[]);
                if !s.is_empty() {
                    let c = self.string_const(s)?;
                    self.emit(I::LoadConst { dst: tmp, index: c });
                    self.emit(I::Add {
                        dst,
                        lhs: dst,
                        rhs: tmp,
                    });
                }
            }
        }
        self.free(tmp);
        Ok(())
    }

    /// The Template constant of a tagged template site.
    pub fn template_constant(
        &mut self,
        t: &TemplateLiteral<'_>,
    ) -> CResult<jsvm_bytecode::ConstIdx> {
        let cooked = t
            .quasis
            .iter()
            .map(|q| q.cooked.map(|c| c.into()))
            .collect();
        let raw = t
            .quasis
            .iter()
            .map(|q| {
                q.raw
                    .encode_utf16()
                    .collect::<Vec<u16>>()
                    .into_boxed_slice()
            })
            .collect();
        self.other_const(Constant::Template { cooked, raw })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_keys_match_number_to_string() {
        assert_eq!(number_to_string(1.0), "1");
        assert_eq!(number_to_string(1.5), "1.5");
        assert_eq!(number_to_string(0.000001), "0.000001");
        assert_eq!(number_to_string(1e-7), "1e-7");
        assert_eq!(number_to_string(1e21), "1e+21");
        assert_eq!(
            number_to_string(123456789012345680000.0),
            "123456789012345680000"
        );
        assert_eq!(number_to_string(1.2e22), "1.2e+22");
        assert_eq!(number_to_string(0.1), "0.1");
    }

    #[test]
    fn bigint_keys_are_decimal() {
        assert_eq!(bigint_to_decimal("ff", 16), "255");
        assert_eq!(bigint_to_decimal("0", 10), "0");
        assert_eq!(
            bigint_to_decimal("1000000000000000000000", 10),
            "1000000000000000000000"
        );
        assert_eq!(bigint_to_decimal("777", 8), "511");
    }
}
