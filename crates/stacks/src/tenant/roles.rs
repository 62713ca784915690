//! Step 5 of the seed: the roles the data service's tasks run with.
//!
//! The seed attaches one broad policy to one role; here ECS's own work
//! (pulling the image, shipping logs) and the application's (data, queues,
//! secrets, files, discovery) are two roles, each limited to this tenant's
//! resources. Both trust only ECS tasks of this account.
//!
//! Step 10 of the seed (the application stores the `apiaccesskeyforedgi`
//! key in the database secret) is why the task role may update that
//! secret. The execution role reads no secret: the task definitions pass
//! the secret's name, and the application reads it with the task role.

use constructs::aws::{efs, iam, logs, s3, servicediscovery};
use constructs::iam::{ConditionOperator, Operator, Statement};
use constructs::{fns, Handle, Resource, Template};

use super::access::queues_send_receive;
use super::names::{self, Names};
use super::parameters::Parameters;
use super::queues::Queues;
use framework::error::StackError;
use patterns::access::{ecs_tasks_trust, registry_token, write_logs, ECR_PULL};
use patterns::role::{one_policy_role, RoleSpec};
use patterns::BucketGrants;
use patterns::Scope;

/// The two roles of the data service's task definitions.
pub struct Roles {
    /// The application's permissions (`TaskRoleArn`).
    pub task: Handle<iam::Role>,
    /// ECS's permissions to start the task (`ExecutionRoleArn`).
    pub execution: Handle<iam::Role>,
}

/// What the roles grant access to.
pub struct Grants<'a> {
    pub names: &'a Names,
    /// The tenant's tags.
    pub scope: &'a Scope,
    pub params: &'a Parameters,
    pub bucket: &'a Handle<s3::Bucket>,
    pub queues: &'a Queues,
    pub log_group: &'a Handle<logs::LogGroup>,
    pub access_point: &'a Handle<efs::AccessPoint>,
    /// The Cloud Map namespace the tasks register in.
    pub namespace_name: &'a str,
    /// The Cloud Map service they register in, the one they may.
    pub workspaces: &'a Handle<servicediscovery::Service>,
    /// Its DNS name, the one record set their registrations write.
    pub workspaces_dns_name: &'a str,
}

pub fn add(template: &mut Template, grants: &Grants) -> Result<Roles, StackError> {
    let execution = ecs_task_role(
        template,
        grants,
        EcsTaskRole {
            id: "TaskExecutionRole",
            name: names::EXECUTION_ROLE,
            description: "Lets ECS pull the image and ship logs of the AskEdgi data service of tenant {tenant}",
            policy_name: "askedgi-task-execution",
            statements: execution_statements(grants),
        },
    )?;
    let task = ecs_task_role(
        template,
        grants,
        EcsTaskRole {
            id: "TaskRole",
            name: names::TASK_ROLE,
            description: "What the AskEdgi data service of tenant {tenant} may do",
            policy_name: "askedgi-data-service",
            statements: task_statements(grants),
        },
    )?;
    Ok(Roles { task, execution })
}

/// One of the two roles ECS tasks assume, with its inline policy.
struct EcsTaskRole {
    id: &'static str,
    name: names::DerivedName,
    /// `{tenant}` stands for the tenant name.
    description: &'static str,
    policy_name: &'static str,
    statements: Vec<Statement>,
}

fn ecs_task_role(
    template: &mut Template,
    grants: &Grants,
    role: EcsTaskRole,
) -> Result<Handle<iam::Role>, StackError> {
    let names = grants.names;
    Ok(template.add(Resource::new(
        role.id,
        one_policy_role(
            grants.scope,
            RoleSpec {
                trust: ecs_tasks_trust(),
                description: role.description.replace("{tenant}", names.tenant()),
                policy_name: role.policy_name,
                statements: role.statements,
            },
        )
        .role_name(names.literal(role.name)),
    ))?)
}

fn execution_statements(grants: &Grants) -> Vec<Statement> {
    vec![
        registry_token(),
        // The image may live in another account's registry (OvalEdge
        // distributes it), which a parameter holding an image URI cannot
        // name as an ARN; that repository's own policy still decides.
        Statement::allow()
            .sid("PullImage")
            .actions(ECR_PULL)
            .resource(fns::sub("arn:${AWS::Partition}:ecr:*:*:repository/*")),
        // The log group's ARN ends in ":*", which covers its streams.
        write_logs([grants.log_group.arn()]),
    ]
}

fn task_statements(grants: &Grants) -> Vec<Statement> {
    let params = grants.params;
    let mut statements = grants.bucket.grant_read_write().to_vec();
    statements.push(queues_send_receive(grants.queues));
    statements.extend([
        // Secrets Manager appends six random characters to a secret's ARN.
        Statement::allow()
            .sid("ReadAndUpdateDatabaseSecret")
            .actions([
                "secretsmanager:GetSecretValue",
                "secretsmanager:DescribeSecret",
                "secretsmanager:PutSecretValue",
                "secretsmanager:UpdateSecret",
            ])
            .resource(fns::sub(format!(
                "arn:${{AWS::Partition}}:secretsmanager:${{AWS::Region}}:${{AWS::AccountId}}:secret:${{{}}}-??????",
                params.database_secret_name.logical_id()
            ))),
        Statement::allow()
            .sid("MountAssets")
            .actions([
                "elasticfilesystem:ClientMount",
                "elasticfilesystem:ClientWrite",
            ])
            .resource(fns::sub(format!(
                "arn:${{AWS::Partition}}:elasticfilesystem:${{AWS::Region}}:${{AWS::AccountId}}:file-system/${{{}}}",
                params.efs_file_system_id.logical_id()
            )))
            // Built from the access point's ID (`!Ref`) rather than its
            // `Arn` attribute, which moto's deploy test cannot resolve.
            .condition(
                ConditionOperator::StringEquals,
                "elasticfilesystem:AccessPointArn",
                [fns::sub(format!(
                    "arn:${{AWS::Partition}}:elasticfilesystem:${{AWS::Region}}:${{AWS::AccountId}}:access-point/${{{}}}",
                    grants.access_point.logical_id()
                ))],
            ),
        // Only this tenant's workspace service: in a shared namespace, the
        // other tenants' services are out of reach.
        Statement::allow()
            .sid("RegisterWorkspaces")
            .actions([
                "servicediscovery:RegisterInstance",
                "servicediscovery:DeregisterInstance",
            ])
            .resource(grants.workspaces.arn()),
        // DiscoverInstances has no resource-level permissions ("*"); the
        // condition keeps it to this tenant's namespace.
        Statement::allow()
            .sid("DiscoverInNamespace")
            .actions(["servicediscovery:DiscoverInstances"])
            .resource("*")
            .condition(
                ConditionOperator::StringEquals,
                "servicediscovery:NamespaceName",
                [grants.namespace_name],
            ),
        // Cloud Map writes the service's DNS records with the caller's
        // permissions. Hosted zone IDs of an existing namespace are not
        // known here, so the record's name scopes the change instead: the
        // workspace service's own A records, nothing else in the zone.
        Statement::allow()
            .sid("WriteWorkspaceRecords")
            .actions(["route53:ChangeResourceRecordSets"])
            .resource(fns::sub("arn:${AWS::Partition}:route53:::hostedzone/*"))
            .condition(
                Operator::from(ConditionOperator::StringEquals).for_all_values(),
                "route53:ChangeResourceRecordSetsNormalizedRecordNames",
                [grants.workspaces_dns_name],
            ),
    ]);
    statements
}
