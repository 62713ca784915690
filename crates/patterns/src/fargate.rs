//! The Fargate task definition every stack writes: one container on
//! Linux/X86_64 with its own network interface (`awsvpc`, which Fargate
//! requires), its size and roles, tagged with the scope's tags. A stack
//! sets what else it needs (ephemeral storage) with setters or `..`.

use constructs::aws::ecs::task_definition::{
    ContainerDefinition, CpuArchitecture, NetworkMode, OperatingSystemFamily,
    RequiresCompatibility, RuntimePlatform,
};
use constructs::aws::{ecs, iam};
use constructs::Handle;

use crate::scope::Scope;

/// What a Fargate task runs, and as whom.
pub struct FargateTask<'a> {
    /// The task definition's family: revisions of one task share it.
    pub family: String,
    /// CPU units and MiB of memory, a pair Fargate offers (the stack's
    /// config check makes sure).
    pub cpu: u32,
    /// MiB of memory; see `cpu`.
    pub memory: u32,
    /// The role ECS pulls the image and reads the secrets with.
    pub execution_role: &'a Handle<iam::Role>,
    /// The role the container's code runs as, if it calls AWS.
    pub task_role: Option<&'a Handle<iam::Role>>,
    /// The task's one container: image, ports, environment, secrets, logs.
    pub container: ContainerDefinition,
}

/// The task definition of `task`.
pub fn task_definition(scope: &Scope, task: FargateTask) -> ecs::TaskDefinition {
    ecs::TaskDefinition {
        task_role_arn: task.task_role.map(|role| role.arn().into()),
        tags: scope.tag_list(),
        ..ecs::TaskDefinition::default()
            .family(task.family)
            .cpu(task.cpu.to_string())
            .memory(task.memory.to_string())
            .network_mode(NetworkMode::Awsvpc)
            .requires_compatibilities(vec![RequiresCompatibility::Fargate])
            .runtime_platform(
                RuntimePlatform::default()
                    .cpu_architecture(CpuArchitecture::X8664)
                    .operating_system_family(OperatingSystemFamily::Linux),
            )
            .execution_role_arn(task.execution_role.arn())
            .container_definitions(vec![task.container])
    }
}
