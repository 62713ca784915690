//! What a deployer reads off the stack: where clients connect, where
//! the API queues tasks, where to push each image (the worker's Lambda
//! image is the worker repository's `<tag>-lambda`), and the dashboard.

use constructs::aws::{autoscaling, cloudwatch, ecs, sqs};
use constructs::{Handle, Output, Template};

use super::load_balancer::Entry;
use super::storage::Storage;
use framework::error::StackError;
use patterns::postgres::Postgres;

pub struct Sources<'a> {
    pub entry: &'a Entry,
    pub storage: &'a Storage,
    pub queue: &'a Handle<sqs::Queue>,
    pub database: &'a Postgres,
    pub cluster: &'a Handle<ecs::Cluster>,
    pub instances: &'a Handle<autoscaling::AutoScalingGroup>,
    pub dashboard: &'a Handle<cloudwatch::Dashboard>,
}

pub fn add(template: &mut Template, sources: &Sources) -> Result<(), StackError> {
    let storage = sources.storage;
    let outputs = [
        Output::new("PublicUrl", sources.entry.public_url.clone())
            .description("The API, through the load balancer"),
        Output::new("WebSocketUrl", sources.entry.web_socket_url.clone())
            .description("Where browsers open their WebSocket connection"),
        Output::new(
            "LoadBalancerDnsName",
            sources.entry.load_balancer.load_balancer.dns_name(),
        )
        .description("Point the domain's records here when the stack does not write them"),
        Output::new("QueueUrl", sources.queue.reference())
            .description("The background-tasks queue the API sends to"),
        Output::new("ApiRepositoryUri", storage.api_repository.repository_uri())
            .description("Push the API image here, tagged, then deploy with ImageTag=<tag>"),
        Output::new(
            "WorkerRepositoryUri",
            storage.worker_repository.repository_uri(),
        )
        .description("Push the worker image here as <tag> and its Lambda build as <tag>-lambda"),
        Output::new(
            "WebSocketRepositoryUri",
            storage.web_socket_repository.repository_uri(),
        )
        .description("Push the WebSocket server image here, tagged <tag>"),
        Output::new("DataBucketName", storage.bucket.reference())
            .description("Results, logs and exports"),
        Output::new("DatabaseSecretArn", sources.database.secret_arn())
            .description("PostgreSQL's master credentials, kept and rotated by RDS"),
        Output::new("ClusterName", sources.cluster.reference())
            .description("The ECS cluster of the API, workers and WebSocket server"),
        Output::new("InstancesGroupName", sources.instances.reference()).description(
            "The container instances' Auto Scaling group: start an instance refresh here after \
             a new AMI or instance type",
        ),
        Output::new("DashboardName", sources.dashboard.reference())
            .description("The CloudWatch dashboard of the daily operations checklist"),
    ];
    for output in outputs {
        template.add_output(output)?;
    }
    Ok(())
}
