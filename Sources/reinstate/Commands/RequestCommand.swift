import ArgumentParser
import Foundation
import ReinstateCore
import ReinstateStore

struct RequestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "request",
        abstract: "Mark Amazon's requested details answered, waived, or open again. Your word beats the matcher's.",
        subcommands: [Answer.self, Waive.self, Reopen.self, Edit.self])
}

extension RequestCommand {
    struct Answer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "answer", abstract: "Mark a requested detail answered by a plan version.")

        @OptionGroup var options: StoreOptions
        @Argument(help: "The requested detail's id (see: reinstate case show ID).") var id: Int64
        @Option(help: "The plan version that answers it (default: the case's latest).") var version: Int?

        func run() async throws {
            try await reporting {
                try await options.withStore(writing: true) { store in
                    let request = try await store.request(id)
                    var number = version
                    if number == nil { number = try await store.latestPlanNumber(caseID: request.caseID) }
                    guard let number else {
                        throw CLIError("Case \(request.caseID) has no plan version to answer with; add one: reinstate poa add --case \(request.caseID) FILE")
                    }
                    // What was read is what the user decided on: a colleague's mark since is not overwritten.
                    try await store.setRequestState(id, to: .answered(version: number, by: .user), at: try Clock.now(), seen: request.state)
                    if try await store.plan(caseID: request.caseID, number: number).isDraft {
                        Output.line("Request \(id) answered in draft v\(number), not sent yet: it counts as answered once v\(number) is submitted.")
                    } else {
                        Output.line("Request \(id) answered by version \(number).")
                    }
                }
            }
        }
    }

    struct Waive: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "waive", abstract: "Set a requested detail aside, with the reason why.")

        @OptionGroup var options: StoreOptions
        @Argument(help: "The requested detail's id.") var id: Int64
        @Option(help: "Why it needs no answer.") var reason: String

        func run() async throws {
            try await reporting {
                let now = try Clock.now()
                try await options.withStore(writing: true) { store in
                    let request = try await store.request(id)
                    try await store.setRequestState(id, to: .waived(reason: reason), at: now, seen: request.state)
                }
                Output.line("Request \(id) waived.")
            }
        }
    }

    struct Reopen: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reopen", abstract: "Mark a requested detail unanswered again.")

        @OptionGroup var options: StoreOptions
        @Argument(help: "The requested detail's id.") var id: Int64

        func run() async throws {
            try await reporting {
                let now = try Clock.now()
                try await options.withStore(writing: true) { store in
                    let request = try await store.request(id)
                    try await store.setRequestState(id, to: .reopened, at: now, seen: request.state)
                }
                Output.line("Request \(id) is open again.")
            }
        }
    }
}

extension RequestCommand {
    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Correct what the reader took from a request: its aspect or its topic.",
            discussion: "Requests about the same topic should share one topic, word for word: the plan checks group by it.")

        @OptionGroup var options: StoreOptions
        @Argument(help: "The requested detail's id.") var id: Int64
        @Option(help: "One of: \(Aspect.allValueStrings.joined(separator: ", ")).") var aspect: Aspect?
        @Option(help: "What the request is about (empty for none).") var topic: String?

        func validate() throws {
            if aspect == nil && topic == nil { throw ValidationError("Give --aspect, --topic or both.") }
        }

        func run() async throws {
            try await reporting {
                try await options.withStore(writing: true) { store in
                    try await store.editRequest(id, aspect: aspect, topic: topic)
                    let r = try await store.request(id)
                    Output.line("Request \(id): [\(r.aspect.label)] topic: \(Output.safe(r.topic.isEmpty ? "–" : r.topic))")
                }
            }
        }
    }
}

struct NoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "note", abstract: "Keep notes on a case; edit or remove them by id.", subcommands: [Add.self, Edit.self, Remove.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a note to a case; prints its id.")

        @OptionGroup var options: StoreOptions
        @Option(name: .customLong("case"), help: "The case id.") var caseID: Int64
        @Argument(help: "The note's text.") var text: String

        func run() async throws {
            try await reporting {
                let now = try Clock.now()
                let id = try await options.withStore(writing: true) { try await $0.addNote(caseID: caseID, text: text, at: now) }
                Output.line(String(id))
            }
        }
    }
}

struct EvidenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence", abstract: "Keep track of evidence files (invoices, letters, photos).",
        subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Record an evidence file by path with its size and SHA-256, so a later change to it shows.")

        @OptionGroup var options: StoreOptions
        @Option(name: .customLong("case"), help: "The case id.") var caseID: Int64
        @Argument(help: "The file.") var file: String

        func run() async throws {
            try await reporting {
                let path = URL(fileURLWithPath: file).standardizedFileURL.path
                let (id, size, digest) = try await options.withStore(writing: true) { store in
                    // Only a regular file: a device or a FIFO would never end (or never start).
                    var hasher = SHA256()
                    let size = try RegularFile.forEachChunk(path) { hasher.update($0) }
                    let digest = hasher.finalize()
                    let id = try await store.addEvidence(caseID: caseID, path: path, size: size, sha256: digest, at: try Clock.now())
                    return (id, size, digest)
                }
                Output.line(String(id))
                printError("recorded \(path): \(size) bytes, sha256 \(digest)")
            }
        }
    }
}
