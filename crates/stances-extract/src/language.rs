//! The language a statement is written in (ISO 639-1), when it can be told with confidence.

use std::collections::HashSet;
use std::sync::LazyLock;

use whatlang::{Detector, Lang};

/// The languages statements are told apart among. Comparing a text with every language
/// whatlang knows costs several times more and mostly adds confusions between close
/// minor languages; these cover the organizations this tool follows.
const LANGUAGES: &[Lang] = &[
    Lang::Eng,
    Lang::Fra,
    Lang::Spa,
    Lang::Deu,
    Lang::Ita,
    Lang::Por,
    Lang::Nld,
    Lang::Rus,
    Lang::Ukr,
    Lang::Pol,
    Lang::Ces,
    Lang::Slk,
    Lang::Slv,
    Lang::Hrv,
    Lang::Srp,
    Lang::Bul,
    Lang::Ron,
    Lang::Hun,
    Lang::Ell,
    Lang::Tur,
    Lang::Swe,
    Lang::Dan,
    Lang::Nob,
    Lang::Fin,
    Lang::Est,
    Lang::Lav,
    Lang::Lit,
    Lang::Cat,
    Lang::Ara,
    Lang::Heb,
    Lang::Pes,
    Lang::Hin,
    Lang::Ben,
    Lang::Urd,
    Lang::Tam,
    Lang::Tha,
    Lang::Vie,
    Lang::Ind,
    Lang::Tgl,
    Lang::Cmn,
    Lang::Jpn,
    Lang::Kor,
];

static DETECTOR: LazyLock<Detector> = LazyLock::new(|| Detector::with_allowlist(LANGUAGES.to_vec()));

/// The most frequent short words of each language whose file lists them
/// (`[detection] function_words`): a text's share of them tells its language quickly and
/// reliably once it has a few dozen words. Other languages and unclear cases go to the
/// trigram detector.
static FUNCTION_WORDS: LazyLock<Vec<(&'static str, HashSet<String>)>> = LazyLock::new(|| {
    crate::languages::all()
        .iter()
        .filter(|l| !l.detection.function_words.is_empty())
        .map(|l| (l.language.as_str(), l.detection.function_words.iter().map(|w| w.to_lowercase()).collect()))
        .collect()
});

/// The language by function words, when the count is clear.
fn by_function_words(sample: &str) -> Option<&'static str> {
    let lists = &*FUNCTION_WORDS;
    if lists.len() < 2 {
        return None;
    }
    let mut counts = vec![0usize; lists.len()];
    let mut words = 0;
    for w in sample.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).take(150) {
        words += 1;
        let lower = w.to_lowercase();
        for (k, (_, list)) in lists.iter().enumerate() {
            if list.contains(&lower) {
                counts[k] += 1;
            }
        }
    }
    let mut ranked: Vec<(usize, usize)> = counts.iter().copied().enumerate().collect();
    ranked.sort_by_key(|r| std::cmp::Reverse(r.1));
    let (best, n) = ranked[0];
    let second = ranked[1].1;
    (words >= 25 && n * 100 >= words * 15 && n >= 2 * second).then_some(lists[best].0)
}

/// ISO 639-1 code of the language of `text`, or `None` when the text is too short or the
/// detector is unsure.
pub fn detect(text: &str) -> Option<String> {
    let sample: String = text.chars().take(1000).collect();
    if sample.split_whitespace().count() < 4 {
        return None;
    }
    if let Some(code) = by_function_words(&sample) {
        return Some(code.to_string());
    }
    // A few hundred characters tell the language as well as the whole text does.
    let sample: String = sample.chars().take(400).collect();
    let info = DETECTOR.detect(&sample)?;
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
        assert_eq!(
            detect("We condemn the invasion and call for the immediate withdrawal of all troops.").as_deref(),
            Some("en")
        );
        assert_eq!(
            detect("Nous condamnons l'invasion et exigeons le retrait immédiat de toutes les troupes.").as_deref(),
            Some("fr")
        );
        assert_eq!(
            detect("Condenamos la invasión y exigimos la retirada inmediata de todas las tropas.").as_deref(),
            Some("es")
        );
        assert_eq!(
            detect("Wir verurteilen den Angriff und fordern den sofortigen Abzug aller Truppen.").as_deref(),
            Some("de")
        );
        assert_eq!(detect("Peace now"), None);
        let long = |s: &str| s.repeat(4);
        assert_eq!(
            detect(&long(
                "The union calls on the government to stop the war and to open the borders for all who flee. "
            ))
            .as_deref(),
            Some("en")
        );
        assert_eq!(detect(&long("Le syndicat appelle le gouvernement à arrêter la guerre et à ouvrir les frontières pour ceux qui fuient. ")).as_deref(), Some("fr"));
        assert_eq!(
            detect(&long(
                "El sindicato pide al gobierno que detenga la guerra y abra las fronteras para los que huyen. "
            ))
            .as_deref(),
            Some("es")
        );
        assert_eq!(
            detect(&long(
                "Die Gewerkschaft fordert die Regierung auf, den Krieg zu beenden und die Grenzen für alle zu öffnen. "
            ))
            .as_deref(),
            Some("de")
        );
        assert_eq!(
            detect(&long(
                "Il sindacato chiede al governo di fermare la guerra e di aprire le frontiere per chi fugge. "
            ))
            .as_deref(),
            Some("it")
        );
        assert_eq!(
            detect(&long("O sindicato pede ao governo que pare a guerra e abra as fronteiras para os que fogem. "))
                .as_deref(),
            Some("pt")
        );
        assert_eq!(
            detect(&long(
                "De vakbond roept de regering op om de oorlog te stoppen en de grenzen te openen voor wie vlucht. "
            ))
            .as_deref(),
            Some("nl")
        );
        assert_eq!(
            detect("Мы осуждаем вторжение и требуем немедленного вывода всех войск с территории Украины.").as_deref(),
            Some("ru")
        );
    }
}
