//! The Adology stack, checked on the rendered template: snapshots of the
//! default and of the annotated example for review and cfn-lint, the
//! seed's defaults, who may do what, and what moto skips or cannot run
//! (autoscaling, alarms, the dashboard, ECS on EC2), asserted here instead.

mod common;

use serde_json::Value;

use common::{
    checked, ids_of_type, of_type, render, retention_violations, snapshot, statements, strings,
};
use framework::config;
use framework::StackError;
use stacks::adology::{self, AdologyConfig};

const EXAMPLE: &str = include_str!("../../../examples/adology.yaml");

fn example() -> AdologyConfig {
    config::parse::<AdologyConfig>(EXAMPLE, "examples/adology.yaml")
        .unwrap()
        .into_inner()
}

fn template(config: &AdologyConfig) -> Value {
    render(&adology::build(&checked(config.clone())).unwrap())
}

fn default() -> Value {
    template(&AdologyConfig::default())
}

fn properties<'a>(template: &'a Value, id: &str) -> &'a Value {
    &template["Resources"][id]["Properties"]
}

fn problems(text: &str) -> Vec<String> {
    match config::parse::<AdologyConfig>(text, "adology.yaml") {
        Err(StackError::Config { problems, .. }) => problems,
        other => panic!("{text:?} should be refused, got {other:?}"),
    }
}

/// The container definition of a task definition.
fn container<'a>(template: &'a Value, task_definition: &str) -> &'a Value {
    &properties(template, task_definition)["ContainerDefinitions"][0]
}

fn names_of(items: &Value) -> Vec<String> {
    items
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["Name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn default_snapshot() {
    snapshot!(
        "adology-default",
        &adology::build(&checked(AdologyConfig::default())).unwrap()
    );
}

#[test]
fn example_snapshot() {
    snapshot!(
        "adology-example",
        &adology::build(&checked(example())).unwrap()
    );
}

/// A platform built to be thrown away (a test or preview account): every
/// resource deletable, one database zone. Reviewed and guarded like the
/// others: the two Control Tower controls it fails by that choice are
/// listed, with the facts they rest on, in guard-exceptions.json.
#[test]
fn disposable_snapshot() {
    let config = config::parse::<AdologyConfig>(
        "allowDeleteResources: true\ndatabase: {multiAz: false}\n",
        "disposable.yaml",
    )
    .unwrap();
    let built = adology::build(&config).unwrap();
    let t = render(&built);
    let database = properties(&t, "Database");
    assert_eq!(database["DeletionProtection"], false);
    assert_eq!(database["MultiAZ"], false);
    snapshot!("adology-disposable", &built);
}

#[test]
fn defaults_reproduce_the_seed() {
    let t = default();
    let group = properties(&t, "AutoScalingGroup");
    assert_eq!(group["MinSize"], "2");
    assert_eq!(
        group["VPCZoneIdentifier"],
        serde_json::json!([{"Ref": "PrivateSubnetA"}, {"Ref": "PrivateSubnetB"}])
    );
    let data = &properties(&t, "LaunchTemplate")["LaunchTemplateData"];
    assert_eq!(data["InstanceType"], "t3.medium");
    assert_eq!(data["MetadataOptions"]["HttpTokens"], "required");
    assert_eq!(
        t["Parameters"]["EcsAmiId"]["Type"],
        "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>"
    );
    assert_eq!(
        t["Parameters"]["EcsAmiId"]["Default"],
        "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id"
    );
    let capacity = &properties(&t, "CapacityProvider")["AutoScalingGroupProvider"];
    assert_eq!(capacity["ManagedScaling"]["Status"], "ENABLED");
    assert_eq!(
        properties(&t, "TaskQueue")["QueueName"],
        "adology-background-tasks"
    );
    assert_eq!(
        properties(&t, "TaskQueue")["RedrivePolicy"]["maxReceiveCount"],
        5
    );
    let database = properties(&t, "Database");
    assert_eq!(database["MultiAZ"], true);
    assert_eq!(database["DBInstanceClass"], "db.t3.medium");
    assert_eq!(database["StorageEncrypted"], true);
    assert!(database["MaxAllocatedStorage"].as_i64().unwrap() > 20);
    assert_eq!(t["Resources"]["Database"]["DeletionPolicy"], "Snapshot");
    assert_eq!(
        t["Resources"]["Database"]["UpdateReplacePolicy"],
        "Snapshot"
    );
    // The three services share the instances, on EC2.
    for service in ["ApiService", "WorkerService", "WebSocketService"] {
        let strategy = &properties(&t, service)["CapacityProviderStrategy"][0];
        assert_eq!(
            strategy["CapacityProvider"]["Ref"], "CapacityProvider",
            "{service}"
        );
    }
    for task in [
        "ApiTaskDefinition",
        "WorkerTaskDefinition",
        "WebSocketTaskDefinition",
    ] {
        assert_eq!(
            properties(&t, task)["RequiresCompatibilities"],
            serde_json::json!(["EC2"])
        );
    }
    for repository in ["ApiRepository", "WorkerRepository", "WebSocketRepository"] {
        let properties = properties(&t, repository);
        assert_eq!(properties["ImageScanningConfiguration"]["ScanOnPush"], true);
        assert!(properties["LifecyclePolicy"].is_object(), "{repository}");
    }
}

#[test]
fn the_load_balancer_sends_web_sockets_to_their_service_with_sticky_sessions() {
    let t = default();
    let attributes = &properties(&t, "LoadBalancer")["LoadBalancerAttributes"];
    assert!(attributes
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["Key"] == "idle_timeout.timeout_seconds" && a["Value"] == "3600"));
    let rule = properties(&t, "WebSocketRule");
    assert_eq!(
        rule["Actions"][0]["TargetGroupArn"]["Ref"],
        "WebSocketTargetGroup"
    );
    assert_eq!(
        rule["Conditions"][0]["PathPatternConfig"]["Values"],
        serde_json::json!(["/ws", "/ws/*"])
    );
    let sticky = &properties(&t, "WebSocketTargetGroup")["TargetGroupAttributes"];
    assert!(sticky
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["Key"] == "stickiness.enabled" && a["Value"] == "true"));
    // Everything else is the API's.
    let https = properties(&t, "HttpsListener");
    assert_eq!(
        https["DefaultActions"][0]["TargetGroupArn"]["Ref"],
        "ApiTargetGroup"
    );
    assert_eq!(
        properties(&t, "HttpListener")["DefaultActions"][0]["Type"],
        "redirect"
    );

    let host = template(&example());
    let rule = properties(&host, "WebSocketRule");
    assert_eq!(
        rule["Conditions"][0]["HostHeaderConfig"]["Values"],
        serde_json::json!(["ws.app.adology.example"])
    );
    assert_eq!(
        properties(&host, "Certificate")["SubjectAlternativeNames"],
        serde_json::json!(["ws.app.adology.example"])
    );
    assert_eq!(
        host["Outputs"]["WebSocketUrl"]["Value"],
        "wss://ws.app.adology.example"
    );
}

#[test]
fn the_api_only_sends_and_the_workers_only_receive_and_delete() {
    let t = default();
    let actions_on_queue = |role: &str| -> Vec<String> {
        statements(properties(&t, role))
            .into_iter()
            .filter(|s| {
                let queue = serde_json::json!({"Fn::GetAtt": ["TaskQueue", "Arn"]});
                s["Resource"] == queue || s["Resource"] == serde_json::json!([queue])
            })
            .flat_map(|s| strings(&s["Action"]))
            .collect()
    };
    assert_eq!(actions_on_queue("ApiTaskRole"), ["sqs:SendMessage"]);
    assert_eq!(
        actions_on_queue("WorkerTaskRole"),
        ["sqs:ReceiveMessage", "sqs:DeleteMessage"]
    );
    // Lambda's event source mapping also reads the queue's attributes.
    assert_eq!(
        actions_on_queue("OverflowRole"),
        [
            "sqs:ReceiveMessage",
            "sqs:DeleteMessage",
            "sqs:GetQueueAttributes"
        ]
    );
    // No role reaches beyond its own resources with a wildcard, except
    // what AWS grants on `*` only (registry tokens, VPC network interfaces).
    for (id, _) in of_type(&t, "AWS::IAM::Role") {
        for statement in statements(properties(&t, id)) {
            if statement["Resource"] == "*" {
                let actions = strings(&statement["Action"]);
                assert!(
                    actions
                        .iter()
                        .all(|a| a == "ecr:GetAuthorizationToken" || a.starts_with("ec2:")),
                    "{id}: {actions:?} on *"
                );
            }
            for action in strings(&statement["Action"]) {
                assert!(!action.ends_with(":*"), "{id}: {action}");
            }
        }
    }
}

#[test]
fn secrets_reach_containers_as_secrets_never_as_values() {
    let t = default();
    assert_eq!(t["Parameters"]["MongoDbAtlasUri"]["NoEcho"], true);
    assert_eq!(
        properties(&t, "MongoDbAtlasUriSecret")["SecretString"]["Ref"],
        "MongoDbAtlasUri"
    );
    for task in ["ApiTaskDefinition", "WorkerTaskDefinition"] {
        let container = container(&t, task);
        assert_eq!(
            names_of(&container["Secrets"]),
            ["DB_USERNAME", "DB_PASSWORD", "MONGODB_URI"],
            "{task}"
        );
        assert!(!names_of(&container["Environment"])
            .iter()
            .any(|n| n.contains("PASSWORD") || n.contains("MONGODB")));
    }
    let variables = &properties(&t, "OverflowFunction")["Environment"]["Variables"];
    assert_eq!(
        variables["MONGODB_URI_SECRET_ARN"]["Ref"],
        "MongoDbAtlasUriSecret"
    );
    assert_eq!(
        variables["DB_SECRET_ARN"],
        serde_json::json!({"Fn::GetAtt": ["Database", "MasterUserSecret.SecretArn"]})
    );
    assert!(
        variables.get("AWS_REGION").is_none(),
        "Lambda reserves AWS_REGION"
    );
    for section in ["Resources", "Outputs"] {
        let body = serde_json::to_string(&t[section]).unwrap();
        assert!(
            !body.contains("mongodb"),
            "no connection string in {section}"
        );
    }
}

#[test]
fn workers_report_to_the_web_socket_service_inside_the_vpc() {
    let t = default();
    let url = "http://websocket.adology.internal:8080/notify";
    let environment = &container(&t, "WorkerTaskDefinition")["Environment"];
    assert!(environment
        .as_array()
        .unwrap()
        .iter()
        .any(|v| v["Name"] == "WEBSOCKET_NOTIFY_URL" && v["Value"] == url));
    assert_eq!(
        properties(&t, "OverflowFunction")["Environment"]["Variables"]["WEBSOCKET_NOTIFY_URL"],
        url
    );
    assert_eq!(
        properties(&t, "WebSocketDiscoveryService")["Name"],
        "websocket"
    );
    assert_eq!(properties(&t, "Namespace")["Name"], "adology.internal");
    // The WebSocket tasks admit the workers and the overflow functions
    // directly, not through the load balancer.
    let sources: Vec<String> = properties(&t, "WebSocketSecurityGroup")["SecurityGroupIngress"]
        .as_array()
        .unwrap()
        .iter()
        .map(|rule| {
            rule["SourceSecurityGroupId"]["Fn::GetAtt"][0]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        sources,
        [
            "LoadBalancerSecurityGroup",
            "InstancesSecurityGroup",
            "OverflowSecurityGroup"
        ]
    );
}

#[test]
fn the_overflow_function_reads_the_queue_with_a_long_enough_visibility_timeout() {
    let t = default();
    let mapping = properties(&t, "OverflowEventSource");
    assert_eq!(mapping["BatchSize"], 5);
    assert_eq!(mapping["ScalingConfig"]["MaximumConcurrency"], 10);
    assert_eq!(
        mapping["FunctionResponseTypes"],
        serde_json::json!(["ReportBatchItemFailures"])
    );
    let function = properties(&t, "OverflowFunction");
    assert_eq!(function["PackageType"], "Image");
    let timeout = function["Timeout"].as_i64().unwrap();
    let visibility = properties(&t, "TaskQueue")["VisibilityTimeout"]
        .as_i64()
        .unwrap();
    assert!(visibility >= 6 * timeout, "{visibility} < 6 × {timeout}");
    // Lambda may pull the image from the worker repository, for this
    // function only.
    let policy = &properties(&t, "WorkerRepository")["RepositoryPolicyText"];
    assert_eq!(
        strings(&policy["Statement"][0]["Principal"]["Service"]),
        ["lambda.amazonaws.com"]
    );
    let example = template(&example());
    let timeout = properties(&example, "OverflowFunction")["Timeout"]
        .as_i64()
        .unwrap();
    assert_eq!(
        properties(&example, "TaskQueue")["VisibilityTimeout"],
        6 * timeout
    );
}

#[test]
fn workers_scale_on_queue_depth_and_age_and_the_rest_on_cpu() {
    let t = default();
    for id in ["QueueDepthAlarm", "QueueAgeAlarm"] {
        assert_eq!(
            properties(&t, id)["AlarmActions"][0]["Ref"],
            "WorkerScaleOutPolicy",
            "{id}"
        );
    }
    assert_eq!(
        properties(&t, "QueueDepthAlarm")["MetricName"],
        "ApproximateNumberOfMessagesVisible"
    );
    assert_eq!(properties(&t, "QueueDepthAlarm")["Threshold"], 100.0);
    assert_eq!(
        properties(&t, "QueueAgeAlarm")["MetricName"],
        "ApproximateAgeOfOldestMessage"
    );
    assert_eq!(properties(&t, "QueueAgeAlarm")["Threshold"], 300.0);
    // Scale-in only when nothing waits and nothing is in progress, so no
    // worker is stopped mid-task.
    let idle = properties(&t, "QueueIdleAlarm");
    assert_eq!(idle["AlarmActions"][0]["Ref"], "WorkerScaleInPolicy");
    assert_eq!(idle["Metrics"][2]["Expression"], "visible + inProgress");
    assert_eq!(
        idle["Metrics"][1]["MetricStat"]["Metric"]["MetricName"],
        "ApproximateNumberOfMessagesNotVisible"
    );
    assert_eq!(idle["Threshold"], 1.0);
    assert_eq!(idle["TreatMissingData"], "breaching");
    let targets = ids_of_type(&t, "AWS::ApplicationAutoScaling::ScalableTarget");
    assert_eq!(
        targets,
        [
            "ApiScalableTarget",
            "WebSocketScalableTarget",
            "WorkerScalableTarget"
        ]
    );
    assert_eq!(properties(&t, "WorkerScalableTarget")["MaxCapacity"], 10);
    for id in ["ApiCpuScaling", "WebSocketCpuScaling"] {
        let config = &properties(&t, id)["TargetTrackingScalingPolicyConfiguration"];
        assert_eq!(
            config["PredefinedMetricSpecification"]["PredefinedMetricType"],
            "ECSServiceAverageCPUUtilization"
        );
    }
    // Autoscaling owns the counts: no service pins one.
    for service in ["ApiService", "WorkerService", "WebSocketService"] {
        assert!(
            properties(&t, service).get("DesiredCount").is_none(),
            "{service}"
        );
    }
}

#[test]
fn the_dashboard_covers_the_daily_checklist() {
    let t = default();
    let body = &properties(&t, "Dashboard")["DashboardBody"]["Fn::Sub"];
    let dashboard: Value = serde_json::from_str(body[0].as_str().unwrap()).unwrap();
    let text = body[0].as_str().unwrap();
    for metric in [
        "GroupInServiceInstances",
        "RunningTaskCount",
        "TargetResponseTime",
        "ApproximateNumberOfMessagesVisible",
        "ApproximateAgeOfOldestMessage",
        "Throttles",
        "Errors",
        "FreeStorageSpace",
        "HealthyHostCount",
    ] {
        assert!(text.contains(metric), "{metric}");
    }
    assert!(text.contains("MongoDB Atlas"));
    assert!(dashboard["widgets"].as_array().unwrap().len() >= 10);
    // Every placeholder is a variable or a pseudo parameter.
    let variables = body[1].as_object().unwrap();
    for placeholder in text.split("${").skip(1) {
        let name = placeholder.split('}').next().unwrap();
        assert!(
            name.starts_with("AWS::") || variables.contains_key(name),
            "${{{name}}}"
        );
    }
    assert_eq!(
        properties(&t, "Dashboard")["DashboardName"],
        "adology-operations"
    );
}

#[test]
fn outputs_give_what_the_issue_names() {
    let t = default();
    for output in [
        "PublicUrl",
        "WebSocketUrl",
        "QueueUrl",
        "ApiRepositoryUri",
        "WorkerRepositoryUri",
        "WebSocketRepositoryUri",
        "DashboardName",
    ] {
        assert!(t["Outputs"].get(output).is_some(), "{output}");
    }
}

#[test]
fn peering_routes_every_private_subnet_to_atlas() {
    let t = template(&example());
    assert_eq!(
        t["Parameters"]["AtlasPeeringConnectionId"]["Type"],
        "String"
    );
    for (route, table) in [
        ("AtlasRouteA", "PrivateRouteTableA"),
        ("AtlasRouteB", "PrivateRouteTableB"),
    ] {
        let properties = properties(&t, route);
        assert_eq!(properties["RouteTableId"]["Ref"], table);
        assert_eq!(
            properties["VpcPeeringConnectionId"]["Ref"],
            "AtlasPeeringConnectionId"
        );
        assert_eq!(properties["DestinationCidrBlock"]["Ref"], "AtlasCidr");
    }
    assert!(default()["Parameters"].get("AtlasCidr").is_none());
}

#[test]
fn dedicated_web_socket_instances_get_their_own_group_and_provider() {
    let t = template(&example());
    assert_eq!(
        properties(&t, "WebSocketLaunchTemplate")["LaunchTemplateData"]["InstanceType"],
        "t3.small"
    );
    assert_eq!(
        properties(&t, "WebSocketService")["CapacityProviderStrategy"][0]["CapacityProvider"]
            ["Ref"],
        "WebSocketCapacityProvider"
    );
    assert_eq!(
        properties(&t, "ApiService")["CapacityProviderStrategy"][0]["CapacityProvider"]["Ref"],
        "CapacityProvider"
    );
}

#[test]
fn nothing_runs_an_image_before_there_is_one() {
    let t = default();
    for (id, resource) in t["Resources"].as_object().unwrap() {
        let kind = resource["Type"].as_str().unwrap();
        if kind.starts_with("AWS::ECS::Service")
            || kind.starts_with("AWS::ECS::TaskDefinition")
            || kind.starts_with("AWS::Lambda::")
            || kind.starts_with("AWS::ApplicationAutoScaling::")
        {
            assert_eq!(resource["Condition"], "HasImage", "{id}");
        }
    }
}

#[test]
fn stateful_resources_are_kept_unless_deletion_is_allowed() {
    let t = default();
    assert_eq!(retention_violations(&t, false), Vec::<String>::new());
    let bucket = properties(&t, "DataBucket");
    assert!(bucket["BucketEncryption"].is_object());
    assert_eq!(
        bucket["PublicAccessBlockConfiguration"]["BlockPublicAcls"],
        true
    );
}

#[test]
fn bad_configs_are_refused_with_the_field_and_the_rule() {
    let cases: [(&str, &str); 16] = [
        (
            "database: {allocatedStorageGiB: 100, maxAllocatedStorageGiB: 50}\n",
            "/database/maxAllocatedStorageGiB: 50 must be more than allocatedStorageGiB (100 GiB)",
        ),
        ("instances: {minInstances: 1}\n", "/instances/minInstances"),
        (
            "loadBalancer: {webSocketPath: /}\n",
            "/loadBalancer/webSocketPath",
        ),
        ("webSocket: {maxCount: 9}\n", "/webSocket/maxCount"),
        // 10 workers and 6 API tasks of 1024 units are more than 6 t3.mediums hold.
        (
            "worker: {cpu: 1024}\napi: {cpu: 1024}\n",
            "/instances/maxInstances",
        ),
        (
            "api: {environment: {QUEUE_URL: x}}\n",
            "/api/environment/QUEUE_URL",
        ),
        (
            "worker: {environment: {AWS_LAMBDA_X: x}}\n",
            "/worker/environment/AWS_LAMBDA_X",
        ),
        ("noSuchField: 1\n", "noSuchField"),
        ("name: ado--logy\n", "/name"),
        (
            "instances: {instanceType: t3.mega}\n",
            "/instances/instanceType",
        ),
        (
            "loadBalancer: {webSocketRouting: host}\n",
            "/loadBalancer/webSocketRouting",
        ),
        (
            "loadBalancer: {certificate: create}\n",
            "/loadBalancer/certificate",
        ),
        (
            "atlasPeering: true\nnetwork: {existingVpc: {}}\n",
            "/atlasPeering",
        ),
        (
            "queue: {visibilityTimeoutSeconds: 60}\n",
            "/queue/visibilityTimeoutSeconds",
        ),
        ("api: {memory: 8192}\n", "/api/memory"),
        ("worker: {minCount: 5, maxCount: 2}\n", "/worker/minCount"),
    ];
    for (text, field) in cases {
        let problems = problems(text);
        assert!(
            problems.iter().any(|p| p.contains(field)),
            "{text:?}: {problems:?} should name {field}"
        );
    }
}

#[test]
fn the_example_config_is_valid_and_costs_more_than_the_default() {
    let default = adology::cost::estimate(&AdologyConfig::default())
        .unwrap()
        .total();
    let example = adology::cost::estimate(&example()).unwrap().total();
    assert!(example.0 > default.0);
}

#[test]
fn the_dead_letter_alarm_notifies_a_topic_and_optionally_an_email() {
    let t = default();
    assert_eq!(
        properties(&t, "DeadLetterAlarm")["AlarmActions"],
        serde_json::json!([{"Ref": "AlarmTopic"}])
    );
    assert_eq!(t["Resources"]["AlarmTopic"]["Type"], "AWS::SNS::Topic");
    assert!(ids_of_type(&t, "AWS::SNS::Subscription").is_empty());

    let arn = "arn:aws:sns:us-east-1:123456789012:on-call";
    let config = config::parse::<AdologyConfig>(
        &format!("alarms: {{topicArn: '{arn}', email: ops@example.com}}\n"),
        "adology.yaml",
    )
    .unwrap();
    let t = render(&adology::build(&config).unwrap());
    assert!(ids_of_type(&t, "AWS::SNS::Topic").is_empty());
    assert_eq!(
        properties(&t, "DeadLetterAlarm")["AlarmActions"],
        serde_json::json!([arn])
    );
    let subscription = properties(&t, "AlarmEmailSubscription");
    assert_eq!(subscription["Protocol"], "email");
    assert_eq!(subscription["Endpoint"], "ops@example.com");
    assert_eq!(subscription["TopicArn"], arn);
}

#[test]
fn access_logs_are_on_by_default_and_can_be_turned_off() {
    let attribute = |t: &Value, key: &str| {
        properties(t, "LoadBalancer")["LoadBalancerAttributes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|pair| pair["Key"] == key)
            .map(|pair| pair["Value"].clone())
    };
    let t = default();
    assert_eq!(
        attribute(&t, "access_logs.s3.bucket"),
        Some(serde_json::json!({"Ref": "LoadBalancerLogBucket"}))
    );
    assert_eq!(
        of_type(&t, "AWS::S3::Bucket").len(),
        2,
        "the data bucket and the log bucket"
    );
    let off = config::parse::<AdologyConfig>(
        "loadBalancer: {accessLogs: {enabled: false}}\n",
        "adology.yaml",
    )
    .unwrap()
    .into_inner();
    let t = template(&off);
    assert_eq!(attribute(&t, "access_logs.s3.enabled"), None);
    assert!(t["Resources"].get("LoadBalancerLogBucket").is_none());
}
