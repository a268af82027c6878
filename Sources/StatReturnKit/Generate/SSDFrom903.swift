/// The 903's generated records written back as the SSD's tables.
enum SSDFrom903 {
    static func add(_ council: SyntheticReturn, into out: inout SyntheticReturn, ids: inout SSDRowIDs) {}
}
