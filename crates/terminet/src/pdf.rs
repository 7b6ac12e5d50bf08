//! The printed forms as one PDF document: a page per form on 14 7/8 × 11 inch green-bar paper,
//! type set in the standard Courier font at 12 points (exactly 10 characters per inch) on
//! 12-point lines (6 lines per inch), overprints drawn on top of each other, red ribbon in red.

use crate::{Page, Strike};
use std::fmt::Write as _;

/// Points per inch.
const PT: f64 = 72.0;

pub(crate) fn render_pdf(pages: &[Page], width_cols: usize, page_lines: usize) -> Vec<u8> {
    let paper_w = (width_cols as f64 / 10.0 + 3.0).max(14.875) * PT;
    let paper_h = page_lines.max(1) as f64 * 12.0;
    let x0 = (paper_w - width_cols as f64 * 7.2) / 2.0;
    let strip = 0.5 * PT;

    let mut objects: Vec<String> = Vec::new();
    // 1: catalog, 2: page tree, 3: font; then page and content pairs.
    objects.push("<< /Type /Catalog /Pages 2 0 R >>".into());
    let kids: Vec<String> = (0..pages.len())
        .map(|i| format!("{} 0 R", 4 + 2 * i))
        .collect();
    objects.push(format!(
        "<< /Type /Pages /Kids [{}] /Count {} /MediaBox [0 0 {paper_w:.2} {paper_h:.2}] >>",
        kids.join(" "),
        pages.len()
    ));
    objects.push("<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>".into());
    for (i, page) in pages.iter().enumerate() {
        let mut c = String::new();
        // Green bars: three lines green, three plain, from the top of the form.
        c.push_str("0.85 0.93 0.83 rg\n");
        for band in (0..page_lines).step_by(6) {
            let top = paper_h - band as f64 * 12.0;
            let h = 36.0f64.min(top);
            let _ = writeln!(
                c,
                "{strip:.2} {:.2} {:.2} {h:.2} re f",
                top - h,
                paper_w - 2.0 * strip
            );
        }
        // Tractor holes.
        c.push_str("0.35 0.35 0.38 rg\n");
        let mut y = paper_h - 0.25 * PT;
        while y > 0.0 {
            for x in [strip / 2.0, paper_w - strip / 2.0] {
                let _ = writeln!(c, "{:.2} {:.2} 9 9 re f", x - 4.5, y - 4.5);
            }
            y -= 0.5 * PT;
        }
        // Type.
        for (l, row) in page.lines.iter().enumerate().take(page_lines) {
            let layers = row.iter().map(Vec::len).max().unwrap_or(0);
            for k in 0..layers {
                for red in [false, true] {
                    let text: String = row
                        .iter()
                        .map(|cell| match cell.get(k) {
                            Some(&Strike { code, red: r }) if r == red => char::from(code),
                            _ => ' ',
                        })
                        .collect();
                    let text = text.trim_end();
                    if text.trim_start().is_empty() {
                        continue;
                    }
                    let escaped: String = text
                        .chars()
                        .flat_map(|ch| match ch {
                            '(' | ')' | '\\' => vec!['\\', ch],
                            _ => vec![ch],
                        })
                        .collect();
                    let colour = if red { "0.7 0.1 0.1" } else { "0.1 0.1 0.16" };
                    let base = paper_h - (l as f64 + 1.0) * 12.0 + 3.0;
                    let _ = writeln!(
                        c,
                        "BT {colour} rg /F1 12 Tf {x0:.2} {base:.2} Td ({escaped}) Tj ET"
                    );
                }
            }
        }
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
            5 + 2 * i
        ));
        objects.push(format!("<< /Length {} >>\nstream\n{c}endstream", c.len()));
    }
    let mut out = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        let _ = write!(out, "{} 0 obj\n{o}\nendobj\n", i + 1);
    }
    let xref = out.len();
    let _ = write!(out, "xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for off in offsets {
        let _ = writeln!(out, "{off:010} 00000 n ");
    }
    let _ = write!(
        out,
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    );
    out.into_bytes()
}
