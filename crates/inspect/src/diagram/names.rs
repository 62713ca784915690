//! How a resource type or a parameter is named in a box: short enough to
//! read at a glance, still the CloudFormation type a reviewer searches for.

use constructs::aws::type_names as types;

/// `AWS::ElasticLoadBalancingV2::TargetGroup` as `ELB TargetGroup`.
pub fn short_type(type_name: &str) -> String {
    let mut parts = type_name.split("::");
    let (Some(vendor), Some(service), Some(kind)) = (parts.next(), parts.next(), parts.next())
    else {
        return type_name.to_string();
    };
    if vendor != "AWS" {
        return type_name.to_string();
    }
    let service = match service {
        "ElasticLoadBalancingV2" => "ELB",
        "CertificateManager" => "ACM",
        "ApplicationAutoScaling" => "App Auto Scaling",
        "ServiceDiscovery" => "Cloud Map",
        "OpenSearchService" => "OpenSearch",
        "SecretsManager" => "Secrets Manager",
        "Route53" => "Route 53",
        "AutoScaling" => "Auto Scaling",
        other => other,
    };
    format!("{service} {kind}")
}

/// What a parameter stands for, when it names a resource the stack uses
/// but does not make: from its type, or else from the property it is
/// given to (`FileSystemId` is an EFS file system whatever the parameter's
/// type). `None` for values that are not resources (CIDRs, image tags,
/// secrets' values).
pub fn external_kind(parameter_type: &str, keys: &[&str]) -> Option<&'static str> {
    let by_type = match parameter_type
        .trim_start_matches("List<")
        .trim_end_matches('>')
    {
        "AWS::EC2::VPC::Id" => Some("VPC"),
        "AWS::EC2::Subnet::Id" => Some("subnet"),
        "AWS::EC2::SecurityGroup::Id" => Some("security group"),
        "AWS::Route53::HostedZone::Id" => Some("Route 53 hosted zone"),
        _ => None,
    };
    by_type.or_else(|| keys.iter().find_map(|key| kind_of_key(key)))
}

fn kind_of_key(key: &str) -> Option<&'static str> {
    Some(match key {
        "VpcId" | "Vpc" | "VPCId" => "VPC",
        "SubnetId" | "SubnetIds" | "Subnets" | "VPCZoneIdentifier" => "subnet",
        "FileSystemId" | "FilesystemId" => "EFS file system",
        "CertificateArn" => "ACM certificate",
        "HostedZoneId" => "Route 53 hosted zone",
        "KmsKeyId" | "KmsKeyArn" | "KMSMasterKeyID" => "KMS key",
        "VpcPeeringConnectionId" => "VPC peering connection",
        "TopicArn" => "SNS topic",
        _ if key.contains("SecurityGroup") => "security group",
        _ if key.ends_with("RoleArn") => "IAM role",
        _ => return None,
    })
}

/// The resource type a parameter of this kind stands for, so it is
/// coloured like one the stack makes.
pub fn external_type(kind: &str) -> &'static str {
    match kind {
        "VPC" => types::ec2::VPC,
        "subnet" => types::ec2::SUBNET,
        "security group" => types::ec2::SECURITY_GROUP,
        "Route 53 hosted zone" => types::route53::HOSTED_ZONE,
        "EFS file system" => types::efs::FILE_SYSTEM,
        "ACM certificate" => types::certificatemanager::CERTIFICATE,
        "KMS key" => types::kms::KEY,
        "VPC peering connection" => types::ec2::VPC_PEERING_CONNECTION,
        "SNS topic" => types::sns::TOPIC,
        "IAM role" => types::iam::ROLE,
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortens_services_and_keeps_the_resource_name() {
        assert_eq!(
            short_type(types::elasticloadbalancingv2::TARGET_GROUP),
            "ELB TargetGroup"
        );
        assert_eq!(short_type(types::s3::BUCKET), "S3 Bucket");
        assert_eq!(short_type("Custom::Thing"), "Custom::Thing");
    }

    #[test]
    fn parameters_are_known_by_type_or_by_the_property_they_fill() {
        assert_eq!(
            external_kind("List<AWS::EC2::SecurityGroup::Id>", &[]),
            Some("security group")
        );
        assert_eq!(
            external_kind("String", &["FilesystemId"]),
            Some("EFS file system")
        );
        assert_eq!(
            external_kind("String", &["DestinationSecurityGroupId"]),
            Some("security group")
        );
        assert_eq!(external_kind("String", &["CidrBlock", "Image"]), None);
    }
}
