/// Spec files are strict: a key no decoder asked for (`requird:`, `feilds:`) is a mistake,
/// never silently ignored. Decoding goes through `KeyTracker`'s wrapper, which notes
/// for each mapping the keys the spec's types asked about; any other key of a mapping
/// read is unknown. This needs no list of allowed keys beside the types that read them.
final class KeyTracker {
    struct Mapping {
        var path: [CodingKey]
        var present: [String]
        var asked: Set<String> = []
        /// The mapping's `name`, when it has one, so messages say `tables.Episodes` not `tables[1]`.
        var name: String?
    }
    private(set) var mappings: [Mapping] = []

    func open(path: [CodingKey], present: [String]) -> Int {
        mappings.append(Mapping(path: path, present: present))
        return mappings.count - 1
    }
    func ask(_ key: String, in mapping: Int) { mappings[mapping].asked.insert(key) }
    func name(_ name: String, of mapping: Int) { mappings[mapping].name = name }

    /// The first unknown key, in the order the file was read.
    func firstUnknown(file: String) -> SpecError? {
        for m in mappings {
            guard let key = m.present.first(where: { !m.asked.contains($0) }) else { continue }
            let known = m.asked.sorted()
            let hint = closest(to: key, in: known).map { " (did you mean '\($0)'?)" }
                ?? (known.isEmpty ? "" : " (known: \(known.joined(separator: ", ")))")
            return SpecError(file: file, entry: readable(m.path), problem: "unknown key '\(key)'\(hint)")
        }
        return nil
    }

    /// The key path with list positions shown by the entry's name where it has one (1-based otherwise).
    private func readable(_ path: [CodingKey]) -> String {
        var text = ""
        for i in path.indices {
            if let n = path[i].intValue {
                let prefix = Array(path[...i]).map(\.stringValue)
                let named = mappings.first { $0.path.map(\.stringValue) == prefix }?.name
                text += named.map { (text.isEmpty ? "" : ".") + $0 } ?? "[\(n + 1)]"
            } else {
                text += (text.isEmpty ? "" : ".") + path[i].stringValue
            }
        }
        return text
    }
}

/// The known key a mistyped one most likely meant: the nearest by edit distance, if near.
func closest(to word: String, in candidates: [String]) -> String? {
    let scored = candidates.map { ($0, editDistance(word.lowercased(), $0.lowercased())) }
    guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, word.count / 3) else { return nil }
    return best.0
}

private func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    var previous = Array(0...b.count)
    for i in 1...max(a.count, 1) where !a.isEmpty {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...max(b.count, 1) where !b.isEmpty {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}

/// A decoder that passes everything to Yams' and reports each mapping and key to the tracker.
struct TrackingDecoder: Decoder {
    let base: Decoder
    let tracker: KeyTracker

    var codingPath: [CodingKey] { base.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { base.userInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        let c = try base.container(keyedBy: AnyKey.self)
        let id = tracker.open(path: codingPath, present: c.allKeys.map(\.stringValue))
        return KeyedDecodingContainer(TrackingKeyed<Key>(base: c, tracker: tracker, id: id))
    }

    func unkeyedContainer() throws -> UnkeyedDecodingContainer {
        TrackingUnkeyed(base: try base.unkeyedContainer(), tracker: tracker)
    }

    func singleValueContainer() throws -> SingleValueDecodingContainer {
        TrackingSingle(decoder: self, base: try base.singleValueContainer())
    }
}

private struct TrackingKeyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let base: KeyedDecodingContainer<AnyKey>
    let tracker: KeyTracker
    let id: Int

    var codingPath: [CodingKey] { base.codingPath }
    var allKeys: [Key] { base.allKeys.compactMap { Key(stringValue: $0.stringValue) } }

    private func any(_ key: Key) -> AnyKey {
        tracker.ask(key.stringValue, in: id)
        return AnyKey(stringValue: key.stringValue)
    }

    func contains(_ key: Key) -> Bool { base.contains(any(key)) }
    func decodeNil(forKey key: Key) throws -> Bool { try base.decodeNil(forKey: any(key)) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        let value = try base.decode(type, forKey: any(key))
        if key.stringValue == "name" && !value.contains(where: \.isWhitespace) { tracker.name(value, of: id) }
        return value
    }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try T(from: TrackingDecoder(base: try base.superDecoder(forKey: any(key)), tracker: tracker))
    }
    func nestedContainer<N: CodingKey>(keyedBy type: N.Type, forKey key: Key) throws -> KeyedDecodingContainer<N> {
        try TrackingDecoder(base: try base.superDecoder(forKey: any(key)), tracker: tracker).container(keyedBy: type)
    }
    func nestedUnkeyedContainer(forKey key: Key) throws -> UnkeyedDecodingContainer {
        TrackingUnkeyed(base: try base.nestedUnkeyedContainer(forKey: any(key)), tracker: tracker)
    }
    func superDecoder() throws -> Decoder { TrackingDecoder(base: try base.superDecoder(), tracker: tracker) }
    func superDecoder(forKey key: Key) throws -> Decoder {
        TrackingDecoder(base: try base.superDecoder(forKey: any(key)), tracker: tracker)
    }

    // Scalars: Yams reads them directly.
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try base.decode(type, forKey: any(key)) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try base.decode(type, forKey: any(key)) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try base.decode(type, forKey: any(key)) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try base.decode(type, forKey: any(key)) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try base.decode(type, forKey: any(key)) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try base.decode(type, forKey: any(key)) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try base.decode(type, forKey: any(key)) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try base.decode(type, forKey: any(key)) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try base.decode(type, forKey: any(key)) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try base.decode(type, forKey: any(key)) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try base.decode(type, forKey: any(key)) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try base.decode(type, forKey: any(key)) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try base.decode(type, forKey: any(key)) }
}

private struct TrackingUnkeyed: UnkeyedDecodingContainer {
    var base: UnkeyedDecodingContainer
    let tracker: KeyTracker

    var codingPath: [CodingKey] { base.codingPath }
    var count: Int? { base.count }
    var isAtEnd: Bool { base.isAtEnd }
    var currentIndex: Int { base.currentIndex }

    mutating func decodeNil() throws -> Bool { try base.decodeNil() }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try T(from: TrackingDecoder(base: try base.superDecoder(), tracker: tracker))
    }
    mutating func nestedContainer<N: CodingKey>(keyedBy type: N.Type) throws -> KeyedDecodingContainer<N> {
        try TrackingDecoder(base: try base.superDecoder(), tracker: tracker).container(keyedBy: type)
    }
    mutating func nestedUnkeyedContainer() throws -> UnkeyedDecodingContainer {
        TrackingUnkeyed(base: try base.nestedUnkeyedContainer(), tracker: tracker)
    }
    mutating func superDecoder() throws -> Decoder { TrackingDecoder(base: try base.superDecoder(), tracker: tracker) }

    mutating func decode(_ type: String.Type) throws -> String { try base.decode(type) }
    mutating func decode(_ type: Bool.Type) throws -> Bool { try base.decode(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try base.decode(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try base.decode(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try base.decode(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try base.decode(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try base.decode(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try base.decode(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try base.decode(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try base.decode(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try base.decode(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try base.decode(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try base.decode(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try base.decode(type) }
}

private struct TrackingSingle: SingleValueDecodingContainer {
    let decoder: TrackingDecoder
    let base: SingleValueDecodingContainer

    var codingPath: [CodingKey] { base.codingPath }

    func decodeNil() -> Bool { base.decodeNil() }
    /// A value decoded from this same node (e.g. an enum wrapping a mapping) stays tracked.
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: decoder) }

    func decode(_ type: String.Type) throws -> String { try base.decode(type) }
    func decode(_ type: Bool.Type) throws -> Bool { try base.decode(type) }
    func decode(_ type: Double.Type) throws -> Double { try base.decode(type) }
    func decode(_ type: Float.Type) throws -> Float { try base.decode(type) }
    func decode(_ type: Int.Type) throws -> Int { try base.decode(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try base.decode(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try base.decode(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try base.decode(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try base.decode(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try base.decode(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try base.decode(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try base.decode(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try base.decode(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try base.decode(type) }
}

/// A spec file's `T` and the first key `T` did not read, if any. The key is kept rather than
/// thrown because Yams reports any error but its own as "not valid YAML".
struct StrictYAML<T: Decodable>: Decodable {
    var value: T
    var unknown: SpecError?
    init(from decoder: Decoder) throws {
        let tracker = KeyTracker()
        value = try T(from: TrackingDecoder(base: decoder, tracker: tracker))
        unknown = tracker.firstUnknown(file: decoder.userInfo[.specFile] as? String ?? "")
    }
}

extension CodingUserInfoKey {
    static let specFile = CodingUserInfoKey(rawValue: "statreturn.specFile")!
}
