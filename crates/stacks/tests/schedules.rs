//! The interval-processing schedules stack, checked against the seed on the
//! rendered template: snapshots for review and cfn-lint, and assertions on
//! the numbers, names and rules the seed and the issue fix.

mod common;

use serde_json::{json, Value};

use common::{
    checked, ids_of_type, of_type, render, retention_violations, snapshot, statements, strings,
};
use framework::config;
use framework::StackError;
use stacks::schedules::{self, SchedulesConfig};

/// The seed's processes, their crons and retry windows (the interval, at
/// most a day).
const SEED: [(&str, &str, u64); 5] = [
    ("FileGeneration", "cron(0 3 * * ? *)", 86_400),
    ("NightlyDataChange", "cron(0 2 * * ? *)", 86_400),
    ("HourlyDataChange", "cron(0 * * * ? *)", 3_600),
    ("HalfHourlyDataChange", "cron(0/30 * * * ? *)", 1_800),
    ("QuarterHourlyDataChange", "cron(0/15 * * * ? *)", 900),
];

/// A config that changes every default.
const CUSTOM_CONFIG: &str = "\
name: ReportJobs
network: existingVpc
schedulesEnabled: true
logRetentionDays: 90
publicBucket: true
publicRepository: true
allowDeleteResources: true
processes:
  - name: NightlyExport
    cron: cron(30 1 * * ? *)
    timeZone: America/New_York
    cpu: 2048
    memory: 8192
    ephemeralStorageGiB: 50
    retryAttempts: 5
    maximumEventAgeSeconds: 3600
    environment: {LOG_LEVEL: debug, EXPORT_FORMAT: csv}
  - name: MonthEndClose
    cron: cron(0 6 L * ? *)
    timeZone: Europe/Berlin
  - name: WeekdayMorningSync
    cron: cron(0 7 ? * MON-FRI *)
    cpu: 512
    memory: 1024
    retryAttempts: 0
";

fn custom_config() -> SchedulesConfig {
    config::parse::<SchedulesConfig>(CUSTOM_CONFIG, "custom.yaml")
        .unwrap()
        .into_inner()
}

fn seed() -> Value {
    render(
        &schedules::build(&checked(SchedulesConfig::default()))
            .unwrap()
            .template,
    )
}

fn custom() -> Value {
    render(
        &schedules::build(&checked(custom_config()))
            .unwrap()
            .template,
    )
}

fn resource<'a>(template: &'a Value, id: &str) -> &'a Value {
    let resource = &template["Resources"][id];
    assert!(resource.is_object(), "no resource {id}");
    &resource["Properties"]
}

#[test]
fn default_snapshot() {
    snapshot!(
        "schedules-default",
        &schedules::build(&checked(SchedulesConfig::default()))
            .unwrap()
            .template,
    );
}

#[test]
fn custom_snapshot() {
    snapshot!(
        "schedules-custom",
        &schedules::build(&checked(custom_config()))
            .unwrap()
            .template,
    );
}

#[test]
fn one_task_definition_per_seed_process_in_the_seeds_form() {
    let template = seed();
    let ids = ids_of_type(&template, "AWS::ECS::TaskDefinition");
    let expected: Vec<String> = SEED
        .iter()
        .map(|(name, _, _)| format!("{name}TaskDefinition"))
        .collect();
    assert_eq!(ids, expected);
    for (name, _, _) in SEED {
        let p = resource(&template, &format!("{name}TaskDefinition"));
        assert_eq!(p["Family"], format!("IntervalProcessing-{name}"));
        assert_eq!(p["Cpu"], "1024", "1 vCPU");
        assert_eq!(p["Memory"], "3072", "3 GB");
        assert_eq!(p["NetworkMode"], "awsvpc");
        assert_eq!(p["RequiresCompatibilities"], json!(["FARGATE"]));
        assert_eq!(
            p["RuntimePlatform"],
            json!({"CpuArchitecture": "X86_64", "OperatingSystemFamily": "LINUX"})
        );
        assert_eq!(p["EphemeralStorage"], json!({"SizeInGiB": 21}));
        assert_eq!(
            p["ExecutionRoleArn"],
            json!({"Fn::GetAtt": ["TaskExecutionRole", "Arn"]})
        );
        assert_eq!(p.get("TaskRoleArn"), None, "the seed's task role: none");
        let containers = p["ContainerDefinitions"].as_array().unwrap();
        assert_eq!(containers.len(), 1);
        let c = &containers[0];
        assert_eq!(
            c["Name"],
            format!("intervalprocessing-{}", name.to_lowercase())
        );
        assert_eq!(c["Essential"], true);
        assert_eq!(
            c["Image"],
            json!({"Fn::Sub": "${ImageRepository.RepositoryUri}:${ImageTag}"})
        );
        assert_eq!(
            c["PortMappings"],
            json!([
                {"ContainerPort": 80, "Protocol": "tcp"},
                {"ContainerPort": 27017, "Protocol": "tcp"}
            ])
        );
        assert_eq!(
            c["Environment"],
            json!([{"Name": "processToRun", "Value": format!("{name}Processes")}])
        );
        assert_eq!(c["LogConfiguration"]["LogDriver"], "awslogs");
        assert_eq!(
            c["LogConfiguration"]["Options"]["awslogs-group"],
            json!({"Ref": format!("{name}LogGroup")})
        );
        let log_group = resource(&template, &format!("{name}LogGroup"));
        assert_eq!(
            log_group["LogGroupName"],
            format!("/ecs/IntervalProcessing-{name}")
        );
        assert_eq!(log_group["RetentionInDays"], 30);
    }
}

#[test]
fn one_schedule_per_seed_process_in_the_seeds_form() {
    let template = seed();
    assert_eq!(
        ids_of_type(&template, "AWS::Events::Rule"),
        Vec::<&str>::new(),
        "EventBridge Scheduler, not rules"
    );
    let ids = ids_of_type(&template, "AWS::Scheduler::Schedule");
    assert_eq!(ids.len(), SEED.len());
    for (name, cron, event_age) in SEED {
        let id = format!("{name}Schedule");
        assert_eq!(
            template["Resources"][&id]["DependsOn"],
            json!([format!("{name}TaskDefinition")])
        );
        let p = resource(&template, &id);
        assert_eq!(p["Name"], format!("Run-IntervalProcessing-{name}"));
        assert_eq!(p["ScheduleExpression"], cron);
        assert_eq!(p["ScheduleExpressionTimezone"], "UTC");
        assert_eq!(p["FlexibleTimeWindow"], json!({"Mode": "OFF"}));
        assert_eq!(p["State"], "DISABLED", "the seed enables them later");
        let target = &p["Target"];
        assert_eq!(target["Arn"], json!({"Fn::GetAtt": ["Cluster", "Arn"]}));
        assert_eq!(
            target["RoleArn"],
            json!({"Fn::GetAtt": ["SchedulerRole", "Arn"]})
        );
        assert_eq!(
            target["RetryPolicy"],
            json!({"MaximumEventAgeInSeconds": event_age, "MaximumRetryAttempts": 3})
        );
        assert_eq!(target.get("DeadLetterConfig"), None, "the seed: no DLQ");
        let ecs = &target["EcsParameters"];
        assert_eq!(ecs["TaskCount"], 1);
        assert_eq!(
            ecs["CapacityProviderStrategy"],
            json!([{"CapacityProvider": "FARGATE", "Weight": 1}])
        );
        assert_eq!(ecs.get("LaunchType"), None, "a capacity provider instead");
        // The family without a revision: the latest one.
        assert_eq!(
            ecs["TaskDefinitionArn"],
            json!({"Fn::Sub": format!(
                "arn:${{AWS::Partition}}:ecs:${{AWS::Region}}:${{AWS::AccountId}}:task-definition/IntervalProcessing-{name}"
            )})
        );
        assert_eq!(
            ecs["NetworkConfiguration"]["AwsvpcConfiguration"],
            json!({
                "AssignPublicIp": "DISABLED",
                "SecurityGroups": [{"Fn::GetAtt": ["TaskSecurityGroup", "GroupId"]}],
                "Subnets": [{"Ref": "PrivateSubnet"}]
            })
        );
    }
}

#[test]
fn the_cluster_offers_fargate_to_the_schedules() {
    let template = seed();
    let p = resource(&template, "Cluster");
    assert_eq!(p["ClusterName"], "intervalprocessing");
    assert_eq!(p["CapacityProviders"], json!(["FARGATE"]));
}

#[test]
fn the_nat_gateway_sits_in_the_public_subnet_and_the_private_subnet_routes_through_it() {
    let template = seed();
    assert_eq!(
        resource(&template, "NatGateway")["SubnetId"],
        json!({"Ref": "PublicSubnet"}),
        "not in the private subnet, as the seed has it"
    );
    assert_eq!(
        resource(&template, "NatGateway")["AllocationId"],
        json!({"Fn::GetAtt": ["NatElasticIp", "AllocationId"]})
    );
    assert_eq!(resource(&template, "NatElasticIp")["Domain"], "vpc");
    let public_route = resource(&template, "PublicDefaultRoute");
    assert_eq!(public_route["DestinationCidrBlock"], "0.0.0.0/0");
    assert_eq!(public_route["GatewayId"], json!({"Ref": "InternetGateway"}));
    assert_eq!(
        public_route["RouteTableId"],
        json!({"Ref": "PublicRouteTable"})
    );
    assert_eq!(
        template["Resources"]["PublicDefaultRoute"]["DependsOn"],
        json!(["InternetGatewayAttachment"])
    );
    let private_route = resource(&template, "PrivateDefaultRoute");
    assert_eq!(private_route["DestinationCidrBlock"], "0.0.0.0/0");
    assert_eq!(private_route["NatGatewayId"], json!({"Ref": "NatGateway"}));
    assert_eq!(
        private_route["RouteTableId"],
        json!({"Ref": "PrivateRouteTable"})
    );
    assert_eq!(
        resource(&template, "PrivateSubnetRouteTableAssociation"),
        &json!({"RouteTableId": {"Ref": "PrivateRouteTable"}, "SubnetId": {"Ref": "PrivateSubnet"}})
    );
    assert_eq!(
        resource(&template, "PublicSubnetRouteTableAssociation"),
        &json!({"RouteTableId": {"Ref": "PublicRouteTable"}, "SubnetId": {"Ref": "PublicSubnet"}})
    );
    assert_eq!(
        template["Outputs"]["NatPublicIp"]["Value"],
        json!({"Ref": "NatElasticIp"}),
        "the address MongoDB Atlas allow-lists"
    );
    let group = resource(&template, "TaskSecurityGroup");
    assert_eq!(
        group.get("SecurityGroupIngress"),
        None,
        "nothing connects in"
    );
}

#[test]
fn an_existing_vpc_gets_only_the_private_side() {
    let template = custom();
    for absent in [
        "AWS::EC2::VPC",
        "AWS::EC2::InternetGateway",
        "AWS::EC2::VPCGatewayAttachment",
    ] {
        assert!(ids_of_type(&template, absent).is_empty(), "{absent}");
    }
    assert_eq!(
        ids_of_type(&template, "AWS::EC2::Subnet"),
        ["PrivateSubnet"]
    );
    assert_eq!(
        resource(&template, "NatGateway")["SubnetId"],
        json!({"Ref": "PublicSubnetId"})
    );
    assert_eq!(
        resource(&template, "PrivateSubnet")["VpcId"],
        json!({"Ref": "VpcId"})
    );
    let parameters: Vec<&String> = template["Parameters"].as_object().unwrap().keys().collect();
    assert_eq!(
        parameters,
        [
            "VpcId",
            "PublicSubnetId",
            "PrivateSubnetCidr",
            "ImageTag",
            "PublicRegistryAlias"
        ]
    );
    assert_eq!(
        template["Parameters"]["PublicSubnetId"]["Type"],
        "AWS::EC2::Subnet::Id"
    );
}

#[test]
fn the_bucket_is_encrypted_with_a_bucket_key_blocked_and_tls_only() {
    let template = seed();
    let p = resource(&template, "FilesBucket");
    assert_eq!(
        p["BucketName"],
        json!({"Fn::Sub": "intervalprocessing-${AWS::AccountId}"})
    );
    assert_eq!(
        p["BucketEncryption"],
        json!({"ServerSideEncryptionConfiguration": [{
            "BucketKeyEnabled": true,
            "ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}
        }]})
    );
    assert_eq!(
        p["PublicAccessBlockConfiguration"],
        json!({
            "BlockPublicAcls": true, "BlockPublicPolicy": true,
            "IgnorePublicAcls": true, "RestrictPublicBuckets": true
        })
    );
    assert_eq!(
        p["OwnershipControls"],
        json!({"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]})
    );
    assert_eq!(p.get("VersioningConfiguration"), None, "versioning off");
    let policy = resource(&template, "FilesBucketPolicy");
    assert_eq!(policy["PolicyDocument"]["Statement"][0]["Effect"], "Deny");
    assert_eq!(
        template["Outputs"]["GeneratedFilesUri"]["Value"],
        json!({"Fn::Sub": "s3://${FilesBucket}/GeneratedFiles/"})
    );
    let repository = resource(&template, "ImageRepository");
    assert_eq!(repository["RepositoryName"], "intervalprocessing");
    assert!(ids_of_type(&template, "AWS::ECR::PublicRepository").is_empty());
    assert!(schedules::build(&checked(SchedulesConfig::default()))
        .unwrap()
        .warnings
        .is_empty());
}

#[test]
fn the_public_opt_ins_are_the_seeds_and_warn() {
    let config = custom_config();
    let template = custom();
    assert_eq!(
        resource(&template, "FilesBucket")["PublicAccessBlockConfiguration"],
        json!({
            "BlockPublicAcls": false, "BlockPublicPolicy": false,
            "IgnorePublicAcls": false, "RestrictPublicBuckets": false
        })
    );
    assert!(ids_of_type(&template, "AWS::ECR::Repository").is_empty());
    assert_eq!(
        resource(&template, "PublicImageRepository")["RepositoryName"],
        "reportjobs"
    );
    assert_eq!(
        resource(&template, "NightlyExportTaskDefinition")["ContainerDefinitions"][0]["Image"],
        json!({"Fn::Sub": "public.ecr.aws/${PublicRegistryAlias}/reportjobs:${ImageTag}"})
    );
    let warnings = schedules::build(&checked(config)).unwrap().warnings;
    assert_eq!(warnings.len(), 2);
    assert!(warnings[0].starts_with("publicBucket:"), "{warnings:?}");
    assert!(warnings[1].starts_with("publicRepository:"), "{warnings:?}");
}

#[test]
fn the_custom_config_shapes_each_process() {
    let template = custom();
    let export = resource(&template, "NightlyExportTaskDefinition");
    assert_eq!(export["Family"], "ReportJobs-NightlyExport");
    assert_eq!(
        (&export["Cpu"], &export["Memory"]),
        (&json!("2048"), &json!("8192"))
    );
    assert_eq!(export["EphemeralStorage"], json!({"SizeInGiB": 50}));
    assert_eq!(
        export["ContainerDefinitions"][0]["Environment"],
        json!([
            {"Name": "processToRun", "Value": "NightlyExportProcesses"},
            {"Name": "EXPORT_FORMAT", "Value": "csv"},
            {"Name": "LOG_LEVEL", "Value": "debug"}
        ])
    );
    let schedule = resource(&template, "NightlyExportSchedule");
    assert_eq!(schedule["Name"], "Run-ReportJobs-NightlyExport");
    assert_eq!(schedule["ScheduleExpressionTimezone"], "America/New_York");
    assert_eq!(schedule["State"], "ENABLED");
    assert_eq!(
        schedule["Target"]["RetryPolicy"],
        json!({"MaximumEventAgeInSeconds": 3600, "MaximumRetryAttempts": 5})
    );
    // The last day of the month: 28 days apart at least, capped at a day.
    let month_end = resource(&template, "MonthEndCloseSchedule");
    assert_eq!(
        month_end["Target"]["RetryPolicy"]["MaximumEventAgeInSeconds"],
        86_400
    );
    // Weekdays at 07:00 UTC: a day apart, as UTC has no daylight saving.
    let weekday = resource(&template, "WeekdayMorningSyncSchedule");
    assert_eq!(
        weekday["Target"]["RetryPolicy"],
        json!({"MaximumEventAgeInSeconds": 86_400, "MaximumRetryAttempts": 0})
    );
    assert_eq!(
        resource(&template, "WeekdayMorningSyncTaskDefinition")["Memory"],
        "1024"
    );
    assert_eq!(
        resource(&template, "MonthEndCloseLogGroup")["RetentionInDays"],
        90
    );
}

#[test]
fn the_scheduler_role_runs_these_families_and_passes_only_the_execution_role() {
    let template = seed();
    let role = resource(&template, "SchedulerRole");
    assert_eq!(role["RoleName"], "IntervalProcessing-Scheduler");
    let trust = &role["AssumeRolePolicyDocument"]["Statement"];
    assert_eq!(
        trust,
        &json!([{
            "Effect": "Allow",
            "Principal": {"Service": ["scheduler.amazonaws.com"]},
            "Action": ["sts:AssumeRole"],
            "Condition": {"StringEquals": {"aws:SourceAccount": [{"Ref": "AWS::AccountId"}]}}
        }])
    );
    let statements = &role["Policies"][0]["PolicyDocument"]["Statement"];
    let run = &statements[0];
    assert_eq!(run["Action"], json!(["ecs:RunTask"]));
    let families: Vec<Value> = SEED
        .iter()
        .flat_map(|(name, _, _)| {
            let arn = format!(
                "arn:${{AWS::Partition}}:ecs:${{AWS::Region}}:${{AWS::AccountId}}:task-definition/IntervalProcessing-{name}"
            );
            [json!({"Fn::Sub": arn}), json!({"Fn::Sub": format!("{arn}:*")})]
        })
        .collect();
    assert_eq!(run["Resource"], json!(families));
    assert_eq!(
        run["Condition"],
        json!({"ArnEquals": {"ecs:cluster": [{"Fn::GetAtt": ["Cluster", "Arn"]}]}})
    );
    let pass = &statements[1];
    assert_eq!(pass["Action"], json!(["iam:PassRole"]));
    assert_eq!(
        pass["Resource"],
        json!([{"Fn::GetAtt": ["TaskExecutionRole", "Arn"]}])
    );
    assert_eq!(
        pass["Condition"],
        json!({"StringEquals": {"iam:PassedToService": ["ecs-tasks.amazonaws.com"]}})
    );
    assert_eq!(statements.as_array().unwrap().len(), 2);
}

#[test]
fn the_execution_role_pulls_this_image_and_writes_these_logs() {
    let template = seed();
    let role = resource(&template, "TaskExecutionRole");
    assert_eq!(
        role["AssumeRolePolicyDocument"]["Statement"][0]["Principal"],
        json!({"Service": ["ecs-tasks.amazonaws.com"]})
    );
    let statements = &role["Policies"][0]["PolicyDocument"]["Statement"];
    assert_eq!(
        statements[1]["Resource"],
        json!([{"Fn::GetAtt": ["ImageRepository", "Arn"]}])
    );
    let log_groups: Vec<Value> = SEED
        .iter()
        .map(|(name, _, _)| json!({"Fn::GetAtt": [format!("{name}LogGroup"), "Arn"]}))
        .collect();
    assert_eq!(statements[2]["Resource"], json!(log_groups));
    assert_eq!(role.get("ManagedPolicyArns"), None);
}

#[test]
fn the_backend_group_gets_this_bucket_and_this_repository_only() {
    let template = seed();
    let group = resource(&template, "BackendUsersGroup");
    assert_eq!(group["GroupName"], "intervalprocessingusers");
    assert_eq!(
        group.get("ManagedPolicyArns"),
        None,
        "no AmazonS3FullAccess"
    );
    let policies: Vec<&Value> = group["Policies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|policy| &policy["PolicyName"])
        .collect();
    assert_eq!(
        policies,
        [
            &json!("IntervalProcessingS3Access"),
            &json!("IntervalProcessingECRAccess")
        ]
    );
    for statement in statements(group) {
        let resources = &statement["Resource"];
        let everything = resources == &json!(["*"]);
        let actions = strings(&statement["Action"]);
        if everything {
            // Only actions without resource-level permissions.
            assert_eq!(actions, ["ecr:GetAuthorizationToken"], "{statement}");
        } else {
            let text = resources.to_string();
            assert!(
                text.contains("FilesBucket") || text.contains("ImageRepository"),
                "{statement}"
            );
        }
    }
    assert_eq!(
        resource(&template, "BackendUser")["UserName"],
        "intervalprocessingbackend"
    );
    assert_eq!(
        resource(&template, "BackendUserGroupMembership"),
        &json!({"GroupName": {"Ref": "BackendUsersGroup"}, "Users": [{"Ref": "BackendUser"}]})
    );
    assert!(
        ids_of_type(&template, "AWS::IAM::AccessKey").is_empty(),
        "no secret passes through CloudFormation"
    );
    // With ECR Public, the seed's public policy, scoped to that repository.
    let template = custom();
    let group = resource(&template, "BackendUsersGroup");
    assert_eq!(
        group["Policies"][1]["PolicyName"],
        "ReportJobsECRPublicAccess"
    );
    assert_eq!(
        group["Policies"][1]["PolicyDocument"]["Statement"][0]["Resource"],
        json!([{"Fn::GetAtt": ["PublicImageRepository", "Arn"]}])
    );
}

#[test]
fn iam_grants_no_full_access_and_no_wildcard_actions() {
    for template in [seed(), custom()] {
        let text = template.to_string();
        assert!(!text.contains("FullAccess"), "a *FullAccess policy");
        assert!(
            !text.contains("arn:aws:iam::aws:policy"),
            "a managed policy"
        );
        for statement in statements(&template["Resources"]) {
            if statement["Effect"] != "Allow" {
                continue;
            }
            for action in strings(&statement["Action"]) {
                assert!(
                    !action.ends_with('*') || action == "sts:AssumeRole",
                    "{action} in {statement}"
                );
            }
        }
    }
}

#[test]
fn stateful_resources_are_retained_by_default_and_deleted_when_allowed() {
    let seed = seed();
    assert_eq!(retention_violations(&seed, false), Vec::<String>::new());
    assert_eq!(
        resource(&seed, "ImageRepository").get("EmptyOnDelete"),
        None
    );
    assert_eq!(retention_violations(&custom(), true), Vec::<String>::new());
    let deletable = SchedulesConfig {
        allow_delete_resources: true,
        ..SchedulesConfig::default()
    };
    let deletable = render(&schedules::build(&checked(deletable)).unwrap().template);
    assert_eq!(
        resource(&deletable, "ImageRepository")["EmptyOnDelete"],
        true
    );
}

#[test]
fn adding_a_process_keeps_every_other_resource_as_it_was() {
    let before = seed();
    let mut config = SchedulesConfig::default();
    // At the front, so an index-based ID would shift every other one.
    config.processes.insert(
        0,
        schedules::config::ProcessConfig::new("WeeklyReport", "cron(0 6 ? * MON *)"),
    );
    let after = render(&schedules::build(&checked(config)).unwrap().template);
    let changed: Vec<&String> = after["Resources"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(id, resource)| before["Resources"].get(id.as_str()) != Some(*resource))
        .map(|(id, _)| id)
        .collect();
    assert_eq!(
        changed,
        [
            "WeeklyReportLogGroup",
            "TaskExecutionRole",
            "WeeklyReportTaskDefinition",
            "SchedulerRole",
            "WeeklyReportSchedule"
        ],
        "only the new process and the two roles that list every process"
    );
}

#[test]
fn every_parameter_is_used_and_has_a_default_in_the_default_config() {
    for template in [seed(), custom()] {
        let body = json!([template["Resources"], template["Outputs"]]).to_string();
        for id in template["Parameters"].as_object().unwrap().keys() {
            assert!(
                body.contains(&format!("{{\"Ref\":\"{id}\"}}"))
                    || body.contains(&format!("${{{id}}}")),
                "parameter {id} is unused"
            );
        }
    }
    // `synth schedules` deploys as is.
    for (id, parameter) in seed()["Parameters"].as_object().unwrap() {
        assert!(parameter.get("Default").is_some(), "{id} has no default");
    }
}

#[test]
fn the_example_adds_a_process_on_update_with_the_same_parameters() {
    let example = schedules::example().unwrap();
    assert_eq!(example.name, "schedules");
    let create = render(&example.template);
    let update = render(example.update_template.as_ref().unwrap());
    let families = |template: &Value| ids_of_type(template, "AWS::ECS::TaskDefinition").len();
    assert_eq!(families(&update), families(&create) + 1);
    assert!(update["Resources"]["WeeklyReportSchedule"].is_object());
    assert_eq!(example.create_parameters, example.update_parameters);
    let required: Vec<&String> = create["Parameters"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, parameter)| parameter.get("Default").is_none())
        .map(|(id, _)| id)
        .collect();
    let given: Vec<&String> = example.create_parameters.keys().collect();
    assert_eq!(required, given);
    assert!(example.prerequisites.is_none());
}

#[test]
fn the_annotated_example_config_parses_and_is_the_seed() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/schedules.yaml");
    let config = config::load::<SchedulesConfig>(&path).unwrap();
    let names: Vec<&str> = config.processes.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, SEED.map(|(name, _, _)| name));
    // Spelling out the defaults changes nothing.
    assert_eq!(
        render(&schedules::build(&config).unwrap().template),
        seed(),
        "examples/schedules.yaml should spell out the defaults"
    );
}

#[test]
fn a_config_made_in_code_is_checked_like_a_file() {
    let mut config = SchedulesConfig::default();
    config.processes[2].cron = "cron(0 * * * * *)".to_string();
    let Err(StackError::Config { problems, .. }) = config::validate(config, "code") else {
        panic!("should be refused");
    };
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].starts_with("/processes/2/cron: "),
        "{problems:?}"
    );
}

#[test]
fn logical_ids_are_the_process_names() {
    let template = seed();
    for (type_name, suffix) in [
        ("AWS::ECS::TaskDefinition", "TaskDefinition"),
        ("AWS::Logs::LogGroup", "LogGroup"),
        ("AWS::Scheduler::Schedule", "Schedule"),
    ] {
        let ids: Vec<String> = of_type(&template, type_name)
            .into_iter()
            .map(|(id, _)| id.to_string())
            .collect();
        let expected: Vec<String> = SEED
            .iter()
            .map(|(name, _, _)| format!("{name}{suffix}"))
            .collect();
        assert_eq!(ids, expected);
    }
}

#[test]
fn synthesis_is_deterministic() {
    let build = || {
        schedules::build(&checked(custom_config()))
            .unwrap()
            .template
            .synthesize(constructs::Format::Yaml)
            .unwrap()
            .body
    };
    assert_eq!(build(), build());
}
