//! `deploy.sh`: the fleet's rollout with the stock AWS CLI, wave by wave,
//! either one `aws cloudformation deploy` per stack or, with
//! `--stack-sets`, one stack set per tenant administered from the home
//! region (`create-stack-set`, `create-stack-instances` with the tenant's
//! values as per-account overrides and the fleet's operation
//! preferences). The script itself is `templates/fleet-deploy.sh.j2`;
//! every value reaches it shell-quoted from here.

use minijinja::context;
use serde::Serialize;

use super::json_string::push_quoted;
use super::manifest::by_wave;
use super::{Fleet, Tenant};
use framework::error::StackError;
use stacks::shared::templates::render;

const DEPLOY_TEMPLATE: &str = include_str!("../../../templates/fleet-deploy.sh.j2");

#[derive(Serialize)]
struct Wave {
    number: u32,
    stacks: Vec<Stack>,
    stack_sets: Vec<StackSet>,
}

/// One `aws cloudformation deploy`: a tenant in one region.
#[derive(Serialize)]
struct Stack {
    function: String,
    label: String,
    /// `ACCOUNT REGION STACK TEMPLATE KEY=VALUE...`, shell-quoted.
    arguments: String,
}

/// One tenant's stack set.
#[derive(Serialize)]
struct StackSet {
    function: String,
    label: String,
    /// `ACCOUNT SET TEMPLATE PARAMETERS OVERRIDES REGION...`, shell-quoted.
    arguments: String,
}

/// The deploy script for `fleet`, read from `source`.
pub fn deploy(fleet: &Fleet, source: &str) -> Result<String, StackError> {
    let mut waves: Vec<Wave> = Vec::new();
    let (mut stack_count, mut set_count) = (0, 0);
    for wave_tenants in by_wave(fleet).chunk_by(|a, b| a.wave == b.wave) {
        let mut wave = Wave {
            number: wave_tenants[0].wave,
            stacks: Vec::new(),
            stack_sets: Vec::new(),
        };
        for tenant in wave_tenants {
            add_tenant(&mut wave, tenant, &mut stack_count, &mut set_count);
        }
        waves.push(wave);
    }
    render(
        DEPLOY_TEMPLATE,
        context! {
            source,
            home_region => shell_word(&fleet.region),
            failure_tolerance_count => fleet.stack_sets.failure_tolerance_count,
            max_concurrent_count => fleet.stack_sets.max_concurrent_count,
            waves,
        },
    )
}

/// `tenant`'s stacks (one per region) and stack set, numbered on from the
/// counts so far.
fn add_tenant(wave: &mut Wave, tenant: &Tenant, stack_count: &mut usize, set_count: &mut usize) {
    for region in &tenant.regions {
        let mut arguments = vec![
            tenant.account.clone(),
            region.clone(),
            tenant.stack_name(),
            tenant.template_path(),
        ];
        arguments.extend(
            tenant
                .parameters
                .iter()
                .map(|(key, value)| format!("{key}={value}")),
        );
        *stack_count += 1;
        wave.stacks.push(Stack {
            function: format!("stack_{stack_count}"),
            label: shell_word(&format!("{} in {region} ({})", tenant.name, tenant.account)),
            arguments: shell_words(&arguments),
        });
    }
    let mut arguments = vec![
        tenant.account.clone(),
        tenant.stack_name(),
        tenant.template_path(),
        parameters_json(tenant.parameters.iter()),
        parameters_json(
            tenant
                .parameters
                .iter()
                .filter(|(key, _)| tenant.own_parameters.contains_key(*key)),
        ),
    ];
    arguments.extend(tenant.regions.iter().cloned());
    *set_count += 1;
    wave.stack_sets.push(StackSet {
        function: format!("stack_set_{set_count}"),
        label: shell_word(&format!("{} ({})", tenant.name, tenant.account)),
        arguments: shell_words(&arguments),
    });
}

/// `[{"ParameterKey": ..., "ParameterValue": ...}]`, as the CLI's
/// `--parameters` and `--parameter-overrides` of StackSets take them.
fn parameters_json<'a>(parameters: impl Iterator<Item = (&'a String, &'a String)>) -> String {
    let mut out = String::from("[");
    for (index, (key, value)) in parameters.enumerate() {
        if index > 0 {
            out.push(',');
        }
        out.push_str("{\"ParameterKey\":");
        push_quoted(&mut out, key);
        out.push_str(",\"ParameterValue\":");
        push_quoted(&mut out, value);
        out.push('}');
    }
    out.push(']');
    out
}

fn shell_words(words: &[String]) -> String {
    words
        .iter()
        .map(|word| shell_word(word))
        .collect::<Vec<_>>()
        .join(" ")
}

/// `word` as one shell word: plain when it is made of characters no shell
/// treats specially, else single-quoted.
pub fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_./:=@,+-%".contains(&b));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameter_lists_are_the_json_the_cli_reads() {
        let parameters: Vec<(String, String)> = vec![
            ("VpcId".to_string(), "vpc-0123".to_string()),
            ("Url".to_string(), "https://a.example.com/\"x\"".to_string()),
        ];
        let json = parameters_json(parameters.iter().map(|(key, value)| (key, value)));
        let expected: Vec<serde_json::Value> = parameters
            .iter()
            .map(|(key, value)| serde_json::json!({"ParameterKey": key, "ParameterValue": value}))
            .collect();
        assert_eq!(json, serde_json::Value::Array(expected).to_string());
        assert_eq!(parameters_json(std::iter::empty()), "[]");
    }

    #[test]
    fn words_are_quoted_only_when_needed() {
        assert_eq!(shell_word("VpcId=vpc-0123"), "VpcId=vpc-0123");
        assert_eq!(shell_word("a b"), "'a b'");
        assert_eq!(shell_word("it's"), r"'it'\''s'");
        assert_eq!(shell_word("$HOME"), "'$HOME'");
        assert_eq!(shell_word(""), "''");
    }
}
