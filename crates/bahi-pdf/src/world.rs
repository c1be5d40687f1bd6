//! The typst `World` a render sees: our fonts, one template and the files of one document
//! (its data as JSON, its logo). Nothing is read from disk or the network.

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::fonts;

static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// A path of the virtual project. File ids are interned for the life of the process, so only
/// a fixed handful of paths is ever used.
pub(crate) fn file_id(path: &str) -> Option<FileId> {
    VirtualPath::new(path)
        .ok()
        .map(|p| RootedPath::new(VirtualRoot::Project, p).intern())
}

/// A template (the first source) with the sources it imports and the files it reads.
pub(crate) struct Sheet {
    sources: Vec<Source>,
    files: Vec<(FileId, Bytes)>,
}

impl Sheet {
    pub(crate) fn new(main: Source, imports: &[Source], files: Vec<(FileId, Bytes)>) -> Self {
        let mut sources = vec![main];
        sources.extend_from_slice(imports);
        Self { sources, files }
    }
}

impl World for Sheet {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &fonts::BOOK
    }

    fn main(&self) -> FileId {
        self.sources[0].id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.sources
            .iter()
            .find(|s| s.id() == id)
            .cloned()
            .ok_or(FileError::NotSource)
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if let Some(s) = self.sources.iter().find(|s| s.id() == id) {
            return Ok(Bytes::from_string(s.text().to_owned()));
        }
        self.files
            .iter()
            .find(|(f, _)| *f == id)
            .map(|(_, bytes)| bytes.clone())
            .ok_or_else(|| FileError::NotFound(id.vpath().get_with_slash().into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        fonts::FONTS.get(index).cloned()
    }

    // Documents print the dates they are given; the clock is never read.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}
