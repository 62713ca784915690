//! What an operator chooses for the interval-processing system, as a config
//! file checked against the JSON Schema generated from these types
//! (`synth schema schedules`), then against the rules a schema cannot
//! express ([`super::rules`]).
//!
//! Everything has a default: no config at all is the seed's system, with
//! its five processes. A config changes the template's shape (which
//! processes exist, whether a VPC is created); values only the deployer
//! knows (an existing VPC's IDs, the image tag) are CloudFormation
//! parameters, see the module `parameters`.

use framework::config::Problem;
use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::names::{PROCESS_NAME_PATTERN, SYSTEM_NAME_PATTERN};
use crate::shared::RetentionDays;

/// The interval-processing system's options.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct SchedulesConfig {
    /// The system's name, PascalCase letters and digits. Every physical name
    /// derives from it: `IntervalProcessing-<Process>` task families, the
    /// `intervalprocessing` cluster and repository, and so on. Change it to
    /// run a second copy (say `IntervalProcessingStaging`) in one account.
    #[schemars(regex = "SYSTEM_NAME_PATTERN", length(max = 50))]
    pub name: String,
    /// The scheduled processes: one task definition, log group and schedule
    /// each. Listing processes replaces the default five, so list every
    /// process the system should run. At most 20: the scheduler role's
    /// policy names every task family, and IAM caps a role's inline
    /// policies at 10,240 characters.
    #[schemars(length(min = 1, max = 20))]
    pub processes: Vec<ProcessConfig>,
    /// Where the tasks run: a new VPC, or an existing one such as the
    /// account's default VPC (as the seed does).
    pub network: NetworkMode,
    /// Create the schedules enabled. The seed creates them disabled and
    /// enables them once a manual run of each task succeeded.
    pub schedules_enabled: bool,
    /// Days CloudWatch keeps each process's logs.
    pub log_retention_days: RetentionDays,
    /// Turn the bucket's S3 Block Public Access settings off, as the seed
    /// does for the free tier. The bucket still grants nothing publicly,
    /// but a bucket policy could then make objects public. `synth` warns.
    pub public_bucket: bool,
    /// Use an ECR Public repository (`public.ecr.aws/<alias>/<name>`, which
    /// anyone can pull from) instead of a private one, as the seed does for
    /// the free tier. ECR Public exists only in us-east-1. `synth` warns.
    pub public_repository: bool,
    /// Delete the bucket, the repository (with its images) and the log
    /// groups with the stack, or when an update replaces them. By default
    /// they are retained, so deleting the stack never deletes files, images
    /// or logs.
    pub allow_delete_resources: bool,
}

/// Where the tasks' private subnet lives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum NetworkMode {
    /// A new VPC with an internet gateway, a public subnet holding the NAT
    /// gateway, and the private subnet (parameters `VpcCidr`,
    /// `PublicSubnetCidr`, `PrivateSubnetCidr`, all with defaults).
    #[default]
    CreateVpc,
    /// An existing VPC (parameter `VpcId`) and one of its public subnets
    /// (`PublicSubnetId`, e.g. a default subnet of the default VPC) for the
    /// NAT gateway; the stack adds the private subnet (`PrivateSubnetCidr`).
    ExistingVpc,
}

/// One scheduled process: a Fargate task definition and the schedule that
/// runs it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProcessConfig {
    /// PascalCase letters and digits, e.g. `NightlyDataChange`: the task
    /// family is `IntervalProcessing-<name>`, `processToRun` is
    /// `<name>Processes`, and logical IDs start with it.
    #[schemars(regex = "PROCESS_NAME_PATTERN", length(max = 64))]
    pub name: String,
    /// When it runs, as EventBridge Scheduler takes it:
    /// `cron(minutes hours day-of-month month day-of-week year)` with `?`
    /// in exactly one of day-of-month and day-of-week, e.g.
    /// `cron(0 2 * * ? *)` for 02:00 every day.
    #[schemars(regex = "CRON_PATTERN")]
    pub cron: String,
    /// The IANA time zone the cron expression is read in, e.g.
    /// `America/New_York`; EventBridge Scheduler follows its daylight
    /// saving changes.
    #[serde(default = "default_time_zone")]
    #[schemars(regex = "TIME_ZONE_PATTERN", length(max = 50))]
    pub time_zone: String,
    /// CPU units (1024 is one vCPU); Fargate's sizes only.
    #[serde(default = "default_cpu")]
    #[schemars(schema_with = "crate::shared::fargate::cpu_schema")]
    pub cpu: u32,
    /// Memory in MiB; it must be a size Fargate offers with `cpu` (with
    /// 1024 CPU units: 2048 to 8192 in steps of 1024).
    #[serde(default = "default_memory")]
    #[schemars(range(min = 512, max = 122880))]
    pub memory: u32,
    /// Task storage in GiB (Fargate gives 20 without asking; 21 to 200).
    #[serde(rename = "ephemeralStorageGiB", default = "default_ephemeral_storage")]
    #[schemars(range(min = 21, max = 200))]
    pub ephemeral_storage_gib: u32,
    /// How often EventBridge Scheduler retries starting the task when ECS
    /// refuses it (the seed recommends 3).
    #[serde(default = "default_retry_attempts")]
    #[schemars(range(min = 0, max = 185))]
    pub retry_attempts: u32,
    /// How long EventBridge Scheduler keeps retrying, in seconds. It may not
    /// exceed the shortest interval between two runs (else a retry could
    /// start after the next scheduled run), and defaults to that interval
    /// (at most a day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 60, max = 86400))]
    pub maximum_event_age_seconds: Option<u32>,
    /// Extra environment variables for the container, besides
    /// `processToRun` (which is set from the name and cannot be given).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub environment: BTreeMap<String, String>,
}

/// The rules the schema cannot express, checked when the config is loaded.
impl framework::config::Validate for SchedulesConfig {
    /// Each process's firing interval and retry window, which the
    /// schedules are built from.
    type Facts = Vec<super::rules::Timing>;

    fn check(&self) -> Result<Self::Facts, Vec<Problem>> {
        super::rules::check(self)
    }
}

/// Roughly the cron form; [`super::cron`] checks the fields.
pub const CRON_PATTERN: &str = r"^cron\(.*\)$";
/// IANA time zone names: `UTC`, `Europe/Berlin`, `America/Argentina/Buenos_Aires`, `Etc/GMT+5`.
pub const TIME_ZONE_PATTERN: &str = "^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$";

/// The seed's processes, in the seed's order.
///
/// The seed gives no schedule for FileGeneration; it runs daily at 03:00,
/// an hour after NightlyDataChange, so the files it generates include the
/// night's data changes and are ready before the working day.
pub fn seed_processes() -> Vec<ProcessConfig> {
    [
        ("FileGeneration", "cron(0 3 * * ? *)"),
        ("NightlyDataChange", "cron(0 2 * * ? *)"),
        ("HourlyDataChange", "cron(0 * * * ? *)"),
        ("HalfHourlyDataChange", "cron(0/30 * * * ? *)"),
        ("QuarterHourlyDataChange", "cron(0/15 * * * ? *)"),
    ]
    .into_iter()
    .map(|(name, cron)| ProcessConfig::new(name, cron))
    .collect()
}

impl ProcessConfig {
    /// A process with every default: 1 vCPU, 3 GB, 21 GiB, 3 retries, UTC.
    pub fn new(name: &str, cron: &str) -> Self {
        ProcessConfig {
            name: name.to_string(),
            cron: cron.to_string(),
            time_zone: default_time_zone(),
            cpu: default_cpu(),
            memory: default_memory(),
            ephemeral_storage_gib: default_ephemeral_storage(),
            retry_attempts: default_retry_attempts(),
            maximum_event_age_seconds: None,
            environment: BTreeMap::new(),
        }
    }
}

impl Default for SchedulesConfig {
    fn default() -> Self {
        SchedulesConfig {
            name: "IntervalProcessing".to_string(),
            processes: seed_processes(),
            network: NetworkMode::default(),
            schedules_enabled: false,
            log_retention_days: RetentionDays::default(),
            public_bucket: false,
            public_repository: false,
            allow_delete_resources: false,
        }
    }
}

/// The seed's "your timezone": UTC until the operator says otherwise.
fn default_time_zone() -> String {
    "UTC".to_string()
}

/// The seed's 1 vCPU.
fn default_cpu() -> u32 {
    1024
}

/// The seed's 3 GB.
fn default_memory() -> u32 {
    3072
}

/// The seed's 21 GiB.
fn default_ephemeral_storage() -> u32 {
    21
}

/// The seed's recommended 3 retries.
fn default_retry_attempts() -> u32 {
    3
}

#[cfg(test)]
mod tests {
    use super::*;
    use framework::config;
    use framework::StackError;

    fn problems(text: &str) -> Vec<String> {
        match config::parse::<SchedulesConfig>(text, "s.yaml") {
            Err(StackError::Config { problems, .. }) => problems,
            other => panic!("{text:?} should be rejected, got {other:?}"),
        }
    }

    #[test]
    fn an_empty_config_is_the_seed() {
        let config = config::parse::<SchedulesConfig>("", "s.yaml")
            .unwrap()
            .into_inner();
        assert_eq!(config, SchedulesConfig::default());
        let names: Vec<&str> = config.processes.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "FileGeneration",
                "NightlyDataChange",
                "HourlyDataChange",
                "HalfHourlyDataChange",
                "QuarterHourlyDataChange"
            ]
        );
    }

    #[test]
    fn a_process_needs_only_a_name_and_a_cron() {
        let config = config::parse::<SchedulesConfig>(
            "processes:\n  - {name: Weekly, cron: 'cron(0 6 ? * MON *)'}\n",
            "s.yaml",
        )
        .unwrap()
        .into_inner();
        assert_eq!(
            config.processes,
            [ProcessConfig::new("Weekly", "cron(0 6 ? * MON *)")]
        );
    }

    #[test]
    fn every_field_round_trips() {
        let text = "\
name: ReportJobs
network: existingVpc
schedulesEnabled: true
logRetentionDays: 90
publicBucket: true
publicRepository: true
allowDeleteResources: true
processes:
  - name: Nightly
    cron: cron(30 1 * * ? *)
    timeZone: Europe/Berlin
    cpu: 2048
    memory: 8192
    ephemeralStorageGiB: 50
    retryAttempts: 5
    maximumEventAgeSeconds: 3600
    environment: {LOG_LEVEL: debug}
";
        let parsed = config::parse::<SchedulesConfig>(text, "s.yaml")
            .unwrap()
            .into_inner();
        assert_eq!(parsed.network, NetworkMode::ExistingVpc);
        assert_eq!(parsed.processes[0].ephemeral_storage_gib, 50);
        assert_eq!(parsed.processes[0].maximum_event_age_seconds, Some(3600));
        let again = serde_json::to_string(&parsed).unwrap();
        assert_eq!(
            config::parse::<SchedulesConfig>(&again, "s.json")
                .unwrap()
                .into_inner(),
            parsed
        );
    }

    #[test]
    fn schema_problems_name_the_field() {
        let problems = problems(
            "name: interval\nnetwork: sideways\nprocesses:\n  - name: Nightly\n    \
             cron: 0 2 * * ? *\n    cpu: 1000\n    ephemeralStorageGiB: 20\n    \
             retryAttempts: 200\n    timeZone: 'Not a zone'\n    colour: blue\n",
        );
        for expected in [
            "/name",
            "/network",
            "/processes/0/cron",
            "/processes/0/cpu",
            "/processes/0/ephemeralStorageGiB",
            "/processes/0/retryAttempts",
            "/processes/0/timeZone",
            "colour",
        ] {
            assert!(
                problems.iter().any(|p| p.contains(expected)),
                "{expected} missing from {problems:#?}"
            );
        }
    }

    #[test]
    fn a_key_given_twice_is_refused_not_overridden() {
        let problems = problems("schedulesEnabled: true\nschedulesEnabled: false\n");
        assert!(
            problems[0].contains("gives the key \"schedulesEnabled\" twice"),
            "{problems:?}"
        );
    }

    #[test]
    fn at_least_one_process() {
        let problems = problems("processes: []\n");
        assert!(problems[0].starts_with("/processes"), "{problems:?}");
    }
}
