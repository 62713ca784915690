//! Step 2 of the seed: the EFS access point the data service (and the
//! OvalEdge UI and Job tasks) keep assets under, and mount targets in the
//! data service's subnets.
//!
//! The access point pins every access through it to one POSIX user and
//! root directory; the tasks mount with IAM authorization, and the task
//! role may only mount the shared file system through this access point.

use constructs::aws::efs;
use constructs::aws::efs::access_point::CreationInfoRequired;
use constructs::aws::efs::access_point::PosixUserRequired;
use constructs::aws::efs::access_point::{CreationInfo, PosixUser, RootDirectory};
use constructs::{Handle, Resource, Template};

use super::config::TenantConfig;
use super::network::{Network, ZONES};
use super::parameters::Parameters;
use framework::error::StackError;
use patterns::Scope;

/// The directory of the file system the access point exposes (the seed's
/// access point path).
pub const ASSETS_PATH: &str = "/oe_edgi_assets_store";

pub fn add(
    template: &mut Template,
    scope: &Scope,
    params: &Parameters,
    network: &Network,
    config: &TenantConfig,
) -> Result<Handle<efs::AccessPoint>, StackError> {
    let owner = &config.assets_owner;
    let access_point = template.add(Resource::new(
        "AssetsAccessPoint",
        efs::AccessPoint {
            access_point_tags: scope.tag_list(),
            ..efs::AccessPoint::new(params.efs_file_system_id.reference())
                .posix_user(PosixUser::new(PosixUserRequired {
                    gid: owner.gid.to_string().into(),
                    uid: owner.uid.to_string().into(),
                }))
                .root_directory(RootDirectory::default().path(ASSETS_PATH).creation_info(
                    CreationInfo::new(CreationInfoRequired {
                        owner_gid: owner.gid.to_string().into(),
                        owner_uid: owner.uid.to_string().into(),
                        permissions: owner.permissions.clone().into(),
                    }),
                ))
        },
    ))?;
    if !config.efs_mount_targets_exist {
        for (zone, subnet) in ZONES.iter().zip(&network.subnets) {
            template.add(Resource::new(
                zone.mount_target,
                efs::MountTarget::new(efs::MountTargetRequired {
                    file_system_id: params.efs_file_system_id.reference().into(),
                    security_groups: vec![params.efs_security_group_id.reference()].into(),
                    subnet_id: subnet.reference().into(),
                }),
            ))?;
        }
    }
    Ok(access_point)
}
