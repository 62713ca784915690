//! The price table `crates/stacks/data/aws-prices.json`: AWS list prices
//! with the date and region they were read, kept as data so updating a
//! price is a data change. The cost estimate reads it, and so do the
//! rules (tasks must fit the instance types they run on, so the table
//! also holds each type's vCPUs, memory and network interfaces).

use std::collections::BTreeMap;

use serde::Deserialize;

use framework::error::StackError;

const TABLE: &str = include_str!("../../data/aws-prices.json");

/// An EC2 instance type: its size, how many network interfaces it takes
/// (the primary one included: each `awsvpc` task takes another), and its
/// price.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InstanceType {
    /// Its vCPUs; a task may reserve at most 1024 CPU units per vCPU.
    pub vcpu: u32,
    /// Its memory in MiB, of which tasks get what the ECS agent and the OS
    /// leave.
    #[serde(rename = "memoryMiB")]
    pub memory_mib: u32,
    /// Network interfaces it can attach, the primary one included.
    pub network_interfaces: u32,
    /// On-demand price per hour, in the table's currency.
    pub hourly: f64,
}

/// The whole table.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Prices {
    /// When the prices were read (`YYYY-MM-DD`); update it with the prices.
    pub date: String,
    /// The region the prices are for, e.g. `us-east-1`.
    pub region: String,
    /// The currency every price is in, e.g. `USD`.
    pub currency: String,
    /// Hours in the month the estimate bills (AWS uses 730).
    pub hours_per_month: f64,
    /// The instance types the config may name, by name.
    pub ec2: BTreeMap<String, InstanceType>,
    /// Hourly price of one single-AZ PostgreSQL instance, by class;
    /// Multi-AZ costs twice.
    pub rds_postgres_hourly_single_az: BTreeMap<String, f64>,
    /// Database storage per GiB-month (gp3), paid per copy.
    #[serde(rename = "rdsStorageGiBMonth")]
    pub rds_storage_gib_month: f64,
    /// EBS gp3 storage per GiB-month, for the instances' root volumes.
    #[serde(rename = "ebsGp3GiBMonth")]
    pub ebs_gp3_gib_month: f64,
    /// Application Load Balancer per hour.
    pub load_balancer_hourly: f64,
    /// Application Load Balancer per LCU-hour.
    pub load_balancer_lcu_hourly: f64,
    /// NAT gateway per hour.
    pub nat_gateway_hourly: f64,
    /// NAT gateway data processed, per GiB.
    #[serde(rename = "natGatewayPerGiB")]
    pub nat_gateway_per_gib: f64,
    /// Public IPv4 address per hour.
    pub public_ipv4_hourly: f64,
    /// S3 Standard storage per GiB-month.
    #[serde(rename = "s3StandardGiBMonth")]
    pub s3_standard_gib_month: f64,
    /// ECR image storage per GiB-month.
    #[serde(rename = "ecrStorageGiBMonth")]
    pub ecr_storage_gib_month: f64,
    /// SQS per million requests.
    pub sqs_per_million_requests: f64,
    /// Lambda compute per GiB-second.
    #[serde(rename = "lambdaPerGiBSecond")]
    pub lambda_per_gib_second: f64,
    /// Lambda per million requests.
    pub lambda_per_million_requests: f64,
    /// CloudWatch dashboard per month.
    pub cloud_watch_dashboard_month: f64,
    /// CloudWatch alarm metric per month.
    pub cloud_watch_alarm_month: f64,
    /// Secrets Manager secret per month.
    pub secrets_manager_secret_month: f64,
}

/// The bundled table; a test parses it, so a broken edit fails there, and
/// a build that ships one anyway reports it instead of panicking.
pub fn table() -> Result<Prices, StackError> {
    serde_json::from_str(TABLE)
        .map_err(|e| StackError::Internal(format!("the bundled price table: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_parses_and_covers_the_defaults() {
        let prices = table().unwrap();
        assert_eq!(prices.region, "us-east-1");
        assert!(prices.ec2.contains_key("t3.medium"));
        assert!(prices.ec2.contains_key("t3.small"));
        assert!(prices
            .rds_postgres_hourly_single_az
            .contains_key("db.t3.medium"));
        assert_eq!(prices.ec2["t3.medium"].memory_mib, 4096);
    }
}
