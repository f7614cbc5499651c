//! The generated register section both benchmarks use: one processor in the US with
//! the DPF with the SCCs as its fallback, three legal bases, retention: a realistic, valid section.

/// Section number `i` as YAML.
pub fn section(i: usize) -> String {
    format!(
        "id: section-{i}\norder: {i}\ntitle: Service number {i}\nprocessed_by: processors\n\
         purposes:\n  - communication with selected customers\n  - support case {i}\n\
         data_categories:\n  - contact details\n  - technical metadata (such as IP address)\n\
         measures:\n  - communication takes place by invitation only\n\
         legal_bases:\n  - basis: contract\n    scope: contractual performance or initiation\n\
         \x20 - basis: legitimate-interests\n    interest: effective contact management\n\
         \x20 - basis: consent\n    condition: in cases of voluntary use\n\
         processors:\n  - service: Tool {i}\n    provider:\n      legal_name: Tool {i}, Inc.\n\
         \x20     address: {i} Mission Street, San Francisco, CA 94105\n      country: US\n\
         \x20   dpa:\n      concluded: true\n    transfers:\n      - country: US\n\
         \x20       certainty: takes-place\n        mechanisms: [dpf, scc]\n        relation: fallback\n\
         \x20       dpf_participant: https://www.dataprivacyframework.gov/participant/{i}\n\
         \x20       copy: https://eur-lex.europa.eu/eli/dec_impl/2021/914/oj\n\
         \x20   privacy_policy: https://tool{i}.example/privacy\n\
         retention:\n  period: as long as necessary to fulfil the purposes described above\n"
    )
}
