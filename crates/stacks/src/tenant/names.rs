//! Physical names, all derived from the tenant name, and the one check that
//! keeps every one of them valid.
//!
//! Each AWS service has its own naming rules; rather than checking each
//! derived name after the fact, the tenant name is held to the strictest of
//! them once, up front. The character set is S3's (lowercase letters,
//! digits, hyphens; starting and ending with a letter or digit), which also
//! fits SQS, IAM, ECS, Secrets Manager, CloudWatch Logs and DNS labels. The
//! maximum length is computed from [`DERIVED_NAMES`]: each service's limit
//! minus the prefix and suffix this stack adds, so a longer suffix tightens
//! the rule automatically and the error names the service that binds.
//!
//! Naming scheme (`acme` as the tenant):
//!
//! | what | name |
//! | --- | --- |
//! | S3 bucket | `askedgi-acme-data-<account id>` |
//! | SQS queues (seed: `{PREFIX}_data_sync_queue`) | `acme_data_sync_queue`, `acme_ai_functions_queue` and their `_dlq` dead-letter queues |
//! | IAM users | `askedgi-acme-edgi-user`, `askedgi-acme-bridge-user` |
//! | IAM roles | `askedgi-acme-task-role`, `askedgi-acme-execution-role` |
//! | ECS task families | `acme-data-service`, `acme-data-service-medium`, `acme-data-service-xl` |
//! | ECS cluster | `askedgi-acme` |
//! | Cloud Map namespace | `acme.askedgi.internal` |
//! | log group | `/askedgi/acme/data-service` |
//! | secrets | `askedgi/acme/edgi-user-access-key`, `askedgi/acme/bridge-user-access-key` |
//!
//! The bucket name ends in the account ID because bucket names are global:
//! a predictable name could be claimed first by another account, which
//! would then receive this tenant's uploads.

use constructs::{fns, Expr};

use framework::error::StackError;

/// The placeholder CloudFormation replaces with the 12-digit account ID.
const ACCOUNT_ID: &str = "${AWS::AccountId}";
/// How many characters [`ACCOUNT_ID`] becomes at deploy time.
const ACCOUNT_ID_LEN: usize = 12;

/// One physical name: `{prefix}{tenant}{suffix}`, at most `max_len`
/// characters once deployed.
#[derive(Debug, Clone, Copy)]
pub struct DerivedName {
    /// What the name is, for error messages: "S3 bucket name".
    pub what: &'static str,
    /// Added before the tenant name, e.g. `askedgi-`.
    pub prefix: &'static str,
    /// May end in `${AWS::AccountId}` (then the name is a `!Sub` template).
    pub suffix: &'static str,
    /// The service's limit on the whole name.
    pub max_len: usize,
}

impl DerivedName {
    /// The name for `tenant`, as written in the template.
    pub fn of(&self, tenant: &str) -> String {
        format!("{}{tenant}{}", self.prefix, self.suffix)
    }

    /// The longest tenant name that keeps this name within its limit.
    const fn room(&self) -> usize {
        let mut added = self.prefix.len() + self.suffix.len();
        if ends_with_account_id(self.suffix) {
            added = added - ACCOUNT_ID.len() + ACCOUNT_ID_LEN;
        }
        self.max_len - added
    }
}

const fn ends_with_account_id(text: &str) -> bool {
    let (text, tail) = (text.as_bytes(), ACCOUNT_ID.as_bytes());
    if text.len() < tail.len() {
        return false;
    }
    let start = text.len() - tail.len();
    let mut i = 0;
    while i < tail.len() {
        if text[start + i] != tail[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The data bucket, `askedgi-<tenant>-data-<account id>`.
pub const BUCKET: DerivedName = DerivedName {
    what: "S3 bucket name",
    prefix: "askedgi-",
    suffix: "-data-${AWS::AccountId}",
    max_len: 63,
};
/// The queue the bucket's object-created events go to, in the seed's
/// `{PREFIX}_data_sync_queue` form.
pub const DATA_SYNC_QUEUE: DerivedName = DerivedName {
    what: "SQS queue name",
    prefix: "",
    suffix: "_data_sync_queue",
    max_len: 80,
};
/// Where data-sync messages go after `maxReceiveCount` failed receives.
pub const DATA_SYNC_DEAD_LETTER_QUEUE: DerivedName = DerivedName {
    what: "SQS queue name",
    prefix: "",
    suffix: "_data_sync_queue_dlq",
    max_len: 80,
};
/// The AI functions queue (`EDGI_AI_FUNCTION_QUEUE`).
pub const AI_FUNCTIONS_QUEUE: DerivedName = DerivedName {
    what: "SQS queue name",
    prefix: "",
    suffix: "_ai_functions_queue",
    max_len: 80,
};
/// Where AI-functions messages go after `maxReceiveCount` failed receives.
pub const AI_FUNCTIONS_DEAD_LETTER_QUEUE: DerivedName = DerivedName {
    what: "SQS queue name",
    prefix: "",
    suffix: "_ai_functions_queue_dlq",
    max_len: 80,
};
/// The AskEdgi user, whose access key the UI and Job tasks use.
pub const EDGI_USER: DerivedName = DerivedName {
    what: "IAM user name",
    prefix: "askedgi-",
    suffix: "-edgi-user",
    max_len: 64,
};
/// The bridge user, whose access key the bridge server and client upload
/// with.
pub const BRIDGE_USER: DerivedName = DerivedName {
    what: "IAM user name",
    prefix: "askedgi-",
    suffix: "-bridge-user",
    max_len: 64,
};
/// The data service's task role: the application's permissions.
pub const TASK_ROLE: DerivedName = DerivedName {
    what: "IAM role name",
    prefix: "askedgi-",
    suffix: "-task-role",
    max_len: 64,
};
/// The data service's execution role: ECS's permissions to pull the image
/// and ship logs.
pub const EXECUTION_ROLE: DerivedName = DerivedName {
    what: "IAM role name",
    prefix: "askedgi-",
    suffix: "-execution-role",
    max_len: 64,
};
/// ECS allows 255 characters, but OvalEdge uses the family name as the
/// workspace host (`EDGI_WORKSPACE_HOST`), so it is held to a DNS label's 63.
pub const DATA_SERVICE_FAMILY: DerivedName = DerivedName {
    what: "ECS task family (also a DNS label)",
    prefix: "",
    suffix: "-data-service",
    max_len: 63,
};
/// The medium data-service family (1 vCPU, 8 GB), a DNS label like the
/// standard one.
pub const DATA_SERVICE_MEDIUM_FAMILY: DerivedName = DerivedName {
    what: "ECS task family (also a DNS label)",
    prefix: "",
    suffix: "-data-service-medium",
    max_len: 63,
};
/// The XL data-service family (2 vCPU, 16 GB), a DNS label like the
/// standard one.
pub const DATA_SERVICE_XL_FAMILY: DerivedName = DerivedName {
    what: "ECS task family (also a DNS label)",
    prefix: "",
    suffix: "-data-service-xl",
    max_len: 63,
};
/// The ECS cluster the data-service tasks run in (`EDGI_CLUSTER_NAME`).
pub const CLUSTER: DerivedName = DerivedName {
    what: "ECS cluster name",
    prefix: "askedgi-",
    suffix: "",
    max_len: 255,
};
/// The tenant is the namespace's first DNS label.
pub const NAMESPACE: DerivedName = DerivedName {
    what: "Cloud Map namespace's first DNS label",
    prefix: "",
    suffix: "",
    max_len: 63,
};
/// The rest of the namespace name after the tenant's label.
const NAMESPACE_DOMAIN: &str = ".askedgi.internal";
/// The data service's log group.
pub const LOG_GROUP: DerivedName = DerivedName {
    what: "CloudWatch log group name",
    prefix: "/askedgi/",
    suffix: "/data-service",
    max_len: 512,
};
/// The secret holding the AskEdgi user's access key.
pub const EDGI_USER_SECRET: DerivedName = DerivedName {
    what: "Secrets Manager secret name",
    prefix: "askedgi/",
    suffix: "/edgi-user-access-key",
    max_len: 512,
};
/// The secret holding the bridge user's access key.
pub const BRIDGE_USER_SECRET: DerivedName = DerivedName {
    what: "Secrets Manager secret name",
    prefix: "askedgi/",
    suffix: "/bridge-user-access-key",
    max_len: 512,
};
/// Prefix of the security group's name and the network resources' `Name`
/// tags (EC2 allows 255 characters).
pub const NETWORK: DerivedName = DerivedName {
    what: "security group name",
    prefix: "askedgi-",
    suffix: "-edgi-data",
    max_len: 255,
};
/// The CloudFormation stack (and stack set) the tenant is deployed as:
/// what `synth tenant` documents, the fleet's files are named after, and
/// `synth fleet --diff-against` reads tenant names back from.
pub const STACK: DerivedName = DerivedName {
    what: "CloudFormation stack name",
    prefix: "askedgi-",
    suffix: "",
    max_len: 128,
};

/// Every physical name the stack derives from the tenant name.
pub const DERIVED_NAMES: &[DerivedName] = &[
    STACK,
    BUCKET,
    DATA_SYNC_QUEUE,
    DATA_SYNC_DEAD_LETTER_QUEUE,
    AI_FUNCTIONS_QUEUE,
    AI_FUNCTIONS_DEAD_LETTER_QUEUE,
    EDGI_USER,
    BRIDGE_USER,
    TASK_ROLE,
    EXECUTION_ROLE,
    DATA_SERVICE_FAMILY,
    DATA_SERVICE_MEDIUM_FAMILY,
    DATA_SERVICE_XL_FAMILY,
    CLUSTER,
    NAMESPACE,
    LOG_GROUP,
    EDGI_USER_SECRET,
    BRIDGE_USER_SECRET,
    NETWORK,
];

/// The derived name that leaves the tenant the least room.
const fn tightest() -> DerivedName {
    let mut tightest = DERIVED_NAMES[0];
    let mut i = 1;
    while i < DERIVED_NAMES.len() {
        if DERIVED_NAMES[i].room() < tightest.room() {
            tightest = DERIVED_NAMES[i];
        }
        i += 1;
    }
    tightest
}

/// The name whose length limit binds the tenant name.
const LENGTH_BINDING: DerivedName = tightest();

/// The longest valid tenant name.
pub const MAX_TENANT_NAME_LEN: usize = LENGTH_BINDING.room();

/// The tenant name rule as a regular expression, for errors and docs.
pub fn tenant_name_pattern() -> String {
    format!(
        "^[a-z0-9](?:[a-z0-9-]{{0,{}}}[a-z0-9])?$",
        MAX_TENANT_NAME_LEN - 2
    )
}

/// Checks a tenant name against the strictest rule of every name derived
/// from it, before anything is built.
pub fn validate_name(name: &str) -> Result<(), StackError> {
    let allowed = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-';
    let edge = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    let bytes = name.as_bytes();
    let charset_ok = bytes.iter().all(|&b| allowed(b)) && edge(bytes.first()) && edge(bytes.last());
    // S3's character rule is the strictest; the length rule comes from
    // whichever derived name leaves the least room.
    let culprit = if !charset_ok {
        BUCKET
    } else if name.len() > MAX_TENANT_NAME_LEN {
        LENGTH_BINDING
    } else {
        return Ok(());
    };
    Err(StackError::InvalidInput {
        field: "tenant name".to_string(),
        rule: format!(
            "must match {} (lowercase letters, digits and hyphens, starting and ending with a \
             letter or digit; at most {MAX_TENANT_NAME_LEN} characters) because it becomes the \
             {} {:?}, which may have at most {} characters",
            tenant_name_pattern(),
            culprit.what,
            framework::error::excerpt(&culprit.of(name), framework::error::MAX_QUOTED),
            culprit.max_len,
        ),
        given: name.to_string(),
    })
}

/// A tenant name that passed [`validate_name`]: the only kind the tenant
/// stack and its documents are made from, so none can skip the check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TenantName(String);

impl TenantName {
    /// Checks `name` with [`validate_name`]: the only way to make a tenant
    /// name.
    pub fn parse(name: &str) -> Result<Self, StackError> {
        validate_name(name)?;
        Ok(TenantName(name.to_string()))
    }

    /// The name, to derive names from and to print.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for TenantName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The physical names of one tenant's resources.
#[derive(Debug, Clone)]
pub struct Names {
    tenant: String,
}

impl Names {
    /// The names of `tenant`'s resources.
    pub fn new(tenant: &TenantName) -> Self {
        Names {
            tenant: tenant.as_str().to_string(),
        }
    }

    /// The tenant name; also the SQS client prefix (`EDGI_CLIENT_PREFIX`).
    pub fn tenant(&self) -> &str {
        &self.tenant
    }

    /// A derived name that holds no placeholder.
    pub fn literal(&self, name: DerivedName) -> String {
        debug_assert!(!name.suffix.contains("${"), "{} needs !Sub", name.what);
        name.of(&self.tenant)
    }

    /// The bucket name, `!Sub` with the account ID.
    pub fn bucket(&self) -> Expr<String> {
        fns::sub(BUCKET.of(&self.tenant))
    }

    /// The bucket's ARN, built from its name rather than taken from the
    /// bucket, so the queue policy the bucket depends on can name it.
    pub fn bucket_arn(&self) -> Expr<String> {
        fns::sub(format!(
            "arn:${{AWS::Partition}}:s3:::{}",
            BUCKET.of(&self.tenant)
        ))
    }

    /// The Cloud Map namespace this stack creates.
    pub fn namespace(&self) -> String {
        format!("{}{NAMESPACE_DOMAIN}", NAMESPACE.of(&self.tenant))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bucket_binds_the_length() {
        // 63 - "askedgi-".len() - "-data-".len() - 12 digits of account ID.
        assert_eq!(MAX_TENANT_NAME_LEN, 37);
        assert_eq!(LENGTH_BINDING.what, "S3 bucket name");
        assert_eq!(
            tenant_name_pattern(),
            "^[a-z0-9](?:[a-z0-9-]{0,35}[a-z0-9])?$"
        );
    }

    #[test]
    fn good_names_pass() {
        let longest = "a".repeat(MAX_TENANT_NAME_LEN);
        for name in [
            "acme",
            "a",
            "7",
            "acme-corp",
            "a1-b2-c3",
            "0acme9",
            &longest,
        ] {
            assert_eq!(validate_name(name), Ok(()), "{name}");
        }
    }

    #[test]
    fn bad_names_fail_with_field_rule_and_given() {
        let too_long = "a".repeat(MAX_TENANT_NAME_LEN + 1);
        for name in [
            "",
            "Acme",
            "acme_corp",
            "acme.corp",
            "-acme",
            "acme-",
            "acme corp",
            "ácme",
            &too_long,
        ] {
            let Err(StackError::InvalidInput { field, rule, given }) = validate_name(name) else {
                panic!("{name:?} should be rejected");
            };
            assert_eq!(field, "tenant name");
            assert_eq!(given, name);
            assert!(rule.contains(&tenant_name_pattern()), "{rule}");
            assert!(rule.contains("S3 bucket name"), "{rule}");
        }
    }

    #[test]
    fn the_error_explains_itself() {
        let error = validate_name("Acme_Corp").unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid tenant name \"Acme_Corp\": must match ^[a-z0-9](?:[a-z0-9-]{0,35}[a-z0-9])?$ \
             (lowercase letters, digits and hyphens, starting and ending with a letter or digit; \
             at most 37 characters) because it becomes the S3 bucket name \
             \"askedgi-Acme_Corp-data-${AWS::AccountId}\", which may have at most 63 characters"
        );
    }

    #[test]
    fn every_derived_name_of_the_longest_tenant_fits() {
        let longest = "a".repeat(MAX_TENANT_NAME_LEN);
        for name in DERIVED_NAMES {
            let deployed = name.of(&longest).replace(ACCOUNT_ID, "123456789012");
            assert!(deployed.len() <= name.max_len, "{} {deployed}", name.what);
        }
        assert!(
            Names::new(&TenantName::parse(&longest).unwrap())
                .namespace()
                .len()
                <= 253
        );
    }
}
