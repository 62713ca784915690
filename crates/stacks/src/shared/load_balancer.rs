//! What the stacks' configs say about their load balancers (the builder
//! is `patterns::load_balancer`): the certificate ARN's shape, and whether
//! access logs are written and for how long.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A certificate ARN of ACM, for `CertificateArn` parameters and configs.
pub const CERTIFICATE_ARN_PATTERN: &str =
    r"^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate/[0-9a-f-]{36}$";

/// Whether the load balancer writes access logs (a line per request: who,
/// what, how long, which target answered), and for how long they are kept.
/// On by default: they are what an incident review starts from, and
/// Control Tower's CT.ELASTICLOADBALANCING.PR.6 refuses a load balancer
/// without them.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AccessLogsConfig {
    /// Write access logs to the stack's bucket `LoadBalancerLogBucket`.
    #[serde(default = "access_logs_enabled")]
    pub enabled: bool,
    /// Days a log file is kept before S3 deletes it.
    #[serde(default = "access_log_days")]
    #[schemars(range(min = 1, max = 3650))]
    pub expiration_days: u32,
}

fn access_logs_enabled() -> bool {
    true
}

fn access_log_days() -> u32 {
    90
}

impl Default for AccessLogsConfig {
    fn default() -> Self {
        AccessLogsConfig {
            enabled: access_logs_enabled(),
            expiration_days: access_log_days(),
        }
    }
}

impl AccessLogsConfig {
    /// The days logs are kept, when they are written at all.
    pub fn expiration(&self) -> Option<u32> {
        self.enabled.then_some(self.expiration_days)
    }
}
