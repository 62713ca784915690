//! Every stack this project deploys, in the order `synth --help` lists
//! them. Adding a system is implementing [`framework::Stack`] in its module and
//! one line here; the command line, `synth schema`, `synth examples` (and
//! so `cargo xtask deploy-test`), the example snapshots, `cargo xtask lint`
//! and the benchmarks all enumerate this list.

use crate::{adology, dataspace, edge, schedules, tenant};
use framework::AnyStack;

/// The registered stacks.
pub static ALL: &[&dyn AnyStack] = &[
    &tenant::TenantStack,
    &schedules::SchedulesStack,
    &edge::EdgeStack,
    &dataspace::DataspaceStack,
    &adology::AdologyStack,
];
