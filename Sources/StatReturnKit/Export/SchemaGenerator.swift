/// Writes the XSD of a return's XML form from its spec: elements and their order from
/// the mapping, value types from the fields and code lists. Generated rather than
/// hand-written so the schema can never disagree with the spec it describes; the file
/// kept in Specs is checked against this output by the tests.
public enum SchemaGenerator {
    public static func xsd(for spec: ReturnSpec) -> String? {
        guard let mapping = spec.xml else { return nil }
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- The \(spec.title) \(spec.year) XML form. Generated from Specs/\(spec.returnName)/\(spec.year) by
             the command statreturn schema (return \(spec.returnName), year \(spec.year)): edit the spec, not this file. -->
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified">

        """
        out += element(XMLMapping.Node(path: [mapping.root], binding: nil), children: mapping.children(of: []),
                       mapping: mapping, spec: spec, depth: 1, occurs: "")
        out += "</xs:schema>\n"
        return out
    }

    private static func pad(_ depth: Int) -> String { String(repeating: "  ", count: depth) }

    private static func element(_ node: XMLMapping.Node, children: [XMLMapping.Node], mapping: XMLMapping,
                                spec: ReturnSpec, depth: Int, occurs: String) -> String {
        let name = node.path.last!
        var out = pad(depth) + "<xs:element name=\"\(name)\"\(occurs)>\n"
        out += pad(depth + 1) + "<xs:complexType>\n" + pad(depth + 2) + "<xs:sequence>\n"
        for child in children {
            out += write(child, mapping: mapping, spec: spec, depth: depth + 3)
        }
        out += pad(depth + 2) + "</xs:sequence>\n" + pad(depth + 1) + "</xs:complexType>\n" + pad(depth) + "</xs:element>\n"
        return out
    }

    private static func write(_ node: XMLMapping.Node, mapping: XMLMapping, spec: ReturnSpec, depth: Int) -> String {
        let name = node.path.last!
        let path = Array(node.path.dropFirst(0))
        let nested = mapping.children(of: path)
        if path == mapping.recordPath {
            return element(node, children: nested, mapping: mapping, spec: spec, depth: depth, occurs: " minOccurs=\"1\" maxOccurs=\"unbounded\"")
        }
        switch node.binding {
        case .record(let table, let text?):
            return leaf(name, field: spec.table(table)?.field(text), spec: spec, depth: depth, occurs: " minOccurs=\"0\" maxOccurs=\"unbounded\"")
        case .record:
            return element(node, children: nested, mapping: mapping, spec: spec, depth: depth, occurs: " minOccurs=\"0\" maxOccurs=\"unbounded\"")
        case .field(let table, let field, let optional):
            return leaf(name, field: spec.table(table)?.field(field), spec: spec, depth: depth, occurs: optional ? " minOccurs=\"0\"" : "")
        case .hasRow:
            return pad(depth) + "<xs:element name=\"\(name)\">" + restriction(["0", "1"], depth: depth) + "</xs:element>\n"
        case nil:
            let required = requiredLeaf(below: path, mapping: mapping)
            return element(node, children: nested, mapping: mapping, spec: spec, depth: depth, occurs: required ? "" : " minOccurs=\"0\"")
        }
    }

    /// Whether an intermediate element holds a required leaf of its own record.
    private static func requiredLeaf(below path: [String], mapping: XMLMapping) -> Bool {
        mapping.children(of: path).contains { n in
            switch n.binding {
            case .field(_, _, let optional): return !optional
            case nil: return n.path == mapping.recordPath || requiredLeaf(below: n.path, mapping: mapping)
            default: return false
            }
        }
    }

    private static func leaf(_ name: String, field: FieldSpec?, spec: ReturnSpec, depth: Int, occurs: String) -> String {
        let open = pad(depth) + "<xs:element name=\"\(name)\"\(occurs)"
        guard let f = field else { return open + " type=\"xs:string\"/>\n" }
        switch f.type {
        case .date:
            return open + " type=\"xs:date\"/>\n"
        case .integer:
            var facets: [String] = []
            if let lo = f.min { facets.append("<xs:minInclusive value=\"\(lo)\"/>") }
            if let hi = f.max { facets.append("<xs:maxInclusive value=\"\(hi)\"/>") }
            if facets.isEmpty { return open + " type=\"xs:integer\"/>\n" }
            return open + "><xs:simpleType><xs:restriction base=\"xs:integer\">" + facets.joined() + "</xs:restriction></xs:simpleType></xs:element>\n"
        case .flag:
            return open + ">" + restriction(["0", "1"], depth: depth) + "</xs:element>\n"
        case .code:
            let codes = (f.codes.flatMap { spec.codeLists[$0]?.codes } ?? []) + (f.alsoAllowed ?? [])
            return open + ">" + restriction(codes, depth: depth) + "</xs:element>\n"
        case .string, .postcode, .upn:
            var facets: [String] = []
            if let p = f.pattern { facets.append("<xs:pattern value=\"\(escape(p))\"/>") }
            if let n = f.minLength { facets.append("<xs:minLength value=\"\(n)\"/>") }
            if let n = f.maxLength { facets.append("<xs:maxLength value=\"\(n)\"/>") }
            if facets.isEmpty { return open + " type=\"xs:string\"/>\n" }
            return open + "><xs:simpleType><xs:restriction base=\"xs:string\">" + facets.joined() + "</xs:restriction></xs:simpleType></xs:element>\n"
        }
    }

    private static func restriction(_ values: [String], depth: Int) -> String {
        "<xs:simpleType><xs:restriction base=\"xs:string\">"
            + values.map { "<xs:enumeration value=\"\(escape($0))\"/>" }.joined()
            + "</xs:restriction></xs:simpleType>"
    }

    private static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "<", with: "&lt;")
    }
}
