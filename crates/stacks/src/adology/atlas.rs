//! MongoDB Atlas, which the stack does not create but connects to: the
//! connection string, and optionally the route to Atlas's VPC.
//!
//! The connection string (it holds the database user's password) comes in
//! as the NoEcho parameter `MongoDbAtlasUri`, is stored in the secret
//! `MongoDbAtlasUriSecret`, and reaches the containers as the ECS secret
//! `MONGODB_URI` (the overflow function reads it by ARN).
//!
//! With `atlasPeering`, each private route table of the new VPC sends the
//! Atlas CIDR (`AtlasCidr`) through the peering connection
//! (`AtlasPeeringConnectionId`) the Atlas project offered and the account
//! accepted; Atlas's own side (its route and IP access list entry for the
//! VPC's CIDR) is set in Atlas.

use constructs::aws::{ec2, secretsmanager};
use constructs::{Handle, Parameter, Resource, Template};

use super::names::Names;
use crate::shared::network::Network;
use crate::shared::parameters::cidr_block;
use framework::error::StackError;
use patterns::rebuilt_from_parameters;
use patterns::Scope;

/// A `mongodb://` or `mongodb+srv://` connection string.
const URI_PATTERN: &str = r"^mongodb(\+srv)?://\S+$";

pub fn add_connection_secret(
    template: &mut Template,
    names: &Names,
    scope: &Scope,
) -> Result<Handle<secretsmanager::Secret>, StackError> {
    let uri = template.add_parameter(
        Parameter::string("MongoDbAtlasUri")
            .description(
                "The MongoDB Atlas connection string, with its user and password \
                 (mongodb+srv://...); stored in Secrets Manager, never shown.",
            )
            .no_echo()
            .allowed_pattern(URI_PATTERN)
            .constraint_description("a mongodb:// or mongodb+srv:// connection string"),
    )?;
    Ok(template.add(rebuilt_from_parameters(Resource::new(
        "MongoDbAtlasUriSecret",
        secretsmanager::Secret {
            tags: scope.tag_list(),
            ..secretsmanager::Secret::default()
                .description(format!(
                    "{}: the MongoDB Atlas connection string",
                    names.system()
                ))
                .secret_string(uri.reference())
        },
    )))?)
}

/// Routes from every private subnet to MongoDB Atlas through the peering
/// connection.
pub fn add_peering_routes<P>(
    template: &mut Template,
    network: &Network<P>,
) -> Result<(), StackError> {
    let connection = template.add_parameter(
        Parameter::string("AtlasPeeringConnectionId")
            .description(
                "The VPC peering connection to the MongoDB Atlas project's VPC, accepted in this \
                 account (pcx-...).",
            )
            .allowed_pattern("^pcx-[0-9a-f]{8,17}$")
            .constraint_description("a VPC peering connection ID such as pcx-0123456789abcdef0"),
    )?;
    let cidr = template.add_parameter(
        cidr_block("AtlasCidr").description("The Atlas project's VPC CIDR block."),
    )?;
    for (table, letter) in network.private_route_tables.iter().zip('A'..='Z') {
        template.add(Resource::new(
            &format!("AtlasRoute{letter}"),
            ec2::Route::new(table.reference())
                .destination_cidr_block(cidr.reference())
                .vpc_peering_connection_id(connection.reference()),
        ))?;
    }
    Ok(())
}
