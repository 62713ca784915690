//! Rendering the minijinja templates under `templates/` that ship inside
//! the binary (`include_str!`): documents for people, and function source
//! code that stacks inline into their templates.
//!
//! Each bundled template is compiled once per process and kept: a fleet
//! renders the same runbook for every tenant, and compiling it again each
//! time cost more than rendering it.

use std::sync::{OnceLock, PoisonError, RwLock};

use minijinja::Environment;

use framework::error::StackError;

/// The bundled templates compiled so far, named by their source's address
/// (each is a distinct `include_str!` constant).
fn environment() -> &'static RwLock<Environment<'static>> {
    static ENVIRONMENT: OnceLock<RwLock<Environment<'static>>> = OnceLock::new();
    ENVIRONMENT.get_or_init(|| {
        let mut environment = Environment::new();
        environment.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        RwLock::new(environment)
    })
}

/// Renders a bundled template. An undefined variable is an error, and the
/// bundled templates are covered by tests, so a failure is a bug: reported
/// as [`StackError::Internal`], not a panic.
pub fn render(source: &'static str, context: minijinja::Value) -> Result<String, StackError> {
    let internal =
        |e: minijinja::Error| StackError::Internal(format!("rendering a bundled template: {e:#}"));
    let name = format!("{:p}", source.as_ptr());
    let environment = environment();
    let compiled = environment
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .get_template(&name)
        .is_ok();
    if !compiled {
        environment
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .add_template_owned(name.clone(), source)
            .map_err(internal)?;
    }
    let mut text = environment
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .get_template(&name)
        .and_then(|template| template.render(context))
        .map_err(internal)?;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    Ok(text)
}
