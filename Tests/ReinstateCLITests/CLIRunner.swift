import Foundation

/// Runs the built `reinstate` binary against a temporary store, as a seller or a script would.
struct CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var stdoutData: Data
    }

    let folder: String
    var store: String { folder + "/cases.sqlite" }
    var now = "2026-11-22T09:00:00Z"

    init() {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("reinstate-cli-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: folder) }

    /// The binary sits beside the test bundle in the build folder.
    static let binary: String = {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        if dir.lastPathComponent == "MacOS" || dir.pathExtension == "xctest" { dir = dir.deletingLastPathComponent() }
        return dir.appendingPathComponent("reinstate").path
    }()

    func file(_ name: String, _ text: String) -> String {
        let path = folder + "/" + name
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    func file(_ name: String, data: Data) -> String {
        let path = folder + "/" + name
        FileManager.default.createFile(atPath: path, contents: data)
        return path
    }

    /// Runs `reinstate ARGS --store STORE` (the store option is added after the subcommand path; not to
    /// `parse` and `store`, which take no store option).
    @discardableResult
    func callAsFunction(_ args: [String], stdin: Data? = nil, store: String? = nil, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = args + (args.contains("--help") || args.first == "parse" || args.first == "store" ? [] : ["--store", store ?? self.store])
        var env = ProcessInfo.processInfo.environment
        env["REINSTATE_NOW"] = now
        // Who changes are recorded as made by, pinned as the clock is: the same on every machine and store.
        env["REINSTATE_AUTHOR"] = "tester"
        env["TZ"] = "UTC"
        env["REINSTATE_STORE"] = nil
        for (k, v) in environment { env[k] = v }
        process.environment = env
        // Standard error goes to a file, so a large output on either stream can never block the child.
        let errPath = folder + "/.stderr-\(UUID().uuidString)"
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: errPath) }
        guard let errHandle = FileHandle(forWritingAtPath: errPath) else { throw CocoaError(.fileNoSuchFile) }
        let out = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = errHandle
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try errHandle.close()
        let errData = FileManager.default.contents(atPath: errPath) ?? Data()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self), stdoutData: outData)
    }
}
