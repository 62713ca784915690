"""moto_server, with stand-ins for CloudFormation types moto skips.

moto 5.2.1's CloudFormation skips some resource types (they are neither
created nor checked), and a `Fn::GetAtt` on a skipped resource fails the
whole deploy ("references undefined resource"). The stacks read attributes
of some of them: the OpenSearch domain's endpoint, the Redis primary
endpoint, Cloud Map services' ARNs, a certificate's ARN, an alarm's ARN. And
moto runs a custom resource's provider function in Docker, which this
machine has not: a custom resource (`Custom::*`) gets a stand-in too, as
if its provider answered SUCCESS (`cargo xtask function-test` runs the
provider's own code). So `cargo xtask deploy-test` runs moto_server through
this script, which first registers a stand-in for each: an object that
takes the resource's properties, answers `Ref` and `GetAtt` with values
shaped like AWS's, and is forgotten on delete. A stand-in proves the
deploy flow reaches and passes the resource, not that AWS would create it:
cfn-lint and the stack tests check the properties.

Each stand-in prints `Stand-in for <type>` to moto's log when it is
created, which deploy-test reports per stack.

It also mends three moto gaps the stacks run into: moto hands the
map-shaped `Tags` of `AWS::SSM::Parameter` (`{key: value}`, as
CloudFormation takes them) to an API that wants a list, and fails; it
cannot answer the CloudWatch dimension names of a load balancer and a
target group (`LoadBalancerFullName`, `TargetGroupFullName`), which a
dashboard reads; and its CloudFormation `AWS::RDS::DBInstance` ignores
`ManageMasterUserPassword` and cannot answer `MasterUserSecret.SecretArn`,
which the services' secrets and grants name (its RDS API has both).

Usage: python3 moto_stand_ins.py -H 127.0.0.1 -p PORT (moto_server's flags).
"""

import hashlib
import sys

from moto.acm.models import acm_backends
from moto.core.common_models import CloudFormationModel
from moto.elbv2.models import FakeLoadBalancer, FakeTargetGroup
from moto.rds.models import DBInstance, MasterUserSecret
from moto.cloudformation import parsing
from moto.server import main
from moto.ssm.models import Parameter

MARKER = "Stand-in for "
# moto files its models by the second part of their module's name.
MODULE = "moto.stand_ins"


def digest(*parts, length=8):
    """A short hex string that depends only on `parts`: deterministic IDs."""
    return hashlib.sha256("/".join(parts).encode()).hexdigest()[:length]


class StandIn:
    """A resource that exists only as far as CloudFormation can tell.

    A mixin: moto finds models as direct subclasses of CloudFormationModel,
    so each stand-in names both."""

    TYPE = ""
    NAME_PROPERTY = ""

    def __init__(self, name, properties, account_id, region_name):
        self.name = name
        self.properties = properties
        self.account_id = account_id
        self.region_name = region_name

    @classmethod
    def cloudformation_type(cls):
        return cls.TYPE

    @classmethod
    def cloudformation_name_type(cls):
        return cls.NAME_PROPERTY

    @classmethod
    def has_cfn_attr(cls, attr):
        return attr in cls.attribute_names()

    @classmethod
    def attribute_names(cls):
        return ()

    @classmethod
    def create_from_cloudformation_json(
        cls, resource_name, cloudformation_json, account_id, region_name, **kwargs
    ):
        print(MARKER + cls.TYPE, flush=True)
        return cls(resource_name, cloudformation_json.get("Properties", {}),
                   account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(
        cls, original_resource, new_resource_name, cloudformation_json,
        account_id, region_name,
    ):
        return cls.create_from_cloudformation_json(
            new_resource_name, cloudformation_json, account_id, region_name)

    @classmethod
    def delete_from_cloudformation_json(
        cls, resource_name, cloudformation_json, account_id, region_name
    ):
        return None

    def delete(self, account_id, region_name):
        return None

    def is_created(self):
        return True

    @property
    def physical_resource_id(self):
        return self.name

    def attributes(self):
        return {}

    def get_cfn_attribute(self, attribute_name):
        from moto.cloudformation.exceptions import UnformattedGetAttTemplateException

        values = self.attributes()
        if attribute_name not in values:
            raise UnformattedGetAttTemplateException()
        return values[attribute_name]


class OpenSearchDomain(StandIn, CloudFormationModel):

    __module__ = MODULE
    TYPE = "AWS::OpenSearchService::Domain"
    NAME_PROPERTY = "DomainName"

    @classmethod
    def attribute_names(cls):
        return ("Arn", "DomainArn", "DomainEndpoint", "Id")

    def attributes(self):
        arn = f"arn:aws:es:{self.region_name}:{self.account_id}:domain/{self.name}"
        endpoint = (f"vpc-{self.name}-{digest(self.account_id, self.name, length=26)}"
                    f".{self.region_name}.es.amazonaws.com")
        return {"Arn": arn, "DomainArn": arn, "DomainEndpoint": endpoint, "Id": self.name}


class ElastiCacheReplicationGroup(StandIn, CloudFormationModel):

    __module__ = MODULE
    TYPE = "AWS::ElastiCache::ReplicationGroup"
    NAME_PROPERTY = "ReplicationGroupId"

    @classmethod
    def attribute_names(cls):
        return ("PrimaryEndPoint.Address", "PrimaryEndPoint.Port",
                "ReaderEndPoint.Address", "ReaderEndPoint.Port")

    def attributes(self):
        host = f"{self.name}.{digest(self.account_id, self.name, length=6)}"
        port = str(self.properties.get("Port", 6379))
        return {
            "PrimaryEndPoint.Address": f"master.{host}.cache.amazonaws.com",
            "PrimaryEndPoint.Port": port,
            "ReaderEndPoint.Address": f"replica.{host}.cache.amazonaws.com",
            "ReaderEndPoint.Port": port,
        }


class ServiceDiscoveryNamespace(StandIn, CloudFormationModel):

    __module__ = MODULE
    TYPE = "AWS::ServiceDiscovery::PrivateDnsNamespace"

    @classmethod
    def attribute_names(cls):
        return ("Arn", "HostedZoneId", "Id")

    @property
    def physical_resource_id(self):
        return "ns-" + digest(self.account_id, self.properties.get("Name", self.name), length=16)

    def attributes(self):
        namespace = self.physical_resource_id
        return {
            "Arn": f"arn:aws:servicediscovery:{self.region_name}:{self.account_id}:namespace/{namespace}",
            "HostedZoneId": "Z" + digest(namespace, length=20).upper(),
            "Id": namespace,
        }


class ServiceDiscoveryService(StandIn, CloudFormationModel):

    __module__ = MODULE
    TYPE = "AWS::ServiceDiscovery::Service"

    @classmethod
    def attribute_names(cls):
        return ("Arn", "Id", "Name")

    @property
    def physical_resource_id(self):
        return "srv-" + digest(self.account_id, self.name, length=16)

    def attributes(self):
        service = self.physical_resource_id
        return {
            "Arn": f"arn:aws:servicediscovery:{self.region_name}:{self.account_id}:service/{service}",
            "Id": service,
            "Name": self.properties.get("Name", self.name),
        }


class Certificate(StandIn, CloudFormationModel):
    """A certificate moto's ACM really holds, so a listener can name it."""

    __module__ = MODULE

    TYPE = "AWS::CertificateManager::Certificate"

    def __init__(self, name, properties, account_id, region_name):
        super().__init__(name, properties, account_id, region_name)
        self.arn = acm_backends[account_id][region_name].request_certificate(
            properties["DomainName"], None,
            properties.get("SubjectAlternativeNames", []), [])

    @property
    def physical_resource_id(self):
        return self.arn

    @classmethod
    def attribute_names(cls):
        return ("Id",)

    def attributes(self):
        return {"Id": self.arn}


class Alarm(StandIn, CloudFormationModel):

    __module__ = MODULE
    TYPE = "AWS::CloudWatch::Alarm"
    NAME_PROPERTY = "AlarmName"

    @classmethod
    def attribute_names(cls):
        return ("Arn",)

    @property
    def physical_resource_id(self):
        return self.properties.get("AlarmName", self.name)

    def attributes(self):
        return {"Arn": f"arn:aws:cloudwatch:{self.region_name}:{self.account_id}"
                       f":alarm:{self.physical_resource_id}"}


class CustomResource(StandIn, CloudFormationModel):
    """Any `Custom::*` resource, as if its provider succeeded."""

    __module__ = MODULE
    TYPE = "Custom::*"

    @classmethod
    def create_from_cloudformation_json(
        cls, resource_name, cloudformation_json, account_id, region_name, **kwargs
    ):
        print(MARKER + kwargs.get("ResourceType", cls.TYPE), flush=True)
        return cls(resource_name, cloudformation_json.get("Properties", {}),
                   account_id, region_name)


def stand_in_for_custom_resources():
    """`Custom::*` through [`CustomResource`], not moto's Docker run."""
    resource_class = parsing.resource_class_from_type

    def resource_class_from_type(resource_type):
        if resource_type.startswith("Custom::"):
            return CustomResource
        return resource_class(resource_type)

    parsing.resource_class_from_type = resource_class_from_type


def mend_parameter_tags():
    """`AWS::SSM::Parameter` tags as the list moto's SSM API expects."""
    create = Parameter.create_from_cloudformation_json.__func__

    def create_from_cloudformation_json(cls, resource_name, cloudformation_json,
                                        account_id, region_name, **kwargs):
        properties = cloudformation_json["Properties"]
        if isinstance(properties.get("Tags"), dict):
            properties["Tags"] = [{"Key": key, "Value": value}
                                  for key, value in properties["Tags"].items()]
        return create(cls, resource_name, cloudformation_json, account_id,
                      region_name, **kwargs)

    Parameter.create_from_cloudformation_json = classmethod(create_from_cloudformation_json)


def mend_full_names():
    """`LoadBalancerFullName` and `TargetGroupFullName`, as AWS derives
    them from the ARN: `app/<name>/<id>`, `targetgroup/<name>/<id>`."""
    balancer_attribute = FakeLoadBalancer.get_cfn_attribute

    def load_balancer_attribute(self, attribute_name):
        if attribute_name == "LoadBalancerFullName":
            return self.arn.split(":loadbalancer/", 1)[1]
        return balancer_attribute(self, attribute_name)

    def target_group_attribute(self, attribute_name):
        if attribute_name == "TargetGroupFullName":
            return self.arn.split(":", 5)[5]
        if attribute_name == "TargetGroupName":
            return self.name
        from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
        raise UnformattedGetAttTemplateException()

    FakeLoadBalancer.get_cfn_attribute = load_balancer_attribute
    FakeTargetGroup.get_cfn_attribute = target_group_attribute


def mend_managed_master_password():
    """`ManageMasterUserPassword` from a template, as moto's RDS API does
    it (a secret in moto's Secrets Manager), and the secret's ARN as
    `MasterUserSecret.SecretArn`."""
    create = DBInstance.create_from_cloudformation_json.__func__
    has_attribute = DBInstance.has_cfn_attr.__func__
    attribute = DBInstance.get_cfn_attribute

    def create_from_cloudformation_json(cls, resource_name, cloudformation_json,
                                        account_id, region_name, **kwargs):
        database = create(cls, resource_name, cloudformation_json, account_id,
                          region_name, **kwargs)
        properties = cloudformation_json["Properties"]
        if properties.get("ManageMasterUserPassword") in (True, "true"):
            database.manage_master_user_password = True
            database.master_user_secret = MasterUserSecret(
                database, properties.get("MasterUserSecret", {}).get("KmsKeyId"))
        return database

    def has_cfn_attr(cls, attr):
        return attr == "MasterUserSecret.SecretArn" or has_attribute(cls, attr)

    def get_cfn_attribute(self, attribute_name):
        if attribute_name == "MasterUserSecret.SecretArn" and self.manage_master_user_password:
            return self.master_user_secret.secret_arn
        return attribute(self, attribute_name)

    DBInstance.create_from_cloudformation_json = classmethod(create_from_cloudformation_json)
    DBInstance.has_cfn_attr = classmethod(has_cfn_attr)
    DBInstance.get_cfn_attribute = get_cfn_attribute


if __name__ == "__main__":
    mend_parameter_tags()
    mend_full_names()
    mend_managed_master_password()
    stand_in_for_custom_resources()
    main(sys.argv[1:])
