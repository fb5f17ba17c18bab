//! The bundled codebook codes every language it has cues for: one sentence of our own per
//! language, with the positions a reader would give it.

use stances_code::{Codebook, Coder};

const BOOK: &str = include_str!("../../../data/codebooks/ukraine-war.toml");

fn codes(coder: &Coder, text: &str, lang: &str) -> Vec<String> {
    let mut got: Vec<String> = coder.code(text, Some(lang), &[]).positions.into_iter().map(|p| p.code).collect();
    got.sort();
    got
}

#[test]
fn every_language_with_cues_reads_a_plain_statement() {
    let coder = Coder::new(Codebook::parse(BOOK, "ukraine-war.toml").expect("the bundled codebook parses"));
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "sv",
            "Vi fördömer Rysslands invasion av Ukraina och kräver att de ryska trupperna dras tillbaka.",
            &["condemn_invasion", "russian_withdrawal"],
        ),
        ("no", "Vi krever en umiddelbar våpenhvile og fredsforhandlinger.", &["ceasefire", "negotiations"]),
        ("da", "Vi fordømmer Ruslands angreb på Ukraine.", &["condemn_invasion"]),
        ("nl", "Wij roepen op tot een staakt-het-vuren en tot onderhandelingen.", &["ceasefire", "negotiations"]),
        (
            "pl",
            "Potępiamy rosyjską agresję na Ukrainę i wzywamy do udzielenia pomocy humanitarnej.",
            &["condemn_invasion", "humanitarian_aid"],
        ),
        (
            "cs",
            "Odsuzujeme ruskou invazi na Ukrajinu a podporujeme územní celistvost Ukrajiny.",
            &["condemn_invasion", "ukraine_sovereignty"],
        ),
        ("sk", "Odsudzujeme ruskú agresiu voči Ukrajine.", &["condemn_invasion"]),
        (
            "ru",
            "Мы осуждаем вторжение России в Украину и требуем вывода российских войск.",
            &["condemn_invasion", "russian_withdrawal"],
        ),
        (
            "uk",
            "Ми засуджуємо російську агресію та закликаємо до припинення вогню.",
            &["ceasefire", "condemn_invasion"],
        ),
        (
            "fi",
            "Tuomitsemme Venäjän hyökkäyksen Ukrainaan ja vaadimme välitöntä tulitaukoa.",
            &["ceasefire", "condemn_invasion"],
        ),
        (
            "et",
            "Me mõistame hukka Venemaa sissetungi Ukrainasse ja nõuame relvarahu.",
            &["ceasefire", "condemn_invasion"],
        ),
        (
            "it",
            "È il momento che la diplomazia lavori per un cessate il fuoco e per ridurre le spese militari.",
            &["ceasefire", "negotiations", "oppose_militarisation"],
        ),
        (
            "pt",
            "Exigimos a retirada das tropas russas e apoiamos o acolhimento dos refugiados ucranianos.",
            &["refugees_welcome", "russian_withdrawal"],
        ),
        ("it", "L'Europa e l'Italia mettano in campo sanzioni dure contro la Russia.", &["support_sanctions"]),
        ("fr", "Les négociations sont la seule voie pour une paix durable.", &["negotiations"]),
        ("de", "Sanktionen, die die Menschen am Hafen treffen, lehnen wir ab.", &["oppose_sanctions"]),
        ("de", "Unser Ziel sind Friedensverhandlungen für ganz Europa.", &["negotiations"]),
        ("uk", "Українці мають право самі визначати своє майбутнє.", &["ukraine_sovereignty"]),
        (
            "ja",
            "港湾労組はこの軍事侵攻を厳しく非難し、即時の停戦と撤退を強く求める。",
            &["ceasefire", "condemn_invasion", "russian_withdrawal"],
        ),
        ("zh", "我们呼吁各方通过对话和谈判寻求政治解决。", &["negotiations"]),
        ("zh", "我们呼吁保护在马来西亚的中国公民安全。", &[]),
        (
            "en",
            "Eastern and Western dockers must demand the withdrawal of Russian troops from the port towns.",
            &["russian_withdrawal"],
        ),
    ];
    for (lang, text, want) in cases {
        assert_eq!(codes(&coder, text, lang), *want, "{lang}: {text}");
    }
}

#[test]
fn descriptions_and_negations_take_no_position() {
    let coder = Coder::new(Codebook::parse(BOOK, "ukraine-war.toml").expect("the bundled codebook parses"));
    // A description, not the author's voice.
    assert!(codes(&coder, "Kriget började i februari 2022.", "sv").is_empty());
    // "not only a breach": the negator is followed by "only", and the condemnation stands.
    assert_eq!(codes(&coder, "Ruslands angreb er ikke alene et brud på folkeretten.", "da"), ["condemn_invasion"]);
}

#[test]
fn each_clause_keeps_its_own_object() {
    let coder = Coder::new(Codebook::parse(BOOK, "ukraine-war.toml").expect("the bundled codebook parses"));
    // Who is to withdraw and what is to end belong to their own clause: not Russia's
    // withdrawal, not sanctions supported.
    let text =
        "We demand the withdrawal of US and NATO troops from Eastern Europe and an end to sanctions against Russia.";
    assert_eq!(codes(&coder, text, "en"), ["oppose_sanctions", "western_troops_out"]);
    let text =
        "Nous exigeons le retrait des troupes de l'OTAN d'Europe de l'Est et la levée des sanctions contre la Russie.";
    assert_eq!(codes(&coder, text, "fr"), ["oppose_sanctions", "western_troops_out"]);
    // One sentence may take both poles of a family, one in each clause.
    let text = "We support sanctions on the oligarchs but an end to sanctions that starve workers.";
    let got = codes(&coder, text, "en");
    assert!(got.contains(&"support_sanctions".to_string()) && got.contains(&"oppose_sanctions".to_string()), "{got:?}");
}
