import CLibXML2
import Foundation

/// Every problem libxml2 reports while one document is read: parse errors and schema
/// breaches alike.
///
/// libxml2 prints its own messages unless a handler is installed, and its per-reader relay
/// (`xmlTextReaderSetStructuredErrorHandler`) crashes 2.9.x once a schema is attached and the
/// file is malformed. So every route installs this one thread-wide handler for the time of a
/// read instead: nothing reaches the terminal but our own one-line message.
final class XMLProblems {
    struct Problem {
        var domain: Int
        var code: Int
        var line: Int
        var message: String
    }

    private(set) var all: [Problem] = []
    private var taken = 0

    /// Runs `body` with libxml2's problems going to a fresh collector.
    static func capturing<T>(_ body: (XMLProblems) throws -> T) rethrows -> T {
        let box = XMLProblems()
        statreturn_silence_generic_errors()
        xmlSetStructuredErrorFunc(Unmanaged.passUnretained(box).toOpaque()) { context, error in
            guard let context, let error else { return }
            let message = error.pointee.message.map { String(cString: $0) } ?? ""
            Unmanaged<XMLProblems>.fromOpaque(context).takeUnretainedValue().all.append(
                Problem(domain: Int(error.pointee.domain), code: Int(error.pointee.code), line: Int(error.pointee.line),
                        // libxml2 adds a second line to some messages (the bytes of bad UTF-8); ours are one line.
                        message: message.split(whereSeparator: \.isNewline).joined(separator: "; ")))
        }
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        return try withExtendedLifetime(box) { try body(box) }
    }

    /// The last message, for a read that stopped on a fatal error.
    var lastMessage: String? { all.last?.message }

    /// Schema breaches of structure reported since the last call, in line order.
    func takeStructural() -> [(line: Int, message: String)] {
        defer { taken = all.count }
        return all[taken...].filter { $0.domain == Int(XML_FROM_SCHEMASV.rawValue) && !Self.isValueProblem($0.code) }
            .map { ($0.line, $0.message) }.sorted { $0.line < $1.line }
    }

    /// Every schema breach, values included (checking what we write).
    var schemaBreaches: [Problem] { all.filter { $0.domain == Int(XML_FROM_SCHEMASV.rawValue) } }

    /// A malformed value is reported by the field's own rule, under its official code;
    /// the schema check reports only structure (elements missing, unexpected or out of order).
    static func isValueProblem(_ code: Int) -> Bool {
        // libxml2's XML_SCHEMAV_CVC_* datatype and facet codes.
        (1824...1843).contains(code)
    }
}
