//! Reading files safely: only regular files (a FIFO would block the walk forever, a
//! device would never end), binary files recognised from their first block without
//! reading the rest, a size limit, and memory about the size of the text.
//!
//! Every file ally opens goes through [`open_regular`]: files to check, ignore files,
//! rule packs and configuration files alike.

use std::borrow::Cow;
use std::fs::{File, Metadata};
use std::io::{self, Read};
use std::path::Path;

use ally_core::BINARY_SNIFF_LEN;

/// Files larger than this are left out of a walk unless configured otherwise.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 << 20;

/// Why a path could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// Not a regular file (after following links): what it is instead.
    NotRegular(&'static str),
    /// Larger than a limit: its size and the limit.
    TooLarge {
        /// The file's size in bytes.
        size: u64,
        /// The limit it is over.
        limit: u64,
    },
    /// The file system said no.
    Io(io::Error),
}

impl ReadError {
    /// The error as a short phrase (without the path).
    pub fn describe(&self) -> String {
        match self {
            ReadError::NotRegular(kind) => format!("not a regular file ({kind}): not read"),
            ReadError::TooLarge { size, limit } => format!(
                "{} is larger than the limit of {}",
                human_size(*size),
                human_size(*limit)
            ),
            ReadError::Io(err) => describe_io_error(err),
        }
    }
}

impl From<io::Error> for ReadError {
    fn from(err: io::Error) -> Self {
        ReadError::Io(err)
    }
}

/// An I/O error as a short phrase.
pub fn describe_io_error(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::NotFound => "no such file or folder".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        io::ErrorKind::IsADirectory => "a folder, not a file".to_owned(),
        _ => err.to_string(),
    }
}

/// A size for people: `64 MB`, `1.5 GB`, `300 bytes` (binary multiples).
pub fn human_size(bytes: u64) -> String {
    const UNITS: [(&str, u64); 3] = [("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)];
    for (unit, size) in UNITS {
        if bytes >= size {
            let whole = bytes / size;
            let tenths = (bytes % size) * 10 / size;
            return if tenths == 0 || whole >= 10 {
                format!("{whole} {unit}")
            } else {
                format!("{whole}.{tenths} {unit}")
            };
        }
    }
    if bytes == 1 {
        "1 byte".to_owned()
    } else {
        format!("{bytes} bytes")
    }
}

/// Parses a size written in a configuration or on the command line: a number of
/// bytes, or a number with `K`, `KB`, `KiB`, `M`, `MB`, `MiB`, `G`, `GB` or `GiB`
/// (binary multiples; case and a space before the unit do not matter).
pub fn parse_size(text: &str) -> Option<u64> {
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let multiple: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" | "bytes" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        _ => return None,
    };
    if number.contains('.') {
        let value: f64 = number.parse().ok()?;
        let bytes = value * multiple as f64;
        (bytes.is_finite() && bytes >= 0.0 && bytes < u64::MAX as f64).then_some(bytes as u64)
    } else {
        number.parse::<u64>().ok()?.checked_mul(multiple)
    }
}

/// What a file is, when it is not a regular file.
#[cfg(unix)]
fn special_kind(meta: &Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let kind = meta.file_type();
    if kind.is_dir() {
        "a folder"
    } else if kind.is_fifo() {
        "a FIFO"
    } else if kind.is_char_device() {
        "a character device"
    } else if kind.is_block_device() {
        "a block device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "not a file"
    }
}

#[cfg(not(unix))]
fn special_kind(meta: &Metadata) -> &'static str {
    if meta.is_dir() {
        "a folder"
    } else {
        "not a file"
    }
}

/// Opens `path` for reading if it is a regular file (links are followed). The file is
/// looked at first (opening some devices has effects of its own), opened without
/// waiting (a FIFO that no one writes to would block an ordinary open forever), then
/// checked again: what was opened is what is read.
pub fn open_regular(path: &Path) -> Result<(File, Metadata), ReadError> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(special_kind(&meta)));
    }
    open_checked(path)
}

/// Opens a file the walk saw as a regular file (a directory entry's type, links not
/// followed), checking after the open that it still is one.
fn open_checked(path: &Path) -> Result<(File, Metadata), ReadError> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    // The path may have been replaced since it was looked at.
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(special_kind(&meta)));
    }
    Ok((file, meta))
}

/// Reads from `file` into `buffer[*filled..until]` until it is full or the file ends;
/// true when the file ended (a read came back short). The buffer only grows (its
/// bytes are zeroed once, when it grows, not for every file).
fn read_up_to(
    file: &mut File,
    buffer: &mut Vec<u8>,
    filled: &mut usize,
    until: usize,
) -> io::Result<bool> {
    if buffer.len() < until {
        buffer.resize(until, 0);
    }
    while *filled < until {
        match file.read(&mut buffer[*filled..until]) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
            Ok(read) => {
                let wanted = until - *filled;
                *filled += read;
                if read < wanted {
                    // A regular file reads short only at its end.
                    return Ok(true);
                }
            }
        }
    }
    Ok(false)
}

/// Reads a small regular file whole, such as an ignore file, a rule pack or a
/// configuration: at most `limit` bytes, else [`ReadError::TooLarge`].
pub fn read_small_file(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let (file, meta) = open_regular(path)?;
    if meta.len() > limit {
        return Err(ReadError::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        // It grew while it was read.
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// A file's text, or why there is none to check.
#[derive(Debug)]
pub enum FileText<'a> {
    /// The decoded text and the file's size in bytes.
    Text(Cow<'a, str>, u64),
    /// A NUL byte in the first block, and no UTF-16 byte-order mark.
    Binary,
}

/// Reads files to check, one after another, reusing one buffer.
#[derive(Debug, Default)]
pub struct FileReader {
    /// Bytes read; only `buffer[..filled]` is the current file's.
    buffer: Vec<u8>,
    filled: usize,
}

impl FileReader {
    /// Reads and decodes the file at `path`. With a `limit`, a larger file is
    /// [`ReadError::TooLarge`] and is not read. A binary file is recognised from its
    /// first block and not read further. The text of a valid UTF-8 file is the
    /// buffer's bytes, not a copy; other encodings are decoded as they are read, so
    /// memory stays about the size of the text.
    ///
    /// `walked` says the path is a regular file as the walk saw it (links not
    /// followed), so it is opened without looking first: a file costs one `open`, one
    /// `fstat` and one `read` when it is small.
    pub fn read(
        &mut self,
        path: &Path,
        limit: Option<u64>,
        walked: bool,
    ) -> Result<FileText<'_>, ReadError> {
        // One-off large buffers are not kept for the rest of a walk.
        if self.buffer.len() > 16 << 20 {
            self.buffer = Vec::new();
        }
        let (mut file, meta) = if walked {
            open_checked(path)?
        } else {
            open_regular(path)?
        };
        let size = meta.len();
        if let Some(limit) = limit.filter(|&limit| size > limit) {
            return Err(ReadError::TooLarge { size, limit });
        }
        let (buffer, filled) = (&mut self.buffer, &mut self.filled);
        *filled = 0;
        // The first read takes a small file whole (and one byte more, to see its end),
        // a large one's first block, to tell binary files without reading them.
        let whole = usize::try_from(size)
            .unwrap_or(usize::MAX)
            .saturating_add(1);
        let first = whole.clamp(BINARY_SNIFF_LEN, 64 << 10);
        let mut ended = read_up_to(&mut file, buffer, filled, first)?;
        let head = &buffer[..*filled];
        let utf16 = if head.starts_with(b"\xFF\xFE") {
            Some(encoding_rs::UTF_16LE)
        } else if head.starts_with(b"\xFE\xFF") {
            Some(encoding_rs::UTF_16BE)
        } else {
            None
        };
        if let Some(encoding) = utf16 {
            let text = stream_decode(encoding, &head[2..], &mut file, size)?;
            return Ok(FileText::Text(Cow::Owned(text), size));
        }
        // A NUL in the first block; or a PDF (an Illustrator `.ai` is one), whose
        // compressed streams can go a long way without a NUL.
        if memchr::memchr(0, &head[..head.len().min(BINARY_SNIFF_LEN)]).is_some()
            || head.starts_with(b"%PDF-")
        {
            return Ok(FileText::Binary);
        }
        if !ended {
            // Room for the rest as the file system counts it, and one byte to see the
            // end: the buffer grows once, exactly, not by doubling.
            if buffer.len() < whole {
                buffer.reserve_exact(whole - buffer.len());
            }
            ended = read_up_to(&mut file, buffer, filled, whole)?;
        }
        while !ended {
            // It grew since it was looked at.
            let more = *filled + (64 << 10);
            ended = read_up_to(&mut file, buffer, filled, more)?;
        }
        let bytes = &self.buffer[..self.filled];
        let read = bytes.len() as u64;
        let bom = bytes.starts_with(b"\xEF\xBB\xBF");
        let body = if bom { 3 } else { 0 };
        // Valid UTF-8 is borrowed from the buffer (`from_utf8` checks ASCII a word at
        // a time, several times faster than the lossy decoder); invalid bytes are
        // replaced in a copy, so such a file is held twice while it is checked.
        let bytes = &bytes[body..];
        Ok(match std::str::from_utf8(bytes) {
            Ok(text) => FileText::Text(Cow::Borrowed(text), read),
            Err(_) => FileText::Text(String::from_utf8_lossy(bytes), read),
        })
    }
}

/// Decodes `head` and then the rest of `file` with `encoding`, replacing what is
/// invalid with U+FFFD, a block at a time. `size` is the file's size, for the first
/// allocation.
fn stream_decode(
    encoding: &'static encoding_rs::Encoding,
    head: &[u8],
    file: &mut File,
    size: u64,
) -> io::Result<String> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut text = String::new();
    let first = decoder
        .max_utf8_buffer_length(size as usize)
        .unwrap_or(size as usize);
    // UTF-8 text is about as long as the file; UTF-16 at most one and a half times.
    text.reserve_exact(first.min(size as usize * 3 / 2 + 16));
    let mut block = vec![0u8; 64 * 1024];
    let mut pending: Vec<u8> = head.to_vec();
    loop {
        let read = file.read(&mut block)?;
        let last = read == 0;
        pending.extend_from_slice(&block[..read]);
        let mut from = 0;
        loop {
            let needed = decoder
                .max_utf8_buffer_length(pending.len() - from)
                .unwrap_or(usize::MAX / 2);
            if text.capacity() - text.len() < needed {
                text.reserve_exact(needed);
            }
            let (result, consumed, _) = decoder.decode_to_string(&pending[from..], &mut text, last);
            from += consumed;
            if result == encoding_rs::CoderResult::InputEmpty {
                break;
            }
        }
        pending.clear();
        if last {
            return Ok(text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_and_print() {
        let table = [
            ("64MB", Some(64 << 20)),
            ("64 mb", Some(64 << 20)),
            ("1.5G", Some(3 << 29)),
            ("512", Some(512)),
            ("10 KiB", Some(10 << 10)),
            ("ten", None),
            ("5 parsecs", None),
            ("", None),
        ];
        for (text, want) in table {
            assert_eq!(parse_size(text), want, "{text}");
        }
        assert_eq!(human_size(64 << 20), "64 MB");
        assert_eq!(human_size(3 << 29), "1.5 GB");
        assert_eq!(human_size(300), "300 bytes");
    }

    fn read(bytes: &[u8]) -> String {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        std::fs::write(&path, bytes).unwrap();
        match FileReader::default().read(&path, None, false).unwrap() {
            FileText::Text(text, size) => {
                assert_eq!(size, bytes.len() as u64);
                text.into_owned()
            }
            FileText::Binary => panic!("binary"),
        }
    }

    /// Files decode as the in-memory decoder decodes the same bytes, in every encoding,
    /// with invalid bytes across the reader's block boundaries too.
    #[test]
    fn files_decode_as_bytes_do() {
        let mut long_invalid = "é".repeat(40_000).into_bytes();
        long_invalid.insert(65_535, 0xFF);
        long_invalid.extend_from_slice(b"\xE2\x82");
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(
            "hé\r\n😀"
                .repeat(30_000)
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        );
        let mut utf16be = vec![0xFE, 0xFF];
        utf16be.extend("x\u{D7FF}".encode_utf16().flat_map(u16::to_be_bytes));
        utf16be.push(0xD8); // half a unit at the end
        let cases: Vec<Vec<u8>> = vec![
            b"plain".to_vec(),
            b"\xEF\xBB\xBFwith bom".to_vec(),
            b"\xEF\xBB\xBFbom and \xFF invalid".to_vec(),
            b"caf\xe9 x".to_vec(),
            long_invalid,
            utf16,
            utf16be,
            Vec::new(),
        ];
        for bytes in cases {
            let ally_core::Decoded::Text(want, _) = ally_core::decode(&bytes) else {
                panic!("binary")
            };
            assert_eq!(read(&bytes), want, "{:?}", &bytes[..bytes.len().min(20)]);
        }
    }

    #[test]
    fn binary_files_limits_and_special_files() {
        let dir = tempfile::tempdir().unwrap();
        let binary = dir.path().join("b");
        std::fs::write(&binary, b"ELF\0\0\0").unwrap();
        let mut reader = FileReader::default();
        assert!(matches!(
            reader.read(&binary, None, false),
            Ok(FileText::Binary)
        ));
        let big = dir.path().join("big");
        std::fs::write(&big, vec![b'a'; 2000]).unwrap();
        assert!(matches!(
            reader.read(&big, Some(1000), true),
            Err(ReadError::TooLarge {
                size: 2000,
                limit: 1000
            })
        ));
        assert!(matches!(
            read_small_file(&big, 1000),
            Err(ReadError::TooLarge { .. })
        ));
        assert!(matches!(
            reader.read(dir.path(), None, false),
            Err(ReadError::NotRegular("a folder"))
        ));
        #[cfg(unix)]
        {
            assert!(matches!(
                reader.read(Path::new("/dev/zero"), None, false),
                Err(ReadError::NotRegular("a character device"))
            ));
            let fifo = dir.path().join("fifo");
            let made = std::process::Command::new("mkfifo").arg(&fifo).status();
            if made.is_ok_and(|s| s.success()) {
                assert!(matches!(
                    reader.read(&fifo, None, true),
                    Err(ReadError::NotRegular("a FIFO"))
                ));
                assert!(matches!(
                    read_small_file(&fifo, 100),
                    Err(ReadError::NotRegular("a FIFO"))
                ));
            }
        }
    }
}
