//! PRV403: a transfer instrument or law that is no longer in force.

crate::declare_rule! {
    /// The text relies on an instrument or law that is no longer in force.
    ///
    /// ## What it does
    /// Finds the EU-US Privacy Shield and the Swiss-US Privacy Shield (each with its own
    /// message), Safe Harbor, Directive 95/46/EC, the BDSG as it stood before 25 May 2018
    /// ("§ 4a BDSG", "BDSG a.F."), the German TTDSG and TMG, and the standard contractual
    /// clauses of Decisions 2001/497/EC, 2004/915/EC and 2010/87/EU, and names the date
    /// they ended and their successor. A sentence that itself says the instrument was
    /// invalidated, replaced, repealed or renamed (in any supported language) is not
    /// reported.
    ///
    /// ## Why is this bad?
    /// A transfer based on an invalid instrument has no legal basis under Chapter V GDPR,
    /// and a notice citing a repealed law misinforms the reader (Art. 13(1)(f) GDPR).
    ///
    /// ## Example
    /// ```text
    /// Transfers to the US are based on the EU-US Privacy Shield.
    /// ```
    /// Use instead:
    /// ```text
    /// Transfers to the US are based on the EU-US Data Privacy Framework.
    /// ```
    ///
    /// ## Legal source
    /// CJEU C-311/18 (Schrems II), 16 July 2020; CJEU C-362/14 (Schrems I), 6 October 2015;
    /// Commission Implementing Decision (EU) 2023/1795 of 10 July 2023 (Data Privacy
    /// Framework); Commission Implementing Decision (EU) 2021/914 of 4 June 2021 (new
    /// SCCs; old SCCs repealed from 27 September 2021, old contracts valid until
    /// 27 December 2022); German Digitale-Dienste-Gesetz, in force 14 May 2024 (TMG
    /// repealed, TTDSG renamed TDDDG); Art. 94 GDPR (Directive 95/46/EC repealed from
    /// 25 May 2018); Swiss FDPIC statement of 8 September 2020 (Swiss-US Privacy Shield)
    /// and Swiss Federal Council decision of 14 August 2024 (Swiss-U.S. DPF from
    /// 15 September 2024).
    pub static INSTRUMENT_OUTDATED = ("PRV403", "instrument-outdated", Warning);
}
