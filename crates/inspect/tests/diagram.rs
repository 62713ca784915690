//! Snapshots of the Mermaid and DOT drawings of a small template that
//! exercises every rule (zones and subnets, a resource across subnets,
//! parameters drawn as external, folding, named and reversed edges,
//! security group rules), folded and in full; and what bad input gets.

use inspect::diagram::{self, Detail, Format};
use serde_json::{json, Value};

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/web-service.json")).expect("fixture is JSON")
}

fn drawn(detail: Detail, format: Format) -> String {
    diagram::render(&diagram::diagram(&fixture(), detail).unwrap(), format)
}

fn snapshot(name: &str, text: &str) {
    insta::with_settings!({ snapshot_path => "../../../snapshots/diagrams", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!(name, text);
    });
}

#[test]
fn mermaid_folded() {
    snapshot("web-service.mmd", &drawn(Detail::Folded, Format::Mermaid));
}

#[test]
fn mermaid_full() {
    snapshot(
        "web-service-full.mmd",
        &drawn(Detail::Full, Format::Mermaid),
    );
}

#[test]
fn dot_folded() {
    snapshot("web-service.dot", &drawn(Detail::Folded, Format::Dot));
}

#[test]
fn the_model_says_what_the_picture_shows() {
    let model = diagram::diagram(&fixture(), Detail::Folded).unwrap();
    let edge = |from: &str, to: &str| {
        model
            .edges
            .iter()
            .find(|e| e.from == from && e.to == to)
            .and_then(|e| e.label.clone())
    };
    assert_eq!(edge("Bucket", "Queue").as_deref(), Some("notifies"));
    assert_eq!(
        edge("LoadBalancer", "Listener").as_deref(),
        Some("listener")
    );
    assert_eq!(edge("TargetGroup", "Service").as_deref(), Some("targets"));
    assert_eq!(
        edge("TaskDefinition", "Secret").as_deref(),
        Some("secret TOKEN")
    );
    assert_eq!(
        edge("TaskDefinition", "Queue").as_deref(),
        Some("QUEUE_URL, IAM")
    );
    assert_eq!(
        edge("LoadBalancerSecurityGroup", "ServiceSecurityGroup").as_deref(),
        Some("tcp 8080")
    );
    assert_eq!(
        edge("ServiceSecurityGroup", "DatabaseSecurityGroupId").as_deref(),
        Some("tcp 5432")
    );
    let node = |id: &str| model.nodes.iter().find(|n| n.id == id).unwrap();
    assert!(node("TaskDefinition")
        .lines
        .contains(&"role: TaskRole".to_string()));
    assert!(node("TaskDefinition")
        .lines
        .contains(&"logs: Logs".to_string()));
    assert!(node("FileSystemId").external && node("DatabaseSecurityGroupId").external);
    let group_of = |id: &str| node(id).group.map(|g| model.groups[g].id.as_str());
    assert_eq!(group_of("Service"), Some("PrivateA"));
    assert_eq!(group_of("LoadBalancer"), Some("Vpc"));
    assert_eq!(group_of("Listener"), Some("Vpc"));
    assert_eq!(group_of("Bucket"), Some("Regional"));
    assert!(model
        .nodes
        .iter()
        .all(|n| n.id != "TaskRole" && n.id != "ImageTag"));
    let public_a = model.groups.iter().find(|g| g.id == "PublicA").unwrap();
    assert_eq!(
        public_a.kind,
        diagram::model::GroupKind::Subnet { public: true }
    );
    assert!(public_a
        .lines
        .contains(&"route: 0.0.0.0/0 → InternetGateway".to_string()));
}

#[test]
fn full_detail_draws_every_resource() {
    let model = diagram::diagram(&fixture(), Detail::Full).unwrap();
    let boxes = model.nodes.iter().filter(|n| !n.external).count();
    let groups = model
        .resources
        .iter()
        .filter(|r| r.drawn == diagram::model::Drawn::Group)
        .count();
    assert_eq!(boxes + groups, model.resources.len());
}

#[test]
fn the_same_template_gives_the_same_bytes() {
    for format in [Format::Mermaid, Format::Dot, Format::Svg, Format::Html] {
        assert_eq!(drawn(Detail::Folded, format), drawn(Detail::Folded, format));
    }
}

#[test]
fn what_is_not_a_template_is_refused_with_the_reason() {
    let refused = |value: Value| {
        diagram::diagram(&value, Detail::Folded)
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        refused(json!({"name": "acme"})),
        "not a CloudFormation template: it has no Resources section"
    );
    assert_eq!(
        refused(json!({"Resources": {"A": {"Properties": {}}}})),
        "not a CloudFormation template: resource A has no Type"
    );
    assert_eq!(
        refused(json!({"Resources": {}})),
        "nothing to draw: the template's Resources section is empty"
    );
}

#[test]
fn odd_but_valid_templates_still_draw() {
    let template = json!({"Resources": {
        // Rules naming each other, a role only its own policy names, a
        // subnet in no VPC, intrinsics of unexpected shapes.
        "A": {"Type": "AWS::ElasticLoadBalancingV2::ListenerRule", "Properties": {"ListenerArn": {"Ref": "B"}}},
        "B": {"Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": {"LoadBalancerArn": {"Ref": "A"}}},
        "Role": {"Type": "AWS::IAM::Role"},
        "Policy": {"Type": "AWS::IAM::Policy", "Properties": {"Roles": [{"Ref": "Role"}], "PolicyDocument": {"Statement": [{"Resource": {"Fn::GetAtt": "Role.Arn"}}]}}},
        "Loop": {"Type": "AWS::Logs::LogGroup", "DependsOn": "Loop"},
        "Subnet": {"Type": "AWS::EC2::Subnet", "Properties": {"AvailabilityZone": {"Fn::Select": [{"Ref": "AWS::Region"}, []]}}},
        "Odd": {"Type": "AWS::SQS::Queue", "Properties": {"RedrivePolicy": {"Fn::GetAtt": [7]}, "Tags": "not a list"}}
    }});
    for detail in [Detail::Folded, Detail::Full] {
        let model = diagram::diagram(&template, detail).unwrap();
        for format in [Format::Mermaid, Format::Dot, Format::Svg, Format::Html] {
            assert!(!diagram::render(&model, format).is_empty());
        }
    }
}
