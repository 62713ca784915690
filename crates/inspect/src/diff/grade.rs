//! Grading a replacement or a removal by what it costs: data, or a failed
//! update.
//!
//! A resource that holds data (cfn-lint's `StatefulResources.json`) loses
//! it when CloudFormation deletes the old physical resource, which happens
//! on removal (by `DeletionPolicy`) and on replacement (by
//! `UpdateReplacePolicy`). A replacement that keeps a fixed physical name
//! fails instead: CloudFormation creates the new resource first, and the
//! name is still taken by the old one.

use constructs::aws::type_names as types;
use serde_json::Value;

use super::value::{compare, scalar_text, Context, Verdict};

/// What happens to the old resource's data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataFate {
    /// `Delete`: the data is gone.
    Lost,
    /// `Snapshot`: a snapshot is taken, then the resource is deleted.
    Snapshot,
    /// `Retain` or `RetainExceptOnCreate`: the old resource is kept,
    /// orphaned from the stack; the new one starts empty.
    Kept,
    /// The policy is computed (`Fn::If`...): which one applies is only
    /// known at deploy time.
    DependsOn(String),
}

/// The policy that decides a fate, and whether it was written or is
/// CloudFormation's default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    /// `DeletionPolicy` or `UpdateReplacePolicy`.
    pub attribute: &'static str,
    /// `Delete`, `Snapshot`, ..., or the computed value as JSON.
    pub value: String,
    /// Whether the policy is CloudFormation's default rather than written in the template.
    pub defaulted: bool,
}

/// The cost of replacing or removing one resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grade {
    /// The data's fate, for a resource that holds data.
    pub data: Option<(DataFate, Policy)>,
    /// The name property and value that make the replacement fail.
    pub fails: Option<(String, String)>,
}

impl Grade {
    /// Whether the grade makes the change destructive (exit code 3).
    pub fn destructive(&self) -> bool {
        self.data.is_some() || self.fails.is_some()
    }
}

/// Why the old physical resource goes away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loss {
    /// Removed from the template: `DeletionPolicy` of the old definition.
    Removal,
    /// Replaced: `UpdateReplacePolicy` of the new definition, the one the
    /// update applies.
    Replacement,
}

/// The data fate of a stateful resource leaving, `definition` being the
/// resource whose policy applies.
pub fn data_fate(definition: &Value, type_name: &str, loss: Loss) -> (DataFate, Policy) {
    let attribute = match loss {
        Loss::Removal => "DeletionPolicy",
        Loss::Replacement => "UpdateReplacePolicy",
    };
    let (value, defaulted) = match definition.get(attribute) {
        Some(Value::String(s)) => (s.clone(), false),
        Some(other) => {
            let text = other.to_string();
            return (
                DataFate::DependsOn(text.clone()),
                Policy {
                    attribute,
                    value: text,
                    defaulted: false,
                },
            );
        }
        None => (
            default_policy(definition, type_name, loss).to_string(),
            true,
        ),
    };
    let fate = match value.as_str() {
        "Snapshot" => DataFate::Snapshot,
        "Retain" | "RetainExceptOnCreate" => DataFate::Kept,
        _ => DataFate::Lost,
    };
    (
        fate,
        Policy {
            attribute,
            value,
            defaulted,
        },
    )
}

/// CloudFormation deletes by default, except that a removed RDS instance
/// outside a cluster (and a removed cluster) is snapshotted.
fn default_policy(definition: &Value, type_name: &str, loss: Loss) -> &'static str {
    let rds_snapshot = match type_name {
        types::rds::DB_CLUSTER => true,
        types::rds::DB_INSTANCE => definition["Properties"]
            .get("DBClusterIdentifier")
            .is_none(),
        _ => false,
    };
    if loss == Loss::Removal && rds_snapshot {
        "Snapshot"
    } else {
        "Delete"
    }
}

/// The name property and value when a replacement keeps the physical name
/// the template fixes (both sides set it to the same known value).
pub fn fixed_name(
    old: &Value,
    new: &Value,
    name_property: Option<&str>,
    context: &Context,
) -> Option<(String, String)> {
    let property = name_property?;
    let a = old["Properties"].get(property)?;
    let b = new["Properties"].get(property)?;
    (compare(a, b, context) == Verdict::Same).then(|| {
        let shown = match b {
            Value::String(_) | Value::Number(_) | Value::Bool(_) => scalar_text(b),
            other => other.to_string(),
        };
        (property.to_string(), shown)
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn fate(definition: Value, loss: Loss) -> DataFate {
        data_fate(&definition, types::s3::BUCKET, loss).0
    }

    #[test]
    fn each_policy_grades_the_data() {
        let removal = |p: &str| fate(json!({"DeletionPolicy": p}), Loss::Removal);
        assert_eq!(removal("Delete"), DataFate::Lost);
        assert_eq!(removal("Snapshot"), DataFate::Snapshot);
        assert_eq!(removal("Retain"), DataFate::Kept);
        assert_eq!(removal("RetainExceptOnCreate"), DataFate::Kept);
        let replacement = |p: &str| fate(json!({"UpdateReplacePolicy": p}), Loss::Replacement);
        assert_eq!(replacement("Delete"), DataFate::Lost);
        assert_eq!(replacement("Snapshot"), DataFate::Snapshot);
        assert_eq!(replacement("Retain"), DataFate::Kept);
    }

    #[test]
    fn the_policy_of_the_loss_applies() {
        // Retained on deletion, but the replacement policy is the default.
        let definition = json!({"DeletionPolicy": "Retain"});
        let (fate, policy) = data_fate(&definition, types::s3::BUCKET, Loss::Replacement);
        assert_eq!(fate, DataFate::Lost);
        assert_eq!(policy.attribute, "UpdateReplacePolicy");
        assert!(policy.defaulted);
    }

    #[test]
    fn removed_rds_instances_default_to_a_snapshot() {
        let instance = json!({"Properties": {}});
        assert_eq!(
            data_fate(&instance, types::rds::DB_INSTANCE, Loss::Removal).0,
            DataFate::Snapshot
        );
        let in_cluster = json!({"Properties": {"DBClusterIdentifier": "c"}});
        assert_eq!(
            data_fate(&in_cluster, types::rds::DB_INSTANCE, Loss::Removal).0,
            DataFate::Lost
        );
    }

    #[test]
    fn computed_policies_depend_on_the_deployment() {
        let definition = json!({"DeletionPolicy": {"Fn::If": ["Prod", "Retain", "Delete"]}});
        assert!(matches!(
            fate(definition, Loss::Removal),
            DataFate::DependsOn(_)
        ));
    }

    #[test]
    fn a_kept_name_fails_and_a_changed_or_absent_one_does_not() {
        let context = Context::default();
        let named = |n: Value| json!({"Properties": {"QueueName": n}});
        assert_eq!(
            fixed_name(
                &named(json!("jobs")),
                &named(json!("jobs")),
                Some("QueueName"),
                &context
            ),
            Some(("QueueName".into(), "jobs".into()))
        );
        assert_eq!(
            fixed_name(
                &named(json!("jobs")),
                &named(json!("jobs2")),
                Some("QueueName"),
                &context
            ),
            None
        );
        let unnamed = json!({"Properties": {}});
        assert_eq!(
            fixed_name(&unnamed, &unnamed, Some("QueueName"), &context),
            None
        );
        assert_eq!(
            fixed_name(&named(json!("f")), &named(json!("f")), None, &context),
            None
        );
    }
}
