//! Steps 11 and 12: the UI/Job environment block rendered from a deployed
//! stack's outputs, the per-tenant runbook, and the deploy-test example's
//! prerequisites stack.

use constructs::Format;
use framework::StackError;
use indexmap::IndexMap;
use stacks::tenant::{self, handoff, TenantConfig, TenantName};

/// `describe-stacks` output of a deployed tenant stack.
fn describe_stacks() -> String {
    let outputs = [
        ("BucketName", "askedgi-acme-data-123456789012"),
        ("ClientPrefix", "acme"),
        ("DataSyncQueueName", "acme_data_sync_queue"),
        ("AiFunctionsQueueName", "acme_ai_functions_queue"),
        ("DataServiceFamily", "acme-data-service"),
        ("DataServiceMediumFamily", "acme-data-service-medium"),
        ("DataServiceXlFamily", "acme-data-service-xl"),
        ("ClusterName", "askedgi-acme"),
        ("NamespaceName", "acme.askedgi.internal"),
        ("NamespaceId", "ns-abcdefgh12345678"),
        ("Subnets", "subnet-0a,subnet-0b"),
        ("SecurityGroupId", "sg-0123"),
        ("Region", "us-east-1"),
        ("EdgiUserAccessKeySecretArn", "arn:aws:secretsmanager:us-east-1:123456789012:secret:askedgi/acme/edgi-user-access-key-AbCdEf"),
        ("BridgeUserAccessKeySecretArn", "arn:aws:secretsmanager:us-east-1:123456789012:secret:askedgi/acme/bridge-user-access-key-GhIjKl"),
    ];
    let outputs: Vec<serde_json::Value> = outputs
        .iter()
        .map(|(key, value)| serde_json::json!({"OutputKey": key, "OutputValue": value}))
        .collect();
    serde_json::json!({"Stacks": [{"StackName": "askedgi-acme", "Outputs": outputs}]}).to_string()
}

#[test]
fn ovaledge_env_is_container_definition_json_with_secrets_by_reference() {
    let outputs = handoff::read_outputs(&describe_stacks(), "outputs.json").unwrap();
    let text = handoff::ovaledge_env(&outputs, "outputs.json").unwrap();
    let block: serde_json::Value = serde_json::from_str(&text).unwrap();
    let environment: IndexMap<&str, &str> = block["environment"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["name"].as_str().unwrap(), e["value"].as_str().unwrap()))
        .collect();
    assert_eq!(
        environment["EDGI_AI_FUNCTION_QUEUE"],
        "acme_ai_functions_queue"
    );
    assert_eq!(
        environment["EDGI_BUCKET_NAME"],
        "askedgi-acme-data-123456789012"
    );
    assert_eq!(environment["EDGI_CLIENT_PREFIX"], "acme");
    assert_eq!(environment["EDGI_CONSUMER_CREDENTIAL_TYPE"], "static");
    assert_eq!(environment["EDGI_ENABLE"], "true");
    assert_eq!(environment["EDGI_WORKSPACE_DISCOVERY"], "dynamic");
    assert_eq!(environment["EDGI_WORKSPACE_HOST"], "acme-data-service");
    assert_eq!(
        environment["EDGI_WORKSPACE_NAMESPACE_ID"],
        "ns-abcdefgh12345678"
    );
    assert_eq!(environment["EDGI_SUBNETS"], "subnet-0a,subnet-0b");
    assert_eq!(
        environment["EDGI_LARGE_DATATASK_FAMILYNAME"],
        "acme-data-service-xl"
    );
    assert_eq!(environment["EDGI_ASSET_PATH"], "/app/asset");
    for key in [
        "EDGI_AWS_ACCESS_ID",
        "EDGI_AWS_SECRET_KEY",
        "BRIDGE_AWS_USER_ACCESS_KEY",
        "BRIDGE_AWS_USER_SECRET_KEY",
    ] {
        assert!(
            !environment.contains_key(key),
            "{key} must not be a plain value"
        );
    }
    let secrets: IndexMap<&str, &str> = block["secrets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["name"].as_str().unwrap(),
                e["valueFrom"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        secrets["EDGI_AWS_SECRET_KEY"],
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:askedgi/acme/edgi-user-access-key-AbCdEf:secretAccessKey::"
    );
    assert_eq!(
        secrets["BRIDGE_AWS_USER_ACCESS_KEY"],
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:askedgi/acme/bridge-user-access-key-GhIjKl:accessKeyId::"
    );
}

#[test]
fn a_missing_output_is_a_clear_error() {
    let json = describe_stacks().replace("\"NamespaceId\"", "\"SomethingElse\"");
    let outputs = handoff::read_outputs(&json, "outputs.json").unwrap();
    let error = handoff::ovaledge_env(&outputs, "outputs.json").unwrap_err();
    assert!(
        error.to_string().contains("missing output \"NamespaceId\""),
        "{error}"
    );

    let error = handoff::read_outputs("{\"Stacks\": []}", "outputs.json").unwrap_err();
    assert!(matches!(error, StackError::Config { .. }));
}

#[test]
fn runbook_names_this_tenants_resources() {
    let text = handoff::runbook(
        &TenantName::parse("acme").unwrap(),
        &TenantConfig::default(),
    )
    .unwrap();
    for expected in [
        "aws cloudformation describe-stacks --stack-name askedgi-acme > outputs.json",
        "synth tenant acme --emit ovaledge-env --outputs outputs.json",
        "acme_data_sync_queue",
        "`acme-data-service`, `acme-data-service-medium`, `acme-data-service-xl`",
        "askedgi.edition",
        "select * from edgi_data_service_stack",
        "acme.askedgi.internal",
    ] {
        assert!(
            text.contains(expected),
            "runbook lacks {expected:?}:\n{text}"
        );
    }
}

#[test]
fn example_prerequisites_snapshot() {
    let example = tenant::example().unwrap();
    let body = example
        .prerequisites
        .unwrap()
        .synthesize(Format::Yaml)
        .unwrap()
        .body;
    insta::with_settings!({ snapshot_path => "../../../snapshots", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!("tenant-acme-prerequisites", body);
    });
}
