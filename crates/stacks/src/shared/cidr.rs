//! IPv4 CIDR blocks a config names, parsed so that the subnets of a new
//! VPC are worked out (and checked) at synthesis instead of failing at
//! deploy time with an overlapping or misaligned range.

use std::fmt;
use std::net::Ipv4Addr;
use std::str::FromStr;

/// An IPv4 network: an address whose host bits are zero, and a prefix length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ipv4Cidr {
    network: u32,
    prefix: u8,
}

impl Ipv4Cidr {
    /// The prefix length, e.g. 16 for a `/16`, for the rules on a VPC's
    /// size.
    pub fn prefix(self) -> u8 {
        self.prefix
    }

    /// The first and last address of the block, as numbers.
    pub fn range(self) -> (u32, u32) {
        let size_minus_one = if self.prefix == 0 {
            u32::MAX
        } else {
            (1u32 << (32 - self.prefix)) - 1
        };
        (self.network, self.network + size_minus_one)
    }

    /// Whether the two blocks share an address.
    pub fn overlaps(self, other: Ipv4Cidr) -> bool {
        let (a, b) = (self.range(), other.range());
        a.0 <= b.1 && b.0 <= a.1
    }

    /// Block `index` of the blocks with prefix length `prefix` that this
    /// network splits into, in address order; `None` when the network has
    /// fewer blocks or `prefix` is shorter than its own.
    pub fn subnet(self, prefix: u8, index: u32) -> Option<Ipv4Cidr> {
        if prefix < self.prefix || prefix > 32 {
            return None;
        }
        let bits = u32::from(prefix - self.prefix);
        if bits < 32 && index >= 1 << bits {
            return None;
        }
        let size = if prefix == 32 {
            1
        } else {
            1u32 << (32 - prefix)
        };
        Some(Ipv4Cidr {
            network: self.network + index * size,
            prefix,
        })
    }
}

impl FromStr for Ipv4Cidr {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let (address, prefix) = text.split_once('/').ok_or_else(|| {
            "is not a CIDR block: write it as address/prefix, like 10.0.0.0/16".to_string()
        })?;
        let address: Ipv4Addr = address
            .parse()
            .map_err(|_| format!("has {address:?}, which is not an IPv4 address"))?;
        let prefix: u8 = prefix
            .parse()
            .ok()
            .filter(|prefix| *prefix <= 32)
            .ok_or_else(|| format!("has prefix length {prefix:?}; use 0 to 32"))?;
        let network = u32::from(address);
        let host_mask = if prefix == 0 {
            u32::MAX
        } else {
            (1u32 << (32 - prefix)) - 1
        };
        if network & host_mask != 0 {
            let aligned = Ipv4Addr::from(network & !host_mask);
            return Err(format!(
                "has host bits set: the /{prefix} network that holds it is {aligned}/{prefix}"
            ));
        }
        Ok(Ipv4Cidr { network, prefix })
    }
}

impl fmt::Display for Ipv4Cidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", Ipv4Addr::from(self.network), self.prefix)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cidr(text: &str) -> Ipv4Cidr {
        text.parse().unwrap()
    }

    #[test]
    fn parses_and_prints_networks() {
        assert_eq!(cidr("10.0.0.0/16").to_string(), "10.0.0.0/16");
        assert_eq!(cidr("172.31.96.0/20").prefix(), 20);
    }

    #[test]
    fn refuses_what_is_not_a_network() {
        let error = |text: &str| text.parse::<Ipv4Cidr>().unwrap_err();
        assert!(error("10.0.0.0").contains("address/prefix"));
        assert!(error("10.0.0/16").contains("not an IPv4 address"));
        assert!(error("10.0.0.0/33").contains("0 to 32"));
        assert_eq!(
            error("10.0.1.0/16"),
            "has host bits set: the /16 network that holds it is 10.0.0.0/16"
        );
    }

    #[test]
    fn splits_into_subnets_in_address_order() {
        let vpc = cidr("10.0.0.0/16");
        assert_eq!(vpc.subnet(20, 0).unwrap().to_string(), "10.0.0.0/20");
        assert_eq!(vpc.subnet(20, 9).unwrap().to_string(), "10.0.144.0/20");
        assert_eq!(vpc.subnet(20, 15).unwrap().to_string(), "10.0.240.0/20");
        assert_eq!(vpc.subnet(20, 16), None);
        assert_eq!(vpc.subnet(8, 0), None);
    }
}
