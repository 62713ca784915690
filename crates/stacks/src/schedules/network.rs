//! The seed's VPC section: a private subnet for the tasks whose outbound
//! traffic leaves through a NAT gateway with an Elastic IP, the address
//! MongoDB Atlas allow-lists.
//!
//! Fix of the seed: the seed puts the NAT gateway in the private subnet
//! itself. A NAT gateway forwards to the internet through the route table
//! of the subnet it sits in, and the private subnet's route table sends
//! 0.0.0.0/0 back to the NAT gateway: traffic loops and never leaves. Here
//! the NAT gateway sits in a public subnet, whose route table sends
//! 0.0.0.0/0 to an internet gateway, and only the private subnet's route
//! table points at the NAT gateway.
//!
//! | mode | created | given (parameters) |
//! | --- | --- | --- |
//! | `createVpc` (default) | VPC, internet gateway, public subnet and its route table, everything below | `VpcCidr`, `PublicSubnetCidr`, `PrivateSubnetCidr` (defaults 10.0.0.0/16, 10.0.0.0/24, 10.0.1.0/24) |
//! | `existingVpc` (the seed's default VPC) | everything below | `VpcId`, `PublicSubnetId` (any default subnet of a default VPC), `PrivateSubnetCidr` |
//! | both | Elastic IP, NAT gateway in the public subnet, private subnet, its route table with 0.0.0.0/0 to the NAT gateway, the tasks' security group | |
//!
//! The subnets the stack creates sit in the region's first availability
//! zone, so traffic to the NAT gateway does not cross zones (in an existing
//! VPC, give a `PublicSubnetId` in that zone for the same).
//!
//! The tasks' security group admits nothing (they are scheduled batch
//! jobs: nothing connects to them, and the port mappings 80 and 27017 of
//! the seed's task definitions only declare container ports) and sends
//! anywhere: the processes reach MongoDB Atlas on 27017, AWS APIs (ECR,
//! S3, CloudWatch Logs) on 443 and whatever else they call, always from the
//! NAT gateway's address.

use constructs::aws::ec2;
use constructs::{fns, Handle, Resource, Template, Value};

use super::names::Names;
use super::parameters::{Parameters, VpcParameters};
use framework::error::StackError;
use patterns::security_groups::to_anywhere;
use patterns::vpc::{
    add_internet, add_nat_gateway, add_private_default_route, add_public_default_route,
};
use patterns::Scope;

/// What the rest of the stack needs from the network.
pub struct Network {
    /// Where the tasks run.
    pub private_subnet: Handle<ec2::Subnet>,
    pub security_group: Handle<ec2::SecurityGroup>,
    /// The NAT gateway's Elastic IP: `!Ref` is the public address.
    pub nat_ip: Handle<ec2::Eip>,
}

/// The VPC and the public subnet the NAT gateway goes in, made or given.
struct PublicSide {
    vpc_id: Value<String>,
    public_subnet_id: Value<String>,
    /// The internet gateway's attachment, when this stack makes it: an
    /// Elastic IP and a route to the gateway must wait for it.
    attachment: Option<Handle<ec2::VpcGatewayAttachment>>,
}

pub fn add(
    template: &mut Template,
    names: &Names,
    scope: &Scope,
    params: &Parameters,
) -> Result<Network, StackError> {
    let public = match &params.vpc {
        VpcParameters::Create {
            vpc_cidr,
            public_subnet_cidr,
        } => add_vpc(
            template,
            names,
            scope,
            vpc_cidr.reference(),
            public_subnet_cidr.reference(),
        )?,
        VpcParameters::Existing {
            vpc_id,
            public_subnet_id,
        } => PublicSide {
            vpc_id: vpc_id.reference().into(),
            public_subnet_id: public_subnet_id.reference().into(),
            attachment: None,
        },
    };
    let (nat_ip, nat_gateway) = add_nat_gateway(
        template,
        scope,
        ("", ""),
        public.public_subnet_id.clone(),
        public.attachment.as_ref(),
        format!("{}-gateway", names.network()),
    )?;
    let private_subnet = template.add(Resource::new(
        "PrivateSubnet",
        ec2::Subnet {
            tags: scope.named_list(format!("private-subnet-{}", names.network())),
            ..ec2::Subnet::new(public.vpc_id.clone())
                .availability_zone(first_zone())
                .cidr_block(params.private_subnet_cidr.reference())
                .map_public_ip_on_launch(false)
        },
    ))?;
    let private_routes = template.add(Resource::new(
        "PrivateRouteTable",
        ec2::RouteTable {
            tags: scope.named_list(format!("{}-private-route-table", names.network())),
            ..ec2::RouteTable::new(public.vpc_id.clone())
        },
    ))?;
    add_private_default_route(
        template,
        ("", ""),
        &private_subnet,
        &private_routes,
        &nat_gateway,
    )?;
    let security_group = template.add(Resource::new(
        "TaskSecurityGroup",
        ec2::SecurityGroup {
            tags: scope.named_list(names.security_group()),
            ..ec2::SecurityGroup::new(format!(
                "The {} scheduled tasks: no inbound, any outbound",
                names.system()
            ))
            .group_name(names.security_group())
            .vpc_id(public.vpc_id.clone())
            .security_group_egress(vec![to_anywhere(
                "MongoDB Atlas, AWS APIs and whatever else the processes call, through \
                         the NAT gateway",
            )])
        },
    ))?;
    Ok(Network {
        private_subnet,
        security_group,
        nat_ip,
    })
}

/// The region's first availability zone.
fn first_zone() -> constructs::Expr<String> {
    fns::select(0, fns::get_azs(""))
}

/// A new VPC with an internet gateway and a public subnet routed to it.
fn add_vpc(
    template: &mut Template,
    names: &Names,
    scope: &Scope,
    vpc_cidr: constructs::Expr<String>,
    public_subnet_cidr: constructs::Expr<String>,
) -> Result<PublicSide, StackError> {
    let network = names.network();
    let internet = add_internet(
        template,
        scope,
        "",
        vpc_cidr.into(),
        (
            format!("{network}-vpc"),
            format!("{network}-internet-gateway"),
        ),
    )?;
    let vpc = &internet.vpc;
    let public_subnet = template.add(Resource::new(
        "PublicSubnet",
        ec2::Subnet {
            tags: scope.named_list(format!("public-subnet-{network}")),
            ..ec2::Subnet::new(vpc.reference())
                .availability_zone(first_zone())
                .cidr_block(public_subnet_cidr)
                // Only the NAT gateway lives here, with its own Elastic IP.
                .map_public_ip_on_launch(false)
        },
    ))?;
    let public_routes = template.add(Resource::new(
        "PublicRouteTable",
        ec2::RouteTable {
            tags: scope.named_list(format!("{network}-public-route-table")),
            ..ec2::RouteTable::new(vpc.reference())
        },
    ))?;
    add_public_default_route(template, "", &internet, &public_routes)?;
    template.add(Resource::new(
        "PublicSubnetRouteTableAssociation",
        ec2::SubnetRouteTableAssociation::new(ec2::SubnetRouteTableAssociationRequired {
            route_table_id: public_routes.reference().into(),
            subnet_id: public_subnet.reference().into(),
        }),
    ))?;
    Ok(PublicSide {
        vpc_id: vpc.reference().into(),
        public_subnet_id: public_subnet.reference().into(),
        attachment: Some(internet.attachment),
    })
}
