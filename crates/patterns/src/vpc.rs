//! The pieces of a VPC: a VPC across zones with a public and a private
//! subnet per zone, an internet gateway, NAT gateways so the private
//! subnets reach the internet without being reachable from it, and the
//! routes between them; every resource tagged `Name: <what>` before the
//! scope's tags.
//!
//! The ranges come in as a [`VpcLayout`], worked out before (the stack's
//! config check refuses a layout that cannot fit), so the template shows
//! every range.
//!
//! | logical ID | per | what |
//! | --- | --- | --- |
//! | `Vpc`, `InternetGateway`, `InternetGatewayAttachment` | VPC | the VPC and its way out |
//! | `PublicRouteTable`, `PublicDefaultRoute` | VPC | 0.0.0.0/0 to the internet gateway |
//! | `PublicSubnetA`, `PublicSubnetARouteTableAssociation` | zone | load balancers, NAT gateways |
//! | `NatElasticIpA`, `NatGatewayA` | zone (one per zone) or zone A only (a single one) | outbound traffic of the private subnets |
//! | `PrivateSubnetA`, `PrivateRouteTableA`, `PrivateDefaultRouteA`, `PrivateSubnetARouteTableAssociation` | zone | tasks, functions, databases |
//!
//! Zones are lettered in order (`A`, `B`, ...), so adding a zone adds
//! resources and changes none; switching between one NAT gateway and one
//! per zone changes only the NAT gateways and the private default routes.

use constructs::aws::ec2;
use constructs::{fns, Error, Handle, Resource, Template, Value};

use crate::scope::Scope;

/// Every IPv4 address, as routes write it.
pub const ANYWHERE: &str = "0.0.0.0/0";

/// A new VPC's ranges: its own, and each zone's two subnets'.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VpcLayout {
    /// Put before each logical ID it makes (`""`: `Vpc`, `PublicSubnetA`,
    /// ...; `Edge`: `EdgeVpc`, ...), so two VPCs fit in one template.
    pub prefix: String,
    /// What the resources' `Name` tags start with.
    pub name: String,
    /// The VPC's IPv4 range, e.g. `10.0.0.0/16`.
    pub cidr: String,
    /// One per availability zone, in the region's order.
    pub zones: Vec<ZoneSubnets>,
    /// A NAT gateway in every zone, or one in the first for all.
    pub nat_gateway_per_zone: bool,
}

/// The ranges of one zone's subnets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZoneSubnets {
    /// The public subnet's range, for load balancers and NAT gateways.
    pub public: String,
    /// The private subnet's range, for tasks, functions and databases.
    pub private: String,
}

/// The subnets of a new VPC, by zone in order.
pub struct NewVpc {
    /// The VPC, for security groups and target groups in it.
    pub vpc: Handle<ec2::Vpc>,
    /// One public subnet per zone: load balancers, NAT gateways.
    pub public_subnets: Vec<Handle<ec2::Subnet>>,
    /// One private subnet per zone: tasks, functions, databases.
    pub private_subnets: Vec<Handle<ec2::Subnet>>,
    /// The private subnets' default routes, through the NAT gateways;
    /// each is made after its subnet's route table association.
    pub private_routes: Vec<Handle<ec2::Route>>,
    /// The private subnets' route tables, for routes a stack adds (VPC
    /// peering).
    pub private_route_tables: Vec<Handle<ec2::RouteTable>>,
}

/// A VPC and its internet gateway: the VPC's way out.
pub struct Internet {
    /// The VPC, for the subnets and route tables made in it.
    pub vpc: Handle<ec2::Vpc>,
    /// The internet gateway, the target of the public default route.
    pub gateway: Handle<ec2::InternetGateway>,
    /// An Elastic IP or a route to the gateway must wait for it.
    pub attachment: Handle<ec2::VpcGatewayAttachment>,
}

/// `Vpc`, `InternetGateway` and `InternetGatewayAttachment` (after
/// `prefix`), tagged `Name: <vpc_name>` and `<gateway_name>` plus the
/// scope's tags.
pub fn add_internet(
    template: &mut Template,
    scope: &Scope,
    prefix: &str,
    cidr: Value<String>,
    (vpc_name, gateway_name): (String, String),
) -> Result<Internet, Error> {
    let vpc = template.add(Resource::new(
        &format!("{prefix}Vpc"),
        ec2::Vpc {
            tags: scope.named_list(vpc_name),
            ..ec2::Vpc::default()
                .cidr_block(cidr)
                .enable_dns_hostnames(true)
                .enable_dns_support(true)
        },
    ))?;
    let gateway = template.add(Resource::new(
        &format!("{prefix}InternetGateway"),
        ec2::InternetGateway {
            tags: scope.named_list(gateway_name),
        },
    ))?;
    let attachment = template.add(Resource::new(
        &format!("{prefix}InternetGatewayAttachment"),
        ec2::VpcGatewayAttachment::new(vpc.reference()).internet_gateway_id(gateway.reference()),
    ))?;
    Ok(Internet {
        vpc,
        gateway,
        attachment,
    })
}

/// `PublicDefaultRoute` (after `prefix`): 0.0.0.0/0 from `routes` to the
/// internet gateway, once it is attached (a route to a detached gateway
/// fails).
pub fn add_public_default_route(
    template: &mut Template,
    prefix: &str,
    internet: &Internet,
    routes: &Handle<ec2::RouteTable>,
) -> Result<(), Error> {
    template.add(
        Resource::new(
            &format!("{prefix}PublicDefaultRoute"),
            ec2::Route::new(routes.reference())
                .destination_cidr_block(ANYWHERE)
                .gateway_id(internet.gateway.reference()),
        )
        .depends_on(&internet.attachment),
    )?;
    Ok(())
}

/// `<prefix>NatElasticIp<suffix>` and `<prefix>NatGateway<suffix>` in the public subnet
/// `subnet_id`, both tagged `Name: <name>` before the scope's tags. The Elastic
/// IP waits for `attachment` when this stack attaches the gateway.
pub fn add_nat_gateway(
    template: &mut Template,
    scope: &Scope,
    (prefix, suffix): (&str, &str),
    subnet_id: Value<String>,
    attachment: Option<&Handle<ec2::VpcGatewayAttachment>>,
    name: String,
) -> Result<(Handle<ec2::Eip>, Handle<ec2::NatGateway>), Error> {
    let mut ip = Resource::new(
        &format!("{prefix}NatElasticIp{suffix}"),
        ec2::Eip {
            tags: scope.named_list(name.clone()),
            ..ec2::Eip::default().domain("vpc")
        },
    );
    if let Some(attachment) = attachment {
        ip = ip.depends_on(attachment);
    }
    let ip = template.add(ip)?;
    let gateway = template.add(Resource::new(
        &format!("{prefix}NatGateway{suffix}"),
        ec2::NatGateway {
            tags: scope.named_list(name),
            ..ec2::NatGateway::default()
                .allocation_id(ip.allocation_id())
                .subnet_id(subnet_id)
        },
    ))?;
    Ok((ip, gateway))
}

/// `<prefix>PrivateSubnet<suffix>RouteTableAssociation` and
/// `<prefix>PrivateDefaultRoute<suffix>`: the private subnet uses `routes`, which
/// send 0.0.0.0/0 through `nat_gateway`. The route waits for the
/// association, so whatever waits for the route finds its subnet routed
/// through NAT.
pub fn add_private_default_route(
    template: &mut Template,
    (prefix, suffix): (&str, &str),
    subnet: &Handle<ec2::Subnet>,
    routes: &Handle<ec2::RouteTable>,
    nat_gateway: &Handle<ec2::NatGateway>,
) -> Result<Handle<ec2::Route>, Error> {
    let association = template.add(Resource::new(
        &format!("{prefix}PrivateSubnet{suffix}RouteTableAssociation"),
        ec2::SubnetRouteTableAssociation::new(ec2::SubnetRouteTableAssociationRequired {
            route_table_id: routes.reference().into(),
            subnet_id: subnet.reference().into(),
        }),
    ))?;
    template.add(
        Resource::new(
            &format!("{prefix}PrivateDefaultRoute{suffix}"),
            ec2::Route::new(routes.reference())
                .destination_cidr_block(ANYWHERE)
                .nat_gateway_id(nat_gateway.reference()),
        )
        .depends_on(&association),
    )
}

/// Adds the VPC `layout` describes, each logical ID after `layout.prefix`.
/// Each resource is tagged `Name: <name>-<what>` before the scope's tags.
pub fn add_vpc(
    template: &mut Template,
    scope: &Scope,
    layout: &VpcLayout,
) -> Result<NewVpc, Error> {
    let name = &layout.name;
    let prefix = layout.prefix.as_str();
    let named = |what: &str| format!("{name}-{what}");
    let internet = add_internet(
        template,
        scope,
        prefix,
        layout.cidr.clone().into(),
        (format!("{name}-vpc"), format!("{name}-internet-gateway")),
    )?;
    let vpc = internet.vpc.clone();
    let public_routes = template.add(Resource::new(
        &format!("{prefix}PublicRouteTable"),
        ec2::RouteTable {
            tags: scope.named_list(named("public")),
            ..ec2::RouteTable::new(vpc.reference())
        },
    ))?;
    add_public_default_route(template, prefix, &internet, &public_routes)?;
    let zones: Vec<(u32, char, &ZoneSubnets)> = (0..)
        .zip('A'..='Z')
        .zip(&layout.zones)
        .map(|((index, letter), blocks)| (index, letter, blocks))
        .collect();
    let mut public_subnets = Vec::new();
    let mut nat_gateways = Vec::new();
    for &(index, letter, blocks) in &zones {
        let lower = letter.to_ascii_lowercase();
        let subnet = template.add(Resource::new(
            &format!("{prefix}PublicSubnet{letter}"),
            ec2::Subnet {
                tags: scope.named_list(named(&format!("public-{lower}"))),
                ..ec2::Subnet::new(vpc.reference())
                    .availability_zone(fns::select(index, fns::get_azs("")))
                    .cidr_block(blocks.public.clone())
                    .map_public_ip_on_launch(false)
            },
        ))?;
        template.add(Resource::new(
            &format!("{prefix}PublicSubnet{letter}RouteTableAssociation"),
            ec2::SubnetRouteTableAssociation::new(ec2::SubnetRouteTableAssociationRequired {
                route_table_id: public_routes.reference().into(),
                subnet_id: subnet.reference().into(),
            }),
        ))?;
        if index == 0 || layout.nat_gateway_per_zone {
            let (_, gateway) = add_nat_gateway(
                template,
                scope,
                (prefix, &letter.to_string()),
                subnet.reference().into(),
                Some(&internet.attachment),
                format!("{name}-nat-{lower}"),
            )?;
            nat_gateways.push(gateway);
        }
        public_subnets.push(subnet);
    }
    let mut private_subnets = Vec::new();
    let mut private_routes = Vec::new();
    let mut private_route_tables = Vec::new();
    for &(index, letter, blocks) in &zones {
        let lower = letter.to_ascii_lowercase();
        let subnet = template.add(Resource::new(
            &format!("{prefix}PrivateSubnet{letter}"),
            ec2::Subnet {
                tags: scope.named_list(named(&format!("private-{lower}"))),
                ..ec2::Subnet::new(vpc.reference())
                    .availability_zone(fns::select(index, fns::get_azs("")))
                    .cidr_block(blocks.private.clone())
                    .map_public_ip_on_launch(false)
            },
        ))?;
        let routes = template.add(Resource::new(
            &format!("{prefix}PrivateRouteTable{letter}"),
            ec2::RouteTable {
                tags: scope.named_list(named(&format!("private-{lower}"))),
                ..ec2::RouteTable::new(vpc.reference())
            },
        ))?;
        let nat_gateway = nat_gateways.get(index as usize).unwrap_or(&nat_gateways[0]);
        private_routes.push(add_private_default_route(
            template,
            (prefix, &letter.to_string()),
            &subnet,
            &routes,
            nat_gateway,
        )?);
        private_subnets.push(subnet);
        private_route_tables.push(routes);
    }
    Ok(NewVpc {
        vpc,
        public_subnets,
        private_subnets,
        private_routes,
        private_route_tables,
    })
}
