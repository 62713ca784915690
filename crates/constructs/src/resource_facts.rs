//! What a resource type's schema says about replacing it, readable by type
//! name at run time.
//!
//! `ResourceType`'s constants answer for a type known at compile time; a
//! tool reading a template someone else wrote (`synth diff`) or checking
//! every resource of a template by its `Type` string needs the same facts
//! from the name alone. The table is generated with the types
//! (`aws::RESOURCE_FACTS`), so it always covers exactly the vendored
//! schemas.

/// The replacement facts of one resource type, from its vendored schema and
/// cfn-lint's list of types that hold data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResourceFacts {
    /// `AWS::S3::Bucket`.
    pub type_name: &'static str,
    /// `createOnlyProperties` as paths below `Properties`
    /// (`RootDirectory/Path`; `*` stands for any list item): a change at or
    /// under one replaces the resource.
    pub create_only: &'static [&'static str],
    /// `conditionalCreateOnlyProperties`, the same way: a change may replace
    /// the resource, depending on the values (the schema does not say
    /// which).
    pub conditional_create_only: &'static [&'static str],
    /// `primaryIdentifier`, the same way: what names the physical resource
    /// to CloudFormation.
    pub primary_identifier: &'static [&'static str],
    /// The property that gives the physical resource its name
    /// (`BucketName`, `QueueName`), when the type has one. A replacement
    /// that keeps it unchanged fails: CloudFormation creates the new
    /// resource before deleting the old, and the name is taken.
    pub name_property: Option<&'static str>,
    /// Whether the type holds data (cfn-lint's `StatefulResources.json`),
    /// so deleting or replacing it loses data unless its policies keep it.
    pub stateful: bool,
    /// The cargo feature of `constructs` that compiles the type
    /// (`dynamodb`), or `None` for a type no service module holds.
    pub feature: Option<&'static str>,
    /// What the registry schema allows [`Self::name_property`] to be (from
    /// cfn-lint's copy; the spec has no constraints), for checks that
    /// catch a name CloudFormation would refuse before a deploy does.
    pub name_rule: Option<NameRule>,
}

/// The length and pattern a naming property must have, as the registry
/// schema states them (`BucketName`: at most 63 characters of
/// `^([a-z0-9][a-z0-9.-]*[a-z0-9])?$`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameRule {
    /// The fewest characters allowed.
    pub min_length: Option<u32>,
    /// The most characters allowed.
    pub max_length: Option<u32>,
    /// A JSON Schema (ECMA-262) regular expression the name must match
    /// somewhere (JSON Schema patterns are not anchored unless they say so).
    pub pattern: Option<&'static str>,
}

/// The facts of `type_name`, or `None` for a type with no vendored schema.
pub fn resource_facts(type_name: &str) -> Option<&'static ResourceFacts> {
    let table = crate::aws::RESOURCE_FACTS;
    table
        .binary_search_by(|facts| facts.type_name.cmp(type_name))
        .ok()
        .map(|i| &table[i])
}

/// Whether `type_name` holds data, for any type cfn-lint knows, including
/// the ones this project does not generate (`AWS::DynamoDB::Table`): a
/// template written elsewhere is graded by the same list.
pub fn is_stateful(type_name: &str) -> bool {
    crate::aws::STATEFUL_TYPES
        .binary_search_by(|t| (*t).cmp(type_name))
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws;
    use crate::ResourceType;

    #[test]
    fn the_table_is_sorted_so_lookup_finds_every_type() {
        for facts in aws::RESOURCE_FACTS {
            assert_eq!(resource_facts(facts.type_name), Some(facts));
        }
        assert_eq!(resource_facts("Custom::Thing"), None);
        assert_eq!(resource_facts("AWS::NoSuch::Type"), None);
    }

    #[test]
    fn type_name_constants_are_the_generated_types_names() {
        use aws::type_names;
        assert_eq!(type_names::s3::BUCKET, aws::s3::Bucket::TYPE_NAME);
        assert_eq!(
            type_names::rds::DB_INSTANCE,
            aws::rds::DbInstance::TYPE_NAME
        );
        assert_eq!(
            type_names::elasticloadbalancingv2::LOAD_BALANCER,
            aws::elasticloadbalancingv2::LoadBalancer::TYPE_NAME
        );
        // Whatever the features: DynamoDB is not a default one.
        assert_eq!(type_names::dynamodb::TABLE, "AWS::DynamoDB::Table");
        assert!(resource_facts(type_names::dynamodb::TABLE).is_some());
    }

    #[test]
    fn facts_agree_with_the_generated_types() {
        let bucket = resource_facts(aws::s3::Bucket::TYPE_NAME).unwrap();
        assert_eq!(bucket.create_only, aws::s3::Bucket::CREATE_ONLY_PROPERTIES);
        assert_eq!(bucket.name_property, Some("BucketName"));
        assert!(bucket.stateful);
        let access_point = resource_facts("AWS::EFS::AccessPoint").unwrap();
        // The spec marks the whole `RootDirectory`, which covers its `Path`.
        assert!(access_point.create_only.contains(&"RootDirectory"));
        assert!(!access_point.stateful);
    }

    #[test]
    fn names_are_the_properties_that_name_the_physical_resource() {
        let name = |t: &str| resource_facts(t).unwrap().name_property;
        assert_eq!(name("AWS::SQS::Queue"), Some("QueueName"));
        assert_eq!(name("AWS::ECS::Service"), Some("ServiceName"));
        assert_eq!(name("AWS::IAM::Role"), Some("RoleName"));
        assert_eq!(name("AWS::RDS::DBInstance"), Some("DBInstanceIdentifier"));
        assert_eq!(name("AWS::EC2::SecurityGroup"), Some("GroupName"));
        // A family names revisions, each a new resource: never a conflict.
        assert_eq!(name("AWS::ECS::TaskDefinition"), None);
        // Names another resource, not this one.
        assert_eq!(name("AWS::Lambda::Permission"), None);
        assert_eq!(name("AWS::ECS::CapacityProvider"), Some("Name"));
        // Zones and records may share names; replacing one does not collide.
        assert_eq!(name("AWS::Route53::HostedZone"), None);
        assert_eq!(name("AWS::Route53::RecordSet"), None);
    }

    #[test]
    fn conditional_create_only_and_identifiers_are_kept() {
        let service = resource_facts("AWS::ECS::Service").unwrap();
        assert_eq!(service.primary_identifier, &["Cluster", "ServiceArn"]);
        let instance = resource_facts("AWS::RDS::DBInstance").unwrap();
        assert!(instance
            .conditional_create_only
            .contains(&"AvailabilityZone"));
        assert!(resource_facts("AWS::RDS::DBInstance").unwrap().stateful);
    }

    #[test]
    fn statefulness_covers_types_without_a_schema() {
        assert!(is_stateful("AWS::DynamoDB::Table"));
        assert!(is_stateful("AWS::S3::Bucket"));
        assert!(!is_stateful("AWS::SQS::QueuePolicy"));
        for facts in aws::RESOURCE_FACTS {
            assert_eq!(
                is_stateful(facts.type_name),
                facts.stateful,
                "{}",
                facts.type_name
            );
        }
    }
}
