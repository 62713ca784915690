//! `synth import`'s library: the code it writes for a hand-written
//! template (reviewed as a snapshot), what it reports, and the errors it
//! gives. That the code compiles and prints the template back unchanged
//! is `cargo xtask import-check`'s job, over every snapshot and a corpus.

use std::path::Path;

use framework::CommandError;
use import::report::NoteKind;
use import::{package, Package, Source};

fn import(body: &str, verb: &str) -> Result<Package, String> {
    let body = inspect::read::parse(body, "orders.yaml").map_err(|e| e.to_string())?;
    package(
        &[Source {
            label: "orders.yaml".to_string(),
            verb: verb.to_string(),
            body: body.body,
        }],
        "orders",
        Path::new("/path/to/synth"),
    )
    .map_err(|e| {
        // Every refusal is about the template the user gave.
        assert!(matches!(e, CommandError::Input(_)), "{e:?}");
        e.to_string()
    })
}

fn file<'p>(package: &'p Package, path: &str) -> &'p str {
    &package
        .files
        .iter()
        .find(|(p, _)| p == path)
        .unwrap_or_else(|| panic!("no {path}"))
        .1
}

const SHOWCASE: &str = include_str!("showcase.yaml");

#[test]
fn a_hand_written_template_becomes_typed_code() {
    let package = import(SHOWCASE, "orders").unwrap();
    insta::assert_snapshot!("orders-module", file(&package, "src/orders.rs"));
    insta::assert_snapshot!("orders-main", file(&package, "src/main.rs"));
    insta::assert_snapshot!("orders-manifest", file(&package, "Cargo.toml"));
}

#[test]
fn the_report_says_what_needs_a_person() {
    let package = import(SHOWCASE, "orders").unwrap();
    let notes = &package.imported[0].notes;
    let of = |kind: NoteKind| -> Vec<String> {
        notes
            .iter()
            .filter(|n| n.kind == kind)
            .map(|n| format!("{}: {}", n.location, n.text))
            .collect()
    };
    let attention = of(NoteKind::Attention);
    assert!(
        attention
            .iter()
            .any(|n| n.starts_with("Parameters.DbPassword.Default: looks like a secret")),
        "{attention:?}"
    );
    assert!(
        attention
            .iter()
            .any(|n| n.contains("ManagedPolicyArns[0]") && n.contains("123456789012")),
        "{attention:?}"
    );
    let untyped = of(NoteKind::Untyped);
    assert!(
        untyped.iter().any(|n| n.starts_with("Resources.Seed: Custom::Seed is a type the spec does not have")),
        "{untyped:?}"
    );
    assert!(
        untyped
            .iter()
            .any(|n| n.contains("Seed.Count is an attribute the model does not know")),
        "{untyped:?}"
    );
    let normalised = of(NoteKind::Normalised);
    assert!(
        normalised
            .contains(&"Resources.OrdersQueue.Properties.DelaySeconds: \"5\" → 5".to_string()),
        "{normalised:?}"
    );
    let report = import::report::render(&package.imported, "orders");
    assert!(
        report.contains("cargo run --manifest-path orders/Cargo.toml -- orders > orders.yaml"),
        "{report}"
    );
}

/// Bad input: one error naming where, nothing else.
#[test]
fn bad_templates_are_refused_with_the_place() {
    let cases = [
        (
            "Resources: {Q: {Type: AWS::SQS::Queue, Properties: {QueueName: {Fn::Frobnicate: x}}}}",
            "orders.yaml: Resources.Q.Properties.QueueName (Fn::Frobnicate): Fn::Frobnicate is not an intrinsic function CloudFormation has",
        ),
        (
            "Resources: {Q: {Type: AWS::SQS::Queue, Properties: {QueueName: !Ref Missing}}}",
            "orders.yaml: Resources.Q.Properties.QueueName (Ref): refers to \"Missing\", which is no parameter or resource of the template",
        ),
        (
            "Resources: {Q: {Type: AWS::SQS::Queue, Properties: {QueueName: !GetAtt Nope.Arn}}}",
            "orders.yaml: Resources.Q.Properties.QueueName (Fn::GetAtt): names \"Nope\", which is no resource of the template",
        ),
        (
            "Resources: {Q: {Type: AWS::SQS::Queue, Properties: {QueueName: !Sub '${Nope}-q'}}}",
            "orders.yaml: Resources.Q.Properties.QueueName (Fn::Sub): ${Nope} names \"Nope\", which is no parameter or resource of the template",
        ),
        (
            "Transform: AWS::Serverless-2016-10-31\nResources: {Q: {Type: AWS::SQS::Queue}}",
            "orders.yaml: Transform: the template uses the transform \"AWS::Serverless-2016-10-31\"",
        ),
        (
            "Parameters: {Pw: {Type: String, NoEcho: true, Default: x}}\nResources: {Q: {Type: AWS::SQS::Queue}}",
            "orders.yaml: Parameters.Pw.Default: a NoEcho parameter's default is readable",
        ),
        (
            "Resources: {Q: {Type: AWS::SQS::Queue, Condition: Nope}}",
            "orders.yaml: Resources.Q.Condition: names \"Nope\", which is no condition of the template",
        ),
        (
            "Resources: {Q: {Type: AWS::SQS::Queue, DependsOn: R}, R: {Type: AWS::SQS::Queue, DependsOn: Q}}",
            "orders.yaml: Resources: Q, R refer to each other in a cycle",
        ),
        (
            "Parameters: {P: {Type: AWS::EC2::Frob::Id}}\nResources: {Q: {Type: AWS::SQS::Queue}}",
            "orders.yaml: Parameters.P.Type: \"AWS::EC2::Frob::Id\" is not a parameter type CloudFormation has",
        ),
        (
            "Resources: {Q: {Type: AWS::SQS::Queue, Version: '1.0'}}",
            "orders.yaml: Resources.Q.Version: is an attribute of custom resources only, not of AWS::SQS::Queue",
        ),
        (
            "Resources: {Q: {Type: AWS::SQS::Queue, Versions: '1.0'}}",
            "orders.yaml: Resources.Q.Versions: is not a resource attribute CloudFormation has",
        ),
        (
            "Resources: {T: {Type: AWS::SNS::Topic, Properties: {DisplayName: {Fn::GetStackOutput: {StackName: s, Output: o}}}}}",
            "orders.yaml: Resources.T.Properties.DisplayName (Fn::GetStackOutput).Output: is not a field of Fn::GetStackOutput (StackName, OutputName, Region, RoleArn)",
        ),
        (
            "Resources: {T: {Type: AWS::SNS::Topic, Properties: {DisplayName: {Fn::GetStackOutput: !Ref AWS::StackName}}}}",
            "orders.yaml: Resources.T.Properties.DisplayName (Fn::GetStackOutput): takes a literal mapping of StackName, OutputName, Region, RoleArn",
        ),
        (
            "Resources: {T: {Type: AWS::SNS::Topic, Properties: {DisplayName: {Fn::GetStackOutput: {StackName: s}}}}}",
            "orders.yaml: Resources.T.Properties.DisplayName (Fn::GetStackOutput): needs both StackName and OutputName",
        ),
        (
            "Parameters: {P: {Type: String}}\nResources: {Q: {Type: AWS::SQS::Queue, DeletionPolicy: !Ref P}}",
            "orders.yaml: Resources.Q.DeletionPolicy: {\"Ref\":\"P\"} is not Delete, Retain, RetainExceptOnCreate or Snapshot (a function here needs the AWS::LanguageExtensions transform)",
        ),
        (
            "Resources: {}",
            "orders.yaml: Resources: is missing or empty: CloudFormation needs at least one resource",
        ),
        (
            "Rules: {R: {Assertions: [{Assert: !Equals [a, a], Because: x}]}}\nResources: {Q: {Type: AWS::SQS::Queue}}",
            "orders.yaml: Rules.R.Assertions[0].Because: is not a field of an assertion (Assert, AssertDescription)",
        ),
    ];
    for (template, expected) in cases {
        let error = import(template, "orders").unwrap_err();
        assert!(
            error.starts_with(expected),
            "{template}\n  gave: {error}\n  want: {expected}"
        );
        assert!(error.len() < 400, "{error}");
    }
    let error = import("Resources: {Q: {Type: AWS::SQS::Queue}}", "diff").unwrap_err();
    assert!(error.contains("is a command synth already has"), "{error}");
}

/// A logical ID that is a Rust keyword, or that two IDs share in snake
/// case, is bound under another name; the logical ID stays.
#[test]
fn clashing_names_are_renamed_and_the_ids_kept() {
    let package = import(
        "Resources:\n  Type: {Type: AWS::SQS::Queue}\n  Template: {Type: AWS::SQS::Queue}\n  \
         Out: {Type: AWS::SQS::Queue, Properties: {RedrivePolicy: {a: !GetAtt Type.Arn, b: !Ref Template}}}\n",
        "orders",
    )
    .unwrap();
    let code = file(&package, "src/orders.rs");
    assert!(
        code.contains("let resource_type = template.add(Resource::new(\"Type\""),
        "{code}"
    );
    assert!(
        code.contains("let template_resource = template.add(Resource::new(\"Template\""),
        "{code}"
    );
    let renamed: Vec<&str> = package.imported[0]
        .notes
        .iter()
        .filter(|n| n.kind == NoteKind::Renamed)
        .map(|n| n.text.as_str())
        .collect();
    assert_eq!(
        renamed,
        [
            "bound as `resource_type` (it is a Rust keyword)",
            "bound as `template_resource` (template is taken)"
        ]
    );
}

/// A note about a value the template writes as a scalar (`Resource: !Ref
/// List`) names the element itself, not an item of a list it never wrote.
#[test]
fn a_scalar_element_is_noted_at_its_own_place() {
    let package = import(
        "Parameters: {Arns: {Type: CommaDelimitedList}}\nResources:\n  Role:\n    Type: AWS::IAM::Role\n    \
         Properties:\n      AssumeRolePolicyDocument: {Version: '2012-10-17', Statement: [{Effect: Allow, \
         Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]}\n      Policies:\n      \
         - PolicyName: read\n        PolicyDocument: {Version: '2012-10-17', Statement: [{Effect: Allow, \
         Action: s3:GetObject, Resource: !Ref Arns}]}\n",
        "orders",
    )
    .unwrap();
    let places: Vec<&str> = package.imported[0]
        .notes
        .iter()
        .map(|n| n.location.as_str())
        .collect();
    assert!(
        places.contains(
            &"Resources.Role.Properties.Policies[0].PolicyDocument.Statement[0].Resource"
        ),
        "{places:?}"
    );
}

/// A module the in-process layout does not know (a character wider than
/// one column, which rustfmt measures with Unicode widths) goes through
/// the rustfmt program instead, laid out all the same.
#[test]
fn what_the_layout_does_not_know_goes_through_rustfmt() {
    let package = import(
        "Description: Orders 📦\nResources:\n  Queue: {Type: AWS::SQS::Queue, Properties: {QueueName: orders-📦, VisibilityTimeout: 60}}\n",
        "orders",
    )
    .unwrap();
    assert!(package.imported[0]
        .notes
        .iter()
        .all(|n| !n.text.contains("not formatted")));
    let module = file(&package, "src/orders.rs");
    assert!(
        module.contains(
            "    template.add(Resource::new(\n        \"Queue\",\n        sqs::Queue::default()\n            .queue_name(\"orders-📦\")\n"
        ),
        "{module}"
    );
}

/// A custom resource's legacy `Version` is kept, typed or not; an integer
/// one becomes its text (CloudFormation ignores the attribute either way).
#[test]
fn a_custom_resource_keeps_its_legacy_version() {
    let package = import(
        "Resources:\n  Topic: {Type: AWS::SNS::Topic}\n  Typed:\n    Type: AWS::CloudFormation::CustomResource\n    \
         Properties: {ServiceToken: !Ref Topic}\n    Version: 1\n  Seed:\n    Type: Custom::Seed\n    \
         Properties: {ServiceToken: !Ref Topic}\n    Version: '1.0'\n",
        "orders",
    )
    .unwrap();
    let module = file(&package, "src/orders.rs");
    assert!(
        module.contains(".custom_resource_version(\"1\")"),
        "{module}"
    );
    assert!(
        module.contains(".custom_resource_version(\"1.0\")"),
        "{module}"
    );
    let notes: Vec<String> = package.imported[0]
        .notes
        .iter()
        .filter(|n| n.kind == NoteKind::Normalised)
        .map(|n| format!("{}: {}", n.location, n.text))
        .collect();
    assert_eq!(notes, ["Resources.Typed.Version: 1 → \"1\""]);
}

/// A service principal whose name differs by partition (`ec2.amazonaws.com.cn`)
/// and an identity provider's ARN are typed like any principal, their
/// expressions kept.
#[test]
fn a_service_principal_may_be_an_expression() {
    let package = import(
        "Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        \
         Version: '2012-10-17'\n        Statement:\n          - Effect: Allow\n            Action: sts:AssumeRole\n            \
         Principal: {Service: !Sub 'ec2.${AWS::URLSuffix}'}\n          - Effect: Allow\n            Action: sts:AssumeRole\n            \
         Principal: {Service: [lambda.amazonaws.com, !Sub 'states.${AWS::URLSuffix}']}\n          - Effect: Allow\n            \
         Action: sts:AssumeRoleWithWebIdentity\n            \
         Principal: {Federated: !Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/example'}\n",
        "orders",
    )
    .unwrap();
    let module = file(&package, "src/orders.rs");
    assert!(
        module.contains("Principal::service(fns::sub(\"ec2.${AWS::URLSuffix}\"))"),
        "{module}"
    );
    assert!(
        module.contains("Principal::Service(vec![\n")
            && module.contains("\"lambda.amazonaws.com\".into(),")
            && !module.contains("untyped::value"),
        "{module}"
    );
    assert!(
        module.contains("Principal::federated(fns::sub("),
        "{module}"
    );
}
