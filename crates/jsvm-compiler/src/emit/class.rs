//! Classes (ClassDefinitionEvaluation): the class scope, private names,
//! the constructor (explicit or default), methods and accessors, computed
//! keys, and the synthetic instance initializer, static initializer and
//! static block functions (see the "Classes" section of the jsvm-bytecode
//! crate docs for the protocol).
//!
//! Invariant: class elements are evaluated in source order exactly once
//! at class definition; field initializers run later, in order, inside the
//! synthetic initializer functions, reading computed keys and private
//! method closures from the class scope.

use std::rc::Rc;

use jsvm_bytecode::{Constant, Count, Flag, FunctionCode, Instruction as I, Reg};
use jsvm_syntax::ast::*;

use super::function::compile_function_with_span;
use super::{CResult, Ctx, FnCompiler};
use crate::scope::{node_key, Tag};
use crate::CompileError;

/// A private method/accessor name's closures, by element index.
#[derive(Clone, Copy, Default)]
struct PrivateMethod {
    method: Option<usize>,
    getter: Option<usize>,
    setter: Option<usize>,
}

/// Groups private methods by name and staticness, in first-seen order.
fn private_methods<'a>(
    c: &Class<'a>,
    want_static: bool,
) -> Vec<(&'a PrivateName<'a>, PrivateMethod)> {
    let mut out: Vec<(&'a PrivateName<'a>, PrivateMethod)> = Vec::new();
    for (i, el) in c.elements.iter().enumerate() {
        let ClassElement::Method(m) = el else {
            continue;
        };
        let PropertyKey::Private(p) = &m.key else {
            continue;
        };
        if m.is_static != want_static {
            continue;
        }
        let idx = match out.iter().position(|(n, _)| n.name == p.name) {
            Some(i) => i,
            None => {
                out.push((p, PrivateMethod::default()));
                out.len() - 1
            }
        };
        let entry = &mut out[idx].1;
        match m.kind {
            MethodKind::Method => entry.method = Some(i),
            MethodKind::Get => entry.getter = Some(i),
            MethodKind::Set => entry.setter = Some(i),
        }
    }
    out
}

impl<'a> FnCompiler<'_, '_> {
    /// ClassDefinitionEvaluation into `dst`; `name` is the NamedEvaluation
    /// name of an anonymous class expression.
    pub fn class_to(&mut self, c: &Class<'a>, dst: Reg, name: Option<&str>) -> CResult<()> {
        let class_name = c.id.map(|i| i.name).or(name).unwrap_or("");
        let cs = self.scope_of(c, Tag::Class)?;
        let outer_top = self.locals_top;
        self.enter_scope(cs)?;
        let tree = self.tree();
        // Fresh Private Names for this evaluation.
        for &b in &tree.scopes[cs].bindings {
            let binding = &tree.bindings[b];
            if binding.kind == jsvm_bytecode::BindingKind::PrivateName && binding.used {
                let t = self.alloc()?;
                let d = self.name_const(&binding.name)?;
                self.emit(I::NewPrivateName {
                    dst: t,
                    description: d,
                });
                let r = self.resolve(&binding.name, u32::MAX)?;
                self.init_resolved(&r, &binding.name, t)?;
                self.free(t);
            }
        }
        let f = self.alloc()?;
        let proto = self.alloc()?;
        let ctor = match c.constructor {
            Some(ctor) => compile_function_with_span(self.ctx, ctor, class_name, c.span)?,
            None => default_constructor(self.ctx, c, class_name)?,
        };
        let k = self.other_const(Constant::Function(ctor))?;
        match &c.super_class {
            Some(h) => {
                self.expr_to(h, f)?;
                self.pos(c.span);
                self.emit(I::CreateDerivedClass {
                    dst: f,
                    proto_dst: proto,
                    func: k,
                    superclass: f,
                });
            }
            None => self.emit(I::CreateClass {
                dst: f,
                proto_dst: proto,
                func: k,
            }),
        }
        let statics = private_methods(c, true);
        let static_elems: Vec<usize> = c
            .elements
            .iter()
            .enumerate()
            .filter(|(_, el)| matches!(el, ClassElement::Method(m) if m.is_static && matches!(m.key, PropertyKey::Private(_))))
            .map(|(i, _)| i)
            .collect();
        let kept = self.alloc_n(static_elems.len())?;
        let key = self.alloc()?;
        let v = self.alloc()?;
        for (i, el) in c.elements.iter().enumerate() {
            match el {
                ClassElement::Method(m) => {
                    let home = if m.is_static { f } else { proto };
                    if let PropertyKey::Private(p) = &m.key {
                        let label = match m.kind {
                            MethodKind::Method => "",
                            MethodKind::Get => "get ",
                            MethodKind::Set => "set ",
                        };
                        let fname = format!("{label}#{}", p.name);
                        let fk = self.function_const(m.function, &fname)?;
                        self.emit(I::Closure { dst: v, func: fk });
                        self.emit(I::SetHomeObject { func: v, home });
                        if m.is_static {
                            let pos = static_elems.iter().position(|&j| j == i).unwrap_or(0);
                            self.mov(Reg(kept.0 + pos as u16), v);
                        } else {
                            let hidden = format!("%pm{i}");
                            let r = self.resolve(&hidden, u32::MAX)?;
                            self.init_resolved(&r, &hidden, v)?;
                        }
                        continue;
                    }
                    let kname = self.property_key_to(&m.key, key)?;
                    let prefix = match m.kind {
                        MethodKind::Method => 0,
                        MethodKind::Get => 1,
                        MethodKind::Set => 2,
                    };
                    self.method_closure(m.function, kname.as_deref(), key, prefix, home, v)?;
                    self.pos(m.span);
                    match m.kind {
                        MethodKind::Method => self.emit(I::DefineMethod {
                            obj: home,
                            key,
                            func: v,
                        }),
                        MethodKind::Get => self.emit(I::DefineGetter {
                            obj: home,
                            key,
                            func: v,
                            enumerable: Flag(0),
                        }),
                        MethodKind::Set => self.emit(I::DefineSetter {
                            obj: home,
                            key,
                            func: v,
                            enumerable: Flag(0),
                        }),
                    }
                }
                ClassElement::Field(fd) => {
                    if let PropertyKey::Computed(e) = &fd.key {
                        self.expr_to(e, key)?;
                        self.pos(fd.span);
                        self.emit(I::ToPropertyKey { dst: key, src: key });
                        let hidden = format!("%key{i}");
                        let r = self.resolve(&hidden, u32::MAX)?;
                        self.init_resolved(&r, &hidden, key)?;
                    }
                }
                ClassElement::StaticBlock(_) => {}
            }
        }
        // The instance initializer.
        if tree.scopes[cs].has_instance_init {
            let code = instance_initializer(self.ctx, c)?;
            let k = self.other_const(Constant::Function(code))?;
            self.emit(I::Closure { dst: v, func: k });
            self.emit(I::SetHomeObject {
                func: v,
                home: proto,
            });
            let r = self.resolve("%init", u32::MAX)?;
            self.init_resolved(&r, "%init", v)?;
        }
        if let Some(id) = c.id {
            let r = self.resolve(id.name, u32::MAX)?;
            self.init_resolved(&r, id.name, f)?;
        }
        // Static private methods (accessor halves combined).
        let reg_of = |i: Option<usize>| -> Option<Reg> {
            let pos = static_elems.iter().position(|&j| Some(j) == i)?;
            Some(Reg(kept.0 + pos as u16))
        };
        for (p, pm) in &statics {
            self.load_private_name(p, key)?;
            if let Some(m) = reg_of(pm.method) {
                self.emit(I::AddPrivateMethod {
                    obj: f,
                    name: key,
                    func: m,
                });
            } else {
                let g = match reg_of(pm.getter) {
                    Some(r) => r,
                    None => {
                        self.load_undefined(v);
                        v
                    }
                };
                let st = match reg_of(pm.setter) {
                    Some(r) => r,
                    None => {
                        self.load_undefined(v);
                        v
                    }
                };
                self.emit(I::AddPrivateAccessor {
                    obj: f,
                    name: key,
                    getter: g,
                    setter: st,
                });
            }
        }
        // Static fields and blocks.
        if let Some(code) = static_initializer(self.ctx, c)? {
            let k = self.other_const(Constant::Function(code))?;
            self.emit(I::Closure { dst: v, func: k });
            self.emit(I::SetHomeObject { func: v, home: f });
            self.emit(I::Call {
                dst: v,
                callee: v,
                this: f,
                args: v,
                argc: Count(0),
            });
        }
        self.free(v);
        self.free(key);
        self.free_n(kept, static_elems.len());
        self.free(proto);
        self.leave_scope(cs, true);
        self.mov(dst, f);
        self.free(f);
        self.locals_top = outer_top;
        Ok(())
    }
}

/// The default constructor of class `c` (ECMA-262 15.7.14 step 14.a).
fn default_constructor(ctx: &Ctx<'_>, c: &Class<'_>, name: &str) -> CResult<Rc<FunctionCode>> {
    let func = *ctx
        .tree
        .node_funcs
        .get(&node_key(c, Tag::Func))
        .ok_or_else(|| CompileError::internal("default constructor not analysed"))?;
    let s = ctx.tree.funcs[func].scope;
    let mut fc = FnCompiler::new(ctx, func);
    fc.enter_scope(s)?;
    fc.init_hidden(s)?;
    if c.super_class.is_some() {
        let callee = fc.alloc()?;
        let sup = fc.alloc()?;
        let args = fc.alloc()?;
        let nt = fc.alloc()?;
        let r = fc.alloc()?;
        fc.emit(I::LoadCallee { dst: callee });
        fc.emit(I::GetSuperConstructor {
            dst: sup,
            func: callee,
        });
        fc.emit(I::CreateRestArray {
            dst: args,
            from: Count(0),
        });
        fc.emit(I::LoadNewTarget { dst: nt });
        fc.pos(c.span);
        fc.emit(I::SuperConstructSpread {
            dst: r,
            ctor: sup,
            new_target: nt,
            args,
        });
        fc.instance_init_call(r)?;
        fc.emit(I::DerivedReturn { src: r, this: r });
    } else if fc.may_have_instance_init()? {
        let this = fc.alloc()?;
        fc.load_hidden("this", this)?;
        fc.instance_init_call(this)?;
        fc.free(this);
    }
    fc.finish_with(name, c.span, 0, 0)
}

/// The synthetic function that adds instance private methods and defines
/// instance fields (called with this = the new instance).
fn instance_initializer(ctx: &Ctx<'_>, c: &Class<'_>) -> CResult<Rc<FunctionCode>> {
    let mut fc = synthetic(ctx, c, Tag::InstanceInit)?;
    let this = fc.alloc()?;
    fc.load_hidden("this", this)?;
    let name = fc.alloc()?;
    let a = fc.alloc()?;
    let b = fc.alloc()?;
    for (p, pm) in private_methods(c, false) {
        fc.load_private_name(p, name)?;
        let load = |fc: &mut FnCompiler<'_, '_>, idx: Option<usize>, dst: Reg| -> CResult<()> {
            match idx {
                Some(i) => {
                    let hidden = format!("%pm{i}");
                    let r = fc.resolve(&hidden, u32::MAX)?;
                    fc.load_raw(&r, dst);
                }
                None => fc.load_undefined(dst),
            }
            Ok(())
        };
        if pm.method.is_some() {
            load(&mut fc, pm.method, a)?;
            fc.emit(I::AddPrivateMethod {
                obj: this,
                name,
                func: a,
            });
        } else {
            load(&mut fc, pm.getter, a)?;
            load(&mut fc, pm.setter, b)?;
            fc.emit(I::AddPrivateAccessor {
                obj: this,
                name,
                getter: a,
                setter: b,
            });
        }
    }
    fc.free(b);
    fc.free(a);
    fc.free(name);
    for (i, el) in c.elements.iter().enumerate() {
        if let ClassElement::Field(f) = el {
            if !f.is_static {
                fc.field_definition(i, f, this)?;
            }
        }
    }
    fc.free(this);
    fc.finish_with("", c.span, 0, 0)
}

/// The synthetic function that runs static fields and static blocks in
/// order (called with this = the class).
fn static_initializer(ctx: &Ctx<'_>, c: &Class<'_>) -> CResult<Option<Rc<FunctionCode>>> {
    if ctx
        .tree
        .node_funcs
        .get(&node_key(c, Tag::StaticInit))
        .is_none()
    {
        return Ok(None);
    }
    let mut fc = synthetic(ctx, c, Tag::StaticInit)?;
    let this = fc.alloc()?;
    fc.load_hidden("this", this)?;
    for (i, el) in c.elements.iter().enumerate() {
        match el {
            ClassElement::Field(f) if f.is_static => fc.field_definition(i, f, this)?,
            ClassElement::StaticBlock(b) => {
                let code = static_block(ctx, b)?;
                let k = fc.other_const(Constant::Function(code))?;
                let t = fc.alloc()?;
                fc.emit(I::Closure { dst: t, func: k });
                fc.emit(I::SetHomeObject {
                    func: t,
                    home: this,
                });
                fc.pos(b.span);
                fc.emit(I::Call {
                    dst: t,
                    callee: t,
                    this,
                    args: t,
                    argc: Count(0),
                });
                fc.free(t);
            }
            _ => {}
        }
    }
    fc.free(this);
    Ok(Some(fc.finish_with("", c.span, 0, 0)?))
}

fn synthetic<'c, 't>(ctx: &'c Ctx<'t>, c: &Class<'_>, tag: Tag) -> CResult<FnCompiler<'c, 't>> {
    let func = *ctx
        .tree
        .node_funcs
        .get(&node_key(c, tag))
        .ok_or_else(|| CompileError::internal("class initializer not analysed"))?;
    let s = ctx.tree.funcs[func].scope;
    let mut fc = FnCompiler::new(ctx, func);
    fc.enter_scope(s)?;
    fc.init_hidden(s)?;
    Ok(fc)
}

fn static_block(ctx: &Ctx<'_>, b: &StaticBlock<'_>) -> CResult<Rc<FunctionCode>> {
    let func = *ctx
        .tree
        .node_funcs
        .get(&node_key(b, Tag::StaticBlock))
        .ok_or_else(|| CompileError::internal("static block not analysed"))?;
    let s = ctx.tree.funcs[func].scope;
    let mut fc = FnCompiler::new(ctx, func);
    fc.enter_scope(s)?;
    fc.init_hidden(s)?;
    fc.hoist_functions(b.body)?;
    fc.locals_top = fc.height();
    fc.statements(b.body)?;
    fc.finish_with("", b.span, 0, 0)
}

impl<'a> FnCompiler<'_, '_> {
    /// DefineField(this, field i) inside an initializer function.
    fn field_definition(&mut self, i: usize, f: &ClassField<'a>, this: Reg) -> CResult<()> {
        let key = self.alloc()?;
        let v = self.alloc()?;
        enum K {
            Named(String),
            Reg,
            Private,
        }
        let k = match &f.key {
            PropertyKey::Computed(_) => {
                let hidden = format!("%key{i}");
                let r = self.resolve(&hidden, u32::MAX)?;
                self.load_raw(&r, key);
                K::Reg
            }
            PropertyKey::Private(p) => {
                self.load_private_name(p, key)?;
                K::Private
            }
            other => {
                let n = self.static_key_name(other)?;
                match String::from_utf16(&n) {
                    Ok(s) => K::Named(s),
                    Err(_) => {
                        let c = self.string_const(&n)?;
                        self.emit(I::LoadConst { dst: key, index: c });
                        K::Reg
                    }
                }
            }
        };
        match &f.value {
            Some(e) if e.is_anonymous_function_definition() => match (&k, &f.key) {
                (K::Named(n), _) => self.expr_named_to(e, v, Some(n))?,
                (K::Private, PropertyKey::Private(p)) => {
                    let n = format!("#{}", p.name);
                    self.expr_named_to(e, v, Some(&n))?
                }
                _ => {
                    self.expr_named_to(e, v, Some(""))?;
                    self.emit(I::SetFunctionName {
                        func: v,
                        key,
                        prefix: Flag(0),
                    });
                }
            },
            Some(e) => self.expr_to(e, v)?,
            None => self.load_undefined(v),
        }
        self.pos(f.span);
        match k {
            K::Named(n) => {
                let c = self.name_const(&n)?;
                let ic = self.ic();
                self.emit(I::DefineNamedField {
                    obj: this,
                    name: c,
                    src: v,
                    ic,
                });
            }
            K::Reg => self.emit(I::DefineField {
                obj: this,
                key,
                src: v,
            }),
            K::Private => self.emit(I::DefinePrivateField {
                obj: this,
                name: key,
                src: v,
            }),
        }
        self.free(v);
        self.free(key);
        Ok(())
    }
}
