//! Every intrinsic function and pseudo parameter, rendered in YAML short
//! form and JSON long form.

use constructs::aws::{s3, sqs};
use constructs::node::ToNode;
use constructs::{
    fns, pseudo, render, Condition, Format, Mapping, Parameter, Resource, Template, Value,
};

fn yaml(value: &impl ToNode) -> String {
    render(&value.to_node(), Format::Yaml)
}

fn json(value: &impl ToNode) -> String {
    let compact: serde_json::Value =
        serde_json::from_str(&render(&value.to_node(), Format::Json)).unwrap();
    compact.to_string()
}

/// A template with one bucket, a parameter, a condition and a mapping, whose
/// handles the tests below use.
struct Fixture {
    bucket: constructs::Handle<s3::Bucket>,
    env: constructs::ParameterHandle<String>,
    is_prod: constructs::ConditionHandle,
    sizes: constructs::MappingHandle,
}

fn fixture() -> Fixture {
    let mut t = Template::new("fixture");
    let env = t.add_parameter(Parameter::string("Env")).unwrap();
    let is_prod = t
        .add_condition("IsProd", Condition::equals(env.reference(), "prod"))
        .unwrap();
    let sizes = t
        .add_mapping("Sizes", Mapping::new().entry("prod", "Count", 3))
        .unwrap();
    let bucket = t.add(Resource::new("Data", s3::Bucket::default())).unwrap();
    Fixture {
        bucket,
        env,
        is_prod,
        sizes,
    }
}

#[test]
fn ref_and_get_att() {
    let f = fixture();
    assert_eq!(yaml(&f.bucket.reference()), "!Ref Data\n");
    assert_eq!(json(&f.bucket.reference()), r#"{"Ref":"Data"}"#);
    assert_eq!(yaml(&f.bucket.arn()), "!GetAtt Data.Arn\n");
    assert_eq!(json(&f.bucket.arn()), r#"{"Fn::GetAtt":["Data","Arn"]}"#);
    assert_eq!(yaml(&f.env.reference()), "!Ref Env\n");
}

#[test]
fn nested_attribute_names_keep_their_dots() {
    let mut t = Template::new("");
    let db = t
        .add(Resource::new(
            "Db",
            constructs::aws::rds::DbInstance::default(),
        ))
        .unwrap();
    // The long form, which no parser can split at the wrong dot.
    assert_eq!(
        yaml(&db.endpoint_address()),
        "Fn::GetAtt:\n  - Db\n  - Endpoint.Address\n"
    );
    let joined = constructs::fns::join(":", vec![db.endpoint_address(), db.endpoint_port()]);
    assert_eq!(
        yaml(&joined),
        "!Join\n  - ':'\n  - - Fn::GetAtt:\n        - Db\n        - Endpoint.Address\n    - Fn::GetAtt:\n        - Db\n        - Endpoint.Port\n"
    );
    assert_eq!(
        json(&db.endpoint_address()),
        r#"{"Fn::GetAtt":["Db","Endpoint.Address"]}"#
    );
}

#[test]
fn sub_in_both_forms() {
    let f = fixture();
    let plain = fns::sub("${AWS::StackName}-data");
    assert_eq!(yaml(&plain), "!Sub '${AWS::StackName}-data'\n");
    assert_eq!(json(&plain), r#"{"Fn::Sub":"${AWS::StackName}-data"}"#);
    let with_map = fns::sub_with("arn:${Arn}/*", [("Arn", Value::from(f.bucket.arn()))]);
    assert_eq!(
        yaml(&with_map),
        "!Sub\n  - arn:${Arn}/*\n  - Arn: !GetAtt Data.Arn\n"
    );
    assert_eq!(
        json(&with_map),
        r#"{"Fn::Sub":["arn:${Arn}/*",{"Arn":{"Fn::GetAtt":["Data","Arn"]}}]}"#
    );
}

#[test]
fn join_select_split_get_azs_cidr() {
    let join = fns::join(",", vec![Value::from("a"), Value::from(pseudo::region())]);
    assert_eq!(yaml(&join), "!Join [',', [a, !Ref AWS::Region]]\n");
    assert_eq!(
        json(&join),
        r#"{"Fn::Join":[",",["a",{"Ref":"AWS::Region"}]]}"#
    );

    let az = fns::select(0, fns::get_azs(""));
    assert_eq!(yaml(&az), "!Select [0, !GetAZs '']\n");
    assert_eq!(json(&az), r#"{"Fn::Select":[0,{"Fn::GetAZs":""}]}"#);

    let split = fns::split(",", "a,b");
    assert_eq!(yaml(&split), "!Split [',', 'a,b']\n");
    assert_eq!(json(&split), r#"{"Fn::Split":[",","a,b"]}"#);

    let cidr = fns::cidr("10.0.0.0/16", 4, 8);
    assert_eq!(yaml(&cidr), "!Cidr ['10.0.0.0/16', 4, 8]\n");
    assert_eq!(json(&cidr), r#"{"Fn::Cidr":["10.0.0.0/16",4,8]}"#);
}

#[test]
fn get_stack_output_always_takes_the_long_form() {
    let f = fixture();
    let here = fns::get_stack_output(fns::StackOutput::new("producer", "TopicName"));
    assert_eq!(
        yaml(&here),
        "Fn::GetStackOutput:\n  StackName: producer\n  OutputName: TopicName\n"
    );
    let elsewhere = fns::get_stack_output(
        fns::StackOutput::new(f.env.reference(), "TopicName")
            .region("us-west-2")
            .role_arn("arn:aws:iam::123456789012:role/reader"),
    );
    assert_eq!(
        json(&elsewhere),
        r#"{"Fn::GetStackOutput":{"StackName":{"Ref":"Env"},"OutputName":"TopicName","Region":"us-west-2","RoleArn":"arn:aws:iam::123456789012:role/reader"}}"#
    );
    // Read back, the YAML is the same value as the JSON.
    let text = yaml(&elsewhere);
    assert_eq!(
        yaml::parse_template(&text).unwrap().to_string(),
        json(&elsewhere)
    );
}

#[test]
fn import_find_in_map_if_base64() {
    let f = fixture();
    let import = fns::import_value(fns::sub("${Env}-VpcId"));
    // The argument is itself a function: the outer one takes the long form.
    assert_eq!(yaml(&import), "Fn::ImportValue: !Sub '${Env}-VpcId'\n");
    assert_eq!(
        json(&import),
        r#"{"Fn::ImportValue":{"Fn::Sub":"${Env}-VpcId"}}"#
    );
    assert_eq!(
        yaml(&fns::import_value("shared-vpc")),
        "!ImportValue shared-vpc\n"
    );

    let count = fns::find_in_map::<i64>(&f.sizes, f.env.reference(), "Count");
    assert_eq!(yaml(&count), "!FindInMap [Sizes, !Ref Env, Count]\n");
    assert_eq!(
        json(&count),
        r#"{"Fn::FindInMap":["Sizes",{"Ref":"Env"},"Count"]}"#
    );

    let choice = fns::if_(&f.is_prod, 3, pseudo::no_value());
    assert_eq!(yaml(&choice), "!If [IsProd, 3, !Ref AWS::NoValue]\n");
    assert_eq!(
        json(&choice),
        r#"{"Fn::If":["IsProd",3,{"Ref":"AWS::NoValue"}]}"#
    );

    let user_data = fns::base64(fns::sub("#!/bin/bash\necho ${AWS::Region}\n"));
    assert_eq!(
        yaml(&user_data),
        "Fn::Base64: !Sub |\n  #!/bin/bash\n  echo ${AWS::Region}\n"
    );
    assert_eq!(
        json(&user_data),
        r##"{"Fn::Base64":{"Fn::Sub":"#!/bin/bash\necho ${AWS::Region}\n"}}"##
    );
    assert_eq!(yaml(&fns::base64("plain")), "!Base64 plain\n");
}

#[test]
fn nested_short_forms_inside_lists_stay_short() {
    // Only a function *directly* inside another needs the long form.
    let f = fixture();
    let value = fns::if_(&f.is_prod, fns::sub("${Env}-a"), fns::sub("${Env}-b"));
    assert_eq!(
        yaml(&value),
        "!If [IsProd, !Sub '${Env}-a', !Sub '${Env}-b']\n"
    );
}

#[test]
fn condition_functions() {
    let f = fixture();
    let cond = Condition::and([
        Condition::from(&f.is_prod),
        Condition::not(Condition::equals(f.env.reference(), "dev")),
        Condition::or([
            Condition::from(&f.is_prod),
            Condition::equals(pseudo::region(), "us-east-1"),
        ]),
    ]);
    assert_eq!(
        yaml(&cond),
        "!And\n  - !Condition IsProd\n  - !Not [!Equals [!Ref Env, dev]]\n  - !Or [!Condition IsProd, !Equals [!Ref AWS::Region, us-east-1]]\n"
    );
    assert_eq!(
        json(&cond),
        r#"{"Fn::And":[{"Condition":"IsProd"},{"Fn::Not":[{"Fn::Equals":[{"Ref":"Env"},"dev"]}]},{"Fn::Or":[{"Condition":"IsProd"},{"Fn::Equals":[{"Ref":"AWS::Region"},"us-east-1"]}]}]}"#
    );
}

#[test]
fn every_pseudo_parameter() {
    let refs = [
        (pseudo::account_id(), "AWS::AccountId"),
        (pseudo::region(), "AWS::Region"),
        (pseudo::partition(), "AWS::Partition"),
        (pseudo::stack_name(), "AWS::StackName"),
        (pseudo::stack_id(), "AWS::StackId"),
        (pseudo::url_suffix(), "AWS::URLSuffix"),
        (pseudo::no_value(), "AWS::NoValue"),
    ];
    for (expr, name) in refs {
        assert_eq!(yaml(&expr), format!("!Ref {name}\n"));
        assert_eq!(json(&expr), format!(r#"{{"Ref":"{name}"}}"#));
    }
    assert_eq!(
        yaml(&pseudo::notification_arns()),
        "!Ref AWS::NotificationARNs\n"
    );
}

#[test]
fn typed_values_accept_literals_and_intrinsics() {
    let mut t = Template::new("");
    let timeout = t.add_parameter(Parameter::integer("Timeout")).unwrap();
    let queue = sqs::Queue {
        visibility_timeout: Some(timeout.reference().into()),
        delay_seconds: Some(5.into()),
        ..sqs::Queue::default()
    };
    assert_eq!(
        yaml(&queue),
        "DelaySeconds: 5\nVisibilityTimeout: !Ref Timeout\n"
    );
}
