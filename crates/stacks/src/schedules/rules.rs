//! The rules of a schedules config that its JSON Schema cannot express:
//! what a cron expression means, how long retries may go on, which memory
//! goes with which CPU, names unique across the list and short enough once
//! derived.
//!
//! Every problem is reported at once, in the schema's format:
//! `/processes/2/cron: "cron(0 2 * * * *)" is not a valid EventBridge cron
//! expression: ...`, the JSON pointer of the field, the value given and the
//! rule.
//!
//! Retries and daylight saving: EventBridge Scheduler follows the time
//! zone's clock, so on the night clocks go forward a daily 02:00 run comes
//! 23 hours after the previous one. Unless the zone is UTC, GMT or an
//! `Etc/` fixed offset, intervals longer than an hour are taken to be an
//! hour shorter: a retry window that fits then fits every night of the
//! year. (Time zone names are checked against the tz database, but which
//! zones observe daylight saving is not read from it; assuming any may
//! costs at most an hour of retry window.)

use std::collections::HashMap;

use super::config::{ProcessConfig, SchedulesConfig};
use super::cron::{Cron, Firings};
use super::names::{self, LengthCheck, Names};
use crate::shared::environment::{self, Runs};
use crate::shared::fargate;
use framework::config::{problem, Problem};

/// EventBridge Scheduler's longest retry window, a day.
pub const MAX_EVENT_AGE_SECONDS: u64 = 86_400;
/// The most a daylight saving change moves a clock.
const DAYLIGHT_SAVING_SHIFT_SECONDS: u64 = 3_600;
/// The key the stack sets from the process name.
pub const PROCESS_TO_RUN: &str = "processToRun";

/// What the checks work out for one process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timing {
    /// The least time between two runs, daylight saving included; `None`
    /// when the expression fires once.
    pub shortest_interval_seconds: Option<u64>,
    /// The retry window the schedule gets: the configured one, or the
    /// shortest interval capped at a day.
    pub maximum_event_age_seconds: u64,
}

/// Checks `config`; on success, the timing of each process in order.
pub fn check(config: &SchedulesConfig) -> Result<Vec<Timing>, Vec<Problem>> {
    let mut problems = Vec::new();
    let names = Names::new(&config.name);
    for check in names.system_lengths() {
        if !check.fits() {
            problems.push(too_long("/name", &config.name, &check));
        }
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut timings = Vec::new();
    for (index, process) in config.processes.iter().enumerate() {
        let at = |field: &str| format!("/processes/{index}/{field}");
        for check in names.process_lengths(&process.name) {
            if !check.fits() {
                problems.push(too_long(&at("name"), &process.name, &check));
            }
        }
        let first = *seen
            .entry(process.name.to_ascii_lowercase())
            .or_insert(index);
        if first != index {
            problems.push(problem(
                &at("name"),
                format!("{:?}", process.name),
                format!(
                    "repeats /processes/{first}/name {:?}; process names must be unique, \
                     ignoring case (container names are lowercase)",
                    config.processes[first].name
                ),
            ));
        }
        if let Some(sizes) = fargate::memory_sizes(process.cpu) {
            if !sizes.allows(process.memory) {
                problems.push(problem(
                    &at("memory"),
                    process.memory,
                    format!(
                        "is not a memory size Fargate offers with {} CPU units: use {sizes} MiB",
                        process.cpu
                    ),
                ));
            }
        }
        if process.time_zone.parse::<chrono_tz::Tz>().is_err() {
            problems.push(problem(
                &at("timeZone"),
                format!("{:?}", process.time_zone),
                "is not an IANA time zone name (the tz database's, as EventBridge Scheduler \
                 takes them): e.g. UTC, Europe/Berlin, America/New_York",
            ));
        }
        problems.extend(environment_problems(index, process));
        match timing(index, process) {
            Ok(timing) => timings.push(timing),
            Err(problem) => problems.push(problem),
        }
    }
    if problems.is_empty() {
        Ok(timings)
    } else {
        Err(problems)
    }
}

fn too_long(at: &str, given: &str, check: &LengthCheck) -> Problem {
    problem(
        at,
        format!("{given:?}"),
        format!(
            "is too long: it makes the {} {:?} ({} characters once deployed), which may have \
             at most {}",
            check.what, check.name, check.deployed_len, check.max_len
        ),
    )
}

/// The retry window of the process at `index`, or the problem with its
/// cron expression or configured window.
fn timing(index: usize, process: &ProcessConfig) -> Result<Timing, Problem> {
    let shortest = match Cron::parse(&process.cron).and_then(|cron| cron.firings()) {
        Err(error) => {
            return Err(problem(
                &format!("/processes/{index}/cron"),
                format!("{:?}", process.cron),
                format!("is not a valid EventBridge cron expression: {error}"),
            ))
        }
        Ok(Firings::Once) => None,
        Ok(Firings::Every {
            shortest_interval_seconds,
        }) => Some(shortest_interval_seconds),
    };
    let wall_clock = shortest;
    let shortest = shortest.map(|s| daylight_saving_proof(s, &process.time_zone));
    let configured = process.maximum_event_age_seconds.map(u64::from);
    match (configured, shortest) {
        (Some(age), Some(shortest)) if age > shortest => {
            let shifted = if wall_clock != Some(shortest) {
                " (less the hour a daylight saving change can take away)"
            } else {
                ""
            };
            Err(problem(
                &format!("/processes/{index}/maximumEventAgeSeconds"),
                age,
                format!(
                    "is longer than the {shortest} s between two runs of {:?} in {}{shifted}: \
                     a retry could start the task after the next scheduled run; use at most \
                     {shortest}",
                    process.cron, process.time_zone
                ),
            ))
        }
        _ => Ok(Timing {
            shortest_interval_seconds: shortest,
            maximum_event_age_seconds: configured.unwrap_or_else(|| {
                shortest.map_or(MAX_EVENT_AGE_SECONDS, |s| s.min(MAX_EVENT_AGE_SECONDS))
            }),
        }),
    }
}

/// The shortest interval as the time zone's clock may make it.
fn daylight_saving_proof(interval_seconds: u64, time_zone: &str) -> u64 {
    if may_observe_daylight_saving(time_zone) && interval_seconds > DAYLIGHT_SAVING_SHIFT_SECONDS {
        interval_seconds - DAYLIGHT_SAVING_SHIFT_SECONDS
    } else {
        interval_seconds
    }
}

/// False only for zones known to keep one offset all year.
fn may_observe_daylight_saving(time_zone: &str) -> bool {
    !matches!(
        time_zone,
        "UTC" | "GMT" | "UCT" | "Universal" | "Zulu" | "Greenwich"
    ) && !time_zone.starts_with("Etc/")
}

fn environment_problems(index: usize, process: &ProcessConfig) -> Vec<Problem> {
    let at = format!("/processes/{index}");
    let mut problems = Vec::new();
    if let Some(value) = process.environment.get(PROCESS_TO_RUN) {
        problems.push(problem(
            &format!("{at}/environment/{PROCESS_TO_RUN}"),
            format!("{value:?}"),
            format!(
                "cannot be set: the stack sets {PROCESS_TO_RUN}={} from the process name",
                names::process_to_run(&process.name)
            ),
        ));
    }
    problems.extend(environment::problems(
        &at,
        process
            .environment
            .keys()
            .filter(|name| name.as_str() != PROCESS_TO_RUN),
        &[],
        Runs::Container,
    ));
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedules::config::seed_processes;

    fn config_with(processes: Vec<ProcessConfig>) -> SchedulesConfig {
        SchedulesConfig {
            processes,
            ..SchedulesConfig::default()
        }
    }

    fn problems(config: &SchedulesConfig) -> Vec<String> {
        check(config)
            .expect_err("should be rejected")
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn the_seeds_retry_windows_are_their_intervals() {
        let ages: Vec<u64> = check(&SchedulesConfig::default())
            .unwrap()
            .iter()
            .map(|timing| timing.maximum_event_age_seconds)
            .collect();
        assert_eq!(ages, [86_400, 86_400, 3_600, 1_800, 900]);
    }

    #[test]
    fn daylight_saving_shortens_long_intervals() {
        let mut nightly = ProcessConfig::new("Nightly", "cron(0 2 * * ? *)");
        nightly.time_zone = "America/New_York".to_string();
        let mut quarterly = ProcessConfig::new("Quarterly", "cron(0/15 * * * ? *)");
        quarterly.time_zone = "Europe/Berlin".to_string();
        let mut fixed = ProcessConfig::new("Fixed", "cron(0 2 * * ? *)");
        fixed.time_zone = "Etc/GMT+5".to_string();
        let timings = check(&config_with(vec![nightly, quarterly, fixed])).unwrap();
        assert_eq!(timings[0].shortest_interval_seconds, Some(82_800));
        assert_eq!(timings[0].maximum_event_age_seconds, 82_800);
        assert_eq!(timings[1].maximum_event_age_seconds, 900);
        assert_eq!(timings[2].maximum_event_age_seconds, 86_400);
    }

    #[test]
    fn a_time_zone_must_be_in_the_tz_database() {
        let mut typo = ProcessConfig::new("Nightly", "cron(0 2 * * ? *)");
        typo.time_zone = "America/NewYork".to_string();
        assert_eq!(
            problems(&config_with(vec![typo])),
            [
                "/processes/0/timeZone: \"America/NewYork\" is not an IANA time zone name (the tz \
              database's, as EventBridge Scheduler takes them): e.g. UTC, Europe/Berlin, \
              America/New_York"
            ]
        );
    }

    #[test]
    fn a_retry_window_longer_than_the_interval_is_rejected() {
        let mut hourly = ProcessConfig::new("Hourly", "cron(0 * * * ? *)");
        hourly.maximum_event_age_seconds = Some(7200);
        let problems = problems(&config_with(vec![hourly.clone()]));
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].starts_with(
                "/processes/0/maximumEventAgeSeconds: 7200 is longer than the 3600 s between \
                 two runs of \"cron(0 * * * ? *)\" in UTC"
            ),
            "{problems:?}"
        );
        hourly.maximum_event_age_seconds = Some(3600);
        assert!(check(&config_with(vec![hourly])).is_ok(), "equal is fine");
    }

    #[test]
    fn a_one_off_may_retry_for_a_day() {
        let mut once = ProcessConfig::new("Once", "cron(0 12 25 12 ? 2030)");
        assert_eq!(
            check(&config_with(vec![once.clone()])).unwrap()[0],
            Timing {
                shortest_interval_seconds: None,
                maximum_event_age_seconds: 86_400
            }
        );
        once.maximum_event_age_seconds = Some(600);
        assert_eq!(
            check(&config_with(vec![once])).unwrap()[0].maximum_event_age_seconds,
            600
        );
    }

    #[test]
    fn every_problem_is_reported_with_its_pointer() {
        let mut processes = seed_processes();
        processes[1].cron = "cron(0 2 * * * *)".to_string();
        processes[2].memory = 3000;
        processes[3].name = "fileGENERATION".to_string();
        processes[4].name = "FileGeneration".to_string();
        processes[4]
            .environment
            .insert("processToRun".to_string(), "X".to_string());
        processes[4]
            .environment
            .insert("1BAD".to_string(), "x".to_string());
        let problems = problems(&config_with(processes));
        let expected = [
            "/processes/1/cron: \"cron(0 2 * * * *)\" is not a valid EventBridge cron \
             expression: has day-of-month \"*\" and day-of-week \"*\"; exactly one of them \
             must be \"?\"",
            "/processes/2/memory: 3000 is not a memory size Fargate offers with 1024 CPU \
             units: use 2048 to 8192 in steps of 1024 MiB",
            "/processes/3/name: \"fileGENERATION\" repeats /processes/0/name \"FileGeneration\"",
            "/processes/4/name: \"FileGeneration\" repeats /processes/0/name \"FileGeneration\"",
            "/processes/4/environment/1BAD: \"1BAD\" is not an environment variable name",
            "/processes/4/environment/processToRun: \"X\" cannot be set",
        ];
        for expected in expected {
            assert!(
                problems.iter().any(|p| p.starts_with(expected)),
                "{expected:?} missing from {problems:#?}"
            );
        }
        assert_eq!(problems.len(), expected.len(), "{problems:#?}");
    }

    #[test]
    fn long_names_name_the_limit() {
        let config = SchedulesConfig {
            name: format!("A{}", "b".repeat(50)),
            processes: vec![ProcessConfig::new(
                &format!("P{}", "q".repeat(45)),
                "cron(0 2 * * ? *)",
            )],
            ..SchedulesConfig::default()
        };
        let problems = problems(&config);
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("/name: \"Abbb") && p.contains("S3 bucket name")),
            "{problems:#?}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("/processes/0/name: \"Pqqq")
                    && p.contains("EventBridge schedule name")
                    && p.contains("at most 64")),
            "{problems:#?}"
        );
    }
}
