//! Secrets Manager values where CloudFormation reads them: a dynamic
//! reference, resolved when a resource is created or updated, so the value
//! never appears in the template, its parameters or the console; and the
//! grant that lets a role read them where code reads them.

use constructs::aws::secretsmanager;
use constructs::iam::Statement;
use constructs::{fns, Expr, Handle};

/// A secret a role may be granted to read: one the template makes, or the
/// one RDS keeps for a database's master user
/// ([`Postgres`](crate::postgres::Postgres)). Only secrets are, so a grant
/// cannot name a bucket or a queue by mistake, as a list of ARNs could.
pub trait ReadableSecret {
    /// The secret's ARN, which `GetSecretValue` is granted on.
    fn secret_arn(&self) -> Expr<String>;

    /// Read this secret's value, and no other ([`read_secrets`]).
    fn grant_read(&self) -> Statement
    where
        Self: Sized,
    {
        read_secrets(&[self])
    }
}

impl ReadableSecret for Handle<secretsmanager::Secret> {
    /// A secret's `Ref` is its ARN.
    fn secret_arn(&self) -> Expr<String> {
        self.reference()
    }
}

/// Read the values of exactly `secrets` (`secretsmanager:GetSecretValue`,
/// statement `ReadSecrets`), in one statement however many a role reads.
pub fn read_secrets(secrets: &[&dyn ReadableSecret]) -> Statement {
    Statement::allow()
        .sid("ReadSecrets")
        .actions(["secretsmanager:GetSecretValue"])
        .resources(secrets.iter().map(|secret| secret.secret_arn()))
}

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
    fn a_read_grant_names_exactly_its_secrets() {
        let mut template = Template::new("t");
        let key = template
            .add(Resource::new("Key", secretsmanager::Secret::default()))
            .unwrap();
        let jwks = template
            .add(Resource::new("Jwks", secretsmanager::Secret::default()))
            .unwrap();
        let both = read_secrets(&[&key, &jwks]);
        assert_eq!(both.action_names(), ["secretsmanager:GetSecretValue"]);
        assert_eq!(
            both.resource_values(),
            [key.reference().into(), jwks.reference().into()]
        );
        let one = key.grant_read();
        assert_eq!(one.resource_values(), [key.reference().into()]);
        assert_eq!(one.action_names(), both.action_names());
    }

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
