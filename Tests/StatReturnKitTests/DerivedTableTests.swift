import GRDB
import XCTest
@testable import StatReturnKit

/// The 903's ordering tables, which some fifty rules read instead of each working out the
/// order of a child's episodes for itself, and how `--explain` shows a rule's derived tables.
final class DerivedTableTests: XCTestCase {
    private struct Placed: Equatable, CustomStringConvertible {
        var row: Int64, child: String, seq: Int, episodes: Int, prev: Int64?, next: Int64?
        var description: String { "row \(row) \(child) \(seq)/\(episodes) prev \(prev.map(String.init) ?? "-") next \(next.map(String.init) ?? "-")" }
    }

    private func order(_ table: String, of files: [InputFile]) throws -> [Placed] {
        let loaded = try Validator(spec: try Package.spec("ssda903", "2026-27")).load(files)
        return try loaded.database.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY _row").map {
                Placed(row: $0["_row"], child: $0["CHILD"], seq: $0["seq"], episodes: $0["episodes"], prev: $0["prev_row"], next: $0["next_row"])
            }
        }
    }

    func testEpisodesAreInOrderOfStartDateThenOfTheFile() throws {
        // Rows: 1 C2's only episode; C1's in file order 2 (June), 3 (April), 4 (June again), 5 (no start
        // date), 6 (May); 7 an episode with no child.
        let episodes = """
            CHILD,DECOM,DEC
            C2,01/05/2026,
            C1,01/06/2026,
            C1,01/04/2026,01/05/2026
            C1,01/06/2026,
            C1,,
            C1,01/05/2026,01/06/2026
            ,01/04/2026,
            """
        let files = [InputFile(name: "episodes.csv", data: Data(episodes.utf8), table: "Episodes")]
        XCTAssertEqual(try order("EpisodeOrder", of: files), [
            Placed(row: 1, child: "C2", seq: 1, episodes: 1, prev: nil, next: nil),
            Placed(row: 2, child: "C1", seq: 3, episodes: 4, prev: 6, next: 4),    // same day as row 4, earlier in the file
            Placed(row: 3, child: "C1", seq: 1, episodes: 4, prev: nil, next: 6),
            Placed(row: 4, child: "C1", seq: 4, episodes: 4, prev: 2, next: nil),
            Placed(row: 6, child: "C1", seq: 2, episodes: 4, prev: 3, next: 2),
        ])
        XCTAssertEqual(try order("EpisodeOrder_last", of: files), [], "no last year's return given")
        let last = InputFile(name: "last.csv", data: Data(episodes.utf8), table: "Episodes", previousYear: true)
        XCTAssertEqual(try order("EpisodeOrder_last", of: files + [last]), try order("EpisodeOrder", of: files))
    }

    func testSocialWorkerEpisodesOnTheSameDayEndedFirst() throws {
        // C1's rows: 1 open from 1 May; 2 from 1 May ended 20 May; 3 from 1 May ended 10 May; 4 from 1 April.
        let sw = """
            CHILD,SW_DECOM,SW_DEC
            C1,01/05/2026,
            C1,01/05/2026,20/05/2026
            C1,01/05/2026,10/05/2026
            C1,01/04/2026,01/05/2026
            """
        let files = [InputFile(name: "sw.csv", data: Data(sw.utf8), table: "SWEpisodes")]
        XCTAssertEqual(try order("SWEpisodeOrder", of: files).map { [$0.row, Int64($0.seq)] }, [[1, 4], [2, 3], [3, 2], [4, 1]])
    }

    func testExplainShowsTheDerivedTablesARuleReadsAndTheirsInTurn() throws {
        let spec = try Package.spec("ssda903", "2026-27")
        func shown(_ code: String) throws -> [String] {
            let text = RulesListing.explain(try XCTUnwrap(spec.rules.first { $0.code == code }), in: spec)
            return spec.derived.map(\.name).filter { text.contains("\n\($0), worked out once") }
        }
        XCTAssertEqual(try shown("1010"), ["EpisodeOrder_last"], "a name inside another is not read")
        XCTAssertEqual(try shown("191"), ["EpisodeOrder", "LookedAfter12Months"], "LookedAfter12Months reads EpisodeOrder")
        XCTAssertEqual(try shown("101"), [])
    }
}
