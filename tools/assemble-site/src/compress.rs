//! Brotli and gzip copies made at build time, so the server adopts them instead of
//! compressing the site on every start.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::Error;

/// Writes `<file>.br` and `<file>.gz` beside every file under `site`.
pub fn every_file(site: &Path) -> Result<(), Error> {
    let mut files = Vec::new();
    gather(site, &mut files)?;
    files.par_iter().try_for_each(|file| {
        let bytes = fs::read(file).map_err(Error::io(file))?;
        write(file, "br", &brotli(&bytes))?;
        write(file, "gz", &gzip(&bytes))
    })
}

fn gather(folder: &Path, files: &mut Vec<PathBuf>) -> Result<(), Error> {
    for entry in fs::read_dir(folder).map_err(Error::io(folder))? {
        let path = entry.map_err(Error::io(folder))?.path();
        if path.is_dir() {
            gather(&path, files)?;
        } else {
            files.push(path);
        }
    }
    Ok(())
}

fn write(file: &Path, extension: &str, bytes: &[u8]) -> Result<(), Error> {
    let mut name = file.as_os_str().to_owned();
    name.push(".");
    name.push(extension);
    let path = PathBuf::from(name);
    fs::write(&path, bytes).map_err(Error::io(&path))
}

/// Brotli at its best quality: made once, served on every first visit.
fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() / 3);
    let mut writer = brotli::CompressorWriter::new(&mut out, 64 << 10, 11, 22);
    // Writing into a Vec does not fail.
    let _ = writer.write_all(bytes);
    drop(writer);
    out
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}
