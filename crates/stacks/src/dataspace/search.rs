//! Amazon OpenSearch Service, the seed's "Amazon Elasticsearch Service"
//! (the service's current name and engine): a VPC domain in the private
//! subnets, fine-grained access control, HTTPS only with TLS 1.2 or later
//! and forward secrecy, node-to-node and at-rest encryption, data nodes
//! spread over two zones (and dedicated masters) where the environment
//! says, retained when the stack deletes it.
//!
//! Who may use it is the app's task role, twice over: the domain's access
//! policy admits only that role, and fine-grained access control maps it
//! to the master user, so the app signs its requests (SigV4) and needs no
//! password. The seed's `ELASTICSEARCH_PASSWORD` is gone with it.
//!
//! OpenSearch needs its service-linked role for VPC domains
//! (`AWSServiceRoleForAmazonOpenSearchService`); an account that never had
//! a VPC domain creates it once: `aws iam create-service-linked-role
//! --aws-service-name opensearchservice.amazonaws.com`.

use constructs::aws::{ec2, iam, opensearchservice as opensearch};
use constructs::iam::{PolicyDocument, Principal, Statement};
use constructs::{fns, Expr, Handle, List, Resource, Template, Value};
use opensearch::domain::{
    AdvancedSecurityOptionsInput, ClusterConfig, DomainEndpointOptions, EBSOptions,
    EncryptionAtRestOptions, MasterUserOptions, NodeToNodeEncryptionOptions, VPCOptions,
    ZoneAwarenessConfig,
};

use super::data_stores;
use super::names::Names;
use super::sizing::SearchSize;
use super::tags;
use crate::error::StackError;
use crate::shared::stateful;

/// The engine: OpenSearch 2, the successor of the seed's Elasticsearch 7.10.
pub const ENGINE_VERSION: &str = "OpenSearch_2.19";
/// TLS 1.2 or 1.3 with perfect forward secrecy.
pub const TLS_POLICY: &str = "Policy-Min-TLS-1-2-PFS-2023-10";
/// Zone awareness spreads data nodes over this many zones.
const ZONES: u32 = 2;
/// Dedicated master nodes, when there are any: an odd number for quorum.
const DEDICATED_MASTERS: i64 = 3;

/// The HTTP methods the app may call the domain with: all of them (the
/// app is the domain's fine-grained access control master user), named so
/// the role and the domain's access policy say the same.
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
    fns::sub(format!(
        "arn:${{AWS::Partition}}:es:${{AWS::Region}}:${{AWS::AccountId}}:domain/{}/*",
        names.prefix()
    ))
}

pub struct Search {
    pub domain: Handle<opensearch::Domain>,
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
    app_role: &Handle<iam::Role>,
    size: &SearchSize,
    allow_delete: bool,
) -> Result<Search, StackError> {
    let (vpc_id, subnet_ids) = network;
    let group = data_stores::add_store_group(
        template,
        names,
        vpc_id,
        "SearchSecurityGroup",
        "OpenSearch (HTTPS)",
        443,
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
    let access_policy = PolicyDocument::new([Statement::allow()
        .principal(Principal::aws(app_role.arn()))
        .actions(HTTP_ACTIONS)
        .resource(domain_paths(names))]);
    let masters = size.dedicated_master_type.as_ref();
    let domain = template.add(stateful(
        Resource::new(
            "SearchDomain",
            opensearch::Domain {
                tags: tags::standard(names),
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
                        EBSOptions::default()
                            .ebs_enabled(true)
                            .volume_type("gp3")
                            .volume_size(i64::from(size.volume_size_gib)),
                    )
                    .vpc_options(
                        VPCOptions::default()
                            .security_group_ids(vec![group.group_id()])
                            .subnet_ids(Value::Literal(subnets)),
                    )
                    .encryption_at_rest_options(EncryptionAtRestOptions::default().enabled(true))
                    .node_to_node_encryption_options(
                        NodeToNodeEncryptionOptions::default().enabled(true),
                    )
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
                                MasterUserOptions::default().master_user_arn(app_role.arn()),
                            ),
                    )
                    .access_policies(access_policy)
            },
        ),
        allow_delete,
    ))?;
    Ok(Search { domain })
}
