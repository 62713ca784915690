//! The seed's daily operations checklist as one CloudWatch dashboard
//! (`adology-operations`): each row answers one line of it.
//!
//! | checklist | row |
//! | --- | --- |
//! | ECS cluster health | instances in service, running tasks per service, CPU and memory |
//! | (the API's < 200 ms promise) | p99 response time against 200 ms, 5xx |
//! | SQS queue lengths | visible messages, oldest message, dead letters, against the scaling thresholds |
//! | Lambda monitoring | invocations, errors, throttles, concurrency against `maximumConcurrency` |
//! | PostgreSQL RDS | CPU, connections, free storage and memory |
//! | WebSocket server status | healthy and unhealthy targets, running tasks |
//! | (failed tasks) | the dead-letter alarm |
//! | MongoDB Atlas | a note: Atlas keeps its own metrics |
//!
//! Names the stack chooses (cluster, services, queues, function, database)
//! are written in; names AWS generates (the load balancer's and target
//! groups' metric dimensions, the Auto Scaling groups) are `Fn::Sub`
//! variables, each from its resource.

use constructs::aws::{autoscaling, cloudwatch, elasticloadbalancingv2 as elb};
use constructs::{fns, Expr, Handle, Value};
use serde_json::{json, Value as Json};

use super::config::AdologyConfig;
use super::names::{Names, API, WEB_SOCKET, WORKER};

/// The seed's promise for immediate-mode API calls.
const API_LATENCY_SECONDS: f64 = 0.2;
/// Widgets per row, and their size in the dashboard's 24-column grid.
const WIDGET_WIDTH: u32 = 8;
const WIDGET_HEIGHT: u32 = 6;
const PERIOD_SECONDS: u32 = 60;

/// What the dashboard reads AWS-generated names from.
pub struct Sources<'a> {
    pub load_balancer: &'a Handle<elb::LoadBalancer>,
    pub api_group: &'a Handle<elb::TargetGroup>,
    pub web_socket_group: &'a Handle<elb::TargetGroup>,
    pub instances: &'a Handle<autoscaling::AutoScalingGroup>,
    pub web_socket_instances: Option<&'a Handle<autoscaling::AutoScalingGroup>>,
    pub dead_letter_alarm: &'a Handle<cloudwatch::Alarm>,
}

/// A metric widget's title, lines and horizontal annotations.
struct Graph {
    title: &'static str,
    metrics: Vec<Json>,
    annotations: Vec<(String, f64)>,
}

/// The dashboard body, a `Fn::Sub` over the generated names.
pub fn body(names: &Names, config: &AdologyConfig, sources: &Sources) -> Expr<String> {
    let cluster = names.system();
    let service = |namespace: &str, metric: &str, name: &str| {
        json!([
            namespace,
            metric,
            "ClusterName",
            cluster,
            "ServiceName",
            name
        ])
    };
    let queue = |metric: &str, name: String, label: &str| json!(["AWS/SQS", metric, "QueueName", name, {"label": label, "stat": "Maximum"}]);
    let function = |metric: &str, stat: &str| json!(["AWS/Lambda", metric, "FunctionName", names.overflow_function(), {"stat": stat}]);
    let database =
        |metric: &str| json!(["AWS/RDS", metric, "DBInstanceIdentifier", names.system()]);
    let target = |metric: &str, group: &str, extra: Json| {
        json!([
            "AWS/ApplicationELB",
            metric,
            "TargetGroup",
            format!("${{{group}}}"),
            "LoadBalancer",
            "${LoadBalancerDimension}",
            extra
        ])
    };
    let mut instances = vec![json!([
        "AWS/AutoScaling",
        "GroupInServiceInstances",
        "AutoScalingGroupName",
        "${InstancesGroup}",
        {"label": "container instances"}
    ])];
    if sources.web_socket_instances.is_some() {
        instances.push(json!([
            "AWS/AutoScaling",
            "GroupInServiceInstances",
            "AutoScalingGroupName",
            "${WebSocketInstancesGroup}",
            {"label": "WebSocket instances"}
        ]));
    }
    for name in [API, WORKER, WEB_SOCKET] {
        instances.push(json!([
            "ECS/ContainerInsights",
            "RunningTaskCount",
            "ClusterName",
            cluster,
            "ServiceName",
            name,
            {"label": format!("{name} tasks")}
        ]));
    }
    let graphs = [
        Graph {
            title: "Cluster: instances and running tasks",
            metrics: instances,
            annotations: vec![],
        },
        Graph {
            title: "Services: CPU %",
            metrics: [API, WORKER, WEB_SOCKET]
                .map(|name| service("AWS/ECS", "CPUUtilization", name))
                .to_vec(),
            annotations: vec![],
        },
        Graph {
            title: "Services: memory %",
            metrics: [API, WORKER, WEB_SOCKET]
                .map(|name| service("AWS/ECS", "MemoryUtilization", name))
                .to_vec(),
            annotations: vec![],
        },
        Graph {
            title: "API: response time (p99, seconds)",
            metrics: vec![target(
                "TargetResponseTime",
                "ApiTargetGroupDimension",
                json!({"stat": "p99", "label": "p99"}),
            )],
            annotations: vec![("200 ms".to_string(), API_LATENCY_SECONDS)],
        },
        Graph {
            title: "API: errors",
            metrics: vec![
                target(
                    "HTTPCode_Target_5XX_Count",
                    "ApiTargetGroupDimension",
                    json!({"stat": "Sum", "label": "API 5xx"}),
                ),
                json!([
                    "AWS/ApplicationELB",
                    "HTTPCode_ELB_5XX_Count",
                    "LoadBalancer",
                    "${LoadBalancerDimension}",
                    {"stat": "Sum", "label": "load balancer 5xx"}
                ]),
            ],
            annotations: vec![],
        },
        Graph {
            title: "Queue: waiting tasks",
            metrics: vec![
                queue(
                    "ApproximateNumberOfMessagesVisible",
                    names.queue(),
                    "visible",
                ),
                queue(
                    "ApproximateNumberOfMessagesNotVisible",
                    names.queue(),
                    "in progress",
                ),
                queue(
                    "ApproximateNumberOfMessagesVisible",
                    names.dead_letter_queue(),
                    "dead letters",
                ),
            ],
            annotations: vec![(
                "scale out".to_string(),
                f64::from(config.queue.scale_out_depth),
            )],
        },
        Graph {
            title: "Queue: oldest task (seconds)",
            metrics: vec![queue(
                "ApproximateAgeOfOldestMessage",
                names.queue(),
                "oldest",
            )],
            annotations: vec![(
                "scale out".to_string(),
                f64::from(config.queue.scale_out_age_seconds),
            )],
        },
        Graph {
            title: "Overflow workers (Lambda)",
            metrics: vec![
                function("Invocations", "Sum"),
                function("Errors", "Sum"),
                function("Throttles", "Sum"),
                function("ConcurrentExecutions", "Maximum"),
            ],
            annotations: vec![(
                "maximum concurrency".to_string(),
                f64::from(config.overflow.maximum_concurrency),
            )],
        },
        Graph {
            title: "PostgreSQL: CPU % and connections",
            metrics: vec![database("CPUUtilization"), database("DatabaseConnections")],
            annotations: vec![],
        },
        Graph {
            title: "PostgreSQL: free storage and memory (bytes)",
            metrics: vec![database("FreeStorageSpace"), database("FreeableMemory")],
            annotations: vec![],
        },
        Graph {
            title: "WebSocket: targets",
            metrics: vec![
                target(
                    "HealthyHostCount",
                    "WebSocketTargetGroupDimension",
                    json!({"stat": "Minimum", "label": "healthy"}),
                ),
                target(
                    "UnHealthyHostCount",
                    "WebSocketTargetGroupDimension",
                    json!({"stat": "Maximum", "label": "unhealthy"}),
                ),
            ],
            annotations: vec![],
        },
    ];
    let mut widgets = vec![json!({
        "type": "text",
        "x": 0,
        "y": 0,
        "width": 24,
        "height": 3,
        "properties": {"markdown": checklist(names)}
    })];
    let mut slot = 0;
    let mut place = |widget: Json, widgets: &mut Vec<Json>| {
        let mut widget = widget;
        widget["x"] = json!((slot % 3) * WIDGET_WIDTH);
        widget["y"] = json!(3 + (slot / 3) * WIDGET_HEIGHT);
        widget["width"] = json!(WIDGET_WIDTH);
        widget["height"] = json!(WIDGET_HEIGHT);
        widgets.push(widget);
        slot += 1;
    };
    for graph in graphs {
        let annotations: Vec<Json> = graph
            .annotations
            .into_iter()
            .map(|(label, value)| json!({"label": label, "value": value}))
            .collect();
        let mut properties = json!({
            "title": graph.title,
            "view": "timeSeries",
            "region": "${AWS::Region}",
            "stat": "Average",
            "period": PERIOD_SECONDS,
            "metrics": graph.metrics,
        });
        if !annotations.is_empty() {
            properties["annotations"] = json!({"horizontal": annotations});
        }
        place(
            json!({"type": "metric", "properties": properties}),
            &mut widgets,
        );
    }
    place(
        json!({
            "type": "alarm",
            "properties": {
                "title": "Dead letters",
                "alarms": ["${DeadLetterAlarmArn}"]
            }
        }),
        &mut widgets,
    );
    let mut variables: Vec<(&str, Value<String>)> = vec![
        (
            "LoadBalancerDimension",
            sources.load_balancer.load_balancer_full_name().into(),
        ),
        (
            "ApiTargetGroupDimension",
            sources.api_group.target_group_full_name().into(),
        ),
        (
            "WebSocketTargetGroupDimension",
            sources.web_socket_group.target_group_full_name().into(),
        ),
        ("InstancesGroup", sources.instances.reference().into()),
        ("DeadLetterAlarmArn", sources.dead_letter_alarm.arn().into()),
    ];
    if let Some(group) = sources.web_socket_instances {
        variables.push(("WebSocketInstancesGroup", group.reference().into()));
    }
    // Pretty, so a reviewer reads a change to one widget as one.
    let body = format!("{:#}", json!({ "widgets": widgets }));
    fns::sub_with(body, variables)
}

/// The seed's checklist, with where each line is answered.
fn checklist(names: &Names) -> String {
    format!(
        "## {} daily operations\nEach row below is a line of the checklist: cluster health; \
         the API; queue lengths; the Lambda overflow workers; PostgreSQL; the WebSocket \
         service. **MongoDB Atlas** keeps its own metrics: check the cluster in the Atlas \
         dashboard.",
        names.system()
    )
}
