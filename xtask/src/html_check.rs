//! `cargo xtask html-check`: `synth diff --format html` opened in headless
//! Chromium (Debian's `chromium`), as a reviewer opens it: the page must
//! render, and the colours of the grades the change has must be on the
//! screenshot.
//!
//! The change is the tenant snapshot with its data bucket renamed (a
//! replacement, which replaces the task definitions that name the bucket
//! too), an access key's user updated in place, and a queue removed.

use std::path::Path;
use std::process::Command;

use crate::project_root;
use crate::snapshot_diff::build_synth;

/// The grade fills the page must show, as the HTML renderer's palette has
/// them (`crates/inspect/src/diff/palette.rs`).
const EXPECTED: [(&str, [u8; 3]); 3] = [
    ("replaced", [0xfd, 0xe2, 0xe1]),
    ("updated in place", [0xe8, 0xf1, 0xfb]),
    ("removed", [0xf2, 0xf3, 0xf3]),
];

pub fn run() -> Result<(), String> {
    let root = project_root();
    let synth = build_synth(&root)?;
    let work = std::env::temp_dir().join(format!("xtask-html-check-{}", std::process::id()));
    std::fs::create_dir_all(&work).map_err(|e| e.to_string())?;
    let result = check(&root, &synth, &work);
    let _ = std::fs::remove_dir_all(&work);
    result
}

fn check(root: &Path, synth: &Path, work: &Path) -> Result<(), String> {
    let snapshot = std::fs::read_to_string(root.join("snapshots/tenant-acme.snap"))
        .map_err(|e| format!("reading the tenant snapshot: {e}"))?;
    // The snapshot's body: after insta's header.
    let old = snapshot
        .splitn(3, "---\n")
        .nth(2)
        .ok_or("the snapshot has no body")?;
    let renamed = "BucketName: !Sub 'askedgi-acme-data-${AWS::AccountId}'";
    if !old.contains(renamed) {
        return Err("the tenant snapshot no longer names its bucket with !Sub".into());
    }
    let new = remove_resource(
        &old.replace(renamed, "BucketName: askedgi-acme-data"),
        "AiFunctionsDeadLetterQueue",
    )?;
    std::fs::write(work.join("old.yaml"), old).map_err(|e| e.to_string())?;
    std::fs::write(work.join("new.yaml"), new).map_err(|e| e.to_string())?;
    let output = Command::new(synth)
        .current_dir(work)
        .args(["diff", "old.yaml", "new.yaml", "--format", "html"])
        .output()
        .map_err(|e| format!("running synth: {e}"))?;
    if output.status.code() != Some(3) {
        return Err(format!(
            "synth diff --format html exited {:?}: {}",
            output.status.code(),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let page = work.join("diff.html");
    std::fs::write(&page, &output.stdout).map_err(|e| e.to_string())?;
    let screenshot = work.join("diff.png");
    let chromium = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--window-size=2400,1600",
        ])
        .arg(format!(
            "--user-data-dir={}",
            work.join("profile").display()
        ))
        .arg(format!("--screenshot={}", screenshot.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .map_err(|e| format!("running chromium: {e} (apt-get install chromium)"))?;
    if !screenshot.exists() {
        return Err(format!(
            "chromium wrote no screenshot: {}",
            String::from_utf8_lossy(&chromium.stderr)
        ));
    }
    let pixels = decode(&screenshot)?;
    let mut missing = Vec::new();
    for (grade, colour) in EXPECTED {
        let count = pixels.chunks(3).filter(|p| *p == colour).count();
        // A box's fill is hundreds of pixels; a legend swatch alone ~300.
        if count < 1000 {
            missing.push(format!(
                "{grade} (#{:02x}{:02x}{:02x}: {count} pixels)",
                colour[0], colour[1], colour[2]
            ));
        }
    }
    if !missing.is_empty() {
        return Err(format!(
            "the rendered page lacks the colours of: {}",
            missing.join(", ")
        ));
    }
    eprintln!(
        "html-check: the diff page rendered in Chromium with the colours of {}",
        EXPECTED.map(|(g, _)| g).join(", ")
    );
    Ok(())
}

/// `text` without the resource `id` (its key line and the lines indented
/// under it).
fn remove_resource(text: &str, id: &str) -> Result<String, String> {
    let key = format!("  {id}:");
    let mut out = String::new();
    let mut skipping = false;
    let mut found = false;
    for line in text.lines() {
        if line == key {
            skipping = true;
            found = true;
            continue;
        }
        if skipping && (line.starts_with("    ") || line.is_empty()) {
            continue;
        }
        skipping = false;
        out.push_str(line);
        out.push('\n');
    }
    if !found {
        return Err(format!("the tenant snapshot has no resource {id}"));
    }
    Ok(out)
}

/// The RGB bytes of a PNG.
fn decode(path: &Path) -> Result<Vec<u8>, String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut decoder = png::Decoder::new(std::io::BufReader::new(file));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder
        .read_info()
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let mut buffer = vec![0; reader.output_buffer_size()];
    let info = reader
        .next_frame(&mut buffer)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let bytes = &buffer[..info.buffer_size()];
    let channels = info.color_type.samples();
    Ok(bytes
        .chunks(channels)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_resource_and_its_lines_are_removed() {
        let text =
            "Resources:\n  A:\n    Type: X\n    Properties:\n      P: 1\n  B:\n    Type: Y\n";
        assert_eq!(
            remove_resource(text, "A").unwrap(),
            "Resources:\n  B:\n    Type: Y\n"
        );
        assert!(remove_resource(text, "C").is_err());
    }
}
