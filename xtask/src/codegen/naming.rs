//! Turning schema names into Rust identifiers.

/// The words of a CloudFormation name, the way aws-sdk-rust splits them:
/// a run of capitals is one word (`DB` in `DBInstance`), digits stay with
/// the word before them (`S3`, `Ec2`), `IPv6` is one word, and a plural
/// acronym keeps its `s` (`ARNs`, `IDs`). Anything not alphanumeric
/// separates words.
pub fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if !c.is_ascii_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            i += 1;
            continue;
        }
        if c.is_ascii_uppercase() {
            // A run of capitals.
            let start = i;
            let mut end = i;
            while end < chars.len() && chars[end].is_ascii_uppercase() {
                end += 1;
            }
            let run = end - start;
            let next = chars.get(end).copied();
            let after = chars.get(end + 1).copied();
            let lower_next = next.is_some_and(|n| n.is_ascii_lowercase());
            let starts_word = current.chars().last().is_some_and(|p| {
                p.is_ascii_lowercase() || p.is_ascii_digit() || p.is_ascii_uppercase()
            });
            if starts_word {
                words.push(std::mem::take(&mut current));
            }
            if run > 1 && next == Some('v') && after.is_some_and(|a| a.is_ascii_digit()) {
                // IPv6: the capitals, the `v` and its digits are one word.
                current.extend(&chars[start..end + 1]);
                i = end + 1;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    current.push(chars[i]);
                    i += 1;
                }
                continue;
            }
            if run > 1 && next == Some('s') && !after.is_some_and(|a| a.is_ascii_lowercase()) {
                // ARNs, IDs: a plural acronym.
                current.extend(&chars[start..end + 1]);
                i = end + 1;
                continue;
            }
            if run > 1 && lower_next {
                // DBInstance: the last capital starts the next word.
                current.extend(&chars[start..end - 1]);
                words.push(std::mem::take(&mut current));
                i = end - 1;
                current.push(chars[i]);
                i += 1;
                continue;
            }
            current.extend(&chars[start..end]);
            i = end;
            continue;
        }
        current.push(c);
        i += 1;
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// `DBInstanceClass` -> `db_instance_class`, `KMSMasterKeyID` ->
/// `kms_master_key_id`, `IPv6Address` -> `ipv6_address`, `TargetGroupARNs`
/// -> `target_group_arns`.
pub fn snake_case(name: &str) -> String {
    words(name)
        .iter()
        .map(|w| w.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join("_")
}

/// A type name in Rust case: `VPC` -> `Vpc`, `DBInstance` -> `DbInstance`,
/// `EIP` -> `Eip`, `IPv6Address` -> `Ipv6Address`; a name that would start
/// with a digit gets a `V`.
pub fn type_name(name: &str) -> String {
    let joined: String = words(name)
        .iter()
        .map(|w| {
            let mut chars = w.chars();
            let first = chars.next().unwrap();
            first.to_ascii_uppercase().to_string() + &chars.as_str().to_ascii_lowercase()
        })
        .collect();
    match joined.chars().next() {
        Some(c) if c.is_ascii_digit() => format!("V{joined}"),
        None => "Empty".to_string(),
        _ => joined,
    }
}

/// A field or method name, escaped when it is a Rust keyword.
pub fn field_name(name: &str) -> String {
    let snake = snake_case(name);
    if RUST_KEYWORDS.contains(&snake.as_str()) {
        format!("r#{snake}")
    } else {
        snake
    }
}

/// `ipv4` -> `Ipv4`, `TCP_UDP` -> `TcpUdp`, `application/json` ->
/// `ApplicationJson`, `1.2` -> `V1_2`.
pub fn variant_name(value: &str) -> String {
    let mut out = String::new();
    let mut word_start = true;
    let mut prev_digit = false;
    for c in value.chars() {
        if c.is_ascii_alphanumeric() {
            if c.is_ascii_digit() && prev_digit && word_start && !out.is_empty() {
                out.push('_');
            }
            if word_start {
                out.push(c.to_ascii_uppercase());
            } else {
                out.push(c);
            }
            word_start = false;
            prev_digit = c.is_ascii_digit();
        } else {
            word_start = true;
        }
    }
    // All-caps words read better in Rust case: FARGATE_SPOT -> FargateSpot.
    let normalized = pascal_from_caps(&out, value);
    match normalized.chars().next() {
        Some(c) if c.is_ascii_digit() => format!("V{normalized}"),
        None => "Empty".to_string(),
        // `SELF` cannot be `Self`, which is a keyword.
        _ if normalized == "Self" => "SelfValue".to_string(),
        _ => normalized,
    }
}

fn pascal_from_caps(joined: &str, original: &str) -> String {
    let letters: String = original
        .chars()
        .filter(|c| c.is_ascii_alphabetic())
        .collect();
    if letters.is_empty() || letters.chars().any(|c| c.is_ascii_lowercase()) {
        return joined.to_string();
    }
    original
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            let first = chars.next().unwrap();
            first.to_ascii_uppercase().to_string() + &chars.as_str().to_ascii_lowercase()
        })
        .collect()
}

/// The item name of a list property, for naming the item type of an inline
/// array: `Subnets` -> `Subnet`, `RequiresCompatibilities` ->
/// `RequiresCompatibility`, `Addresses` -> `Address`. Names that do not end
/// in a plural `s` (`Status`, `Access`) are kept.
pub fn singular(name: &str) -> String {
    if let Some(stem) = name.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for ending in ["sses", "xes", "ches", "shes"] {
        if name.ends_with(ending) {
            return name[..name.len() - 2].to_string();
        }
    }
    if name.ends_with("ss") || name.ends_with("us") {
        return name.to_string();
    }
    name.strip_suffix('s').unwrap_or(name).to_string()
}

const RUST_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_handles_acronyms_and_digits() {
        assert_eq!(snake_case("DBInstanceClass"), "db_instance_class");
        assert_eq!(snake_case("KMSMasterKeyID"), "kms_master_key_id");
        assert_eq!(snake_case("Ipv6CidrBlock"), "ipv6_cidr_block");
        assert_eq!(snake_case("MultiAZ"), "multi_az");
        assert_eq!(snake_case("VPCSecurityGroups"), "vpc_security_groups");
        assert_eq!(snake_case("Endpoint.Address"), "endpoint_address");
        assert_eq!(snake_case("dnsConfig"), "dns_config");
        assert_eq!(snake_case("IPv6Address"), "ipv6_address");
        assert_eq!(
            snake_case("AssignIPv6AddressOnCreation"),
            "assign_ipv6_address_on_creation"
        );
        assert_eq!(snake_case("TargetGroupARNs"), "target_group_arns");
        assert_eq!(snake_case("SecurityGroupIDs"), "security_group_ids");
        assert_eq!(snake_case("S3Location"), "s3_location");
        assert_eq!(snake_case("Ec2KeyName"), "ec2_key_name");
        assert_eq!(snake_case("OAuthScopes"), "o_auth_scopes");
        assert_eq!(snake_case("Status"), "status");
        assert_eq!(snake_case("CidrIpv6"), "cidr_ipv6");
        assert_eq!(field_name("Type"), "r#type");
    }

    #[test]
    fn type_names_are_rust_cased() {
        assert_eq!(type_name("VPC"), "Vpc");
        assert_eq!(type_name("DBInstance"), "DbInstance");
        assert_eq!(type_name("EIP"), "Eip");
        assert_eq!(type_name("VPCGatewayAttachment"), "VpcGatewayAttachment");
        assert_eq!(type_name("TargetGroup"), "TargetGroup");
        assert_eq!(type_name("IPv6Address"), "Ipv6Address");
        assert_eq!(type_name("S3Location"), "S3Location");
        assert_eq!(type_name("EBSOptions"), "EbsOptions");
        assert_eq!(type_name("SOA"), "Soa");
        assert_eq!(type_name("3DSettings"), "V3DSettings");
        assert_eq!(type_name("dnsConfig"), "DnsConfig");
    }

    #[test]
    fn variant_names_are_pascal_case() {
        assert_eq!(variant_name("FARGATE_SPOT"), "FargateSpot");
        assert_eq!(variant_name("ipv4"), "Ipv4");
        assert_eq!(variant_name("application/json"), "ApplicationJson");
        assert_eq!(variant_name("TCP"), "Tcp");
        assert_eq!(variant_name("1.2"), "V1_2");
        assert_eq!(variant_name("PutObject"), "PutObject");
        assert_eq!(variant_name("SELF"), "SelfValue");
    }

    #[test]
    fn singular_undoes_english_plurals_only() {
        assert_eq!(singular("Subnets"), "Subnet");
        assert_eq!(singular("RequiresCompatibilities"), "RequiresCompatibility");
        assert_eq!(singular("Addresses"), "Address");
        assert_eq!(singular("Prefixes"), "Prefix");
        assert_eq!(singular("Matches"), "Match");
        assert_eq!(singular("Status"), "Status");
        assert_eq!(singular("Access"), "Access");
        assert_eq!(singular("Item"), "Item");
    }
}
