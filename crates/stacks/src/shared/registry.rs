//! Private ECR repositories for the images a stack runs: scanned on push,
//! encrypted, tags immutable (a tag, such as a commit SHA, always means one
//! image, so a rollback is a redeploy of the old tag), and a lifecycle
//! policy so old images do not pile up.

use constructs::aws::ecr;
use constructs::aws::ecr::repository::{
    EncryptionConfiguration, EncryptionType, ImageScanningConfiguration, ImageTagMutability,
    LifecyclePolicy,
};
use constructs::{List, Value};

/// Untagged images (superseded layers of a push) go after this many days.
const UNTAGGED_DAYS: u32 = 7;

/// A repository named `name` that keeps the newest `kept_images` tagged
/// images. `tags` as the stack tags its resources.
pub fn repository(
    name: String,
    kept_images: u32,
    tags: Option<Value<List<constructs::Tag>>>,
) -> ecr::Repository {
    let lifecycle = serde_json::json!({
        "rules": [
            {
                "rulePriority": 1,
                "description": format!("Expire untagged images after {UNTAGGED_DAYS} days"),
                "selection": {
                    "tagStatus": "untagged",
                    "countType": "sinceImagePushed",
                    "countUnit": "days",
                    "countNumber": UNTAGGED_DAYS
                },
                "action": {"type": "expire"}
            },
            {
                "rulePriority": 2,
                "description": format!("Keep the newest {kept_images} images"),
                "selection": {
                    "tagStatus": "any",
                    "countType": "imageCountMoreThan",
                    "countNumber": kept_images
                },
                "action": {"type": "expire"}
            }
        ]
    });
    ecr::Repository {
        tags,
        ..ecr::Repository::default()
            .repository_name(name)
            .image_scanning_configuration(ImageScanningConfiguration::default().scan_on_push(true))
            .image_tag_mutability(ImageTagMutability::Immutable)
            .encryption_configuration(EncryptionConfiguration::new(EncryptionType::Aes256))
            .lifecycle_policy(
                LifecyclePolicy::default().lifecycle_policy_text(lifecycle.to_string()),
            )
    }
}
