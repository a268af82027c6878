/// The CIN census's generated records written back as the SSD's tables.
enum SSDFromCIN {
    static func add(_ council: SyntheticReturn, into out: inout SyntheticReturn, ids: inout SSDRowIDs) {}
}
