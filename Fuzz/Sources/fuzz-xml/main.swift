import CFuzzer
import Foundation
import FuzzSupport

/// The SSDA903 XML form, read without a schema (the DfE publishes none for it).
let spec = Fuzz.spec("ssda903", "2026-27")
// SwiftPM gives every executable a main of its own, so the program hands itself to libFuzzer's driver.
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { bytes, count in
    Fuzz.xml(Data(bytes: bytes!, count: count), spec: spec, schema: false)
    return 0
})
