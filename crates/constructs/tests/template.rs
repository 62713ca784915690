//! Whole templates: section order, parameters, outputs, resource
//! attributes, YAML/JSON equivalence, and the errors synthesis refuses with.

use constructs::aws::{ec2, logs, sqs};
use constructs::iam::{ConditionOperator, PolicyDocument, Principal, Statement};
use constructs::{
    fns, pseudo, AwsType, Condition, Error, Format, Json, Mapping, Output, Parameter, Resource,
    Rule, SsmValue, Template, Value,
};

/// A template that uses every section and most intrinsics, kept
/// deployable: its snapshot is linted by `cargo xtask lint`.
fn showcase() -> Template {
    let mut t = Template::new("constructs showcase: every template section and intrinsic");
    t.add_metadata("Purpose", "Exercises the template model end to end");
    let env = t
        .add_parameter(
            Parameter::string("EnvName")
                .description("Deployment environment")
                .allowed_values(["dev", "prod"])
                .default("dev"),
        )
        .unwrap();
    let cidr = t
        .add_parameter(
            Parameter::string("VpcCidr")
                .default("10.20.0.0/16")
                .allowed_pattern(r"^(\d{1,3}\.){3}\d{1,3}/\d{1,2}$")
                .constraint_description("an IPv4 CIDR block such as 10.20.0.0/16"),
        )
        .unwrap();
    let timeout = t
        .add_parameter(
            Parameter::integer("QueueTimeout")
                .default(60)
                .min_value(30.0)
                .max_value(900.0),
        )
        .unwrap();
    let retention = t
        .add_mapping(
            "EnvSettings",
            Mapping::new()
                .entry("dev", "RetentionDays", 7)
                .entry("prod", "RetentionDays", 30),
        )
        .unwrap();
    let is_prod = t
        .add_condition("IsProd", Condition::equals(env.reference(), "prod"))
        .unwrap();
    let is_dev_in_us_east_1 = t
        .add_condition(
            "IsDevInUsEast1",
            Condition::and([
                Condition::not(Condition::from(&is_prod)),
                Condition::or([
                    Condition::equals(pseudo::region(), "us-east-1"),
                    Condition::equals(pseudo::region(), "us-east-2"),
                ]),
            ]),
        )
        .unwrap();
    t.add_rule(
        "ProdRegions",
        Rule::new()
            .when(Condition::equals(env.reference(), "prod"))
            .assert(
                Condition::or([
                    Condition::equals(pseudo::region(), "us-east-1"),
                    Condition::equals(pseudo::region(), "us-east-2"),
                ]),
                "prod deploys to us-east-1 or us-east-2",
            ),
    )
    .unwrap();

    let vpc = t
        .add(Resource::new(
            "Vpc",
            ec2::Vpc {
                cidr_block: Some(cidr.reference().into()),
                enable_dns_hostnames: Some(true.into()),
                enable_dns_support: Some(true.into()),
                tags: Some(Value::Literal(vec![constructs::Tag::new(
                    "Name",
                    fns::sub("${AWS::StackName}-vpc"),
                )
                .into()])),
                ..ec2::Vpc::default()
            },
        ))
        .unwrap();
    let subnet = t
        .add(Resource::new(
            "SubnetA",
            ec2::Subnet {
                availability_zone: Some(fns::select(0, fns::get_azs("")).into()),
                cidr_block: Some(fns::select(0, fns::cidr(vpc.cidr_block(), 4, 8)).into()),
                ..ec2::Subnet::new(vpc.reference())
            },
        ))
        .unwrap();
    let dead_letters = t
        .add(
            Resource::new(
                "DeadLetterQueue",
                sqs::Queue {
                    message_retention_period: Some(1_209_600.into()),
                    ..sqs::Queue::default()
                },
            )
            .condition(&is_prod)
            .retain(),
        )
        .unwrap();
    let redrive = Json::object([
        ("deadLetterTargetArn", Json::from(dead_letters.arn())),
        ("maxReceiveCount", Json::from(5)),
    ]);
    let queue = t
        .add(
            Resource::new(
                "JobsQueue",
                sqs::Queue {
                    visibility_timeout: Some(timeout.reference().into()),
                    redrive_policy: Some(fns::if_(&is_prod, redrive, pseudo::no_value()).into()),
                    sqs_managed_sse_enabled: Some(true.into()),
                    ..sqs::Queue::default()
                },
            )
            .depends_on(&subnet)
            .metadata("Owner", "platform"),
        )
        .unwrap();
    t.add(Resource::new(
        "JobsQueuePolicy",
        sqs::QueuePolicy::new(sqs::QueuePolicyRequired {
            policy_document: PolicyDocument::new([Statement::deny()
                .sid("DenyInsecureTransport")
                .principal(Principal::Any)
                .actions(["sqs:*"])
                .resource(queue.arn())
                .condition(ConditionOperator::Bool, "aws:SecureTransport", ["false"])])
            .into(),
            queues: vec![queue.reference()].into(),
        }),
    ))
    .unwrap();
    t.add(
        Resource::new(
            "AppLogs",
            logs::LogGroup {
                log_group_name: Some(fns::sub("/showcase/${AWS::StackName}").into()),
                retention_in_days: Some(
                    fns::find_in_map(&retention, env.reference(), "RetentionDays").into(),
                ),
                ..logs::LogGroup::default()
            },
        )
        .retain(),
    )
    .unwrap();
    t.add(
        Resource::new(
            "DevTemplate",
            ec2::LaunchTemplate::new(ec2::launch_template::LaunchTemplateData {
                user_data: Some(
                    fns::base64(fns::sub(
                        "#!/bin/bash\necho \"stack ${AWS::StackName} in ${AWS::Region}\"\n",
                    ))
                    .into(),
                ),
                // IMDSv2 only: no instance credentials for a plain GET.
                metadata_options: Some(
                    ec2::launch_template::MetadataOptions::default()
                        .http_tokens(ec2::launch_template::HttpTokens::Required)
                        .into(),
                ),
                ..Default::default()
            }),
        )
        .condition(&is_dev_in_us_east_1),
    )
    .unwrap();

    t.add_output(
        Output::new("QueueArn", queue.arn())
            .description("Jobs queue ARN")
            .export(fns::sub("${AWS::StackName}-QueueArn")),
    )
    .unwrap();
    t.add_output(Output::new("DeadLetterQueueUrl", dead_letters.reference()).condition(&is_prod))
        .unwrap();
    t.add_output(Output::new("SubnetZone", subnet.availability_zone()))
        .unwrap();
    t.add_output(Output::new(
        "QueueConsoleLink",
        fns::join(
            "",
            vec![
                Value::from("https://console."),
                pseudo::url_suffix().into(),
                Value::from("/sqs/v3/home?region="),
                pseudo::region().into(),
                Value::from("#/queues/"),
                queue.reference().into(),
            ],
        ),
    ))
    .unwrap();
    t.add_output(Output::new(
        "AccountAndPartition",
        fns::sub_with(
            "${Account} in ${AWS::Partition}",
            [("Account", Value::from(pseudo::account_id()))],
        ),
    ))
    .unwrap();
    t
}

fn snapshot(name: &str, body: &str) {
    insta::with_settings!({ snapshot_path => "../../../snapshots", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!(name, body);
    });
}

#[test]
fn showcase_yaml() {
    snapshot(
        "constructs-showcase.yaml",
        &showcase().synthesize(Format::Yaml).unwrap().body,
    );
}

#[test]
fn showcase_json() {
    snapshot(
        "constructs-showcase.json",
        &showcase().synthesize(Format::Json).unwrap().body,
    );
}

#[test]
fn rendering_is_byte_identical_run_to_run() {
    let first = showcase().synthesize(Format::Yaml).unwrap();
    for _ in 0..5 {
        assert_eq!(showcase().synthesize(Format::Yaml).unwrap(), first);
    }
}

#[test]
fn yaml_and_json_describe_the_same_template() {
    let template = showcase();
    // The project's YAML reader turns the short forms into the long form,
    // as CloudFormation does.
    let yaml = yaml::parse_template(&template.synthesize(Format::Yaml).unwrap().body).unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&template.synthesize(Format::Json).unwrap().body).unwrap();
    assert_eq!(yaml, json);
}

#[test]
fn tricky_strings_survive_yaml() {
    let tricky = [
        "yes",
        "NO",
        "on",
        "2012-10-17",
        "0755",
        "1e3",
        "*",
        "&a",
        "!x",
        "a: b",
        "# c",
        "it's",
        "\"q\"",
        "",
        " padded ",
        "tab\tin",
        "multi\nline\n",
        "trailing\n\n",
        "no newline\nend",
        "ünïcødé",
        "{braces}",
        "[x]",
        "- dash",
        "@at",
        "%pct",
        "null",
        "~",
    ];
    let mut t = Template::new("strings");
    t.add(Resource::new("Queue", sqs::Queue::default()))
        .unwrap();
    for (i, text) in tricky.iter().enumerate() {
        t.add_output(Output::new(&format!("S{i}"), *text)).unwrap();
    }
    let body = t.synthesize(Format::Yaml).unwrap().body;
    let parsed = yaml::parse_template(&body).unwrap();
    for (i, text) in tricky.iter().enumerate() {
        assert_eq!(
            parsed["Outputs"][format!("S{i}")]["Value"].as_str(),
            Some(*text),
            "string {text:?} in\n{body}"
        );
    }
}

#[test]
fn parameters_render_every_attribute_and_aws_types() {
    let mut t = Template::new("params");
    let subnets = t
        .add_parameter(
            Parameter::aws_list("Subnets", AwsType::SubnetId).description("Private subnets"),
        )
        .unwrap();
    let vpc = t
        .add_parameter(Parameter::aws("VpcId", AwsType::VpcId))
        .unwrap();
    let ami = t
        .add_parameter(
            Parameter::ssm_value("Ami", SsmValue::Aws(AwsType::ImageId))
                .default("/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id"),
        )
        .unwrap();
    let secret = t
        .add_parameter(
            Parameter::string("AtlasUri")
                .no_echo()
                .min_length(10)
                .max_length(2048)
                .allowed_pattern("^mongodb(\\+srv)?://.*"),
        )
        .unwrap();
    let count = t
        .add_parameter(Parameter::number("Ratio").default(0.5))
        .unwrap();
    let names = t
        .add_parameter(
            Parameter::comma_delimited_list("Names")
                .default(vec!["a".to_string(), "b".to_string()]),
        )
        .unwrap();
    let yaml = render_parameters(&t);
    assert_eq!(
        yaml,
        "\
Parameters:
  Subnets:
    Type: List<AWS::EC2::Subnet::Id>
    Description: Private subnets
  VpcId:
    Type: AWS::EC2::VPC::Id
  Ami:
    Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>
    Default: /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id
  AtlasUri:
    Type: String
    AllowedPattern: ^mongodb(\\+srv)?://.*
    MinLength: 10
    MaxLength: 2048
    NoEcho: true
  Ratio:
    Type: Number
    Default: 0.5
  Names:
    Type: CommaDelimitedList
    Default: a,b
"
    );
    // The handles type what `!Ref` yields: a list parameter is a list.
    let _: constructs::Expr<constructs::List<String>> = subnets.reference();
    let _: constructs::Expr<String> = vpc.reference();
    let _: constructs::Expr<String> = ami.reference();
    let _: constructs::Expr<String> = secret.reference();
    let _: constructs::Expr<f64> = count.reference();
    let _: constructs::Expr<constructs::List<String>> = names.reference();
}

fn render_parameters(t: &Template) -> String {
    let constructs::node::Node::Map(sections) = t.to_node() else {
        unreachable!()
    };
    let parameters = sections
        .into_iter()
        .find(|(k, _)| k == "Parameters")
        .unwrap();
    constructs::render(&constructs::node::Node::Map(vec![parameters]), Format::Yaml)
}

#[test]
fn sections_come_in_conventional_order() {
    let body = showcase().synthesize(Format::Yaml).unwrap().body;
    let order: Vec<&str> = body
        .lines()
        .filter(|line| !line.starts_with(' ') && line.contains(':'))
        .map(|line| line.split(':').next().unwrap())
        .collect();
    assert_eq!(
        order,
        [
            "AWSTemplateFormatVersion",
            "Description",
            "Metadata",
            "Parameters",
            "Rules",
            "Mappings",
            "Conditions",
            "Resources",
            "Outputs"
        ]
    );
    assert!(body.contains("  DeadLetterQueue:\n    Type: AWS::SQS::Queue\n    Condition: IsProd\n    DeletionPolicy: Retain\n    UpdateReplacePolicy: Retain\n    Properties:\n"));
    assert!(
        body.contains("    DependsOn:\n      - SubnetA\n    Metadata:\n      Owner: platform\n")
    );
    assert!(
        body.contains("Version: '2012-10-17'"),
        "policy version must be quoted"
    );
}

#[test]
fn duplicate_ids_are_errors_not_overwrites() {
    let mut t = Template::new("dup");
    t.add(Resource::new("Queue", sqs::Queue::default()))
        .unwrap();
    let err = t
        .add(Resource::new("Queue", sqs::Queue::default()))
        .unwrap_err();
    assert_eq!(
        err,
        Error::DuplicateId {
            section: "Resources",
            id: "Queue".into()
        }
    );
    // Parameters share the namespace with resources, as `Ref` does.
    let err = t.add_parameter(Parameter::string("Queue")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "duplicate logical ID \"Queue\" in Parameters: each ID may be added once"
    );
    let cond = Condition::equals(pseudo::region(), "x");
    t.add_condition("C", cond.clone()).unwrap();
    assert!(t.add_condition("C", cond).is_err());
    t.add_output(Output::new("O", "v")).unwrap();
    assert!(t.add_output(Output::new("O", "w")).is_err());
    assert!(matches!(
        t.add(Resource::new("bad-id", sqs::Queue::default())),
        Err(Error::InvalidLogicalId { .. })
    ));
}

#[test]
fn condition_operand_counts_are_checked() {
    let mut t = Template::new("");
    let one = Condition::and([Condition::equals(pseudo::region(), "x")]);
    let err = t.add_condition("Lonely", one).unwrap_err();
    assert_eq!(
        err.to_string(),
        "condition \"Lonely\" is invalid: Fn::And takes 2 to 10 conditions, got 1"
    );
}

#[test]
fn rules_need_assertions_and_may_name_only_parameters() {
    let mut t = Template::new("");
    let err = t.add_rule("Empty", Rule::new()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "rule \"Empty\" is invalid: a rule needs at least one assertion"
    );
    let queue = t
        .add(Resource::new("Queue", sqs::Queue::default()))
        .unwrap();
    t.add_rule(
        "QueueNamed",
        Rule::new().assert(
            Condition::equals(queue.queue_name(), "jobs"),
            "resources do not exist when rules run",
        ),
    )
    .unwrap();
    let err = t.synthesize(Format::Yaml).unwrap_err();
    assert_eq!(
        err.to_string(),
        "rule \"QueueNamed\" is invalid: Rules.QueueNamed.Assertions[0].Assert[0] (Fn::GetAtt) names resource \"Queue\"; \
         rules run before any resource exists, so they may name parameters and pseudo parameters only"
    );
}

#[test]
fn handles_from_another_template_fail_synthesis() {
    let mut other = Template::new("other");
    let foreign = other
        .add(Resource::new("Foreign", sqs::Queue::default()))
        .unwrap();
    let mut t = Template::new("t");
    t.add(Resource::new("Queue", sqs::Queue::default()))
        .unwrap();
    t.add_output(Output::new("Arn", foreign.arn())).unwrap();
    t.add_output(Output::new(
        "Name",
        fns::sub("${Missing}-${AWS::Region}-${Foreign.QueueName}"),
    ))
    .unwrap();
    let err = t.synthesize(Format::Yaml).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Outputs.Arn.Value (Fn::GetAtt) refers to resource \"Foreign\", which is not in this template\n\
         Outputs.Name.Value (Fn::Sub) refers to parameter or resource \"Missing\", which is not in this template\n\
         Outputs.Name.Value (Fn::Sub) refers to resource \"Foreign\", which is not in this template"
    );
}

#[test]
fn resource_and_output_limits() {
    let mut t = Template::new("big");
    for i in 0..=constructs::MAX_RESOURCES {
        t.add(Resource::new(&format!("Q{i}"), sqs::Queue::default()))
            .unwrap();
    }
    for i in 0..=constructs::MAX_OUTPUTS {
        t.add_output(Output::new(&format!("O{i}"), "x")).unwrap();
    }
    let err = t.synthesize(Format::Yaml).unwrap_err();
    assert_eq!(
        err.errors,
        vec![
            Error::LimitExceeded {
                what: "resources",
                limit: 500,
                actual: 501
            },
            Error::LimitExceeded {
                what: "outputs",
                limit: 200,
                actual: 201
            },
        ]
    );
}

#[test]
fn a_template_needs_a_resource() {
    let mut t = Template::new("empty");
    t.add_output(Output::new("Region", pseudo::region()))
        .unwrap();
    let err = t.synthesize(Format::Yaml).unwrap_err();
    assert_eq!(err.errors, vec![Error::NoResources]);
    assert_eq!(
        err.errors[0].to_string(),
        "template has no resources; CloudFormation needs at least one"
    );
}

#[test]
fn body_size_limits() {
    let queue = || Resource::new("Queue", sqs::Queue::default());
    let mut t = Template::new("large");
    t.add(queue()).unwrap();
    t.add_metadata("Padding", "x".repeat(60_000));
    let synthesized = t.synthesize(Format::Yaml).unwrap();
    assert_eq!(synthesized.warnings.len(), 1);
    assert!(
        synthesized.warnings[0].contains("--s3-bucket"),
        "{:?}",
        synthesized.warnings
    );

    let mut t = Template::new("huge");
    t.add(queue()).unwrap();
    t.add_metadata("Padding", "x".repeat(1_000_001));
    let err = t.synthesize(Format::Json).unwrap_err();
    assert!(matches!(
        err.errors[0],
        Error::LimitExceeded {
            what: "bytes in its body",
            ..
        }
    ));
}

#[test]
fn typed_model_is_readable_back() {
    let template = showcase();
    let (id, type_name) = template.resource_types().nth(2).unwrap();
    assert_eq!(
        (id.as_str(), type_name),
        ("DeadLetterQueue", "AWS::SQS::Queue")
    );
}

#[test]
fn enum_values_parse_from_their_cloudformation_spelling() {
    use constructs::aws::ec2::launch_template::InstanceType;
    let parsed: InstanceType = "t3.medium".parse().unwrap();
    assert_eq!(parsed, InstanceType::T3Medium);
    assert_eq!(parsed.as_str(), "t3.medium");
    assert_eq!(
        "t3.mediun".parse::<InstanceType>().unwrap_err(),
        "\"t3.mediun\" is not a value InstanceType takes"
    );
}

#[test]
fn a_no_echo_parameter_with_a_default_is_refused() {
    let mut t = Template::new("secrets");
    let secret = Parameter::string("ApiKey").no_echo().default("hunter2");
    match t.add_parameter(secret) {
        Err(Error::InvalidParameter { id, reason }) => {
            assert_eq!(id, "ApiKey");
            assert!(reason.contains("NoEcho"), "{reason}");
        }
        other => panic!("expected InvalidParameter, got {other:?}"),
    }
    // Either alone is fine.
    t.add_parameter(Parameter::string("Token").no_echo())
        .unwrap();
    t.add_parameter(Parameter::string("Stage").default("prod"))
        .unwrap();
}

#[test]
fn custom_resources_keep_their_legacy_version_and_no_other_resource_has_one() {
    use constructs::untyped::Untyped;
    let mut t = Template::new("custom");
    t.add_untyped(
        Resource::new(
            "Seed",
            Untyped::new("Custom::Seed").property("ServiceToken", "arn:aws:lambda:::function:seed"),
        )
        .custom_resource_version("1.0"),
    )
    .unwrap();
    let yaml = t.synthesize(Format::Yaml).unwrap().body;
    assert!(
        yaml.contains("      ServiceToken: arn:aws:lambda:::function:seed\n    Version: '1.0'\n"),
        "{yaml}"
    );
    // A registry extension is untyped too, but it is no custom resource.
    let mut t = Template::new("extension");
    t.add_untyped(
        Resource::new("Thing", Untyped::new("Acme::Widget::Thing")).custom_resource_version("1.0"),
    )
    .unwrap();
    assert_eq!(
        t.synthesize(Format::Yaml).unwrap_err().to_string(),
        "Resources.Thing.Version: only custom resources (Custom::*, \
         AWS::CloudFormation::CustomResource) carry it"
    );
}
