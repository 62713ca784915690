//! Lays out generated Rust code exactly as rustfmt would, in process.
//!
//! `synth import` generates a restricted subset of Rust (see
//! [`tree`](self::tree) for what it covers). [`rustfmt_layout`] lexes and
//! parses it, then lays it out with rustfmt's own algorithms, ported
//! function by function in [`print`](self::print), for rustfmt's default
//! configuration in edition 2021. Anything outside the subset yields
//! `None`, and the caller runs rustfmt instead.

mod print;
mod tokens;
mod tree;

/// `source` laid out as rustfmt (edition 2021, default configuration) lays it out,
/// or `None` when it holds a construct this layout does not know (the caller then runs rustfmt).
pub fn rustfmt_layout(source: &str) -> Option<String> {
    // Widths are counted in characters; rustfmt counts columns
    // (`unicode-width`). They agree for the characters allowed here.
    if !source.chars().all(is_one_column) {
        return None;
    }
    let tokens = tokens::tokenize(source)?;
    let file = tree::parse(source, &tokens)?;
    print::print_file(source, &file)
}

/// Whether `c` takes one column in rustfmt's width computations: ASCII
/// (but control characters other than the newline), Latin-1 and Latin
/// Extended letters, and common punctuation such as dashes and quotes.
fn is_one_column(c: char) -> bool {
    matches!(c, '\n' | ' '..='~' | '\u{a0}'..='\u{24f}' | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205e}')
        && c != '\u{ad}'
}

#[cfg(test)]
mod tests {
    //! Each expected text is rustfmt 1.9's output for the input.

    use super::rustfmt_layout;

    fn assert_layout(input: &str, expected: &str) {
        assert_eq!(rustfmt_layout(input).as_deref(), Some(expected));
    }

    #[test]
    fn overflows_the_last_argument_and_breaks_long_chains() {
        assert_layout(
            "fn f() {\n    let vpc = template.add(Resource::new(\"Vpc\", ec2::Vpc::default().cidr_block(\"10.0.0.0/16\").enable_dns_hostnames(true)))?;\n}\n",
            "fn f() {\n    let vpc = template.add(Resource::new(\n        \"Vpc\",\n        ec2::Vpc::default()\n            .cidr_block(\"10.0.0.0/16\")\n            .enable_dns_hostnames(true),\n    ))?;\n}\n",
        );
    }

    #[test]
    fn struct_literals_wider_than_struct_lit_width_go_vertical() {
        assert_layout(
            "fn f() {\n    let r = t.add(Resource::new(\"Rule\", ec2::Rule::new(ec2::RuleRequired { port: 443.into(), protocol: \"tcp\".into() })))?;\n}\n",
            "fn f() {\n    let r = t.add(Resource::new(\n        \"Rule\",\n        ec2::Rule::new(ec2::RuleRequired {\n            port: 443.into(),\n            protocol: \"tcp\".into(),\n        }),\n    ))?;\n}\n",
        );
    }

    #[test]
    fn a_last_link_of_five_lines_or_more_stays_on_the_chain() {
        assert_layout(
            "fn f() {\n    let role = template.add(Resource::new(\"Role\", iam::Role::new(PolicyDocument::new([Statement::allow().principal(Principal::service(\"lambda.amazonaws.com\")).actions([\"sts:AssumeRole\"])])).role_name(\"r\")))?;\n}\n",
            "fn f() {\n    let role = template.add(Resource::new(\n        \"Role\",\n        iam::Role::new(PolicyDocument::new([Statement::allow()\n            .principal(Principal::service(\"lambda.amazonaws.com\"))\n            .actions([\"sts:AssumeRole\"])]))\n        .role_name(\"r\"),\n    ))?;\n}\n",
        );
    }

    #[test]
    fn keeps_a_statement_that_cannot_fit_and_packs_short_elements() {
        let long = "    let x = Template::new(\"This description is far too long to fit on one line even after moving it to the next line of the let\");\n";
        assert_layout(
            &format!("fn f() {{\n{long}    let y = g(vec![\"a\", \"b\", \"c\", \"d\", \"e\", \"f\", \"g\", \"h\", \"i\", \"j\", \"k\", \"l\", \"m\", \"n\", \"o\", \"p\", \"q\", \"r\"]);\n}}\n"),
            &format!("fn f() {{\n{long}    let y = g(vec![\n        \"a\", \"b\", \"c\", \"d\", \"e\", \"f\", \"g\", \"h\", \"i\", \"j\", \"k\", \"l\", \"m\", \"n\", \"o\", \"p\", \"q\", \"r\",\n    ]);\n}}\n"),
        );
    }

    #[test]
    fn reindents_json_objects_and_keeps_raw_strings() {
        assert_layout(
            "fn f() {\n    template.add_metadata(\"Interface\", Json::from(json!({\n    \"Groups\": [\n        {\"Label\": \"x\"},\n    ],\n})))?;\n    let s = g(h(r#\"line one\nline two\n\"#));\n}\n",
            "fn f() {\n    template.add_metadata(\n        \"Interface\",\n        Json::from(json!({\n            \"Groups\": [\n                {\"Label\": \"x\"},\n            ],\n        })),\n    )?;\n    let s = g(h(r#\"line one\nline two\n\"#));\n}\n",
        );
    }

    #[test]
    fn sorts_and_wraps_use_lists() {
        assert_layout(
            "use b::{Zeta, alpha, iam::{B, A}, Beta};\nuse a::{x};\n",
            "use a::x;\nuse b::{\n    alpha,\n    iam::{A, B},\n    Beta, Zeta,\n};\n",
        );
    }

    #[test]
    fn declines_what_it_does_not_know() {
        assert_eq!(rustfmt_layout("fn f() {\n    let x = a + b;\n}\n"), None);
        assert_eq!(rustfmt_layout("// a comment\nfn f() {}\n"), None);
    }
}
