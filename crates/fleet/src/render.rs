//! One tenant's files: its template, as `synth tenant` renders it, and its
//! runbook. A tenant whose config and name shape an earlier tenant of the
//! fleet had is filled into that tenant's stencils (`stencil.rs`) rather
//! than built again; the others are built in full.

use std::sync::Arc;

use constructs::Format;

use super::stencil::{Shape, Stencil, StencilCache};
use framework::config::Validated;
use stacks::tenant::{self, TenantConfig, TenantName};

/// What one tenant renders to.
#[derive(Debug)]
pub struct Rendered {
    pub template: String,
    pub runbook: String,
    pub warnings: Vec<String>,
}

/// The parameters a tenant's template declares, which its parameter
/// values are checked against.
#[derive(Debug, PartialEq, Eq)]
pub struct Declared {
    /// In the template's order.
    pub parameters: Vec<String>,
    /// Those without a default.
    pub required: Vec<String>,
}

/// A tenant whose template was built: what it declares, and its files or
/// why they could not be rendered.
pub struct Rendering {
    pub declared: Arc<Declared>,
    pub files: Result<Rendered, Vec<String>>,
}

/// Renders the tenants of one fleet, sharing stencils between them.
pub struct Renderer {
    stencils: StencilCache<TenantConfig, TenantStencil>,
}

impl Renderer {
    pub fn new() -> Self {
        Renderer {
            stencils: StencilCache::new(),
        }
    }

    /// The tenant's files, or why its template could not be built; from a
    /// stencil when `shared` says another tenant may use it too.
    pub fn render(
        &self,
        name: &TenantName,
        config: &Validated<TenantConfig>,
        shared: bool,
    ) -> Result<Rendering, Vec<String>> {
        if let Some(shape) = Shape::of(name).filter(|_| shared) {
            let slot = self
                .stencils
                .get(config, shape, || TenantStencil::cut(shape, config));
            if let Some(stencil) = slot.as_ref().and_then(|slot| slot.get()?.as_ref()) {
                return Ok(stencil.fill(name));
            }
        }
        in_full(name, config)
    }
}

/// Builds the tenant's template and renders both files.
fn in_full(name: &TenantName, config: &Validated<TenantConfig>) -> Result<Rendering, Vec<String>> {
    let template = tenant::build(name, config).map_err(|error| vec![error.to_string()])?;
    let declared = Arc::new(Declared {
        parameters: template.parameter_ids().map(ToString::to_string).collect(),
        required: template
            .required_parameter_ids()
            .map(ToString::to_string)
            .collect(),
    });
    let files = match (
        template.synthesize(Format::Yaml),
        tenant::handoff::runbook(name, config),
    ) {
        (Ok(synthesized), Ok(runbook)) => Ok(Rendered {
            template: synthesized.body,
            runbook,
            warnings: synthesized.warnings,
        }),
        (synthesized, runbook) => Err(synthesized
            .err()
            .map(|error| error.to_string())
            .into_iter()
            .chain(runbook.err().map(|error| error.to_string()))
            .collect()),
    };
    Ok(Rendering { declared, files })
}

/// A tenant's files as stencils, for every tenant of its config and shape.
struct TenantStencil {
    template: Stencil,
    runbook: Stencil,
    /// Equal for both probes, so they do not mention the name.
    warnings: Vec<String>,
    declared: Arc<Declared>,
}

impl TenantStencil {
    /// Cut from the renderings of both probes of `shape`; `None` when a
    /// probe does not render (its errors would name the probe: the tenant
    /// is rendered in full to say them) or the two disagree.
    fn cut(shape: Shape, config: &Validated<TenantConfig>) -> Option<Self> {
        let probes = shape.probes()?;
        let rendered = |probe: &TenantName| {
            let rendering = in_full(probe, config).ok()?;
            Some((rendering.declared, rendering.files.ok()?))
        };
        let (declared, first) = rendered(&probes[0])?;
        let (other_declared, second) = rendered(&probes[1])?;
        if declared != other_declared || first.warnings != second.warnings {
            return None;
        }
        let cut = |text: fn(&Rendered) -> &str| {
            Stencil::cut([
                (text(&first), probes[0].as_str()),
                (text(&second), probes[1].as_str()),
            ])
        };
        Some(TenantStencil {
            template: cut(|files| &files.template)?,
            runbook: cut(|files| &files.runbook)?,
            warnings: first.warnings,
            declared,
        })
    }

    fn fill(&self, name: &TenantName) -> Rendering {
        Rendering {
            declared: Arc::clone(&self.declared),
            files: Ok(Rendered {
                template: self.template.fill(name.as_str()),
                runbook: self.runbook.fill(name.as_str()),
                warnings: self.warnings.clone(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use framework::config;

    fn files(rendering: Result<Rendering, Vec<String>>) -> (String, String) {
        let files = rendering
            .expect("the template builds")
            .files
            .expect("the files render");
        (files.template, files.runbook)
    }

    /// Every name shape a fleet can hold: at the keyword bound and past
    /// it, leading digits, hyphens, the longest name, and names spelt
    /// like the probes or like words the template holds.
    #[test]
    fn filled_stencils_are_byte_identical_to_tenants_built_in_full() {
        let longest = "a".repeat(tenant::names::MAX_TENANT_NAME_LEN);
        let names = [
            "acme",
            "false",
            "globex",
            "123456",
            "7-eleven",
            "initech-data",
            "qjqjqj",
            "xzxzxz",
            "data-sync",
            "askedgi",
            "bucket",
            "tenant-0001",
            longest.as_str(),
        ];
        let configs = [
            TenantConfig::default(),
            TenantConfig {
                allow_delete_resources: true,
                existing_cluster_name: Some("shared".to_string()),
                ..TenantConfig::default()
            },
        ];
        for config in configs {
            let config = config::validate(config, "test").expect("a valid config");
            let renderer = Renderer::new();
            // Twice: the first tenant of a shape is built in full, the
            // second cuts the stencils and is filled into them.
            for _ in 0..2 {
                for name in names {
                    let name = TenantName::parse(name).expect("a valid tenant name");
                    assert_eq!(
                        files(renderer.render(&name, &config, true)),
                        files(in_full(&name, &config)),
                        "tenant {name}"
                    );
                }
            }
        }
    }

    #[test]
    fn tenants_of_one_config_and_shape_share_their_stencils() {
        let config = config::validate(TenantConfig::default(), "test").expect("a valid config");
        let shape = Shape::of(&TenantName::parse("globex").expect("valid")).expect("a shape");
        let stencil = TenantStencil::cut(shape, &config).expect("the probes agree");
        // The tenant template names its tenant in physical names, tags
        // and descriptions: dozens of places.
        assert!(
            stencil.template.holes() > 30,
            "{}",
            stencil.template.holes()
        );
        assert!(stencil.runbook.holes() > 5, "{}", stencil.runbook.holes());
    }
}
