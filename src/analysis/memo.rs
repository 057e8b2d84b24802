//! Results worked out per module, kept between analyses of an edited project (the
//! language server): a module whose IR is the same object as last time keeps its
//! result, so that a pass over every body costs the edited modules only.
//!
//! A result may name functions and classes of its own module only (by index), and
//! holds only while the program's modules keep their positions (no file added or
//! removed); the project starts afresh when they do not.

use std::sync::Arc;

use rayon::prelude::*;

use super::Program;
use crate::ir::Module;

/// One result per module of the program.
pub struct PerModule<T> {
    /// The module each result was worked out from (kept alive, so that it cannot be
    /// mistaken for a new module at the same address), what else it was worked out
    /// from (a hash), and the result.
    slots: Vec<Option<(Arc<Module>, u64, T)>>,
}

impl<T> Default for PerModule<T> {
    fn default() -> Self {
        PerModule { slots: Vec::new() }
    }
}

impl<T: Send> PerModule<T> {
    /// The result for each module of `program`, in module order, working out those
    /// of modules that changed (or are new) with `compute(module index)`, side by
    /// side on the current thread pool.
    pub fn results(
        &mut self,
        program: &Program,
        compute: impl Fn(u32) -> T + Sync,
    ) -> Results<'_, T> {
        self.results_keyed(program, |_| 0, compute)
    }

    /// [`PerModule::results`] for results that also depend on more than their
    /// module: `key(module index)` hashes it, and a result is worked out again when
    /// its key changed.
    pub fn results_keyed(
        &mut self,
        program: &Program,
        key: impl Fn(u32) -> u64,
        compute: impl Fn(u32) -> T + Sync,
    ) -> Results<'_, T> {
        self.slots.resize_with(program.modules.len(), || None);
        let stale: Vec<(usize, u64)> = self
            .slots
            .iter()
            .enumerate()
            .map(|(m, slot)| (m, slot, key(m as u32)))
            .filter(|(m, slot, key)| {
                !slot
                    .as_ref()
                    .is_some_and(|(old, k, _)| Arc::ptr_eq(old, &program.modules[*m]) && k == key)
            })
            .map(|(m, _, key)| (m, key))
            .collect();
        // Each computation walks a module's bodies recursively: the deep stack
        // wherever it runs.
        let computed: Vec<T> = stale
            .par_iter()
            .map(|&(m, _)| crate::frontend::with_deep_stack(|| compute(m as u32)))
            .collect();
        for ((m, key), result) in stale.into_iter().zip(computed) {
            self.slots[m] = Some((program.modules[m].clone(), key, result));
        }
        Results(self.slots.iter())
    }
}

/// The results of [`PerModule`], in module order.
pub struct Results<'a, T>(std::slice::Iter<'a, Option<(Arc<Module>, u64, T)>>);

impl<'a, T> Iterator for Results<'a, T> {
    type Item = &'a T;

    fn next(&mut self) -> Option<&'a T> {
        self.0.by_ref().flatten().next().map(|(_, _, r)| r)
    }
}

/// The per-module results the passes after the taint analysis keep.
#[derive(Default)]
pub struct Memos {
    /// What `Prompts` finds walking each module's bodies.
    pub prompts: PerModule<super::prompts::ModuleWalk>,
    /// The names each module's bodies refer to (`Rights`: live functions).
    pub names: PerModule<Vec<Box<str>>>,
    /// The functions of each module that call a method of `[[rates]]`,
    /// `[[schedules]]` or `[[waits]]` (PI203).
    pub rates: PerModule<Vec<crate::ir::FuncIdx>>,
    /// What `Rights` finds in each module's bodies.
    pub rights: PerModule<super::rights::ModuleScan>,
}

impl Memos {
    /// Works out what does not depend on the taint analysis (prompts' walks, the
    /// names bodies refer to, PI203's candidates), so that it can run beside it.
    pub fn prefill(&mut self, program: &Program, k: &crate::knowledge::Knowledge) {
        super::prompts::walk_modules(program, k, &mut self.prompts).for_each(drop);
        super::rights::referenced_names(program, &mut self.names).for_each(drop);
        crate::rules::frequency::rate_callers(program, k, &mut self.rates).for_each(drop);
    }
}
