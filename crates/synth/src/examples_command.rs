//! `synth examples --out-dir DIR`: every registered stack's examples and
//! the manifest `cargo xtask deploy-test` deploys them from.

use std::path::Path;

use constructs::Format;
use framework::AnyStack;

use crate::write;

/// Writes every example's templates and `manifest.json` into `out_dir`.
pub fn run(stacks: &[&dyn AnyStack], out_dir: &Path) -> Result<(), String> {
    let examples = framework::examples::all(stacks).map_err(|e| e.to_string())?;
    std::fs::create_dir_all(out_dir).map_err(|e| format!("creating {}: {e}", out_dir.display()))?;
    let mut manifest = Vec::new();
    for example in &examples {
        for (file, template) in example.templates() {
            let body = template
                .synthesize(Format::Yaml)
                .map_err(|e| format!("{file}: {e}"))?
                .body;
            write::to_file(&body, &out_dir.join(&file))?;
        }
        manifest.push(example.manifest_entry());
    }
    let text = serde_json::to_string_pretty(&manifest).map_err(|e| e.to_string())? + "\n";
    write::to_file(&text, &out_dir.join(deploy_manifest::FILE_NAME))
}
