"""Tests one rendered edge update API (its index.py) against moto's mocks.

Run by `cargo xtask function-test` as
`python3 xtask/src/update_api_test.py DIR CONTAINER REPOSITORY`, where DIR
holds the function's index.py, CONTAINER is the container it moves and
REPOSITORY that container's image repository. Each test builds the server's
cluster, task definition, service and key secret in moto, then calls the
handler with the events an Application Load Balancer sends.

moto checks that register_task_definition and update_service take what the
function sends them; it does not check IAM, so the role's scope is left to
cfn-lint and review.
"""

import base64
import copy
import importlib.util
import json
import os
import sys
import unittest

try:
    import boto3
    from moto import mock_aws
except ImportError as error:
    sys.exit(f"{error}; install boto3 and moto with `pip install 'moto[server]==5.2.1'`")

REGION = "us-east-1"
CLUSTER = "datafi-edge"
# An update API key takes 32 characters or more (README); this is 44, 32
# bytes in base64 as `openssl rand -base64 32` makes one.
API_KEY = base64.b64encode(bytes(range(32))).decode()
# Set from the command line before the tests run.
SOURCE_DIR = CONTAINER = REPOSITORY = ""
# What ECS fills in on every registration, so no two revisions share it.
PER_REVISION = ("taskDefinitionArn", "revision", "registeredAt", "registeredBy")


# The tags the stack puts on task definitions; a new revision keeps them.
TAGS = [{"key": "datafi:deployment", "value": "datafi-edge"}]


def fargate_task_definition(container, repository):
    """A task definition shaped like the ones the edge stack registers."""
    role = "arn:aws:iam::123456789012:role/datafi-edge-" + container
    return {
        "family": "datafi-edge-" + container,
        "networkMode": "awsvpc",
        "requiresCompatibilities": ["FARGATE"],
        "cpu": "1024",
        "memory": "2048",
        "runtimePlatform": {"cpuArchitecture": "X86_64",
                            "operatingSystemFamily": "LINUX"},
        "executionRoleArn": role + "-execution",
        "taskRoleArn": role + "-task",
        "containerDefinitions": [{
            "name": container,
            "image": repository + ":latest",
            "essential": True,
            "portMappings": [
                {"containerPort": 80, "protocol": "tcp", "name": "http",
                 "appProtocol": "http"},
                {"containerPort": 50051, "protocol": "tcp", "name": "grpc",
                 "appProtocol": "grpc"},
            ],
            "environment": [{"name": "LOG_LEVEL", "value": "INFO"},
                            {"name": "MEMORY", "value": "1024"}],
            "secrets": [{"name": "KEY", "valueFrom":
                         "arn:aws:secretsmanager:us-east-1:123456789012:secret:key"}],
            "logConfiguration": {"logDriver": "awslogs", "options": {
                "awslogs-group": "/ecs/datafi-edge/" + container,
                "awslogs-region": REGION,
                "awslogs-stream-prefix": container}},
        }],
        "tags": TAGS,
    }


class UpdateApiTest(unittest.TestCase):
    def setUp(self):
        for name, value in {
            "AWS_DEFAULT_REGION": REGION,
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_SESSION_TOKEN": "testing",
        }.items():
            os.environ[name] = value
        mock = mock_aws()
        mock.start()
        self.addCleanup(mock.stop)
        self.ecs = boto3.client("ecs")
        self.ecs.create_cluster(clusterName=CLUSTER)
        registered = self.ecs.register_task_definition(
            **fargate_task_definition(CONTAINER, REPOSITORY))["taskDefinition"]
        self.ecs.create_service(
            cluster=CLUSTER, serviceName=CONTAINER, desiredCount=1,
            launchType="FARGATE", taskDefinition=registered["taskDefinitionArn"])
        secret = boto3.client("secretsmanager").create_secret(
            Name="update-api-key", SecretString=API_KEY)
        os.environ.update(CLUSTER=CLUSTER, SERVICE=CONTAINER,
                          API_KEY_SECRET_ARN=secret["ARN"])
        self.original = self.describe(registered["taskDefinitionArn"])
        # A fresh module per test: its clients are made inside the mock, and
        # the key it caches (_key) starts empty.
        spec = importlib.util.spec_from_file_location(
            "index", os.path.join(SOURCE_DIR, "index.py"))
        self.index = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(self.index)

    def describe(self, task_definition):
        return self.ecs.describe_task_definition(
            taskDefinition=task_definition)["taskDefinition"]

    def tags_of(self, task_definition):
        return self.ecs.describe_task_definition(
            taskDefinition=task_definition, include=["TAGS"]).get("tags")

    def service_task_definition(self):
        service = self.ecs.describe_services(
            cluster=CLUSTER, services=[CONTAINER])["services"][0]
        return self.describe(service["taskDefinition"])

    def call(self, method="POST", body='{"imageTag": "1.4.2"}', key=API_KEY,
             base64_body=False, extra_headers=None):
        """The handler's reply to an ALB event, checked for what ALB takes."""
        headers = {"content-type": "application/json", "host": "update.example.com"}
        if key is not None:
            headers["x-api-key"] = key
        headers.update(extra_headers or {})
        if base64_body:
            body = base64.b64encode(
                body if isinstance(body, bytes) else body.encode()).decode()
        event = {
            "requestContext": {"elb": {"targetGroupArn": "arn:aws:elasticloadbalancing:"
                                       "us-east-1:123456789012:targetgroup/update/1"}},
            "httpMethod": method, "path": "/" + CONTAINER,
            "queryStringParameters": {}, "headers": headers,
            "body": body, "isBase64Encoded": base64_body,
        }
        reply = self.index.handler(event, None)
        self.assertEqual(
            set(reply), {"statusCode", "statusDescription", "headers", "body",
                         "isBase64Encoded"})
        self.assertIs(type(reply["statusCode"]), int)
        self.assertIsInstance(reply["statusDescription"], str)
        self.assertTrue(reply["statusDescription"].startswith(str(reply["statusCode"])))
        self.assertTrue(all(isinstance(k, str) and isinstance(v, str)
                            for k, v in reply["headers"].items()))
        self.assertEqual(reply["headers"].get("Content-Type"), "application/json")
        self.assertIsInstance(reply["body"], str)
        self.assertIs(reply["isBase64Encoded"], False)
        return reply["statusCode"], json.loads(reply["body"])

    def assert_moved_to(self, tag, reply):
        current = self.service_task_definition()
        arn = current["taskDefinitionArn"]
        self.assertEqual(reply["revision"], current["revision"])
        self.assertEqual(current["revision"], self.original["revision"] + 1)
        expected = copy.deepcopy(self.original)
        expected["containerDefinitions"][0]["image"] = REPOSITORY + ":" + tag
        for key in PER_REVISION:
            expected.pop(key, None)
            current.pop(key, None)
        self.assertEqual(current, expected)
        self.assertEqual(self.tags_of(arn), TAGS)

    def assert_not_moved(self):
        current = self.service_task_definition()
        self.assertEqual(current["taskDefinitionArn"], self.original["taskDefinitionArn"])
        revisions = self.ecs.list_task_definitions(
            familyPrefix=self.original["family"])["taskDefinitionArns"]
        self.assertEqual(revisions, [self.original["taskDefinitionArn"]])

    def test_the_right_key_moves_the_service_to_the_tag(self):
        status, reply = self.call()
        self.assertEqual((status, reply["imageTag"]), (202, "1.4.2"), reply)
        self.assert_moved_to("1.4.2", reply)

    def test_a_base64_body_is_decoded(self):
        status, reply = self.call(body='{"imageTag": "2.0.0-rc.1"}', base64_body=True)
        self.assertEqual(status, 202, reply)
        self.assert_moved_to("2.0.0-rc.1", reply)

    def test_a_second_call_moves_it_again(self):
        self.assertEqual(self.call()[0], 202)
        status, reply = self.call(body='{"imageTag": "1.4.3"}')
        self.assertEqual(status, 202, reply)
        current = self.service_task_definition()
        self.assertEqual(current["revision"], self.original["revision"] + 2)
        self.assertEqual(current["containerDefinitions"][0]["image"],
                         REPOSITORY + ":1.4.3")

    def test_a_wrong_key_is_refused(self):
        self.assertEqual(self.call(key=API_KEY[:-1] + "x")[0], 401)
        self.assertEqual(self.call(key="")[0], 401)
        self.assert_not_moved()

    def test_a_missing_key_is_refused(self):
        self.assertEqual(self.call(key=None)[0], 401)
        self.assert_not_moved()

    def test_only_post_is_allowed(self):
        for method in ("GET", "PUT", "HEAD"):
            self.assertEqual(self.call(method=method)[0], 405, method)
        self.assert_not_moved()

    def test_a_body_that_is_no_json_object_is_refused(self):
        for body in ("imageTag=1.4.2", "", '["1.4.2"]', "null", '"1.4.2"'):
            self.assertEqual(self.call(body=body)[0], 400, body)
        self.assertEqual(self.call(body=b"\xff\xfe", base64_body=True)[0], 400)
        self.assertEqual(self.call(body="not base64!", base64_body=True)[0], 400)
        self.assert_not_moved()

    def test_a_bad_tag_is_refused(self):
        for tag in ("1.4 2", "team/1.4.2", "", ".hidden", "a" * 129, "1.4.2\n", 142, None):
            body = json.dumps({"imageTag": tag})
            self.assertEqual(self.call(body=body)[0], 400, body)
        self.assertEqual(self.call(body="{}")[0], 400)
        self.assert_not_moved()

    def test_header_names_are_matched_in_any_case(self):
        status, reply = self.call(key=None, extra_headers={"X-Api-Key": API_KEY})
        self.assertEqual(status, 202, reply)

    def test_an_ecs_error_is_a_bad_gateway_that_names_no_arns(self):
        os.environ["CLUSTER"] = "no-such-cluster"
        status, reply = self.call()
        self.assertEqual(status, 502, reply)
        self.assertNotIn("arn:", reply["error"])
        self.assert_not_moved()

    def test_a_missing_service_is_a_bad_gateway(self):
        os.environ["SERVICE"] = "no-such-service"
        status, reply = self.call()
        self.assertEqual(status, 502, reply)
        self.assert_not_moved()

    def test_a_task_definition_without_the_container_is_an_error(self):
        self.index.CONTAINER = "someone-else"
        status, reply = self.call()
        self.assertEqual(status, 500, reply)
        self.assert_not_moved()


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: update_api_test.py DIR CONTAINER REPOSITORY")
    SOURCE_DIR, CONTAINER, REPOSITORY = sys.argv[1:]
    unittest.main(argv=sys.argv[:1])
