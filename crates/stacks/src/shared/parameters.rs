//! Parameter shapes several stacks declare.

use constructs::Parameter;

/// An IPv4 CIDR block with a prefix length a VPC or subnet may have (/16-/28).
pub const CIDR_PATTERN: &str =
    r"^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)/(1[6-9]|2[0-8])$";
const CIDR_CONSTRAINT: &str = "an IPv4 CIDR block from /16 to /28, such as 10.0.64.0/24";

/// A string parameter holding a CIDR block: a typo fails the deploy before
/// anything is created, with a message saying what is expected.
pub fn cidr_block(id: &str) -> Parameter<String> {
    Parameter::string(id)
        .allowed_pattern(CIDR_PATTERN)
        .constraint_description(CIDR_CONSTRAINT)
}
