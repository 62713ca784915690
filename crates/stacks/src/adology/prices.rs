//! The price table `crates/stacks/data/aws-prices.json`: AWS list prices
//! with the date and region they were read, kept as data so updating a
//! price is a data change. The cost estimate reads it, and so do the
//! rules (tasks must fit the instance types they run on, so the table
//! also holds each type's vCPUs, memory and network interfaces).

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::error::StackError;

const TABLE: &str = include_str!("../../data/aws-prices.json");

/// An EC2 instance type: its size, how many network interfaces it takes
/// (the primary one included: each `awsvpc` task takes another), and its
/// price.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InstanceType {
    pub vcpu: u32,
    #[serde(rename = "memoryMiB")]
    pub memory_mib: u32,
    pub network_interfaces: u32,
    pub hourly: f64,
}

/// The whole table.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Prices {
    pub date: String,
    pub region: String,
    pub currency: String,
    pub hours_per_month: f64,
    pub ec2: BTreeMap<String, InstanceType>,
    pub rds_postgres_hourly_single_az: BTreeMap<String, f64>,
    #[serde(rename = "rdsStorageGiBMonth")]
    pub rds_storage_gib_month: f64,
    #[serde(rename = "ebsGp3GiBMonth")]
    pub ebs_gp3_gib_month: f64,
    pub load_balancer_hourly: f64,
    pub load_balancer_lcu_hourly: f64,
    pub nat_gateway_hourly: f64,
    #[serde(rename = "natGatewayPerGiB")]
    pub nat_gateway_per_gib: f64,
    pub public_ipv4_hourly: f64,
    #[serde(rename = "s3StandardGiBMonth")]
    pub s3_standard_gib_month: f64,
    #[serde(rename = "ecrStorageGiBMonth")]
    pub ecr_storage_gib_month: f64,
    pub sqs_per_million_requests: f64,
    #[serde(rename = "lambdaPerGiBSecond")]
    pub lambda_per_gib_second: f64,
    pub lambda_per_million_requests: f64,
    pub cloud_watch_dashboard_month: f64,
    pub cloud_watch_alarm_month: f64,
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
