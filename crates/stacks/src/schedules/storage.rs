//! The seed's S3 and ECR sections: the bucket the processes write their
//! files to, and the repository their image is pushed to.
//!
//! The bucket follows the seed: SSE-S3 with the bucket key enabled,
//! versioning off (left unset), ACLs disabled. The seed's console step
//! "create folder `GeneratedFiles`" has no resource: S3 has no folders, a
//! key prefix exists as soon as an object uses it, so the processes write
//! under `GeneratedFiles/` (output `GeneratedFilesUri`). Beyond the seed,
//! the bucket refuses plain-HTTP requests.
//!
//! Deviation from the seed: the seed makes the bucket public and the
//! repository an ECR Public one, shortcuts for AWS's free tier. Here the
//! bucket blocks all public access and the repository is private unless
//! the config opts in (`publicBucket`, `publicRepository`), and `synth`
//! then prints a warning (the stack's warnings). The private repository
//! scans images on push and expires old ones ([`crate::shared::registry`]);
//! its tags stay mutable, since the seed pushes `latest` again with every
//! release.

use constructs::aws::{ecr, s3};
use constructs::{fns, Expr, Handle, ParameterHandle, Resource, Template};

use super::config::SchedulesConfig;
use super::names::Names;
use super::parameters::Parameters;
use crate::shared::registry;
use framework::error::StackError;
use patterns::{PrivateBucket, Scope};

/// The key prefix the processes write generated files under.
pub const GENERATED_FILES_PREFIX: &str = "GeneratedFiles/";
/// Where ECR Public serves images from.
const PUBLIC_REGISTRY: &str = "public.ecr.aws";
/// Images the private repository keeps; each push of `latest` leaves the
/// previous image untagged, and untagged images go after a week.
const KEPT_IMAGES: u32 = 30;

/// The bucket and the repository.
pub struct Storage {
    pub bucket: Handle<s3::Bucket>,
    pub repository: Repository,
}

/// Where the image lives.
pub enum Repository {
    Private(Handle<ecr::Repository>),
    Public {
        repository: Handle<ecr::PublicRepository>,
        alias: ParameterHandle<String>,
    },
}

impl Repository {
    /// The repository's URI, without a tag.
    pub fn uri(&self, names: &Names) -> Expr<String> {
        match self {
            Repository::Private(repository) => repository.repository_uri(),
            Repository::Public { alias, .. } => fns::sub(format!(
                "{PUBLIC_REGISTRY}/${{{}}}/{}",
                alias.logical_id(),
                names.repository()
            )),
        }
    }

    /// The image the tasks run: the repository at the `ImageTag` parameter.
    pub fn image(&self, names: &Names, tag: &ParameterHandle<String>) -> Expr<String> {
        match self {
            Repository::Private(repository) => fns::sub(format!(
                "${{{}.RepositoryUri}}:${{{}}}",
                repository.logical_id(),
                tag.logical_id()
            )),
            Repository::Public { alias, .. } => fns::sub(format!(
                "{PUBLIC_REGISTRY}/${{{}}}/{}:${{{}}}",
                alias.logical_id(),
                names.repository(),
                tag.logical_id()
            )),
        }
    }
}

pub fn add(
    template: &mut Template,
    names: &Names,
    params: &Parameters,
    scope: &Scope,
    config: &SchedulesConfig,
) -> Result<Storage, StackError> {
    let allow_delete = config.allow_delete_resources;
    let bucket = PrivateBucket::new(
        "FilesBucket",
        s3::Bucket::default().bucket_name(names.bucket()),
    )
    .bucket_key(true)
    .public_access_blocked(!config.public_bucket)
    .add(template, scope)?;
    let repository = match &params.public_registry_alias {
        None => Repository::Private(
            template.add(
                scope.stateful(Resource::new(
                    "ImageRepository",
                    ecr::Repository {
                        // A repository that still holds images cannot be deleted.
                        empty_on_delete: allow_delete.then(|| true.into()),
                        ..registry::repository(names.repository(), KEPT_IMAGES, scope.tag_list())
                            // The seed pushes `latest` again and again.
                            .image_tag_mutability(ecr::repository::ImageTagMutability::Mutable)
                    },
                )),
            )?,
        ),
        Some(alias) => Repository::Public {
            repository: template.add(scope.stateful(Resource::new(
                "PublicImageRepository",
                ecr::PublicRepository {
                    tags: scope.tag_list(),
                    ..ecr::PublicRepository::default().repository_name(names.repository())
                },
            )))?,
            alias: alias.clone(),
        },
    };
    Ok(Storage { bucket, repository })
}
