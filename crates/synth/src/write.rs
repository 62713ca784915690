//! Writing finished output: all of it or nothing.

use std::io::Write;
use std::path::Path;

/// Writes `text` to `path` atomically ([`to_file`]), or to `out` (standard
/// output) when no path is given.
pub fn to_stdout_or_file(
    text: &str,
    path: Option<&Path>,
    out: &mut dyn Write,
) -> Result<(), String> {
    match path {
        Some(path) => to_file(text, path),
        None => out
            .write_all(text.as_bytes())
            .and_then(|()| out.flush())
            .map_err(|e| format!("writing to standard output: {e}")),
    }
}

/// Writes `text` to `path` through a temporary file in the same directory
/// renamed into place, so a reader never sees a partial file.
pub fn to_file(text: &str, path: &Path) -> Result<(), String> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let file_name = path
        .file_name()
        .ok_or_else(|| format!("{} is not a file path", path.display()))?;
    let temp = dir.join(format!(
        ".{}.{}.tmp",
        file_name.to_string_lossy(),
        std::process::id()
    ));
    let result = std::fs::write(&temp, text).and_then(|()| std::fs::rename(&temp, path));
    if let Err(e) = result {
        let _ = std::fs::remove_file(&temp);
        return Err(format!("writing {}: {e}", path.display()));
    }
    Ok(())
}
