//! Patterns as reusable constructs: each takes a prefix for the logical
//! IDs it makes, so two VPCs, two databases and two load balancers fit in
//! one template, and the empty prefix keeps the IDs the stacks have always
//! had.

use constructs::aws::elasticloadbalancingv2::listener::{Action, ActionType, FixedResponseConfig};
use constructs::{fns, Format, Tags, Template};
use patterns::load_balancer::{add_load_balancer, LoadBalancerSpec};
use patterns::postgres::{add_postgres, PostgresSize, PostgresSpec};
use patterns::vpc::{add_vpc, VpcLayout, ZoneSubnets};
use patterns::{Removal, Scope};

fn layout(prefix: &str, second_octet: u8) -> VpcLayout {
    VpcLayout {
        prefix: prefix.to_string(),
        name: format!("net{second_octet}"),
        cidr: format!("10.{second_octet}.0.0/16"),
        zones: vec![
            ZoneSubnets {
                public: format!("10.{second_octet}.0.0/24"),
                private: format!("10.{second_octet}.10.0/24"),
            },
            ZoneSubnets {
                public: format!("10.{second_octet}.1.0/24"),
                private: format!("10.{second_octet}.11.0/24"),
            },
        ],
        nat_gateway_per_zone: false,
    }
}

#[test]
fn two_of_each_fit_in_one_template() {
    let scope = Scope::new(Tags::new(), Removal::allowing_delete(false), 30);
    let mut template = Template::new("Two of each");
    for (prefix, octet) in [("", 1), ("Reports", 2)] {
        let vpc = add_vpc(&mut template, &scope, &layout(prefix, octet)).unwrap();
        let subnets = |handles: &[constructs::Handle<constructs::aws::ec2::Subnet>]| {
            handles.iter().map(|s| s.reference()).collect::<Vec<_>>()
        };
        let security_group = fns::import_value(format!("{prefix}db-sg"));
        add_postgres(
            &mut template,
            &scope,
            PostgresSpec {
                prefix: prefix.to_string(),
                identifier: format!("{}db", prefix.to_lowercase()),
                database_name: "app".to_string(),
                size: PostgresSize {
                    instance_class: "db.t4g.micro".to_string(),
                    allocated_storage_gib: 20,
                    max_allocated_storage_gib: 100,
                    backup_retention_days: 7,
                    multi_az: false,
                    deletion_protection: true,
                },
                subnet_ids: subnets(&vpc.private_subnets).into(),
                security_group_id: security_group,
            },
        )
        .unwrap();
        add_load_balancer(
            &mut template,
            &scope,
            LoadBalancerSpec {
                prefix,
                name: format!("{}lb", prefix.to_lowercase()),
                https_carries: "the app",
                vpc_id: vpc.vpc.reference().into(),
                subnets: subnets(&vpc.public_subnets).into(),
                certificate_arn: "arn:aws:acm:us-east-1:123456789012:certificate/x".into(),
                idle_timeout_seconds: 60,
                default_action: Action::new(ActionType::FixedResponse)
                    .fixed_response_config(FixedResponseConfig::new("404")),
                access_log_days: Some(30),
            },
        )
        .unwrap();
    }
    let yaml = template.synthesize(Format::Yaml).unwrap().body;
    for id in [
        "  Vpc:",
        "  ReportsVpc:",
        "  PrivateSubnetB:",
        "  ReportsPrivateSubnetB:",
        "  NatGatewayA:",
        "  ReportsNatGatewayA:",
        "  Database:",
        "  ReportsDatabase:",
        "  LoadBalancer:",
        "  ReportsHttpsListener:",
        "  ReportsLoadBalancerLogBucket:",
    ] {
        assert!(yaml.contains(&format!("\n{id}\n")), "{id} missing");
    }
}
