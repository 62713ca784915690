//! The seed's GitHub Actions workflow (`.github/workflows/deploy-to-ecs.yml`),
//! rendered per environment from `templates/dataspace-deploy.yml.j2`: it
//! runs `synth` for the template, deploys it with the stock AWS CLI
//! (`aws cloudformation deploy --no-fail-on-empty-changeset`), builds and
//! pushes the image to the stack's repository, and deploys again with the
//! image's tag, which rolls the services.
//!
//! Deviation from the seed: the seed's access keys in repository secrets
//! become a role the workflow assumes through GitHub's OIDC provider, so no
//! long-lived AWS key exists to leak; the repository secrets hold only the
//! role's ARN and the region. The seed's other secrets (database and search
//! passwords, the Django key, cluster and service names) are not needed:
//! the stack makes or manages them.

use minijinja::context;

use super::config::Environment;
use super::names::Names;
use crate::shared::templates::render;

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

/// The workflow deploying `names`' environment. `config_path` is the
/// config file the workflow passes to `synth`, relative to the
/// repository's root, when there is one.
pub fn render_workflow(names: &Names, config_path: Option<&str>) -> String {
    let environment = names.environment();
    let mut synth_arguments = format!("dataspace --env {}", environment.as_str());
    if let Some(path) = config_path {
        synth_arguments.push_str(&format!(" --config {path}"));
    }
    render(
        TEMPLATE,
        context! {
            environment => environment.as_str(),
            stack => names.prefix(),
            branch => branch(environment),
            synth_arguments => synth_arguments,
        },
    )
}
