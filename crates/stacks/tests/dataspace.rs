//! The DataSpace stack, checked on the rendered template: snapshots of each
//! environment for review and cfn-lint, what differs between dev and prod,
//! and what moto skips (OpenSearch, ElastiCache, autoscaling), asserted on
//! the template instead.

mod common;

use serde_json::{json, Value};

use common::{checked, ids_of_type, of_type, render, snapshot, statements, strings};
use framework::config;
use framework::StackError;
use stacks::dataspace::{self, DataspaceConfig, Environment};

/// An existing VPC and overrides in two environments.
const CUSTOM_CONFIG: &str = "\
name: dataspace
network:
  existingVpc:
    vpcId: vpc-0123456789abcdef0
    privateSubnetIds: [subnet-0aaaaaaaaaaaaaaaa, subnet-0bbbbbbbbbbbbbbbb]
app:
  port: 8080
  healthCheckPath: /healthz
  environment: {DJANGO_SETTINGS_MODULE: dataspace.settings.production}
environments:
  staging:
    search: {instanceCount: 4, dedicatedMasterType: m7g.large.search}
  prod:
    database: {instanceClass: db.r7g.xlarge, allocatedStorageGiB: 200, maxAllocatedStorageGiB: 2000}
    cache: {replicas: 2}
    app: {cpu: 2048, memory: 4096, minCount: 3, maxCount: 20}
logRetentionDays: 90
";

fn custom() -> DataspaceConfig {
    config::parse::<DataspaceConfig>(CUSTOM_CONFIG, "custom.yaml")
        .unwrap()
        .into_inner()
}

fn template(environment: Environment) -> Value {
    render(&dataspace::build(&checked(DataspaceConfig::default()), environment).unwrap())
}

fn properties<'a>(template: &'a Value, id: &str) -> &'a Value {
    &template["Resources"][id]["Properties"]
}

fn problems(text: &str) -> Vec<String> {
    match config::parse::<DataspaceConfig>(text, "dataspace.yaml") {
        Err(StackError::Config { problems, .. }) => problems,
        other => panic!("{text:?} should be refused, got {other:?}"),
    }
}

#[test]
fn environment_snapshots() {
    for environment in Environment::ALL {
        snapshot!(
            format!("dataspace-{}", environment.as_str()).as_str(),
            &dataspace::build(&checked(DataspaceConfig::default()), environment).unwrap()
        );
    }
}

#[test]
fn custom_config_snapshot() {
    snapshot!(
        "dataspace-custom-prod",
        &dataspace::build(&checked(custom()), Environment::Prod).unwrap()
    );
}

#[test]
fn prod_is_highly_available_and_dev_is_small() {
    let (dev, prod) = (template(Environment::Dev), template(Environment::Prod));
    let database = |t: &Value| properties(t, "Database").clone();
    assert_eq!(database(&dev)["MultiAZ"], false);
    assert_eq!(database(&prod)["MultiAZ"], true);
    assert_eq!(database(&dev)["DBInstanceClass"], "db.t4g.micro");
    assert_eq!(database(&prod)["DeletionProtection"], true);
    assert_eq!(database(&dev)["DeletionProtection"], false);
    assert!(
        database(&prod)["BackupRetentionPeriod"].as_i64()
            > database(&dev)["BackupRetentionPeriod"].as_i64()
    );

    let cluster = |t: &Value| properties(t, "SearchDomain")["ClusterConfig"].clone();
    assert_eq!(cluster(&dev)["InstanceCount"], 1);
    assert_eq!(cluster(&dev)["ZoneAwarenessEnabled"], false);
    assert!(cluster(&dev).get("ZoneAwarenessConfig").is_none());
    assert_eq!(cluster(&dev)["DedicatedMasterEnabled"], false);
    assert_eq!(cluster(&prod)["InstanceCount"], 2);
    assert_eq!(cluster(&prod)["ZoneAwarenessEnabled"], true);
    assert_eq!(
        cluster(&prod)["ZoneAwarenessConfig"]["AvailabilityZoneCount"],
        2
    );
    assert_eq!(cluster(&prod)["DedicatedMasterCount"], 3);
    // One subnet per zone the domain spans.
    let subnets = |t: &Value| {
        properties(t, "SearchDomain")["VPCOptions"]["SubnetIds"]
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!((subnets(&dev), subnets(&prod)), (1, 2));

    let cache = |t: &Value| properties(t, "Cache").clone();
    assert_eq!(cache(&dev)["NumCacheClusters"], 1);
    assert_eq!(cache(&dev)["AutomaticFailoverEnabled"], false);
    assert_eq!(cache(&prod)["NumCacheClusters"], 2);
    assert_eq!(cache(&prod)["AutomaticFailoverEnabled"], true);
    assert_eq!(cache(&prod)["MultiAZEnabled"], true);

    let strategy = |t: &Value| {
        properties(t, "Cluster")["DefaultCapacityProviderStrategy"][0]["CapacityProvider"].clone()
    };
    assert_eq!(strategy(&dev), "FARGATE_SPOT");
    assert_eq!(strategy(&prod), "FARGATE");
    for t in [&dev, &prod] {
        assert_eq!(
            properties(t, "Cluster")["CapacityProviders"],
            json!(["FARGATE", "FARGATE_SPOT"])
        );
    }

    let scaling = |t: &Value| {
        let target = properties(t, "AppScalableTarget");
        (
            target["MinCapacity"].as_i64().unwrap(),
            target["MaxCapacity"].as_i64().unwrap(),
        )
    };
    assert_eq!(scaling(&dev), (1, 2));
    assert_eq!(scaling(&prod), (2, 10));
    // Names carry the environment; logical IDs do not.
    assert_eq!(
        properties(&prod, "Database")["DBInstanceIdentifier"],
        "dataspace-prod"
    );
    assert_eq!(
        properties(&dev, "Database")["DBInstanceIdentifier"],
        "dataspace-dev"
    );
    assert_eq!(
        ids_of_type(&dev, "AWS::RDS::DBInstance"),
        ids_of_type(&prod, "AWS::RDS::DBInstance")
    );
}

#[test]
fn the_data_stores_are_private_encrypted_and_kept() {
    for environment in Environment::ALL {
        let t = template(environment);
        let database = &t["Resources"]["Database"];
        assert_eq!(database["DeletionPolicy"], "Snapshot");
        assert_eq!(database["UpdateReplacePolicy"], "Snapshot");
        let db = &database["Properties"];
        assert_eq!(db["StorageEncrypted"], true);
        assert_eq!(db["PubliclyAccessible"], false);
        // Kept and rotated by RDS: no password, no copy, in the template.
        assert_eq!(db["ManageMasterUserPassword"], true);
        assert!(db.get("MasterUserPassword").is_none());
        assert!(t["Resources"].get("DatabaseSecret").is_none());
        assert!(db["BackupRetentionPeriod"].as_i64().unwrap() >= 1);
        assert!(
            db["MaxAllocatedStorage"].as_i64()
                > db["AllocatedStorage"].as_str().unwrap().parse().ok()
        );

        let search = &t["Resources"]["SearchDomain"];
        // Kept, except when the stack's first create rolls back.
        assert_eq!(search["DeletionPolicy"], "RetainExceptOnCreate");
        assert_eq!(search["UpdateReplacePolicy"], "Retain");
        let domain = &search["Properties"];
        assert_eq!(domain["AdvancedSecurityOptions"]["Enabled"], true);
        // The master user is a role no task holds (issue 28 item 6).
        assert_eq!(
            domain["AdvancedSecurityOptions"]["MasterUserOptions"]["MasterUserARN"],
            json!({"Fn::GetAtt": ["SearchAdminRole", "Arn"]})
        );
        assert_eq!(domain["DomainEndpointOptions"]["EnforceHTTPS"], true);
        assert_eq!(
            domain["DomainEndpointOptions"]["TLSSecurityPolicy"],
            "Policy-Min-TLS-1-2-PFS-2023-10"
        );
        assert_eq!(domain["NodeToNodeEncryptionOptions"]["Enabled"], true);
        assert_eq!(domain["EncryptionAtRestOptions"]["Enabled"], true);
        let policy = &domain["AccessPolicies"]["Statement"];
        assert_eq!(policy.as_array().unwrap().len(), 2);
        assert_eq!(
            policy[0]["Principal"],
            json!({"AWS": [{"Fn::GetAtt": ["AppTaskRole", "Arn"]}]})
        );
        assert!(!strings(&policy[0]["Action"]).contains(&"es:ESHttpPatch".to_string()));
        assert_eq!(
            policy[1]["Principal"],
            json!({"AWS": [{"Fn::GetAtt": ["SearchAdminRole", "Arn"]}]})
        );

        let cache = &t["Resources"]["Cache"];
        assert_eq!(cache["DeletionPolicy"], "Snapshot");
        let group = &cache["Properties"];
        assert_eq!(group["TransitEncryptionEnabled"], true);
        assert_eq!(group["TransitEncryptionMode"], "required");
        assert_eq!(group["AtRestEncryptionEnabled"], true);
    }
}

#[test]
fn search_publishes_error_and_audit_logs_under_a_policy_for_its_own_domain() {
    let t = template(Environment::Prod);
    let search = &t["Resources"]["SearchDomain"];
    assert_eq!(search["DependsOn"], json!(["SearchLogsPolicy"]));
    let options = &search["Properties"]["LogPublishingOptions"];
    for (log_type, group, name) in [
        (
            "ES_APPLICATION_LOGS",
            "SearchErrorLogGroup",
            "/aws/opensearch/dataspace-prod/error",
        ),
        (
            "AUDIT_LOGS",
            "SearchAuditLogGroup",
            "/aws/opensearch/dataspace-prod/audit",
        ),
    ] {
        assert_eq!(options[log_type]["Enabled"], true);
        assert_eq!(
            options[log_type]["CloudWatchLogsLogGroupArn"],
            json!({"Fn::GetAtt": [group, "Arn"]})
        );
        assert_eq!(properties(&t, group)["LogGroupName"], name);
        assert_eq!(
            t["Resources"][group]["DeletionPolicy"],
            "RetainExceptOnCreate"
        );
    }
    let document = &properties(&t, "SearchLogsPolicy")["PolicyDocument"];
    let statement = &document["Statement"][0];
    assert_eq!(
        statement["Principal"],
        json!({"Service": ["es.amazonaws.com"]})
    );
    assert_eq!(
        statement["Action"],
        json!(["logs:CreateLogStream", "logs:PutLogEvents"])
    );
    assert_eq!(
        statement["Condition"]["StringEquals"]["aws:SourceAccount"],
        json!({"Ref": "AWS::AccountId"})
    );
    assert_eq!(
        statement["Condition"]["ArnLike"]["aws:SourceArn"],
        json!({"Fn::Sub": "arn:${AWS::Partition}:es:${AWS::Region}:${AWS::AccountId}:domain/dataspace-prod"})
    );
}

#[test]
fn search_logs_can_be_turned_off() {
    let config =
        config::parse::<DataspaceConfig>("searchLogs: {enabled: false}\n", "d.yaml").unwrap();
    let built = dataspace::build(&config, Environment::Dev).unwrap();
    // Reviewed, linted and guarded like every other template: the two
    // controls it then fails are listed in guard-exceptions.json.
    snapshot!("dataspace-without-search-logs", &built);
    let t = render(&built);
    let resources = t["Resources"].as_object().unwrap();
    for gone in [
        "SearchLogsPolicy",
        "SearchErrorLogGroup",
        "SearchAuditLogGroup",
    ] {
        assert!(!resources.contains_key(gone), "{gone} is still there");
    }
    let search = &resources["SearchDomain"];
    assert!(search.get("DependsOn").is_none());
    assert!(search["Properties"].get("LogPublishingOptions").is_none());
}

#[test]
fn redis_admits_only_the_app_user_with_its_generated_password() {
    let t = template(Environment::Dev);
    // CT.ELASTICACHE.PR.8: the replication group authenticates through an
    // RBAC user group.
    assert_eq!(
        properties(&t, "Cache")["UserGroupIds"],
        json!([{"Ref": "CacheUserGroup"}])
    );
    let group = properties(&t, "CacheUserGroup");
    assert_eq!(
        group["UserIds"],
        json!([{"Ref": "CacheDefaultUser"}, {"Ref": "CacheAppUser"}])
    );
    let default = properties(&t, "CacheDefaultUser");
    assert_eq!(default["UserName"], "default");
    assert!(
        default["AccessString"]
            .as_str()
            .unwrap()
            .starts_with("off "),
        "the default user is switched off: {default}"
    );
    let app = properties(&t, "CacheAppUser");
    assert_eq!(app["AuthenticationMode"]["Type"], "password");
    assert_eq!(
        app["AuthenticationMode"]["Passwords"],
        json!([{"Fn::Sub": "{{resolve:secretsmanager:${CacheUserSecret}:SecretString:password}}"}])
    );
    let secret = properties(&t, "CacheUserSecret");
    let generated = &secret["GenerateSecretString"];
    assert_eq!(generated["GenerateStringKey"], "password");
    assert_eq!(
        generated["SecretStringTemplate"],
        json!({"username": app["UserName"]}).to_string()
    );
    // The app gets the user and password as ECS secrets, never as values.
    let container = &properties(&t, "AppTaskDefinition")["ContainerDefinitions"][0];
    let from = |name: &str| {
        container["Secrets"]
            .as_array()
            .unwrap()
            .iter()
            .find(|secret| secret["Name"] == name)
            .map(|secret| secret["ValueFrom"].clone())
    };
    assert_eq!(
        from("REDIS_USERNAME"),
        Some(json!({"Fn::Sub": "${CacheUserSecret}:username::"}))
    );
    assert_eq!(
        from("REDIS_PASSWORD"),
        Some(json!({"Fn::Sub": "${CacheUserSecret}:password::"}))
    );
}

#[test]
fn each_data_store_admits_only_the_services_on_its_port() {
    let t = template(Environment::Prod);
    for (group, port) in [
        ("DatabaseSecurityGroup", 5432),
        ("SearchSecurityGroup", 443),
        ("CacheSecurityGroup", 6379),
    ] {
        let rules = properties(&t, group)["SecurityGroupIngress"]
            .as_array()
            .unwrap()
            .clone();
        assert_eq!(rules.len(), 1, "{group}");
        assert_eq!(rules[0]["FromPort"], port, "{group}");
        assert_eq!(rules[0]["ToPort"], port, "{group}");
        assert_eq!(
            rules[0]["SourceSecurityGroupId"],
            json!({"Fn::GetAtt": ["AppSecurityGroup", "GroupId"]}),
            "{group}"
        );
        // And sends nothing.
        assert_eq!(
            properties(&t, group)["SecurityGroupEgress"][0]["CidrIp"],
            "255.255.255.255/32"
        );
    }
    let collector = properties(&t, "CollectorSecurityGroup")["SecurityGroupIngress"]
        .as_array()
        .unwrap()
        .clone();
    let ports: Vec<&Value> = collector.iter().map(|rule| &rule["FromPort"]).collect();
    assert_eq!(ports, [&json!(4317), &json!(4318)]);
    // One more way into the search domain: the search access function.
    let extra = ids_of_type(&t, "AWS::EC2::SecurityGroupIngress");
    assert_eq!(extra, ["SearchFromAccessFunction"]);
    let rule = properties(&t, "SearchFromAccessFunction");
    assert_eq!(
        rule["GroupId"],
        json!({"Fn::GetAtt": ["SearchSecurityGroup", "GroupId"]})
    );
    assert_eq!(
        rule["SourceSecurityGroupId"],
        json!({"Fn::GetAtt": ["SearchAccessSecurityGroup", "GroupId"]})
    );
    assert_eq!(
        (&rule["FromPort"], &rule["ToPort"]),
        (&json!(443), &json!(443))
    );
    for (id, service) in of_type(&t, "AWS::ECS::Service") {
        let network = &service["Properties"]["NetworkConfiguration"]["AwsvpcConfiguration"];
        assert_eq!(network["AssignPublicIp"], "DISABLED", "{id}");
    }
}

/// Every `ValueFrom` of every container, as rendered.
fn value_froms(template: &Value) -> Vec<Value> {
    of_type(template, "AWS::ECS::TaskDefinition")
        .into_iter()
        .flat_map(|(_, definition)| {
            definition["Properties"]["ContainerDefinitions"][0]["Secrets"]
                .as_array()
                .unwrap()
                .iter()
                .map(|secret| secret["ValueFrom"].clone())
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn the_execution_role_reads_exactly_what_the_containers_get() {
    let t = template(Environment::Prod);
    let role = &t["Resources"]["TaskExecutionRole"];
    let granted = |action: &str| -> Vec<Value> {
        statements(role)
            .into_iter()
            .filter(|s| strings(&s["Action"]).contains(&action.to_string()))
            .flat_map(|s| s["Resource"].as_array().unwrap().clone())
            .collect()
    };
    let parameters = granted("ssm:GetParameters");
    let secrets = granted("secretsmanager:GetSecretValue");
    let mut used_parameters = Vec::new();
    let mut used_secrets = Vec::new();
    for value_from in value_froms(&t) {
        match &value_from {
            Value::Object(f) if f.contains_key("Fn::Sub") => {
                // `<secret ARN>:<key>::` reads one key of a JSON secret.
                let key_of_secret = f["Fn::Sub"]
                    .as_str()
                    .unwrap()
                    .strip_prefix("${")
                    .and_then(|rest| rest.split_once("}:"))
                    .map(|(id, _)| id)
                    .filter(|id| t["Resources"][id]["Type"] == "AWS::SecretsManager::Secret");
                match key_of_secret {
                    Some(id) => used_secrets.push(json!({ "Ref": id })),
                    None => used_parameters.push(value_from.clone()),
                }
            }
            // `<secret ARN>:<key>::` of a secret whose ARN is an attribute
            // (RDS's master secret).
            Value::Object(f) if f.contains_key("Fn::Join") => {
                used_secrets.push(f["Fn::Join"][1][0].clone());
            }
            _ => used_secrets.push(value_from.clone()),
        }
    }
    used_secrets.sort_by_key(|secret| secret.to_string());
    used_secrets.dedup();
    for parameter in &used_parameters {
        assert!(parameters.contains(parameter), "{parameter} is not granted");
    }
    assert_eq!(parameters.len(), used_parameters.len(), "{parameters:#?}");
    assert_eq!(
        secrets,
        [
            json!({"Fn::GetAtt": ["Database", "MasterUserSecret.SecretArn"]}),
            json!({"Ref": "DjangoSecretKey"}),
            json!({"Ref": "CacheUserSecret"})
        ]
    );
    for secret in &used_secrets {
        assert!(secrets.contains(secret), "{secret} is not granted");
    }
    // No secret is a plain value, and no parameter of the template is one.
    let app = &properties(&t, "AppTaskDefinition")["ContainerDefinitions"][0];
    let plain: Vec<&str> = app["Environment"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["Name"].as_str().unwrap())
        .collect();
    for secret in [
        "DB_PASSWORD",
        "DB_USERNAME",
        "DJANGO_SECRET_KEY",
        "ELASTICSEARCH_PASSWORD",
        "REDIS_PASSWORD",
    ] {
        assert!(!plain.contains(&secret), "{secret}");
    }
    let variables: Vec<&str> = app["Secrets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["Name"].as_str().unwrap())
        .collect();
    assert_eq!(
        variables,
        [
            "DB_HOST",
            "DB_PORT",
            "DB_NAME",
            "REDIS_HOST",
            "REDIS_PORT",
            "ELASTICSEARCH_URL",
            "DB_USERNAME",
            "DB_PASSWORD",
            "DJANGO_SECRET_KEY",
            "REDIS_USERNAME",
            "REDIS_PASSWORD"
        ]
    );
}

#[test]
fn the_app_runs_once_there_is_an_image_and_scales_on_cpu_and_memory() {
    let t = template(Environment::Prod);
    for id in [
        "AppTaskDefinition",
        "AppService",
        "AppDiscoveryService",
        "AppScalableTarget",
        "AppCpuScaling",
        "AppMemoryScaling",
    ] {
        assert_eq!(t["Resources"][id]["Condition"], "HasImage", "{id}");
    }
    assert_eq!(t["Parameters"]["ImageTag"]["Default"], "");
    assert_eq!(t["Outputs"]["AppServiceName"]["Condition"], "HasImage");
    let metrics: Vec<&Value> = ["AppCpuScaling", "AppMemoryScaling"]
        .iter()
        .map(|id| {
            &properties(&t, id)["TargetTrackingScalingPolicyConfiguration"]
                ["PredefinedMetricSpecification"]["PredefinedMetricType"]
        })
        .collect();
    assert_eq!(
        metrics,
        [
            &json!("ECSServiceAverageCPUUtilization"),
            &json!("ECSServiceAverageMemoryUtilization")
        ]
    );
    let target = properties(&t, "AppScalableTarget");
    // Autoscaling owns the app's count: a count in the template would put
    // the service back to it on every deploy. The collector has a fixed one.
    assert!(properties(&t, "AppService").get("DesiredCount").is_none());
    assert_eq!(properties(&t, "CollectorService")["DesiredCount"], 2);
    assert_eq!(target["ServiceNamespace"], "ecs");
    assert_eq!(target["ScalableDimension"], "ecs:service:DesiredCount");
    let app = &properties(&t, "AppTaskDefinition")["ContainerDefinitions"][0];
    assert_eq!(app["HealthCheck"]["Command"][0], "CMD-SHELL");
    assert!(app["HealthCheck"]["Command"][1]
        .as_str()
        .unwrap()
        .contains("http://localhost:8000/health/"));
    assert_eq!(app["LogConfiguration"]["LogDriver"], "awslogs");
    for group in ["AppLogGroup", "CollectorLogGroup", "MetricsLogGroup"] {
        assert_eq!(properties(&t, group)["RetentionInDays"], 30, "{group}");
    }
    // Both services register in Cloud Map; the app finds the collector there.
    for service in ["AppService", "CollectorService"] {
        assert!(
            properties(&t, service)["ServiceRegistries"].is_array(),
            "{service}"
        );
    }
    let otlp = app["Environment"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["Name"] == "OTEL_EXPORTER_OTLP_ENDPOINT")
        .unwrap();
    assert_eq!(
        otlp["Value"],
        "http://otel-collector.dataspace-prod.internal:4318"
    );
}

#[test]
fn the_collector_reads_its_configuration_from_ssm() {
    let t = template(Environment::Dev);
    let container = &properties(&t, "CollectorTaskDefinition")["ContainerDefinitions"][0];
    assert_eq!(container["Secrets"][0]["Name"], "AOT_CONFIG_CONTENT");
    assert!(container.get("MountPoints").is_none());
    assert!(properties(&t, "CollectorTaskDefinition")
        .get("Volumes")
        .is_none());
    let ports: Vec<i64> = container["PortMappings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["ContainerPort"].as_i64().unwrap())
        .collect();
    assert_eq!(ports, [4317, 4318, 13133]);
    assert_eq!(
        container["HealthCheck"]["Command"],
        json!(["CMD", "/healthcheck"])
    );
    let config = properties(&t, "CollectorConfigParameter")["Value"]
        .as_str()
        .unwrap();
    let parsed = yaml::parse_document(config).unwrap();
    assert_eq!(
        parsed["receivers"]["otlp"]["protocols"]["grpc"]["endpoint"],
        "0.0.0.0:4317"
    );
    assert_eq!(
        parsed["receivers"]["otlp"]["protocols"]["http"]["endpoint"],
        "0.0.0.0:4318"
    );
    assert_eq!(
        parsed["extensions"]["health_check"]["endpoint"],
        "0.0.0.0:13133"
    );
    assert_eq!(
        parsed["exporters"]["awsemf"]["log_group_name"],
        "/ecs/dataspace-dev/metrics"
    );
    assert!(config.len() <= 4096, "a Standard SSM parameter holds 4 KB");
}

#[test]
fn connection_settings_live_in_ssm_under_the_environment() {
    let t = template(Environment::Staging);
    let names: Vec<&str> = of_type(&t, "AWS::SSM::Parameter")
        .into_iter()
        .map(|(_, p)| p["Properties"]["Name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "/dataspace/staging/database/host",
            "/dataspace/staging/database/port",
            "/dataspace/staging/database/name",
            "/dataspace/staging/redis/host",
            "/dataspace/staging/redis/port",
            "/dataspace/staging/opensearch/endpoint",
            "/dataspace/staging/otel-collector/config"
        ]
    );
    assert_eq!(
        properties(&t, "DatabaseHostParameter")["Value"],
        json!({"Fn::GetAtt": ["Database", "Endpoint.Address"]})
    );
    assert_eq!(
        properties(&t, "RedisHostParameter")["Value"],
        json!({"Fn::GetAtt": ["Cache", "PrimaryEndPoint.Address"]})
    );
    let outputs = t["Outputs"].as_object().unwrap();
    for output in [
        "ClusterName",
        "AppServiceName",
        "CollectorServiceName",
        "RepositoryUri",
        "DatabaseEndpoint",
        "RedisEndpoint",
        "SearchEndpoint",
    ] {
        assert!(outputs.contains_key(output), "{output}");
    }
}

#[test]
fn overrides_change_only_their_environment() {
    let config = checked(custom());
    let staging = render(&dataspace::build(&config, Environment::Staging).unwrap());
    let prod = render(&dataspace::build(&config, Environment::Prod).unwrap());
    let dev = render(&dataspace::build(&config, Environment::Dev).unwrap());
    assert_eq!(
        properties(&staging, "SearchDomain")["ClusterConfig"]["InstanceCount"],
        4
    );
    assert_eq!(properties(&prod, "Cache")["NumCacheClusters"], 3);
    assert_eq!(
        properties(&prod, "Database")["DBInstanceClass"],
        "db.r7g.xlarge"
    );
    assert_eq!(
        properties(&dev, "Database")["DBInstanceClass"],
        "db.t4g.micro"
    );
    // An existing VPC is parameters; nothing of a new VPC is made.
    assert_eq!(
        prod["Parameters"]["VpcId"]["Default"],
        "vpc-0123456789abcdef0"
    );
    assert!(prod["Parameters"].get("PublicSubnetIds").is_none());
    assert!(prod["Resources"].get("Vpc").is_none());
    let subnets = &properties(&prod, "SearchDomain")["VPCOptions"]["SubnetIds"];
    assert_eq!(
        subnets[1],
        json!({"Fn::Select": [1, {"Ref": "PrivateSubnetIds"}]})
    );
}

#[test]
fn config_errors_name_the_field_and_rule() {
    let cases: [(&str, &[&str]); 7] = [
        ("colour: blue\n", &["colour", "not allowed"]),
        // RDS and ElastiCache refuse two hyphens in a row.
        ("name: data--space\n", &["/name", "data--space"]),
        (
            "environments: {prod: {app: {cpu: 256, memory: 4096}}}\n",
            &["/environments/prod/app/memory", "4096", "256 CPU units"],
        ),
        (
            "environments: {dev: {app: {minCount: 5}}}\n",
            &["/environments/dev/app/minCount", "more than maxCount 2"],
        ),
        (
            "environments: {staging: {search: {instanceCount: 3}}}\n",
            &["/environments/staging/search/instanceCount", "must be even"],
        ),
        (
            "app: {environment: {DB_PASSWORD: hunter2}}\n",
            &["/app/environment/DB_PASSWORD", "set by the stack"],
        ),
        (
            "network: {existingVpc: {publicSubnetIds: [subnet-0aaaaaaaaaaaaaaaa, subnet-0bbbbbbbbbbbbbbbb]}}\n",
            &["/network/existingVpc/publicSubnetIds", "not used"],
        ),
    ];
    for (text, expected) in cases {
        let found = problems(text).join("\n");
        for fragment in expected {
            assert!(
                found.contains(fragment),
                "{fragment:?} missing for {text:?}:\n{found}"
            );
        }
    }
}

#[test]
fn the_workflow_deploys_with_synth_and_the_aws_cli_and_reads_secrets_from_github() {
    let names = dataspace::names::Names::new("dataspace", Environment::Prod);
    let template =
        dataspace::build(&checked(DataspaceConfig::default()), Environment::Prod).unwrap();
    let text = dataspace::workflow::render_workflow(&names, &template, None).unwrap();
    let workflow = yaml::parse_document(&text).unwrap();
    assert_eq!(workflow["on"]["push"]["branches"][0], "main");
    assert_eq!(workflow["permissions"]["id-token"], "write");
    let job = &workflow["jobs"]["deploy"];
    assert_eq!(job["if"], "github.ref == 'refs/heads/main'");
    let steps = job["steps"].as_array().unwrap();
    let uses: Vec<&str> = steps.iter().filter_map(|s| s["uses"].as_str()).collect();
    assert_eq!(
        uses,
        [
            "actions/checkout@v4",
            "actions/checkout@v4",
            "Swatinem/rust-cache@v2",
            "aws-actions/configure-aws-credentials@v4",
            "aws-actions/amazon-ecr-login@v2"
        ]
    );
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    // Every command the steps run, also inside `$(...)` and after `if`.
    let programs: Vec<&str> = runs
        .iter()
        .flat_map(|run| run.lines())
        .map(str::trim)
        .filter_map(|line| {
            let line = line.split_once("$(").map_or(line, |(_, inner)| inner);
            let line = line.strip_prefix("if ").unwrap_or(line);
            line.split_whitespace().next()
        })
        .filter(|word| !word.starts_with(['-', '"', '\\']))
        .collect();
    for program in &programs {
        assert!(
            ["cargo", "aws", "docker", "echo", "else", "fi"].contains(program),
            "{program} in {runs:#?}"
        );
    }
    assert!(programs.contains(&"docker"));
    assert!(runs[0].starts_with(
        "cargo run --release --locked --manifest-path synth/Cargo.toml --package synth -- \
         dataspace --env prod"
    ));
    let deploys = runs
        .iter()
        .filter(|run| run.contains("aws cloudformation deploy"));
    assert_eq!(deploys.count(), 2);
    assert!(runs
        .iter()
        .all(|run| !run.contains("aws cloudformation deploy")
            || run.contains("--no-fail-on-empty-changeset")));
    // Over the 51,200 bytes CloudFormation takes inline: through a bucket.
    assert!(
        template
            .synthesize(constructs::Format::Yaml)
            .unwrap()
            .body
            .len()
            > 51_200
    );
    assert!(runs
        .iter()
        .all(|run| !run.contains("aws cloudformation deploy")
            || run.contains("--s3-bucket \"${{ vars.TEMPLATE_BUCKET }}\"")));
    assert!(runs.iter().any(|run| run.contains("ImageTag=$GITHUB_SHA")));
    // Credentials come from the repository's secrets, as expressions.
    let credentials = &steps[3]["with"];
    assert_eq!(
        credentials["role-to-assume"],
        "${{ secrets.AWS_DEPLOY_ROLE_ARN }}"
    );
    assert_eq!(credentials["aws-region"], "${{ secrets.AWS_REGION }}");
    assert!(!text.contains("AWS_SECRET_ACCESS_KEY"));
    assert_eq!(workflow["env"]["STACK_NAME"], "dataspace-prod");
}

#[test]
fn an_existing_vpc_without_ids_takes_them_from_repository_variables() {
    let config =
        config::parse::<DataspaceConfig>("network: {existingVpc: {}}\n", "existing.yaml").unwrap();
    let template = dataspace::build(&config, Environment::Dev).unwrap();
    let names = dataspace::names::Names::new("dataspace", Environment::Dev);
    let text = dataspace::workflow::render_workflow(
        &names,
        &template,
        Some(std::path::Path::new("dataspace.yaml")),
    )
    .unwrap();
    assert!(
        text.contains(
            "\"VpcId=${{ vars.VPC_ID }}\" \"PrivateSubnetIds=${{ vars.PRIVATE_SUBNET_IDS }}\""
        ),
        "{text}"
    );
    assert!(text.contains("--config 'synth/dataspace.yaml'"));
}

#[test]
fn the_reserved_variables_are_the_ones_the_app_gets() {
    let t = template(Environment::Prod);
    let app = &properties(&t, "AppTaskDefinition")["ContainerDefinitions"][0];
    let mut set: Vec<String> = ["Environment", "Secrets"]
        .iter()
        .flat_map(|list| app[*list].as_array().unwrap().iter())
        .map(|entry| entry["Name"].as_str().unwrap().to_string())
        .collect();
    set.sort();
    let mut reserved: Vec<String> = dataspace::RESERVED_VARIABLES
        .iter()
        .map(|s| s.to_string())
        .collect();
    reserved.sort();
    assert_eq!(set, reserved);
}

#[test]
fn services_in_a_new_vpc_start_after_its_routes_out() {
    let t = template(Environment::Prod);
    for service in ["AppService", "CollectorService"] {
        assert_eq!(
            t["Resources"][service]["DependsOn"],
            json!(["PrivateDefaultRouteA", "PrivateDefaultRouteB"]),
            "{service}"
        );
    }
    // An existing VPC's routes are its owner's: nothing to wait for.
    let custom = render(&dataspace::build(&checked(custom()), Environment::Prod).unwrap());
    assert!(custom["Resources"]["CollectorService"]
        .get("DependsOn")
        .is_none());
}

/// The app is not the search domain's master user: a role no task holds
/// is, and the app gets an OpenSearch role on the config's indexes only.
#[test]
fn the_app_is_not_the_search_master_user() {
    let config = config::parse::<DataspaceConfig>(
        "searchAccess: {indexPatterns: [dataspace-*, reports]}\n",
        "d.yaml",
    )
    .unwrap();
    let t = render(&dataspace::build(&config, Environment::Dev).unwrap());
    let access = properties(&t, "SearchAccess");
    assert_eq!(
        t["Resources"]["SearchAccess"]["Type"],
        "Custom::SearchAccess"
    );
    assert_eq!(
        access["ServiceToken"],
        json!({"Fn::GetAtt": ["SearchAccessFunction", "Arn"]})
    );
    assert_eq!(
        access["AppRoleArn"],
        json!({"Fn::GetAtt": ["AppTaskRole", "Arn"]})
    );
    assert_eq!(access["IndexPatterns"], json!(["dataspace-*", "reports"]));
    assert_eq!(
        access["IndexActions"],
        json!(["crud", "create_index", "manage"])
    );
    // The function runs as the master user; nothing else does.
    assert_eq!(
        properties(&t, "SearchAccessFunction")["Role"],
        json!({"Fn::GetAtt": ["SearchAdminRole", "Arn"]})
    );
    let admin = json!({"Fn::GetAtt": ["SearchAdminRole", "Arn"]});
    for (id, definition) in of_type(&t, "AWS::ECS::TaskDefinition") {
        let roles = [
            &definition["Properties"]["TaskRoleArn"],
            &definition["Properties"]["ExecutionRoleArn"],
        ];
        assert!(!roles.contains(&&admin), "{id} runs as the master user");
    }
    let trusted: Vec<&Value> =
        statements(&properties(&t, "SearchAdminRole")["AssumeRolePolicyDocument"])
            .into_iter()
            .map(|statement| &statement["Principal"])
            .collect();
    assert_eq!(
        trusted,
        [
            &json!({"Service": ["lambda.amazonaws.com"]}),
            &json!({"AWS": [{"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"}]})
        ]
    );
    // The app's role may not call the security API's PATCH, and reads no
    // secret of the master user: it has none.
    let app = statements(&properties(&t, "AppTaskRole")["Policies"]);
    assert!(app
        .iter()
        .all(|s| !strings(&s["Action"]).contains(&"es:ESHttpPatch".to_string())));
}

#[test]
fn index_patterns_are_index_names() {
    for bad in ["[]", "[.opendistro_security]", "[Upper]", "['a b']"] {
        let text = format!("searchAccess: {{indexPatterns: {bad}}}\n");
        assert!(
            config::parse::<DataspaceConfig>(&text, "d.yaml").is_err(),
            "{bad} was accepted"
        );
    }
}
