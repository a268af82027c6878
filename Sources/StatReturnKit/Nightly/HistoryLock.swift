import Foundation

/// Only one run at a time writes a history: an exclusive `flock` on `<history>.lock`, held for
/// the run and released by the system however the run ends (a killed run leaves no stale lock).
public final class HistoryLock {
    private let descriptor: Int32

    public init(for history: URL) throws {
        let path = history.path + ".lock"
        descriptor = open(path, O_CREAT | O_RDWR, 0o644)
        guard descriptor >= 0 else {
            throw InputError(file: path, problem: "cannot be made (\(String(cString: strerror(errno)))); is the history's folder writable?")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw InputError(file: history.path, problem: "another nightly run is writing this history now; this one stopped without changing anything")
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
