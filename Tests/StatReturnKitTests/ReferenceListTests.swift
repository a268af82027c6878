import XCTest
@testable import StatReturnKit

/// The 903's reference lists as councils get them: the ONS postcode directory (NSPL) and Ofsted's
/// provider list, read as downloaded, give the findings a council's prepared lists give; and the
/// council's own local authority may be given as its number or its ONS code.
final class ReferenceListTests: XCTestCase {
    private static let header = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
        + (1...5).map { "C\($0),M,01/01/2012,WBRI,UN1,," }.joined(separator: "\n") + "\n"
    // C1 own children's home in Bradford (1015, 229); C2 foster care at a children's home (219) by a
    // private provider the list says is the council's (224); C3 a URN not in the list (1008); C4 a
    // home deregistered before the episode (227), 600 miles from home (454); C5 at home in Newham.
    private static let episodes = """
        CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN
        C1,01/05/2026,S,C2,N1,K2,PR1,,,,E13 8AA,BD1 1AA,SC111111
        C2,01/05/2026,S,C2,N1,U4,PR4,,,,E13 8AA,BD1 1AA,SC111111
        C3,01/05/2026,S,C2,N1,K2,PR4,,,,E13 8AA,E15 1AA,SC999999
        C4,01/05/2026,S,C2,N1,K2,PR4,,,,E13 8AA,KW1 4AA,SC222222
        C5,01/05/2026,S,C2,N1,K2,PR1,,,,E13 8AA,E15 1AA,SC333333

        """

    /// The NSPL's 35 columns (May 2025 release), quoted as the ONS writes them.
    private static let nsplColumns = "pcd,pcd2,pcds,dointr,doterm,usertype,oseast1m,osnrth1m,osgrdind,oa21,cty,ced,laua,ward,nhser,ctry,rgn,pcon,ttwa,itl,park,lsoa21,msoa21,wz11,sicbl,bua24,ruc21,oac11,lat,long,lep1,lep2,pfa,imd,icb"
    /// The same columns as the ONS names them from August 2025, with the boundary year.
    private static let nspl2025Columns = "pcd7,pcd8,pcds,dointr,doterm,usrtypind,east1m,north1m,gridind,oa21cd,cty25cd,ced25cd,lad25cd,wd25cd,nhser24cd,ctry25cd,rgn25cd,pcon24cd,ttwa15cd,itl25cd,npark16cd,lsoa21cd,msoa21cd,wz11cd,sicbl24cd,bua24cd,ruc21ind,oac11ind,lat,long,lep21cd1,lep21cd2,pfa23cd,imd20ind,icb23cd"
    /// Postcode, district (laua), county (cty), easting, northing: Newham, Bradford, Highland, and
    /// two postcodes no episode uses (Leeds, and Ashford in Kent).
    private static let places = [
        ("E13 8AA", "E09000025", "E13000002", "541000", "183000"),
        ("LS6 2QT", "E08000035", "E99999999", "428000", "436000"),
        ("E15 1AA", "E09000025", "E13000002", "539000", "184000"),
        ("BD1 1AA", "E08000032", "E99999999", "416000", "433000"),
        ("TN23 1AA", "E07000105", "E10000016", "601000", "142000"),
        ("KW1 4AA", "S12000017", "S99999999", "336000", "950000"),
    ]

    private static func nspl(_ columns: String) -> String {
        columns + "\n" + places.map { pc, la, cty, e, n in
            let (out, inward) = (pc.split(separator: " ")[0], pc.split(separator: " ")[1])
            let cells = [out.padding(toLength: 4, withPad: " ", startingAt: 0) + inward, out.padding(toLength: 5, withPad: " ", startingAt: 0) + inward,
                         pc, "198001", "", "0", e, "0" + n, "1", "E00000001", cty, "E99999999", la, "E05000001", "E40000003",
                         "E92000001", "E12000007", "E14001000", "E30000234", "E06000006", "E65000001", "E01000001", "E02000001",
                         "E33000001", "E38000001", "E63999999", "UN1", "1C1"].map { "\"\($0)\"" }
                + ["51.500000", "0.010000"] + ["E37000051", "", "E23000001", "1858", "E54000030"].map { "\"\($0)\"" }
            return cells.joined(separator: ",")
        }.joined(separator: "\r\n") + "\r\n"
    }

    /// The postcodes as a council prepares them, local authorities as the DfE's numbers.
    private static let preparedPostcodes = "POSTCODE,LA_CODE,EASTING,NORTHING\n"
        + places.map { pc, la, _, e, n in "\(pc),\(["E09000025": "316", "E08000032": "380", "S12000017": "SCO", "E08000035": "383", "E07000105": "886"][la]!),\(e),\(n)" }.joined(separator: "\n") + "\n"

    private static let preparedProviders = """
        URN,PLACE_CODES,PROVIDER_CODES,REG_DATE,REG_END,POSTCODE,LA_CODE
        SC111111,K2,PR1;PR2,01/09/2014,,BD1 1AA,380
        SC222222,K2,PR4,01/09/2014,01/01/2026,KW1 4AA,SCO
        SC333333,K2,PR1;PR2,01/09/2014,,E15 1AA,316

        """

    /// Ofsted's 2025 workbook: its "Providers" sheet's 51 columns, and its "SA Providers" sheet.
    private static func ofstedWorkbook() throws -> Data {
        let providers: [[String]] = [
            ["Local authority", "URN", "Provider type", "Provider subtype", "Sector", "Provider name", "Registration date", "Registration status",
             "Deregistration date", "Placement code", "Provider address line 1", "Provider address line 2", "Provider town", "Provider county",
             "Provider postcode", "Provider telephone number", "Provider email address", "Owner type", "Owner ID", "Owner name",
             "Owner address line 1", "Owner address line 2", "Owner town", "Owner county", "Owner postcode", "top_company", "Region",
             "Placement provider code", "Date of last full inspection", "Overall effectiveness", "CYP safety", "Leadership and management",
             "CYP outcomes", "Interim inspection start date", "Interim inspection overall effectiveness", "Assurance visit start date",
             "Link to Ofsted report", "Number of registered places", "Emotional and behavioural difficulties", "Mental disorders",
             "Sensory impairment", "Present alcohol problems", "Present drug problems", "Learning difficulty", "Physical disabilities",
             "Multi building CH", "Conditions", "Linked school URN", "Linked school name", "Linked school type", "Linked school latest inspection date"],
            ["Bradford", "SC111111", "Children's Home", "", "Local Authority", "Home A", "01/09/2014", "Active", "-", "K2", "1 Road", "", "Bradford", "",
             "BD1 1AA", "", "", "Organisation", "1", "Owner", "", "", "", "", "", "", "Yorkshire and The Humber", "PR1, PR2"],
            ["Highland", "SC222222", "Children's Home", "", "Private", "Home B", "01/09/2014", "Closed", "01/01/2026", "K2", "2 Road", "", "Wick", "",
             "KW1 4AA", "", "", "Organisation", "2", "Owner", "", "", "", "", "", "", "Scotland", "PR4"],
            ["Newham", "SC333333", "Children's Home", "", "Local Authority", "Home C", "01/09/2014", "Active", "-", "K2", "3 Road", "", "London", "",
             "E15 1AA", "", "", "Organisation", "3", "Owner", "", "", "", "", "", "", "London", "PR1, PR2"],
        ]
        let supported: [[String]] = [
            ["Provider local authority", "Setting Local Authority", "URN", "Provider type", "Sector", "Provider name", "Registration date",
             "Registration status", "Closed date", "Placement code", "Setting status", "Setting status date", "Setting category", "Capacity",
             "Setting address line 1", "Setting address postcode"],
            ["Newham", "Newham", "2000001", "Supported accommodation", "Private", "Flats", "01/04/2024", "Active", "-", "K3", "", "", "", "4", "4 Road", "E15 1AA"],
        ]
        return try zipped([
            "xl/workbook.xml": #"<workbook xmlns:r="r"><sheets><sheet name="Providers" r:id="rId1"/><sheet name="SA Providers" r:id="rId2"/></sheets></workbook>"#,
            "xl/_rels/workbook.xml.rels": #"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Target="worksheets/sheet2.xml"/></Relationships>"#,
            "xl/styles.xml": "<styleSheet><cellXfs><xf numFmtId=\"0\"/></cellXfs></styleSheet>",
            "xl/worksheets/sheet1.xml": wideSheet(providers),
            "xl/worksheets/sheet2.xml": wideSheet(supported),
        ])
    }

    /// A worksheet of text cells, as wide as it needs (columns past Z are AA, AB, ...).
    private static func wideSheet(_ rows: [[String]]) -> String {
        func column(_ i: Int) -> String { i < 26 ? String(UnicodeScalar(65 + i)!) : column(i / 26 - 1) + String(UnicodeScalar(65 + i % 26)!) }
        return "<worksheet><sheetData>" + rows.enumerated().map { r, cells in
            "<row r=\"\(r + 1)\">" + cells.enumerated().map { c, v in
                "<c r=\"\(column(c))\(r + 1)\" t=\"inlineStr\"><is><t>\(v.replacingOccurrences(of: "&", with: "&amp;"))</t></is></c>"
            }.joined() + "</row>"
        }.joined() + "</sheetData></worksheet>"
    }

    /// Validates the five children with the lists given (file name to contents) and the council's code.
    private func run(postcodes: (String, Data)? = nil, providers: (String, Data)? = nil, la: String = "316") throws -> ValidationResult {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func write(_ name: String, _ data: Data) throws -> String {
            let url = folder.appendingPathComponent(name)
            try data.write(to: url)
            return url.path
        }
        let files = [try write("header.csv", Data(Self.header.utf8)), try write("episodes.csv", Data(Self.episodes.utf8))]
        var named: [(name: String, path: String)] = []
        if let (name, data) = postcodes { named.append(("postcodes", try write(name, data))) }
        if let (name, data) = providers { named.append(("providers", try write(name, data))) }
        let run = RunInputs(files: files, named: named, parameters: ["la_code": la])
        let spec = try Package.spec("ssda903", "2026-27")
        var validator = Validator(spec: spec)
        validator.parameters = try run.checkedParameters(for: spec)
        return try validator.validate(run, specs: SpecLoader(root: Package.specs))
    }

    /// The episodes' findings, as code and row.
    private func found(_ r: ValidationResult) -> [String] {
        r.findings.filter { $0.table == "Episodes" }.map { "\($0.code) row \($0.row.map(String.init) ?? "-")" }.sorted()
    }

    func testTheNSPLAsDownloadedGivesThePreparedListsFindings() throws {
        let prepared = try run(postcodes: ("postcodes.csv", Data(Self.preparedPostcodes.utf8)))
        XCTAssertTrue(prepared.notRun.allSatisfy { !$0.needs.contains("Postcodes") }, "the postcode rules ran: \(prepared.notRun)")
        XCTAssertTrue(found(prepared).contains("1015 row 1"), "own provision in Bradford: \(found(prepared))")
        XCTAssertTrue(found(prepared).contains("454 row 4"), "Newham to Wick: \(found(prepared))")
        for columns in [Self.nsplColumns, Self.nspl2025Columns] {
            let nspl = try run(postcodes: ("NSPL_MAY_2025_UK.csv", Data(Self.nspl(columns).utf8)))
            XCTAssertEqual(found(nspl), found(prepared), columns)
            let said = nspl.warnings.filter { $0.contains("NSPL_MAY_2025_UK.csv") }
            let ignored = columns.split(separator: ",").filter { !["pcds", "laua", "lad25cd", "oseast1m", "osnrth1m", "east1m", "north1m"].contains($0) }
            XCTAssertEqual(said.map { ($0 as NSString).lastPathComponent }, ["NSPL_MAY_2025_UK.csv: 4 of its 6 records were kept, those the return can look up; "
                + "31 columns not in the Postcodes table were ignored: " + ignored.prefix(4).joined(separator: ", ") + " and 27 more"], "one line")
            XCTAssertEqual(nspl.data["Postcodes"]?.records.map { $0[0] }, ["E13 8AA", "E15 1AA", "BD1 1AA", "KW1 4AA"])
        }
    }

    func testAKeptPostcodeIsReportedAtItsRowInTheFile() throws {
        let text = Self.nspl(Self.nsplColumns).replacingOccurrences(of: "\"336000\"", with: "\"33600O\"")   // KW1 4AA, the file's 6th record
        let r = try run(postcodes: ("NSPL.csv", Data(text.utf8)))
        let bad = r.findings.filter { $0.table == "Postcodes" }
        XCTAssertEqual(bad.map(\.code), ["SR02"])
        XCTAssertEqual(bad.first?.row, 6, "its record number in the file, though records before it were not kept")
        XCTAssertEqual(bad.first?.values, ["33600O"])
    }

    func testOfstedsProviderListAsGivenGivesThePreparedListsFindings() throws {
        let prepared = try run(providers: ("providers.csv", Data(Self.preparedProviders.utf8)))
        let expected = ["1008 row 3", "219 row 2", "224 row 2", "227 row 4", "229 row 1"]
        XCTAssertEqual(found(prepared).filter { ["1008", "219", "224", "227", "229"].contains($0.split(separator: " ")[0]) }, expected)
        let ofsted = try run(providers: ("Ofsted providers.xlsx", try Self.ofstedWorkbook()))
        XCTAssertEqual(found(ofsted), found(prepared))
        XCTAssertEqual(ofsted.tables.first { $0.name == "Providers" }?.files.map { ($0 as NSString).lastPathComponent },
                       ["Ofsted providers.xlsx [Providers]", "Ofsted providers.xlsx [SA Providers]"], "both sheets are read")
        XCTAssertFalse(ofsted.findings.contains { $0.table == "Providers" }, "a '-' date is blank, not malformed: \(ofsted.findings.filter { $0.table == "Providers" })")
    }

    /// Ofsted's published provider-level data gives a provider's type and sector, not its codes:
    /// they are worked out (ProviderCodes), so 219 and 224 judge as with the codes given.
    func testProviderTypesAndSectorsStandForTheirCodes() throws {
        let published = """
            URN,Provider type,Sector,Registration date,Registration status,Local authority,Region
            SC111111,Children's home,Local authority,01/09/2014,Active,Bradford,Yorkshire and The Humber
            SC222222,Children's home,Private,01/09/2014,Active,Highland,Scotland
            SC333333,Children's home,Local authority,01/09/2014,Active,Newham,London

            """
        let r = try run(providers: ("Provider level data as at 31 March 2025.csv", Data(published.utf8)))
        XCTAssertEqual(found(r).filter { ["219", "224", "229"].contains($0.split(separator: " ")[0]) }, ["219 row 2", "224 row 2", "229 row 1"])
    }

    func testTheCouncilsNumberAndONSCodeGiveTheSameFindings() throws {
        let lists = (postcodes: ("NSPL.csv", Data(Self.nspl(Self.nsplColumns).utf8)), providers: ("providers.xlsx", try Self.ofstedWorkbook()))
        let byNumber = try run(postcodes: lists.postcodes, providers: lists.providers, la: "316")
        let byCode = try run(postcodes: lists.postcodes, providers: lists.providers, la: "E09000025")
        XCTAssertTrue(found(byNumber).contains("1015 row 1") && found(byNumber).contains("229 row 1"), found(byNumber).joined(separator: ", "))
        XCTAssertFalse(found(byNumber).contains("1015 row 5") || found(byNumber).contains("229 row 5"), "Newham's own home in Newham")
        XCTAssertEqual(byCode.findings.map { "\($0.code) \($0.table) \($0.row ?? 0)" }, byNumber.findings.map { "\($0.code) \($0.table) \($0.row ?? 0)" })
        let neighbour = try run(postcodes: lists.postcodes, providers: lists.providers, la: "E09000012")   // Hackney
        XCTAssertTrue(found(neighbour).contains("1015 row 5"), "for another council, Newham is outside its area")
        XCTAssertThrowsError(try run(la: "E09000099")) { XCTAssertTrue("\($0)".contains("is none of the local-authority codes"), "\($0)") }
    }
}
