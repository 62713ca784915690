//! The `synth` binary: [`synth::run`] over this repository's systems (every
//! registered stack, `synth fleet` and `synth import`), on the process's arguments,
//! standard output and standard error.

use std::process::ExitCode;

/// mimalloc rather than the system allocator: a fleet builds and drops
/// millions of small strings and nodes across both cores, and glibc's
/// malloc took a third of `synth fleet`'s time (issue 13).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Standard error is passed unlocked: `synth fleet`'s progress bar draws
/// to it from the threads that build tenants, and a lock held here for
/// the whole run would make them wait for it forever.
fn main() -> ExitCode {
    synth::run(
        stacks::registry::ALL,
        &[&fleet::FleetCommand, &import::ImportCommand],
        std::env::args_os(),
        &mut std::io::stdout().lock(),
        &mut std::io::stderr(),
    )
}
