//! The seed's GitHub Actions workflow (`.github/workflows/deploy-to-ecs.yml`),
//! rendered per environment from `templates/dataspace-deploy.yml.j2`: it
//! runs `synth` for the template, deploys it with the stock AWS CLI
//! (`aws cloudformation deploy --no-fail-on-empty-changeset`), builds and
//! pushes the image to the stack's repository, and deploys again with the
//! image's tag, which rolls the services.
//!
//! The workflow lives in the app's repository (the seed's layout: the
//! Dockerfile at the root); it checks out synth's repository beside it
//! (`vars.SYNTH_REPOSITORY`) and builds synth there, cached.
//!
//! Deviation from the seed: the seed's access keys in repository secrets
//! become a role the workflow assumes through GitHub's OIDC provider, so no
//! long-lived AWS key exists to leak; the repository secrets hold only the
//! role's ARN and the region. The seed's other secrets (database and search
//! passwords, the Django key, cluster and service names) are not needed:
//! the stack makes or manages them.

use std::path::{Component, Path};

use constructs::Template;
use minijinja::context;

use super::config::Environment;
use super::names::Names;
use crate::shared::templates::render;
use framework::error::StackError;

const TEMPLATE: &str = include_str!("../../../../templates/dataspace-deploy.yml.j2");

/// The branch whose pushes deploy `environment`: the seed deploys `dev`
/// from `dev`; `staging` follows its branch, prod follows `main`.
pub fn branch(environment: Environment) -> &'static str {
    match environment {
        Environment::Dev => "dev",
        Environment::Staging => "staging",
        Environment::Prod => "main",
    }
}

/// The workflow deploying `template`, `names`' environment. `config_path`
/// is the config file the workflow passes to `synth`, which must lie
/// inside synth's repository (the workflow checks it out as `synth/`), so
/// it is given relative to it. A parameter without a default (an existing
/// VPC's IDs the config left out) comes from the repository variable of
/// its name in upper snake case (`VpcId` from `vars.VPC_ID`).
pub fn render_workflow(
    names: &Names,
    template: &Template,
    config_path: Option<&Path>,
) -> Result<String, StackError> {
    let environment = names.environment();
    let mut synth_arguments = format!("dataspace --env {}", environment.as_str());
    if let Some(path) = config_path {
        synth_arguments.push_str(&format!(" --config {}", checkout_path(path)?));
    }
    let parameters: Vec<minijinja::Value> = template
        .required_parameter_ids()
        .map(|id| {
            context! {
                name => id.to_string(),
                variable => upper_snake_case(id.as_str()),
            }
        })
        .collect();
    render(
        TEMPLATE,
        context! {
            environment => environment.as_str(),
            stack => names.prefix(),
            branch => branch(environment),
            synth_arguments => synth_arguments,
            parameters => parameters,
        },
    )
}

/// `path` inside the runner's checkout of synth, quoted for the shell line
/// of the workflow's `run:` (a plain YAML scalar): `'synth/my config.yaml'`.
fn checkout_path(path: &Path) -> Result<String, StackError> {
    let refuse = |rule: &str| StackError::InvalidInput {
        field: "--config".to_string(),
        rule: rule.to_string(),
        given: path.display().to_string(),
    };
    if path.is_absolute() || path.components().any(|part| part == Component::ParentDir) {
        return Err(refuse(
            "must be relative to synth's repository and inside it, for --emit github-workflow \
             (the workflow checks it out as synth/)",
        ));
    }
    let text = path.to_str().ok_or_else(|| refuse("must be UTF-8"))?;
    // Inside single quotes the shell takes every character as it is but
    // the quote itself; YAML would end the plain scalar at ` #` or `: `.
    if text.contains(['\'', '\n', '\r']) || text.contains(" #") || text.contains(": ") {
        return Err(refuse(
            "must not hold a quote, a line break, \" #\" or \": \" for --emit github-workflow \
             (it goes into the workflow's shell line)",
        ));
    }
    Ok(format!("'synth/{text}'"))
}

/// `PrivateSubnetIds` as `PRIVATE_SUBNET_IDS`.
fn upper_snake_case(name: &str) -> String {
    let mut out = String::new();
    for (index, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() && index > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_uppercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameter_names_become_variable_names() {
        assert_eq!(upper_snake_case("VpcId"), "VPC_ID");
        assert_eq!(upper_snake_case("PrivateSubnetIds"), "PRIVATE_SUBNET_IDS");
    }

    #[test]
    fn config_paths_are_quoted_for_the_shell() {
        assert_eq!(
            checkout_path(Path::new("configs/my config.yaml")).unwrap(),
            "'synth/configs/my config.yaml'"
        );
    }

    #[test]
    fn config_paths_outside_the_checkout_or_unquotable_are_refused() {
        for path in [
            "/etc/dataspace.yaml",
            "../dataspace.yaml",
            "it's.yaml",
            "a #b.yaml",
        ] {
            let Err(StackError::InvalidInput { field, given, .. }) = checkout_path(Path::new(path))
            else {
                panic!("{path} was accepted");
            };
            assert_eq!((field.as_str(), given.as_str()), ("--config", path));
        }
    }
}
