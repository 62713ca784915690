//! `worker`: synth's whole command line over one stack of our own.
//!
//! `cargo run -- worker --config worker.yaml` prints the template;
//! `schema worker`, `diff` and `diagram` work as they do in synth.

fn main() -> std::process::ExitCode {
    synth::run(
        &[&own_stack::WorkerStack],
        &[],
        std::env::args_os(),
        &mut std::io::stdout().lock(),
        &mut std::io::stderr(),
    )
}
