//! The look every format shares: group colours (AWS's own for VPCs and
//! public and private subnets, so the picture reads like their diagrams).

use super::model::GroupKind;

/// Fill and stroke of a group.
pub fn colours(kind: GroupKind) -> (&'static str, &'static str) {
    match kind {
        GroupKind::Vpc => ("#f2f8ee", "#3f8624"),
        GroupKind::Zone => ("#fbfbfd", "#5a6b86"),
        GroupKind::Subnet { public: true } => ("#e9f5e1", "#7aa116"),
        GroupKind::Subnet { public: false } => ("#e6f2f8", "#147eba"),
        GroupKind::Regional => ("#f7f7f7", "#7d8998"),
    }
}

/// A service category, for the colour of a node's border: the picture
/// shows at a glance what computes, stores, queues or guards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    Compute,
    Storage,
    Database,
    Integration,
    Networking,
    Security,
    Management,
    Other,
}

impl Category {
    /// In legend order.
    pub const ALL: [Category; 8] = [
        Category::Compute,
        Category::Storage,
        Category::Database,
        Category::Integration,
        Category::Networking,
        Category::Security,
        Category::Management,
        Category::Other,
    ];

    /// The category of a CloudFormation type (`AWS::SQS::Queue`).
    pub fn of(type_name: &str) -> Self {
        let service = type_name.split("::").nth(1).unwrap_or("");
        match service {
            "ECS" | "Lambda" | "AutoScaling" | "Batch" => Category::Compute,
            "S3" | "EFS" | "ECR" => Category::Storage,
            "RDS" | "ElastiCache" | "OpenSearchService" | "DynamoDB" => Category::Database,
            "SQS" | "SNS" | "Scheduler" | "Events" | "StepFunctions" => Category::Integration,
            "EC2" if type_name.ends_with("::Instance") || type_name.ends_with("LaunchTemplate") => {
                Category::Compute
            }
            "EC2" | "ElasticLoadBalancingV2" | "Route53" | "ServiceDiscovery" | "CloudFront" => {
                Category::Networking
            }
            "IAM" | "SecretsManager" | "KMS" | "CertificateManager" | "WAFv2" => Category::Security,
            "CloudWatch" | "Logs" | "SSM" | "ApplicationAutoScaling" => Category::Management,
            _ => Category::Other,
        }
    }

    pub fn colour(self) -> &'static str {
        match self {
            Category::Compute => "#ed7100",
            Category::Storage => "#7aa116",
            Category::Database => "#c925d1",
            Category::Integration => "#e7157b",
            Category::Networking => "#8c4fff",
            Category::Security => "#dd344c",
            Category::Management => "#b0084d",
            Category::Other => "#545b64",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Category::Compute => "compute",
            Category::Storage => "storage",
            Category::Database => "database",
            Category::Integration => "integration",
            Category::Networking => "networking",
            Category::Security => "security",
            Category::Management => "management",
            Category::Other => "other",
        }
    }
}
