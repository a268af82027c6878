/// One issue on one record: what every report is a view of.
public struct Finding: Codable, Sendable, Equatable {
    public var returnName: String
    public var year: String
    public var code: String
    public var severity: Severity
    /// Table of the record; empty for a finding about the whole return.
    public var table: String
    /// Where the record is in `file`: its data-record number in a CSV file (first record after
    /// the header = 1), its row in a workbook's sheet (as Excel numbers it), its line in XML.
    public var row: Int?
    public var file: String
    public var child: String
    public var fields: [String]
    /// Raw values of `fields`, as found.
    public var values: [String]
    /// What each of `values` means where the spec's code list says ("Placed for adoption"); empty otherwise.
    public var labels: [String] = []
    public var message: String
    public var team: String
    public var worker: String
    /// Other records involved (e.g. the episode this one overlaps), with their values of `fields`.
    public var related: [Related]
    /// The record by its declared key, as found ("CHILD=C1; DECOM=26/09/2025"); the child alone
    /// for a finding about a child, empty for one about the whole return. It does not move when
    /// rows do, so tomorrow's extract gives the same problem the same identity.
    public var key: String = ""
    /// The record in the case system's words ("episode starting 26/09/2025"), from the spec.
    public var record: String = ""
    /// Where the record came from when it was derived from a database (an SSD extract): the
    /// source table and key ("ssd_cla_episodes clae_cla_episode_id=E12"); empty for a file's record.
    public var source: String = ""
    /// The finding this one follows from, when a value of its record is malformed or off its
    /// list and this rule reads that value: the rule code and field (`1006 MISSING`); fix that first.
    public var causedBy: String = ""

    /// What makes this finding the same one in another run: return, rule, table, record key, fields.
    public var identity: String { [returnName, code, table, key, fields.joined(separator: ",")].joined(separator: "|") }

    public struct Related: Codable, Sendable, Equatable {
        /// Row in the same file as the finding's record.
        public var row: Int
        public var values: [String]
    }

    enum CodingKeys: String, CodingKey {
        case returnName = "return", year, code, severity, table, row, file, child, fields, values, labels, message
        case team, worker, related, key, record, source, causedBy = "caused_by"
    }
}
