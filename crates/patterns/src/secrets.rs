//! Secrets Manager values where CloudFormation reads them: a dynamic
//! reference, resolved when a resource is created or updated, so the value
//! never appears in the template, its parameters or the console.

use constructs::aws::secretsmanager;
use constructs::{fns, Expr, Handle};

/// `{{resolve:secretsmanager:${Secret}:SecretString:field}}`: the `field`
/// of the JSON `secret` holds (a generated password, say), for a property
/// that takes the value itself (`MasterUserPassword`, a cache user's
/// `Passwords`).
pub fn resolve_field(secret: &Handle<secretsmanager::Secret>, field: &str) -> Expr<String> {
    fns::sub(format!(
        "{{{{resolve:secretsmanager:${{{}}}:SecretString:{field}}}}}",
        secret.logical_id()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use constructs::{Format, Resource, Template};

    #[test]
    fn the_reference_names_the_secret_and_its_field() {
        let mut template = Template::new("t");
        let secret = template
            .add(Resource::new(
                "DatabaseSecret",
                secretsmanager::Secret::default(),
            ))
            .unwrap();
        template
            .add(Resource::new(
                "Other",
                secretsmanager::Secret::default().secret_string(resolve_field(&secret, "password")),
            ))
            .unwrap();
        let yaml = template.synthesize(Format::Yaml).unwrap().body;
        assert!(
            yaml.contains(
                "SecretString: !Sub '{{resolve:secretsmanager:${DatabaseSecret}:SecretString:password}}'"
            ),
            "{yaml}"
        );
    }
}
