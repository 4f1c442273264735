//! `--out-dir DIR`: one NDJSON file per input, mirroring the input tree.
//!
//! Three promises, each tested:
//!
//! - **Never a half file that looks whole.** Records go to a hidden temporary
//!   file beside the target (`.name.ndjson.partial`), renamed over the target
//!   only when the input is complete. A run killed with SIGKILL leaves at most
//!   a `.partial` file, which the next run replaces.
//! - **Re-runs do only what is missing.** An input whose output is newer than
//!   the input is skipped (unless `--force`); a killed run started again ends
//!   with exactly the files an uninterrupted run writes.
//! - **Nothing outside DIR.** The output path is built from the input path's
//!   normal components only: a root or drive prefix is dropped, `.` is dropped,
//!   `..` becomes a directory named `__`. Inside DIR no existing symbolic link
//!   is followed: a link where a directory or the temporary file would go is
//!   an error for that input, and the final rename replaces a link rather than
//!   writing through it.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use crate::source::{Input, InputKind};

/// `p` as a relative path that cannot leave the directory it is joined to:
/// roots dropped, `..` becomes `__`.
fn inside(p: &Path) -> PathBuf {
    let mut rel = PathBuf::new();
    for comp in p.components() {
        match comp {
            Component::Normal(c) => rel.push(c),
            Component::ParentDir => rel.push("__"),
            Component::CurDir | Component::RootDir | Component::Prefix(_) => {}
        }
    }
    if rel.as_os_str().is_empty() {
        rel.push("input");
    }
    rel
}

/// Where `input`'s records go under `dir`: `a/b.txt` -> `dir/a/b.txt.ndjson`.
pub fn output_path(dir: &Path, input: &Input) -> PathBuf {
    let rel = match &input.kind {
        InputKind::Stdin => PathBuf::from("stdin"),
        InputKind::Bytes(_) => inside(Path::new(&*input.name)),
        InputKind::File(p) => inside(p),
    };
    let mut name = rel.file_name().unwrap_or_default().to_os_string();
    name.push(".ndjson");
    dir.join(rel.with_file_name(name))
}

/// Is the output at `out` newer than the input (so a re-run can skip it)?
pub fn up_to_date(input: &Input, out: &Path) -> bool {
    let InputKind::File(src) = &input.kind else {
        return false;
    };
    let (Ok(o), Ok(i)) = (fs::symlink_metadata(out), fs::metadata(src)) else {
        return false;
    };
    if !o.file_type().is_file() {
        return false;
    }
    match (o.modified(), i.modified()) {
        (Ok(om), Ok(im)) => om >= im,
        _ => false,
    }
}

/// An output being written: the temporary file and where it goes when done.
pub struct OutFile {
    tmp: PathBuf,
    target: PathBuf,
    file: File,
    pub bytes: u64,
}

impl OutFile {
    /// Create the temporary file for `target` (inside `dir`), making the
    /// directories on the way without following any symbolic link.
    pub fn create(dir: &Path, target: &Path) -> io::Result<OutFile> {
        let rel = target.strip_prefix(dir).map_err(|_| {
            io::Error::other(format!(
                "{} is not inside {}",
                target.display(),
                dir.display()
            ))
        })?;
        fs::create_dir_all(dir)?;
        let mut at = dir.to_path_buf();
        let parts: Vec<Component> = rel.components().collect();
        for comp in &parts[..parts.len().saturating_sub(1)] {
            at.push(comp);
            match fs::symlink_metadata(&at) {
                Ok(m) if m.file_type().is_symlink() => {
                    return Err(io::Error::other(format!(
                        "refusing to write through the symbolic link {}",
                        at.display()
                    )));
                }
                Ok(m) if m.is_dir() => {}
                Ok(_) => {
                    return Err(io::Error::other(format!(
                        "{} exists and is not a directory",
                        at.display()
                    )));
                }
                Err(e) if e.kind() == io::ErrorKind::NotFound => fs::create_dir(&at)?,
                Err(e) => return Err(e),
            }
        }
        let name = target
            .file_name()
            .ok_or_else(|| io::Error::other("empty output name"))?;
        let mut tmp_name = std::ffi::OsString::from(".");
        tmp_name.push(name);
        tmp_name.push(".partial");
        let tmp = target.with_file_name(tmp_name);
        // a leftover from a killed run (or a planted link): remove the entry
        // itself, then create exclusively so nothing is followed
        match fs::symlink_metadata(&tmp) {
            Ok(m) if m.is_dir() => {
                return Err(io::Error::other(format!(
                    "{} is a directory",
                    tmp.display()
                )));
            }
            Ok(_) => fs::remove_file(&tmp)?,
            Err(_) => {}
        }
        let file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        Ok(OutFile {
            tmp,
            target: target.to_path_buf(),
            file,
            bytes: 0,
        })
    }

    pub fn write(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.file.write_all(bytes)?;
        self.bytes += bytes.len() as u64;
        Ok(())
    }

    /// The input is complete: move the file into place.
    pub fn commit(self) -> io::Result<PathBuf> {
        drop(self.file);
        if fs::symlink_metadata(&self.target).is_ok_and(|m| m.is_dir()) {
            let _ = fs::remove_file(&self.tmp);
            return Err(io::Error::other(format!(
                "{} is a directory",
                self.target.display()
            )));
        }
        fs::rename(&self.tmp, &self.target)?;
        Ok(self.target)
    }

    /// The input failed: leave nothing behind.
    pub fn abandon(self) {
        drop(self.file);
        let _ = fs::remove_file(&self.tmp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn input(p: &str) -> Input {
        Input {
            index: 0,
            name: Arc::from(p),
            kind: InputKind::File(PathBuf::from(p)),
            relative: PathBuf::from(p),
            size: 0,
        }
    }

    #[test]
    fn paths_stay_inside() {
        let d = Path::new("/out");
        assert_eq!(
            output_path(d, &input("a/b.txt")),
            Path::new("/out/a/b.txt.ndjson")
        );
        assert_eq!(
            output_path(d, &input("/abs/x.vtt")),
            Path::new("/out/abs/x.vtt.ndjson")
        );
        assert_eq!(
            output_path(d, &input("../../etc/passwd")),
            Path::new("/out/__/__/etc/passwd.ndjson")
        );
        assert_eq!(
            output_path(d, &input("./a/./b.txt")),
            Path::new("/out/a/b.txt.ndjson")
        );
        assert_eq!(
            output_path(d, &Input::stdin(0)),
            Path::new("/out/stdin.ndjson")
        );
    }

    #[test]
    fn temp_then_rename_and_no_symlink_following() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("out");
        let target = dir.join("a/b.txt.ndjson");
        let mut f = OutFile::create(&dir, &target).unwrap();
        f.write(b"{}\n").unwrap();
        assert!(!target.exists(), "not visible before commit");
        assert!(dir.join("a/.b.txt.ndjson.partial").exists());
        f.commit().unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"{}\n");
        assert!(!dir.join("a/.b.txt.ndjson.partial").exists());

        // a symlinked directory inside DIR is refused
        let elsewhere = tmp.path().join("elsewhere");
        fs::create_dir(&elsewhere).unwrap();
        std::os::unix::fs::symlink(&elsewhere, dir.join("evil")).unwrap();
        let err = OutFile::create(&dir, &dir.join("evil/x.ndjson"))
            .err()
            .unwrap();
        assert!(err.to_string().contains("symbolic link"), "{err}");
        assert_eq!(fs::read_dir(&elsewhere).unwrap().count(), 0);

        // a symlink planted at the target is replaced, its target untouched
        let victim = tmp.path().join("victim");
        fs::write(&victim, b"keep").unwrap();
        std::os::unix::fs::symlink(&victim, dir.join("c.ndjson")).unwrap();
        let mut f = OutFile::create(&dir, &dir.join("c.ndjson")).unwrap();
        f.write(b"new\n").unwrap();
        f.commit().unwrap();
        assert_eq!(fs::read(&victim).unwrap(), b"keep");
        assert!(
            !fs::symlink_metadata(dir.join("c.ndjson"))
                .unwrap()
                .file_type()
                .is_symlink()
        );

        // abandon leaves nothing
        let f = OutFile::create(&dir, &dir.join("d.ndjson")).unwrap();
        f.abandon();
        assert!(!dir.join(".d.ndjson.partial").exists());
        assert!(!dir.join("d.ndjson").exists());
    }
}
