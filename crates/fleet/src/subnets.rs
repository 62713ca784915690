//! Tenants whose subnets would overlap: in one account, region and VPC,
//! no two subnet CIDR blocks of any tenants (or of one tenant) may share an
//! address. CloudFormation would create the first tenant's subnets and
//! fail every later one; the fleet is refused instead, naming both.

use stacks::shared::cidr::Ipv4Cidr;
use stacks::tenant::{SUBNET_CIDR_PARAMETERS, VPC_ID};

use super::file::FleetFile;

/// One subnet block a tenant asks for, and where its value was given.
struct Block<'a> {
    cidr: Ipv4Cidr,
    tenant: &'a str,
    /// The tenant's place in the file, so of two blocks starting at one
    /// address the later tenant is the one reported.
    index: usize,
    /// `/tenants/3/parameters/PrivateSubnetACidr`, or the default's pointer.
    pointer: String,
}

/// Every overlap, one problem per block that overlaps an earlier one (in
/// address order, then file order), with both tenants' pointers.
pub(super) fn overlaps(file: &FleetFile) -> Vec<String> {
    // Keyed by account, region and VPC; the blocks of one group in a list.
    let mut groups: std::collections::BTreeMap<(&str, &str, &str), Vec<Block<'_>>> =
        Default::default();
    let defaults = &file.defaults.parameters;
    for (index, entry) in file.tenants.iter().enumerate() {
        let value = |name: &str| -> Option<(&str, String)> {
            match entry.parameters.get(name) {
                Some(value) => Some((
                    value.as_str(),
                    format!("/tenants/{index}/parameters/{name}"),
                )),
                None => defaults
                    .get(name)
                    .map(|value| (value.as_str(), format!("/defaults/parameters/{name}"))),
            }
        };
        let Some((vpc, _)) = value(VPC_ID) else {
            continue;
        };
        for name in SUBNET_CIDR_PARAMETERS {
            // A value that is no CIDR block is the parameter check's to
            // report.
            let Some((text, pointer)) = value(name) else {
                continue;
            };
            let Ok(cidr) = text.parse::<Ipv4Cidr>() else {
                continue;
            };
            for region in &entry.regions {
                groups
                    .entry((entry.account.as_str(), region.as_str(), vpc))
                    .or_default()
                    .push(Block {
                        cidr,
                        tenant: &entry.name,
                        index,
                        pointer: pointer.clone(),
                    });
            }
        }
    }
    let mut problems = Vec::new();
    for ((account, region, vpc), mut blocks) in groups {
        blocks.sort_by_key(|block| (block.cidr.range().0, block.index));
        // The block reaching furthest so far: any later block starting at
        // or before its end overlaps it.
        let mut furthest: Option<&Block<'_>> = None;
        for block in &blocks {
            if let Some(earlier) = furthest {
                if block.cidr.overlaps(earlier.cidr) {
                    problems.push(format!(
                        "tenant {}: {}: {} overlaps tenant {}'s {} at {} in VPC {vpc} ({account} \
                         {region}): only one could be created",
                        block.tenant,
                        block.pointer,
                        block.cidr,
                        earlier.tenant,
                        earlier.cidr,
                        earlier.pointer,
                    ));
                }
                if block.cidr.range().1 <= earlier.cidr.range().1 {
                    continue;
                }
            }
            furthest = Some(block);
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fleet(tenants: &str) -> FleetFile {
        let text = format!(
            "region: us-east-1\ndefaults: {{parameters: {{VpcId: vpc-1}}}}\ntenants:\n{tenants}"
        );
        serde_json::from_value(yaml::parse_document(&text).unwrap()).unwrap()
    }

    fn tenant(name: &str, a: &str, b: &str, vpc: Option<&str>) -> String {
        let vpc = vpc.map(|v| format!(", VpcId: {v}")).unwrap_or_default();
        format!(
            "  - {{name: {name}, account: '111111111111', regions: [us-east-1], wave: 1, \
             parameters: {{PrivateSubnetACidr: {a}, PrivateSubnetBCidr: {b}{vpc}}}}}\n"
        )
    }

    #[test]
    fn tenants_sharing_a_vpc_with_the_same_subnets_are_refused_with_both_pointers() {
        let file = fleet(
            &(tenant("acme", "10.1.98.0/24", "10.1.99.0/24", None)
                + &tenant("globex", "10.1.98.0/24", "10.1.100.0/24", None)),
        );
        let problems = overlaps(&file);
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert!(
            problems[0].contains("/tenants/1/parameters/PrivateSubnetACidr"),
            "{}",
            problems[0]
        );
        assert!(
            problems[0].contains("/tenants/0/parameters/PrivateSubnetACidr"),
            "{}",
            problems[0]
        );
        assert!(
            problems[0].contains("VPC vpc-1 (111111111111 us-east-1)"),
            "{}",
            problems[0]
        );
    }

    #[test]
    fn a_block_inside_another_and_a_tenants_own_two_blocks_overlap_too() {
        let file = fleet(
            &(tenant("acme", "10.1.0.0/16", "10.2.0.0/24", None)
                + &tenant("globex", "10.1.5.0/24", "10.3.0.0/24", None)
                + &tenant("initech", "10.4.0.0/24", "10.4.0.128/25", None)),
        );
        let problems = overlaps(&file);
        assert_eq!(problems.len(), 2, "{problems:#?}");
        assert!(problems[0].starts_with("tenant globex"), "{}", problems[0]);
        assert!(problems[1].starts_with("tenant initech"), "{}", problems[1]);
    }

    #[test]
    fn the_same_blocks_in_other_vpcs_are_fine() {
        let file = fleet(
            &(tenant("acme", "10.1.98.0/24", "10.1.99.0/24", None)
                + &tenant("globex", "10.1.98.0/24", "10.1.99.0/24", Some("vpc-2"))),
        );
        assert_eq!(overlaps(&file), Vec::<String>::new());
    }
}
