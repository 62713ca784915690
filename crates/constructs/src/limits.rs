//! CloudFormation's hard quotas, and its one minimum (a resource), checked
//! before anything is emitted so a user hears about them from `synth`, not
//! from a failed deploy.

use crate::error::Error;

/// The most resources CloudFormation accepts in one template.
pub const MAX_RESOURCES: usize = 500;
/// The most parameters CloudFormation accepts in one template.
pub const MAX_PARAMETERS: usize = 200;
/// The most outputs CloudFormation accepts in one template.
pub const MAX_OUTPUTS: usize = 200;
/// The most mappings CloudFormation accepts in one template.
pub const MAX_MAPPINGS: usize = 200;
/// The largest body CloudFormation accepts (uploaded through S3).
pub const MAX_BODY_BYTES: usize = 1_000_000;
/// The largest body that can be passed inline; above it
/// `aws cloudformation deploy` needs `--s3-bucket`.
pub const MAX_INLINE_BODY_BYTES: usize = 51_200;

pub(crate) fn check_counts(
    resources: usize,
    parameters: usize,
    outputs: usize,
    mappings: usize,
) -> Vec<Error> {
    [
        ("resources", MAX_RESOURCES, resources),
        ("parameters", MAX_PARAMETERS, parameters),
        ("outputs", MAX_OUTPUTS, outputs),
        ("mappings", MAX_MAPPINGS, mappings),
    ]
    .into_iter()
    .filter(|(_, limit, actual)| actual > limit)
    .map(|(what, limit, actual)| Error::LimitExceeded {
        what,
        limit,
        actual,
    })
    .chain((resources == 0).then_some(Error::NoResources))
    .collect()
}

/// Fails above the hard limit; returns a warning above the inline limit.
pub(crate) fn check_body(body: &str) -> Result<Vec<String>, Error> {
    let size = body.len();
    if size > MAX_BODY_BYTES {
        return Err(Error::LimitExceeded {
            what: "bytes in its body",
            limit: MAX_BODY_BYTES,
            actual: size,
        });
    }
    if size > MAX_INLINE_BODY_BYTES {
        return Ok(vec![format!(
            "template body is {size} bytes, over the {MAX_INLINE_BODY_BYTES}-byte inline limit: \
             deploy it with `aws cloudformation deploy --s3-bucket BUCKET ...`"
        )]);
    }
    Ok(Vec::new())
}
