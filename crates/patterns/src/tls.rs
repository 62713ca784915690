//! Refusing plain HTTP: the statement every resource policy of the
//! platform starts from (buckets, queues).

use constructs::iam::{ConditionOperator, Principal, Statement};
use constructs::Expr;

/// Denies every request to `resources` that does not use TLS. The
/// condition value is the scalar `'false'`: Control Tower's CT.S3.PR.8
/// refuses a bucket policy whose value is the one-item list `['false']`.
pub fn deny_insecure_transport(
    action: &str,
    resources: impl IntoIterator<Item = Expr<String>>,
) -> Statement {
    Statement::deny()
        .sid("DenyInsecureTransport")
        .principal(Principal::Any)
        .actions([action])
        .resources(resources)
        .condition_value(ConditionOperator::Bool, "aws:SecureTransport", "false")
}
