//! The Datafi edge stack, checked on the rendered template: snapshots for
//! review and cfn-lint, and assertions on what the seed and the issue fix
//! (one update API per long-running server, secrets only through Secrets
//! Manager, the load balancer as the only way in, stable IDs).

mod common;

use std::collections::BTreeSet;

use serde_json::{json, Value};

use common::{checked, ids_of_type, of_type, render, snapshot, statements, strings};
use framework::config;
use framework::StackError;
use stacks::edge::{self, EdgeConfig};

/// Every optional part switched on: an existing VPC, zone and certificate
/// (with defaults), service discovery, account and region, deletable data.
const EVERYTHING_CONFIG: &str = "\
name: acme-edge
aws: {accountId: '123456789012', region: eu-west-1}
network:
  existingVpc:
    vpcId: vpc-0123456789abcdef0
    publicSubnetIds: [subnet-0123456789abcdef0, subnet-0fedcba9876543210]
    privateSubnetIds: [subnet-0aaaaaaaaaaaaaaaa, subnet-0bbbbbbbbbbbbbbbb]
loadBalancer: {idleTimeoutSeconds: 600}
dns:
  domain: edge.acme.example
  hostedZone: existing
  hostedZoneId: Z0123456789ABCDEFGHIJ
  certificate: existing
  certificateArn: arn:aws:acm:eu-west-1:123456789012:certificate/01234567-89ab-cdef-0123-456789abcdef
edgeServers:
  longRunning:
    - {name: es, bucket: true, environment: {LOG_LEVEL: DEBUG}}
  serverless:
    - {name: burst, repository: acme/es-lambda, imageTag: '2.0.0', memory: 4096, timeoutSeconds: 60}
coordinator:
  registry: acme.azurecr.io
  tokenIssuer: https://login.acme.example/
serviceDiscovery: {namespace: edge.acme.internal}
logRetentionDays: 90
allowDeleteResources: true
";

fn everything() -> EdgeConfig {
    config::parse::<EdgeConfig>(EVERYTHING_CONFIG, "everything.yaml")
        .unwrap()
        .into_inner()
}

fn example() -> Value {
    render(&edge::build(&edge::example_config().unwrap()).unwrap())
}

/// A minimal config with these long-running and serverless server names.
fn with_servers(long_running: &[&str], serverless: &[&str]) -> EdgeConfig {
    let long_running: Vec<String> = long_running
        .iter()
        .map(|name| format!("{{name: {name}}}"))
        .collect();
    let serverless: Vec<String> = serverless
        .iter()
        .map(|name| format!("{{name: {name}, repository: datafi/es-lambda}}"))
        .collect();
    let text = format!(
        "dns: {{domain: edge.example.com}}\nedgeServers: {{longRunning: [{}], serverless: [{}]}}\n",
        long_running.join(", "),
        serverless.join(", ")
    );
    config::parse::<EdgeConfig>(&text, "servers.yaml")
        .unwrap()
        .into_inner()
}

fn problems(text: &str) -> Vec<String> {
    match config::parse::<EdgeConfig>(text, "edge.yaml") {
        Err(StackError::Config { problems, .. }) => problems,
        other => panic!("{text:?} should be refused, got {other:?}"),
    }
}

#[test]
fn example_snapshot() {
    snapshot!(
        "edge-example",
        &edge::build(&edge::example_config().unwrap()).unwrap()
    );
}

#[test]
fn minimal_snapshot() {
    snapshot!(
        "edge-minimal",
        &edge::build(&edge::minimal_config().unwrap()).unwrap()
    );
}

#[test]
fn everything_snapshot() {
    snapshot!(
        "edge-everything",
        &edge::build(&checked(everything())).unwrap()
    );
}

#[test]
fn one_update_api_per_long_running_server() {
    for (long_running, serverless) in [
        (vec!["es"], vec![]),
        (vec!["es", "es-2", "analytics"], vec![]),
        (vec!["es"], vec!["burst", "burst-2"]),
        (vec![], vec!["burst"]),
    ] {
        let template =
            render(&edge::build(&checked(with_servers(&long_running, &serverless))).unwrap());
        let update_functions: Vec<&str> = ids_of_type(&template, "AWS::Lambda::Function")
            .into_iter()
            .filter(|id| id.ends_with("UpdateFunction"))
            .collect();
        assert_eq!(
            update_functions.len(),
            long_running.len(),
            "{long_running:?} {serverless:?}: {update_functions:?}"
        );
        assert_eq!(
            ids_of_type(&template, "AWS::Lambda::Function").len(),
            long_running.len() + serverless.len()
        );
        assert_eq!(
            ids_of_type(&template, "AWS::ECS::Service").len(),
            long_running.len()
        );
        // The update host exists exactly when there is an update API.
        assert_eq!(
            template["Resources"].get("UpdateApiRecord").is_some(),
            !long_running.is_empty()
        );
    }
}

#[test]
fn the_example_has_what_the_issue_lists() {
    let t = example();
    assert_eq!(ids_of_type(&t, "AWS::ECS::Cluster"), ["Cluster"]);
    assert_eq!(
        ids_of_type(&t, "AWS::ECS::Service"),
        [
            "EdgeServerEsService",
            "EdgeServerEsAnalyticsService",
            "CoordinatorService"
        ]
    );
    assert_eq!(
        ids_of_type(&t, "AWS::Lambda::Function"),
        [
            "EdgeServerEsUpdateFunction",
            "EdgeServerEsAnalyticsUpdateFunction",
            "EdgeServerEsBurstFunction"
        ]
    );
    // One record per host.
    let records: BTreeSet<String> = of_type(&t, "AWS::Route53::RecordSet")
        .into_iter()
        .map(|(_, r)| r["Properties"]["Name"].as_str().unwrap().to_string())
        .collect();
    let expected: BTreeSet<String> = ["es", "es-analytics", "es-burst", "co", "update"]
        .iter()
        .map(|label| format!("{label}.datafi-edge.example.com"))
        .collect();
    assert_eq!(records, expected);
    // Two zones of public and private subnets, a NAT gateway each.
    assert_eq!(ids_of_type(&t, "AWS::EC2::Subnet").len(), 4);
    assert_eq!(ids_of_type(&t, "AWS::EC2::NatGateway").len(), 2);
    let alb = &t["Resources"]["LoadBalancer"]["Properties"];
    assert_eq!(alb["Scheme"], "internet-facing");
    assert!(alb["LoadBalancerAttributes"]
        .as_array()
        .unwrap()
        .contains(&json!({"Key": "idle_timeout.timeout_seconds", "Value": "3600"})));
    // Every log group keeps its logs for a while and outlives the stack.
    for (id, group) in of_type(&t, "AWS::Logs::LogGroup") {
        assert_eq!(group["Properties"]["RetentionInDays"], 30, "{id}");
        assert_eq!(group["DeletionPolicy"], "RetainExceptOnCreate", "{id}");
    }
    for (id, bucket) in of_type(&t, "AWS::S3::Bucket") {
        assert_eq!(bucket["DeletionPolicy"], "RetainExceptOnCreate", "{id}");
        assert_eq!(bucket["UpdateReplacePolicy"], "Retain", "{id}");
    }
    let outputs = t["Outputs"].as_object().unwrap();
    for output in [
        "EdgeServerEsUrl",
        "EdgeServerEsUpdateApiUrl",
        "EdgeServerEsAnalyticsUrl",
        "EdgeServerEsAnalyticsUpdateApiUrl",
        "EdgeServerEsBurstUrl",
        "CoordinatorUrl",
        "NameServers",
    ] {
        assert!(outputs.contains_key(output), "{output}");
    }
    assert_eq!(
        outputs["EdgeServerEsAnalyticsUpdateApiUrl"]["Value"],
        "https://update.datafi-edge.example.com/es-analytics"
    );
}

#[test]
fn only_the_load_balancer_faces_the_internet_on_80_and_443() {
    for template in [
        example(),
        render(&edge::build(&checked(everything())).unwrap()),
    ] {
        let mut open_to_internet = Vec::new();
        for (id, group) in of_type(&template, "AWS::EC2::SecurityGroup") {
            for rule in group["Properties"]["SecurityGroupIngress"]
                .as_array()
                .into_iter()
                .flatten()
            {
                if rule.get("CidrIp").is_some() {
                    open_to_internet.push((id.to_string(), rule["FromPort"].clone()));
                } else {
                    // Every other rule admits the load balancer only.
                    assert_eq!(
                        rule["SourceSecurityGroupId"],
                        json!({"Fn::GetAtt": ["LoadBalancerSecurityGroup", "GroupId"]}),
                        "{id}"
                    );
                }
            }
        }
        assert_eq!(
            open_to_internet,
            [
                ("LoadBalancerSecurityGroup".to_string(), json!(80)),
                ("LoadBalancerSecurityGroup".to_string(), json!(443))
            ]
        );
        // No rule outside the groups opens anything either.
        assert!(ids_of_type(&template, "AWS::EC2::SecurityGroupIngress").is_empty());
        for (id, service) in of_type(&template, "AWS::ECS::Service") {
            let network = &service["Properties"]["NetworkConfiguration"]["AwsvpcConfiguration"];
            assert_eq!(network["AssignPublicIp"], "DISABLED", "{id}");
        }
        let listeners: Vec<(i64, String)> =
            of_type(&template, "AWS::ElasticLoadBalancingV2::Listener")
                .into_iter()
                .map(|(_, l)| {
                    (
                        l["Properties"]["Port"].as_i64().unwrap(),
                        l["Properties"]["Protocol"].as_str().unwrap().to_string(),
                    )
                })
                .collect();
        assert_eq!(
            listeners,
            [(80, "HTTP".to_string()), (443, "HTTPS".to_string())]
        );
        let redirect = &template["Resources"]["HttpListener"]["Properties"]["DefaultActions"][0];
        assert_eq!(redirect["RedirectConfig"]["Protocol"], "HTTPS");
        assert_eq!(redirect["RedirectConfig"]["StatusCode"], "HTTP_301");
    }
}

#[test]
fn grpc_target_groups_speak_grpc_and_check_health_with_grpc_codes() {
    let t = example();
    let groups = of_type(&t, "AWS::ElasticLoadBalancingV2::TargetGroup");
    let grpc: Vec<&str> = groups
        .iter()
        .filter(|(id, _)| id.ends_with("GrpcTargetGroup"))
        .map(|(id, _)| *id)
        .collect();
    assert_eq!(grpc.len(), 3, "two servers and the coordinator");
    for (id, group) in &groups {
        let properties = &group["Properties"];
        if id.ends_with("GrpcTargetGroup") {
            assert_eq!(properties["ProtocolVersion"], "GRPC", "{id}");
            assert!(properties["Matcher"]["GrpcCode"].is_string(), "{id}");
            assert_eq!(properties["Port"], 50051, "{id}");
        } else if id.ends_with("HttpTargetGroup") {
            assert_eq!(properties["ProtocolVersion"], "HTTP1", "{id}");
        } else {
            assert_eq!(properties["TargetType"], "lambda", "{id}");
        }
    }
    // A gRPC rule matches its host and the gRPC content type, and comes
    // right before the host's HTTP rule.
    let rules = &t["Resources"];
    let grpc_rule = &rules["EdgeServerEsGrpcRule"]["Properties"];
    let http_rule = &rules["EdgeServerEsHttpRule"]["Properties"];
    // gRPC, but not gRPC-Web, which a GRPC target group cannot take.
    assert_eq!(
        grpc_rule["Conditions"][1]["HttpHeaderConfig"],
        json!({"HttpHeaderName": "content-type", "Values": ["application/grpc", "application/grpc+*"]})
    );
    assert_eq!(
        grpc_rule["Priority"].as_i64().unwrap() + 1,
        http_rule["Priority"].as_i64().unwrap()
    );
}

#[test]
fn rule_priorities_are_unique_and_stay_put_when_servers_come_and_go() {
    let priorities = |config: &EdgeConfig| -> Vec<(String, i64)> {
        let t = render(&edge::build(&checked(config.clone())).unwrap());
        of_type(&t, "AWS::ElasticLoadBalancingV2::ListenerRule")
            .into_iter()
            .map(|(id, rule)| {
                (
                    id.to_string(),
                    rule["Properties"]["Priority"].as_i64().unwrap(),
                )
            })
            .collect()
    };
    let before = priorities(&with_servers(&["es", "eu"], &["burst"]));
    let unique: BTreeSet<i64> = before.iter().map(|(_, p)| *p).collect();
    assert_eq!(unique.len(), before.len(), "{before:?}");
    let after = priorities(&with_servers(&["new", "es", "eu"], &["burst"]));
    for (id, priority) in &before {
        assert!(
            after.contains(&(id.clone(), *priority)),
            "{id} moved: {after:?}"
        );
    }
}

#[test]
fn logical_ids_come_from_names_not_positions() {
    let ids = |config: &EdgeConfig| -> BTreeSet<String> {
        edge::build(&checked(config.clone()))
            .unwrap()
            .resource_types()
            .map(|(id, _)| id.to_string())
            .collect()
    };
    let two = ids(&with_servers(&["es", "eu"], &[]));
    let three = ids(&with_servers(&["asia", "es", "eu"], &[]));
    assert!(two.is_subset(&three));
    let added: Vec<&String> = three.difference(&two).collect();
    assert!(
        added.iter().all(|id| id.starts_with("EdgeServerAsia")),
        "{added:?}"
    );
}

#[test]
fn secrets_reach_containers_only_through_secrets_manager() {
    for template in [
        example(),
        render(&edge::build(&checked(everything())).unwrap()),
    ] {
        let parameters = template["Parameters"].as_object().unwrap();
        let secret_parameters: Vec<&String> = parameters
            .iter()
            .filter(|(_, p)| p["NoEcho"] == true)
            .map(|(id, _)| id)
            .collect();
        assert!(!secret_parameters.is_empty());
        for (id, parameter) in parameters {
            if parameter["NoEcho"] == true {
                assert!(parameter.get("Default").is_none(), "{id} has a default");
            }
        }
        // A NoEcho parameter is only ever read by a secret.
        for (id, resource) in template["Resources"].as_object().unwrap() {
            let text = resource.to_string();
            for parameter in &secret_parameters {
                let referenced = text.contains(&format!("{{\"Ref\":\"{parameter}\"}}"))
                    || text.contains(&format!("${{{parameter}}}"));
                if referenced {
                    assert_eq!(
                        resource["Type"], "AWS::SecretsManager::Secret",
                        "{id} reads {parameter}"
                    );
                }
            }
        }
        // No output carries a secret.
        let outputs = template["Outputs"].to_string();
        for parameter in &secret_parameters {
            assert!(
                !outputs.contains(parameter.as_str()),
                "an output reads {parameter}"
            );
        }
        // Plain environment values never hold a secret's name.
        for (id, definition) in of_type(&template, "AWS::ECS::TaskDefinition") {
            let container = &definition["Properties"]["ContainerDefinitions"][0];
            let plain: Vec<&str> = container["Environment"]
                .as_array()
                .unwrap()
                .iter()
                .map(|pair| pair["Name"].as_str().unwrap())
                .collect();
            for secret in ["KEY", "JWT_JWKS", "CO_KEYVAL", "CO_JWT_KID", "CO_JWT_KEY"] {
                assert!(!plain.contains(&secret), "{id} has {secret} in plain text");
            }
            for secret in container["Secrets"].as_array().unwrap() {
                assert!(
                    secret["ValueFrom"]["Ref"]
                        .as_str()
                        .unwrap()
                        .ends_with("Secret"),
                    "{id}"
                );
            }
        }
    }
}

#[test]
fn the_coordinator_pulls_with_registry_credentials_and_gets_its_keys_as_secrets() {
    let t = example();
    let container =
        &t["Resources"]["CoordinatorTaskDefinition"]["Properties"]["ContainerDefinitions"][0];
    assert_eq!(container["Image"], "datafi.azurecr.io/co:latest");
    assert_eq!(
        container["RepositoryCredentials"]["CredentialsParameter"],
        json!({"Ref": "RegistryCredentialsSecret"})
    );
    let secrets: Vec<&str> = container["Secrets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["Name"].as_str().unwrap())
        .collect();
    assert_eq!(
        secrets,
        ["CO_KEYVAL", "CO_JWT_KID", "CO_JWT_KEY", "JWT_JWKS"]
    );
    // ECS reads the registry credentials and those keys, nothing else.
    let role = &t["Resources"]["CoordinatorExecutionRole"];
    let readable: Vec<&Value> = statements(role)
        .into_iter()
        .filter(|s| s["Action"] == json!(["secretsmanager:GetSecretValue"]))
        .flat_map(|s| s["Resource"].as_array().unwrap())
        .collect();
    assert_eq!(
        readable,
        [
            &json!({"Ref": "CoordinatorKeyvalSecret"}),
            &json!({"Ref": "CoordinatorJwtKidSecret"}),
            &json!({"Ref": "CoordinatorJwtKeySecret"}),
            &json!({"Ref": "JwtJwksSecret"}),
            &json!({"Ref": "RegistryCredentialsSecret"}),
        ]
    );
}

#[test]
fn an_update_api_may_touch_only_its_own_server() {
    let t = example();
    let role = &t["Resources"]["EdgeServerEsAnalyticsUpdateRole"];
    for statement in statements(role) {
        let actions = strings(&statement["Action"]);
        let resources = &statement["Resource"];
        if actions.iter().any(|a| a == "ecs:UpdateService") {
            assert_eq!(resources, &json!([{"Ref": "EdgeServerEsAnalyticsService"}]));
            assert!(
                statement["Condition"]["ArnLike"]["ecs:task-definition"][0]["Fn::Sub"]
                    .as_str()
                    .unwrap()
                    .ends_with(":task-definition/datafi-edge-es-analytics:*")
            );
        }
        if actions.iter().any(|a| a == "iam:PassRole") {
            assert_eq!(
                resources,
                &json!([{"Fn::GetAtt": ["EdgeServerEsAnalyticsExecutionRole", "Arn"]}])
            );
        }
        if actions.iter().any(|a| a == "secretsmanager:GetSecretValue") {
            assert_eq!(
                resources,
                &json!([{"Ref": "EdgeServerEsAnalyticsUpdateApiKeySecret"}])
            );
        }
        // Only DescribeTaskDefinition, which IAM cannot scope, uses "*".
        if resources == &json!(["*"]) {
            assert_eq!(actions, ["ecs:DescribeTaskDefinition"]);
        }
        if actions.iter().any(|a| a == "ecs:RegisterTaskDefinition") {
            let family = strings(
                &resources
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| r["Fn::Sub"].clone())
                    .collect(),
            );
            assert!(
                family
                    .iter()
                    .all(|arn| arn.contains(":task-definition/datafi-edge-es-analytics")),
                "{family:?}"
            );
        }
    }
    let function = &t["Resources"]["EdgeServerEsAnalyticsUpdateFunction"]["Properties"];
    let source = function["Code"]["ZipFile"].as_str().unwrap();
    assert!(source.len() <= edge::update_api::MAX_INLINE_SOURCE_BYTES);
    assert!(source.contains("hmac.compare_digest"));
    assert!(source.contains("REPOSITORY = \"datafi/es\""));
    assert!(source.contains("CONTAINER = \"es-analytics\""));
    assert_eq!(
        function["Environment"]["Variables"]["API_KEY_SECRET_ARN"],
        json!({"Ref": "EdgeServerEsAnalyticsUpdateApiKeySecret"})
    );
}

#[test]
fn serverless_servers_get_secret_arns_not_values() {
    let t = render(&edge::build(&checked(everything())).unwrap());
    let variables =
        &t["Resources"]["EdgeServerBurstFunction"]["Properties"]["Environment"]["Variables"];
    assert_eq!(
        variables["KEY_SECRET_ARN"],
        json!({"Ref": "EdgeServerBurstKeySecret"})
    );
    assert_eq!(
        variables["JWT_JWKS_SECRET_ARN"],
        json!({"Ref": "JwtJwksSecret"})
    );
    let function = &t["Resources"]["EdgeServerBurstFunction"]["Properties"];
    assert_eq!(function["PackageType"], "Image");
    assert_eq!(
        function["Code"]["ImageUri"],
        json!({"Fn::Sub": "${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/acme/es-lambda:2.0.0"})
    );
    assert_eq!(
        function["VpcConfig"]["SubnetIds"],
        json!({"Ref": "PrivateSubnetIds"})
    );
}

#[test]
fn existing_resources_are_parameters_with_the_configs_ids_as_defaults() {
    let t = render(&edge::build(&checked(everything())).unwrap());
    let parameters = &t["Parameters"];
    assert_eq!(parameters["VpcId"]["Default"], "vpc-0123456789abcdef0");
    assert_eq!(
        parameters["PrivateSubnetIds"]["Type"],
        "List<AWS::EC2::Subnet::Id>"
    );
    assert_eq!(
        parameters["PrivateSubnetIds"]["Default"],
        "subnet-0aaaaaaaaaaaaaaaa,subnet-0bbbbbbbbbbbbbbbb"
    );
    assert_eq!(
        parameters["HostedZoneId"]["Default"],
        "Z0123456789ABCDEFGHIJ"
    );
    assert!(parameters["CertificateArn"]["Default"].is_string());
    for absent in ["Vpc", "HostedZone", "Certificate", "NatGatewayA"] {
        assert!(t["Resources"].get(absent).is_none(), "{absent}");
    }
    assert!(t["Outputs"].get("NameServers").is_none());
    // The account and region are enforced before anything is created.
    let assertions = &t["Rules"]["DeployTarget"]["Assertions"];
    assert_eq!(
        assertions[0]["Assert"],
        json!({"Fn::Equals": [{"Ref": "AWS::AccountId"}, "123456789012"]})
    );
    assert_eq!(
        assertions[1]["Assert"],
        json!({"Fn::Equals": [{"Ref": "AWS::Region"}, "eu-west-1"]})
    );
    // Data may go with the stack when the config says so.
    assert_eq!(
        t["Resources"]["EdgeServerEsBucket"]["DeletionPolicy"],
        "Delete"
    );
    // Service discovery registers every Fargate service.
    for service in ["EdgeServerEsService", "CoordinatorService"] {
        assert!(t["Resources"][service]["Properties"]["ServiceRegistries"].is_array());
    }
}

#[test]
fn config_errors_name_the_field_and_rule() {
    let cases: [(&str, &[&str]); 9] = [
        ("edgeServers: {longRunning: [{name: es}]}\n", &["dns", "required"]),
        (
            "dns: {domain: e.example.com}\nedgeServers: {serverless: [{name: es, repository: r, environment: {AWS_REGION: x, _X: y}}]}\n",
            &[
                "/edgeServers/serverless/0/environment/AWS_REGION",
                "prefix AWS reserves",
                "/edgeServers/serverless/0/environment/_X",
                "Lambda environment variable name",
            ],
        ),
        (
            "dns: {domain: e.example.com}\nedgeServers: {longRunning: [{name: es, colour: blue}]}\n",
            &["colour", "not allowed"],
        ),
        (
            "dns: {domain: e.example.com}\nedgeServers: {longRunning: [{name: Es_1}]}\n",
            &["/edgeServers/longRunning/0/name", "Es_1"],
        ),
        (
            "dns: {domain: e.example.com}\nedgeServers: {longRunning: [{name: es-1}, {name: es1}]}\n",
            &["/edgeServers/longRunning/1/name", "EdgeServerEs1", "collide"],
        ),
        (
            "dns: {domain: e.example.com}\nedgeServers: {longRunning: [{name: es}], serverless: [{name: es, repository: r}]}\n",
            &["/edgeServers/serverless/0/name", "repeats /edgeServers/longRunning/0/name"],
        ),
        (
            "dns: {domain: e.example.com}\nedgeServers: {longRunning: [{name: co}]}\n",
            &["/edgeServers/longRunning/0/name", "coordinator's host"],
        ),
        (
            "dns: {domain: e.example.com}\nedgeServers: {longRunning: [{name: es, cpu: 256, memory: 4096, environment: {KEY: x}}]}\n",
            &["/edgeServers/longRunning/0/memory", "/edgeServers/longRunning/0/environment/KEY"],
        ),
        (
            "dns: {domain: e.example.com, hostedZoneId: Z123}\nedgeServers: {}\n",
            &["/dns/hostedZoneId", "hostedZone is `create`", "/edgeServers", "at least one server"],
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
fn a_second_coordinator_is_an_error() {
    let text = "dns: {domain: e.example.com}\nedgeServers: {longRunning: [{name: es}]}\n\
                coordinator: {registry: a.azurecr.io, tokenIssuer: 'https://a.example/'}\n\
                coordinator: {registry: b.azurecr.io, tokenIssuer: 'https://b.example/'}\n";
    let found = problems(text).join("\n");
    assert!(
        found.contains("gives the key \"coordinator\" twice"),
        "{found}"
    );
}

#[test]
fn builds_are_byte_identical() {
    let config = edge::example_config().unwrap();
    let first = edge::build(&config)
        .unwrap()
        .synthesize(constructs::Format::Yaml)
        .unwrap();
    let second = edge::build(&config)
        .unwrap()
        .synthesize(constructs::Format::Yaml)
        .unwrap();
    assert_eq!(first, second);
}

#[test]
fn the_certificate_is_validated_through_one_record_in_the_zone() {
    let t = example();
    let certificate = &t["Resources"]["Certificate"]["Properties"];
    assert_eq!(certificate["DomainName"], "datafi-edge.example.com");
    assert_eq!(
        certificate["SubjectAlternativeNames"],
        json!(["*.datafi-edge.example.com"])
    );
    // The wildcard shares the domain's validation record; a second entry
    // would make CloudFormation write it twice.
    assert_eq!(
        certificate["DomainValidationOptions"],
        json!([{"DomainName": "datafi-edge.example.com", "HostedZoneId": {"Ref": "HostedZone"}}])
    );
    let listener = &t["Resources"]["HttpsListener"]["Properties"];
    assert_eq!(
        listener["Certificates"],
        json!([{"CertificateArn": {"Ref": "Certificate"}}])
    );
}

/// Server names `es` and one other whose default rule slots collide.
fn colliding_names() -> (String, String) {
    let slot = |name: &str| {
        let config = with_servers(&[name], &[]);
        stacks::edge::rules::rule_slots(&config)[0].2
    };
    let es = slot("es");
    let other = (0..)
        .map(|n| format!("es{n}"))
        .find(|name| slot(name) == es)
        .unwrap();
    ("es".to_string(), other)
}

#[test]
fn colliding_rule_slots_are_a_config_error_until_one_is_pinned() {
    let (first, second) = colliding_names();
    let text = format!(
        "dns: {{domain: edge.example.com}}\nedgeServers: {{longRunning: [{{name: {first}}}, {{name: {second}}}]}}\n"
    );
    let found = problems(&text).join("\n");
    assert!(
        found.contains("/edgeServers/longRunning/1/ruleSlot") && found.contains("set ruleSlot on"),
        "{found}"
    );
    // Pinned, the new server takes its own slot and the old one stays put.
    let before = render(&edge::build(&checked(with_servers(&[&first], &[]))).unwrap());
    let pinned = text.replace(
        &format!("{{name: {second}}}"),
        &format!("{{name: {second}, ruleSlot: 7}}"),
    );
    let after = render(
        &edge::build(&config::parse::<EdgeConfig>(&pinned, "pinned.yaml").unwrap()).unwrap(),
    );
    let prefix = stacks::edge::names::server_prefix(&first);
    for rule in ["GrpcRule", "HttpRule", "UpdateRule"] {
        let id = format!("{prefix}{rule}");
        assert_eq!(
            before["Resources"][&id]["Properties"]["Priority"],
            after["Resources"][&id]["Properties"]["Priority"],
            "{id}"
        );
    }
    let pinned_prefix = stacks::edge::names::server_prefix(&second);
    assert_eq!(
        after["Resources"][format!("{pinned_prefix}GrpcRule")]["Properties"]["Priority"],
        22
    );
}

#[test]
fn domains_fit_the_load_balancer_and_acm() {
    let servers = "edgeServers: {longRunning: [{name: es}]}\n";
    let long = format!("{}.example.com", "d".repeat(60));
    let found = problems(&format!("dns: {{domain: {long}}}\n{servers}")).join("\n");
    assert!(
        found.contains("ACM issues certificates for domain names of at most 64"),
        "{found}"
    );
    // With an existing certificate the same domain is fine.
    config::parse::<EdgeConfig>(
        &format!("dns: {{domain: {long}, certificate: existing}}\n{servers}"),
        "long.yaml",
    )
    .unwrap();
    let too_long = format!("{}.{}.example.com", "d".repeat(50), "e".repeat(40));
    let found = problems(&format!(
        "dns: {{domain: {too_long}, certificate: existing}}\n{servers}"
    ))
    .join("\n");
    assert!(found.contains("/dns/domain"), "{found}");
    let found = problems(&format!("dns: {{domain: edge.example.c0m}}\n{servers}")).join("\n");
    assert!(found.contains("/dns/domain"), "{found}");
    let found = problems(&format!(
        "name: internal-edge\ndns: {{domain: edge.example.com}}\n{servers}"
    ))
    .join("\n");
    assert!(found.contains("internal-"), "{found}");
}

/// The smallest config: one server.
const MINIMAL: &str = "dns: {domain: edge.example.com}\nedgeServers: {longRunning: [{name: es}]}\n";

/// The load balancer's attributes, by key.
fn load_balancer_attributes(template: &Value) -> std::collections::BTreeMap<String, Value> {
    template["Resources"]["LoadBalancer"]["Properties"]["LoadBalancerAttributes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|pair| {
            (
                pair["Key"].as_str().unwrap().to_string(),
                pair["Value"].clone(),
            )
        })
        .collect()
}

#[test]
fn access_logs_go_to_the_stacks_bucket_after_its_policy_and_can_be_turned_off() {
    let t = example();
    let attributes = load_balancer_attributes(&t);
    assert_eq!(attributes["access_logs.s3.enabled"], "true");
    assert_eq!(
        attributes["access_logs.s3.bucket"],
        json!({"Ref": "LoadBalancerLogBucket"})
    );
    assert_eq!(
        t["Resources"]["LoadBalancer"]["DependsOn"],
        json!(["LoadBalancerLogBucketPolicy"])
    );
    let rules =
        &t["Resources"]["LoadBalancerLogBucket"]["Properties"]["LifecycleConfiguration"]["Rules"];
    assert_eq!(rules[0]["ExpirationInDays"], 90);

    let kept_a_year = format!("{MINIMAL}loadBalancer: {{accessLogs: {{expirationDays: 365}}}}\n");
    let config = config::parse::<EdgeConfig>(&kept_a_year, "edge.yaml").unwrap();
    let t = render(&edge::build(&config).unwrap());
    let rules =
        &t["Resources"]["LoadBalancerLogBucket"]["Properties"]["LifecycleConfiguration"]["Rules"];
    assert_eq!(rules[0]["ExpirationInDays"], 365);

    let off = format!("{MINIMAL}loadBalancer: {{accessLogs: {{enabled: false}}}}\n");
    let config = config::parse::<EdgeConfig>(&off, "edge.yaml").unwrap();
    let t = render(&edge::build(&config).unwrap());
    let resources = t["Resources"].as_object().unwrap();
    assert!(!resources.contains_key("LoadBalancerLogBucket"));
    assert!(!resources.contains_key("LoadBalancerLogBucketPolicy"));
    assert!(resources["LoadBalancer"].get("DependsOn").is_none());
    assert!(!load_balancer_attributes(&t).contains_key("access_logs.s3.enabled"));

    let never = format!("{MINIMAL}loadBalancer: {{accessLogs: {{expirationDays: 0}}}}\n");
    let problems = problems(&never);
    assert!(
        problems
            .iter()
            .any(|p| p.contains("/loadBalancer/accessLogs/expirationDays")),
        "{problems:?}"
    );
}
