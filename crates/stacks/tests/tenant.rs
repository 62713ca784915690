//! The AskEdgi tenant stack, checked against the seed runbook on the
//! rendered template: snapshots for review and cfn-lint, and assertions on
//! the numbers, names and rules the runbook and the issue fix.

mod common;

use serde_json::{json, Value};

use common::{
    checked, ids_of_type, of_type, render, retention_violations, snapshot, statements, strings,
    tenant_name,
};
use constructs::Format;
use framework::config;
use framework::StackError;
use stacks::tenant::{self, TenantConfig};

/// A config that changes every default.
const FULL_CONFIG: &str = "\
allowDeleteResources: true
logLevel: info
logRetentionDays: 90
existingRouteTableId: rtb-0123456789abcdef0
efsMountTargetsExist: true
assetsOwner:
  uid: 2000
  gid: 2001
  permissions: '0750'
maxReceiveCount: 5
existingClusterName: ovaledge-shared
existingNamespace:
  id: ns-abcdefgh12345678
  name: workspaces.ovaledge.internal
";

fn full_config() -> TenantConfig {
    config::parse::<TenantConfig>(FULL_CONFIG, "full-config.yaml")
        .unwrap()
        .into_inner()
}

fn acme() -> Value {
    render(&tenant::build(&tenant_name("acme"), &checked(TenantConfig::default())).unwrap())
}

#[test]
fn default_tenant_snapshot() {
    snapshot!(
        "tenant-acme",
        &tenant::build(&tenant_name("acme"), &checked(TenantConfig::default())).unwrap(),
    );
}

#[test]
fn full_config_snapshot() {
    snapshot!(
        "tenant-full-config",
        &tenant::build(&tenant_name("acme"), &checked(full_config())).unwrap(),
    );
}

#[test]
fn task_definitions_have_the_seeds_sizes() {
    let template = acme();
    let sizes: Vec<(&str, &Value, &Value, &Value)> = of_type(&template, "AWS::ECS::TaskDefinition")
        .into_iter()
        .map(|(id, td)| {
            let p = &td["Properties"];
            (id, &p["Family"], &p["Cpu"], &p["Memory"])
        })
        .collect();
    assert_eq!(
        sizes,
        [
            (
                "DataServiceTaskDefinition",
                &json!("acme-data-service"),
                &json!("512"),
                &json!("2048")
            ),
            (
                "DataServiceMediumTaskDefinition",
                &json!("acme-data-service-medium"),
                &json!("1024"),
                &json!("8192")
            ),
            (
                "DataServiceXlTaskDefinition",
                &json!("acme-data-service-xl"),
                &json!("2048"),
                &json!("16384")
            ),
        ]
    );
}

#[test]
fn every_size_runs_the_seeds_container() {
    let template = acme();
    for (id, td) in of_type(&template, "AWS::ECS::TaskDefinition") {
        let p = &td["Properties"];
        assert_eq!(p["NetworkMode"], "awsvpc", "{id}");
        assert_eq!(p["RequiresCompatibilities"], json!(["FARGATE"]), "{id}");
        assert_eq!(p["EphemeralStorage"], json!({"SizeInGiB": 200}), "{id}");
        assert_eq!(
            p["ExecutionRoleArn"],
            json!({"Fn::GetAtt": ["TaskExecutionRole", "Arn"]})
        );
        assert_eq!(p["TaskRoleArn"], json!({"Fn::GetAtt": ["TaskRole", "Arn"]}));
        let containers = p["ContainerDefinitions"].as_array().unwrap();
        assert_eq!(containers.len(), 1);
        let c = &containers[0];
        assert_eq!(c["Name"], "edgi-data-service");
        assert_eq!(c["Image"], json!({"Ref": "ContainerImage"}));
        assert_eq!(
            c["PortMappings"],
            json!([{"ContainerPort": 8000, "Protocol": "tcp"}])
        );
        assert_eq!(c["LogConfiguration"]["LogDriver"], "awslogs");
        assert_eq!(
            c["LogConfiguration"]["Options"]["awslogs-group"],
            json!({"Ref": "DataServiceLogGroup"})
        );
        assert_eq!(
            c["MountPoints"],
            json!([{"ContainerPath": "/app/asset", "ReadOnly": false, "SourceVolume": "edgi-assets"}])
        );
        assert_eq!(
            p["Volumes"],
            json!([{
                "EFSVolumeConfiguration": {
                    "AuthorizationConfig": {"AccessPointId": {"Ref": "AssetsAccessPoint"}, "IAM": "ENABLED"},
                    "FilesystemId": {"Ref": "EfsFileSystemId"},
                    "TransitEncryption": "ENABLED"
                },
                "Name": "edgi-assets"
            }])
        );
        let environment: Vec<(&str, &Value)> = c["Environment"]
            .as_array()
            .unwrap()
            .iter()
            .map(|pair| (pair["Name"].as_str().unwrap(), &pair["Value"]))
            .collect();
        assert_eq!(
            environment,
            [
                ("AWS_REGION", &json!({"Ref": "AWS::Region"})),
                ("AWS_SCTNAME", &json!({"Ref": "DatabaseSecretName"})),
                ("BUCKET_NAME", &json!({"Ref": "DataBucket"})),
                ("CREDENTIAL_TYPE", &json!("container")),
                ("DEPLOYMENT_TYPE", &json!("ecs")),
                ("ENV", &json!("production")),
                ("EDGI_ASSET_PATH", &json!("/app/asset")),
                ("OVALEDGE_URL", &json!({"Ref": "OvalEdgeUrl"})),
                ("LOG_LEVEL", &json!({"Ref": "LogLevel"})),
            ]
        );
    }
    let log_level = &template["Parameters"]["LogLevel"];
    assert_eq!(log_level["Default"], "debug", "the seed's LOG_LEVEL");
    let log_group = &template["Resources"]["DataServiceLogGroup"]["Properties"];
    assert_eq!(log_group["LogGroupName"], "/askedgi/acme/data-service");
    assert_eq!(log_group["RetentionInDays"], 30);
}

#[test]
fn the_access_point_is_the_seeds_path_with_an_owner() {
    let template = acme();
    let p = &template["Resources"]["AssetsAccessPoint"]["Properties"];
    assert_eq!(p["RootDirectory"]["Path"], "/oe_edgi_assets_store");
    assert_eq!(
        p["RootDirectory"]["CreationInfo"],
        json!({"OwnerGid": "1000", "OwnerUid": "1000", "Permissions": "0755"})
    );
    assert_eq!(p["PosixUser"], json!({"Gid": "1000", "Uid": "1000"}));
    let mount_targets = of_type(&template, "AWS::EFS::MountTarget");
    assert_eq!(mount_targets.len(), 2);
    for ((_, mount_target), subnet) in mount_targets
        .iter()
        .zip(["PrivateSubnetA", "PrivateSubnetB"])
    {
        assert_eq!(
            mount_target["Properties"]["SubnetId"],
            json!({"Ref": subnet})
        );
        assert_eq!(
            mount_target["Properties"]["SecurityGroups"],
            json!([{"Ref": "EfsSecurityGroupId"}])
        );
    }
}

#[test]
fn the_bucket_notifies_the_data_sync_queue_of_the_five_file_types() {
    let template = acme();
    let bucket = &template["Resources"]["DataBucket"];
    assert_eq!(bucket["DependsOn"], json!(["DataSyncQueuePolicy"]));
    let p = &bucket["Properties"];
    assert_eq!(
        p["BucketName"],
        json!({"Fn::Sub": "askedgi-acme-data-${AWS::AccountId}"})
    );
    let configurations = p["NotificationConfiguration"]["QueueConfigurations"]
        .as_array()
        .unwrap();
    let suffixes: Vec<&str> = configurations
        .iter()
        .map(|c| {
            assert_eq!(c["Event"], "s3:ObjectCreated:*");
            assert_eq!(c["Queue"], json!({"Fn::GetAtt": ["DataSyncQueue", "Arn"]}));
            let rules = c["Filter"]["S3Key"]["Rules"].as_array().unwrap();
            assert_eq!(rules.len(), 1);
            assert_eq!(rules[0]["Name"], "suffix");
            rules[0]["Value"].as_str().unwrap()
        })
        .collect();
    assert_eq!(suffixes, [".csv", ".avro", ".json", ".parquet", ".xlsx"]);
}

#[test]
fn only_this_bucket_may_send_to_the_data_sync_queue() {
    let template = acme();
    let policy = &template["Resources"]["DataSyncQueuePolicy"]["Properties"];
    assert_eq!(policy["Queues"], json!([{"Ref": "DataSyncQueue"}]));
    let allow = &policy["PolicyDocument"]["Statement"][0];
    assert_eq!(allow["Effect"], "Allow");
    assert_eq!(allow["Principal"], json!({"Service": ["s3.amazonaws.com"]}));
    assert_eq!(allow["Action"], json!(["sqs:SendMessage"]));
    assert_eq!(
        allow["Condition"],
        json!({
            "ArnEquals": {"aws:SourceArn": [{"Fn::Sub": "arn:${AWS::Partition}:s3:::askedgi-acme-data-${AWS::AccountId}"}]},
            "StringEquals": {"aws:SourceAccount": [{"Ref": "AWS::AccountId"}]}
        })
    );
}

/// Two IAM users' keys may put objects in the data bucket and one may
/// delete them: versioning keeps what they overwrite or delete for the
/// config's `recoverableDays` (30 by default), then it expires.
#[test]
fn the_data_bucket_keeps_overwritten_and_deleted_objects_for_the_configured_days() {
    let properties = |template: &Value| template["Resources"]["DataBucket"]["Properties"].clone();
    let p = properties(&acme());
    assert_eq!(p["VersioningConfiguration"], json!({"Status": "Enabled"}));
    assert_eq!(
        p["LifecycleConfiguration"]["Rules"],
        json!([
            {"Id": "expire-noncurrent-versions", "NoncurrentVersionExpirationInDays": 30, "Status": "Enabled"},
            {"ExpiredObjectDeleteMarker": true, "Id": "remove-expired-delete-markers", "Status": "Enabled"}
        ])
    );
    let config = TenantConfig {
        recoverable_days: 7,
        ..TenantConfig::default()
    };
    let p = properties(&render(
        &tenant::build(&tenant_name("acme"), &checked(config)).unwrap(),
    ));
    assert_eq!(
        p["LifecycleConfiguration"]["Rules"][0]["NoncurrentVersionExpirationInDays"],
        7
    );
    let refused = config::parse::<TenantConfig>("recoverableDays: 0", "c.yaml").unwrap_err();
    assert!(
        refused.to_string().contains("/recoverableDays"),
        "{refused}"
    );
}

#[test]
fn the_bucket_is_private_encrypted_tls_only_with_the_seeds_cors() {
    let template = acme();
    let p = &template["Resources"]["DataBucket"]["Properties"];
    assert_eq!(
        p["CorsConfiguration"],
        json!({"CorsRules": [{"AllowedHeaders": ["*"], "AllowedMethods": ["PUT"], "AllowedOrigins": ["*"]}]})
    );
    assert_eq!(
        p["PublicAccessBlockConfiguration"],
        json!({"BlockPublicAcls": true, "BlockPublicPolicy": true, "IgnorePublicAcls": true, "RestrictPublicBuckets": true})
    );
    assert_eq!(
        p["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]
            ["ServerSideEncryptionByDefault"]["SSEAlgorithm"],
        "AES256"
    );
    let deny =
        &template["Resources"]["DataBucketPolicy"]["Properties"]["PolicyDocument"]["Statement"][0];
    assert_eq!(deny["Effect"], "Deny");
    // The forms Control Tower's CT.S3.PR.8 reads: a scalar condition value
    // and the objects as a Join of the bucket's ARN and "/*".
    assert_eq!(
        deny["Condition"],
        json!({"Bool": {"aws:SecureTransport": "false"}})
    );
    assert_eq!(
        deny["Resource"],
        json!([
            {"Fn::GetAtt": ["DataBucket", "Arn"]},
            {"Fn::Join": ["", [{"Fn::GetAtt": ["DataBucket", "Arn"]}, "/*"]]}
        ])
    );
}

#[test]
fn queues_follow_the_seeds_names_and_are_encrypted() {
    let template = acme();
    let names: Vec<(&str, &Value)> = of_type(&template, "AWS::SQS::Queue")
        .into_iter()
        .map(|(id, queue)| {
            assert_eq!(queue["Properties"]["SqsManagedSseEnabled"], true, "{id}");
            (id, &queue["Properties"]["QueueName"])
        })
        .collect();
    assert_eq!(
        names,
        [
            (
                "DataSyncDeadLetterQueue",
                &json!("acme_data_sync_queue_dlq")
            ),
            ("DataSyncQueue", &json!("acme_data_sync_queue")),
            (
                "AiFunctionsDeadLetterQueue",
                &json!("acme_ai_functions_queue_dlq")
            ),
            ("AiFunctionsQueue", &json!("acme_ai_functions_queue")),
        ]
    );
    assert_eq!(
        template["Resources"]["DataSyncQueue"]["Properties"]["RedrivePolicy"],
        json!({"deadLetterTargetArn": {"Fn::GetAtt": ["DataSyncDeadLetterQueue", "Arn"]}, "maxReceiveCount": 10})
    );
}

#[test]
fn the_security_group_has_the_seeds_rules_and_peers_admit_it() {
    let template = acme();
    let sg = &template["Resources"]["EdgiDataSecurityGroup"]["Properties"];
    assert_eq!(
        sg["SecurityGroupIngress"][0]["CidrIp"],
        json!({"Ref": "VpcCidr"})
    );
    assert_eq!(sg["SecurityGroupIngress"][0]["FromPort"], 8000);
    assert_eq!(sg["SecurityGroupIngress"][0]["ToPort"], 8000);
    let group = json!({"Fn::GetAtt": ["EdgiDataSecurityGroup", "GroupId"]});
    let egress: Vec<(&Value, &Value, &Value)> = of_type(&template, "AWS::EC2::SecurityGroupEgress")
        .into_iter()
        .map(|(_, rule)| {
            let p = &rule["Properties"];
            assert_eq!(p["GroupId"], group);
            (
                &p["DestinationSecurityGroupId"],
                &p["IpProtocol"],
                &p["FromPort"],
            )
        })
        .collect();
    assert_eq!(
        egress,
        [
            (
                &json!({"Ref": "ElasticsearchSecurityGroupId"}),
                &json!("tcp"),
                &json!(9200)
            ),
            (
                &json!({"Ref": "RdsSecurityGroupId"}),
                &json!("tcp"),
                &json!(3306)
            ),
            (
                &json!({"Ref": "EfsSecurityGroupId"}),
                &json!("-1"),
                &Value::Null
            ),
        ]
    );
    let ingress: Vec<(&Value, &Value)> = of_type(&template, "AWS::EC2::SecurityGroupIngress")
        .into_iter()
        .map(|(_, rule)| {
            let p = &rule["Properties"];
            assert_eq!(p["SourceSecurityGroupId"], group);
            assert_eq!(p["FromPort"], p["ToPort"]);
            (&p["GroupId"], &p["FromPort"])
        })
        .collect();
    assert_eq!(
        ingress,
        [
            (
                &json!({"Ref": "ElasticsearchSecurityGroupId"}),
                &json!(9200)
            ),
            (&json!({"Ref": "RdsSecurityGroupId"}), &json!(3306)),
            (&json!({"Ref": "EfsSecurityGroupId"}), &json!(2049)),
        ]
    );
    for (index, subnet) in ["PrivateSubnetA", "PrivateSubnetB"].iter().enumerate() {
        assert_eq!(
            template["Resources"][subnet]["Properties"]["AvailabilityZone"],
            json!({"Fn::Select": [index, {"Fn::GetAZs": ""}]})
        );
    }
}

#[test]
fn stateful_resources_are_retained_by_default_and_deleted_when_allowed() {
    let retained = acme();
    let deletable = render(&tenant::build(&tenant_name("acme"), &checked(full_config())).unwrap());
    assert_eq!(retention_violations(&retained, false), Vec::<String>::new());
    assert_eq!(retention_violations(&deletable, true), Vec::<String>::new());
}

#[test]
fn access_keys_only_reach_secrets() {
    let template = acme();
    let keys = ids_of_type(&template, "AWS::IAM::AccessKey");
    assert_eq!(keys, ["EdgiUserAccessKey", "BridgeUserAccessKey"]);
    let mentions_a_key = |value: &Value| {
        let text = value.to_string();
        text.contains("SecretAccessKey")
            || keys.iter().any(|key| {
                text.contains(&format!("\"{key}\"")) || text.contains(&format!("${{{key}"))
            })
    };
    for (id, output) in template["Outputs"].as_object().unwrap() {
        assert!(
            !mentions_a_key(output),
            "output {id} carries a key: {output}"
        );
    }
    for (id, td) in of_type(&template, "AWS::ECS::TaskDefinition") {
        let containers = &td["Properties"]["ContainerDefinitions"];
        assert!(!mentions_a_key(containers), "{id} carries a key");
    }
    for (id, resource) in template["Resources"].as_object().unwrap() {
        if resource["Type"] != "AWS::SecretsManager::Secret"
            && resource["Type"] != "AWS::IAM::AccessKey"
        {
            assert!(
                !mentions_a_key(&resource["Properties"]),
                "{id} carries a key"
            );
        }
    }
    let secret = &template["Resources"]["EdgiUserAccessKeySecret"]["Properties"];
    assert_eq!(secret["Name"], "askedgi/acme/edgi-user-access-key");
    assert_eq!(
        secret["SecretString"],
        json!({"Fn::Sub": "{\"accessKeyId\":\"${EdgiUserAccessKey}\",\"secretAccessKey\":\"${EdgiUserAccessKey.SecretAccessKey}\"}"})
    );
    assert_eq!(
        template["Outputs"]["EdgiUserAccessKeySecretArn"]["Value"],
        json!({"Ref": "EdgiUserAccessKeySecret"})
    );
    assert_eq!(
        template["Outputs"]["BridgeUserAccessKeySecretArn"]["Value"],
        json!({"Ref": "BridgeUserAccessKeySecret"})
    );
}

#[test]
fn iam_grants_no_wildcard_actions_or_full_access() {
    let template = acme();
    let text = template.to_string();
    assert!(!text.contains("FullAccess"));
    assert!(!text.contains("ManagedPolicyArns"));
    let mut everywhere = Vec::new();
    for statement in statements(&template["Resources"]) {
        if statement["Effect"] != "Allow" {
            continue;
        }
        for action in strings(&statement["Action"]) {
            assert!(!action.ends_with('*'), "wildcard action {action}");
        }
        if statement["Resource"] == json!(["*"]) {
            everywhere.extend(strings(&statement["Action"]));
        }
    }
    // Both have no resource-level permissions (see roles.rs).
    assert_eq!(
        everywhere,
        [
            "ecr:GetAuthorizationToken",
            "servicediscovery:DiscoverInstances"
        ]
    );
}

#[test]
fn the_users_are_scoped_to_this_tenant() {
    let template = acme();
    let bridge = &template["Resources"]["BridgeUser"]["Properties"];
    assert_eq!(bridge["UserName"], "askedgi-acme-bridge-user");
    let upload = statements(bridge);
    assert_eq!(upload.len(), 1);
    assert_eq!(upload[0]["Action"], json!(["s3:PutObject"]));
    assert_eq!(
        upload[0]["Resource"],
        json!([{"Fn::Sub": "${DataBucket.Arn}/*"}])
    );
    let edgi = &template["Resources"]["EdgiUser"]["Properties"];
    assert_eq!(edgi["UserName"], "askedgi-acme-edgi-user");
    let queues = statements(edgi)
        .into_iter()
        .find(|s| s["Sid"] == "UseTenantQueues")
        .unwrap();
    assert_eq!(
        queues["Resource"],
        json!([{"Fn::GetAtt": ["DataSyncQueue", "Arn"]}, {"Fn::GetAtt": ["AiFunctionsQueue", "Arn"]}])
    );
}

#[test]
fn task_roles_trust_ecs_tasks_of_this_account_only() {
    let template = acme();
    for role in ["TaskRole", "TaskExecutionRole"] {
        let trust =
            &template["Resources"][role]["Properties"]["AssumeRolePolicyDocument"]["Statement"];
        assert_eq!(
            trust[0]["Principal"],
            json!({"Service": ["ecs-tasks.amazonaws.com"]})
        );
        assert_eq!(
            trust[0]["Condition"]["StringEquals"],
            json!({"aws:SourceAccount": [{"Ref": "AWS::AccountId"}]})
        );
    }
    let task = statements(&template["Resources"]["TaskRole"]["Properties"]["Policies"]);
    let secret = task
        .iter()
        .find(|s| s["Sid"] == "ReadAndUpdateDatabaseSecret")
        .unwrap();
    assert!(strings(&secret["Action"]).contains(&"secretsmanager:PutSecretValue".to_string()));
    assert!(strings(&secret["Action"]).contains(&"secretsmanager:UpdateSecret".to_string()));
    let efs = task.iter().find(|s| s["Sid"] == "MountAssets").unwrap();
    assert_eq!(
        efs["Condition"]["StringEquals"]["elasticfilesystem:AccessPointArn"],
        json!([{"Fn::Sub": "arn:${AWS::Partition}:elasticfilesystem:${AWS::Region}:${AWS::AccountId}:access-point/${AssetsAccessPoint}"}])
    );
}

#[test]
fn every_parameter_is_used_and_the_example_fills_the_required_ones() {
    let example = tenant::example().unwrap();
    let template = render(&example.template);
    let body = json!([template["Resources"], template["Outputs"]]).to_string();
    let parameters = template["Parameters"].as_object().unwrap();
    for (id, parameter) in parameters {
        assert!(
            body.contains(&format!("{{\"Ref\":\"{id}\"}}")) || body.contains(&format!("${{{id}}}")),
            "parameter {id} is unused"
        );
        let has_default = parameter.get("Default").is_some();
        assert_eq!(
            example.create_parameters.contains_key(id),
            !has_default,
            "example parameters and {id}"
        );
    }
    let changed: Vec<&String> = example
        .update_parameters
        .iter()
        .filter(|(key, value)| example.create_parameters.get(*key) != Some(value))
        .map(|(key, _)| key)
        .collect();
    assert_eq!(changed, ["ContainerImage"]);
    assert_eq!(example.name, "tenant-acme");
    assert_eq!(example.stack_name, "askedgi-acme");
}

#[test]
fn outputs_are_exported_under_the_stack_name() {
    let template = acme();
    let outputs = template["Outputs"].as_object().unwrap();
    for (id, output) in outputs {
        assert_eq!(
            output["Export"]["Name"],
            json!({"Fn::Sub": format!("${{AWS::StackName}}-{id}")})
        );
    }
    let values: Vec<(&str, &Value)> = outputs
        .iter()
        .map(|(id, o)| (id.as_str(), &o["Value"]))
        .collect();
    assert_eq!(
        values,
        [
            ("BucketName", &json!({"Ref": "DataBucket"})),
            ("ClientPrefix", &json!("acme")),
            (
                "DataSyncQueueName",
                &json!({"Fn::GetAtt": ["DataSyncQueue", "QueueName"]})
            ),
            (
                "AiFunctionsQueueName",
                &json!({"Fn::GetAtt": ["AiFunctionsQueue", "QueueName"]})
            ),
            ("DataServiceFamily", &json!("acme-data-service")),
            (
                "DataServiceMediumFamily",
                &json!("acme-data-service-medium")
            ),
            ("DataServiceXlFamily", &json!("acme-data-service-xl")),
            ("ClusterName", &json!({"Ref": "Cluster"})),
            ("NamespaceName", &json!("acme.askedgi.internal")),
            ("NamespaceId", &json!({"Ref": "ServiceDiscoveryNamespace"})),
            (
                "Subnets",
                &json!({"Fn::Join": [",", [{"Ref": "PrivateSubnetA"}, {"Ref": "PrivateSubnetB"}]]})
            ),
            (
                "SecurityGroupId",
                &json!({"Fn::GetAtt": ["EdgiDataSecurityGroup", "GroupId"]})
            ),
            ("Region", &json!({"Ref": "AWS::Region"})),
            (
                "EdgiUserAccessKeySecretArn",
                &json!({"Ref": "EdgiUserAccessKeySecret"})
            ),
            (
                "BridgeUserAccessKeySecretArn",
                &json!({"Ref": "BridgeUserAccessKeySecret"})
            ),
            ("AssetsAccessPointId", &json!({"Ref": "AssetsAccessPoint"})),
            ("LogGroupName", &json!({"Ref": "DataServiceLogGroup"})),
        ]
    );
}

#[test]
fn existing_cluster_namespace_route_table_and_mount_targets_are_used_not_created() {
    let template = render(&tenant::build(&tenant_name("acme"), &checked(full_config())).unwrap());
    for type_name in [
        "AWS::ECS::Cluster",
        "AWS::ServiceDiscovery::PrivateDnsNamespace",
        "AWS::EC2::RouteTable",
        "AWS::EFS::MountTarget",
    ] {
        assert!(ids_of_type(&template, type_name).is_empty(), "{type_name}");
    }
    let outputs = &template["Outputs"];
    assert_eq!(outputs["ClusterName"]["Value"], "ovaledge-shared");
    assert_eq!(outputs["NamespaceId"]["Value"], "ns-abcdefgh12345678");
    assert_eq!(
        outputs["NamespaceName"]["Value"],
        "workspaces.ovaledge.internal"
    );
    for association in ids_of_type(&template, "AWS::EC2::SubnetRouteTableAssociation") {
        assert_eq!(
            template["Resources"][association]["Properties"]["RouteTableId"],
            "rtb-0123456789abcdef0"
        );
    }
    assert_eq!(template["Parameters"]["LogLevel"]["Default"], "info");
    assert_eq!(
        template["Resources"]["DataServiceLogGroup"]["Properties"]["RetentionInDays"],
        90
    );
    // In the shared namespace, the tenant's own service: its tasks may
    // register there and nowhere else, and write its records alone.
    let service = &template["Resources"]["WorkspaceDiscoveryService"]["Properties"];
    assert_eq!(service["Name"], "acme-data-service");
    assert_eq!(service["DnsConfig"]["NamespaceId"], "ns-abcdefgh12345678");
    let policies = &template["Resources"]["TaskRole"]["Properties"]["Policies"];
    let register = statements(policies)
        .into_iter()
        .find(|s| s["Sid"] == "RegisterWorkspaces")
        .unwrap();
    // RegisterInstance's request carries no servicediscovery:NamespaceName
    // (the Service Authorization Reference lists only ServiceArn and
    // ServiceCreatedByAccount): the service's ARN is what scopes it.
    assert_eq!(register["Condition"], Value::Null, "{register}");
    assert_eq!(
        register["Resource"],
        json!([{"Fn::GetAtt": ["WorkspaceDiscoveryService", "Arn"]}])
    );
    let records = statements(policies)
        .into_iter()
        .find(|s| s["Sid"] == "WriteWorkspaceRecords")
        .unwrap();
    assert_eq!(
        records["Condition"]["ForAllValues:StringEquals"]
            ["route53:ChangeResourceRecordSetsNormalizedRecordNames"],
        json!(["acme-data-service.workspaces.ovaledge.internal"])
    );
    let discover = statements(&template["Resources"]["TaskRole"]["Properties"]["Policies"])
        .into_iter()
        .find(|s| s["Sid"] == "DiscoverInNamespace")
        .unwrap();
    assert_eq!(
        discover["Condition"]["StringEquals"]["servicediscovery:NamespaceName"],
        json!(["workspaces.ovaledge.internal"])
    );
}

#[test]
fn bad_names_are_refused_before_anything_is_built() {
    for name in ["Acme_Corp", "acme.corp", "-acme", &"a".repeat(38)] {
        match tenant::TenantName::parse(name) {
            Err(StackError::InvalidInput { field, rule, given }) => {
                assert_eq!(field, "tenant name");
                assert_eq!(given, name);
                assert!(
                    rule.contains("^[a-z0-9](?:[a-z0-9-]{0,35}[a-z0-9])?$"),
                    "{rule}"
                );
                assert!(rule.contains("at most 37 characters"), "{rule}");
            }
            other => panic!("{name}: {other:?}"),
        }
    }
}

#[test]
fn synthesis_is_deterministic() {
    let first = tenant::build(&tenant_name("acme"), &checked(full_config()))
        .unwrap()
        .synthesize(Format::Yaml)
        .unwrap();
    assert!(first.warnings.is_empty(), "{:?}", first.warnings);
    let again = tenant::build(&tenant_name("acme"), &checked(full_config()))
        .unwrap()
        .synthesize(Format::Yaml)
        .unwrap();
    assert_eq!(first, again);
}
