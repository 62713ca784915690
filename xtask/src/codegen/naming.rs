//! Turning schema names into Rust identifiers.

/// `DBInstanceClass` -> `db_instance_class`, `KMSMasterKeyID` ->
/// `kms_master_key_id`, `Ipv6CidrBlock` -> `ipv6_cidr_block`.
pub fn snake_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !out.ends_with('_') && !out.is_empty() {
                out.push('_');
            }
            continue;
        }
        if c.is_ascii_uppercase() && i > 0 {
            let prev = chars[i - 1];
            let next_is_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            let boundary = prev.is_ascii_lowercase()
                || prev.is_ascii_digit()
                || (prev.is_ascii_uppercase() && next_is_lower);
            if boundary && !out.ends_with('_') && !out.is_empty() {
                out.push('_');
            }
        }
        out.push(c.to_ascii_lowercase());
    }
    out.trim_end_matches('_').to_string()
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

/// `dnsConfig` -> `DnsConfig`.
pub fn pascal_case(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
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
        assert_eq!(field_name("Type"), "r#type");
    }

    #[test]
    fn variant_names_are_pascal_case() {
        assert_eq!(variant_name("FARGATE_SPOT"), "FargateSpot");
        assert_eq!(variant_name("ipv4"), "Ipv4");
        assert_eq!(variant_name("application/json"), "ApplicationJson");
        assert_eq!(variant_name("TCP"), "Tcp");
        assert_eq!(variant_name("1.2"), "V1_2");
        assert_eq!(variant_name("PutObject"), "PutObject");
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

    #[test]
    fn pascal_case_capitalises_the_first_letter() {
        assert_eq!(pascal_case("dnsConfig"), "DnsConfig");
        assert_eq!(pascal_case("Type"), "Type");
        assert_eq!(pascal_case(""), "");
    }
}
