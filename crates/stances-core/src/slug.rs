//! Stable, URL-safe identifiers derived from names.

/// Lower-case ASCII slug of a name: letters and digits kept (accents folded where simple),
/// every other run of characters becomes one `-`.
pub fn slugify(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut dash = false;
    for c in name.chars() {
        let folded = fold(c);
        match folded {
            Some(s) => {
                if dash && !out.is_empty() {
                    out.push('-');
                }
                dash = false;
                out.push_str(s);
            }
            None => {
                if c.is_alphanumeric() {
                    // A letter we cannot fold: keep it so distinct names stay distinct.
                    if dash && !out.is_empty() {
                        out.push('-');
                    }
                    dash = false;
                    out.extend(c.to_lowercase());
                } else {
                    dash = true;
                }
            }
        }
    }
    out
}

fn fold(c: char) -> Option<&'static str> {
    const ASCII: [&str; 36] = [
        "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l",
        "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z",
    ];
    let lower = c.to_ascii_lowercase();
    if lower.is_ascii_digit() {
        return Some(ASCII[(lower as u8 - b'0') as usize]);
    }
    if lower.is_ascii_lowercase() {
        return Some(ASCII[10 + (lower as u8 - b'a') as usize]);
    }
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Å' => "a",
        'ä' | 'Ä' | 'æ' | 'Æ' => "ae",
        'ç' | 'Ç' | 'č' | 'Č' | 'ć' | 'Ć' => "c",
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' | 'ě' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => "i",
        'ñ' | 'Ñ' | 'ń' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ø' => "o",
        'ö' | 'Ö' | 'œ' | 'Œ' => "oe",
        'ù' | 'ú' | 'û' | 'Ù' | 'Ú' | 'Û' => "u",
        'ü' | 'Ü' => "ue",
        'ß' => "ss",
        'š' | 'Š' | 'ś' => "s",
        'ž' | 'Ž' | 'ź' | 'ż' => "z",
        'ł' | 'Ł' => "l",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn slugs_are_lowercase_and_dashed() {
        assert_eq!(
            slugify("Communist Party of India (Marxist-Leninist) Liberation"),
            "communist-party-of-india-marxist-leninist-liberation"
        );
        assert_eq!(slugify("  Parti Sosialis Malaysia (PSM) "), "parti-sosialis-malaysia-psm");
        assert_eq!(slugify("Die Linke – Für Frieden"), "die-linke-fuer-frieden");
        assert_eq!(slugify("Union syndicale Solidaires"), "union-syndicale-solidaires");
    }

    #[test]
    fn unfoldable_letters_are_kept() {
        assert_eq!(slugify("Российское социалистическое"), "российское-социалистическое");
    }
}
