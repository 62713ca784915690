//! Whole-template rules, each with a small template of its own, against
//! the real vendored facts.

use constructs::aws::type_names as types;
use serde_json::{json, Value};

use super::*;
use crate::read;

fn template(resources: Value) -> Template {
    template_with(json!({"Resources": resources}))
}

fn template_with(body: Value) -> Template {
    read::parse(&body.to_string(), "t.json").unwrap()
}

fn run(old: Value, new: Value) -> Report {
    diff(&template(old), &template(new))
}

fn entry<'r>(report: &'r Report, id: &str) -> &'r ResourceReport {
    report
        .resource(id)
        .unwrap_or_else(|| panic!("{id} not in {report:#?}"))
}

#[test]
fn identical_templates_are_no_difference() {
    let resources = json!({"Q": {"Type": types::sqs::QUEUE, "Properties": {"DelaySeconds": 1}}});
    let report = run(resources.clone(), resources);
    assert_eq!(report.outcome(), Outcome::NoDifference);
    assert_eq!(report.outcome().exit_code(), 0);
}

#[test]
fn a_create_only_path_through_a_list_is_a_nested_replacement() {
    let instance = |key: &str| {
        json!({"I": {"Type": types::ec2::INSTANCE, "Properties": {
            "ImageId": "ami-1",
            "BlockDeviceMappings": [{"DeviceName": "/dev/xvda", "Ebs": {"KmsKeyId": key}}]}}})
    };
    let report = run(instance("k1"), instance("k2"));
    let i = entry(&report, "I");
    assert_eq!(i.kind, ResourceChange::Replaced);
    assert_eq!(
        i.causes[0].path,
        "/Properties/BlockDeviceMappings/0/Ebs/KmsKeyId"
    );
    // Not stateful, no name: a plain replacement.
    assert_eq!(report.outcome(), Outcome::Changes);
}

#[test]
fn a_change_under_a_create_only_object_replaces() {
    let repo = |key: &str| {
        json!({"Repo": {"Type": types::ecr::REPOSITORY, "Properties": {
            "EncryptionConfiguration": {"EncryptionType": "KMS", "KmsKey": key}}}})
    };
    let report = run(repo("k1"), repo("k2"));
    assert_eq!(entry(&report, "Repo").kind, ResourceChange::Replaced);
    // The cause is the create-only property the change sits under.
    assert_eq!(
        entry(&report, "Repo").causes[0].path,
        "/Properties/EncryptionConfiguration"
    );
}

fn table(key: &str, billing: &str) -> Value {
    json!({"T": {"Type": types::dynamodb::TABLE, "Properties": {
        "TableName": "orders",
        "BillingMode": billing,
        "AttributeDefinitions": [{"AttributeName": key, "AttributeType": "S"}],
        "KeySchema": [{"AttributeName": key, "KeyType": "HASH"}]}}})
}

/// A type none of the stacks use is graded from the spec like any other:
/// a new key schema replaces the table, which holds data and has a fixed
/// name, so the update fails before any data is lost.
#[test]
fn a_dynamodb_key_schema_change_replaces_the_table_and_its_data() {
    let report = run(
        table("id", "PAY_PER_REQUEST"),
        table("orderId", "PAY_PER_REQUEST"),
    );
    let t = entry(&report, "T");
    assert_eq!(t.kind, ResourceChange::Replaced);
    assert!(t.stateful);
    assert_eq!(t.causes[0].path, "/Properties/KeySchema");
    assert_eq!(report.outcome(), Outcome::Destructive);
}

#[test]
fn a_dynamodb_billing_mode_change_updates_in_place() {
    let report = run(table("id", "PAY_PER_REQUEST"), table("id", "PROVISIONED"));
    assert_eq!(entry(&report, "T").kind, ResourceChange::Updated);
    assert_eq!(report.outcome(), Outcome::Changes);
}

#[test]
fn replacement_propagates_through_references_with_its_chain() {
    let resources = |cidr: &str| {
        json!({
            "Vpc": {"Type": types::ec2::VPC, "Properties": {"CidrBlock": cidr}},
            "Subnet": {"Type": types::ec2::SUBNET, "Properties": {"VpcId": {"Ref": "Vpc"}, "CidrBlock": "10.0.0.0/24"}},
            "Mount": {"Type": types::efs::MOUNT_TARGET, "Properties": {"FileSystemId": "fs-1", "SubnetId": {"Ref": "Subnet"}, "SecurityGroups": ["sg-1"]}},
            "Route": {"Type": types::ec2::ROUTE_TABLE, "Properties": {"VpcId": "vpc-fixed"}}
        })
    };
    let report = run(resources("10.0.0.0/16"), resources("10.1.0.0/16"));
    assert_eq!(entry(&report, "Vpc").kind, ResourceChange::Replaced);
    let subnet = entry(&report, "Subnet");
    assert_eq!(subnet.kind, ResourceChange::Replaced);
    assert_eq!(subnet.causes[0].via.as_deref(), Some("Vpc"));
    let mount = entry(&report, "Mount");
    assert_eq!(mount.kind, ResourceChange::Replaced);
    assert_eq!(
        mount.chain(&mount.causes[0], &report),
        vec!["Subnet", "Vpc"]
    );
    assert!(report.resource("Route").is_none());
    let text = render_text(&report, false);
    assert!(text.contains("chain: Subnet ← Vpc"), "{text}");
}

#[test]
fn an_in_place_reference_to_a_replaced_resource_is_an_update() {
    let resources = |cidr: &str| {
        json!({
            "Vpc": {"Type": types::ec2::VPC, "Properties": {"CidrBlock": cidr}},
            "Group": {"Type": types::ec2::SECURITY_GROUP, "Properties": {"GroupDescription": "g", "VpcId": "vpc-1",
                "Tags": [{"Key": "vpc", "Value": {"Ref": "Vpc"}}]}}
        })
    };
    let report = run(resources("10.0.0.0/16"), resources("10.1.0.0/16"));
    let group = entry(&report, "Group");
    assert_eq!(group.kind, ResourceChange::Updated);
    assert_eq!(
        group.changes[0].verdict,
        Verdict::Changed {
            via: Some("Vpc".into())
        }
    );
}

#[test]
fn conditional_create_only_may_replace() {
    let instance = |zone: &str| {
        json!({"Db": {"Type": types::rds::DB_INSTANCE, "DeletionPolicy": "Snapshot",
            "UpdateReplacePolicy": "Snapshot",
            "Properties": {"DBInstanceClass": "db.t3.micro", "AvailabilityZone": zone}}})
    };
    let report = run(instance("eu-west-1a"), instance("eu-west-1b"));
    let db = entry(&report, "Db");
    assert_eq!(db.kind, ResourceChange::MayBeReplaced);
    assert_eq!(db.causes[0].kind, CauseKind::ConditionalCreateOnly);
    // The summary does not call it safe: a database may be replaced.
    let text = render_text(&report, false);
    assert!(
        text.contains("May lose data: 1 change(s) may replace a resource holding data"),
        "{text}"
    );
    assert!(!text.contains("Nothing holding data"), "{text}");
}

#[test]
fn a_type_change_replaces() {
    let report = run(
        json!({"Key": {"Type": types::sqs::QUEUE, "Properties": {}}}),
        json!({"Key": {"Type": types::ssm::PARAMETER, "Properties": {"Type": "String", "Value": "x"}}}),
    );
    let key = entry(&report, "Key");
    assert_eq!(key.kind, ResourceChange::Replaced);
    assert_eq!(key.old_type.as_deref(), Some(types::sqs::QUEUE));
    // The queue held data and goes by the default policy.
    assert_eq!(report.outcome(), Outcome::Destructive);
}

#[test]
fn equivalent_spellings_are_no_difference() {
    let report = run(
        json!({"Q": {"Type": types::sqs::QUEUE, "DependsOn": "K", "Properties": {"DelaySeconds": "10", "FifoQueue": "true", "KmsMasterKeyId": {"Fn::GetAtt": "K.Arn"}}},
               "K": {"Type": types::kms::KEY, "Properties": {}}}),
        json!({"Q": {"Type": types::sqs::QUEUE, "DependsOn": ["K"], "Properties": {"DelaySeconds": 10, "FifoQueue": true, "KmsMasterKeyId": {"Fn::GetAtt": ["K", "Arn"]}}},
               "K": {"Type": types::kms::KEY, "Properties": {}}}),
    );
    assert_eq!(report.outcome(), Outcome::NoDifference, "{report:#?}");
}

#[test]
fn unknowable_create_only_values_are_unknown_not_unchanged() {
    let bucket = |name: Value| json!({"B": {"Type": types::s3::BUCKET, "DeletionPolicy": "Retain", "UpdateReplacePolicy": "Retain", "Properties": {"BucketName": name}}});
    for new in [
        json!({"Fn::ImportValue": "shared-bucket-name"}),
        json!("{{resolve:ssm:/bucket/name}}"),
    ] {
        let report = run(bucket(json!("data")), bucket(new));
        let b = entry(&report, "B");
        assert_eq!(b.kind, ResourceChange::MayBeReplaced);
        assert!(matches!(
            b.causes[0].kind,
            CauseKind::CreateOnlyUnknown { .. }
        ));
    }
    // A parameter without a default.
    let old = template(bucket(json!("data")));
    let new = template_with(
        json!({"Parameters": {"Name": {"Type": "String"}}, "Resources": bucket(json!({"Ref": "Name"}))}),
    );
    let report = diff(&old, &new);
    assert_eq!(entry(&report, "B").kind, ResourceChange::MayBeReplaced);
    // With a default, the default is the value.
    let new = template_with(
        json!({"Parameters": {"Name": {"Type": "String", "Default": "data"}}, "Resources": bucket(json!({"Ref": "Name"}))}),
    );
    let report = diff(&old, &new);
    assert!(report.resource("B").is_none(), "{report:#?}");
}

/// Custom resources and third-party registry types are in no spec: their
/// changes are neither called in place nor guessed.
#[test]
fn types_in_no_spec_cannot_be_classified() {
    let thing = |size: i64| json!({"T": {"Type": "Custom::Cleaner", "Properties": {"ServiceToken": "arn", "Size": size}}});
    let report = run(thing(1), thing(2));
    assert_eq!(entry(&report, "T").kind, ResourceChange::CannotClassify);
    assert_eq!(report.outcome(), Outcome::Changes);
    let registry =
        |size: i64| json!({"T": {"Type": "MyOrg::Storage::Volume", "Properties": {"Size": size}}});
    let report = run(registry(1), registry(2));
    assert_eq!(entry(&report, "T").kind, ResourceChange::CannotClassify);
}

fn queue(policy: Option<&str>, delay: i64, fifo: bool) -> Value {
    let mut q = json!({"Type": types::sqs::QUEUE, "Properties": {"DelaySeconds": delay, "FifoQueue": fifo}});
    if let Some(p) = policy {
        q["DeletionPolicy"] = json!(p);
        q["UpdateReplacePolicy"] = json!(p);
    }
    q
}

#[test]
fn each_grade_of_a_stateful_replacement() {
    let cases = [
        (None, DataFate::Lost, true),
        (Some("Delete"), DataFate::Lost, false),
        (Some("Snapshot"), DataFate::Snapshot, false),
        (Some("Retain"), DataFate::Kept, false),
    ];
    for (policy, fate, defaulted) in cases {
        let report = run(
            json!({"Q": queue(policy, 0, false)}),
            json!({"Q": queue(policy, 0, true)}),
        );
        let q = entry(&report, "Q");
        assert_eq!(q.kind, ResourceChange::Replaced);
        let (got, applied) = q.grade.as_ref().unwrap().data.clone().unwrap();
        assert_eq!(got, fate, "{policy:?}");
        assert_eq!(applied.attribute, "UpdateReplacePolicy");
        assert_eq!(applied.defaulted, defaulted);
        assert_eq!(report.outcome(), Outcome::Destructive);
    }
}

#[test]
fn each_grade_of_a_stateful_removal() {
    for (policy, fate) in [
        ("Delete", DataFate::Lost),
        ("Snapshot", DataFate::Snapshot),
        ("RetainExceptOnCreate", DataFate::Kept),
    ] {
        let report = run(json!({"Q": queue(Some(policy), 0, false)}), json!({}));
        let q = entry(&report, "Q");
        assert_eq!(q.kind, ResourceChange::Removed);
        assert_eq!(q.grade.as_ref().unwrap().data.as_ref().unwrap().0, fate);
        assert_eq!(report.outcome(), Outcome::Destructive);
    }
    // Removing something that holds no data is a change, not destruction.
    let report = run(
        json!({"P": {"Type": types::ssm::PARAMETER, "Properties": {"Type": "String", "Value": "x"}}}),
        json!({}),
    );
    assert_eq!(report.outcome(), Outcome::Changes);
}

#[test]
fn replacing_a_custom_named_resource_will_fail() {
    let role = |path: &str| json!({"R": {"Type": types::iam::ROLE, "Properties": {"RoleName": "app", "Path": path, "AssumeRolePolicyDocument": {}}}});
    let report = run(role("/"), role("/apps/"));
    let r = entry(&report, "R");
    assert_eq!(r.kind, ResourceChange::Replaced);
    assert_eq!(
        r.grade.as_ref().unwrap().fails,
        Some(("RoleName".into(), "app".into()))
    );
    assert_eq!(report.outcome(), Outcome::Destructive);
    let text = render_text(&report, false);
    assert!(text.contains("WILL FAIL: RoleName stays \"app\""), "{text}");
    // Renaming it as well replaces it without a conflict.
    let renamed = json!({"R": {"Type": types::iam::ROLE, "Properties": {"RoleName": "app2", "Path": "/apps/", "AssumeRolePolicyDocument": {}}}});
    let report = run(role("/"), renamed);
    assert_eq!(entry(&report, "R").grade.as_ref().unwrap().fails, None);
    assert_eq!(report.outcome(), Outcome::Changes);
}

#[test]
fn a_named_service_replaced_by_another_property_will_fail() {
    let service = |role: &str| json!({"Svc": {"Type": types::ecs::SERVICE, "Properties": {"Cluster": "c", "ServiceName": "web", "Role": role}}});
    let report = run(service("a"), service("b"));
    assert!(entry(&report, "Svc").destructive());
}

#[test]
fn a_task_definition_family_is_a_new_revision_not_a_failure() {
    let task = |cpu: &str| json!({"Task": {"Type": types::ecs::TASK_DEFINITION, "Properties": {"Family": "web", "Cpu": cpu, "ContainerDefinitions": []}}});
    let report = run(task("256"), task("512"));
    let t = entry(&report, "Task");
    assert_eq!(t.kind, ResourceChange::Replaced);
    assert!(!t.destructive(), "{t:#?}");
    assert_eq!(report.outcome(), Outcome::Changes);
}

#[test]
fn probable_renames_and_their_refactor_mappings() {
    let bucket = json!({"Type": types::s3::BUCKET, "DeletionPolicy": "Retain", "UpdateReplacePolicy": "Retain", "Properties": {"BucketName": "acme-data"}});
    let report = run(json!({"Data": bucket}), json!({"DataBucket": bucket}));
    assert_eq!(report.renames.len(), 1);
    assert_eq!(
        entry(&report, "Data").kind,
        ResourceChange::RenamedTo("DataBucket".into())
    );
    assert_eq!(
        entry(&report, "DataBucket").kind,
        ResourceChange::RenamedFrom("Data".into())
    );
    // Without the refactor the new bucket's name is taken: destructive.
    assert_eq!(report.outcome(), Outcome::Destructive);
    assert_eq!(
        refactor_mappings(&report.renames, "acme"),
        json!([{"Source": {"StackName": "acme", "LogicalResourceId": "Data"},
                "Destination": {"StackName": "acme", "LogicalResourceId": "DataBucket"}}])
    );
}

#[test]
fn sections_and_security_reach_the_report() {
    let old = template_with(json!({
        "Parameters": {"Size": {"Type": "Number", "Default": 1}},
        "Resources": {"G": {"Type": types::ec2::SECURITY_GROUP, "Properties": {"GroupDescription": "g", "SecurityGroupIngress": []}}},
        "Outputs": {"Arn": {"Value": "x", "Export": {"Name": "acme-arn"}}}
    }));
    let new = template_with(json!({
        "Parameters": {"Size": {"Type": "Number", "Default": 2}},
        "Resources": {"G": {"Type": types::ec2::SECURITY_GROUP, "Properties": {"GroupDescription": "g", "SecurityGroupIngress": [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0"}]}}}
    }));
    let report = diff(&old, &new);
    assert_eq!(report.security_groups.added.len(), 1);
    assert_eq!(report.parameters[0].details, vec!["Default: 1 → 2"]);
    assert_eq!(report.removed_exports[0].name, "acme-arn");
    let text = render_text(&report, false);
    for expected in [
        "Security group changes",
        "0.0.0.0/0",
        "Removed exports",
        "acme-arn",
        "Default: 1 → 2",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    let json: Value = serde_json::from_str(&render_json(&report)).unwrap();
    assert_eq!(json["outcome"], "changes");
    assert_eq!(json["exitCode"], 2);
    assert_eq!(json["securityGroups"]["added"][0]["ports"], "22");
    assert_eq!(json["removedExports"][0]["name"], "acme-arn");
}

#[test]
fn text_has_no_colour_unless_asked() {
    let report = run(json!({"Q": queue(None, 0, false)}), json!({}));
    assert!(!render_text(&report, false).contains('\x1b'));
    assert!(render_text(&report, true).contains("\x1b[1;31m"));
}
