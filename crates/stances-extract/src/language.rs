//! The language a statement is written in (ISO 639-1), when it can be told with confidence.

use whatlang::{Detector, Lang};

/// ISO 639-1 code of the language of `text`, or `None` when the text is too short or the
/// detector is unsure.
pub fn detect(text: &str) -> Option<String> {
    let sample: String = text.chars().take(4000).collect();
    if sample.split_whitespace().count() < 4 {
        return None;
    }
    let info = Detector::new().detect(&sample)?;
    (info.is_reliable() || info.confidence() > 0.5).then(|| iso639_1(info.lang()).to_string())
}

fn iso639_1(lang: Lang) -> &'static str {
    match lang {
        Lang::Eng => "en",
        Lang::Fra => "fr",
        Lang::Spa => "es",
        Lang::Deu => "de",
        Lang::Ita => "it",
        Lang::Por => "pt",
        Lang::Nld => "nl",
        Lang::Rus => "ru",
        Lang::Ukr => "uk",
        Lang::Pol => "pl",
        Lang::Ces => "cs",
        Lang::Slk => "sk",
        Lang::Slv => "sl",
        Lang::Hrv => "hr",
        Lang::Srp => "sr",
        Lang::Bul => "bg",
        Lang::Ron => "ro",
        Lang::Hun => "hu",
        Lang::Ell => "el",
        Lang::Tur => "tr",
        Lang::Swe => "sv",
        Lang::Dan => "da",
        Lang::Nob => "no",
        Lang::Fin => "fi",
        Lang::Est => "et",
        Lang::Lav => "lv",
        Lang::Lit => "lt",
        Lang::Cat => "ca",
        Lang::Ara => "ar",
        Lang::Heb => "he",
        Lang::Pes => "fa",
        Lang::Hin => "hi",
        Lang::Ben => "bn",
        Lang::Urd => "ur",
        Lang::Tam => "ta",
        Lang::Tha => "th",
        Lang::Vie => "vi",
        Lang::Ind => "id",
        Lang::Tgl => "tl",
        Lang::Cmn => "zh",
        Lang::Jpn => "ja",
        Lang::Kor => "ko",
        other => other.code(),
    }
}

#[cfg(test)]
mod tests {
    use super::detect;

    #[test]
    fn common_languages() {
        assert_eq!(detect("We condemn the invasion and call for the immediate withdrawal of all troops.").as_deref(), Some("en"));
        assert_eq!(detect("Nous condamnons l'invasion et exigeons le retrait immédiat de toutes les troupes.").as_deref(), Some("fr"));
        assert_eq!(detect("Condenamos la invasión y exigimos la retirada inmediata de todas las tropas.").as_deref(), Some("es"));
        assert_eq!(detect("Wir verurteilen den Angriff und fordern den sofortigen Abzug aller Truppen.").as_deref(), Some("de"));
        assert_eq!(detect("Peace now"), None);
    }
}
