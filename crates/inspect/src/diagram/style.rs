//! The look every format shares: group colours (AWS's own for VPCs and
//! public and private subnets, so the picture reads like their diagrams)
//! and the service category of each resource, whose colour borders its box.

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
///
/// The categories follow the groups of AWS's own architecture icons, so a
/// reader who knows those icons reads ours the same way. AWS gives several
/// groups one colour (analytics and networking are both purple); ours are
/// all distinct, since the colour is the only thing that tells them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    /// Runs code: instances, containers, functions, batch and HPC.
    Compute,
    /// Keeps bytes: object, file, block and backup storage, registries.
    Storage,
    /// Keeps records: relational, key-value, document, graph and search.
    Database,
    /// Moves messages between parts: queues, topics, buses, APIs, workflows.
    Integration,
    /// Carries traffic: VPCs, load balancers, DNS, CDN, private links.
    Networking,
    /// Guards access: identity, keys, secrets, certificates, threat detection.
    Security,
    /// Watches and governs: metrics, logs, config, stacks, accounts, cost.
    Management,
    /// Turns data into answers: streams, lakes, warehouses, ETL, BI.
    Analytics,
    /// Trains, hosts or calls models: SageMaker, Bedrock, the AI services.
    MachineLearning,
    /// Builds and ships code: repositories, builds, pipelines, tracing.
    DeveloperTools,
    /// Connects devices: IoT Core, Greengrass and the other IoT services.
    InternetOfThings,
    /// Processes and delivers video and audio: Elemental, IVS, rendering.
    Media,
    /// Serves people directly: desktops, contact centres, email, messaging.
    EndUser,
    /// Nothing above fits, or the type is not AWS's (`Custom::Thing`).
    Other,
}

impl Category {
    /// In legend order: the original eight first, as they always were, the
    /// newer categories after them and `Other` last.
    pub const ALL: [Category; 14] = [
        Category::Compute,
        Category::Storage,
        Category::Database,
        Category::Integration,
        Category::Networking,
        Category::Security,
        Category::Management,
        Category::Analytics,
        Category::MachineLearning,
        Category::DeveloperTools,
        Category::InternetOfThings,
        Category::Media,
        Category::EndUser,
        Category::Other,
    ];

    /// The category of a CloudFormation type (`AWS::SQS::Queue`).
    ///
    /// Looked up by namespace (`AWS::SQS`) in `NAMESPACES`, which names
    /// every namespace of the AWS service spec, so no AWS type falls to
    /// `Other` by being forgotten. EC2 is the one namespace split by type:
    /// its instances and what launches or reserves them compute, its EBS
    /// volumes storage, the rest (VPCs, subnets, gateways, routes)
    /// networking.
    pub fn of(type_name: &str) -> Self {
        let (namespace, resource) = split(type_name);
        if namespace == "AWS::EC2" && EC2_COMPUTE.contains(&resource) {
            return Category::Compute;
        }
        if namespace == "AWS::EC2" && EC2_STORAGE.contains(&resource) {
            return Category::Storage;
        }
        NAMESPACES
            .binary_search_by(|(name, _)| name.cmp(&namespace))
            .map_or(Category::Other, |index| NAMESPACES[index].1)
    }

    /// The border colour, close to the colour of AWS's icon for the
    /// category and distinct from every other category's.
    pub fn colour(self) -> &'static str {
        match self {
            Category::Compute => "#ed7100",
            Category::Storage => "#7aa116",
            Category::Database => "#c925d1",
            Category::Integration => "#e7157b",
            Category::Networking => "#8c4fff",
            Category::Security => "#dd344c",
            Category::Management => "#b0084d",
            Category::Analytics => "#3334b9",
            Category::MachineLearning => "#01a88d",
            Category::DeveloperTools => "#b08600",
            Category::InternetOfThings => "#00838f",
            Category::Media => "#a0522d",
            Category::EndUser => "#1e4b8f",
            Category::Other => "#545b64",
        }
    }

    /// The name the legend shows next to the colour, in lowercase words.
    pub fn name(self) -> &'static str {
        match self {
            Category::Compute => "compute",
            Category::Storage => "storage",
            Category::Database => "database",
            Category::Integration => "integration",
            Category::Networking => "networking",
            Category::Security => "security",
            Category::Management => "management",
            Category::Analytics => "analytics",
            Category::MachineLearning => "machine learning",
            Category::DeveloperTools => "developer tools",
            Category::InternetOfThings => "internet of things",
            Category::Media => "media",
            Category::EndUser => "end-user applications",
            Category::Other => "other",
        }
    }
}

/// The namespace (`AWS::SQS`) and the rest (`Queue`) of a type name; a name
/// with fewer than two `::` is all namespace.
fn split(type_name: &str) -> (&str, &str) {
    let Some(first) = type_name.find("::") else {
        return (type_name, "");
    };
    let start = first + 2;
    match type_name[start..].find("::") {
        Some(second) => (
            &type_name[..start + second],
            &type_name[start + second + 2..],
        ),
        None => (type_name, ""),
    }
}

/// EBS, which CloudFormation files under EC2: volumes hold data.
const EC2_STORAGE: &[&str] = &["Volume", "VolumeAttachment"];

/// The EC2 types that run, launch or reserve instances, and so compute;
/// every other EC2 type but the EBS volumes is networking.
const EC2_COMPUTE: &[&str] = &[
    "CapacityReservation",
    "CapacityReservationFleet",
    "EC2Fleet",
    "FpgaImage",
    "Host",
    "Instance",
    "InstanceEventWindow",
    "LaunchTemplate",
    "PlacementGroup",
    "SpotFleet",
];

/// Every CloudFormation namespace of the AWS service spec with its
/// category, sorted byte-wise by namespace so [`Category::of`] can binary
/// search it. Explicit rather than guessed from names, so each namespace is
/// a decision someone made; a namespace AWS adds later falls to `Other`
/// until it is added here.
///
/// Where AWS's icon groups have no counterpart here the nearest one is
/// used: migration and recovery go with what they move (DataSync, DRS are
/// storage; DMS is database; MGN, M2 compute), cost and billing are
/// management, games and quantum compute, robotics IoT, satellite
/// downlinks networking, a blockchain ledger database. The OpenSearch and
/// Elasticsearch family stays database, as OpenSearchService always was.
const NAMESPACES: &[(&str, Category)] = &[
    ("AWS::ACMPCA", Category::Security),
    ("AWS::AIOps", Category::Management),
    ("AWS::APS", Category::Management),
    ("AWS::ARCRegionSwitch", Category::Networking),
    ("AWS::ARCZonalShift", Category::Networking),
    ("AWS::AWSExternalAnthropic", Category::MachineLearning),
    ("AWS::AccessAnalyzer", Category::Security),
    ("AWS::AccountAccess", Category::Security),
    ("AWS::AgentRegistry", Category::MachineLearning),
    ("AWS::AmazonMQ", Category::Integration),
    ("AWS::Amplify", Category::DeveloperTools),
    ("AWS::AmplifyUIBuilder", Category::DeveloperTools),
    ("AWS::ApiGateway", Category::Integration),
    ("AWS::ApiGatewayV2", Category::Integration),
    ("AWS::AppConfig", Category::Management),
    ("AWS::AppFlow", Category::Integration),
    ("AWS::AppIntegrations", Category::Integration),
    ("AWS::AppMesh", Category::Networking),
    ("AWS::AppRunner", Category::Compute),
    ("AWS::AppStream", Category::EndUser),
    ("AWS::AppSync", Category::Integration),
    ("AWS::AppTest", Category::DeveloperTools),
    ("AWS::ApplicationAutoScaling", Category::Management),
    ("AWS::ApplicationInsights", Category::Management),
    ("AWS::ApplicationSignals", Category::Management),
    ("AWS::Athena", Category::Analytics),
    ("AWS::AuditManager", Category::Security),
    ("AWS::AutoScaling", Category::Compute),
    ("AWS::AutoScalingPlans", Category::Management),
    ("AWS::B2BI", Category::Integration),
    ("AWS::BCM", Category::Management),
    ("AWS::BCMDataExports", Category::Management),
    ("AWS::Backup", Category::Storage),
    ("AWS::BackupGateway", Category::Storage),
    ("AWS::Batch", Category::Compute),
    ("AWS::BcmPricingCalculator", Category::Management),
    ("AWS::Bedrock", Category::MachineLearning),
    ("AWS::BedrockAgentCore", Category::MachineLearning),
    ("AWS::BedrockMantle", Category::MachineLearning),
    ("AWS::Billing", Category::Management),
    ("AWS::BillingConductor", Category::Management),
    ("AWS::Braket", Category::Compute),
    ("AWS::Budgets", Category::Management),
    ("AWS::CE", Category::Management),
    ("AWS::CUR", Category::Management),
    ("AWS::Cases", Category::EndUser),
    ("AWS::Cassandra", Category::Database),
    ("AWS::CertificateManager", Category::Security),
    ("AWS::Chatbot", Category::Management),
    ("AWS::Chime", Category::EndUser),
    ("AWS::CleanRooms", Category::Analytics),
    ("AWS::CleanRoomsML", Category::MachineLearning),
    ("AWS::Cloud9", Category::DeveloperTools),
    ("AWS::CloudFormation", Category::Management),
    ("AWS::CloudFront", Category::Networking),
    ("AWS::CloudHSM", Category::Security),
    ("AWS::CloudTrail", Category::Management),
    ("AWS::CloudWatch", Category::Management),
    ("AWS::CodeArtifact", Category::DeveloperTools),
    ("AWS::CodeBuild", Category::DeveloperTools),
    ("AWS::CodeCommit", Category::DeveloperTools),
    ("AWS::CodeConnections", Category::DeveloperTools),
    ("AWS::CodeDeploy", Category::DeveloperTools),
    ("AWS::CodeGuruProfiler", Category::DeveloperTools),
    ("AWS::CodeGuruReviewer", Category::DeveloperTools),
    ("AWS::CodePipeline", Category::DeveloperTools),
    ("AWS::CodeStar", Category::DeveloperTools),
    ("AWS::CodeStarConnections", Category::DeveloperTools),
    ("AWS::CodeStarNotifications", Category::DeveloperTools),
    ("AWS::Cognito", Category::Security),
    ("AWS::Comprehend", Category::MachineLearning),
    ("AWS::ComputeOptimizer", Category::Management),
    ("AWS::Config", Category::Management),
    ("AWS::Connect", Category::EndUser),
    ("AWS::ConnectCampaigns", Category::EndUser),
    ("AWS::ConnectCampaignsV2", Category::EndUser),
    ("AWS::ControlTower", Category::Management),
    ("AWS::CustomerProfiles", Category::EndUser),
    ("AWS::DAX", Category::Database),
    ("AWS::DLM", Category::Storage),
    ("AWS::DMS", Category::Database),
    ("AWS::DRS", Category::Storage),
    ("AWS::DSQL", Category::Database),
    ("AWS::DataBrew", Category::Analytics),
    ("AWS::DataExchange", Category::Analytics),
    ("AWS::DataPipeline", Category::Analytics),
    ("AWS::DataSync", Category::Storage),
    ("AWS::DataZone", Category::Analytics),
    ("AWS::Deadline", Category::Media),
    ("AWS::Detective", Category::Security),
    ("AWS::DevOpsAgent", Category::Management),
    ("AWS::DevOpsGuru", Category::Management),
    ("AWS::DeviceFarm", Category::DeveloperTools),
    ("AWS::DirectConnect", Category::Networking),
    ("AWS::DirectoryService", Category::Security),
    ("AWS::DocDB", Category::Database),
    ("AWS::DocDBElastic", Category::Database),
    ("AWS::DynamoDB", Category::Database),
    ("AWS::EC2", Category::Networking),
    ("AWS::ECR", Category::Storage),
    ("AWS::ECS", Category::Compute),
    ("AWS::EFS", Category::Storage),
    ("AWS::EKS", Category::Compute),
    ("AWS::EMR", Category::Analytics),
    ("AWS::EMRContainers", Category::Analytics),
    ("AWS::EMRServerless", Category::Analytics),
    ("AWS::EVS", Category::Compute),
    ("AWS::ElastiCache", Category::Database),
    ("AWS::ElasticBeanstalk", Category::Compute),
    ("AWS::ElasticLoadBalancing", Category::Networking),
    ("AWS::ElasticLoadBalancingV2", Category::Networking),
    ("AWS::Elasticsearch", Category::Database),
    ("AWS::ElementalInference", Category::Media),
    ("AWS::EntityResolution", Category::Analytics),
    ("AWS::EventSchemas", Category::Integration),
    ("AWS::Events", Category::Integration),
    ("AWS::EventsV2", Category::Integration),
    ("AWS::Evidently", Category::Management),
    ("AWS::FIS", Category::Management),
    ("AWS::FMS", Category::Security),
    ("AWS::FSx", Category::Storage),
    ("AWS::FinSpace", Category::Analytics),
    ("AWS::Forecast", Category::MachineLearning),
    ("AWS::FraudDetector", Category::MachineLearning),
    ("AWS::GameLift", Category::Compute),
    ("AWS::GameLiftStreams", Category::Media),
    ("AWS::GlobalAccelerator", Category::Networking),
    ("AWS::Glue", Category::Analytics),
    ("AWS::Grafana", Category::Management),
    ("AWS::Greengrass", Category::InternetOfThings),
    ("AWS::GreengrassV2", Category::InternetOfThings),
    ("AWS::GroundStation", Category::Networking),
    ("AWS::GuardDuty", Category::Security),
    ("AWS::HealthAgent", Category::MachineLearning),
    ("AWS::HealthImaging", Category::Storage),
    ("AWS::HealthLake", Category::Database),
    ("AWS::IAM", Category::Security),
    ("AWS::IVS", Category::Media),
    ("AWS::IVSChat", Category::Media),
    ("AWS::IdentityStore", Category::Security),
    ("AWS::ImageBuilder", Category::Compute),
    ("AWS::Inspector", Category::Security),
    ("AWS::InspectorV2", Category::Security),
    ("AWS::Interconnect", Category::Networking),
    ("AWS::InternetMonitor", Category::Management),
    ("AWS::Invoicing", Category::Management),
    ("AWS::IoT", Category::InternetOfThings),
    ("AWS::IoTAnalytics", Category::InternetOfThings),
    ("AWS::IoTCoreDeviceAdvisor", Category::InternetOfThings),
    ("AWS::IoTEvents", Category::InternetOfThings),
    ("AWS::IoTFleetHub", Category::InternetOfThings),
    ("AWS::IoTFleetWise", Category::InternetOfThings),
    ("AWS::IoTSecureTunneling", Category::InternetOfThings),
    ("AWS::IoTSiteWise", Category::InternetOfThings),
    ("AWS::IoTThingsGraph", Category::InternetOfThings),
    ("AWS::IoTTwinMaker", Category::InternetOfThings),
    ("AWS::IoTWireless", Category::InternetOfThings),
    ("AWS::KMS", Category::Security),
    ("AWS::KafkaConnect", Category::Analytics),
    ("AWS::Kendra", Category::MachineLearning),
    ("AWS::KendraRanking", Category::MachineLearning),
    ("AWS::Kinesis", Category::Analytics),
    ("AWS::KinesisAnalytics", Category::Analytics),
    ("AWS::KinesisAnalyticsV2", Category::Analytics),
    ("AWS::KinesisFirehose", Category::Analytics),
    ("AWS::KinesisVideo", Category::Media),
    ("AWS::LakeFormation", Category::Analytics),
    ("AWS::Lambda", Category::Compute),
    ("AWS::LaunchWizard", Category::Management),
    ("AWS::Lex", Category::MachineLearning),
    ("AWS::LicenseManager", Category::Management),
    ("AWS::Lightsail", Category::Compute),
    ("AWS::Location", Category::Other),
    ("AWS::Logs", Category::Management),
    ("AWS::LookoutEquipment", Category::MachineLearning),
    ("AWS::LookoutMetrics", Category::MachineLearning),
    ("AWS::LookoutVision", Category::MachineLearning),
    ("AWS::M2", Category::Compute),
    ("AWS::MGN", Category::Compute),
    ("AWS::MPA", Category::Security),
    ("AWS::MSK", Category::Analytics),
    ("AWS::MWAA", Category::Integration),
    ("AWS::MWAAServerless", Category::Integration),
    ("AWS::Macie", Category::Security),
    ("AWS::ManagedBlockchain", Category::Database),
    ("AWS::MediaConnect", Category::Media),
    ("AWS::MediaConvert", Category::Media),
    ("AWS::MediaLive", Category::Media),
    ("AWS::MediaPackage", Category::Media),
    ("AWS::MediaPackageV2", Category::Media),
    ("AWS::MediaStore", Category::Media),
    ("AWS::MediaTailor", Category::Media),
    ("AWS::MemoryDB", Category::Database),
    ("AWS::Neptune", Category::Database),
    ("AWS::NeptuneGraph", Category::Database),
    ("AWS::NetworkFirewall", Category::Security),
    ("AWS::NetworkFlowMonitor", Category::Management),
    ("AWS::NetworkManager", Category::Networking),
    ("AWS::NetworkMonitor", Category::Management),
    ("AWS::NimbleStudio", Category::Media),
    ("AWS::Notifications", Category::Management),
    ("AWS::NotificationsContacts", Category::Management),
    ("AWS::NovaAct", Category::MachineLearning),
    ("AWS::ODB", Category::Database),
    ("AWS::OSIS", Category::Analytics),
    ("AWS::Oam", Category::Management),
    ("AWS::ObservabilityAdmin", Category::Management),
    ("AWS::Omics", Category::Analytics),
    ("AWS::OpenSearch", Category::Database),
    ("AWS::OpenSearchServerless", Category::Database),
    ("AWS::OpenSearchService", Category::Database),
    ("AWS::OpsWorks", Category::Management),
    ("AWS::OpsWorksCM", Category::Management),
    ("AWS::Organizations", Category::Management),
    ("AWS::Outposts", Category::Compute),
    ("AWS::PCAConnectorAD", Category::Security),
    ("AWS::PCAConnectorSCEP", Category::Security),
    ("AWS::PCS", Category::Compute),
    ("AWS::PI", Category::Database),
    ("AWS::Panorama", Category::MachineLearning),
    ("AWS::PaymentCryptography", Category::Security),
    ("AWS::Personalize", Category::MachineLearning),
    ("AWS::Pinpoint", Category::EndUser),
    ("AWS::PinpointEmail", Category::EndUser),
    ("AWS::Pipes", Category::Integration),
    ("AWS::PricingPlanManager", Category::Management),
    ("AWS::Proton", Category::DeveloperTools),
    ("AWS::QBusiness", Category::MachineLearning),
    ("AWS::QLDB", Category::Database),
    ("AWS::QuickSight", Category::Analytics),
    ("AWS::RAM", Category::Security),
    ("AWS::RDS", Category::Database),
    ("AWS::RTBFabric", Category::Networking),
    ("AWS::RUM", Category::Management),
    ("AWS::Rbin", Category::Storage),
    ("AWS::Redshift", Category::Analytics),
    ("AWS::RedshiftServerless", Category::Analytics),
    ("AWS::RefactorSpaces", Category::Integration),
    ("AWS::Rekognition", Category::MachineLearning),
    ("AWS::ResilienceHub", Category::Management),
    ("AWS::ResilienceHubV2", Category::Management),
    ("AWS::ResourceExplorer2", Category::Management),
    ("AWS::ResourceGroups", Category::Management),
    ("AWS::RoboMaker", Category::InternetOfThings),
    ("AWS::RolesAnywhere", Category::Security),
    ("AWS::Route53", Category::Networking),
    ("AWS::Route53GlobalResolver", Category::Networking),
    ("AWS::Route53Profiles", Category::Networking),
    ("AWS::Route53RecoveryControl", Category::Networking),
    ("AWS::Route53RecoveryReadiness", Category::Networking),
    ("AWS::Route53Resolver", Category::Networking),
    ("AWS::S3", Category::Storage),
    ("AWS::S3Express", Category::Storage),
    ("AWS::S3Files", Category::Storage),
    ("AWS::S3ObjectLambda", Category::Storage),
    ("AWS::S3Outposts", Category::Storage),
    ("AWS::S3Tables", Category::Storage),
    ("AWS::S3Vectors", Category::Storage),
    ("AWS::SCN", Category::EndUser),
    ("AWS::SDB", Category::Database),
    ("AWS::SES", Category::EndUser),
    ("AWS::SMSVOICE", Category::EndUser),
    ("AWS::SNS", Category::Integration),
    ("AWS::SQS", Category::Integration),
    ("AWS::SSM", Category::Management),
    ("AWS::SSMContacts", Category::Management),
    ("AWS::SSMGuiConnect", Category::Management),
    ("AWS::SSMIncidents", Category::Management),
    ("AWS::SSMQuickSetup", Category::Management),
    ("AWS::SSO", Category::Security),
    ("AWS::SageMaker", Category::MachineLearning),
    ("AWS::Scheduler", Category::Integration),
    ("AWS::SecretsManager", Category::Security),
    ("AWS::SecurityAgent", Category::Security),
    ("AWS::SecurityHub", Category::Security),
    ("AWS::SecurityLake", Category::Security),
    ("AWS::Serverless", Category::Compute),
    ("AWS::ServerlessRepo", Category::DeveloperTools),
    ("AWS::ServiceCatalog", Category::Management),
    ("AWS::ServiceCatalogAppRegistry", Category::Management),
    ("AWS::ServiceDiscovery", Category::Networking),
    ("AWS::Shield", Category::Security),
    ("AWS::Signer", Category::Security),
    ("AWS::SimSpaceWeaver", Category::Compute),
    ("AWS::StepFunctions", Category::Integration),
    ("AWS::StorageGateway", Category::Storage),
    ("AWS::SupportApp", Category::Management),
    ("AWS::SupportAuthZ", Category::Security),
    ("AWS::Synthetics", Category::Management),
    ("AWS::SystemsManagerSAP", Category::Management),
    ("AWS::Textract", Category::MachineLearning),
    ("AWS::Timestream", Category::Database),
    ("AWS::Transcribe", Category::MachineLearning),
    ("AWS::Transfer", Category::Storage),
    ("AWS::Translate", Category::MachineLearning),
    ("AWS::UXC", Category::Management),
    ("AWS::VerifiedPermissions", Category::Security),
    ("AWS::VoiceID", Category::EndUser),
    ("AWS::VpcLattice", Category::Networking),
    ("AWS::WAF", Category::Security),
    ("AWS::WAFRegional", Category::Security),
    ("AWS::WAFv2", Category::Security),
    ("AWS::WellArchitected", Category::Management),
    ("AWS::Wickr", Category::EndUser),
    ("AWS::Wisdom", Category::EndUser),
    ("AWS::WorkSpaces", Category::EndUser),
    ("AWS::WorkSpacesThinClient", Category::EndUser),
    ("AWS::WorkSpacesWeb", Category::EndUser),
    ("AWS::WorkspacesInstances", Category::EndUser),
    ("AWS::XRay", Category::DeveloperTools),
    ("Alexa::ASK", Category::MachineLearning),
];

#[cfg(test)]
mod tests {
    use super::*;
    use constructs::aws::type_names as types;

    /// How many namespaces the AWS service spec had when the table was
    /// written; the table must name each of them once.
    const SPEC_NAMESPACES: usize = 311;

    #[test]
    fn the_table_is_sorted_without_duplicates_so_binary_search_is_sound() {
        for pair in NAMESPACES.windows(2) {
            assert!(
                pair[0].0 < pair[1].0,
                "{} must come strictly before {}",
                pair[0].0,
                pair[1].0
            );
        }
        for (namespace, _) in NAMESPACES {
            assert_eq!(split(namespace), (*namespace, ""));
        }
    }

    #[test]
    fn the_table_names_every_namespace_of_the_spec() {
        assert_eq!(NAMESPACES.len(), SPEC_NAMESPACES);
    }

    #[test]
    fn every_table_entry_is_found_by_its_own_types() {
        for (namespace, category) in NAMESPACES {
            if *namespace != "AWS::EC2" {
                assert_eq!(Category::of(&format!("{namespace}::Thing")), *category);
            }
        }
    }

    #[test]
    fn the_earlier_mappings_are_unchanged() {
        assert_eq!(Category::of(types::ecs::SERVICE), Category::Compute);
        assert_eq!(Category::of(types::lambda::FUNCTION), Category::Compute);
        assert_eq!(
            Category::of(types::autoscaling::AUTO_SCALING_GROUP),
            Category::Compute
        );
        assert_eq!(Category::of(types::batch::JOB_QUEUE), Category::Compute);
        assert_eq!(Category::of(types::s3::BUCKET), Category::Storage);
        assert_eq!(Category::of(types::efs::FILE_SYSTEM), Category::Storage);
        assert_eq!(Category::of(types::ecr::REPOSITORY), Category::Storage);
        assert_eq!(Category::of(types::rds::DB_CLUSTER), Category::Database);
        assert_eq!(
            Category::of(types::elasticache::REPLICATION_GROUP),
            Category::Database
        );
        assert_eq!(
            Category::of(types::opensearchservice::DOMAIN),
            Category::Database
        );
        assert_eq!(Category::of(types::dynamodb::TABLE), Category::Database);
        assert_eq!(Category::of(types::sqs::QUEUE), Category::Integration);
        assert_eq!(Category::of(types::sns::TOPIC), Category::Integration);
        assert_eq!(
            Category::of(types::scheduler::SCHEDULE),
            Category::Integration
        );
        assert_eq!(Category::of(types::events::RULE), Category::Integration);
        assert_eq!(
            Category::of(types::stepfunctions::STATE_MACHINE),
            Category::Integration
        );
        assert_eq!(Category::of(types::ec2::SUBNET), Category::Networking);
        assert_eq!(
            Category::of(types::elasticloadbalancingv2::LOAD_BALANCER),
            Category::Networking
        );
        assert_eq!(
            Category::of(types::route53::RECORD_SET),
            Category::Networking
        );
        assert_eq!(
            Category::of(types::servicediscovery::SERVICE),
            Category::Networking
        );
        assert_eq!(
            Category::of(types::servicediscovery::INSTANCE),
            Category::Networking
        );
        assert_eq!(
            Category::of(types::cloudfront::DISTRIBUTION),
            Category::Networking
        );
        assert_eq!(Category::of(types::iam::ROLE), Category::Security);
        assert_eq!(
            Category::of(types::secretsmanager::SECRET),
            Category::Security
        );
        assert_eq!(Category::of(types::kms::KEY), Category::Security);
        assert_eq!(
            Category::of(types::certificatemanager::CERTIFICATE),
            Category::Security
        );
        assert_eq!(Category::of(types::wafv2::WEB_ACL), Category::Security);
        assert_eq!(Category::of(types::cloudwatch::ALARM), Category::Management);
        assert_eq!(Category::of(types::logs::LOG_GROUP), Category::Management);
        assert_eq!(Category::of(types::ssm::PARAMETER), Category::Management);
        assert_eq!(
            Category::of(types::applicationautoscaling::SCALING_POLICY),
            Category::Management
        );
    }

    #[test]
    fn ec2_splits_into_compute_storage_and_networking() {
        assert_eq!(Category::of(types::ec2::VOLUME), Category::Storage);
        assert_eq!(
            Category::of(types::ec2::VOLUME_ATTACHMENT),
            Category::Storage
        );
        for compute in [
            types::ec2::INSTANCE,
            types::ec2::LAUNCH_TEMPLATE,
            types::ec2::EC2_FLEET,
            types::ec2::SPOT_FLEET,
            types::ec2::HOST,
            types::ec2::CAPACITY_RESERVATION,
        ] {
            assert_eq!(Category::of(compute), Category::Compute, "{compute}");
        }
        for networking in [
            types::ec2::VPC,
            types::ec2::SECURITY_GROUP,
            types::ec2::NAT_GATEWAY,
            types::ec2::VERIFIED_ACCESS_INSTANCE,
        ] {
            assert_eq!(
                Category::of(networking),
                Category::Networking,
                "{networking}"
            );
        }
    }

    #[test]
    fn the_newer_categories_are_used() {
        assert_eq!(
            Category::of(types::quicksight::DASHBOARD),
            Category::Analytics
        );
        assert_eq!(
            Category::of(types::sagemaker::MODEL),
            Category::MachineLearning
        );
        assert_eq!(
            Category::of(types::codebuild::PROJECT),
            Category::DeveloperTools
        );
        assert_eq!(
            Category::of(types::iot::TOPIC_RULE),
            Category::InternetOfThings
        );
        assert_eq!(Category::of(types::medialive::CHANNEL), Category::Media);
        assert_eq!(
            Category::of(types::ses::CONFIGURATION_SET),
            Category::EndUser
        );
        assert_eq!(Category::of(types::sam::FUNCTION), Category::Compute);
        assert_eq!(Category::of("Alexa::ASK::Skill"), Category::MachineLearning);
    }

    #[test]
    fn what_is_not_in_the_spec_is_other() {
        assert_eq!(Category::of("Custom::Thing"), Category::Other);
        assert_eq!(Category::of("AWS::NoSuchService::Thing"), Category::Other);
        assert_eq!(Category::of(""), Category::Other);
    }

    #[test]
    fn the_legend_lists_each_category_once_with_its_own_colour_and_name() {
        for (index, category) in Category::ALL.iter().enumerate() {
            for other in &Category::ALL[index + 1..] {
                assert_ne!(category, other);
                assert_ne!(category.colour(), other.colour(), "{category:?} {other:?}");
                assert_ne!(category.name(), other.name());
            }
        }
        assert_eq!(Category::ALL[0], Category::Compute);
        assert_eq!(Category::ALL[6], Category::Management);
        assert_eq!(Category::ALL[Category::ALL.len() - 1], Category::Other);
    }

    #[test]
    fn every_category_but_other_has_namespaces() {
        for category in Category::ALL {
            if category != Category::Other {
                assert!(
                    NAMESPACES.iter().any(|(_, c)| *c == category),
                    "{category:?}"
                );
            }
        }
    }
}
