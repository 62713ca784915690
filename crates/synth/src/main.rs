//! The `synth` binary: [`synth::run`] over every registered stack, on the
//! process's arguments, standard output and standard error.

use std::process::ExitCode;

fn main() -> ExitCode {
    synth::run(
        stacks::registry::ALL,
        std::env::args_os(),
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    )
}
