//! Deterministic synthetic statement pages, for benchmarks and large-batch tests. Made up
//! from scratch by a seeded generator: fictional organizations, several page shapes
//! (a single statement with a signature, a compendium of three, an HTML page).

use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, Result};

/// A small deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const KINDS: &[&str] = &[
    "Workers Party",
    "Peace Council",
    "Teachers Union",
    "Socialist League",
    "Green Alliance",
    "Tenants Federation",
    "Students Movement",
    "Nurses Association",
];
const PLACES: &[&str] = &[
    "Northvale",
    "Eastmarch",
    "Port Alden",
    "Silverbay",
    "Kestrel Downs",
    "Lowmoor",
    "Ashfield",
    "Brightwater",
    "Corrin",
    "Dunmore",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const OPENERS: &[&str] = &[
    "condemns the attack on its neighbour and the shelling of towns along the border.",
    "calls for an immediate ceasefire and the return of all troops to their barracks.",
    "demands negotiations under international supervision without delay.",
    "expresses its solidarity with the workers who refuse to take part in the war.",
    "opposes any increase in the military budget while hospitals close.",
];
const SENTENCES: &[&str] = &[
    "The war has already driven thousands of families from their homes.",
    "We call on all governments to open their borders to those who flee.",
    "Humanitarian corridors must be guaranteed for the civilian population.",
    "No lasting peace can be built on the ruins of occupied cities.",
    "We reject sanctions that punish ordinary people while the powerful escape them.",
    "Our members will join the demonstrations planned in every district this weekend.",
    "Arms manufacturers are the only winners of this conflict.",
    "The right of peoples to decide their own future is not negotiable.",
];

/// The organization name of number `n`: a few thousand distinct fictional names.
fn org(n: u64) -> String {
    format!(
        "{} {} of {} No. {}",
        KINDS[(n % 8) as usize].split(' ').next().unwrap_or("Peace"),
        KINDS[(n / 8 % 8) as usize].split(' ').nth(1).unwrap_or("Council"),
        PLACES[(n / 64 % 10) as usize],
        n % 997
    )
}

fn body(rng: &mut Rng, name: &str, id: usize) -> String {
    let mut s = format!("The {name} {}\n\n", rng.pick(OPENERS));
    for _ in 0..(3 + rng.next() % 4) {
        let _ = write!(s, "{} {} ", rng.pick(SENTENCES), rng.pick(SENTENCES));
        let _ = writeln!(s, "This is point {} of statement {id}.\n", rng.next() % 1000);
    }
    s
}

fn date(rng: &mut Rng) -> String {
    format!("{} {}, {}", rng.pick(MONTHS), 1 + rng.next() % 28, 2020 + rng.next() % 5)
}

/// Page number `i`, as a file name and its content.
pub fn page(i: usize) -> (String, String) {
    let mut rng = Rng(i as u64 ^ 0x5EED);
    let shape = rng.next() % 10;
    let n = rng.next() % 5000;
    if shape < 5 {
        let name = org(n);
        let text =
            format!("{name} statement on the war\n\n{}{name} {}\n", body(&mut rng, &name, i * 3), date(&mut rng));
        (format!("{i:06}.txt"), text)
    } else if shape < 8 {
        let mut text = String::from("Statements: organizations respond to the war\n\nPlease send statements to editor@example.org so we can continue to update this page\n\n");
        for k in 0..3 {
            let name = org((n + k * 101) % 5000);
            let _ = write!(
                text,
                "{name}: No to war!\n\n{} - {}",
                date(&mut rng),
                body(&mut rng, &name, i * 3 + k as usize)
            );
        }
        (format!("{i:06}.txt"), text)
    } else {
        let name = org(n);
        let paras: String = body(&mut rng, &name, i * 3)
            .split("\n\n")
            .filter(|p| !p.trim().is_empty())
            .map(|p| format!("<p>{p}</p>"))
            .collect();
        let html = format!(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{name}</title></head><body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav><article><h1>{name} statement on the war</h1><p>{}</p>{paras}</article><footer>Copyright © Example Review</footer></body></html>",
            date(&mut rng)
        );
        (format!("{i:06}.html"), html)
    }
}

/// Writes pages `0..count` into `dir`, 1,000 to a sub-folder.
pub fn generate(dir: &Path, count: usize) -> Result<()> {
    for i in 0..count {
        let sub = dir.join(format!("{:03}", i / 1000));
        if i % 1000 == 0 {
            std::fs::create_dir_all(&sub).with_context(|| format!("creating {}", sub.display()))?;
        }
        let (name, text) = page(i);
        std::fs::write(sub.join(&name), text).with_context(|| format!("writing {name}"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::page;

    #[test]
    fn pages_are_deterministic_and_varied() {
        assert_eq!(page(7), page(7));
        assert_ne!(page(7).1, page(8).1);
        let shapes: std::collections::HashSet<bool> = (0..50).map(|i| page(i).0.ends_with(".html")).collect();
        assert_eq!(shapes.len(), 2);
    }
}
