//! Steps 7 to 9 of the seed: the data service's three Fargate task
//! definitions, which differ only in size, and their log group.
//!
//! OvalEdge starts one data-service task per AskEdgi workspace, choosing
//! the family by the work's size (`EDGI_STANDARD_DATATASK_FAMILYNAME`,
//! `..._MEDIUM_...`, `..._LARGE_...`). Each task mounts the shared assets
//! access point at `/app/asset`, encrypted in transit and authorized with
//! the task role, and logs to the tenant's log group.

use constructs::aws::ecs::task_definition::ContainerDefinitionRequired;
use constructs::aws::ecs::task_definition::{
    AuthorizationConfig, ContainerDefinition, EfsVolumeConfiguration, EphemeralStorage, Iam,
    KeyValuePair, LogConfiguration, MountPoint, NetworkMode, PortMapping, Protocol,
    RequiresCompatibility, TransitEncryption, Volume,
};
use constructs::aws::{ecs, efs, logs, s3};
use constructs::{map, pseudo, Handle, Resource, Template, Value};

use super::names::{self, DerivedName, Names};
use super::network::DATA_SERVICE_PORT;
use super::parameters::Parameters;
use super::roles::Roles;
use framework::error::StackError;
use patterns::logs::add_log_group as add_log_group_to;
use patterns::Scope;

/// The container's name in every size (the seed's).
pub const CONTAINER_NAME: &str = "edgi-data-service";
/// Task-level scratch space, the seed's 200 GB (Fargate's maximum).
pub const EPHEMERAL_STORAGE_GIB: i64 = 200;
/// Where the container sees the assets access point (`EDGI_ASSET_PATH`).
pub const CONTAINER_ASSET_PATH: &str = "/app/asset";
/// The task volume backed by the assets access point.
const ASSETS_VOLUME: &str = "edgi-assets";

/// One size of the data service.
pub struct Size {
    pub logical_id: &'static str,
    pub family: DerivedName,
    /// CPU units (1024 per vCPU), as ECS takes them.
    pub cpu: &'static str,
    /// MiB.
    pub memory: &'static str,
}

/// The seed's three sizes: 0.5 vCPU/2 GB, 1 vCPU/8 GB, 2 vCPU/16 GB.
pub const SIZES: [Size; 3] = [
    Size {
        logical_id: "DataServiceTaskDefinition",
        family: names::DATA_SERVICE_FAMILY,
        cpu: "512",
        memory: "2048",
    },
    Size {
        logical_id: "DataServiceMediumTaskDefinition",
        family: names::DATA_SERVICE_MEDIUM_FAMILY,
        cpu: "1024",
        memory: "8192",
    },
    Size {
        logical_id: "DataServiceXlTaskDefinition",
        family: names::DATA_SERVICE_XL_FAMILY,
        cpu: "2048",
        memory: "16384",
    },
];

/// The data service's log group, with the configured retention.
pub fn add_log_group(
    template: &mut Template,
    names: &Names,
    scope: &Scope,
) -> Result<Handle<logs::LogGroup>, StackError> {
    Ok(add_log_group_to(
        template,
        scope,
        "DataServiceLogGroup",
        names.literal(names::LOG_GROUP),
    )?)
}

/// What the task definitions refer to.
pub struct Dependencies<'a> {
    pub names: &'a Names,
    /// The tenant's tags.
    pub scope: &'a Scope,
    pub params: &'a Parameters,
    pub roles: &'a Roles,
    pub bucket: &'a Handle<s3::Bucket>,
    pub access_point: &'a Handle<efs::AccessPoint>,
    pub log_group: &'a Handle<logs::LogGroup>,
}

/// Adds one task definition per entry of [`SIZES`].
pub fn add(template: &mut Template, deps: &Dependencies) -> Result<(), StackError> {
    for size in &SIZES {
        template.add(Resource::new(size.logical_id, task_definition(deps, size)))?;
    }
    Ok(())
}

fn task_definition(deps: &Dependencies, size: &Size) -> ecs::TaskDefinition {
    let family = deps.names.literal(size.family);
    let container = ContainerDefinition::new(ContainerDefinitionRequired {
        image: deps.params.container_image.reference().into(),
        name: CONTAINER_NAME.into(),
    })
    .essential(true)
    .port_mappings(vec![PortMapping::default()
        .container_port(DATA_SERVICE_PORT)
        .protocol(Protocol::Tcp)])
    .environment(environment(deps))
    .mount_points(vec![MountPoint::default()
        .source_volume(ASSETS_VOLUME)
        .container_path(CONTAINER_ASSET_PATH)
        .read_only(false)])
    .log_configuration(LogConfiguration::new("awslogs").options(map([
        ("awslogs-group", Value::from(deps.log_group.reference())),
        ("awslogs-region", pseudo::region().into()),
        ("awslogs-stream-prefix", family.clone().into()),
    ])));
    let assets = Volume::default()
        .name(ASSETS_VOLUME)
        .efs_volume_configuration(
            EfsVolumeConfiguration::new(deps.params.efs_file_system_id.reference())
                .transit_encryption(TransitEncryption::Enabled)
                .authorization_config(
                    AuthorizationConfig::default()
                        .access_point_id(deps.access_point.reference())
                        .iam(Iam::Enabled),
                ),
        );
    ecs::TaskDefinition {
        tags: deps.scope.tag_list(),
        ..ecs::TaskDefinition::default()
            .family(family)
            .cpu(size.cpu)
            .memory(size.memory)
            .network_mode(NetworkMode::Awsvpc)
            .requires_compatibilities(vec![RequiresCompatibility::Fargate])
            .ephemeral_storage(EphemeralStorage::default().size_in_gi_b(EPHEMERAL_STORAGE_GIB))
            .execution_role_arn(deps.roles.execution.arn())
            .task_role_arn(deps.roles.task.arn())
            .container_definitions(vec![container])
            .volumes(vec![assets])
    }
}

/// The seed's environment, in the seed's order. Nothing secret: the
/// database secret is passed by name and read with the task role.
fn environment(deps: &Dependencies) -> Vec<KeyValuePair> {
    let params = deps.params;
    let pairs: [(&str, Value<String>); 9] = [
        ("AWS_REGION", pseudo::region().into()),
        (
            "AWS_SCTNAME",
            params.database_secret_name.reference().into(),
        ),
        ("BUCKET_NAME", deps.bucket.reference().into()),
        ("CREDENTIAL_TYPE", "container".into()),
        ("DEPLOYMENT_TYPE", "ecs".into()),
        ("ENV", "production".into()),
        ("EDGI_ASSET_PATH", CONTAINER_ASSET_PATH.into()),
        ("OVALEDGE_URL", params.ovaledge_url.reference().into()),
        ("LOG_LEVEL", params.log_level.reference().into()),
    ];
    pairs
        .into_iter()
        .map(|(name, value)| KeyValuePair::default().name(name).value(value))
        .collect()
}
