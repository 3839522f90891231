//! Declaration bookkeeping for the early errors about redeclaration
//! (14.2.1, 14.12.1, 14.15.1, 15.2.1, 16.1.1, 16.2.1 and Annex B.3.2-B.3.4).
//!
//! Invariant: for every open scope we know the names it declares lexically
//! (with their kind) and the `var` names declared in it or hoisted through
//! it, so that a conflict is found at the second declaration, whichever
//! order they come in. Each check costs O(scope depth).

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use super::{err, PResult};

/// A small, fast hasher (FxHash) for short names and offsets.
#[derive(Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut v = 0u64;
            for (i, b) in chunk.iter().enumerate() {
                v |= (*b as u64) << (i * 8);
            }
            self.add(v);
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(i as u64);
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

impl FxHasher {
    #[inline]
    fn add(&mut self, v: u64) {
        self.hash = (self.hash.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

pub type BuildFxHasher = BuildHasherDefault<FxHasher>;

/// What kind of scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    /// A function body (with its parameters), a Script, eval code, or a class
    /// static block: the target of `var` hoisting; top-level function
    /// declarations are var-like.
    Function,
    /// Module top level: a var target where function declarations are lexical.
    Module,
    /// A block, switch case block, or `for` head.
    Block,
    /// A catch clause (its parameters and its block share this scope).
    Catch,
}

/// How a name is bound in a scope's lexical map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Binding {
    Let,
    Const,
    Class,
    /// A plain `function` declaration in a block (or at module top level).
    Function,
    /// A generator/async function declaration in a block.
    OtherFunction,
    Import,
    Param,
    /// A catch parameter bound by a plain identifier (Annex B.3.4 allows a
    /// `var` of the same name in the block).
    CatchSimple,
    /// A catch parameter bound inside a pattern.
    CatchPattern,
}

/// Above this many names, a scope indexes them in a hash table.
const INDEX_THRESHOLD: usize = 12;

#[derive(Debug)]
struct Scope<'a> {
    kind: ScopeKind,
    /// Lexically declared names (and parameters / catch parameters).
    lexical: Vec<(&'a str, Binding)>,
    /// `var` names declared in or hoisted through this scope.
    vars: Vec<&'a str>,
    lexical_index: HashMap<&'a str, usize, BuildFxHasher>,
    var_index: HashSet<&'a str, BuildFxHasher>,
}

impl<'a> Scope<'a> {
    fn new(kind: ScopeKind) -> Scope<'a> {
        Scope {
            kind,
            lexical: Vec::new(),
            vars: Vec::new(),
            lexical_index: HashMap::default(),
            var_index: HashSet::default(),
        }
    }

    fn clear(&mut self, kind: ScopeKind) {
        self.kind = kind;
        self.lexical.clear();
        self.vars.clear();
        self.lexical_index.clear();
        self.var_index.clear();
    }

    fn find_lexical(&self, name: &str) -> Option<Binding> {
        if self.lexical.len() > INDEX_THRESHOLD {
            self.lexical_index.get(name).map(|&i| self.lexical[i].1)
        } else {
            self.lexical
                .iter()
                .find(|(n, _)| *n == name)
                .map(|&(_, b)| b)
        }
    }

    fn add_lexical(&mut self, name: &'a str, b: Binding) {
        self.lexical.push((name, b));
        let n = self.lexical.len();
        if n == INDEX_THRESHOLD + 1 {
            for (i, (name, _)) in self.lexical.iter().enumerate() {
                self.lexical_index.entry(name).or_insert(i);
            }
        } else if n > INDEX_THRESHOLD + 1 {
            self.lexical_index.entry(name).or_insert(n - 1);
        }
    }

    fn has_var(&self, name: &str) -> bool {
        if self.vars.len() > INDEX_THRESHOLD {
            self.var_index.contains(name)
        } else {
            self.vars.contains(&name)
        }
    }

    fn add_var(&mut self, name: &'a str) {
        if self.has_var(name) {
            return;
        }
        self.vars.push(name);
        let n = self.vars.len();
        if n == INDEX_THRESHOLD + 1 {
            self.var_index.extend(self.vars.iter().copied());
        } else if n > INDEX_THRESHOLD + 1 {
            self.var_index.insert(name);
        }
    }
}

pub struct Scopes<'a> {
    stack: Vec<Scope<'a>>,
    /// Popped scopes kept for reuse (their buffers stay allocated).
    free: Vec<Scope<'a>>,
}

impl<'a> Scopes<'a> {
    pub fn new() -> Scopes<'a> {
        Scopes {
            stack: Vec::new(),
            free: Vec::new(),
        }
    }

    pub fn push(&mut self, kind: ScopeKind) {
        let scope = match self.free.pop() {
            Some(mut s) => {
                s.clear(kind);
                s
            }
            None => Scope::new(kind),
        };
        self.stack.push(scope);
    }

    pub fn pop(&mut self) {
        if let Some(s) = self.stack.pop() {
            self.free.push(s);
        }
    }

    /// Declares a `var` name (VarDeclaredNames), hoisting it through the
    /// enclosing blocks to the nearest function/module scope.
    pub fn declare_var(&mut self, name: &'a str, at: u32) -> PResult<()> {
        for scope in self.stack.iter_mut().rev() {
            if let Some(b) = scope.find_lexical(name) {
                match b {
                    Binding::Param | Binding::CatchSimple => {}
                    _ => return err(at, format!("identifier '{name}' has already been declared")),
                }
            }
            scope.add_var(name);
            if matches!(scope.kind, ScopeKind::Function | ScopeKind::Module) {
                break;
            }
        }
        Ok(())
    }

    /// Declares a function declaration in the current scope: var-like at the
    /// top level of a function or script, lexical elsewhere.
    pub fn declare_function(
        &mut self,
        name: &'a str,
        plain: bool,
        strict: bool,
        at: u32,
    ) -> PResult<()> {
        match self.stack.last_mut() {
            Some(s) if s.kind == ScopeKind::Function => {
                if let Some(b) = s.find_lexical(name) {
                    if b != Binding::Param {
                        return err(at, format!("identifier '{name}' has already been declared"));
                    }
                }
                s.add_var(name);
                Ok(())
            }
            _ => {
                let b = if plain {
                    Binding::Function
                } else {
                    Binding::OtherFunction
                };
                self.declare_lexical(name, b, strict, at)
            }
        }
    }

    /// Declares a lexical name (let/const/class/import/block function,
    /// parameters, catch parameters) in the current scope.
    pub fn declare_lexical(
        &mut self,
        name: &'a str,
        binding: Binding,
        strict: bool,
        at: u32,
    ) -> PResult<()> {
        let Some(scope) = self.stack.last_mut() else {
            return Ok(());
        };
        if let Some(old) = scope.find_lexical(name) {
            let ok = match (old, binding) {
                // B.3.2.4: duplicate plain function declarations in blocks in sloppy code.
                (Binding::Function, Binding::Function) => {
                    !strict && scope.kind != ScopeKind::Module
                }
                // Duplicate parameters are checked by the function parser.
                (Binding::Param, Binding::Param) => true,
                _ => false,
            };
            if !ok {
                return err(at, format!("identifier '{name}' has already been declared"));
            }
            return Ok(());
        }
        if !matches!(
            binding,
            Binding::Param | Binding::CatchSimple | Binding::CatchPattern
        ) && scope.has_var(name)
        {
            return err(at, format!("identifier '{name}' has already been declared"));
        }
        scope.add_lexical(name, binding);
        Ok(())
    }

    /// Whether the outermost (module/script) scope declares `name`,
    /// lexically or as a var (for export checks).
    pub fn top_declares(&self, name: &str) -> bool {
        self.stack
            .first()
            .is_some_and(|s| s.find_lexical(name).is_some() || s.has_var(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_names_use_the_index() {
        let names: Vec<String> = (0..100).map(|i| format!("v{i}")).collect();
        let mut s = Scopes::new();
        s.push(ScopeKind::Function);
        for n in &names {
            s.declare_lexical(n, Binding::Let, true, 0).unwrap();
            s.declare_var(Box::leak(format!("w{n}").into_boxed_str()), 0)
                .unwrap();
        }
        assert!(s.declare_lexical("v57", Binding::Let, true, 0).is_err());
        assert!(s.declare_var("v99", 0).is_err());
        assert!(s.declare_lexical("wv3", Binding::Const, true, 0).is_err());
        assert!(s.top_declares("v0") && s.top_declares("wv99") && !s.top_declares("x"));
    }
}
