//! Reading what a user gives a command: one regular file or standard
//! input, never more than [`MAX_INPUT_BYTES`].
//!
//! Every file any verb reads (configs, fleet files, templates, outputs
//! files) comes through here, so `--config /dev/urandom`, a named pipe that
//! never ends or a 2 GB file is refused at once, before anything is read,
//! instead of filling memory.

use std::fmt;
use std::fs::File;
use std::io::Read;
use std::path::Path;

/// The largest input any command reads: 16 MiB, sixteen times
/// CloudFormation's largest template (1 MB), so no real input comes near.
pub const MAX_INPUT_BYTES: u64 = 16 * 1024 * 1024;

/// Why an input was not read: a short sentence, without the path (the
/// caller names the input).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError(pub String);

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for InputError {}

/// The text of the regular file at `path` (a symlink is followed), refused
/// when it is anything else (a directory, a FIFO, a device), larger than
/// [`MAX_INPUT_BYTES`] or not UTF-8.
pub fn read_file(path: &Path) -> Result<String, InputError> {
    let metadata =
        std::fs::metadata(path).map_err(|e| InputError(format!("cannot read the file: {e}")))?;
    if !metadata.is_file() {
        return Err(InputError(format!(
            "is {}, not a regular file",
            file_kind(&metadata)
        )));
    }
    if metadata.len() > MAX_INPUT_BYTES {
        return Err(too_large(metadata.len()));
    }
    let file = File::open(path).map_err(|e| InputError(format!("cannot read the file: {e}")))?;
    read_bounded(file)
}

/// All of `reader` (standard input), refused past [`MAX_INPUT_BYTES`]
/// without reading further.
pub fn read_bounded(reader: impl Read) -> Result<String, InputError> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| InputError(format!("cannot read: {e}")))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(InputError(format!(
            "is larger than the {} MiB limit",
            MAX_INPUT_BYTES / (1024 * 1024)
        )));
    }
    String::from_utf8(bytes).map_err(|e| {
        InputError(format!(
            "is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// `text` on one line and cut to at most `max` characters, marked `...`
/// when cut: a value an error quotes (a 100 KB tenant name, a document
/// refused as a whole) must not drown the message it belongs to.
pub fn excerpt(text: &str, max: usize) -> String {
    let one_line: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if one_line.chars().count() <= max {
        one_line
    } else {
        let cut: String = one_line.chars().take(max).collect();
        format!("{cut}...")
    }
}

fn too_large(len: u64) -> InputError {
    InputError(format!(
        "is {len} bytes, larger than the {} MiB limit",
        MAX_INPUT_BYTES / (1024 * 1024)
    ))
}

/// What a file that is not a regular file is, in words ("a named pipe"),
/// for every error that refuses one, read or written.
pub fn file_kind(metadata: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let file_type = metadata.file_type();
        if file_type.is_fifo() {
            return "a named pipe";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
    }
    if metadata.is_dir() {
        "a directory"
    } else {
        "not a regular file"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("yaml-input-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_regular_file_is_read() {
        let dir = temp_dir("regular");
        std::fs::write(dir.join("a.yaml"), "a: 1\n").unwrap();
        assert_eq!(read_file(&dir.join("a.yaml")).unwrap(), "a: 1\n");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn devices_directories_and_missing_files_are_refused() {
        let error = read_file(Path::new("/dev/zero")).unwrap_err();
        assert_eq!(error.0, "is a device, not a regular file");
        let error = read_file(Path::new("/")).unwrap_err();
        assert_eq!(error.0, "is a directory, not a regular file");
        let error = read_file(Path::new("/no/such/file")).unwrap_err();
        assert!(error.0.starts_with("cannot read the file:"), "{error}");
    }

    #[test]
    fn a_named_pipe_is_refused_without_waiting_for_a_writer() {
        let dir = temp_dir("fifo");
        let path = dir.join("pipe");
        let made = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .unwrap();
        assert!(made.success());
        let error = read_file(&path).unwrap_err();
        assert_eq!(error.0, "is a named pipe, not a regular file");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_file_over_the_limit_is_refused_unread() {
        let dir = temp_dir("large");
        let path = dir.join("huge.yaml");
        // Sparse: 2 GB that take no disk and would take 2 GB of memory.
        File::create(&path).unwrap().set_len(2 << 30).unwrap();
        let error = read_file(&path).unwrap_err();
        assert_eq!(error.0, "is 2147483648 bytes, larger than the 16 MiB limit");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_stream_is_cut_off_at_the_limit() {
        let endless = std::io::repeat(b'a');
        let error = read_bounded(endless).unwrap_err();
        assert_eq!(error.0, "is larger than the 16 MiB limit");
        let error = read_bounded(&[0xff, 0xfe][..]).unwrap_err();
        assert_eq!(error.0, "is not UTF-8 text (invalid byte at offset 0)");
    }
}
