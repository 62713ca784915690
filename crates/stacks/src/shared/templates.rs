//! Rendering the minijinja templates under `templates/` that ship inside
//! the binary (`include_str!`): documents for people, and function source
//! code that stacks inline into their templates.

use minijinja::Environment;

use crate::error::StackError;

/// Renders a bundled template. An undefined variable is an error, and the
/// bundled templates are covered by tests, so a failure is a bug: reported
/// as [`StackError::Internal`], not a panic.
pub fn render(source: &str, context: minijinja::Value) -> Result<String, StackError> {
    let mut environment = Environment::new();
    environment.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    let mut text = environment
        .render_str(source, context)
        .map_err(|e| StackError::Internal(format!("rendering a bundled template: {e:#}")))?;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    Ok(text)
}
