/// One offending record as a rule (or ingest) reports it, before it is dressed as a `Finding`.
public struct RuleHit: Sendable, Hashable {
    public var code: String
    /// Table of the offending row; nil for a finding about the whole return.
    public var table: String?
    /// `_row` of the offending record in `table`.
    public var row: Int?
    /// Other rows of `table` involved (e.g. the episode this one overlaps).
    public var related: [Int]
    /// Child, when the rule names one without a row.
    public var child: String?
    /// The fields at fault when narrower than the rule's (a field check names the one it read).
    public var fields: [String]? = nil
    /// For a problem in a file rather than a record (e.g. the XML schema): where it is and what was found.
    public var place: Place? = nil
    /// The value a rule with a `fix` says to put instead, when it knows one.
    public var fix: String? = nil

    public struct Place: Sendable, Hashable {
        public var file: String
        public var line: Int
        public var values: [String]
    }
}
