"""Maps the app's IAM role to an OpenSearch role of its own (SearchAccess).

Runs as the domain's fine-grained access master user, the one identity
that may change its security settings. Create and Update put the role
and its mapping; Delete removes them, and never blocks a stack deletion.
"""
import json
import urllib.error
import urllib.request

import boto3
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest

API = "/_plugins/_security/api"


def call(endpoint, method, path, body=None):
    url = f"https://{endpoint}{API}{path}"
    data = None if body is None else json.dumps(body).encode()
    signed = AWSRequest(method=method, url=url, data=data,
                        headers={"Content-Type": "application/json"})
    session = boto3.Session()
    SigV4Auth(session.get_credentials(), "es", session.region_name).add_auth(signed)
    request = urllib.request.Request(url, data=data, method=method,
                                     headers=dict(signed.headers))
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status
    except urllib.error.HTTPError as error:
        if method == "DELETE" and error.code == 404:
            return 404
        detail = error.read()[:300].decode(errors="replace")
        raise RuntimeError(f"{method} {API}{path}: {error.code} {detail}") from None


def apply(request):
    p = request["ResourceProperties"]
    endpoint, name = p["Endpoint"], p["RoleName"]
    if request["RequestType"] == "Delete":
        call(endpoint, "DELETE", f"/rolesmapping/{name}")
        call(endpoint, "DELETE", f"/roles/{name}")
        return
    call(endpoint, "PUT", f"/roles/{name}", {
        "cluster_permissions": p["ClusterPermissions"],
        "index_permissions": [{
            "index_patterns": p["IndexPatterns"],
            "allowed_actions": p["IndexActions"],
        }],
    })
    call(endpoint, "PUT", f"/rolesmapping/{name}",
         {"backend_roles": [p["AppRoleArn"]]})


def respond(request, status, reason):
    body = json.dumps({
        "Status": status,
        "Reason": reason[:500],
        "PhysicalResourceId": request["ResourceProperties"]["RoleName"],
        "StackId": request["StackId"],
        "RequestId": request["RequestId"],
        "LogicalResourceId": request["LogicalResourceId"],
    }).encode()
    response = urllib.request.Request(request["ResponseURL"], data=body, method="PUT",
                                      headers={"Content-Type": ""})
    urllib.request.urlopen(response, timeout=20).close()


def handler(request, context):
    try:
        apply(request)
    except Exception as error:
        print(f"{request['RequestType']} failed: {error}")
        # A domain that is gone or failing must not keep the stack.
        if request["RequestType"] != "Delete":
            respond(request, "FAILED", str(error))
            return
    respond(request, "SUCCESS", "")
