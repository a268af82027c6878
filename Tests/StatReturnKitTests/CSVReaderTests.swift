import XCTest
@testable import StatReturnKit

final class CSVReaderTests: XCTestCase {
    private func records(_ text: String) throws -> [CSVReader.Record] {
        var out: [CSVReader.Record] = []
        try CSVReader(data: Data(text.utf8)).forEachRecord { out.append($0) }
        return out
    }

    func testQuotingEscapesAndLineBreaksInCells() throws {
        let r = try records("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\nlast,,\n")
        XCTAssertEqual(r.map(\.cells), [["a", "b", "c"], ["x, y", "say \"hi\"", "two\nlines"], ["last", "", ""]])
        XCTAssertEqual(r.map(\.line), [1, 2, 4])
    }

    func testByteOrderMarkCRLFAndBlankTrailingLines() throws {
        let r = try records("\u{FEFF}CHILD,SEX\r\n1,M\r\n2,F\r\n\r\n\r\n")
        XCTAssertEqual(r.map(\.cells), [["CHILD", "SEX"], ["1", "M"], ["2", "F"]])
        XCTAssertEqual(r.map(\.line), [1, 2, 3])
    }

    func testBlankLinesInsideAreSkippedButLinesStillCount() throws {
        let r = try records("h\n\n1\n")
        XCTAssertEqual(r.map(\.line), [1, 3])
    }

    func testLastRecordWithoutNewline() throws {
        XCTAssertEqual(try records("a,b\n1,2").map(\.cells), [["a", "b"], ["1", "2"]])
    }

    func testUnclosedQuoteNamesItsLine() throws {
        XCTAssertThrowsError(try records("a\nb\n\"open\n")) { error in
            XCTAssertEqual((error as? CSVReader.MalformedCSV)?.line, 3)
        }
    }
}

final class IngestTests: XCTestCase {
    func testTablesAreKnownByHeaderNotFileNameAndValuesTrimmed() throws {
        let spec = try Package.spec("ssda903", "2026-27")
        let files = [
            InputFile(name: "x.csv", data: Data("child, sex ,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n 1 , M ,01/02/2010,WBRI,A123456789012,,\n".utf8)),
            InputFile(name: "y.csv", data: Data("CHILD,DOB,REVIEW,REVIEW_CODE\n1,01/02/2010,01/06/2026,PN1\n".utf8)),
        ]
        let result = try Validator(spec: spec).validate(files)
        XCTAssertEqual(result.tables.map(\.name), ["Header", "Reviews"])
        XCTAssertEqual(result.findings.map(\.code), [])
    }

    func testMalformedValuesBecomeFindingsWithRawValueKept() throws {
        let r = try validate903([("Header", "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n7,1,31/02/2010,WBRI,UN1,,\n")])
        let byCode = Dictionary(grouping: r.findings, by: \.code)
        XCTAssertEqual(Set(byCode.keys), ["101", "102"])
        let f = try XCTUnwrap(byCode["102"]?.first)
        XCTAssertEqual(f.child, "7")
        XCTAssertEqual(f.row, 1)
        XCTAssertEqual(f.table, "Header")
        XCTAssertEqual(f.fields, ["DOB"])
        XCTAssertEqual(f.values, ["31/02/2010"])
    }

    /// A column outside the DfE's CSV layout (the UASC flag) is optional: a file without it is
    /// read as "not given", a file with it must fill it; a missing layout column is still refused.
    func testExtraColumnsAreOptionalButCheckedWhenGiven() throws {
        let without = try validate903([("Header", "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n7,M,01/02/2024,WBRI,UN1,,\n")])
        XCTAssertEqual(without.findings.map(\.code), [])
        let with = try validate903([("Header", "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB,UASC\n7,M,01/02/2024,WBRI,UN1,,,1\n8,M,01/02/2024,WBRI,UN1,,,\n")])
        XCTAssertEqual(with.findings.map { "\($0.code) \($0.child)" }, ["105 8"])
        XCTAssertThrowsError(try validate903([("Header", "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,UASC\n7,M,01/02/2010,WBRI,UN1,,1\n")])) { error in
            XCTAssertEqual((error as? InputError)?.field, "MC_DOB")
        }
    }

    func testUnknownTableIsAnInputErrorNamingFileAndLine() throws {
        XCTAssertThrowsError(try validate903([("weird", "FOO,BAR\n1,2\n")])) { error in
            let e = error as? InputError
            XCTAssertEqual(e?.file, "weird.csv")
            XCTAssertEqual(e?.line, 1)
        }
    }

    func testMissingColumnIsNamed() throws {
        XCTAssertThrowsError(try validate903([("h", "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER\n1,M,01/01/2010,WBRI,UN1,\n")])) { error in
            XCTAssertEqual((error as? InputError)?.field, "MC_DOB")
        }
    }

    func testShortRecordIsNotDroppedSilently() throws {
        XCTAssertThrowsError(try validate903([("h", "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n1,M,01/01/2010\n")])) { error in
            let e = error as? InputError
            XCTAssertEqual(e?.line, 2)
            XCTAssertTrue(e?.problem.contains("3 cells") ?? false)
        }
    }

    func testUPNCheckLetter() {
        XCTAssertTrue(UPN.isValid("A123456789012"))
        XCTAssertFalse(UPN.isValid("B123456789012"))
        XCTAssertEqual(UPN.checkLetter(for: "123456789012"), "A")
        // A temporary UPN ends in a letter, which counts by its place in the alphabet.
        // 1·2 + 2·3 + ... + 1·12 = 342; A adds 0 and B 13: 342 mod 23 = 20 (X), 355 mod 23 = 10 (L).
        XCTAssertEqual(UPN.checkLetter(for: "12345678901A"), "X")
        XCTAssertEqual(UPN.checkLetter(for: "12345678901B"), "L")
        XCTAssertTrue(UPN.isValid("X12345678901A"))
        XCTAssertFalse(UPN.isValid("A12345678901I"))
        for bad in ["12345678901", "1234567890123", "1234567890A1", "12345678901a", ""] { XCTAssertNil(UPN.checkLetter(for: bad), bad) }
    }
}
