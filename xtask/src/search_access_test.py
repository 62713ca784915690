"""The DataSpace search access function, as synth renders it, called as
CloudFormation calls a custom resource's provider.

Usage: python3 search_access_test.py DIR PROPERTIES_JSON

DIR holds the function's `index.py`; PROPERTIES_JSON is the literal part
of the `SearchAccess` resource's properties in the same template (the role
name, its permissions and index patterns), which the requests must carry.
The function's HTTP calls are caught at `urllib.request.urlopen`: the
security API's answers are made up here, and each request is checked for
its method, path, body and SigV4 signature.
"""
import io
import json
import os
import sys
import unittest
import urllib.error
from unittest import mock

DIRECTORY, PROPERTIES = sys.argv[1], json.loads(sys.argv[2])
del sys.argv[1:]
sys.path.insert(0, DIRECTORY)
os.environ.update(AWS_ACCESS_KEY_ID="AKIAEXAMPLE", AWS_SECRET_ACCESS_KEY="secret",
                  AWS_DEFAULT_REGION="eu-west-1")
import index  # noqa: E402

ENDPOINT = "vpc-dataspace-dev-abc.eu-west-1.es.amazonaws.com"
APP_ROLE = "arn:aws:iam::123456789012:role/dataspace-dev-AppTaskRole"
RESPONSE_URL = "https://cloudformation-custom-resource-response.example/answer"
API = f"https://{ENDPOINT}/_plugins/_security/api"


def event(request_type):
    return {
        "RequestType": request_type,
        "ResponseURL": RESPONSE_URL,
        "StackId": "arn:aws:cloudformation:eu-west-1:123456789012:stack/dataspace-dev/1",
        "RequestId": "request-1",
        "LogicalResourceId": "SearchAccess",
        "ResourceProperties": dict(PROPERTIES, Endpoint=ENDPOINT, AppRoleArn=APP_ROLE,
                                   ServiceToken="arn:aws:lambda:eu-west-1:123456789012:function:f"),
    }


class Domain:
    """Answers the function's requests: `codes` maps (method, url) to an
    HTTP status (200 unless given); every request is kept."""

    def __init__(self, codes=None):
        self.codes = codes or {}
        self.requests = []

    def urlopen(self, request, timeout):
        body = json.loads(request.data) if request.data else None
        self.requests.append((request.get_method(), request.full_url, request.headers, body))
        code = self.codes.get((request.get_method(), request.full_url), 200)
        if code >= 400:
            raise urllib.error.HTTPError(request.full_url, code, "no", {},
                                         io.BytesIO(b'{"status":"error"}'))
        return mock.MagicMock(status=code)

    def security_calls(self):
        return [(m, u, b) for m, u, _, b in self.requests if u != RESPONSE_URL]

    def answer(self):
        answers = [b for m, u, _, b in self.requests if u == RESPONSE_URL]
        assert len(answers) == 1, answers
        return answers[0]


def run(request_type, codes=None):
    domain = Domain(codes)
    with mock.patch.object(index.urllib.request, "urlopen", domain.urlopen):
        index.handler(event(request_type), None)
    return domain


class SearchAccess(unittest.TestCase):
    def test_create_puts_the_role_then_maps_the_app_to_it(self):
        domain = run("Create")
        name = PROPERTIES["RoleName"]
        self.assertEqual(domain.security_calls(), [
            ("PUT", f"{API}/roles/{name}", {
                "cluster_permissions": PROPERTIES["ClusterPermissions"],
                "index_permissions": [{
                    "index_patterns": PROPERTIES["IndexPatterns"],
                    "allowed_actions": PROPERTIES["IndexActions"],
                }],
            }),
            ("PUT", f"{API}/rolesmapping/{name}", {"backend_roles": [APP_ROLE]}),
        ])
        for method, url, headers, _ in domain.requests:
            if url != RESPONSE_URL:
                self.assertTrue(headers["Authorization"].startswith("AWS4-HMAC-SHA256 "),
                                headers)
                self.assertIn("/eu-west-1/es/aws4_request", headers["Authorization"])
        answer = domain.answer()
        self.assertEqual(answer["Status"], "SUCCESS")
        self.assertEqual(answer["PhysicalResourceId"], name)
        self.assertEqual(answer["LogicalResourceId"], "SearchAccess")

    def test_update_puts_them_again(self):
        domain = run("Update")
        self.assertEqual([m for m, _, _ in domain.security_calls()], ["PUT", "PUT"])
        self.assertEqual(domain.answer()["Status"], "SUCCESS")

    def test_a_refusal_fails_the_resource_with_the_domains_answer(self):
        name = PROPERTIES["RoleName"]
        domain = run("Create", {("PUT", f"{API}/roles/{name}"): 403})
        answer = domain.answer()
        self.assertEqual(answer["Status"], "FAILED")
        self.assertIn("403", answer["Reason"])
        self.assertEqual(len(domain.security_calls()), 1)

    def test_delete_removes_the_mapping_then_the_role(self):
        name = PROPERTIES["RoleName"]
        domain = run("Delete", {("DELETE", f"{API}/roles/{name}"): 404})
        self.assertEqual([(m, u) for m, u, _ in domain.security_calls()], [
            ("DELETE", f"{API}/rolesmapping/{name}"),
            ("DELETE", f"{API}/roles/{name}"),
        ])
        self.assertEqual(domain.answer()["Status"], "SUCCESS")

    def test_a_domain_that_fails_does_not_keep_the_stack(self):
        name = PROPERTIES["RoleName"]
        domain = run("Delete", {("DELETE", f"{API}/rolesmapping/{name}"): 500})
        self.assertEqual(domain.answer()["Status"], "SUCCESS")


if __name__ == "__main__":
    unittest.main(verbosity=2)
