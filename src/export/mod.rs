//! Export: the laid-out document as PDF, EPUB and web editions (written by `files`).

pub mod epub;
pub mod html;
pub mod markup;
pub mod pdf;
pub mod print;
pub mod typst_project;
