//! Rust spelling: identifiers from logical IDs, and literals.

/// Rust's keywords, strict and reserved, which a binding may not be.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// `VPCGatewayAttachment` → `vpc_gateway_attachment`, `Subnet1A` →
/// `subnet1_a`: words split where case changes, as a person would.
pub fn snake_case(id: &str) -> String {
    // AWS CDK's logical IDs end in an 8-digit hexadecimal hash
    // (`DataBucketE3889A50`): one word, not split where a digit meets a
    // letter.
    let (id, hash) = match cdk_hash(id) {
        Some(at) => (&id[..at], Some(id[at..].to_ascii_lowercase())),
        None => (id, None),
    };
    let mut out = words(id);
    if let Some(hash) = hash {
        if !out.is_empty() {
            out.push('_');
        }
        out.push_str(&hash);
    }
    out
}

/// Where the trailing CDK hash of `id` starts: 8 upper-case hexadecimal
/// characters with a digit among them, after a lower-case letter or digit.
fn cdk_hash(id: &str) -> Option<usize> {
    let at = id.len().checked_sub(8)?;
    let tail = id.get(at..)?;
    let before = id[..at].chars().next_back()?;
    let hex = tail
        .chars()
        .all(|c| c.is_ascii_digit() || ('A'..='F').contains(&c));
    (hex && tail.chars().any(|c| c.is_ascii_digit())
        && (before.is_ascii_lowercase() || before.is_ascii_digit()))
    .then_some(at)
}

fn words(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() {
            let previous = i.checked_sub(1).map(|p| chars[p]);
            let next = chars.get(i + 1);
            let boundary = match previous {
                None => false,
                Some(p) if p.is_ascii_lowercase() || p.is_ascii_digit() => true,
                Some(p) if p.is_ascii_uppercase() => next.is_some_and(|n| n.is_ascii_lowercase()),
                Some(_) => false,
            };
            if boundary && !out.ends_with('_') {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    out.trim_end_matches('_').to_string()
}

/// `acme-prod` → `AcmeProd`.
pub fn camel_case(name: &str) -> String {
    snake_case(name)
        .split('_')
        .filter(|word| !word.is_empty())
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

/// Why `name` cannot be a binding as it is: a keyword, or a leading
/// digit.
pub fn unusable(name: &str) -> Option<&'static str> {
    if name.is_empty() {
        Some("it has no letters")
    } else if KEYWORDS.contains(&name) {
        Some("it is a Rust keyword")
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        Some("it starts with a digit")
    } else {
        None
    }
}

/// A string literal: a raw string for multi-line text (a script, a
/// document), so it reads as written; escaped otherwise.
pub fn string(text: &str) -> String {
    if text.contains('\n') && !text.contains('\r') {
        let mut hashes = String::new();
        while text.contains(&format!("\"{hashes}")) {
            hashes.push('#');
        }
        format!("r{hashes}\"{text}\"{hashes}")
    } else {
        format!("{text:?}")
    }
}

/// A float literal that reads back as `value` (`1.0`, `0.25`).
pub fn float(value: f64) -> String {
    format!("{value:?}")
}

/// `source` indented by bracket depth, a chained call one step further:
/// what rustfmt leaves of a statement it cannot fit (a string longer than
/// a line) still reads as code. Lines inside a string are kept as they
/// are.
pub fn indent(source: &str) -> String {
    let mut out = String::new();
    // One entry per indentation level: how many brackets the line that
    // opened it left open, so `f(g([` on one line is one level, as
    // rustfmt's block indent has it.
    let mut levels: Vec<usize> = Vec::new();
    // Inside a string that spans lines: `Some(hashes)` for a raw string,
    // `Some(usize::MAX)` for an escaped one.
    let mut open_string: Option<usize> = None;
    for line in source.lines() {
        let trimmed = line.trim_start();
        if open_string.is_some() {
            out.push_str(line);
        } else {
            let closes = trimmed.starts_with([')', ']', '}']);
            let level = levels.len().saturating_sub(usize::from(closes))
                + usize::from(trimmed.starts_with('.'));
            if !trimmed.is_empty() {
                out.push_str(&"    ".repeat(level));
            }
            out.push_str(trimmed);
        }
        out.push('\n');
        let scanned = if open_string.is_some() { line } else { trimmed };
        let mut opened = 0;
        scan(scanned, &mut open_string, &mut |open| {
            if open {
                opened += 1;
            } else if opened > 0 {
                opened -= 1;
            } else if let Some(top) = levels.last_mut() {
                *top -= 1;
                if *top == 0 {
                    levels.pop();
                }
            }
        });
        if opened > 0 {
            levels.push(opened);
        }
    }
    out
}

/// Follows brackets and strings through one line.
fn scan(line: &str, open_string: &mut Option<usize>, bracket: &mut impl FnMut(bool)) {
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match *open_string {
            Some(usize::MAX) => match bytes[i] {
                b'\\' => i += 1,
                b'"' => *open_string = None,
                _ => {}
            },
            Some(hashes) => {
                if bytes[i] == b'"'
                    && bytes[i + 1..]
                        .iter()
                        .take(hashes)
                        .filter(|b| **b == b'#')
                        .count()
                        == hashes
                {
                    *open_string = None;
                    i += hashes;
                }
            }
            None => match bytes[i] {
                b'/' if bytes.get(i + 1) == Some(&b'/') => return,
                b'"' => *open_string = Some(usize::MAX),
                b'r' if matches!(bytes.get(i + 1), Some(b'"' | b'#'))
                    && (i == 0
                        || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_')) =>
                {
                    let hashes = bytes[i + 1..].iter().take_while(|b| **b == b'#').count();
                    if bytes.get(i + 1 + hashes) == Some(&b'"') {
                        *open_string = Some(hashes);
                        i += 1 + hashes;
                    }
                }
                b'(' | b'[' | b'{' => bracket(true),
                b')' | b']' | b'}' => bracket(false),
                _ => {}
            },
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logical_ids_become_snake_case() {
        for (id, name) in [
            ("Bucket", "bucket"),
            ("VPCGatewayAttachment", "vpc_gateway_attachment"),
            ("PublicSubnet1", "public_subnet1"),
            ("Subnet1A", "subnet1_a"),
            ("MyS3Bucket", "my_s3_bucket"),
            ("DBInstance", "db_instance"),
            ("ECSCluster", "ecs_cluster"),
            ("LambdaRoleABCD1234", "lambda_role_abcd1234"),
            ("DataBucketE3889A50", "data_bucket_e3889a50"),
            ("ProviderRole3B1BD092", "provider_role_3b1bd092"),
            ("Subnet12345678", "subnet_12345678"),
        ] {
            assert_eq!(snake_case(id), name, "{id}");
        }
        assert_eq!(camel_case("acme-prod"), "AcmeProd");
    }

    #[test]
    fn strings_stay_readable() {
        assert_eq!(string("a\"b"), r#""a\"b""#);
        assert_eq!(
            string("#!/bin/sh\necho \"hi\"\n"),
            "r#\"#!/bin/sh\necho \"hi\"\n\"#"
        );
        assert_eq!(string("a\r\nb"), r#""a\r\nb""#);
        assert_eq!(float(1.0), "1.0");
        assert!(unusable("type").is_some() && unusable("bucket").is_none());
    }

    #[test]
    fn indents_by_depth_and_keeps_strings() {
        let code = "let x = f(a,\ng(\"(\")\n.h(r#\"one\n  two)\n\"#)\n);\n";
        assert_eq!(
            indent(code),
            "let x = f(a,\n    g(\"(\")\n        .h(r#\"one\n  two)\n\"#)\n);\n"
        );
        // Three brackets opened on one line are one level.
        assert_eq!(indent("f(g([\nx,\n])),\ny"), "f(g([\n    x,\n])),\ny\n");
    }
}
