//! The ECS cluster with both Fargate capacity providers, and the
//! environment's default between them ([`super::sizing::Capacity`]):
//! services name no launch type, so the default decides where they run.

use constructs::aws::ecs;
use constructs::aws::ecs::cluster::{CapacityProviderStrategyItem, ClusterSettings};
use constructs::{Handle, Resource, Template};

use super::names::Names;
use super::sizing::Sizing;
use framework::error::StackError;
use patterns::Scope;

pub fn add(
    template: &mut Template,
    names: &Names,
    scope: &Scope,
    sizing: &Sizing,
) -> Result<Handle<ecs::Cluster>, StackError> {
    Ok(template.add(Resource::new(
        "Cluster",
        ecs::Cluster {
            tags: scope.tag_list(),
            ..ecs::Cluster::default()
                .cluster_name(names.prefix())
                .capacity_providers(vec!["FARGATE", "FARGATE_SPOT"])
                .default_capacity_provider_strategy(vec![CapacityProviderStrategyItem::default()
                    .capacity_provider(sizing.capacity.provider())
                    .weight(1)])
                .cluster_settings(vec![ClusterSettings::default()
                    .name("containerInsights")
                    .value(if sizing.container_insights {
                        "enabled"
                    } else {
                        "disabled"
                    })])
        },
    ))?)
}
