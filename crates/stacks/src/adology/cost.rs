//! `synth adology --emit cost`: the seed's monthly cost table, computed
//! from the config's instance types and counts and the price table
//! ([`super::prices`]). It is an estimate and says so: list prices of one
//! region on one date, a fixed month of hours, and stated assumptions for
//! what depends on traffic (storage, requests, Lambda time). Ranges run
//! from the config's minimum counts to its maximums.

use std::fmt::Write;

use super::capacity::ROOT_VOLUME_GIB;
use super::config::{AdologyConfig, InstancesConfig};
use super::prices::{self, Prices};
use crate::shared::vpc::NatGateways;
use framework::error::StackError;

/// Assumed usage where the config cannot say.
const LCU_RANGE: (f64, f64) = (1.0, 5.0);
const BUCKET_GIB: (f64, f64) = (50.0, 250.0);
const IMAGES_GIB: (f64, f64) = (5.0, 30.0);
const QUEUE_MILLION_REQUESTS: (f64, f64) = (1.0, 25.0);
/// Full-length overflow batches in a busy month.
const OVERFLOW_BATCHES: f64 = 10_000.0;
/// Alarm metrics the stack bills: the queue alarms' five (the idle alarm
/// reads two), and two alarms per CPU target.
const ALARMS: f64 = 9.0;
/// The database's and Atlas's secrets.
const SECRETS: f64 = 2.0;
/// Availability zones of an existing VPC's load balancer, at least.
const EXISTING_VPC_ZONES: u32 = 2;

/// One row of the table: a component, how much of it, and its monthly
/// cost from low to high.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// What is billed, e.g. `RDS PostgreSQL`.
    pub component: &'static str,
    /// How much of it the range assumes, e.g. `2–6 × t3.medium`.
    pub quantity: String,
    /// The monthly cost at the config's minimum counts and the lower usage
    /// assumption.
    pub low: f64,
    /// The monthly cost at the config's maximum counts and the higher usage
    /// assumption.
    pub high: f64,
}

/// The table, and what it rests on.
#[derive(Debug, Clone, PartialEq)]
pub struct Estimate {
    /// The price table the lines were computed from; its date, region and
    /// currency head the table.
    pub prices: Prices,
    /// The rows, in the order the table prints them.
    pub lines: Vec<Line>,
}

/// The monthly cost of `config`'s platform.
pub fn estimate(config: &AdologyConfig) -> Result<Estimate, StackError> {
    let prices = prices::table()?;
    let month = prices.hours_per_month;
    let mut lines = vec![instances(
        "ECS container instances",
        &config.instances,
        &prices,
    )];
    let mut groups = vec![&config.instances];
    if let Some(dedicated) = &config.web_socket_instances {
        lines.push(instances("WebSocket instances", dedicated, &prices));
        groups.push(dedicated);
    }
    let (fewest, most) = groups.iter().fold((0, 0), |(fewest, most), group| {
        (fewest + group.min_instances, most + group.max_instances)
    });
    let volumes = |count: u32| f64::from(count) * ROOT_VOLUME_GIB as f64 * prices.ebs_gp3_gib_month;
    lines.push(Line {
        component: "Instance root volumes",
        quantity: format!("{fewest}–{most} × {ROOT_VOLUME_GIB} GiB gp3"),
        low: volumes(fewest),
        high: volumes(most),
    });
    let balancer = prices.load_balancer_hourly * month;
    let lcu = |count: f64| count * prices.load_balancer_lcu_hourly * month;
    lines.push(Line {
        component: "Application Load Balancer",
        quantity: format!("1, {}–{} LCU", LCU_RANGE.0, LCU_RANGE.1),
        low: balancer + lcu(LCU_RANGE.0),
        high: balancer + lcu(LCU_RANGE.1),
    });
    let (zones, nat_gateways) = match (&config.network.new_vpc, &config.network.existing_vpc) {
        (_, Some(_)) => (EXISTING_VPC_ZONES, 0),
        (Some(vpc), None) => (
            vpc.availability_zones,
            nat_count(vpc.nat_gateways, vpc.availability_zones),
        ),
        (None, None) => {
            let vpc = crate::shared::vpc::NewVpcConfig::default();
            (
                vpc.availability_zones,
                nat_count(vpc.nat_gateways, vpc.availability_zones),
            )
        }
    };
    if nat_gateways > 0 {
        let cost = f64::from(nat_gateways) * prices.nat_gateway_hourly * month;
        lines.push(Line {
            component: "NAT gateways",
            quantity: format!(
                "{nat_gateways}, plus ${}/GiB processed",
                prices.nat_gateway_per_gib
            ),
            low: cost,
            high: cost,
        });
    }
    let addresses = nat_gateways + zones;
    let cost = f64::from(addresses) * prices.public_ipv4_hourly * month;
    lines.push(Line {
        component: "Public IPv4 addresses",
        quantity: format!("{addresses} (NAT gateways, load balancer)"),
        low: cost,
        high: cost,
    });
    let database = &config.database;
    let copies = if database.multi_az { 2.0 } else { 1.0 };
    let hourly = prices
        .rds_postgres_hourly_single_az
        .get(&database.instance_class)
        .copied()
        .unwrap_or_default();
    let instance = copies * hourly * month;
    let storage = |gib: u32| copies * f64::from(gib) * prices.rds_storage_gib_month;
    lines.push(Line {
        component: "RDS PostgreSQL",
        quantity: format!(
            "{}{}, {}–{} GiB",
            database.instance_class,
            if database.multi_az { " Multi-AZ" } else { "" },
            database.allocated_storage_gib,
            database.max_allocated_storage_gib
        ),
        low: instance + storage(database.allocated_storage_gib),
        high: instance + storage(database.max_allocated_storage_gib),
    });
    let overflow = &config.overflow;
    let gib_seconds = f64::from(overflow.memory) / 1024.0 * f64::from(overflow.timeout_seconds);
    lines.push(Line {
        component: "Lambda overflow workers",
        quantity: format!(
            "none to {} batches of {} s at {} MiB",
            thousands(OVERFLOW_BATCHES),
            overflow.timeout_seconds,
            overflow.memory
        ),
        low: 0.0,
        high: OVERFLOW_BATCHES * gib_seconds * prices.lambda_per_gib_second
            + OVERFLOW_BATCHES / 1e6 * prices.lambda_per_million_requests,
    });
    let range = |component, unit: &str, (low, high): (f64, f64), price: f64| Line {
        component,
        quantity: format!("{low}–{high} {unit} (assumed)"),
        low: low * price,
        high: high * price,
    };
    lines.push(range(
        "S3 bucket",
        "GiB",
        BUCKET_GIB,
        prices.s3_standard_gib_month,
    ));
    lines.push(range(
        "ECR images",
        "GiB",
        IMAGES_GIB,
        prices.ecr_storage_gib_month,
    ));
    lines.push(range(
        "SQS",
        "million requests",
        QUEUE_MILLION_REQUESTS,
        prices.sqs_per_million_requests,
    ));
    let cloud_watch = prices.cloud_watch_dashboard_month + ALARMS * prices.cloud_watch_alarm_month;
    lines.push(Line {
        component: "CloudWatch",
        quantity: format!("1 dashboard, {ALARMS} alarm metrics"),
        low: cloud_watch,
        high: cloud_watch,
    });
    let secrets = SECRETS * prices.secrets_manager_secret_month;
    lines.push(Line {
        component: "Secrets Manager",
        quantity: format!("{SECRETS} secrets"),
        low: secrets,
        high: secrets,
    });
    Ok(Estimate { prices, lines })
}

fn instances(component: &'static str, config: &InstancesConfig, prices: &Prices) -> Line {
    let hourly = prices
        .ec2
        .get(&config.instance_type)
        .map(|instance| instance.hourly)
        .unwrap_or_default();
    let monthly = |count: u32| f64::from(count) * hourly * prices.hours_per_month;
    Line {
        component,
        quantity: format!(
            "{}–{} × {}",
            config.min_instances, config.max_instances, config.instance_type
        ),
        low: monthly(config.min_instances),
        high: monthly(config.max_instances),
    }
}

fn nat_count(nat: NatGateways, zones: u32) -> u32 {
    match nat {
        NatGateways::PerZone => zones,
        NatGateways::Single => 1,
    }
}

impl Estimate {
    /// The sum of the lines, low and high.
    pub fn total(&self) -> (f64, f64) {
        self.lines.iter().fold((0.0, 0.0), |(low, high), line| {
            (low + line.low, high + line.high)
        })
    }

    /// The table as Markdown, with the basis of the estimate above it and
    /// what it leaves out below.
    pub fn render(&self) -> String {
        let prices = &self.prices;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# Adology monthly cost: an ESTIMATE\n\n\
             AWS on-demand list prices for {} as of {} (crates/stacks/data/aws-prices.json), \
             {} hours a month, in {}, before tax, free tier, Savings Plans and reserved \
             capacity. Ranges run from the config's minimum counts to its maximums; \
             \"assumed\" quantities depend on traffic. Check the AWS Pricing Calculator \
             before committing to a budget.\n",
            prices.region, prices.date, prices.hours_per_month, prices.currency
        );
        let _ = writeln!(
            out,
            "| Component | Quantity | Per month ({}) |",
            prices.currency
        );
        let _ = writeln!(out, "| --- | --- | ---: |");
        for line in &self.lines {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                line.component,
                line.quantity,
                amount(line.low, line.high)
            );
        }
        let (low, high) = self.total();
        let _ = writeln!(out, "| **Total** | | **{}** |", amount(low, high));
        let _ = writeln!(
            out,
            "\nNot included: MongoDB Atlas, billed by MongoDB (the seed plans an M10 to M20 \
             cluster); an existing VPC's NAT gateways; NAT and load balancer data \
             processing; data transfer out; CloudWatch Logs ingestion and Container Insights \
             metrics; RDS backups beyond the free allowance; T3 CPU credits beyond the \
             baseline (T3 instances run unlimited by default)."
        );
        out
    }
}

/// `10000.0` as `10,000`.
fn thousands(count: f64) -> String {
    let digits = format!("{count:.0}");
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

fn amount(low: f64, high: f64) -> String {
    if (high - low).abs() < 0.005 {
        format!("{low:.2}")
    } else {
        format!("{low:.2}–{high:.2}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_price_two_to_six_t3_mediums_and_a_multi_az_database() {
        let estimate = estimate(&AdologyConfig::default()).unwrap();
        let instances = &estimate.lines[0];
        assert_eq!(instances.quantity, "2–6 × t3.medium");
        // 2 × $0.0416 × 730 h.
        assert!((instances.low - 60.736).abs() < 1e-9);
        assert!((instances.high - 182.208).abs() < 1e-9);
        let database = estimate
            .lines
            .iter()
            .find(|line| line.component == "RDS PostgreSQL")
            .unwrap();
        // Two copies of $0.072 × 730 h, plus 2 × 20 GiB × $0.115.
        assert!((database.low - (2.0 * 0.072 * 730.0 + 2.0 * 20.0 * 0.115)).abs() < 1e-9);
        let (low, high) = estimate.total();
        assert!(low < high);
        let rendered = estimate.render();
        assert!(rendered.contains("ESTIMATE"));
        assert!(rendered.contains("us-east-1 as of 2026-11-01"));
        assert!(rendered.contains("| ECS container instances | 2–6 × t3.medium | 60.74–182.21 |"));
    }

    #[test]
    fn a_dedicated_web_socket_group_and_a_single_nat_change_the_lines() {
        let config = AdologyConfig {
            web_socket_instances: Some(InstancesConfig {
                instance_type: "t3.small".to_string(),
                min_instances: 1,
                max_instances: 2,
            }),
            network: crate::shared::network::NetworkConfig {
                new_vpc: Some(crate::shared::vpc::NewVpcConfig {
                    nat_gateways: NatGateways::Single,
                    ..Default::default()
                }),
                existing_vpc: None,
            },
            ..AdologyConfig::default()
        };
        let estimate = estimate(&config).unwrap();
        let web_socket = &estimate.lines[1];
        assert_eq!(web_socket.component, "WebSocket instances");
        assert!((web_socket.low - 0.0208 * 730.0).abs() < 1e-9);
        let nat = estimate
            .lines
            .iter()
            .find(|line| line.component == "NAT gateways")
            .unwrap();
        assert!((nat.low - 0.045 * 730.0).abs() < 1e-9);
    }
}
