//! Security group rules several stacks write the same way.

use constructs::aws::ec2::security_group::Egress;

use crate::vpc::ANYWHERE;

/// The inline egress rule of a group that should send nothing on its own
/// (a data store, or a load balancer whose egress is separate rules):
/// declaring any inline rule replaces the allow-all rule AWS adds, and
/// this one matches nothing (ICMP type 252 code 86 to the broadcast
/// address, as the AWS CDK writes it).
pub fn no_egress() -> Egress {
    Egress::new("icmp")
        .cidr_ip("255.255.255.255/32")
        .from_port(252)
        .to_port(86)
        .description("No outbound traffic")
}

/// An inline egress rule to anywhere, every protocol: tasks and functions
/// in private subnets reach the internet only through the NAT gateways.
pub fn to_anywhere(what: &str) -> Egress {
    Egress::new("-1").cidr_ip(ANYWHERE).description(what)
}
