//! The ECS cluster with both Fargate capacity providers, and the
//! environment's default between them ([`super::sizing::Capacity`]):
//! services name no launch type, so the default decides where they run.

use constructs::aws::ecs;
use constructs::aws::ecs::cluster::{CapacityProviderStrategyItem, ClusterSettings};
use constructs::{Handle, Resource, Template};

use super::names::Names;
use super::sizing::Sizing;
use crate::error::StackError;

pub fn add(
    template: &mut Template,
    names: &Names,
    sizing: &Sizing,
) -> Result<Handle<ecs::Cluster>, StackError> {
    Ok(template.add(Resource::new(
        "Cluster",
        ecs::Cluster {
            cluster_name: Some(names.prefix().into()),
            capacity_providers: Some(vec!["FARGATE", "FARGATE_SPOT"].into()),
            default_capacity_provider_strategy: Some(
                vec![CapacityProviderStrategyItem {
                    capacity_provider: Some(sizing.capacity.provider().into()),
                    weight: Some(1.into()),
                    ..CapacityProviderStrategyItem::default()
                }]
                .into(),
            ),
            cluster_settings: Some(
                vec![ClusterSettings {
                    name: Some("containerInsights".into()),
                    value: Some(
                        if sizing.container_insights {
                            "enabled"
                        } else {
                            "disabled"
                        }
                        .into(),
                    ),
                }]
                .into(),
            ),
            tags: super::tags::standard(names, |key, value| ecs::cluster::Tag {
                key: Some(key.into()),
                value: Some(value.into()),
            }),
            ..ecs::Cluster::default()
        },
    ))?)
}
