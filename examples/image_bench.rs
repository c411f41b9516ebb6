//! Times the image pipeline on large photo-like JPEGs; `bench/images.sh` drives it.
//!
//! ```text
//! image_bench write DIR [COUNT=50] [WIDTH=4000] [HEIGHT=3000]   write photo-NN.jpg into DIR
//! image_bench run DIR CACHE [WIDTHS=480,960,1600] [QUALITY=80]  one build of DIR's images
//! ```
//!
//! `run` plans every `*.jpg` in DIR (responsive variants and a social card each) and runs the
//! batch, as a site build does. With an empty CACHE it is a cold build; run it again for a warm
//! one. It prints one line, and `RESULT SECONDS PROCESSED REUSED` for scripts.

use std::path::{Path, PathBuf};
use std::time::Instant;

use image::codecs::jpeg::JpegEncoder;
use image::{ExtendedColorType, ImageBuffer, ImageEncoder, Rgb, RgbImage};
use mekong::images::{ImageSettings, Operation, Pipeline, Planned};
use rayon::prelude::*;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize| args.get(i).map(String::as_str);
    let number = |i: usize, default: u32| arg(i).map_or(default, |s| s.parse().expect("a number"));
    match (arg(0), arg(1)) {
        (Some("write"), Some(dir)) => write_photos(
            Path::new(dir),
            number(2, 50),
            number(3, 4000),
            number(4, 3000),
        ),
        (Some("run"), Some(dir)) => {
            let cache = PathBuf::from(arg(2).expect("a cache folder"));
            let widths = arg(3)
                .unwrap_or("480,960,1600")
                .split(',')
                .map(|w| w.trim().parse().expect("widths like 480,960,1600"))
                .collect();
            let quality = number(4, 80) as u8;
            run(Path::new(dir), cache, ImageSettings { widths, quality });
        }
        _ => {
            eprintln!("usage: image_bench write DIR [COUNT] [WIDTH] [HEIGHT]");
            eprintln!("       image_bench run DIR CACHE [WIDTHS] [QUALITY]");
            std::process::exit(2);
        }
    }
}

fn write_photos(dir: &Path, count: u32, width: u32, height: u32) {
    std::fs::create_dir_all(dir).expect("create the photo folder");
    let started = Instant::now();
    let bytes: u64 = (0..count)
        .into_par_iter()
        .map(|n| {
            let path = dir.join(format!("photo-{n:02}.jpg"));
            let mut out = Vec::new();
            let image = photo(width, height, n);
            JpegEncoder::new_with_quality(&mut out, 90)
                .write_image(&image, width, height, ExtendedColorType::Rgb8)
                .expect("encode");
            std::fs::write(&path, &out).expect("write a photo");
            out.len() as u64
        })
        .sum();
    println!(
        "wrote {count} photos of {width}×{height} ({:.1} MB) in {:.1} s",
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
}

/// Sky, sun, hills and texture with sensor-like noise; each seed a different scene.
fn photo(width: u32, height: u32, seed: u32) -> RgbImage {
    let mut state = 0x9e37_79b9_u32 ^ seed.wrapping_mul(0x85eb_ca6b) | 1;
    let phase = seed as f32 * 0.7;
    ImageBuffer::from_fn(width, height, |x, y| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let noise = (state % 25) as f32 - 12.0;
        let (fx, fy) = (x as f32 / width as f32, y as f32 / height as f32);
        let horizon = 0.55 + 0.08 * (fx * 7.0 + phase).sin() + 0.03 * (fx * 23.0).sin();
        let sun = ((fx - 0.3 - 0.04 * phase.sin()).powi(2) + (fy - 0.25).powi(2)).sqrt();
        let base = if sun < 0.06 {
            [255.0, 236.0, 170.0]
        } else if fy < horizon {
            let glow = (0.25 - sun).max(0.0) * 300.0;
            [
                80.0 + 90.0 * fy + glow,
                130.0 + 70.0 * fy + glow * 0.8,
                235.0 - 50.0 * fy,
            ]
        } else {
            let texture = 18.0 * ((fx * 180.0).sin() * (fy * 140.0 + phase).cos())
                + 9.0 * ((fx * 1100.0 + fy * 300.0).sin() * (fy * 900.0).sin());
            [
                50.0 + 70.0 * fx + texture,
                100.0 + 60.0 * (1.0 - fy) + texture,
                40.0 + 20.0 * fy,
            ]
        };
        Rgb(base.map(|c: f32| (c + noise).clamp(0.0, 255.0) as u8))
    })
}

fn run(dir: &Path, cache: PathBuf, settings: ImageSettings) {
    let mut photos: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read the photo folder")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "jpg"))
        .collect();
    photos.sort();
    let pipeline = Pipeline::new(cache, settings);
    let started = Instant::now();
    let jobs: Vec<Planned> = photos
        .par_iter()
        .flat_map_iter(|path| {
            [Operation::Responsive, Operation::Card { focus: None }]
                .map(|op| pipeline.plan(path, &op).expect("plan"))
        })
        .collect();
    let planned = started.elapsed().as_secs_f64();
    let report = pipeline.run(&jobs);
    let total = started.elapsed().as_secs_f64();
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    println!(
        "mekong: {} photos, plan {planned:.2} s, total {total:.2} s, processed {}, reused {}",
        photos.len(),
        report.processed,
        report.reused
    );
    println!("RESULT {total:.3} {} {}", report.processed, report.reused);
}
