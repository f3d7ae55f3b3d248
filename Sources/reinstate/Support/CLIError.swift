import ArgumentParser
import Foundation
import ReinstateApp
import ReinstateCore
import ReinstateStore

/// An error of the command line, said in words a seller can act on.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Exit statuses scripts can rely on. 1 is kept for "something is due" (`reinstate due`), so errors
/// use 2 and up.
enum ExitStatus {
    static let somethingDue: Int32 = 1
    static let failure: Int32 = 2
    static let blocked: Int32 = 3
}

/// Runs a command body, printing any error to stderr as one clear line and exiting with status 2;
/// argument-parser's own usage errors keep their status (64).
func reporting(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let exit as ExitCode {
        throw exit
    } catch let error as StoreError {
        if StoreOptions.readOnlyRequested, case .writeFailed = error {
            printError("--read-only was given, so the store was not changed; run the command without --read-only to save.")
        } else {
            printError(error.description)
        }
        throw ExitCode(ExitStatus.failure)
    } catch let error as AtomicFile.Failure {
        if error.readerGone { throw ExitCode(0) }  // `| head`: it asked for no more
        printError(error.description)
        throw ExitCode(ExitStatus.failure)
    } catch let error as CLIError {
        printError(error.description)
        throw ExitCode(ExitStatus.failure)
    } catch {
        printError("\(error)")
        throw ExitCode(ExitStatus.failure)
    }
}

/// A line on standard error, cleaned as `Output` cleans: an error that quotes a path, an option or an
/// environment variable cannot drive the terminal.
func printError(_ text: String) {
    FileHandle.standardError.write(Data(("reinstate: " + TerminalSafe.clean(text) + "\n").utf8))
}
