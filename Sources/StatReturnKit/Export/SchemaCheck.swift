import CLibXML2
import Foundation

/// Checks an XML document against an XSD with libxml2, streaming (no whole-document
/// tree), and returns the problems found as "line N: message".
public enum SchemaCheck {
    public static func problems(in xml: Data, schema: URL) throws -> [String] {
        try XMLProblems.capturing { problems in
            try xml.withUnsafeBytes { buf in
                guard let reader = xmlReaderForMemory(buf.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(buf.count),
                                                      "export.xml", nil, Int32(XML_PARSE_NONET.rawValue)) else {
                    throw InputError(file: "export.xml", problem: "cannot be read as XML")
                }
                defer { xmlFreeTextReader(reader) }
                guard xmlTextReaderSchemaValidate(reader, schema.path) == 0 else {
                    throw InputError(file: schema.path, problem: "the XML schema cannot be loaded")
                }
                while xmlTextReaderRead(reader) == 1 {}
            }
            return problems.all.map { "line \($0.line): \($0.message)" }
        }
    }
}
