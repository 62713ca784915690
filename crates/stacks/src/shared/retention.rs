//! CloudWatch Logs retention periods, as a config value that can only hold
//! one CloudWatch accepts.

use schemars::gen::SchemaGenerator;
use schemars::schema::{InstanceType, Metadata, Schema, SchemaObject};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A CloudWatch Logs retention period: only the day counts CloudWatch
/// accepts can be represented.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct RetentionDays(u32);

impl RetentionDays {
    /// The retention periods CloudWatch Logs accepts, in days.
    pub const ALLOWED: [u32; 22] = [
        1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557,
        2922, 3288, 3653,
    ];

    /// The period in days, for the log groups' `RetentionInDays`.
    pub fn days(self) -> u32 {
        self.0
    }
}

impl Default for RetentionDays {
    fn default() -> Self {
        RetentionDays(30)
    }
}

impl TryFrom<u32> for RetentionDays {
    type Error = String;

    fn try_from(days: u32) -> Result<Self, String> {
        if Self::ALLOWED.contains(&days) {
            Ok(RetentionDays(days))
        } else {
            Err(format!(
                "{days} is not a CloudWatch Logs retention period; use one of {:?}",
                Self::ALLOWED
            ))
        }
    }
}

impl From<RetentionDays> for u32 {
    fn from(retention: RetentionDays) -> u32 {
        retention.0
    }
}

impl JsonSchema for RetentionDays {
    fn schema_name() -> String {
        "RetentionDays".to_string()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        SchemaObject {
            instance_type: Some(InstanceType::Integer.into()),
            enum_values: Some(Self::ALLOWED.iter().map(|&d| d.into()).collect()),
            metadata: Some(Box::new(Metadata {
                description: Some("A retention period CloudWatch Logs accepts, in days.".into()),
                ..Metadata::default()
            })),
            ..SchemaObject::default()
        }
        .into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retention_days_are_checked_in_code_too() {
        assert!(RetentionDays::try_from(30).is_ok());
        let error = RetentionDays::try_from(31).unwrap_err();
        assert!(
            error.contains("31 is not a CloudWatch Logs retention period"),
            "{error}"
        );
    }
}
