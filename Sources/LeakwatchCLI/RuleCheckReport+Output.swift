import ArgumentParser
import Foundation
import Rules

extension RuleCheckReport {
    /// Writes the report to standard output and standard error, then exits with its code when it is not 0.
    func emit() throws {
        for write in writes {
            let handle = write.stream == .standardOutput ? FileHandle.standardOutput : FileHandle.standardError
            handle.write(Data(write.text.utf8))
        }
        if exitCode != 0 { throw ExitCode(exitCode) }
    }
}
