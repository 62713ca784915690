//! ECS on EC2, as the seed runs it: the cluster, container instances from
//! a launch template (the ECS-optimized Amazon Linux 2023 AMI from AWS's
//! public SSM parameter, IMDSv2 only, encrypted root volume) in an Auto
//! Scaling group across the private subnets, and an ECS capacity provider
//! with managed scaling, so the group grows when tasks do not fit.
//!
//! With `webSocketInstances`, the WebSocket service gets a group and a
//! capacity provider of its own (the seed's dedicated t3.small); otherwise
//! it shares the instances with the API and the workers.
//!
//! The instance metadata service answers only the instance itself (hop
//! limit 1, IMDSv2 tokens): containers get their own task roles from ECS
//! and cannot borrow the instance role.

use constructs::aws::autoscaling::auto_scaling_group::TagPropertyRequired;
use constructs::aws::autoscaling::auto_scaling_group::{
    LaunchTemplateSpecification, MetricsCollection, TagProperty,
};
use constructs::aws::ec2::launch_template::{
    BlockDeviceMapping, Ebs, HttpEndpoint, HttpTokens, IamInstanceProfile, InstanceType,
    LaunchTemplateData, MetadataOptions, VolumeType,
};
use constructs::aws::ecs::capacity_provider::{
    AutoScalingGroupProvider, ManagedDraining, ManagedScaling, ManagedScalingStatus,
    ManagedTerminationProtection,
};
use constructs::aws::ecs::cluster_capacity_provider_associations::CapacityProviderStrategy;
use constructs::aws::{autoscaling, ec2, ecs, iam};
use constructs::iam::{PolicyDocument, Principal, Statement};
use constructs::{
    fns, AwsType, Handle, List, Parameter, ParameterHandle, Resource, SsmValue, Template, Value,
};

use super::config::InstancesConfig;
use super::names::Names;
use framework::error::StackError;
use patterns::Scope;

/// AWS's public parameter naming the current ECS-optimized AMI.
pub const AMI_PARAMETER: &str =
    "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id";
/// Each instance's root volume, in GiB.
pub const ROOT_VOLUME_GIB: i64 = 30;
/// The managed policy that lets a container instance join its cluster.
const ECS_INSTANCE_POLICY: &str =
    "arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role";
/// Managed scaling keeps the instances this full.
const TARGET_CAPACITY_PERCENT: i64 = 100;

/// The cluster and where its services run.
pub struct Capacity {
    pub cluster: Handle<ecs::Cluster>,
    /// The shared instances' capacity provider.
    pub shared: Handle<ecs::CapacityProvider>,
    /// The WebSocket service's own, when it has one.
    pub web_socket: Option<Handle<ecs::CapacityProvider>>,
    /// The capacity providers' association with the cluster: a service
    /// naming a provider must wait for it.
    pub associations: Handle<ecs::ClusterCapacityProviderAssociations>,
    /// The Auto Scaling groups, for the dashboard.
    pub shared_group: Handle<autoscaling::AutoScalingGroup>,
    pub web_socket_group: Option<Handle<autoscaling::AutoScalingGroup>>,
}

/// What the groups are made from.
pub struct Placement<'a> {
    pub names: &'a Names,
    /// The stack's tags.
    pub scope: &'a Scope,
    pub private_subnets: &'a Value<List<String>>,
    pub security_group: &'a Handle<ec2::SecurityGroup>,
    pub wait_for: &'a [Handle<ec2::Route>],
}

pub fn add(
    template: &mut Template,
    placement: &Placement,
    shared: &InstancesConfig,
    web_socket: Option<&InstancesConfig>,
) -> Result<Capacity, StackError> {
    let names = placement.names;
    let ami = template.add_parameter(
        Parameter::ssm_value("EcsAmiId", SsmValue::Aws(AwsType::ImageId))
            .description("The ECS-optimized AMI; AWS's public parameter names the current one.")
            .default(AMI_PARAMETER),
    )?;
    let cluster = template.add(Resource::new(
        "Cluster",
        ecs::Cluster {
            tags: placement.scope.tag_list(),
            ..ecs::Cluster::default()
                .cluster_name(names.system())
                .cluster_settings(vec![ecs::cluster::ClusterSettings::default()
                    .name("containerInsights")
                    .value("enabled")])
        },
    ))?;
    let role = template.add(Resource::new(
        "InstanceRole",
        iam::Role {
            tags: placement.scope.tag_list(),
            ..iam::Role::new(PolicyDocument::new([Statement::allow()
                .principal(Principal::service("ec2.amazonaws.com"))
                .actions(["sts:AssumeRole"])]))
            .description(format!(
                "{}: the container instances join the cluster",
                names.system()
            ))
            .managed_policy_arns(vec![fns::sub(ECS_INSTANCE_POLICY)])
        },
    ))?;
    let profile = template.add(Resource::new(
        "InstanceProfile",
        iam::InstanceProfile::new(vec![role.reference()]),
    ))?;
    let group = |template: &mut Template, prefix: &str, config: &InstancesConfig| {
        add_group(
            template, placement, &ami, &cluster, &profile, prefix, config,
        )
    };
    let (shared_group, shared_provider) = group(template, "", shared)?;
    let (web_socket_group, web_socket) = match web_socket {
        Some(config) => {
            let (group, provider) = group(template, "WebSocket", config)?;
            (Some(group), Some(provider))
        }
        None => (None, None),
    };
    let mut providers = vec![shared_provider.reference()];
    providers.extend(web_socket.iter().map(|provider| provider.reference()));
    let associations = template.add(Resource::new(
        "ClusterCapacityProviders",
        ecs::ClusterCapacityProviderAssociations::new(
            ecs::ClusterCapacityProviderAssociationsRequired {
                cluster: cluster.reference().into(),
                default_capacity_provider_strategy: vec![CapacityProviderStrategy::new(
                    shared_provider.reference(),
                )
                .weight(1)]
                .into(),
            },
        )
        .capacity_providers(providers),
    ))?;
    Ok(Capacity {
        cluster,
        shared: shared_provider,
        web_socket,
        associations,
        shared_group,
        web_socket_group,
    })
}

/// A launch template, an Auto Scaling group and its capacity provider,
/// their logical IDs starting with `prefix`.
#[allow(clippy::too_many_arguments)]
fn add_group(
    template: &mut Template,
    placement: &Placement,
    ami: &ParameterHandle<String>,
    cluster: &Handle<ecs::Cluster>,
    profile: &Handle<iam::InstanceProfile>,
    prefix: &str,
    config: &InstancesConfig,
) -> Result<
    (
        Handle<autoscaling::AutoScalingGroup>,
        Handle<ecs::CapacityProvider>,
    ),
    StackError,
> {
    let names = placement.names;
    let id = |what: &str| format!("{prefix}{what}");
    // `adology-instances`, `adology-websocket-instances`.
    let name = match prefix {
        "" => names.of("instances"),
        prefix => names.of(&format!("{}-instances", prefix.to_ascii_lowercase())),
    };
    let instance_type: InstanceType =
        config
            .instance_type
            .parse()
            .map_err(|rule| StackError::InvalidInput {
                field: "instanceType".to_string(),
                rule,
                given: config.instance_type.clone(),
            })?;
    // ECS reads the cluster to join from its config file; tasks may not
    // reach the instance metadata service.
    let user_data = fns::base64(fns::sub(format!(
        "#!/bin/bash\ncat >> /etc/ecs/ecs.config <<'EOF'\nECS_CLUSTER=${{{}}}\nECS_ENABLE_TASK_IAM_ROLE=true\nECS_AWSVPC_BLOCK_IMDS=true\nEOF\n",
        cluster.logical_id()
    )));
    let launch_template = template.add(Resource::new(
        &id("LaunchTemplate"),
        ec2::LaunchTemplate::new(
            LaunchTemplateData::default()
                .image_id(ami.reference())
                .instance_type(instance_type)
                .iam_instance_profile(IamInstanceProfile::default().arn(profile.arn()))
                .security_group_ids(vec![placement.security_group.group_id()])
                .metadata_options(
                    MetadataOptions::default()
                        .http_endpoint(HttpEndpoint::Enabled)
                        .http_tokens(HttpTokens::Required)
                        .http_put_response_hop_limit(1),
                )
                .block_device_mappings(vec![BlockDeviceMapping::default()
                    .device_name("/dev/xvda")
                    .ebs(
                        Ebs::default()
                            .volume_size(ROOT_VOLUME_GIB)
                            .volume_type(VolumeType::Gp3)
                            .encrypted(true)
                            .delete_on_termination(true),
                    )])
                .user_data(user_data),
        )
        .launch_template_name(name.clone()),
    ))?;
    let mut group = Resource::new(
        &id("AutoScalingGroup"),
        autoscaling::AutoScalingGroup::new(autoscaling::AutoScalingGroupRequired {
            max_size: config.max_instances.to_string().into(),
            min_size: config.min_instances.to_string().into(),
        })
        .vpc_zone_identifier(placement.private_subnets.clone())
        .launch_template(
            LaunchTemplateSpecification::new(launch_template.latest_version_number())
                .launch_template_id(launch_template.reference()),
        )
        .health_check_type("EC2")
        .metrics_collection(vec![MetricsCollection::new("1Minute")])
        .tags(
            placement
                .scope
                .named(name)
                .pairs()
                .map(|(key, value)| {
                    TagProperty::new(TagPropertyRequired {
                        key: key.into(),
                        propagate_at_launch: true.into(),
                        value: value.into(),
                    })
                })
                .collect::<Vec<_>>(),
        ),
    );
    group = group.depends_on_all(placement.wait_for);
    let group = template.add(group)?;
    let provider = template.add(Resource::new(
        &id("CapacityProvider"),
        ecs::CapacityProvider {
            tags: placement.scope.tag_list(),
            ..ecs::CapacityProvider::default().auto_scaling_group_provider(
                AutoScalingGroupProvider::new(group.reference())
                    .managed_scaling(
                        ManagedScaling::default()
                            .status(ManagedScalingStatus::Enabled)
                            .target_capacity(TARGET_CAPACITY_PERCENT)
                            .minimum_scaling_step_size(1)
                            .maximum_scaling_step_size(2),
                    )
                    .managed_termination_protection(ManagedTerminationProtection::Disabled)
                    .managed_draining(ManagedDraining::Enabled),
            )
        },
    ))?;
    Ok((group, provider))
}
