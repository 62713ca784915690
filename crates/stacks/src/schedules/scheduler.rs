//! The seed's EventBridge section: one EventBridge Scheduler schedule per
//! process, `Run-IntervalProcessing-<Process>`.
//!
//! `AWS::Scheduler::Schedule` rather than an EventBridge rule: a schedule
//! reads its cron expression in a time zone and follows its daylight saving
//! changes (rules only know UTC), and schedules do not count against the
//! quota of 300 rules per event bus.
//!
//! Each schedule is the seed's form: the cron in its time zone, flexible
//! time window off, ECS RunTask on the cluster with the family's latest
//! revision, one task, capacity provider FARGATE with weight 1 (no base),
//! the private subnet and the tasks' security group without a public IP,
//! no dead-letter queue, no action after completion, and a retry policy whose maximum event age never
//! exceeds the interval between runs ([`super::rules`]). The state comes
//! from `schedulesEnabled`: disabled by default, as the seed enables each
//! schedule once a manual run of its task succeeded.

use constructs::aws::scheduler::schedule::TargetRequired;
use constructs::aws::scheduler::schedule::{
    AssignPublicIp, AwsVpcConfiguration, CapacityProviderStrategyItem, EcsParameters,
    FlexibleTimeWindow, FlexibleTimeWindowMode, NetworkConfiguration, RetryPolicy, ScheduleState,
    Target,
};
use constructs::aws::{ecs, iam, scheduler};
use constructs::{Handle, Resource, Template};

use super::config::SchedulesConfig;
use super::names::{self, Names};
use super::network::Network;
use super::rules::Timing;
use super::tasks::FARGATE;
use framework::error::StackError;

/// What the schedules refer to.
pub struct Dependencies<'a> {
    pub names: &'a Names,
    pub config: &'a SchedulesConfig,
    /// One per process, in the config's order.
    pub timings: &'a [Timing],
    /// One per process, in the config's order.
    pub task_definitions: &'a [Handle<ecs::TaskDefinition>],
    pub cluster: &'a Handle<ecs::Cluster>,
    pub network: &'a Network,
    pub role: &'a Handle<iam::Role>,
}

/// One schedule per process, in the config's order.
pub fn add(template: &mut Template, deps: &Dependencies) -> Result<(), StackError> {
    let names = deps.names;
    let state = if deps.config.schedules_enabled {
        ScheduleState::Enabled
    } else {
        ScheduleState::Disabled
    };
    let processes = deps
        .config
        .processes
        .iter()
        .zip(deps.timings)
        .zip(deps.task_definitions);
    for ((process, timing), task_definition) in processes {
        let ecs_parameters = EcsParameters::new(names.family_arn(&process.name))
            .task_count(1.0)
            .capacity_provider_strategy(
                vec![CapacityProviderStrategyItem::new(FARGATE).weight(1.0)],
            )
            .network_configuration(
                NetworkConfiguration::default().awsvpc_configuration(
                    AwsVpcConfiguration::new(vec![deps.network.private_subnet.reference()])
                        .security_groups(vec![deps.network.security_group.group_id()])
                        .assign_public_ip(AssignPublicIp::Disabled),
                ),
            );
        let target = Target::new(TargetRequired {
            arn: deps.cluster.arn().into(),
            role_arn: deps.role.arn().into(),
        })
        .ecs_parameters(ecs_parameters)
        .retry_policy(
            RetryPolicy::default()
                .maximum_retry_attempts(f64::from(process.retry_attempts))
                .maximum_event_age_in_seconds(timing.maximum_event_age_seconds as f64),
        );
        // The target names the family, not the task definition, so the
        // dependency is spelled out: the family must exist before a run.
        template.add(
            Resource::new(
                &names::schedule_id(&process.name),
                scheduler::Schedule::new(scheduler::ScheduleRequired {
                    flexible_time_window: FlexibleTimeWindow::new(FlexibleTimeWindowMode::Off)
                        .into(),
                    schedule_expression: process.cron.as_str().into(),
                    target: target.into(),
                })
                .name(names.schedule(&process.name))
                .description(format!(
                    "Runs {} at {} ({})",
                    names.family(&process.name),
                    process.cron,
                    process.time_zone
                ))
                .schedule_expression_timezone(process.time_zone.as_str())
                .state(state),
            )
            .depends_on(task_definition),
        )?;
    }
    Ok(())
}
