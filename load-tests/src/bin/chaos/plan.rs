//! The workload (a seeded list of uploads of six kinds) and what each must end as. The expected
//! outcome of every file is worked out here, before the run, by the same library code the worker
//! runs: the content sniff, then the image pipeline with the default presets — so "ready with
//! these variant bytes" and "failed with this reason" are predictions the run has to meet.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use anyhow::Context as _;
use carcosa_common::domain::ContentType;
use carcosa_common::sniff::{SNIFF_LEN, matches_declared};
use carcosa_common::transform::{TransformPolicy, is_renderable};
use carcosa_worker::imaging::{self, Limits};
use rand::Rng as _;
use rand::rngs::StdRng;
use sha2::{Digest as _, Sha256};

/// Real images from the shared corpus: JPEGs (EXIF-rotated, CMYK, progressive, grayscale,
/// large) and one each of PNG, WebP and GIF.
pub const IMAGES: &[&str] = &[
    "real/progressive_android_685x999.jpg",
    "real/exif_orient6_portrait.jpg",
    "real/exif_orient8_landscape.jpg",
    "real/cmyk_icc_500x333.jpg",
    "real/photo_grayscale_3264x2448.jpg",
    "real/photo_flickr_2725x2225.jpg",
    "real/png_rgb_photo_800x533.png",
    "real/webp_lossy_1024x772.webp",
    "real/gif_static_800x533.gif",
];

/// Hostile files the pipeline answers quickly: a wrong type, truncations, bombs declared in a
/// header, polyglots, a valid PNG named `.jpg`.
pub const HOSTILE: &[&str] = &[
    "hostile/generated/text_renamed.jpg",
    "hostile/generated/html_renamed.png",
    "hostile/generated/magic_only.png",
    "hostile/generated/png_bomb_header_50000x50000_rgba.png",
    "hostile/generated/jpeg_sof_65500x65500.jpg",
    "hostile/generated/jpeg_truncated_half.jpg",
    "hostile/generated/polyglot_jpeg_zip.jpg",
    "hostile/generated/png_named.jpg",
    "hostile/generated/webp_truncated.webp",
    "hostile/generated/gif_truncated.gif",
    "hostile/fetched/pillow_truncated_jpeg.jpg",
];

/// What an upload does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A real image: presign, PUT, complete.
    Image,
    /// A non-image file (a CSV export).
    Other,
    /// A hostile file.
    Hostile,
    /// Presigned, never PUT.
    AbandonedBeforePut,
    /// PUT, never completed.
    AbandonedAfterPut,
    /// A real image, deleted as soon as it is ready.
    DeletedAfterReady,
}

/// What a file must end as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// `ready`, with these variants (canonical transform → sha256, size).
    Ready { variants: BTreeMap<String, (String, i64)> },
    /// `failed` with this reason; the original is kept as a file (the pipeline refused it after
    /// verification) or deleted (verification refused it).
    Failed { reason: String, keeps_file: bool },
    /// `expired` (never completed), nothing left in the bucket.
    Expired,
}

/// A file and its prediction.
#[derive(Debug)]
pub struct Source {
    pub name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
    pub sha256: String,
    pub outcome: Outcome,
}

/// One planned upload.
#[derive(Debug, Clone)]
pub struct Planned {
    pub index: usize,
    pub kind: Kind,
    pub source: Arc<Source>,
}

impl Planned {
    /// Whether a file row (and its object) must remain at the end.
    pub fn keeps_file(&self) -> bool {
        match self.expected() {
            Outcome::Ready { .. } => self.kind != Kind::DeletedAfterReady,
            Outcome::Failed { keeps_file, .. } => keeps_file,
            Outcome::Expired => false,
        }
    }

    /// Whether a file was recorded at some point (and so counts in usage): kept, or deleted
    /// after it was ready.
    pub fn records_file(&self) -> bool {
        self.keeps_file() || self.kind == Kind::DeletedAfterReady
    }

    /// What the run must end with for this upload.
    pub fn expected(&self) -> Outcome {
        match self.kind {
            Kind::AbandonedBeforePut | Kind::AbandonedAfterPut => Outcome::Expired,
            _ => self.source.outcome.clone(),
        }
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

fn declared_type(name: &str) -> &'static str {
    match name.rsplit('.').next().unwrap_or("") {
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        _ => "application/octet-stream",
    }
}

/// The prediction: sniff as `complete_upload` does, then render as `generate_variants` does.
fn predict(content_type: &str, bytes: &[u8]) -> anyhow::Result<Outcome> {
    let declared = ContentType::parse(content_type).map_err(|_| anyhow::anyhow!("bad type {content_type}"))?;
    if !matches_declared(&declared, &bytes[..bytes.len().min(SNIFF_LEN)]) {
        return Ok(Outcome::Failed {
            reason: "type_mismatch".into(),
            keeps_file: false,
        });
    }
    if !is_renderable(content_type) {
        return Ok(Outcome::Ready {
            variants: BTreeMap::new(),
        });
    }
    let specs: Vec<_> = TransformPolicy::default().presets.into_values().collect();
    Ok(match imaging::render(bytes, &Limits::default(), &specs) {
        Ok((_, outputs)) => Outcome::Ready {
            variants: specs
                .iter()
                .zip(&outputs)
                .map(|(spec, out)| (spec.canonical(), (sha256_hex(&out.bytes), out.bytes.len() as i64)))
                .collect(),
        },
        Err(e) => Outcome::Failed {
            reason: e.code().to_owned(),
            keeps_file: true,
        },
    })
}

fn load(corpus: &Path, rel: &str) -> anyhow::Result<Arc<Source>> {
    let bytes = std::fs::read(corpus.join(rel)).with_context(|| format!("reading {rel} from the corpus"))?;
    let content_type = declared_type(rel);
    Ok(Arc::new(Source {
        name: rel.rsplit('/').next().unwrap_or(rel).to_owned(),
        content_type: content_type.to_owned(),
        sha256: sha256_hex(&bytes),
        outcome: predict(content_type, &bytes)?,
        bytes,
    }))
}

/// Non-image files: seeded CSV exports, 1 KiB – 256 KiB (`text/csv` has no magic bytes, so
/// the sniff passes it; `application/octet-stream` is refused unless its bytes say so).
fn other(rng: &mut StdRng, n: usize) -> anyhow::Result<Arc<Source>> {
    let len = rng.random_range(1024..256 * 1024);
    let mut text = String::from("id,amount,label\n");
    while text.len() < len {
        let (id, amount, label) = (rng.random::<u32>(), rng.random_range(0..100_000), rng.random::<u64>());
        text.push_str(&format!("{id},{amount},{label:x}\n"));
    }
    let bytes = text.into_bytes();
    Ok(Arc::new(Source {
        name: format!("export-{n}.csv"),
        content_type: "text/csv".into(),
        sha256: sha256_hex(&bytes),
        outcome: predict("text/csv", &bytes)?,
        bytes,
    }))
}

/// The whole stream, decided by the seed: kind shares are image 45 %, other 12 %, hostile 13 %,
/// abandoned before PUT 8 %, abandoned after PUT 7 %, deleted after ready 15 %.
pub fn plan(corpus: &Path, uploads: usize, rng: &mut StdRng) -> anyhow::Result<Vec<Planned>> {
    let images = IMAGES
        .iter()
        .map(|r| load(corpus, r))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let hostile = HOSTILE
        .iter()
        .map(|r| load(corpus, r))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let mut out = Vec::with_capacity(uploads);
    for index in 0..uploads {
        let roll = rng.random_range(0..100);
        let kind = match roll {
            0..45 => Kind::Image,
            45..57 => Kind::Other,
            57..70 => Kind::Hostile,
            70..78 => Kind::AbandonedBeforePut,
            78..85 => Kind::AbandonedAfterPut,
            _ => Kind::DeletedAfterReady,
        };
        let source = match kind {
            Kind::Other => other(rng, index)?,
            Kind::Hostile => hostile[rng.random_range(0..hostile.len())].clone(),
            _ => images[rng.random_range(0..images.len())].clone(),
        };
        out.push(Planned { index, kind, source });
    }
    Ok(out)
}

/// The predictions, for the report: each corpus file and what it must end as.
pub fn predictions(plan: &[Planned]) -> BTreeMap<String, String> {
    plan.iter()
        .filter(|p| p.kind != Kind::Other)
        .map(|p| {
            let outcome = match &p.source.outcome {
                Outcome::Ready { variants } => format!("ready, {} variant(s)", variants.len()),
                Outcome::Failed { reason, keeps_file } => {
                    format!("failed `{reason}`{}", if *keeps_file { " (original kept)" } else { "" })
                }
                Outcome::Expired => "expired".into(),
            };
            (p.source.name.clone(), outcome)
        })
        .collect()
}
