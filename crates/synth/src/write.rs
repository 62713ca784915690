//! Writing finished output: all of it or nothing.

use std::io::Write;
use std::path::{Path, PathBuf};

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

/// Writes `text` to `path` through a temporary file beside it, renamed into
/// place, so a reader never sees a partial file.
///
/// Only a regular file is ever replaced: a directory, named pipe, socket or
/// device at `path` is refused and left alone. A symlink is followed: the
/// file it points to is replaced (atomically, the temporary file beside
/// it), and the link stays. An existing file keeps its permissions.
pub fn to_file(text: &str, path: &Path) -> Result<(), String> {
    let target = writable_target(path)?;
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let file_name = target
        .file_name()
        .ok_or_else(|| format!("{} is not a file path", path.display()))?;
    let temp = dir.join(format!(
        ".{}.{}.tmp",
        file_name.to_string_lossy(),
        std::process::id()
    ));
    let permissions = std::fs::metadata(&target).ok().map(|m| m.permissions());
    let result = std::fs::write(&temp, text)
        .and_then(|()| match permissions {
            Some(permissions) => std::fs::set_permissions(&temp, permissions),
            None => Ok(()),
        })
        .and_then(|()| std::fs::rename(&temp, &target));
    if let Err(e) = result {
        let _ = std::fs::remove_file(&temp);
        return Err(format!("writing {}: {e}", path.display()));
    }
    Ok(())
}

/// The file `-o path` replaces: `path` itself, or what a symlink at it
/// points to; an error when that exists and is not a regular file.
fn writable_target(path: &Path) -> Result<PathBuf, String> {
    let mut target = path.to_path_buf();
    // Follow links one at a time, so a relative link resolves against its
    // own directory; a loop ends in the kernel's own error below.
    for _ in 0..40 {
        match std::fs::symlink_metadata(&target) {
            Ok(metadata) if metadata.file_type().is_symlink() => {
                let link = std::fs::read_link(&target)
                    .map_err(|e| format!("{}: cannot follow the link: {e}", path.display()))?;
                target = match target.parent() {
                    Some(dir) if link.is_relative() => dir.join(link),
                    _ => link,
                };
            }
            Ok(metadata) if metadata.is_file() => return Ok(target),
            Ok(metadata) => {
                return Err(format!(
                    "{} is {}, not a regular file; refusing to replace it",
                    path.display(),
                    yaml::file_kind(&metadata)
                ))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(target),
            Err(e) => return Err(format!("{}: {e}", path.display())),
        }
    }
    Err(format!(
        "{}: too many levels of symbolic links",
        path.display()
    ))
}
