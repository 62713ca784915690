//! The task sizes Fargate runs, for the configs: each CPU size allows its
//! own memory sizes; cfn-lint checks the same pairs, but only after
//! synthesis, while checking the config names the field. The task
//! definition itself is `patterns::fargate`.

use schemars::gen::SchemaGenerator;
use schemars::schema::{InstanceType, Schema, SchemaObject};

/// The CPU sizes Fargate offers, in CPU units.
pub const CPU_SIZES: [u32; 7] = [256, 512, 1024, 2048, 4096, 8192, 16384];

/// The JSON Schema of a CPU field (`#[schemars(schema_with = ...)]`): one
/// of [`CPU_SIZES`], so a typo is a schema error naming the field.
pub fn cpu_schema(_: &mut SchemaGenerator) -> Schema {
    SchemaObject {
        instance_type: Some(InstanceType::Integer.into()),
        enum_values: Some(CPU_SIZES.iter().map(|&cpu| cpu.into()).collect()),
        ..SchemaObject::default()
    }
    .into()
}

/// The memory sizes (MiB) Fargate offers with one CPU size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemorySizes {
    /// Exactly these sizes (256 CPU units: 512, 1024 or 2048).
    OneOf(&'static [u32]),
    /// Every size from `min` to `max` in steps of `step`.
    Range {
        /// The smallest size, in MiB.
        min: u32,
        /// The largest size, in MiB.
        max: u32,
        /// The step between sizes, in MiB.
        step: u32,
    },
}

impl MemorySizes {
    /// Whether Fargate offers `memory` MiB with this CPU size, for the
    /// rules that check a config's sizes.
    pub fn allows(self, memory: u32) -> bool {
        match self {
            MemorySizes::OneOf(sizes) => sizes.contains(&memory),
            MemorySizes::Range { min, max, step } => {
                (min..=max).contains(&memory) && (memory - min) % step == 0
            }
        }
    }
}

impl std::fmt::Display for MemorySizes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            MemorySizes::OneOf(sizes) => {
                let sizes: Vec<String> = sizes.iter().map(u32::to_string).collect();
                write!(f, "one of {}", sizes.join(", "))
            }
            MemorySizes::Range { min, max, step } => {
                write!(f, "{min} to {max} in steps of {step}")
            }
        }
    }
}

/// The memory sizes Fargate offers with `cpu` units, or `None` for a CPU
/// size Fargate does not have.
pub fn memory_sizes(cpu: u32) -> Option<MemorySizes> {
    let range = |min, max, step| Some(MemorySizes::Range { min, max, step });
    match cpu {
        256 => Some(MemorySizes::OneOf(&[512, 1024, 2048])),
        512 => range(1024, 4096, 1024),
        1024 => range(2048, 8192, 1024),
        2048 => range(4096, 16384, 1024),
        4096 => range(8192, 30720, 1024),
        8192 => range(16384, 61440, 4096),
        16384 => range(32768, 122880, 8192),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cpu_size_of_the_schema_has_memory_sizes() {
        for cpu in CPU_SIZES {
            assert!(memory_sizes(cpu).is_some(), "{cpu}");
        }
        assert_eq!(memory_sizes(1000), None);
    }

    #[test]
    fn the_seeds_size_fits_and_neighbours_do_not() {
        let one_vcpu = memory_sizes(1024).unwrap();
        assert!(one_vcpu.allows(3072));
        assert!(!one_vcpu.allows(3000));
        assert!(!one_vcpu.allows(1024));
        assert!(!one_vcpu.allows(9216));
        assert!(memory_sizes(256).unwrap().allows(512));
        assert!(!memory_sizes(256).unwrap().allows(1536));
        assert!(memory_sizes(8192).unwrap().allows(20480));
        assert!(!memory_sizes(8192).unwrap().allows(17408));
        assert_eq!(one_vcpu.to_string(), "2048 to 8192 in steps of 1024");
    }
}
