//! Steps 11 and 12 of the seed, which people do after the deploy: the
//! environment block for the OvalEdge UI and Job task definitions, and the
//! verification runbook, rendered per tenant from `templates/`.
//!
//! Synthesis stays offline: the environment block is built from the
//! stack's outputs as `aws cloudformation describe-stacks` printed them,
//! not by calling AWS. The access keys are referenced as ECS `secrets`
//! (`<secret ARN>:<JSON key>::`), never copied as values.

use indexmap::IndexMap;
use minijinja::context;
use serde::Serialize;

use super::names::{self, Names, TenantName};
use super::outputs::*;
use super::users::{ACCESS_KEY_ID_FIELD, SECRET_ACCESS_KEY_FIELD};
use super::TenantConfig;
use crate::shared::templates::render;
use framework::error::StackError;

const OVALEDGE_ENV_TEMPLATE: &str = include_str!("../../../../templates/ovaledge-env.json.j2");
const RUNBOOK_TEMPLATE: &str = include_str!("../../../../templates/runbook.md.j2");

/// UI/Job environment variables and the stack output each comes from.
const FROM_OUTPUTS: &[(&str, &str)] = &[
    ("EDGI_AI_FUNCTION_QUEUE", AI_FUNCTIONS_QUEUE_NAME),
    ("EDGI_AWS_REGION", REGION),
    ("EDGI_BUCKET_NAME", BUCKET_NAME),
    ("EDGI_CLIENT_PREFIX", CLIENT_PREFIX),
    ("EDGI_WORKSPACE_HOST", DATA_SERVICE_FAMILY),
    ("EDGI_WORKSPACE_NAMESPACE", NAMESPACE_NAME),
    ("EDGI_WORKSPACE_NAMESPACE_ID", NAMESPACE_ID),
    ("EDGI_CLUSTER_NAME", CLUSTER_NAME),
    ("EDGI_SUBNETS", SUBNETS),
    ("EDGI_SECURITY_GROUP", SECURITY_GROUP_ID),
    ("EDGI_STANDARD_DATATASK_FAMILYNAME", DATA_SERVICE_FAMILY),
    (
        "EDGI_MEDIUM_DATATASK_FAMILYNAME",
        DATA_SERVICE_MEDIUM_FAMILY,
    ),
    ("EDGI_LARGE_DATATASK_FAMILYNAME", DATA_SERVICE_XL_FAMILY),
];

/// UI/Job environment variables with fixed values (seed, step 11).
const FIXED: &[(&str, &str)] = &[
    ("EDGI_CONSUMER_CREDENTIAL_TYPE", "static"),
    ("EDGI_ENABLE", "true"),
    ("EDGI_WORKSPACE_DISCOVERY", "dynamic"),
    ("EDGI_ASSET_PATH", "/app/asset"),
];

/// UI/Job secrets: variable, output holding the secret's ARN, JSON key.
const SECRETS: &[(&str, &str, &str)] = &[
    (
        "BRIDGE_AWS_USER_ACCESS_KEY",
        BRIDGE_USER_ACCESS_KEY_SECRET_ARN,
        ACCESS_KEY_ID_FIELD,
    ),
    (
        "BRIDGE_AWS_USER_SECRET_KEY",
        BRIDGE_USER_ACCESS_KEY_SECRET_ARN,
        SECRET_ACCESS_KEY_FIELD,
    ),
    (
        "EDGI_AWS_ACCESS_ID",
        EDGI_USER_ACCESS_KEY_SECRET_ARN,
        ACCESS_KEY_ID_FIELD,
    ),
    (
        "EDGI_AWS_SECRET_KEY",
        EDGI_USER_ACCESS_KEY_SECRET_ARN,
        SECRET_ACCESS_KEY_FIELD,
    ),
];

#[derive(Serialize)]
struct Entry {
    name: &'static str,
    value: String,
}

/// The outputs of a deployed stack, read from `describe-stacks` JSON.
pub fn read_outputs(json: &str, source: &str) -> Result<IndexMap<String, String>, StackError> {
    let fail = |problem: String| StackError::Config {
        source: source.to_string(),
        problems: vec![problem],
    };
    let document: serde_json::Value = serde_json::from_str(json).map_err(|e| {
        fail(format!(
            "not the JSON `aws cloudformation describe-stacks` prints: {e}"
        ))
    })?;
    let outputs = document["Stacks"][0]["Outputs"]
        .as_array()
        .ok_or_else(|| fail("no /Stacks/0/Outputs array: is the stack deployed?".into()))?;
    outputs
        .iter()
        .map(
            |output| match (output["OutputKey"].as_str(), output["OutputValue"].as_str()) {
                (Some(key), Some(value)) => Ok((key.to_string(), value.to_string())),
                _ => Err(fail(format!(
                    "an output without OutputKey and OutputValue: {output}"
                ))),
            },
        )
        .collect()
}

/// The `environment` and `secrets` entries of the UI and Job container
/// definitions, as ECS container-definition JSON.
pub fn ovaledge_env(
    outputs: &IndexMap<String, String>,
    source: &str,
) -> Result<String, StackError> {
    let missing: Vec<String> = FROM_OUTPUTS
        .iter()
        .map(|(_, output)| *output)
        .chain(SECRETS.iter().map(|(_, output, _)| *output))
        .filter(|output| !outputs.contains_key(*output))
        .map(|output| {
            format!("missing output {output:?}: was this file made from an AskEdgi tenant stack?")
        })
        .collect();
    if !missing.is_empty() {
        let mut problems = missing;
        problems.dedup();
        return Err(StackError::Config {
            source: source.to_string(),
            problems,
        });
    }
    let mut environment: Vec<Entry> = FROM_OUTPUTS
        .iter()
        .map(|(name, output)| Entry {
            name,
            value: outputs[*output].clone(),
        })
        .chain(FIXED.iter().map(|(name, value)| Entry {
            name,
            value: value.to_string(),
        }))
        .collect();
    environment.sort_by_key(|entry| entry.name);
    let secrets: Vec<Entry> = SECRETS
        .iter()
        .map(|(name, output, key)| Entry {
            name,
            value: format!("{}:{key}::", outputs[*output]),
        })
        .collect();
    render(OVALEDGE_ENV_TEMPLATE, context! { environment, secrets })
}

/// The step 11 and 12 runbook with this tenant's names filled in.
pub fn runbook(tenant: &TenantName, config: &TenantConfig) -> Result<String, StackError> {
    let names = Names::new(tenant);
    let tenant = tenant.as_str();
    let cluster = config
        .existing_cluster_name
        .clone()
        .unwrap_or_else(|| names.literal(names::CLUSTER));
    let namespace = config
        .existing_namespace
        .as_ref()
        .map_or_else(|| names.namespace(), |existing| existing.name.clone());
    render(
        RUNBOOK_TEMPLATE,
        context! {
            tenant,
            stack_name => names::STACK.of(tenant),
            bucket => names::BUCKET.of(tenant).replace("${AWS::AccountId}", "<account-id>"),
            data_sync_queue => names.literal(names::DATA_SYNC_QUEUE),
            edgi_user => names.literal(names::EDGI_USER),
            bridge_user => names.literal(names::BRIDGE_USER),
            task_role => names.literal(names::TASK_ROLE),
            log_group => names.literal(names::LOG_GROUP),
            families => [names::DATA_SERVICE_FAMILY, names::DATA_SERVICE_MEDIUM_FAMILY, names::DATA_SERVICE_XL_FAMILY]
                .map(|family| names.literal(family)),
            cluster,
            namespace,
            recoverable_days => config.recoverable_days,
        },
    )
}
