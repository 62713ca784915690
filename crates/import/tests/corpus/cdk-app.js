const cdk = require('aws-cdk-lib');
const ec2 = require('aws-cdk-lib/aws-ec2');
const ecs = require('aws-cdk-lib/aws-ecs');
const ecsp = require('aws-cdk-lib/aws-ecs-patterns');
const rds = require('aws-cdk-lib/aws-rds');
const lambda = require('aws-cdk-lib/aws-lambda');
const sfn = require('aws-cdk-lib/aws-stepfunctions');
const tasks = require('aws-cdk-lib/aws-stepfunctions-tasks');
const apigw = require('aws-cdk-lib/aws-apigateway');
const dynamodb = require('aws-cdk-lib/aws-dynamodb');
const cognito = require('aws-cdk-lib/aws-cognito');
const events = require('aws-cdk-lib/aws-events');
const targets = require('aws-cdk-lib/aws-events-targets');
const s3 = require('aws-cdk-lib/aws-s3');
const cloudfront = require('aws-cdk-lib/aws-cloudfront');
const origins = require('aws-cdk-lib/aws-cloudfront-origins');
const kms = require('aws-cdk-lib/aws-kms');
const sqs = require('aws-cdk-lib/aws-sqs');
const sns = require('aws-cdk-lib/aws-sns');
const cw = require('aws-cdk-lib/aws-cloudwatch');
const logs = require('aws-cdk-lib/aws-logs');
const secrets = require('aws-cdk-lib/aws-secretsmanager');
const elasticache = require('aws-cdk-lib/aws-elasticache');

const app = new cdk.App({ outdir: 'cdk.out', analyticsReporting: true, context: { 'aws:cdk:enable-path-metadata': true } });

const net = new cdk.Stack(app, 'Network');
const vpc = new ec2.Vpc(net, 'Vpc', { maxAzs: 2, natGateways: 1, flowLogs: { all: {} } });
const endpoint = vpc.addInterfaceEndpoint('Secrets', { service: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER });
vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });

const svc = new cdk.Stack(app, 'Service');
const vpc2 = new ec2.Vpc(svc, 'Vpc', { maxAzs: 2, natGateways: 1 });
const cluster = new ecs.Cluster(svc, 'Cluster', { vpc: vpc2, containerInsights: true });
const web = new ecsp.ApplicationLoadBalancedFargateService(svc, 'Web', {
  cluster, cpu: 512, memoryLimitMiB: 1024, desiredCount: 2,
  taskImageOptions: { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:latest'), containerPort: 80, environment: { STAGE: 'prod' } },
  publicLoadBalancer: true,
});
web.targetGroup.configureHealthCheck({ path: '/health' });
const scaling = web.service.autoScaleTaskCount({ maxCapacity: 6 });
scaling.scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: 60 });
const db = new rds.DatabaseCluster(svc, 'Db', {
  engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }),
  writer: rds.ClusterInstance.serverlessV2('Writer'),
  readers: [rds.ClusterInstance.serverlessV2('Reader', { scaleWithWriter: true })],
  vpc: vpc2, storageEncrypted: true, removalPolicy: cdk.RemovalPolicy.SNAPSHOT,
});
db.connections.allowDefaultPortFrom(web.service);
db.secret.grantRead(web.taskDefinition.taskRole);
const cache = new elasticache.CfnSubnetGroup(svc, 'CacheSubnets', { description: 'cache', subnetIds: vpc2.privateSubnets.map(s => s.subnetId) });
new cw.Alarm(svc, 'Http5xx', { metric: web.loadBalancer.metrics.httpCodeElb(cdk.aws_elasticloadbalancingv2.HttpCodeElb.ELB_5XX_COUNT), threshold: 10, evaluationPeriods: 2 });

const api = new cdk.Stack(app, 'Api');
const table = new dynamodb.TableV2(api, 'Table', {
  partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
  globalSecondaryIndexes: [{ indexName: 'byType', partitionKey: { name: 'type', type: dynamodb.AttributeType.STRING } }],
  pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }, dynamoStream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
});
const key = new kms.Key(api, 'Key', { enableKeyRotation: true, alias: 'alias/api' });
const queue = new sqs.Queue(api, 'Jobs', { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: key, deadLetterQueue: { queue: new sqs.Queue(api, 'Dlq'), maxReceiveCount: 5 } });
const fn = new lambda.Function(api, 'Handler', {
  runtime: lambda.Runtime.PYTHON_3_13, handler: 'index.handler', code: lambda.Code.fromInline('def handler(e, c):\n    return {"statusCode": 200}\n'),
  environment: { TABLE: table.tableName, QUEUE: queue.queueUrl }, tracing: lambda.Tracing.ACTIVE, logRetention: logs.RetentionDays.ONE_MONTH,
});
table.grantReadWriteData(fn); queue.grantSendMessages(fn);
const pool = new cognito.UserPool(api, 'Users', { selfSignUpEnabled: false, passwordPolicy: { minLength: 12 }, mfa: cognito.Mfa.OPTIONAL });
const client = pool.addClient('Web', { authFlows: { userSrp: true } });
const rest = new apigw.RestApi(api, 'Rest', { deployOptions: { stageName: 'v1', tracingEnabled: true } });
const auth = new apigw.CognitoUserPoolsAuthorizer(api, 'Auth', { cognitoUserPools: [pool] });
rest.root.addResource('items').addMethod('GET', new apigw.LambdaIntegration(fn), { authorizer: auth });
const worker = new lambda.Function(api, 'Worker', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({})') });
const machine = new sfn.StateMachine(api, 'Flow', {
  definitionBody: sfn.DefinitionBody.fromChainable(new tasks.LambdaInvoke(api, 'Invoke', { lambdaFunction: worker, outputPath: '$.Payload' })
    .next(new sfn.Choice(api, 'Done?').when(sfn.Condition.booleanEquals('$.done', true), new sfn.Succeed(api, 'Yes')).otherwise(new sfn.Wait(api, 'Later', { time: sfn.WaitTime.duration(cdk.Duration.minutes(1)) }).next(new sfn.Pass(api, 'Again'))))),
  tracingEnabled: true,
});
new events.Rule(api, 'Nightly', { schedule: events.Schedule.cron({ hour: '3', minute: '0' }), targets: [new targets.SfnStateMachine(machine), new targets.SqsQueue(queue)] });
const topic = new sns.Topic(api, 'Alerts', { masterKey: key });
new secrets.Secret(api, 'ApiKey', { generateSecretString: { excludePunctuation: true, passwordLength: 40 } });
new cdk.CfnOutput(api, 'ApiUrl', { value: rest.url, exportName: 'ApiUrl' });
new cdk.CfnOutput(api, 'ClientId', { value: client.userPoolClientId });

const site = new cdk.Stack(app, 'Site', { env: { account: '123456789012', region: 'us-east-1' } });
const bucket = new s3.Bucket(site, 'Content', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, versioned: true, autoDeleteObjects: true, removalPolicy: cdk.RemovalPolicy.DESTROY,
  lifecycleRules: [{ noncurrentVersionExpiration: cdk.Duration.days(30) }] });
new cloudfront.Distribution(site, 'Cdn', { defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(bucket), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS }, defaultRootObject: 'index.html' });
const lookupVpc = new ec2.Vpc(site, 'SiteVpc', { maxAzs: 3, subnetConfiguration: [{ name: 'pub', subnetType: ec2.SubnetType.PUBLIC }, { name: 'iso', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
new cdk.CfnCondition(site, 'IsProd', { expression: cdk.Fn.conditionEquals(cdk.Aws.ACCOUNT_ID, '123456789012') });

app.synth();
