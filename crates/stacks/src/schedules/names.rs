//! Physical names and logical IDs, all derived from the system name
//! (`IntervalProcessing` by default) and the process names, and the checks
//! that keep each one within its service's limits.
//!
//! The seed spells the system two ways, and so does this stack:
//!
//! | what | name (default system, process `FileGeneration`) |
//! | --- | --- |
//! | ECS cluster, ECR repository | `intervalprocessing` |
//! | S3 bucket | `intervalprocessing-<account id>` |
//! | IAM group, user | `intervalprocessingusers`, `intervalprocessingbackend` |
//! | IAM roles | `IntervalProcessing-TaskExecution`, `IntervalProcessing-Scheduler` |
//! | security group | `intervalprocessing-tasks` |
//! | task family | `IntervalProcessing-FileGeneration` |
//! | container | `intervalprocessing-filegeneration` |
//! | log group | `/ecs/IntervalProcessing-FileGeneration` |
//! | schedule | `Run-IntervalProcessing-FileGeneration` |
//! | `processToRun` | `FileGenerationProcesses` |
//! | logical IDs | `FileGenerationTaskDefinition`, `FileGenerationLogGroup`, `FileGenerationSchedule` |
//!
//! Deviation from the seed: the bucket name ends in the account ID. Bucket
//! names are global, `intervalprocessing` is long taken, and a predictable
//! name could be claimed first by another account.
//!
//! System and process names are PascalCase letters and digits: that makes
//! every derived name valid for every service (the lowercase form fits S3,
//! ECR and ECS) and every logical ID alphanumeric, and the logical IDs
//! depend on the name alone, never on a process's position in the list.
//! Lengths are checked per derived name, so the error names the limit that
//! binds: the schedule name (64 characters) is the usual one.

use constructs::{fns, Expr};

/// The system name's rule: PascalCase letters and digits, at least two
/// characters (ECR repository names have at least two).
pub const SYSTEM_NAME_PATTERN: &str = "^[A-Z][A-Za-z0-9]+$";
/// A process name's rule: PascalCase letters and digits.
pub const PROCESS_NAME_PATTERN: &str = "^[A-Z][A-Za-z0-9]*$";

/// Task definition ARNs, up to the family.
const TASK_DEFINITION_ARN_PREFIX: &str =
    "arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:task-definition/";

/// The placeholder CloudFormation replaces with the 12-digit account ID.
const ACCOUNT_ID: &str = "${AWS::AccountId}";
const ACCOUNT_ID_LEN: usize = 12;

/// The physical names of one system's resources.
#[derive(Debug, Clone)]
pub struct Names {
    system: String,
    lower: String,
}

/// A derived name that may be too long: what it is, its length once
/// deployed, and its service's limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LengthCheck {
    /// What the name is, as errors say it, e.g. `S3 bucket name`.
    pub what: &'static str,
    /// The name as the template writes it, placeholders included.
    pub name: String,
    /// Its length once deployed, with `${AWS::AccountId}` counted as 12
    /// characters.
    pub deployed_len: usize,
    /// The longest name the service accepts.
    pub max_len: usize,
}

impl LengthCheck {
    fn new(what: &'static str, name: String, max_len: usize) -> Self {
        let deployed_len = match name.strip_suffix(ACCOUNT_ID) {
            Some(rest) => rest.len() + ACCOUNT_ID_LEN,
            None => name.len(),
        };
        LengthCheck {
            what,
            name,
            deployed_len,
            max_len,
        }
    }

    /// Whether the deployed name is within its service's limit.
    pub fn fits(&self) -> bool {
        self.deployed_len <= self.max_len
    }
}

impl Names {
    /// Names for a system name that matches [`SYSTEM_NAME_PATTERN`].
    pub fn new(system: &str) -> Self {
        Names {
            system: system.to_string(),
            lower: system.to_ascii_lowercase(),
        }
    }

    /// The system name as given, e.g. `IntervalProcessing`.
    pub fn system(&self) -> &str {
        &self.system
    }

    /// The CloudFormation stack's name: the system name in kebab case
    /// (`IntervalProcessing` deploys as `interval-processing`).
    pub fn stack(&self) -> String {
        let mut stack = String::new();
        let mut previous_lower = false;
        for c in self.system.chars() {
            if c.is_ascii_uppercase() && previous_lower {
                stack.push('-');
            }
            previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
            stack.push(c.to_ascii_lowercase());
        }
        stack
    }

    /// The ECS cluster's name.
    pub fn cluster(&self) -> String {
        self.lower.clone()
    }

    /// The ECR repository's name (private or public).
    pub fn repository(&self) -> String {
        self.lower.clone()
    }

    fn bucket_template(&self) -> String {
        format!("{}-{ACCOUNT_ID}", self.lower)
    }

    /// The bucket's name, `!Sub` with the account ID.
    pub fn bucket(&self) -> Expr<String> {
        fns::sub(self.bucket_template())
    }

    /// The seed's IAM group, whose inline policies reach the bucket and the
    /// repository (`intervalprocessingusers`).
    pub fn group(&self) -> String {
        format!("{}users", self.lower)
    }

    /// The seed's backend IAM user, a member of the group
    /// (`intervalprocessingbackend`).
    pub fn user(&self) -> String {
        format!("{}backend", self.lower)
    }

    /// The role ECS pulls images and writes logs with
    /// (`IntervalProcessing-TaskExecution`).
    pub fn execution_role(&self) -> String {
        format!("{}-TaskExecution", self.system)
    }

    /// The role EventBridge Scheduler starts the tasks with
    /// (`IntervalProcessing-Scheduler`).
    pub fn scheduler_role(&self) -> String {
        format!("{}-Scheduler", self.system)
    }

    /// The tasks' security group.
    pub fn security_group(&self) -> String {
        format!("{}-tasks", self.lower)
    }

    /// A prefix for the `Name` tags of network resources.
    pub fn network(&self) -> &str {
        &self.lower
    }

    /// The name of an inline IAM policy, in the seed's style
    /// (`IntervalProcessingECRAccess`).
    pub fn policy(&self, purpose: &str) -> String {
        format!("{}{purpose}", self.system)
    }

    /// A process's task family, `<System>-<Process>`.
    pub fn family(&self, process: &str) -> String {
        format!("{}-{process}", self.system)
    }

    /// The family's ARN without a revision, which ECS resolves to the
    /// family's latest revision (the console's "Latest").
    pub fn family_arn(&self, process: &str) -> Expr<String> {
        fns::sub(format!(
            "{TASK_DEFINITION_ARN_PREFIX}{}",
            self.family(process)
        ))
    }

    /// Every revision of the family.
    pub fn family_revisions_arn(&self, process: &str) -> Expr<String> {
        fns::sub(format!(
            "{TASK_DEFINITION_ARN_PREFIX}{}:*",
            self.family(process)
        ))
    }

    /// A process's container, in lowercase
    /// (`intervalprocessing-filegeneration`).
    pub fn container(&self, process: &str) -> String {
        format!("{}-{}", self.lower, process.to_ascii_lowercase())
    }

    /// A process's log group, `/ecs/<family>`.
    pub fn log_group(&self, process: &str) -> String {
        format!("/ecs/{}", self.family(process))
    }

    /// A process's schedule, `Run-<family>`.
    pub fn schedule(&self, process: &str) -> String {
        format!("Run-{}", self.family(process))
    }

    /// The names that depend on the system name alone.
    pub fn system_lengths(&self) -> Vec<LengthCheck> {
        vec![
            LengthCheck::new("S3 bucket name", self.bucket_template(), 63),
            LengthCheck::new("IAM user name", self.user(), 64),
            LengthCheck::new("IAM group name", self.group(), 128),
            LengthCheck::new("IAM role name", self.execution_role(), 64),
            LengthCheck::new("IAM role name", self.scheduler_role(), 64),
            LengthCheck::new("ECR repository name", self.repository(), 256),
            LengthCheck::new("ECS cluster name", self.cluster(), 255),
            LengthCheck::new("security group name", self.security_group(), 255),
        ]
    }

    /// The names that depend on a process name too.
    pub fn process_lengths(&self, process: &str) -> Vec<LengthCheck> {
        vec![
            LengthCheck::new("EventBridge schedule name", self.schedule(process), 64),
            LengthCheck::new("ECS task family", self.family(process), 255),
            LengthCheck::new("container name", self.container(process), 255),
            LengthCheck::new("CloudWatch log group name", self.log_group(process), 512),
            LengthCheck::new(
                "logical ID",
                logical_id(process, TASK_DEFINITION_SUFFIX),
                255,
            ),
        ]
    }
}

/// `processToRun`, the key the application switches on (`FileGenerationProcesses`).
pub fn process_to_run(process: &str) -> String {
    format!("{process}Processes")
}

/// The longest logical-ID suffix, for the length check.
const TASK_DEFINITION_SUFFIX: &str = "TaskDefinition";

/// A per-process logical ID: the process name, then what the resource is.
pub fn logical_id(process: &str, suffix: &str) -> String {
    format!("{process}{suffix}")
}

/// The logical ID of a process's task definition, e.g.
/// `FileGenerationTaskDefinition`.
pub fn task_definition_id(process: &str) -> String {
    logical_id(process, TASK_DEFINITION_SUFFIX)
}

/// The logical ID of a process's log group, e.g. `FileGenerationLogGroup`.
pub fn log_group_id(process: &str) -> String {
    logical_id(process, "LogGroup")
}

/// The logical ID of a process's schedule, e.g. `FileGenerationSchedule`.
pub fn schedule_id(process: &str) -> String {
    logical_id(process, "Schedule")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seeds_names() {
        let names = Names::new("IntervalProcessing");
        assert_eq!(names.cluster(), "intervalprocessing");
        assert_eq!(names.group(), "intervalprocessingusers");
        assert_eq!(names.user(), "intervalprocessingbackend");
        assert_eq!(
            names.family("FileGeneration"),
            "IntervalProcessing-FileGeneration"
        );
        assert_eq!(
            names.container("FileGeneration"),
            "intervalprocessing-filegeneration"
        );
        assert_eq!(
            names.log_group("FileGeneration"),
            "/ecs/IntervalProcessing-FileGeneration"
        );
        assert_eq!(
            names.schedule("FileGeneration"),
            "Run-IntervalProcessing-FileGeneration"
        );
        assert_eq!(process_to_run("FileGeneration"), "FileGenerationProcesses");
        assert_eq!(names.policy("ECRAccess"), "IntervalProcessingECRAccess");
    }

    #[test]
    fn the_schedule_name_binds_process_names() {
        let names = Names::new("IntervalProcessing");
        // 64 - "Run-IntervalProcessing-".len()
        let longest = format!("A{}", "a".repeat(40));
        assert!(names
            .process_lengths(&longest)
            .iter()
            .all(LengthCheck::fits));
        let too_long = format!("{longest}a");
        let broken: Vec<_> = names
            .process_lengths(&too_long)
            .into_iter()
            .filter(|check| !check.fits())
            .collect();
        assert_eq!(broken.len(), 1);
        assert_eq!(broken[0].what, "EventBridge schedule name");
        assert_eq!(broken[0].deployed_len, 65);
    }

    #[test]
    fn the_bucket_counts_the_account_id() {
        let checks = Names::new("IntervalProcessing").system_lengths();
        assert_eq!(checks[0].what, "S3 bucket name");
        assert_eq!(checks[0].deployed_len, "intervalprocessing-".len() + 12);
        let long = format!("A{}", "a".repeat(50));
        let bucket = &Names::new(&long).system_lengths()[0];
        assert!(!bucket.fits(), "{bucket:?}");
    }
}
