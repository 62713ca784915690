//! Amazon OpenSearch Service, the seed's "Amazon Elasticsearch Service"
//! (the service's current name and engine): a VPC domain in the private
//! subnets, fine-grained access control, HTTPS only with TLS 1.2 or later
//! and forward secrecy, node-to-node and at-rest encryption, data nodes
//! spread over two zones (and dedicated masters) where the environment
//! says, retained when the stack deletes it.
//!
//! Who may use it is the app's task role and the master user
//! (`SearchAdminRole`), twice over: the domain's access policy admits only
//! those two roles, and fine-grained access control gives the app an
//! OpenSearch role of its own, on its indexes only ([`super::search_access`]).
//! The app signs its requests (SigV4) and needs no password: the seed's
//! `ELASTICSEARCH_PASSWORD` is gone with it.
//!
//! The domain publishes its error log and its audit log (fine-grained
//! access control's record of who read or changed what) to two log groups
//! of the stack, unless the config turns them off (`searchLogs.enabled`).
//! OpenSearch writes to them under a CloudWatch Logs resource policy that
//! admits the service for this account's domain only. An account holds at
//! most 10 such policies per region: each DataSpace environment uses one.
//!
//! OpenSearch needs its service-linked role for VPC domains
//! (`AWSServiceRoleForAmazonOpenSearchService`); an account that never had
//! a VPC domain creates it once: `aws iam create-service-linked-role
//! --aws-service-name opensearchservice.amazonaws.com`.

use constructs::aws::{ec2, iam, logs, opensearchservice as opensearch};
use constructs::iam::{ConditionOperator, PolicyDocument, Principal, Statement};
use constructs::{fns, pseudo, Expr, Handle, List, Map, Resource, Template, Value};
use opensearch::domain::{
    AdvancedSecurityOptionsInput, ClusterConfig, DomainEndpointOptions, EbsOptions,
    EncryptionAtRestOptions, LogPublishingOption, MasterUserOptions, NodeToNodeEncryptionOptions,
    VpcOptions, ZoneAwarenessConfig,
};
use patterns::logs::add_log_group;
use patterns::Scope;

use super::data_stores;
use super::names::Names;
use super::sizing::SearchSize;
use framework::error::StackError;

/// The engine: OpenSearch 2, the successor of the seed's Elasticsearch 7.10.
pub const ENGINE_VERSION: &str = "OpenSearch_2.19";
/// TLS 1.2 or 1.3 with perfect forward secrecy.
pub const TLS_POLICY: &str = "Policy-Min-TLS-1-2-PFS-2023-10";
/// Zone awareness spreads data nodes over this many zones.
const ZONES: u32 = 2;
/// Dedicated master nodes, when there are any: an odd number for quorum.
const DEDICATED_MASTERS: i64 = 3;

/// The HTTP methods the app may call the domain with, named so its role
/// and the domain's access policy say the same: what a search client
/// sends (no `PATCH`, which only the security API takes). Fine-grained
/// access control then decides per index.
pub const APP_HTTP_ACTIONS: [&str; 5] = [
    "es:ESHttpGet",
    "es:ESHttpHead",
    "es:ESHttpPost",
    "es:ESHttpPut",
    "es:ESHttpDelete",
];

/// Every HTTP method, for the master user.
pub const HTTP_ACTIONS: [&str; 6] = [
    "es:ESHttpGet",
    "es:ESHttpHead",
    "es:ESHttpPost",
    "es:ESHttpPut",
    "es:ESHttpDelete",
    "es:ESHttpPatch",
];

/// Every path of the domain, as IAM names them: the domain's ARN is built
/// from its fixed name, so the app's role and the domain's access policy
/// need not refer to each other.
pub fn domain_paths(names: &Names) -> Expr<String> {
    fns::sub(format!("{}/*", domain_arn(names)))
}

/// The domain's ARN, as a `Fn::Sub` pattern.
fn domain_arn(names: &Names) -> String {
    format!(
        "arn:${{AWS::Partition}}:es:${{AWS::Region}}:${{AWS::AccountId}}:domain/{}",
        names.prefix()
    )
}

/// What kind of domain to build: its size, and whether it publishes its
/// logs.
pub struct SearchSpec<'a> {
    pub size: &'a SearchSize,
    pub publish_logs: bool,
}

/// The log types the domain publishes, each with its log group's logical
/// ID and the last part of its name.
const PUBLISHED_LOGS: [(&str, &str, &str); 2] = [
    ("ES_APPLICATION_LOGS", "SearchErrorLogGroup", "error"),
    ("AUDIT_LOGS", "SearchAuditLogGroup", "audit"),
];

/// The domain's log groups and the resource policy that lets OpenSearch
/// write to them: the domain's `LogPublishingOptions`, and the policy the
/// domain must be created after (OpenSearch checks it can write).
fn add_published_logs(
    template: &mut Template,
    names: &Names,
    scope: &Scope,
) -> Result<(Map<LogPublishingOption>, Handle<logs::ResourcePolicy>), StackError> {
    let mut options = Map::new();
    let mut group_arns = Vec::new();
    for (log_type, logical_id, what) in PUBLISHED_LOGS {
        let name = format!("/aws/opensearch/{}/{what}", names.prefix());
        let group = add_log_group(template, scope, logical_id, name)?;
        group_arns.push(group.arn());
        options.insert(
            log_type.to_string(),
            LogPublishingOption::default()
                .enabled(true)
                .cloud_watch_logs_log_group_arn(group.arn())
                .into(),
        );
    }
    let document = PolicyDocument::new([Statement::allow()
        .principal(Principal::service("es.amazonaws.com"))
        .actions(["logs:CreateLogStream", "logs:PutLogEvents"])
        .resources(group_arns)
        .condition_value(
            ConditionOperator::StringEquals,
            "aws:SourceAccount",
            pseudo::account_id(),
        )
        .condition_value(
            ConditionOperator::ArnLike,
            "aws:SourceArn",
            fns::sub(domain_arn(names)),
        )]);
    let policy = template.add(Resource::new(
        "SearchLogsPolicy",
        logs::ResourcePolicy::new(logs::ResourcePolicyRequired {
            policy_document: document.into(),
            policy_name: format!("{}-opensearch-logs", names.prefix()).into(),
        }),
    ))?;
    Ok((options, policy))
}

pub struct Search {
    pub domain: Handle<opensearch::Domain>,
    /// The domain's security group, which admits the app (and the search
    /// access function, [`super::search_access`]).
    pub group: Handle<ec2::SecurityGroup>,
    /// Fine-grained access control's master user.
    pub master_user: Handle<iam::Role>,
}

/// Who may call the domain.
pub struct Principals<'a> {
    /// The app's task role, limited by its OpenSearch role.
    pub app: &'a Handle<iam::Role>,
    /// Fine-grained access control's master user.
    pub admin: &'a Handle<iam::Role>,
}

impl Search {
    /// `https://<domain endpoint>`, where the app sends signed requests.
    pub fn url(&self) -> Expr<String> {
        fns::sub(format!(
            "https://${{{}.DomainEndpoint}}",
            self.domain.logical_id()
        ))
    }
}

pub fn add(
    template: &mut Template,
    names: &Names,
    network: (&Value<String>, &Value<List<String>>),
    app: &Handle<ec2::SecurityGroup>,
    principals: Principals<'_>,
    spec: SearchSpec<'_>,
    scope: &Scope,
) -> Result<Search, StackError> {
    let size = spec.size;
    let (vpc_id, subnet_ids) = network;
    let group = data_stores::add_store_group(
        template,
        names,
        scope,
        vpc_id,
        data_stores::StoreGroup {
            id: "SearchSecurityGroup",
            what: "OpenSearch (HTTPS)",
            port: 443,
        },
        app,
    )?;
    // A domain takes one subnet per zone it spans.
    let zones = if size.zone_aware() { ZONES } else { 1 };
    let subnets: Vec<Value<String>> = match subnet_ids {
        Value::Literal(ids) => ids.iter().take(zones as usize).cloned().collect(),
        Value::Expr(_) => (0..zones)
            .map(|index| fns::select(index, subnet_ids.clone()).into())
            .collect(),
    };
    let access_policy = PolicyDocument::new([
        Statement::allow()
            .principal(Principal::aws(principals.app.arn()))
            .actions(APP_HTTP_ACTIONS)
            .resource(domain_paths(names)),
        Statement::allow()
            .principal(Principal::aws(principals.admin.arn()))
            .actions(HTTP_ACTIONS)
            .resource(domain_paths(names)),
    ]);
    let masters = size.dedicated_master_type.as_ref();
    let published = spec
        .publish_logs
        .then(|| add_published_logs(template, names, scope))
        .transpose()?;
    let properties = opensearch::Domain {
        tags: scope.tag_list(),
        ..opensearch::Domain::default()
            .domain_name(names.prefix())
            .engine_version(ENGINE_VERSION)
            .cluster_config(ClusterConfig {
                zone_awareness_config: size.zone_aware().then(|| {
                    ZoneAwarenessConfig::default()
                        .availability_zone_count(i64::from(ZONES))
                        .into()
                }),
                dedicated_master_type: masters.map(|kind| kind.clone().into()),
                dedicated_master_count: masters.map(|_| DEDICATED_MASTERS.into()),
                ..ClusterConfig::default()
                    .instance_type(size.instance_type.clone())
                    .instance_count(i64::from(size.instance_count))
                    .zone_awareness_enabled(size.zone_aware())
                    .dedicated_master_enabled(masters.is_some())
            })
            .ebs_options(
                EbsOptions::default()
                    .ebs_enabled(true)
                    .volume_type("gp3")
                    .volume_size(i64::from(size.volume_size_gib)),
            )
            .vpc_options(
                VpcOptions::default()
                    .security_group_ids(vec![group.group_id()])
                    .subnet_ids(Value::Literal(subnets)),
            )
            .encryption_at_rest_options(EncryptionAtRestOptions::default().enabled(true))
            .node_to_node_encryption_options(NodeToNodeEncryptionOptions::default().enabled(true))
            .domain_endpoint_options(
                DomainEndpointOptions::default()
                    .enforce_https(true)
                    .tls_security_policy(TLS_POLICY),
            )
            .advanced_security_options(
                AdvancedSecurityOptionsInput::default()
                    .enabled(true)
                    .internal_user_database_enabled(false)
                    .master_user_options(
                        MasterUserOptions::default().master_user_arn(principals.admin.arn()),
                    ),
            )
            .access_policies(access_policy)
    };
    let domain = match published {
        Some((options, policy)) => {
            Resource::new("SearchDomain", properties.log_publishing_options(options))
                .depends_on(&policy)
        }
        None => Resource::new("SearchDomain", properties),
    };
    let domain = template.add(scope.stateful(domain))?;
    Ok(Search {
        domain,
        group,
        master_user: principals.admin.clone(),
    })
}
