import CFuzzer
import Foundation
import FuzzSupport

// SwiftPM gives every executable a main of its own, so the program hands itself to libFuzzer's driver.
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { bytes, count in
    Fuzz.csv(Data(bytes: bytes!, count: count))
    return 0
})
