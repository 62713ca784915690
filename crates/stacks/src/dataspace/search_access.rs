//! Who may do what in the search domain. Fine-grained access control
//! needs a master user, who may change the domain's security settings;
//! the app must not be it.
//!
//! | identity | in the domain |
//! | --- | --- |
//! | `SearchAdminRole` | the master user: security settings and role mappings. The role of `SearchAccessFunction` alone, and assumable by this account's administrators (whoever IAM lets call `sts:AssumeRole` on it); no task holds or reads it, and it has no secret |
//! | `AppTaskRole` | the OpenSearch role `app`: cluster-wide `cluster_composite_ops` (bulk, multi-search, multi-get) and `cluster_monitor` (health), and on the config's `searchAccess.indexPatterns` only `crud`, `create_index` and `manage` (mappings, aliases, refresh, delete) |
//!
//! OpenSearch keeps role mappings inside the domain, where CloudFormation
//! cannot write: the custom resource `SearchAccess` calls
//! `SearchAccessFunction` (inline Python, `search_access.py`, in the
//! private subnets, signing its requests as the master user), which puts
//! the role and maps the app's IAM role to it on every create and update,
//! and removes both when the stack deletes it.

use constructs::aws::ec2;
use constructs::aws::{iam, lambda, opensearchservice as opensearch};
use constructs::iam::{PolicyDocument, Principal, Statement};
use constructs::untyped::Untyped;
use constructs::{fns, Expr, Handle, Json, List, Resource, Template, Value};

use super::names::Names;
use framework::error::StackError;
use patterns::access::{assumed_by, attach_to_vpc, write_logs};
use patterns::logs::add_log_group;
use patterns::role::{one_policy_role, RoleSpec};
use patterns::security_groups::to_anywhere;
use patterns::Scope;

/// The function's source.
const SOURCE: &str = include_str!("search_access.py");
/// The OpenSearch role the app's IAM role is mapped to.
pub const APP_ROLE: &str = "app";
/// Cluster-wide, what a search client needs beyond its indexes.
const CLUSTER_PERMISSIONS: [&str; 2] = ["cluster_composite_ops", "cluster_monitor"];
/// On its indexes: documents, creating indexes, their mappings and aliases.
const INDEX_ACTIONS: [&str; 3] = ["crud", "create_index", "manage"];
/// Two security API calls, each with a 20-second timeout, and the answer.
const TIMEOUT_SECONDS: i64 = 60;
const MEMORY_MIB: i64 = 128;

/// The master user, for the domain's `MasterUserARN` and access policy:
/// trusted by Lambda (for [`add`]'s function) and by this account.
pub fn add_admin_role(
    template: &mut Template,
    names: &Names,
    scope: &Scope,
    domain_paths: Expr<String>,
) -> Result<Handle<iam::Role>, StackError> {
    let trust = PolicyDocument::new([
        assumed_by("lambda.amazonaws.com"),
        Statement::allow()
            .principal(Principal::aws(fns::sub(
                "arn:${AWS::Partition}:iam::${AWS::AccountId}:root",
            )))
            .actions(["sts:AssumeRole"]),
    ]);
    Ok(template.add(Resource::new(
        "SearchAdminRole",
        one_policy_role(
            scope,
            RoleSpec {
                trust,
                description: format!(
                    "{}: the search domain's master user (its security settings and role \
                     mappings); no task holds it",
                    names.prefix()
                ),
                policy_name: "administer-search",
                statements: vec![
                    Statement::allow()
                        .sid("AdministerSearchDomain")
                        .actions(super::search::HTTP_ACTIONS)
                        .resource(domain_paths),
                    attach_to_vpc(),
                    write_logs([fns::sub(format!(
                        "arn:${{AWS::Partition}}:logs:${{AWS::Region}}:${{AWS::AccountId}}:log-group:{}:*",
                        function_log_group(names)
                    ))]),
                ],
            },
        ),
    ))?)
}

/// What the mapping needs.
pub struct Dependencies<'a> {
    pub vpc_id: &'a Value<String>,
    pub subnets: &'a Value<List<String>>,
    pub search_group: &'a Handle<ec2::SecurityGroup>,
    pub domain: &'a Handle<opensearch::Domain>,
    pub admin_role: &'a Handle<iam::Role>,
    pub app_role: &'a Handle<iam::Role>,
    /// The indexes the app may use.
    pub index_patterns: &'a [String],
}

/// The function's name, `<name>-<env>-search-access`.
fn function_name(names: &Names) -> String {
    format!("{}-search-access", names.prefix())
}

/// Its log group, where Lambda writes.
fn function_log_group(names: &Names) -> String {
    format!("/aws/lambda/{}", function_name(names))
}

/// Adds the function, its network and log group, and `SearchAccess`.
pub fn add(
    template: &mut Template,
    names: &Names,
    scope: &Scope,
    deps: Dependencies,
) -> Result<(), StackError> {
    let group = template.add(Resource::new(
        "SearchAccessSecurityGroup",
        ec2::SecurityGroup {
            tags: scope.tag_list(),
            ..ec2::SecurityGroup::new(format!("{} search access function", names.prefix()))
                .vpc_id(deps.vpc_id.clone())
                .security_group_egress(vec![to_anywhere(
                    "The search domain, and CloudFormation's response URL",
                )])
        },
    ))?;
    let ingress = template.add(Resource::new(
        "SearchFromAccessFunction",
        ec2::SecurityGroupIngress::new("tcp")
            .group_id(deps.search_group.group_id())
            .source_security_group_id(group.group_id())
            .from_port(443)
            .to_port(443)
            .description("OpenSearch (HTTPS) from the search access function"),
    ))?;
    let log_group = add_log_group(
        template,
        scope,
        "SearchAccessLogGroup",
        function_log_group(names),
    )?;
    let function = template.add(
        Resource::new(
            "SearchAccessFunction",
            lambda::Function {
                tags: scope.tag_list(),
                ..lambda::Function::new(lambda::FunctionRequired {
                    code: lambda::function::Code::default().zip_file(SOURCE).into(),
                    role: deps.admin_role.arn().into(),
                })
                .function_name(function_name(names))
                .description(format!(
                    "{}: maps the app's role in the search domain (custom resource SearchAccess)",
                    names.prefix()
                ))
                .runtime(lambda::function::Runtime::Python3_13)
                .handler("index.handler")
                .timeout(TIMEOUT_SECONDS)
                .memory_size(MEMORY_MIB)
                .vpc_config(
                    lambda::function::VpcConfig::default()
                        .security_group_ids(vec![group.group_id()])
                        .subnet_ids(deps.subnets.clone()),
                )
            },
        )
        .depends_on(&log_group)
        .depends_on(&ingress),
    )?;
    let strings = |items: &[&str]| Json::array(items.iter().map(|&item| item.into()));
    template.add_untyped(Resource::new(
        "SearchAccess",
        Untyped::new("Custom::SearchAccess")
            .property("ServiceToken", function.arn())
            .property("Endpoint", deps.domain.domain_endpoint())
            .property("RoleName", APP_ROLE)
            .property("AppRoleArn", deps.app_role.arn())
            .property("ClusterPermissions", strings(&CLUSTER_PERMISSIONS))
            .property(
                "IndexPatterns",
                Json::array(deps.index_patterns.iter().map(|p| p.clone().into())),
            )
            .property("IndexActions", strings(&INDEX_ACTIONS)),
    ))?;
    Ok(())
}
