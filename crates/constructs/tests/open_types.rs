//! A stack built from services none of the five systems use (DynamoDB,
//! Step Functions, with Lambda and SQS): what a team outside this project
//! writes once it enables the features it needs. Its snapshot is linted by
//! `cargo xtask lint` and checked by `cargo xtask guard` like every other.

use constructs::aws::dynamodb::{self, table};
use constructs::aws::stepfunctions::{self, state_machine};
use constructs::aws::{iam, lambda, logs, sqs};
use constructs::iam::{PolicyDocument, Principal, Statement};
use constructs::{fns, AwsType, Format, Output, Parameter, Resource, Tags, Template};

fn order_pipeline() -> Template {
    let tags = Tags::new().with("app", "orders");
    let mut template = Template::new("Orders: a table, a queue, a function and a workflow");
    // One parameter per subnet: Control Tower's CT.LAMBDA.PR.3 wants the
    // function's subnets as a list it can read, not one list parameter.
    let subnets: Vec<_> = ["PrivateSubnetAId", "PrivateSubnetBId"]
        .into_iter()
        .map(|id| {
            template
                .add_parameter(
                    Parameter::aws(id, AwsType::SubnetId)
                        .description("A private subnet the function runs in"),
                )
                .unwrap()
        })
        .collect();
    let security_group = template
        .add_parameter(
            Parameter::aws("FunctionSecurityGroupId", AwsType::SecurityGroupId)
                .description("The function's security group"),
        )
        .unwrap();

    let orders = template
        .add(
            Resource::new(
                "OrdersTable",
                dynamodb::Table::new(table::TableKeySchema::from(vec![table::KeySchema::new(
                    table::KeySchemaRequired {
                        attribute_name: "orderId".into(),
                        key_type: "HASH".into(),
                    },
                )]))
                .attribute_definitions(vec![table::AttributeDefinition::new(
                    table::AttributeDefinitionRequired {
                        attribute_name: "orderId".into(),
                        attribute_type: table::AttributeType::S.into(),
                    },
                )])
                .billing_mode("PAY_PER_REQUEST")
                .point_in_time_recovery_specification(
                    table::PointInTimeRecoverySpecification::default()
                        .point_in_time_recovery_enabled(true),
                )
                .sse_specification(table::SseSpecification::new(true))
                .deletion_protection_enabled(true)
                .tags(&tags),
            )
            .retain(),
        )
        .unwrap();

    let dead_letters = template
        .add(
            Resource::new(
                "OrdersDeadLetterQueue",
                sqs::Queue::default()
                    .sqs_managed_sse_enabled(true)
                    .message_retention_period(1_209_600)
                    .tags(&tags),
            )
            .retain(),
        )
        .unwrap();
    let queue = template
        .add(
            Resource::new(
                "OrdersQueue",
                sqs::Queue::default()
                    .sqs_managed_sse_enabled(true)
                    .visibility_timeout(60)
                    .redrive_policy(constructs::Json::object([
                        ("deadLetterTargetArn", dead_letters.arn().into()),
                        ("maxReceiveCount", 5.into()),
                    ]))
                    .tags(&tags),
            )
            .retain(),
        )
        .unwrap();

    let function_role = template
        .add(Resource::new(
            "RecordOrderRole",
            iam::Role::new(PolicyDocument::new([Statement::allow()
                .principal(Principal::service("lambda.amazonaws.com"))
                .actions(["sts:AssumeRole"])]))
            .managed_policy_arns(vec![fns::sub(
                "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole",
            )])
            .policies(vec![iam::role::Policy::new(iam::role::PolicyRequired {
                policy_name: "record-orders".into(),
                policy_document: PolicyDocument::new([Statement::allow()
                    .actions(["dynamodb:PutItem"])
                    .resource(orders.arn())])
                .into(),
            })])
            .tags(&tags),
        ))
        .unwrap();
    let function = template
        .add(Resource::new(
            "RecordOrderFunction",
            lambda::Function::new(lambda::FunctionRequired {
                code: lambda::function::Code::default()
                    .zip_file(
                        "import os, boto3\n\
                         table = boto3.resource('dynamodb').Table(os.environ['TABLE'])\n\
                         def handler(event, context):\n    table.put_item(Item=event)\n    return event\n",
                    )
                    .into(),
                role: function_role.arn().into(),
            })
            .runtime(lambda::function::Runtime::Python3_12)
            .handler("index.handler")
            .timeout(30)
            .reserved_concurrent_executions(10)
            .environment(
                lambda::function::Environment::default()
                    .variables(constructs::map([("TABLE", orders.reference())])),
            )
            .vpc_config(
                lambda::function::VpcConfig::default()
                    .subnet_ids(subnets.iter().map(|s| s.reference()).collect::<Vec<_>>())
                    .security_group_ids(vec![security_group.reference()]),
            )
            .tags(&tags),
        ))
        .unwrap();

    let workflow_logs = template
        .add(
            Resource::new(
                "OrderWorkflowLogGroup",
                logs::LogGroup::default().retention_in_days(90).tags(&tags),
            )
            .retain(),
        )
        .unwrap();
    let workflow_role = template
        .add(Resource::new(
            "OrderWorkflowRole",
            iam::Role::new(PolicyDocument::new([Statement::allow()
                .principal(Principal::service("states.amazonaws.com"))
                .actions(["sts:AssumeRole"])]))
            .policies(vec![iam::role::Policy::new(iam::role::PolicyRequired {
                policy_name: "run-orders".into(),
                policy_document: PolicyDocument::new([
                    Statement::allow()
                        .actions(["lambda:InvokeFunction"])
                        .resource(function.arn()),
                    Statement::allow()
                        .actions(["sqs:SendMessage"])
                        .resource(queue.arn()),
                    // Vended log delivery and X-Ray tracing are configured
                    // per account: these actions take no resource ARN.
                    Statement::allow()
                        .actions([
                            "logs:CreateLogDelivery",
                            "logs:DeleteLogDelivery",
                            "logs:DescribeLogGroups",
                            "logs:DescribeResourcePolicies",
                            "logs:GetLogDelivery",
                            "logs:ListLogDeliveries",
                            "logs:PutResourcePolicy",
                            "logs:UpdateLogDelivery",
                            "xray:GetSamplingRules",
                            "xray:GetSamplingTargets",
                            "xray:PutTelemetryRecords",
                            "xray:PutTraceSegments",
                        ])
                        .resource("*"),
                ])
                .into(),
            })])
            .tags(&tags),
        ))
        .unwrap();
    let definition = serde_json::json!({
        "StartAt": "Record",
        "States": {
            "Record": {"Type": "Task", "Resource": "${FunctionArn}", "Next": "Notify"},
            "Notify": {
                "Type": "Task",
                "Resource": "arn:${AWS::Partition}:states:::sqs:sendMessage",
                "Parameters": {"QueueUrl": "${QueueUrl}", "MessageBody.$": "$"},
                "End": true
            }
        }
    });
    let workflow = template
        .add(Resource::new(
            "OrderWorkflow",
            stepfunctions::StateMachine::new(workflow_role.arn())
                .definition_string(fns::sub_with(
                    definition.to_string(),
                    [
                        ("FunctionArn", function.arn().into()),
                        ("QueueUrl", queue.queue_url().into()),
                    ],
                ))
                .logging_configuration(
                    state_machine::LoggingConfiguration::default()
                        .level(state_machine::Level::All)
                        .include_execution_data(false)
                        .destinations(vec![state_machine::LogDestination::default()
                            .cloud_watch_logs_log_group(
                                state_machine::CloudWatchLogsLogGroup::default()
                                    .log_group_arn(workflow_logs.arn()),
                            )]),
                )
                .tracing_configuration(state_machine::TracingConfiguration::default().enabled(true))
                .tags(&tags),
        ))
        .unwrap();
    template
        .add_output(Output::new("OrderWorkflowArn", workflow.reference()))
        .unwrap();
    template
}

#[test]
fn a_stack_of_services_the_systems_do_not_use_synthesizes() {
    let body = order_pipeline().synthesize(Format::Yaml).unwrap().body;
    insta::with_settings!({ snapshot_path => "../../../snapshots", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!("constructs-open-types", body);
    });
}
