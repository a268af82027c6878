import CFuzzer
import Foundation
import FuzzSupport

/// The CIN census, read while libxml2 checks it against the census schema.
let spec = Fuzz.spec("cin", "2025-26")
// SwiftPM gives every executable a main of its own, so the program hands itself to libFuzzer's driver.
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { bytes, count in
    Fuzz.xml(Data(bytes: bytes!, count: count), spec: spec, schema: true)
    return 0
})
