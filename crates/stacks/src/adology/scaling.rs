//! How many tasks run (Application Auto Scaling owns every service's
//! count) and the alarms that say so.
//!
//! - Workers scale on the queue: two alarms, visible messages above
//!   `queue.scaleOutDepth` and the oldest message older than
//!   `queue.scaleOutAgeSeconds`, each adding two workers; a third, no
//!   message waiting or in progress for 15 minutes, removes one (so a
//!   scale-in never stops a worker mid-task). ECS managed scaling adds
//!   instances when tasks do not fit, and drains them when they empty.
//! - The API and the WebSocket services track 60 % average CPU.
//! - `DeadLetterAlarm` fires when a message lands in the dead-letter queue:
//!   a task failed `maxReceiveCount` times and needs a look.
//!
//! The dead-letter alarm notifies operators through an SNS topic: the
//! config's `alarms.topicArn`, or `AlarmTopic` made here, with an optional
//! e-mail subscription (`alarms.email`). The scaling alarms act on the
//! scaling policies; the dashboard shows every alarm's state.

use constructs::aws::applicationautoscaling::{scalable_target, scaling_policy};
use constructs::aws::cloudwatch::alarm::DimensionRequired;
use constructs::aws::cloudwatch::alarm::{
    ComparisonOperator, Dimension, Statistic, TreatMissingData,
};
use constructs::aws::{applicationautoscaling as autoscaling, cloudwatch, ecs, sns, sqs};
use constructs::{fns, ConditionHandle, Handle, Resource, Template, Value};

use super::config::AdologyConfig;
use super::names::Names;
use super::queue::Queues;
use super::sizes::{self, Kind};
use framework::error::StackError;
use patterns::Scope;

/// The API's and WebSocket service's average CPU target.
const CPU_TARGET_PERCENT: f64 = 60.0;
/// Seconds between scaling steps.
const SCALE_OUT_COOLDOWN: i64 = 120;
const SCALE_IN_COOLDOWN: i64 = 300;
/// Workers added per scale-out step, removed per scale-in step.
const SCALE_OUT_STEP: i64 = 2;
const SCALE_IN_STEP: i64 = -1;
/// One-minute periods a queue alarm looks at: out fast, in slowly.
const SCALE_OUT_PERIODS: i64 = 2;
const SCALE_IN_PERIODS: i64 = 15;
const PERIOD_SECONDS: i64 = 60;

/// The services to scale.
pub struct Scaled<'a> {
    pub cluster: &'a Handle<ecs::Cluster>,
    pub api: &'a Handle<ecs::Service>,
    pub worker: &'a Handle<ecs::Service>,
    pub web_socket: &'a Handle<ecs::Service>,
}

/// Adds the scaling and the alarms; returns the dead-letter alarm, which
/// the dashboard shows.
pub fn add(
    template: &mut Template,
    names: &Names,
    scope: &Scope,
    config: &AdologyConfig,
    scaled: &Scaled,
    queues: &Queues,
    has_image: &ConditionHandle,
) -> Result<Handle<cloudwatch::Alarm>, StackError> {
    let target = |template: &mut Template, kind: Kind, service: &Handle<ecs::Service>| {
        let size = sizes::of(config, kind);
        template.add(
            Resource::new(
                &format!("{}ScalableTarget", kind.logical_prefix()),
                autoscaling::ScalableTarget::new(autoscaling::ScalableTargetRequired {
                    max_capacity: i64::from(size.max_count).into(),
                    min_capacity: i64::from(size.min_count).into(),
                    resource_id: fns::sub(format!(
                        "service/${{{}}}/${{{}.Name}}",
                        scaled.cluster.logical_id(),
                        service.logical_id()
                    ))
                    .into(),
                    scalable_dimension: scalable_target::ScalableDimension::EcsServiceDesiredCount
                        .into(),
                    service_namespace: scalable_target::ServiceNamespace::Ecs.into(),
                }),
            )
            .condition(has_image),
        )
    };
    for (kind, service) in [
        (Kind::Api, scaled.api),
        (Kind::WebSocket, scaled.web_socket),
    ] {
        let target = target(template, kind, service)?;
        template.add(
            Resource::new(
                &format!("{}CpuScaling", kind.logical_prefix()),
                autoscaling::ScalingPolicy::new(autoscaling::ScalingPolicyRequired {
                    policy_name: names.of(&format!("{}-cpu", kind.service_name())).into(),
                    policy_type: scaling_policy::PolicyType::TargetTrackingScaling.into(),
                })
                .scaling_target_id(target.reference())
                .target_tracking_scaling_policy_configuration(
                    scaling_policy::TargetTrackingScalingPolicyConfiguration::new(
                        CPU_TARGET_PERCENT,
                    )
                    .predefined_metric_specification(
                        scaling_policy::PredefinedMetricSpecification::new(
                            scaling_policy::PredefinedMetricType::ECSServiceAverageCPUUtilization,
                        ),
                    )
                    .scale_in_cooldown(SCALE_IN_COOLDOWN)
                    .scale_out_cooldown(SCALE_OUT_COOLDOWN),
                ),
            )
            .condition(has_image),
        )?;
    }
    let worker_target = target(template, Kind::Worker, scaled.worker)?;
    let step = |id: &str, name: &str, adjustment: scaling_policy::StepAdjustment, cooldown: i64| {
        Resource::new(
            id,
            autoscaling::ScalingPolicy::new(autoscaling::ScalingPolicyRequired {
                policy_name: names.of(name).into(),
                policy_type: scaling_policy::PolicyType::StepScaling.into(),
            })
            .scaling_target_id(worker_target.reference())
            .step_scaling_policy_configuration(
                scaling_policy::StepScalingPolicyConfiguration::default()
                    .adjustment_type(scaling_policy::AdjustmentType::ChangeInCapacity)
                    .cooldown(cooldown)
                    .metric_aggregation_type(scaling_policy::MetricAggregationType::Maximum)
                    .step_adjustments(vec![adjustment]),
            ),
        )
        .condition(has_image)
    };
    let scale_out = template.add(step(
        "WorkerScaleOutPolicy",
        "worker-scale-out",
        scaling_policy::StepAdjustment::new(SCALE_OUT_STEP).metric_interval_lower_bound(0.0),
        SCALE_OUT_COOLDOWN,
    ))?;
    let scale_in = template.add(step(
        "WorkerScaleInPolicy",
        "worker-scale-in",
        scaling_policy::StepAdjustment::new(SCALE_IN_STEP).metric_interval_upper_bound(0.0),
        SCALE_IN_COOLDOWN,
    ))?;
    let queue = &config.queue;
    let alarm = |queue_handle: &Handle<sqs::Queue>, spec: AlarmSpec| cloudwatch::Alarm {
        alarm_actions: spec.action.map(|policy| vec![policy.reference()].into()),
        ..cloudwatch::Alarm::default()
            .alarm_name(names.of(spec.name))
            .alarm_description(spec.description)
            .namespace("AWS/SQS")
            .metric_name(spec.metric)
            .dimensions(vec![Dimension::new(DimensionRequired {
                name: "QueueName".into(),
                value: queue_handle.queue_name().into(),
            })])
            .statistic(Statistic::Maximum)
            .period(PERIOD_SECONDS)
            .evaluation_periods(spec.periods)
            .threshold(spec.threshold)
            .comparison_operator(spec.comparison)
            .treat_missing_data(TreatMissingData::NotBreaching)
    };
    template.add(
        Resource::new(
            "QueueDepthAlarm",
            alarm(
                &queues.tasks,
                AlarmSpec {
                    name: "queue-depth-high",
                    description: format!(
                        "More than {} tasks wait: add workers",
                        queue.scale_out_depth
                    ),
                    metric: "ApproximateNumberOfMessagesVisible",
                    periods: SCALE_OUT_PERIODS,
                    threshold: f64::from(queue.scale_out_depth),
                    comparison: ComparisonOperator::GreaterThanThreshold,
                    action: Some(&scale_out),
                },
            ),
        )
        .condition(has_image),
    )?;
    template.add(
        Resource::new(
            "QueueAgeAlarm",
            alarm(
                &queues.tasks,
                AlarmSpec {
                    name: "queue-age-high",
                    description: format!(
                        "A task has waited more than {} s: add workers",
                        queue.scale_out_age_seconds
                    ),
                    metric: "ApproximateAgeOfOldestMessage",
                    periods: SCALE_OUT_PERIODS,
                    threshold: f64::from(queue.scale_out_age_seconds),
                    comparison: ComparisonOperator::GreaterThanThreshold,
                    action: Some(&scale_out),
                },
            ),
        )
        .condition(has_image),
    )?;
    // Idle: nothing waits and nothing is being worked on, so removing a
    // worker stops no task mid-job. An idle queue stops reporting metrics
    // after six hours, which is idle too (missing data breaches).
    let queue_metric = |id: &str, metric: &str| {
        cloudwatch::alarm::MetricDataQuery::new(id)
            .metric_stat(cloudwatch::alarm::MetricStat::new(
                cloudwatch::alarm::MetricStatRequired {
                    metric: cloudwatch::alarm::Metric::default()
                        .namespace("AWS/SQS")
                        .metric_name(metric)
                        .dimensions(vec![Dimension::new(DimensionRequired {
                            name: "QueueName".into(),
                            value: queues.tasks.queue_name().into(),
                        })])
                        .into(),
                    period: PERIOD_SECONDS.into(),
                    stat: "Maximum".into(),
                },
            ))
            .return_data(false)
    };
    template.add(
        Resource::new(
            "QueueIdleAlarm",
            cloudwatch::Alarm::default()
                .alarm_name(names.of("queue-idle"))
                .alarm_description(format!(
                    "No task waiting or in progress for {SCALE_IN_PERIODS} minutes: remove \
                         a worker"
                ))
                .metrics(vec![
                    queue_metric("visible", "ApproximateNumberOfMessagesVisible"),
                    queue_metric("inProgress", "ApproximateNumberOfMessagesNotVisible"),
                    cloudwatch::alarm::MetricDataQuery::new("tasks")
                        .expression("visible + inProgress")
                        .label("Tasks waiting or in progress")
                        .return_data(true),
                ])
                .evaluation_periods(SCALE_IN_PERIODS)
                .threshold(1.0)
                .comparison_operator(ComparisonOperator::LessThanThreshold)
                .treat_missing_data(TreatMissingData::Breaching)
                .alarm_actions(vec![scale_in.reference()]),
        )
        .condition(has_image),
    )?;
    let notify = notification_topic(template, names, scope, config)?;
    Ok(template.add(Resource::new(
        "DeadLetterAlarm",
        cloudwatch::Alarm {
            alarm_actions: Some(vec![notify].into()),
            ..alarm(
                &queues.dead_letters,
                AlarmSpec {
                    name: "dead-letters",
                    description: "A task failed every try and is in the dead-letter queue"
                        .to_string(),
                    metric: "ApproximateNumberOfMessagesVisible",
                    periods: 1,
                    threshold: 0.0,
                    comparison: ComparisonOperator::GreaterThanThreshold,
                    action: None,
                },
            )
        },
    ))?)
}

/// The topic the dead-letter alarm notifies: the config's, or a new one.
/// Left unencrypted on purpose: CloudWatch cannot publish to a topic
/// under the AWS-managed SNS key, and an alarm message carries no data.
fn notification_topic(
    template: &mut Template,
    names: &Names,
    scope: &Scope,
    config: &AdologyConfig,
) -> Result<Value<String>, StackError> {
    let topic: Value<String> = match &config.alarms.topic_arn {
        Some(arn) => arn.clone().into(),
        None => template
            .add(Resource::new(
                "AlarmTopic",
                sns::Topic {
                    tags: scope.tag_list(),
                    ..sns::Topic::default().display_name(format!("{} alarms", names.system()))
                },
            ))?
            .reference()
            .into(),
    };
    if let Some(email) = &config.alarms.email {
        template.add(Resource::new(
            "AlarmEmailSubscription",
            sns::Subscription::new(sns::SubscriptionRequired {
                protocol: "email".into(),
                topic_arn: topic.clone(),
            })
            .endpoint(email.clone()),
        ))?;
    }
    Ok(topic)
}

struct AlarmSpec<'a> {
    name: &'static str,
    description: String,
    metric: &'static str,
    periods: i64,
    threshold: f64,
    comparison: ComparisonOperator,
    action: Option<&'a Handle<autoscaling::ScalingPolicy>>,
}
