//! Security group rules several stacks write the same way.

use constructs::aws::ec2::security_group::Egress;

/// The inline egress rule of a group that should send nothing on its own
/// (a data store, or a load balancer whose egress is separate rules):
/// declaring any inline rule replaces the allow-all rule AWS adds, and
/// this one matches nothing (ICMP type 252 code 86 to the broadcast
/// address, as the AWS CDK writes it).
pub fn no_egress() -> Egress {
    Egress {
        cidr_ip: Some("255.255.255.255/32".into()),
        from_port: Some(252.into()),
        to_port: Some(86.into()),
        description: Some("No outbound traffic".into()),
        ..Egress::new("icmp")
    }
}
