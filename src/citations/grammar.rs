//! The patterns of the citation grammar's automata, shared with `build.rs`, which compiles
//! them into transition tables when privreg is compiled (see [`super::automaton`]).
//!
//! Compiling them when privreg starts cost the first citation of a run most of its time:
//! the law names alone, Unicode case-insensitive, took some 20 million instructions
//! (issue 19). This file is read by the build script as a module of its own, so it holds
//! only patterns and plain functions of them, nothing of the crate.

/// Where a citation can start: "art" in any ASCII case, a DPV id's "A" and a digit, "§",
/// a recital keyword.
///
/// Recital keywords are found by a stem without their first letters ("cital", "tyw"), whose
/// first two bytes are rare in prose, so that the vectorised search stays slim and rarely
/// stops; the scan then steps back to the word's start.
pub const CANDIDATE: &str = r"[aA][rR][tT]|A[0-9]|§|cital|rw(?:ägungsgr|Gr|eging)|nsid[ée]ran|tyw";

/// What every mention of an outdated transfer instrument or law holds (PRV403), for a
/// quick search before the full grammar of the mentions: one of these two. They are two
/// searches because each alone is a short list of literals the regex engine skips text
/// with at some 3.5 GB/s, and the two as one alternation at 1.2 GB/s.
pub const INSTRUMENT_ANCHORS: [&str; 2] = [
    r"(?i:Shield|Harbo)",
    r"TTDSG|TMG|Tele(?:kommunikation-Telemedien|mediengesetz)|20(?:01/497|04/915|10/87)|95/46|BDSG|Bundesdatenschutzgesetz",
];

/// TOKEN's top-level branches, in TOKEN's order, each with its named group (or groups).
/// The lexer matches them as the patterns of one forward DFA, which tells the branch and
/// the end without a capture search; the lexer then finds the inner groups by hand.
pub const TOKEN_BRANCHES: [&str; 13] = [
    // another article in a list: Art. 13 und Art. 14
    r"(?P<art>art(?:icles?|ikelen|ikels?|ikeln|icolo|icoli|[ií]culos?|igos?|ykuł(?:u|y|ów)?|t\.|s\.|\.)?-?)",
    r"(?P<para_en>para(?:graph|s)?(?-u:\b)\.?|para\.|paragraphs?(?-u:\b))",
    r"(?P<para_de>abs(?:atz(?:es)?|ätzen?)(?-u:\b)|abs\.|abs(?-u:\b))",
    r"(?P<para_other>paragraphe(?-u:\b)|paragrafo(?-u:\b)|p[áa]rrafos?(?-u:\b)|par[àa]grafs?(?-u:\b)|lid(?-u:\b)|leden(?-u:\b)|par\.|apartados?(?-u:\b)|apdo\.|§|ust\.|ustęp\w*|n\.?\s?[º°]|nos?\.?\s?[º°])",
    r"(?P<subpara>sub-?para(?:graph)?s?(?:(?-u:\b)\.?|\.)|u(?:nter)?abs(?:atz|\.|(?-u:\b))|sous-paragraphe|akapit(?-u:\b))",
    r"(?P<sent>(?-i:S\.)|(?-i:p\.)|satz(?-u:\b)|sentences?(?-u:\b)|sent\.|phrase(?-u:\b)|frase(?-u:\b)|zd\.|zdani[ea](?-u:\b)|volzin(?-u:\b))",
    r"(?P<point>lit(?:t|era)?(?:\.|(?-u:\b))|letters?(?-u:\b)|lettres?(?-u:\b)|lletr(?:a|es)(?-u:\b)|buchst(?:aben?(?-u:\b)|\.|(?-u:\b))|points?(?-u:\b)|pts?\.|let\.|lett\.|lettera(?-u:\b)|letras?(?-u:\b)|sous(?-u:\b)|pkt\.?|sub(?-u:\b)|onder(?-u:\b)|al[íi]neas?(?-u:\b))",
    r"(?P<nr>nr\.|nos?\.|numbers?(?-u:\b)|ziff(?:er|\.)|n\.|num\.|numéro|núm\.|punto(?-u:\b))",
    r"(?P<al>alinéa|al\.|comma(?-u:\b)|commi(?-u:\b))",
    r"(?P<ord>first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th|premier|première|deuxième|troisième|erster?|zweiter?|dritter?|eerste|tweede|derde|vierde|vijfde)\s+
      (?:(?P<ordsub>sub-?paragraph|alinéa|Unterabsatz(?:es)?)|(?P<ordsent>sentence|phrase|Satz(?:es)?|volzin)|(?P<ordpara>lid|paragraph|paragraphe|Absatz(?:es)?))(?-u:\b)",
    r"(?P<paren>\(\s*(?P<pv>[0-9]{1,3}|[a-z])\s*\))",
    r"(?P<dot>\.(?:(?P<dnum>[0-9]{1,2})(?-u:\b)|(?P<dlet>[a-z])(?:\)|(?-u:\b))))",
    r"(?P<ff>ff\.|et\s+seq(?:q|uentes)?\.?|et\s+suiv\.)",
];

/// The conjunction and range branches, which end TOKEN's list of branches.
pub const TOKEN_JOINERS: [&str; 2] = [
    r"(?P<conj>,|;|/|&|i\.\s?V\.\s?m\.|(?:and|und|et|or|oder|ou|sowie|iVm|in\s+Verbindung\s+mit|in\s+conjunction\s+with|as\s+well\s+as|oppure|oraz|lub|ed)(?-u:\b)|(?-i:e|y|o|i|en)(?-u:\b))",
    r"(?P<range>(?:bis|to|through|thru|au|tot\s+en\s+met|t/m|tot|al|ao)(?-u:\b)|(?-i:a|do)(?-u:\b)|à|[-\u{2010}-\u{2015}\u{2212}])",
];

/// Every branch of TOKEN, in order.
pub fn token_branches() -> impl Iterator<Item = &'static str> {
    TOKEN_BRANCHES.into_iter().chain(TOKEN_JOINERS)
}

/// VALUE's branches, in order: a parenthesised label, a number, a roman numeral, a letter.
pub const VALUE_BRANCHES: [&str; 4] = [
    r"\(\s*(?P<pv>[0-9]{1,3}|[a-z])\s*\)",
    r"0*(?P<num>[0-9]{1,3})(?:(?:er|st|nd|rd|th)(?-u:\b)|\.?\s?[º°ª]|(?P<numlet>(?-i:[a-z]))(?:\)|(?-u:\b))|(?-u:\b))",
    r"(?P<roman>(?-i:[IVX]{1,4}))(?-u:\b)",
    r"(?P<letter>[a-z])(?:(?P<close>\))|(?-u:\b))",
];

/// Connecting words between the provisions and the law: ", of the", "der", "du", "del".
pub const LAW_PREFIX: &str = r"^\s*(?:,\s*)?(?i:(?:of|der|des|du|de\s+la|de|del|della|dello|dell'|van\s+de|van\s+het|van|z|do|da|dos|das)\s+)?(?i:(?:the|die|le|la|il|el)\s+)?";

/// A name that is no row of the law table but names a law: "… Act", "…gesetz", an
/// acronym ("KVKK", "LPD"). Such a citation is of an unknown law and is never checked.
pub const UNKNOWN_LAW: &str = r"(?x)(?:
                (?-i:(?:\p{Lu}[\p{L}'-]*\s+){0,3}(?:Act|Law|Code|Directive|Regulation|Ordinance|Decree|Statute|Convention|Treaty|Kanunu|Ley|Loi|Legge|Lei|Wet|Ustawa|Zákon)(?:\s+(?:of\s+|No\.?\s*)?[0-9][0-9/.]*)?)\b
              | (?-i:\p{Lu}[\p{L}-]*(?:gesetz|gesetzes|gesetzbuch|gesetzbuches|verordnung|ordnung|richtlinie))\b
              | (?P<acronym>(?-i:[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*(?:-[A-Z0-9]+)?))(?-u:\b)
)";

/// An EU act by its number that is in no row of the law table ("Directive (EU) 2016/680").
pub const EU_ACT: &str = r"(?i:(?:Regulation|Directive|Decision|Verordnung|Richtlinie|Beschluss|Verordening|Richtlijn|R[èe]glement|Directive|Regolamento|Direttiva|Reglamento|Directiva|Regulamento|Diretiva|Rozporz[ąa]dzeni[ae]|Dyrektyw[ay])\s*(?:\((?:EU|EC|UE|EG|CE|WE|EEC|EWG)\)\s*)?(?:No\.?\s*|Nr\.\s*|n\.\s*)?[0-9]{2,4}/[0-9]{1,4}(?:/(?:EC|EU|EG|CE|UE|WE|EEC|EWG))?)";

/// An unknown law named after the provisions, with its name in group `unknown`.
pub fn law_unknown_after() -> String {
    format!("{LAW_PREFIX}(?P<unknown>{EU_ACT}|{UNKNOWN_LAW})")
}

/// Where [`law_unknown_after`] can match: its connecting words, then an EU act's keyword or
/// a capital letter, with which each of its names begins. Its table tells, without
/// building the regex (some 4 ms), that no unknown law's name follows a citation, which is
/// what nearly every citation is followed by; the names themselves, Unicode words of any
/// case, would make a table of megabytes.
pub fn law_unknown_gate() -> String {
    format!(r"{LAW_PREFIX}(?:{EU_ACT}|(?-i:\p{{Lu}}))")
}

/// Any law of the table named anywhere in a sentence: another (pattern 0) or the GDPR
/// (pattern 1).
pub fn any_law_patterns(other: &str, gdpr: &str) -> Vec<String> {
    vec![format!(r"(?-u:\b){other}"), format!(r"(?-u:\b){gdpr}")]
}

/// The GDPR named anywhere in a text, or cited by a DPV id ("A6-1-f").
pub fn gdpr_anywhere(gdpr: &str) -> String {
    format!(r"(?-u:\b){gdpr}|(?-u:\b)A(?:6|9|4[5-9])-[0-9]")
}

/// A law's name that ends a text, before a citation ("GDPR Art. 6", "TTDSG, § 25"): a
/// pattern per row of another law (`other`, in the table's order), then the GDPR (`gdpr`),
/// each searched anchored where a word starts; the first pattern that reaches the end wins,
/// as in the alternation `(?:^|[^\w-])(?:(?P<other>…)|(?P<gdpr>…))\s*[,:]?\s*$`.
pub fn law_before_patterns(other: &[&str], gdpr: &str) -> Vec<String> {
    other
        .iter()
        .map(|row| latin(&format!(r"(?:{row})\s*[,:]?\s*$")))
        .chain([latin(&format!(r"{gdpr}\s*[,:]?\s*$"))])
        .collect()
}

/// A law's name of its own after the citation, which privreg does not know ("artikel 10 van
/// Richtlijn (EU) 2016/680"): a law named before belongs to the citation before.
pub const OWN_LAW_FOLLOWS: &str = r"^\s*,?\s*(?i:of|van|de|der|des|du|del|della|do|da|z)\s+(?i:(?:the|het|la|le|il|el|die)\s+)?\p{Lu}";

/// Words after a number that show "Art. 29" is not a citation of a law we track.
pub const NOT_A_CITATION: &str = r"(?xi)
        ^(?:
            -?\s*(?:Data\s+Protection\s+)?Working\s+Party | \s*WP(?-u:\b) | -?\s*(?:Datenschutz)?-?Gruppe
          | \s*(?:,\s*)?(?:of|der|des|du|de)\s+(?:the|these|this|our|dieser|diesen|dieses|unserer|unseren|der|des|ces|nos)\s+
            (?:Terms|Agreement|Contract|Vertrag|Vertrages|AGB|Bedingungen|DPA|AVV|Nutzungsbedingungen|Policy|Conditions|Clauses|Standard\s+Contractual|SCC|Decision|Beschlusses|Treaty|Vertrags|Vereinbarung|conditions|contrat)
        )";

/// A recital keyword in the languages privreg reads: "Recital", "Erwägungsgrund", "ErwGr.",
/// "considérant", "considerando", "overweging", "motyw".
pub const RECITAL: &str = r"(?i)^(?:erwgr?\.|(?:recitals?|erwägungsgr(?:und(?:es|s)?|ünden?)|considérants?|considerand[oi]s?|overweging(?:en)?|motyw(?:y|u|ów|ach)?)(?-u:\b))";

/// The plural recital keywords: a bare list of numbers follows.
pub const RECITALS: &str = r"(?i)^(?:recitals|erwägungsgründe|considérants|considerandi|considerandos|overwegingen|motywy)";

/// Words between a basis and a citation that detach them ("consent or on Art. 6(1)(b)"),
/// searched anywhere in the words between; `\w` as [`LATIN_WORD`].
pub fn detach() -> String {
    latin(DETACH_WORDS)
}

const DETACH_WORDS: &str = r"(?i)[();]|(?-u:\b)(?:or|oder|and|und|bzw|but|aber|sondern|not|nicht|no|kein\w*|without|ohne|instead|rather|unless|except|au[sß]er|if|wenn|falls|where|soweit|sofern|insofar|otherwise|andernfalls|withdraw\w*|revoke\w*|widerruf\w*|ou|et|mais|pas|sans|sinon|si|sauf|retir\w*|révoqu\w*|o|e|ed|oppure|ovvero|ma|non|senza|se|qualora|altrimenti|revoca\w*|y|pero|sin|salvo|cuando|retirar\w*|ou|mas|não|sem|caso|en|maar|niet|geen|zonder|indien|als|tenzij|intrekk\w*|lub|i|oraz|ale|nie|bez|jeśli|jeżeli|gdy|wycofa\w*|veya|ve|ama|değil)(?-u:\b)";

/// Parts before an article that the reversed grammar could not read: a point, paragraph
/// or sentence keyword ([`REVERSED_HINT_WORDS`]) in the 40 characters before it.
pub fn reversed_hint() -> String {
    latin(&format!(r"(?i)\b{REVERSED_HINT_WORDS}\s*[^.;:]{{0,40}}$"))
}

/// Where [`reversed_hint`] can match: one of its keywords, anywhere, and no full stop,
/// semicolon or colon after it. Without the word boundary (`ſatz` is `satz` to the regex,
/// and a Unicode boundary is none a dense DFA asserts) and the bound of 40 characters
/// (which made a table of megabytes), it matches wherever the regex does.
pub fn reversed_hint_gate() -> String {
    latin(&format!(r"(?i){REVERSED_HINT_WORDS}[^.;:]*$"))
}

/// The keywords of [`reversed_hint`] and its gate.
const REVERSED_HINT_WORDS: &str = r"(?:points?|lit(?:t|era)?\.|letters?|buchst\w*|(?:sub-?)?paragraph\w*|sentence|satz|alinéa|lettera|letra|ust\.|lid)";

/// A refinement privreg has no level for, after a citation: "Alt. 2", "Hs. 1",
/// "Doppelbuchst. aa".
pub const QUALIFIER: &str =
    r"^\s*\p{L}{1,14}\.\s*(?:[0-9]{1,3}|[a-z]{1,2}|[ivx]{1,4})(?:[\s,;.)]|$)";

/// The transfer mechanisms' names (PRV406) in English, German, French, Italian, Spanish,
/// Portuguese, Dutch and Polish: standard clauses, binding corporate rules, an adequacy
/// decision, a derogation; `\w` as [`LATIN_WORD`]. Each ends in a word character.
pub const MECHANISM_WORDS: [&str; 4] = [
    r"SCCs?|standard\s+(?:data\s+protection\s+|contractual\s+)?clauses|Standard(?:vertrags|datenschutz)klauseln|EU-Standardvertragsklauseln|clauses\s+contractuelles\s+types|clausole\s+contrattuali\s+(?:tipo|standard)|cl[áa]usulas\s+contractuales\s+tipo|cl[áa]usulas\s+contratuais[-\s]tipo|modelcontractbepalingen|standaardcontractbepalingen|standardow\w+\s+klauzul\w+\s+umown\w+",
    r"BCRs?|binding\s+corporate\s+rules|verbindliche[n]?\s+interne[n]?\s+Datenschutzvorschriften|règles\s+d'entreprise\s+contraignantes|norme\s+vincolanti\s+d'impresa|normas\s+corporativas\s+vinculantes|regras\s+vinculativas\s+aplicáveis\s+às\s+empresas|bindende\s+bedrijfsvoorschriften|wiążąc\w+\s+reguł\w+\s+korporacyjn\w+",
    r"adequacy\s+decisions?|Angemessenheitsbeschl(?:uss|üsse)\w*|décisions?\s+d'adéquation|decision[ei]\s+di\s+adeguatezza|decisi[óo]n(?:es)?\s+de\s+adecuaci[óo]n|decis[ãa]o\s+de\s+adequa[çc][ãa]o|adequaatheidsbesluit\w*|decyzj\w+\s+stwierdzając\w+\s+odpowiedni\w+|(?:EU[-\s]U\.?S\.?\s+)?Data\s+Privacy\s+Framework|DPF",
    r"derogations?|Ausnahme(?:n|tatbestand\w*)?\s+(?:für\s+bestimmte\s+Fälle|nach)|dérogations?|deroghe|excepciones|derrogaciones|derroga[çc][õo]es|afwijkingen|wyjąt\w+",
];

/// The mechanisms' names as one regex, a group `m0` to `m3` for each, between Unicode word
/// boundaries: what PRV406 finds, and what its table ([`mechanism_patterns`]) is tested
/// against.
pub fn mechanism_names() -> String {
    let groups: Vec<String> = MECHANISM_WORDS
        .iter()
        .enumerate()
        .map(|(i, w)| format!("(?P<m{i}>{w})"))
        .collect();
    latin(&format!(r"(?i)\b(?:{})\b", groups.join("|")))
}

/// [`mechanism_names`] for a table, a pattern per mechanism: a dense DFA asserts no Unicode
/// word boundary, so the one after a name is a character that is none of a word, or the
/// end of the text, read into the match (the caller gives it back: every name ends in a
/// word character), and the one before is the caller's to check.
pub fn mechanism_patterns() -> Vec<String> {
    MECHANISM_WORDS
        .iter()
        .map(|w| latin(&format!(r"(?i)(?:{w})(?:\W|$)")))
        .collect()
}

/// The tables searched for their leftmost match anywhere in a text, which `build.rs` also
/// compiles as an unanchored forward DFA (`NAME.fwd.dfa`) and a reverse one (`NAME.rev.dfa`):
/// one pass over the text, then one back over the match, instead of a try at every start.
pub const SEARCHED: [&str; 7] = [
    "candidate",
    "anchor_folded",
    "anchor_exact",
    "reversed_hint",
    "gdpr_anywhere",
    "basis_gate",
    "written_citation",
];

/// A legal citation as privreg writes it: "Art. 6 para. 1 lit. f GDPR", "Art. 6(1)(f) GDPR",
/// "§ 25 para. 2 no. 2 TDDDG", "Art. 49(1) subpara. 2 GDPR". The HTML keeps its spaces
/// no-break (`render::html`).
pub const WRITTEN_CITATION: &str = r"(?:Art\.|§) \d+[a-z]?(?: (?:para|lit|subpara|no|sentence)\. [0-9a-z]+|\([0-9a-z]+\))*(?: of Directive \d{4}/\d+/EC| GDPR| TDDDG| BDSG| HGB| AO)?";

/// Every automaton `build.rs` compiles, by the name of its table (`OUT_DIR/NAME.dfa`), with
/// its patterns: the one list the build script writes and the tests read back. `gdpr` and
/// `other` are the law table's names as one alternation each, `other_rows` its other
/// laws' patterns in order.
pub fn automata(gdpr: &str, other: &str, other_rows: &[&str]) -> Vec<(&'static str, Vec<String>)> {
    vec![
        ("token", token_patterns()),
        ("value", value_patterns()),
        ("law_after", law_after_patterns(other_rows, gdpr)),
        ("basis", basis_patterns()),
        ("basis_gate", vec![BASIS_GATE.to_owned()]),
        ("candidate", vec![CANDIDATE.to_owned()]),
        ("anchor_folded", vec![INSTRUMENT_ANCHORS[0].to_owned()]),
        ("anchor_exact", vec![INSTRUMENT_ANCHORS[1].to_owned()]),
        ("any_law", any_law_patterns(other, gdpr)),
        ("gdpr_anywhere", vec![gdpr_anywhere(gdpr)]),
        ("law_before", law_before_patterns(other_rows, gdpr)),
        ("law_unknown", vec![law_unknown_gate()]),
        ("own_law", vec![OWN_LAW_FOLLOWS.to_owned()]),
        ("not_a_citation", vec![NOT_A_CITATION.to_owned()]),
        ("recital", vec![RECITAL.to_owned()]),
        ("recitals", vec![RECITALS.to_owned()]),
        ("detach", vec![detach()]),
        ("reversed_hint", vec![reversed_hint_gate()]),
        ("qualifier", vec![QUALIFIER.to_owned()]),
        ("mechanism", mechanism_patterns()),
        ("reversed", vec![latin(REVERSED)]),
        ("written_citation", vec![WRITTEN_CITATION.to_owned()]),
    ]
}

/// Reversed parts before the article: "point (f) of", "the second subparagraph of", in
/// group `rev`; `\w` as [`LATIN_WORD`].
pub const REVERSED: &str = r"(?xi)
        (?:^|[^\w])
        (?P<rev>
          (?:
            (?:
                (?:points?|lit(?:t|era)?\.?|letters?|buchst(?:aben?|\.)?|pts?\.|letter[ae]|letras?|lettres?|al[íi]neas?)\s*
                    \(?[a-z0-9]{1,2}\)?(?:\s*(?:,|and|or|und|oder|et|ou|to|bis|à|e|y|i|[-\u{2013}])\s*\(?[a-z0-9]{1,2}\)?)*
              | (?:the\s+)?(?:first|second|third|fourth|fifth)\s+(?:subparagraph|sentence)
              | (?:sub)?paragraphs?\s+[0-9]{1,2}
              | (?:sentence|Satz|Unterabsatz|Absatz|paragraphe)\s+[0-9]{1,2}
              | (?:premier|deuxième|troisième)\s+alinéa
            )
            \s*,?\s+(?:of|des|der|de|du|del|della|dell['’]|de\s+la|d['’])\s*(?:the\s+|l['’])?
          )+
        )$";

/// The letters of the languages the grammar reads: ASCII and Latin-1 to Latin Extended-B
/// (German, French, Italian, Spanish, Portuguese, Dutch, Polish, Turkish ...), digits and
/// `_`. It stands for `\w` in the grammar's patterns: Unicode `\w` is a class of some 700
/// ranges, and compiling it once per use made the first citation of a run cost tens of
/// milliseconds (issue 19); the words it continues are never in another script.
pub const LATIN_WORD: &str = r"[0-9A-Za-z_\u{C0}-\u{24F}]";

/// A character of [`LATIN_WORD`]: the grammar's `\w` where code, not a pattern, asks.
pub fn is_latin_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || ('\u{C0}'..='\u{24F}').contains(&c)
}

/// `pattern` with every `\w` read as [`LATIN_WORD`]; inside a class (`[^\w-]`) the
/// replacement nests, which the regex syntax allows.
pub fn latin(pattern: &str) -> String {
    pattern.replace(r"\w", LATIN_WORD)
}

/// The words of each basis, Art. 6(1)(a) to (f), in English, German, French, Italian,
/// Spanish, Portuguese, Dutch, Polish and Turkish.
pub const BASIS_WORDS: [&str; 6] = [
    r"(?P<a>consent|Einwilligung(?:en)?|consentement|consenso|consentimiento|consentimento|toestemming|zgod\w*|(?:açık\s+)?rıza\w*)",
    r"(?P<b>(?:pre-?)?contract(?:s|ual|ually)?|vertrag\w*|vorvertraglich\w*|contrat(?:s|uel\w*)?|contratt\w*|contrato\w*|contratual\w*|overeenkomst\w*|umow\w*|sözleşme\w*)",
    r"(?P<c>legal\s+obligations?|rechtliche[nr]?\s+Verpflichtung(?:en)?|gesetzliche[nr]?\s+(?:Verpflichtung|Pflicht)\w*|obligations?\s+l[ée]gales?|obblighi\s+legali|obbligo\s+legale|obligaci[óo]n(?:es)?\s+legal(?:es)?|obriga[çc][ãa]o\s+legal|obriga[çc][õo]es\s+legais|wettelijke\s+verplichting\w*|obowiązk\w*\s+prawn\w*|hukuki\s+yükümlülük\w*)",
    r"(?P<d>vital\s+interests?|lebenswichtige[nr]?\s+Interessen?|intérêts?\s+vitaux|interessi\s+vitali|intereses\s+vitales|interesses\s+vitais|vitale\s+belangen|\w*ywotn\w*\s+interes\w*)",
    r"(?P<e>public\s+interest|official\s+authority|public\s+task|\w*ffentlichen?\s+Interesses?|\w*ffentliche[nr]?\s+Gewalt|intérêt\s+public|interesse\s+pubblico|pubblici\s+poteri|inter[ée]s\s+p[úu]blico|poderes\s+p[úu]blicos|algemeen\s+belang|openbaar\s+gezag|interes\w*\s+publiczn\w*|władzy\s+publicznej)",
    r"(?P<f>legitimate\s+interests?|berechtigte[nsr]?\s+Interessen?|intérêts?\s+légitimes?|interess[ei]\s+legittim[oi]|inter[ée]s(?:es)?\s+leg[íi]timos?|interesses?\s+leg[íi]timos?|gerechtvaardigd\w*\s+belang\w*|prawnie\s+uzasadnion\w*\s+interes\w*|meşru\s+menfaat\w*)",
];

/// Where a basis word can start, case-folded as [`BASIS_WORDS`]: a word that every branch
/// of theirs begins with, or (`ywotn`, `ffentliche`) holds after its leading `\w*`. A basis
/// word starts at one of these or earlier in its word, so a search tries only those starts
/// (`rules::citations::basis_mentions`); the tests generate every branch to hold it to that.
pub const BASIS_GATE: &str = r"(?i:consen|einwilligung|toestemming|zgod|açık|rıza|pre|contra|vertrag|vorvertraglich|overeenkomst|umow|sözleşme|legal|rechtliche|gesetzliche|obliga|obblig|obriga|wettelijke|obowiązk|hukuki|vital|lebenswichtige|intérêt|interes|interés|ywotn|public|official|ffentliche|pubblici|poderes|algemeen|openbaar|władzy|legitimate|berechtigte|gerechtvaardigd|prawnie|meşru)";

/// The lexer's patterns: TOKEN's branches, each anchored after optional white space.
pub fn token_patterns() -> Vec<String> {
    token_branches()
        .map(|b| latin(&format!(r"(?xi)^\s*(?:{b})")))
        .collect()
}

/// VALUE's branches as anchored patterns, as [`token_patterns`] are TOKEN's.
pub fn value_patterns() -> Vec<String> {
    VALUE_BRANCHES
        .iter()
        .map(|b| format!(r"(?xi)^\s*(?:{b})"))
        .collect()
}

/// The rows of another law named after the provisions, a pattern each in the table's
/// order (`other`), then the GDPR (`gdpr`, the alternation of its names) last: the first
/// pattern wins wherever it matches, as other laws were tried first ("UK GDPR" ends in
/// "GDPR"), and the pattern tells the row.
pub fn law_after_patterns(other: &[&str], gdpr: &str) -> Vec<String> {
    other
        .iter()
        .map(|row| format!("{LAW_PREFIX}(?:{row})"))
        .chain([format!("{LAW_PREFIX}{gdpr}")])
        .collect()
}

/// The basis words as one leftmost-first pattern per point of Art. 6(1), (a) first, each
/// between ASCII word boundaries (a Unicode boundary would keep a regex off its DFA on
/// every non-ASCII sentence; words that end in a non-ASCII letter take `\w*` instead).
pub fn basis_patterns() -> Vec<String> {
    BASIS_WORDS
        .iter()
        .map(|w| latin(&format!(r"(?xi)(?-u:\b)(?:{w})(?-u:\b)")))
        .collect()
}
