//! `privreg record`: the record of processing activities (Art. 30 GDPR).

use std::collections::BTreeMap;

use crate::support::{Project, repo_root, run_in};

/// Parses RFC 4180 CSV: records end with CRLF, quoted fields may hold anything.
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "a record ends with CRLF");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => {
                assert!(c != '\n', "a bare LF outside quotes: {text:?}");
                field.push(c);
            }
        }
    }
    assert!(
        field.is_empty() && record.is_empty(),
        "the last record ends with CRLF"
    );
    records
}

/// The CSV's rows as header → cell maps.
fn rows(csv: &str) -> Vec<BTreeMap<String, String>> {
    let mut records = parse_csv(csv).into_iter();
    let headers = records.next().expect("a header row");
    records
        .map(|r| {
            assert_eq!(r.len(), headers.len(), "{r:?}");
            headers.iter().cloned().zip(r).collect()
        })
        .collect()
}

#[test]
fn the_record_of_the_shipped_register_in_every_format() {
    for (format, name) in [
        ("markdown", "record-md"),
        ("html", "record-html"),
        ("csv", "record-csv"),
    ] {
        let t = run_in(&repo_root(), &["record", format, "--format", "concise"]);
        assert_eq!(t.code, 0, "{t}");
        // The findings go to stderr: stdout is the record alone.
        assert!(t.stderr.contains("warning[PRV701]"), "{t}");
        insta::assert_snapshot!(name, t.stdout);
    }
}

/// A register that fills every item of Art. 30(1), one value per field, to find it in its
/// column.
pub const FULL_CONFIG: &str = "\
last_updated: \"2026-11-29\"
controller:
  legal_name: Example GmbH
  address: Hauptstr. 1, 10115 Berlin
  country: DE
  email: privacy@example.com
  dpo: { name: Erika Mustermann, email: dpo@example.com }
  representative: { legal_name: Rep Ltd, address: 1 Main Street, country: IE }
security_measures: [encryption at rest]
processor_for:
  - controllers: [{ legal_name: Customer AG, address: Ring 1, country: AT, email: c@customer.example }]
    processing: [hosting the customer's workspace]
    services: [Payline]
";

pub const FULL_SECTION: &str = "\
id: payments
order: 1
title: Payments
purposes: [collecting payments]
data_subjects: [customers]
data_categories: [invoices]
security_measures: [payment data tokenised]
dpia: DPIA-7
legal_bases:
  - basis: contract
retention:
  duration: 10 years
  statutory: [§ 147 AO]
provision: { requirement: contract-prerequisite, consequences: no order }
recipient_categories: [tax advisers]
processors:
  - service: Payline
    provider: { legal_name: Payline Pty Ltd, address: \"1 George St, Sydney\", country: AU }
    dpa: { concluded: true, date: \"2025-02-03\" }
    transfers:
      - country: AU
        certainty: takes-place
        mechanisms: [derogation-compelling-interests]
        occasional: true
        compelling_interest: recovering a disputed payment
        safeguards: only the disputed invoice, encrypted
  - service: Eventpartner
    role: joint-controller
    arrangement: we collect, they run the event
    contact_point: events@example.com
    provider: { legal_name: Event GmbH, address: \"Ring 2, 50667 Köln\", country: DE }
";

pub fn full() -> Project {
    let p = Project::new();
    p.write("privreg.yaml", FULL_CONFIG);
    p.write("registers/payments.yaml", FULL_SECTION);
    p
}

#[test]
fn each_item_of_article_30_1_has_its_column_with_the_registers_value() {
    let p = full();
    let t = p.run(&["record", "csv"]);
    assert_eq!(t.code, 0, "{t}");
    let rows = rows(&t.stdout);
    let row = &rows[0];
    let cell = |header: &str| {
        row.get(header)
            .unwrap_or_else(|| panic!("no column `{header}`: {:?}", row.keys()))
            .as_str()
    };
    assert_eq!(cell("Processing activity"), "10.1 Payments");
    // Art. 30(1)(a): the name and contact details of the controller, the joint controller,
    // the representative and the data protection officer.
    assert_eq!(
        cell("Controller [Art. 30(1)(a)]"),
        "Example GmbH, Hauptstr. 1, 10115 Berlin, Germany\nemail: privacy@example.com"
    );
    assert_eq!(
        cell("Joint controllers [Art. 30(1)(a)]"),
        "Event GmbH, Ring 2, 50667 Köln, Germany; contact point: events@example.com"
    );
    assert_eq!(
        cell("Representative [Art. 30(1)(a)]"),
        "Rep Ltd, 1 Main Street, Ireland"
    );
    assert_eq!(
        cell("Data protection officer [Art. 30(1)(a)]"),
        "Erika Mustermann\nemail: dpo@example.com"
    );
    // Art. 30(1)(b): the purposes of the processing.
    assert_eq!(cell("Purposes [Art. 30(1)(b)]"), "collecting payments");
    // Art. 30(1)(c): the categories of data subjects and of personal data.
    assert_eq!(
        cell("Categories of data subjects [Art. 30(1)(c)]"),
        "customers"
    );
    assert_eq!(
        cell("Categories of personal data [Art. 30(1)(c)]"),
        "invoices"
    );
    // Art. 30(1)(d): the categories of recipients, including those in third countries.
    assert_eq!(
        cell("Categories of recipients [Art. 30(1)(d)]"),
        "Payline Pty Ltd (Payline), Australia: processor\n\
         Event GmbH (Eventpartner), Germany: joint controller\ntax advisers"
    );
    // Art. 30(1)(e): transfers with the third country and, for the second subparagraph of
    // Art. 49(1), the documentation of suitable safeguards.
    assert_eq!(
        cell("Transfers to third countries [Art. 30(1)(e)]"),
        "Australia: Payline Pty Ltd (transfer takes place); suitable safeguards (Art. 49(1), \
         second subparagraph, GDPR): only the disputed invoice, encrypted"
    );
    // Art. 30(1)(f): the envisaged time limits for erasure.
    assert_eq!(
        cell("Time limits for erasure [Art. 30(1)(f)]"),
        "10 years, then the statutory retention periods of § 147 AO"
    );
    // Art. 30(1)(g): a general description of the security measures of Art. 32(1), the
    // project's and the activity's.
    assert_eq!(
        cell("Technical and organisational security measures [Art. 30(1)(g)]"),
        "encryption at rest\npayment data tokenised"
    );
    // Further columns, apart from the items the law requires.
    assert_eq!(
        cell("Legal bases [further]"),
        "Art. 6 para. 1 lit. b GDPR: performance of a contract or pre-contractual steps"
    );
    assert_eq!(
        cell("Transfer mechanisms [further]"),
        format!(
            "Australia (Payline Pty Ltd): Art. 49 para. 1 subpara. 2 GDPR ({})",
            mechanism_label()
        )
    );
    assert_eq!(
        cell("Data processing agreements [further]"),
        "Payline: concluded on 2025-02-03 with Payline Pty Ltd"
    );
    assert_eq!(
        cell("Data protection impact assessment [further]"),
        "DPIA-7"
    );
    let headers = parse_csv(&t.stdout).remove(0);
    let first_further = headers
        .iter()
        .position(|h| h.ends_with("[further]"))
        .unwrap();
    assert!(
        headers[..first_further]
            .iter()
            .all(|h| !h.ends_with("[further]"))
            && headers[first_further..]
                .iter()
                .all(|h| h.ends_with("[further]")),
        "the required items first, the further columns apart: {headers:?}"
    );
}

/// The label privreg's mechanism table gives Art. 49(1), second subparagraph.
fn mechanism_label() -> String {
    privreg::law::mechanisms::lookup("derogation-compelling-interests")
        .unwrap()
        .label
        .to_owned()
}

#[test]
fn the_processor_record_has_each_item_of_article_30_2() {
    let p = full();
    let t = p.run(&["record", "csv", "--processor"]);
    assert_eq!(t.code, 0, "{t}");
    let rows = rows(&t.stdout);
    assert_eq!(rows.len(), 1, "{t}");
    let row = &rows[0];
    // Art. 30(2)(a): the processor, each controller it acts for, representative and DPO.
    assert!(
        row["Processor [Art. 30(2)(a)]"].starts_with("Example GmbH"),
        "{row:?}"
    );
    assert_eq!(
        row["Controllers [Art. 30(2)(a)]"],
        "Customer AG, Ring 1, Austria; email c@customer.example"
    );
    // Art. 30(2)(b): the categories of processing carried out on behalf of each controller.
    assert_eq!(
        row["Categories of processing [Art. 30(2)(b)]"],
        "hosting the customer's workspace"
    );
    // Art. 30(2)(c): transfers, through the services named.
    assert!(
        row["Transfers to third countries [Art. 30(2)(c)]"].starts_with("Australia: Payline"),
        "{row:?}"
    );
    // Art. 30(2)(d): the security measures.
    assert_eq!(
        row["Technical and organisational security measures [Art. 30(2)(d)]"],
        "encryption at rest"
    );
}

#[test]
fn a_silent_register_says_not_stated_where_the_law_asks() {
    let p = Project::new();
    p.write(
        "registers/a.yaml",
        "id: a\norder: 1\ntitle: A\npurposes: [p]\nlegal_bases:\n  - basis: contract\n",
    );
    let t = p.run(&["record", "csv", "--format", "concise"]);
    assert_eq!(t.code, 0, "{t}");
    let row = &rows(&t.stdout)[0];
    for header in [
        "Controller [Art. 30(1)(a)]",
        "Categories of data subjects [Art. 30(1)(c)]",
        "Categories of personal data [Art. 30(1)(c)]",
        "Time limits for erasure [Art. 30(1)(f)]",
        "Technical and organisational security measures [Art. 30(1)(g)]",
    ] {
        assert_eq!(row[header], "not stated", "{header}");
    }
    // "Where applicable": a register that names none has none.
    assert_eq!(row["Joint controllers [Art. 30(1)(a)]"], "");
    // Without privreg.yaml there is no controller to warn about (PRV501 points at that file).
    for code in ["PRV701", "PRV301"] {
        assert!(t.stderr.contains(code), "{code}: {t}");
    }
}

#[test]
fn an_error_prints_no_record_and_exits_1() {
    let p = Project::new();
    p.write("registers/a.yaml", "id: a\norder: 1\n");
    let t = p.run(&["record", "csv"]);
    assert_eq!(t.code, 1, "{t}");
    assert_eq!(t.stdout, "");
    assert!(t.stderr.contains("error[PRV003]"), "{t}");
}

#[test]
fn no_value_escapes_its_cell_in_any_format() {
    let p = full();
    let evil = "=HYPERLINK(\"https://evil.example\") | <script>x</script> *y*";
    p.write(
        "registers/payments.yaml",
        &FULL_SECTION.replace(
            "purposes: [collecting payments]",
            &format!("purposes: [{}]", serde_json::to_string(evil).unwrap()),
        ),
    );
    let csv = p.run(&["record", "csv"]);
    assert_eq!(
        rows(&csv.stdout)[0]["Purposes [Art. 30(1)(b)]"],
        format!("'{evil}")
    );
    let html = p.run(&["record", "html"]);
    assert!(!html.stdout.contains("<script>"), "{html}");
    assert!(
        html.stdout.contains(
            "=HYPERLINK(&quot;https://evil.example&quot;) | &lt;script&gt;x&lt;/script&gt; *y*"
        ),
        "{html}"
    );
    let md = p.run(&["record", "markdown"]);
    assert!(
        md.stdout.contains(
            "| Purposes (Art. 30(1)(b)) | \\=HYPERLINK(\"https://evil.example\") \\| \\<script\\>x\\</script\\> \\*y\\* |"
        ),
        "{md}"
    );
}

/// Runs `privreg ARGS --root <project>` and returns its exit code and raw stdout.
fn run_bytes(p: &Project, args: &[&str], epoch: Option<&str>) -> (i32, Vec<u8>) {
    let mut cmd = crate::support::privreg();
    match epoch {
        Some(e) => cmd.env("SOURCE_DATE_EPOCH", e),
        None => cmd.env_remove("SOURCE_DATE_EPOCH"),
    };
    let out = cmd
        .args(args)
        .arg("--root")
        .arg(p.path())
        .current_dir(p.path())
        .output()
        .unwrap();
    (out.status.code().unwrap_or(-1), out.stdout)
}

/// Every cell of a sheet as text, row by row.
fn sheet(bytes: &[u8], name: &str) -> Vec<Vec<String>> {
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let range = book.worksheet_range(name).unwrap();
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

/// A CSV field as the value it stands for: without the apostrophe that keeps a formula
/// start from running (docs/record.md).
fn unguarded(field: &str) -> String {
    match field.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest.to_owned(),
        _ => field.to_owned(),
    }
}

#[test]
fn the_xlsx_reads_back_with_the_cells_of_the_csv() {
    let p = full();
    // A value that starts like a formula: a string cell in XLSX, guarded in CSV.
    p.write(
        "registers/payments.yaml",
        &FULL_SECTION.replace("dpia: DPIA-7", "dpia: \"=1+1\""),
    );
    let (code, xlsx) = run_bytes(&p, &["record", "xlsx"], None);
    assert_eq!(code, 0);
    for (name, args) in [
        ("Art. 30(1)", &["record", "csv"][..]),
        ("Art. 30(2)", &["record", "csv", "--processor"][..]),
    ] {
        let t = p.run(args);
        assert_eq!(t.code, 0, "{t}");
        let csv: Vec<Vec<String>> = parse_csv(&t.stdout)
            .iter()
            .map(|r| r.iter().map(|f| unguarded(f)).collect())
            .collect();
        assert_eq!(sheet(&xlsx, name), csv, "{name}");
    }
    assert!(sheet(&xlsx, "Art. 30(1)")[1].contains(&"=1+1".to_owned()));
}

/// The creation date in the workbook's core properties.
fn created(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut core = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("docProps/core.xml").unwrap(), &mut core)
        .unwrap();
    let start = core.find("<dcterms:created").unwrap();
    let start = start + core[start..].find('>').unwrap() + 1;
    let end = start + core[start..].find('<').unwrap();
    core[start..end].to_owned()
}

#[test]
fn the_xlsx_is_dated_from_the_register_never_from_the_clock() {
    let p = full();
    // last_updated: "2026-11-29" decides, whatever SOURCE_DATE_EPOCH says.
    let (code, a) = run_bytes(&p, &["record", "xlsx"], Some("0"));
    assert_eq!(code, 0);
    assert_eq!(created(&a), "2026-11-29T00:00:00Z");
    let (_, b) = run_bytes(&p, &["record", "xlsx"], None);
    assert_eq!(a, b, "the same register gives the same bytes");
    // No date anywhere: the zip format's first day, as the zip entries carry.
    p.write(
        "privreg.yaml",
        &FULL_CONFIG.replace("last_updated: \"2026-11-29\"\n", ""),
    );
    let (code, c) = run_bytes(&p, &["record", "xlsx"], None);
    assert_eq!(code, 0);
    assert_eq!(created(&c), "1980-01-01T00:00:00Z");
}
