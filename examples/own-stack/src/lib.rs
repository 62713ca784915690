//! A stack written outside the synth workspace: a queue worker.
//!
//! Messages arrive on `WorkQueue`; a Lambda function in the team's VPC
//! takes them in batches and writes each one to `ItemsTable` (DynamoDB).
//! A message that fails `maxReceiveCount` times moves to
//! `WorkDeadLetterQueue`, and `DeadLettersAlarm` fires as soon as one is
//! there. Everything holding data is encrypted and kept when the stack is
//! deleted (unless `allowDeleteResources`), every queue refuses plain
//! HTTP, and the function's role may do exactly what it needs.
//!
//! What it takes from the synth libraries: the generated resource types
//! (`constructs`), the secure pieces every stack shares (`patterns`: a
//! scope's tags and deletion policies, a log group, a one-policy role,
//! least-privilege statements, TLS-only queue policies), and what makes it
//! a stack (`framework`: its config's schema and rules, its examples).
//! `main.rs` hands it to `synth::run`, which gives it `worker`,
//! `schema worker`, `diff`, `diagram` and `examples`.

use constructs::aws::cloudwatch::{self, alarm};
use constructs::aws::dynamodb::{self, table};
use constructs::aws::ec2::{self, security_group::Egress};
use constructs::aws::lambda::{self, event_source_mapping, function};
use constructs::aws::sqs;
use constructs::iam::{PolicyDocument, Statement};
use constructs::{fns, map, AwsType, Json, Output, Parameter, Resource, Tags, Template};
use framework::config::{self, problem, Validate, Validated};
use framework::examples::{parameters, prerequisite_output, Example};
use framework::stack::{Built, EmitRequest, InstanceArg, NoDocuments, Stack};
use framework::StackError;
use patterns::access::{attach_to_vpc, lambda_trust, write_logs};
use patterns::logs::add_log_group;
use patterns::role::{one_policy_role, RoleSpec};
use patterns::tls::deny_insecure_transport;
use patterns::{QueueGrants, Removal, Scope};
use schemars::JsonSchema;
use serde::Deserialize;

/// What the operator chooses; every field has a default, so the file may
/// be left out.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct WorkerConfig {
    /// Seconds the function may spend on one batch (Lambda allows 900).
    #[schemars(range(min = 1, max = 900))]
    pub timeout_seconds: u32,
    /// The function's memory in MB, which also sets its share of CPU.
    #[schemars(range(min = 128, max = 10240))]
    pub memory_mb: u32,
    /// Messages handed to one invocation (at most 10 without a batching
    /// window).
    #[schemars(range(min = 1, max = 10))]
    pub batch_size: u32,
    /// Receives before a message moves to the dead-letter queue.
    #[schemars(range(min = 1, max = 1000))]
    pub max_receive_count: u32,
    /// Seconds a received message stays hidden from other receivers; at
    /// least six times `timeoutSeconds`, as Lambda's documentation asks of
    /// a queue it consumes, so a retried batch is not handed out twice.
    #[schemars(range(min = 0, max = 43200))]
    pub visibility_timeout_seconds: u32,
    /// Days CloudWatch Logs keeps the function's logs (one of the values
    /// CloudWatch accepts).
    pub log_retention_days: u32,
    /// The SNS topic the dead-letter alarm notifies; without one the alarm
    /// shows in the console only.
    #[schemars(regex(
        pattern = r"^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}$"
    ))]
    pub alarm_topic_arn: Option<String>,
    /// Delete the table and the queues with the stack (a test stack).
    /// Without it they are kept when the stack is deleted or replaces
    /// them, and the table refuses deletion.
    pub allow_delete_resources: bool,
}

impl Default for WorkerConfig {
    fn default() -> Self {
        WorkerConfig {
            timeout_seconds: 30,
            memory_mb: 256,
            batch_size: 10,
            max_receive_count: 5,
            visibility_timeout_seconds: 180,
            log_retention_days: 90,
            alarm_topic_arn: None,
            allow_delete_resources: false,
        }
    }
}

/// The retention periods CloudWatch Logs accepts.
const LOG_RETENTION_DAYS: &[u32] = &[
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
    3288, 3653,
];

impl Validate for WorkerConfig {
    type Facts = ();

    fn check(&self) -> Result<(), Vec<framework::config::Problem>> {
        let mut problems = Vec::new();
        if self.visibility_timeout_seconds < 6 * self.timeout_seconds {
            problems.push(problem(
                "/visibilityTimeoutSeconds",
                self.visibility_timeout_seconds,
                format!(
                    "is under six times timeoutSeconds ({}): Lambda may hand a batch still \
                     being worked on to a second invocation",
                    6 * self.timeout_seconds
                ),
            ));
        }
        if !LOG_RETENTION_DAYS.contains(&self.log_retention_days) {
            problems.push(problem(
                "/logRetentionDays",
                self.log_retention_days,
                format!(
                    "is not a period CloudWatch Logs keeps logs for: one of {LOG_RETENTION_DAYS:?}"
                ),
            ));
        }
        config::none_of(problems)
    }
}

/// The function: each message becomes an item keyed by its message ID, so
/// a redelivered message overwrites rather than duplicates. A failed item
/// is reported alone and retried alone (`ReportBatchItemFailures`).
const HANDLER: &str = r#"import os

import boto3

TABLE = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])


def handler(event, context):
    failures = []
    for record in event["Records"]:
        try:
            TABLE.put_item(Item={"id": record["messageId"], "body": record["body"]})
        except Exception:
            failures.append({"itemIdentifier": record["messageId"]})
    return {"batchItemFailures": failures}
"#;

/// How long the dead-letter queue keeps a message: SQS's maximum, 14 days.
const DEAD_LETTER_RETENTION_SECONDS: i64 = 14 * 24 * 60 * 60;

/// The worker's template for a checked config.
pub fn build(config: &Validated<WorkerConfig>) -> Result<Template, StackError> {
    let scope = Scope::new(
        Tags::new().with("app", "worker"),
        Removal::allowing_delete(config.allow_delete_resources),
        config.log_retention_days,
    );
    let mut template = Template::new(
        "A queue worker: a Lambda function that writes each message to a DynamoDB table",
    );
    let vpc = template.add_parameter(
        Parameter::aws("VpcId", AwsType::VpcId).description("The VPC the function runs in"),
    )?;
    // One parameter per subnet, not a list: Control Tower's CT.LAMBDA.PR.3
    // reads the function's subnets as a list it can see.
    let subnets = ["SubnetAId", "SubnetBId"]
        .into_iter()
        .map(|id| {
            template.add_parameter(Parameter::aws(id, AwsType::SubnetId).description(
                "A private subnet of the function, with a way to SQS and DynamoDB (a NAT \
                 gateway or VPC endpoints)",
            ))
        })
        .collect::<Result<Vec<_>, _>>()?;

    let items = template.add(
        scope.stateful(Resource::new(
            "ItemsTable",
            dynamodb::Table::new(table::TableKeySchema::from(vec![table::KeySchema::new(
                table::KeySchemaRequired {
                    attribute_name: "id".into(),
                    key_type: "HASH".into(),
                },
            )]))
            .attribute_definitions(vec![table::AttributeDefinition::new(
                table::AttributeDefinitionRequired {
                    attribute_name: "id".into(),
                    attribute_type: table::AttributeType::S.into(),
                },
            )])
            .billing_mode("PAY_PER_REQUEST")
            .point_in_time_recovery_specification(
                table::PointInTimeRecoverySpecification::default()
                    .point_in_time_recovery_enabled(true),
            )
            .sse_specification(table::SseSpecification::new(true))
            .deletion_protection_enabled(!config.allow_delete_resources)
            .tags(scope.tags()),
        )),
    )?;

    let dead_letters = template.add(
        scope.stateful(Resource::new(
            "WorkDeadLetterQueue",
            sqs::Queue::default()
                .sqs_managed_sse_enabled(true)
                .message_retention_period(DEAD_LETTER_RETENTION_SECONDS)
                .tags(scope.tags()),
        )),
    )?;
    let queue = template.add(
        scope.stateful(Resource::new(
            "WorkQueue",
            sqs::Queue::default()
                .sqs_managed_sse_enabled(true)
                .visibility_timeout(i64::from(config.visibility_timeout_seconds))
                .redrive_policy(Json::object([
                    ("deadLetterTargetArn", Json::from(dead_letters.arn())),
                    (
                        "maxReceiveCount",
                        Json::from(i64::from(config.max_receive_count)),
                    ),
                ]))
                .tags(scope.tags()),
        )),
    )?;
    template.add(Resource::new(
        "TlsOnlyQueuePolicy",
        sqs::QueuePolicy::new(sqs::QueuePolicyRequired {
            policy_document: PolicyDocument::new([deny_insecure_transport(
                "sqs:*",
                [queue.arn(), dead_letters.arn()],
            )])
            .into(),
            queues: vec![queue.reference(), dead_letters.reference()].into(),
        }),
    ))?;

    let log_group = add_log_group(
        &mut template,
        &scope,
        "WorkerLogGroup",
        fns::sub("/worker/${AWS::StackName}"),
    )?;
    let security_group = template.add(Resource::new(
        "WorkerSecurityGroup",
        ec2::SecurityGroup {
            tags: scope.tag_list(),
            ..ec2::SecurityGroup::new(
                "The worker function: HTTPS out to SQS and DynamoDB, nothing in",
            )
            .vpc_id(vpc.reference())
            .security_group_egress(vec![Egress::new("tcp")
                .cidr_ip("0.0.0.0/0")
                .from_port(443)
                .to_port(443)
                .description("HTTPS to SQS and DynamoDB")])
        },
    ))?;
    let role = template.add(Resource::new(
        "WorkerRole",
        one_policy_role(
            &scope,
            RoleSpec {
                trust: lambda_trust(),
                description: "Lets the worker function consume its queue and write its table"
                    .to_string(),
                policy_name: "consume-queue-write-table",
                statements: vec![
                    queue.grant_consume_by_lambda().sid("ConsumeQueue"),
                    Statement::allow()
                        .sid("WriteItems")
                        .actions(["dynamodb:PutItem"])
                        .resource(items.arn()),
                    write_logs([log_group.arn()]),
                    attach_to_vpc(),
                ],
            },
        ),
    ))?;
    let function = template.add(Resource::new(
        "WorkerFunction",
        lambda::Function {
            tags: scope.tag_list(),
            ..lambda::Function::new(lambda::FunctionRequired {
                code: function::Code::default().zip_file(HANDLER).into(),
                role: role.arn().into(),
            })
            .description("Writes each message of WorkQueue to ItemsTable")
            .runtime(function::Runtime::Python3_13)
            .handler("index.handler")
            .timeout(i64::from(config.timeout_seconds))
            .memory_size(i64::from(config.memory_mb))
            .environment(
                function::Environment::default()
                    .variables(map([("TABLE_NAME", items.reference())])),
            )
            .logging_config(function::LoggingConfig::default().log_group(log_group.reference()))
            .vpc_config(
                function::VpcConfig::default()
                    .subnet_ids(subnets.iter().map(|s| s.reference()).collect::<Vec<_>>())
                    .security_group_ids(vec![security_group.group_id()]),
            )
        },
    ))?;
    template.add(Resource::new(
        "WorkQueueToFunction",
        lambda::EventSourceMapping::new(function.reference())
            .event_source_arn(queue.arn())
            .batch_size(i64::from(config.batch_size))
            .function_response_types(vec![
                event_source_mapping::FunctionResponseType::ReportBatchItemFailures,
            ]),
    ))?;
    template.add(Resource::new(
        "DeadLettersAlarm",
        cloudwatch::Alarm::default()
            .alarm_description(
                "A message failed maxReceiveCount times: read it from WorkDeadLetterQueue, fix \
                 the cause, then redrive it to WorkQueue",
            )
            .namespace("AWS/SQS")
            .metric_name("ApproximateNumberOfMessagesVisible")
            .dimensions(vec![alarm::Dimension::new(alarm::DimensionRequired {
                name: "QueueName".into(),
                value: dead_letters.queue_name().into(),
            })])
            .statistic(alarm::Statistic::Maximum)
            .period(300)
            .evaluation_periods(1)
            .threshold(1.0)
            .comparison_operator(alarm::ComparisonOperator::GreaterThanOrEqualToThreshold)
            .treat_missing_data(alarm::TreatMissingData::NotBreaching)
            .set_alarm_actions(
                config
                    .alarm_topic_arn
                    .clone()
                    .map(|topic| vec![topic].into()),
            ),
    ))?;

    template.add_output(
        Output::new("QueueUrl", queue.reference()).description("Where producers send work"),
    )?;
    template.add_output(
        Output::new("DeadLetterQueueUrl", dead_letters.reference())
            .description("What the worker gave up on"),
    )?;
    template.add_output(
        Output::new("TableName", items.reference()).description("What the worker wrote"),
    )?;
    Ok(template)
}

/// `worker`: one queue worker per stack; the stack name is the deployer's
/// choice, so nothing in the template is named after it but the log group.
pub struct WorkerStack;

impl Stack for WorkerStack {
    type Config = WorkerConfig;
    type Instance = ();

    const VERB: &'static str = "worker";
    const ABOUT: &'static str =
        "A queue worker: SQS with a dead-letter queue and its alarm, a Lambda function, a DynamoDB table.";
    const CONFIG_HELP: &'static str =
        "YAML or JSON config (see `schema worker` and worker.yaml); every setting has a default.";
    const INSTANCE: InstanceArg = InstanceArg::None;
    type Documents = NoDocuments;

    fn default_config() -> Option<WorkerConfig> {
        Some(WorkerConfig::default())
    }

    fn instance(_: Option<&str>) -> Result<(), StackError> {
        Ok(())
    }

    fn stack_name(_: &(), _: &WorkerConfig) -> String {
        "worker".to_string()
    }

    fn build(_: &(), config: &Validated<WorkerConfig>) -> Result<Built, StackError> {
        build(config).map(Built::new)
    }

    /// Created with the defaults in a VPC of its own (the prerequisites),
    /// then updated to larger functions and smaller batches.
    fn emit(document: NoDocuments, _: EmitRequest<'_, Self>) -> Result<String, StackError> {
        match document {}
    }

    fn examples() -> Result<Vec<Example>, StackError> {
        let source = "the worker example";
        let create = WorkerConfig {
            allow_delete_resources: true,
            ..WorkerConfig::default()
        };
        let update = WorkerConfig {
            memory_mb: 512,
            batch_size: 5,
            ..create.clone()
        };
        let network = parameters([
            ("VpcId", prerequisite_output("VpcId")),
            ("SubnetAId", prerequisite_output("SubnetAId")),
            ("SubnetBId", prerequisite_output("SubnetBId")),
        ]);
        Ok(vec![Example {
            name: "worker".to_string(),
            stack_name: "worker".to_string(),
            template: build(&config::validate(create, source)?)?,
            update_template: Some(build(&config::validate(update, source)?)?),
            prerequisites: Some(network_template()?),
            create_parameters: network.clone(),
            update_parameters: network,
        }])
    }
}

/// A VPC with two subnets in two zones: what the worker's parameters
/// name, for the deploy test.
fn network_template() -> Result<Template, StackError> {
    let mut template = Template::new("A VPC with two subnets for the worker example");
    let vpc = template.add(Resource::new(
        "Vpc",
        ec2::Vpc::default().cidr_block("10.0.0.0/16"),
    ))?;
    template.add_output(Output::new("VpcId", vpc.reference()))?;
    for (zone, (id, cidr)) in [("SubnetA", "10.0.0.0/24"), ("SubnetB", "10.0.1.0/24")]
        .into_iter()
        .enumerate()
    {
        let subnet = template.add(Resource::new(
            id,
            ec2::Subnet::new(vpc.reference())
                .cidr_block(cidr)
                .availability_zone(fns::select(zone as u32, fns::get_azs(""))),
        ))?;
        template.add_output(Output::new(&format!("{id}Id"), subnet.reference()))?;
    }
    Ok(template)
}
