//! Every stack this project deploys, in the order `synth --help` lists
//! them. Adding a system is implementing [`crate::Stack`] in its module and
//! one line here; the command line, `synth schema`, `synth examples` (and
//! so `cargo xtask deploy-test`), the example snapshots, `cargo xtask lint`
//! and the benchmarks all enumerate this list.

use crate::stack::AnyStack;
use crate::{adology, dataspace, edge, schedules, tenant};

/// The registered stacks.
pub static ALL: &[&dyn AnyStack] = &[
    &tenant::TenantStack,
    &schedules::SchedulesStack,
    &edge::EdgeStack,
    &dataspace::DataspaceStack,
    &adology::AdologyStack,
];

/// The stack whose verb is `verb` among `stacks`.
pub fn find<'a>(stacks: &[&'a dyn AnyStack], verb: &str) -> Option<&'a dyn AnyStack> {
    stacks.iter().copied().find(|stack| stack.verb() == verb)
}
