//! The `ImageTag` parameter of stacks whose images live in a repository
//! the stack itself creates: the first deploy has no image to run yet, so
//! the tag is empty and everything that runs an image waits (condition
//! `HasImage`); the pipeline then pushes the image and deploys again with
//! its tag.

use constructs::{Condition, ConditionHandle, Parameter, ParameterHandle, Template};

use framework::error::StackError;

/// The image tag the update of an example that runs images deploys, as a
/// pipeline's second deploy would after pushing it.
pub const UPDATE_IMAGE_TAG: &str = "0a1b2c3";

/// A Docker tag, or nothing (no image yet).
const IMAGE_TAG_PATTERN: &str = "^([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?$";

/// The parameter, and the condition that it names an image.
pub struct ImageTag {
    /// `ImageTag`: the tag to deploy, empty before the first push.
    pub parameter: ParameterHandle<String>,
    /// `HasImage`: whether `ImageTag` names an image; everything that runs
    /// one waits for it.
    pub has_image: ConditionHandle,
}

/// Adds the `ImageTag` parameter, described as the tag of `what`, and its
/// `HasImage` condition.
pub fn add(template: &mut Template, what: &str) -> Result<ImageTag, StackError> {
    let parameter = template.add_parameter(
        Parameter::string("ImageTag")
            .description(&format!(
                "The tag of {what}. Empty on the first deploy (no image yet, so nothing runs \
                 one); deploy again with the pushed tag."
            ))
            .default("")
            .allowed_pattern(IMAGE_TAG_PATTERN)
            .constraint_description("a Docker image tag, or nothing"),
    )?;
    let has_image = template.add_condition(
        "HasImage",
        Condition::not(Condition::equals(parameter.reference(), "")),
    )?;
    Ok(ImageTag {
        parameter,
        has_image,
    })
}
