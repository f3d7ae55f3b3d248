import ArgumentParser
import Foundation
import ReinstateCore
import ReinstatePostgres
import ReinstateStore

/// `reinstate store …`: setting up a PostgreSQL team store and moving whole stores between homes.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Set up a PostgreSQL team store, and copy whole stores between a local file and PostgreSQL.",
        discussion: """
            A team store lives in a PostgreSQL database, named by a URL with libpq's conventions: \
            postgresql://USER@HOST:PORT/DATABASE?sslmode=require (sslmode: disable, prefer, require, \
            verify-full; sslrootcert=FILE names the certificate authority to check against, else ~/.postgresql/root.crt, \
            else the system's), or postgresql:///DATABASE?host=/run/postgresql for a Unix socket. The password comes \
            from the URL, else PGPASSWORD, else ~/.pgpass (used only when its mode is 0600); it is never shown. \
            Every command and the case tracker work on a team store, with the same output as on a local file; \
            store copy moves a whole store between a local file and a team store, both ways.
            """,
        subcommands: [StoreInit.self, StoreCopy.self])
}

extension StoreCommand {
    struct StoreInit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create Reinstate's tables in an empty PostgreSQL database (or upgrade an earlier Reinstate's).",
            discussion: """
                URL names the database (postgresql://USER@HOST/DATABASE). An empty database gets the schema, \
                all of it in one transaction; a store set up by an earlier Reinstate is upgraded; one already \
                current is left as it is. A database that holds anything else, or a schema from a newer \
                Reinstate, is refused untouched (exit status 2), as are a role without the right to create \
                tables, a wrong password and a server that cannot be reached. The role that runs it owns the \
                tables: it is the store's owner, sees every case and alone grants the others theirs (`reinstate team`). \
                Search uses trigram indexes of the pg_trgm extension (PostgreSQL's contrib, trusted since version \
                13); where it cannot be added, a note says so and search reads every text instead. To add them \
                later, as a role that may: CREATE EXTENSION pg_trgm; CREATE INDEX message_search ON message USING \
                gin ((subject || E'\\n' || text) gin_trgm_ops); CREATE INDEX plan_version_search ON plan_version \
                USING gin (text gin_trgm_ops); CREATE INDEX note_search ON note USING gin (text gin_trgm_ops).
                """)

        @Argument(help: ArgumentHelp("The database, as a postgresql:// URL.", valueName: "url")) var url: String

        func run() async throws {
            try await reporting {
                let store = try await PostgresOpening.connect(url)
                do {
                    let result = try await store.initialize()
                    switch result {
                    case .created: Output.line("Created an empty Reinstate store in \(store.address.redacted).")
                    case .upgraded: Output.line("Upgraded the Reinstate store in \(store.address.redacted).")
                    case .alreadyCurrent: Output.line("\(store.address.redacted) is already a Reinstate store; nothing was changed.")
                    }
                    if result != .alreadyCurrent {
                        // The role that ran this owns the tables: it sees every case, and grants the others theirs.
                        let owner = try await store.teamOwner().owner
                        Output.line("Its owner is the role \(owner), which sees every case; give staff roles their clients' cases with: reinstate team grant ROLE --account NAME")
                    }
                    if try await !store.searchIndexed() {
                        printError(
                            "note: the server lacks the pg_trgm extension (or this role may not add it), so a search reads "
                                + "every text; it works, only slower on a large store. See `reinstate store init --help`.")
                    }
                } catch {
                    await store.close()
                    throw error
                }
                await store.close()
            }
        }
    }

    struct StoreCopy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "copy",
            abstract: "Copy every case from one store to another, empty one: a local file to PostgreSQL or back.",
            discussion: """
                FROM and TO are each a store file or a postgresql:// URL (one of each). Everything is copied: \
                messages byte for byte, plan versions, requested details and their states, deadlines, notes, \
                evidence records, with their ids. All of it, or nothing: the target must be empty (a new \
                file, or a PostgreSQL database that is empty or set up by `store init` without cases, into which \
                only the store's owner may copy), and a copy that fails leaves it as it was (an empty database it \
                set up keeps the empty schema). \
                `reinstate export --all --format json` gives the same bytes on both sides.
                """)

        @Argument(help: ArgumentHelp("The store to copy from: a file or a postgresql:// URL.", valueName: "from")) var from: String
        @Argument(help: ArgumentHelp("The empty store to copy into: a file or a postgresql:// URL.", valueName: "to")) var to: String

        func run() async throws {
            try await reporting {
                switch (PostgresAddress.isURL(from), PostgresAddress.isURL(to)) {
                case (false, true): try await fileToPostgres()
                case (true, false): try await postgresToFile()
                case (false, false):
                    throw CLIError("Neither store is a postgresql:// URL; to copy a local store, use `reinstate backup --output FILE`.")
                case (true, true):
                    throw CLIError("Copying from one PostgreSQL store to another is not supported yet; copy to a file and from it.")
                }
            }
        }

        func fileToPostgres() async throws {
            var st = stat()
            guard lstat(from, &st) == 0 else { throw StoreOptions.missing(from) }
            let source = try CaseStore(path: from, readOnly: true)
            for warning in source.warnings { printError("warning: " + warning) }
            let document = try source.exportDocument()
            let target = try await StoreCommand.load(document, intoTeamStore: to)
            Output.line(
                "Copied \(document.cases.count) case\(document.cases.count == 1 ? "" : "s") from \(from) to \(target).")
        }

        func postgresToFile() async throws {
            let source = try await PostgresOpening.connect(from)
            let document: StoreDocument
            do {
                document = try await source.exportDocument()
            } catch {
                await source.close()
                throw error
            }
            await source.close()
            var st = stat()
            let existed = lstat(to, &st) == 0
            let target = try CaseStore(path: to, createFolders: false)
            for warning in target.warnings { printError("warning: " + warning) }
            do {
                try target.importDocument(document)
            } catch {
                // A refused copy leaves no empty store behind where there was none.
                if !existed, (try? target.caseCount()) == 0 {
                    for suffix in ["", "-wal", "-shm", "-journal"] { unlink(to + suffix) }
                }
                throw error
            }
            Output.line(
                "Copied \(document.cases.count) case\(document.cases.count == 1 ? "" : "s") from \(source.address.redacted) to \(to).")
        }
    }
}

extension StoreCommand {
    /// Loads a whole-store document into the team store at `url`, all of it or nothing (`store copy FILE
    /// URL`, `import`, `demo`): an empty database is set up first (and says so); a store that holds cases
    /// or held mail is refused, as is a role that is not the store's owner (a staff role sees only its
    /// accounts, so a store that looks empty to it may hold other clients' cases). Returns the store's
    /// address without its password.
    static func load(_ document: StoreDocument, intoTeamStore url: String) async throws -> String {
        try await PostgresOpening.connect(url).closing { target in
            try await prepareToLoad(target)
            try await target.importDocument(document)
            return target.address.redacted
        }
    }

    /// Before a whole store is loaded into a team store: an empty database is set up (and `say`s so),
    /// else the connected role must be the store's owner.
    static func prepareToLoad(_ target: PostgresStore, say: (String) -> Void = { Output.line($0) }) async throws {
        if try await target.initializeIfEmpty() {
            say("Created an empty Reinstate store in \(target.address.redacted).")
        } else {
            try await target.requireStoreOwner(to: "load a whole store into it")
        }
    }

    /// `--read-only` refuses a command that replaces or fills a whole team store, in the words
    /// `withStore(writing:)` uses for a single write.
    static func refuseReadOnly() throws {
        if StoreOptions.readOnlyRequested {
            throw CLIError("The team store was opened read-only (--read-only); nothing was changed.")
        }
    }
}
