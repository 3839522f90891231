//! Realms and their intrinsics (ECMAScript 9.3), and the agent-wide
//! well-known symbols (6.1.5.1).
//!
//! Realm creation (CreateRealm + SetRealmGlobalObject + SetDefaultGlobalBindings)
//! first allocates every prototype object and placeholder constructor listed
//! in `Intrinsics` so that built-in modules can refer to each other's
//! prototypes, then calls each built-in module's `init` (see
//! `builtins::init_realm`), which defines the methods and replaces the
//! constructor placeholders with the real constructors.
//!
//! The global environment record is the interpreter's `Environment` type;
//! realm creation asks for it through
//! `Environment::new_global_env(vm: &mut Vm, global: ObjId) -> EnvId`, an
//! inherent associated function the interpreter helper defines.
//!
//! OWNER: engine-core helper. Anyone may append fields to `Intrinsics`
//! (and must add them to `Intrinsics::for_each`; a unit test checks the
//! count).

use crate::error::JsError;
use crate::function::CallArgs;
use crate::heap::{Heap, Symbol, Tracer};
use crate::interp::env::Environment;
use crate::object::kind::{NativeFunction, ObjectKind};
use crate::object::{flags, Object};
use crate::string::{Flat, JsString};
use crate::value::{EnvId, ObjId, RealmId, SymId, Value};
use crate::vm::Vm;

/// The well-known symbols, shared by all realms of a `Vm`.
#[derive(Clone, Copy, Debug)]
pub struct WellKnownSymbols {
    pub async_iterator: SymId,
    pub has_instance: SymId,
    pub is_concat_spreadable: SymId,
    pub iterator: SymId,
    pub match_: SymId,
    pub match_all: SymId,
    pub replace: SymId,
    pub search: SymId,
    pub species: SymId,
    pub split: SymId,
    pub to_primitive: SymId,
    pub to_string_tag: SymId,
    pub unscopables: SymId,
    /// Symbol.asyncDispose and Symbol.dispose (explicit resource management).
    pub async_dispose: SymId,
    pub dispose: SymId,
}

impl WellKnownSymbols {
    /// Allocates the well-known symbols (descriptions "Symbol.iterator" ...).
    pub(crate) fn allocate(heap: &mut Heap) -> WellKnownSymbols {
        let mut mk = |name: &str| {
            let d = heap.alloc_string(JsString::flat(Flat::from_rust(&format!("Symbol.{name}"))));
            heap.alloc_symbol(Symbol {
                description: Some(d),
                registered: false,
            })
        };
        WellKnownSymbols {
            async_iterator: mk("asyncIterator"),
            has_instance: mk("hasInstance"),
            is_concat_spreadable: mk("isConcatSpreadable"),
            iterator: mk("iterator"),
            match_: mk("match"),
            match_all: mk("matchAll"),
            replace: mk("replace"),
            search: mk("search"),
            species: mk("species"),
            split: mk("split"),
            to_primitive: mk("toPrimitive"),
            to_string_tag: mk("toStringTag"),
            unscopables: mk("unscopables"),
            async_dispose: mk("asyncDispose"),
            dispose: mk("dispose"),
        }
    }
    /// All of them, in spec table order.
    pub fn all(&self) -> [SymId; 15] {
        [
            self.async_iterator,
            self.has_instance,
            self.is_concat_spreadable,
            self.iterator,
            self.match_,
            self.match_all,
            self.replace,
            self.search,
            self.species,
            self.split,
            self.to_primitive,
            self.to_string_tag,
            self.unscopables,
            self.async_dispose,
            self.dispose,
        ]
    }
}

/// The intrinsic objects of one realm (ECMAScript 6.1.7.4, Table 6).
/// Native error constructors and prototypes are indexed by
/// `ErrorKind as usize`.
#[derive(Clone, Debug)]
pub struct Intrinsics {
    pub object: ObjId,
    pub object_prototype: ObjId,
    pub function: ObjId,
    pub function_prototype: ObjId,
    pub array: ObjId,
    pub array_prototype: ObjId,
    pub array_prototype_values: ObjId,
    pub iterator: ObjId,
    pub iterator_prototype: ObjId,
    pub array_iterator_prototype: ObjId,
    pub string: ObjId,
    pub string_prototype: ObjId,
    pub string_iterator_prototype: ObjId,
    pub number: ObjId,
    pub number_prototype: ObjId,
    pub boolean: ObjId,
    pub boolean_prototype: ObjId,
    pub symbol: ObjId,
    pub symbol_prototype: ObjId,
    pub errors: [ObjId; 8],
    pub error_prototypes: [ObjId; 8],
    pub regexp: ObjId,
    pub regexp_prototype: ObjId,
    pub regexp_string_iterator_prototype: ObjId,
    pub date: ObjId,
    pub date_prototype: ObjId,
    pub map: ObjId,
    pub map_prototype: ObjId,
    pub map_iterator_prototype: ObjId,
    pub set: ObjId,
    pub set_prototype: ObjId,
    pub set_iterator_prototype: ObjId,
    pub weak_map: ObjId,
    pub weak_map_prototype: ObjId,
    pub weak_set: ObjId,
    pub weak_set_prototype: ObjId,
    pub weak_ref: ObjId,
    pub weak_ref_prototype: ObjId,
    pub proxy: ObjId,
    pub reflect: ObjId,
    pub math: ObjId,
    pub json: ObjId,
    pub eval: ObjId,
    /// %ThrowTypeError% (10.2.4.1).
    pub throw_type_error: ObjId,
    pub finalization_registry: ObjId,
    pub finalization_registry_prototype: ObjId,
    /// %SuppressedError% and its prototype (explicit resource management).
    pub suppressed_error: ObjId,
    pub suppressed_error_prototype: ObjId,
    // Coroutines, promises and iterator helpers.
    /// %GeneratorFunction%.
    pub generator_function: ObjId,
    /// %GeneratorFunction.prototype%.
    pub generator_function_prototype: ObjId,
    /// %GeneratorPrototype%.
    pub generator_prototype: ObjId,
    /// %AsyncFunction%.
    pub async_function: ObjId,
    pub async_function_prototype: ObjId,
    /// %AsyncGeneratorFunction%.
    pub async_generator_function: ObjId,
    pub async_generator_function_prototype: ObjId,
    /// %AsyncIteratorPrototype%.
    pub async_iterator_prototype: ObjId,
    /// %AsyncGeneratorPrototype%.
    pub async_generator_prototype: ObjId,
    /// %AsyncFromSyncIteratorPrototype%.
    pub async_from_sync_iterator_prototype: ObjId,
    /// %Promise%.
    pub promise: ObjId,
    pub promise_prototype: ObjId,
    /// The getter of %Promise%[@@species] as installed (it returns its
    /// `this`): lets the promise built-ins see that SpeciesConstructor
    /// would get %Promise% back without calling it.
    pub promise_species_getter: ObjId,
    /// %Function.prototype%[@@hasInstance] as installed: `instanceof` that
    /// finds it runs OrdinaryHasInstance without the call.
    pub function_has_instance: ObjId,
    /// %IteratorHelperPrototype%.
    pub iterator_helper_prototype: ObjId,
    /// %WrapForValidIteratorPrototype%.
    pub wrap_for_valid_iterator_prototype: ObjId,
    // Structured data and typed arrays (see `builtins::array_buffer`,
    // `builtins::data_view`, `builtins::typed_array`).
    pub array_buffer: ObjId,
    pub array_buffer_prototype: ObjId,
    pub shared_array_buffer: ObjId,
    pub shared_array_buffer_prototype: ObjId,
    pub data_view: ObjId,
    pub data_view_prototype: ObjId,
    /// %TypedArray% and %TypedArray.prototype%.
    pub typed_array: ObjId,
    pub typed_array_prototype: ObjId,
    /// The concrete TypedArray constructors and their prototypes, indexed by
    /// `builtins::typed_array::ElementType as usize`.
    pub typed_array_constructors: [ObjId; crate::builtins::typed_array::ELEMENT_TYPE_COUNT],
    pub typed_array_prototypes: [ObjId; crate::builtins::typed_array::ELEMENT_TYPE_COUNT],
    /// %BigInt% and %BigInt.prototype% (see `builtins::bigint`).
    pub bigint: ObjId,
    pub bigint_prototype: ObjId,
    /// %Atomics% (see `builtins::atomics`).
    pub atomics: ObjId,
}

/// One realm.
pub struct Realm {
    pub intrinsics: Intrinsics,
    pub global_object: ObjId,
    /// The global environment (object record + declarative record for
    /// top-level let/const/class).
    pub global_env: EnvId,
    /// The host's module loader (HostLoadImportedModule); see `module`.
    pub module_loader: Option<std::rc::Rc<dyn crate::module::ModuleLoader>>,
}

/// Number of `ObjId`s in `Intrinsics` (checked by a test against its size).
#[cfg(test)]
const INTRINSIC_COUNT: usize = 89 + 2 * crate::builtins::typed_array::ELEMENT_TYPE_COUNT;

impl Intrinsics {
    /// Calls `f` on every intrinsic (for the collector's roots).
    pub fn for_each(&self, mut f: impl FnMut(ObjId)) {
        let i = self;
        for o in [
            i.object,
            i.object_prototype,
            i.function,
            i.function_prototype,
            i.array,
            i.array_prototype,
            i.array_prototype_values,
            i.iterator,
            i.iterator_prototype,
            i.array_iterator_prototype,
            i.string,
            i.string_prototype,
            i.string_iterator_prototype,
            i.number,
            i.number_prototype,
            i.boolean,
            i.boolean_prototype,
            i.symbol,
            i.symbol_prototype,
            i.regexp,
            i.regexp_prototype,
            i.regexp_string_iterator_prototype,
            i.date,
            i.date_prototype,
            i.map,
            i.map_prototype,
            i.map_iterator_prototype,
            i.set,
            i.set_prototype,
            i.set_iterator_prototype,
            i.weak_map,
            i.weak_map_prototype,
            i.weak_set,
            i.weak_set_prototype,
            i.weak_ref,
            i.weak_ref_prototype,
            i.proxy,
            i.reflect,
            i.math,
            i.json,
            i.eval,
            i.throw_type_error,
            i.finalization_registry,
            i.finalization_registry_prototype,
            i.suppressed_error,
            i.suppressed_error_prototype,
            i.generator_function,
            i.generator_function_prototype,
            i.generator_prototype,
            i.async_function,
            i.async_function_prototype,
            i.async_generator_function,
            i.async_generator_function_prototype,
            i.async_iterator_prototype,
            i.async_generator_prototype,
            i.async_from_sync_iterator_prototype,
            i.promise,
            i.promise_prototype,
            i.promise_species_getter,
            i.function_has_instance,
            i.iterator_helper_prototype,
            i.wrap_for_valid_iterator_prototype,
            i.array_buffer,
            i.array_buffer_prototype,
            i.shared_array_buffer,
            i.shared_array_buffer_prototype,
            i.data_view,
            i.data_view_prototype,
            i.typed_array,
            i.typed_array_prototype,
            i.bigint,
            i.bigint_prototype,
            i.atomics,
        ] {
            f(o);
        }
        for &o in i.errors.iter().chain(i.error_prototypes.iter()) {
            f(o);
        }
        for &o in i
            .typed_array_constructors
            .iter()
            .chain(i.typed_array_prototypes.iter())
        {
            f(o);
        }
    }
}

impl Realm {
    pub(crate) fn trace(&self, t: &mut Tracer) {
        self.intrinsics.for_each(|o| t.mark_object(o));
        t.mark_object(self.global_object);
        if self.global_env.0 != u32::MAX {
            t.mark_env(self.global_env);
        }
    }
}

/// Used for placeholder constructors until a built-in module installs the
/// real one, and for %Function.prototype% (which returns undefined).
fn placeholder_function(_vm: &mut Vm, _args: &CallArgs) -> crate::error::JsResult<Value> {
    Err(JsError::type_error("not yet supported: this built-in"))
}

fn function_prototype_call(_vm: &mut Vm, _args: &CallArgs) -> crate::error::JsResult<Value> {
    Ok(Value::Undefined)
}

/// %ThrowTypeError% (10.2.4.1).
fn throw_type_error(_vm: &mut Vm, _args: &CallArgs) -> crate::error::JsResult<Value> {
    Err(JsError::type_error(
        "'caller', 'callee', and 'arguments' properties may not be accessed on strict mode functions or the arguments objects for calls to them",
    ))
}

impl Vm {
    /// CreateRealm + SetRealmGlobalObject + SetDefaultGlobalBindings
    /// (9.3.1, 9.3.3, 9.3.4): allocates every intrinsic (prototypes as their
    /// spec kinds, placeholder constructors), the global object and global
    /// environment, then runs every built-in module's `init`.
    pub(crate) fn create_realm_record(&mut self) -> RealmId {
        let id = RealmId(self.realms.len() as u32);
        fn alloc(vm: &mut Vm, kind: ObjectKind, proto: Option<ObjId>) -> ObjId {
            vm.heap.alloc_object(Object::new(kind, proto))
        }
        let native = |f: crate::function::NativeFn| {
            ObjectKind::Function(NativeFunction {
                f,
                realm: id,
                slots: crate::object::kind::NativeSlots::new(),
            })
        };
        let object_prototype = alloc(self, ObjectKind::Ordinary, None);
        let function_prototype = alloc(
            self,
            native(function_prototype_call),
            Some(object_prototype),
        );
        let op = Some(object_prototype);
        let fp = Some(function_prototype);
        let ctor = |vm: &mut Vm| alloc(vm, native(placeholder_function), fp);
        let object = ctor(self);
        let function = ctor(self);
        let array = ctor(self);
        let array_prototype_values = ctor(self);
        let iterator = ctor(self);
        let string = ctor(self);
        let number = ctor(self);
        let boolean = ctor(self);
        let symbol = ctor(self);
        let regexp = ctor(self);
        let date = ctor(self);
        let map = ctor(self);
        let set = ctor(self);
        let weak_map = ctor(self);
        let weak_set = ctor(self);
        let weak_ref = ctor(self);
        let proxy = ctor(self);
        let eval = ctor(self);
        let finalization_registry = ctor(self);
        let suppressed_error = ctor(self);
        let generator_function = ctor(self);
        let async_function = ctor(self);
        let async_generator_function = ctor(self);
        let promise = ctor(self);
        let array_buffer = ctor(self);
        let shared_array_buffer = ctor(self);
        let data_view = ctor(self);
        let typed_array = ctor(self);
        let bigint = ctor(self);
        let typed_array_constructors: [ObjId; crate::builtins::typed_array::ELEMENT_TYPE_COUNT] =
            std::array::from_fn(|_| ctor(self));
        let throw_type_error_fn = alloc(self, native(throw_type_error), fp);
        let errors: [ObjId; 8] = std::array::from_fn(|_| ctor(self));
        let empty = self.empty_string;
        let mut alloc = |kind: ObjectKind, proto: Option<ObjId>| alloc(self, kind, proto);
        let array_prototype = alloc(
            ObjectKind::Array {
                length: 0,
                length_writable: true,
            },
            op,
        );
        let iterator_prototype = alloc(ObjectKind::Ordinary, op);
        let ip = Some(iterator_prototype);
        let array_iterator_prototype = alloc(ObjectKind::Ordinary, ip);
        let string_prototype = alloc(ObjectKind::String(empty), op);
        let string_iterator_prototype = alloc(ObjectKind::Ordinary, ip);
        let number_prototype = alloc(ObjectKind::Number(0.0), op);
        let boolean_prototype = alloc(ObjectKind::Boolean(false), op);
        let symbol_prototype = alloc(ObjectKind::Ordinary, op);
        let error_prototype = alloc(ObjectKind::Ordinary, op);
        let mut error_prototypes = [error_prototype; 8];
        for p in error_prototypes.iter_mut().skip(1) {
            *p = alloc(ObjectKind::Ordinary, Some(error_prototype));
        }
        let regexp_prototype = alloc(ObjectKind::Ordinary, op);
        let regexp_string_iterator_prototype = alloc(ObjectKind::Ordinary, ip);
        let date_prototype = alloc(ObjectKind::Ordinary, op);
        let map_prototype = alloc(ObjectKind::Ordinary, op);
        let map_iterator_prototype = alloc(ObjectKind::Ordinary, ip);
        let set_prototype = alloc(ObjectKind::Ordinary, op);
        let set_iterator_prototype = alloc(ObjectKind::Ordinary, ip);
        let weak_map_prototype = alloc(ObjectKind::Ordinary, op);
        let weak_set_prototype = alloc(ObjectKind::Ordinary, op);
        let weak_ref_prototype = alloc(ObjectKind::Ordinary, op);
        let finalization_registry_prototype = alloc(ObjectKind::Ordinary, op);
        let suppressed_error_prototype = alloc(ObjectKind::Ordinary, Some(error_prototype));
        let generator_function_prototype = alloc(ObjectKind::Ordinary, fp);
        let generator_prototype = alloc(ObjectKind::Ordinary, ip);
        let async_function_prototype = alloc(ObjectKind::Ordinary, fp);
        let async_generator_function_prototype = alloc(ObjectKind::Ordinary, fp);
        let async_iterator_prototype = alloc(ObjectKind::Ordinary, op);
        let async_generator_prototype = alloc(ObjectKind::Ordinary, Some(async_iterator_prototype));
        let async_from_sync_iterator_prototype =
            alloc(ObjectKind::Ordinary, Some(async_iterator_prototype));
        let promise_prototype = alloc(ObjectKind::Ordinary, op);
        let iterator_helper_prototype = alloc(ObjectKind::Ordinary, ip);
        let wrap_for_valid_iterator_prototype = alloc(ObjectKind::Ordinary, ip);
        let array_buffer_prototype = alloc(ObjectKind::Ordinary, op);
        let shared_array_buffer_prototype = alloc(ObjectKind::Ordinary, op);
        let data_view_prototype = alloc(ObjectKind::Ordinary, op);
        let typed_array_prototype = alloc(ObjectKind::Ordinary, op);
        let typed_array_prototypes: [ObjId; crate::builtins::typed_array::ELEMENT_TYPE_COUNT] =
            std::array::from_fn(|_| alloc(ObjectKind::Ordinary, Some(typed_array_prototype)));
        let bigint_prototype = alloc(ObjectKind::Ordinary, op);
        let atomics = alloc(ObjectKind::Ordinary, op);
        let reflect = alloc(ObjectKind::Ordinary, op);
        let math = alloc(ObjectKind::Ordinary, op);
        let json = alloc(ObjectKind::Ordinary, op);
        let global_object = alloc(ObjectKind::Ordinary, op);
        // %Object.prototype% is an immutable prototype exotic object.
        self.heap
            .obj_mut(object_prototype)
            .set_flag(flags::IMMUTABLE_PROTO, true);
        let intrinsics = Intrinsics {
            object,
            object_prototype,
            function,
            function_prototype,
            array,
            array_prototype,
            array_prototype_values,
            iterator,
            iterator_prototype,
            array_iterator_prototype,
            string,
            string_prototype,
            string_iterator_prototype,
            number,
            number_prototype,
            boolean,
            boolean_prototype,
            symbol,
            symbol_prototype,
            errors,
            error_prototypes,
            regexp,
            regexp_prototype,
            regexp_string_iterator_prototype,
            date,
            date_prototype,
            map,
            map_prototype,
            map_iterator_prototype,
            set,
            set_prototype,
            set_iterator_prototype,
            weak_map,
            weak_map_prototype,
            weak_set,
            weak_set_prototype,
            weak_ref,
            weak_ref_prototype,
            proxy,
            reflect,
            math,
            json,
            eval,
            throw_type_error: throw_type_error_fn,
            finalization_registry,
            finalization_registry_prototype,
            suppressed_error,
            suppressed_error_prototype,
            generator_function,
            generator_function_prototype,
            generator_prototype,
            async_function,
            async_function_prototype,
            async_generator_function,
            async_generator_function_prototype,
            async_iterator_prototype,
            async_generator_prototype,
            async_from_sync_iterator_prototype,
            promise,
            promise_prototype,
            // Set by `builtins::promise::init`.
            promise_species_getter: promise,
            // Set by `builtins::function::init`.
            function_has_instance: promise,
            iterator_helper_prototype,
            wrap_for_valid_iterator_prototype,
            array_buffer,
            array_buffer_prototype,
            shared_array_buffer,
            shared_array_buffer_prototype,
            data_view,
            data_view_prototype,
            typed_array,
            typed_array_prototype,
            typed_array_constructors,
            typed_array_prototypes,
            bigint,
            bigint_prototype,
            atomics,
        };
        self.realms.push(Realm {
            intrinsics,
            global_object,
            global_env: EnvId(u32::MAX),
            module_loader: None,
        });
        let saved = self.current_realm;
        self.current_realm = id;
        let env = Environment::new_global_env(self, global_object);
        self.realms[id.0 as usize].global_env = env;
        crate::builtins::init_realm(self, id);
        self.current_realm = saved;
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intrinsics_for_each_lists_every_field() {
        assert_eq!(
            std::mem::size_of::<Intrinsics>(),
            INTRINSIC_COUNT * std::mem::size_of::<ObjId>()
        );
    }
}
