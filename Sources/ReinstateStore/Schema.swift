import GRDB
import ReinstateCore

/// The store's schema, as forward-only migrations. Never edit a shipped migration: add the next one.
enum Schema {
    /// Written into the file header (`PRAGMA application_id`) so a Reinstate store is recognisable:
    /// "RSNT" in ASCII.
    static let applicationID: Int32 = 0x5253_4E54

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            try db.execute(sql: """
                CREATE TABLE suspension_case (
                    id INTEGER PRIMARY KEY,
                    title TEXT NOT NULL,
                    account TEXT NOT NULL DEFAULT '',
                    marketplace TEXT NOT NULL DEFAULT '',
                    scope TEXT NOT NULL CHECK (scope IN ('account', 'listings')),
                    reason TEXT NOT NULL,
                    status TEXT NOT NULL,
                    status_changed_at TEXT NOT NULL,
                    opened_at TEXT NOT NULL,
                    -- Derived from the deadline table (the earliest open due date), kept with the case so
                    -- the urgency sort reads a window of rows from an index instead of sorting every case.
                    next_due_at TEXT
                );
                CREATE INDEX case_by_urgency ON suspension_case(coalesce(next_due_at, '~'), id);
                CREATE INDEX case_by_account ON suspension_case(account COLLATE NOCASE, id);
                CREATE INDEX case_by_status ON suspension_case(\(statusRank), coalesce(next_due_at, '~'), id);
                CREATE INDEX case_by_update ON suspension_case(status_changed_at DESC, id DESC);
                CREATE TABLE case_asin (
                    case_id INTEGER NOT NULL REFERENCES suspension_case(id) ON DELETE CASCADE,
                    asin TEXT NOT NULL,
                    PRIMARY KEY (case_id, asin)
                ) WITHOUT ROWID;
                CREATE INDEX case_asin_by_asin ON case_asin(asin);
                CREATE TABLE message (
                    id INTEGER PRIMARY KEY,
                    case_id INTEGER NOT NULL REFERENCES suspension_case(id) ON DELETE CASCADE,
                    kind TEXT NOT NULL,
                    received_at TEXT NOT NULL,
                    subject TEXT NOT NULL DEFAULT '',
                    raw BLOB NOT NULL,
                    text TEXT NOT NULL,
                    reader_version INTEGER NOT NULL
                );
                CREATE INDEX message_by_case ON message(case_id, received_at);
                CREATE TABLE requested_detail (
                    id INTEGER PRIMARY KEY,
                    case_id INTEGER NOT NULL REFERENCES suspension_case(id) ON DELETE CASCADE,
                    message_id INTEGER NOT NULL REFERENCES message(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    text TEXT NOT NULL,
                    aspect TEXT NOT NULL,
                    topic TEXT NOT NULL DEFAULT '',
                    -- 1 once the seller corrected aspect or topic: reading the message again keeps them.
                    corrected INTEGER NOT NULL DEFAULT 0,
                    state TEXT NOT NULL CHECK (state IN ('unanswered', 'reopened', 'answered', 'waived')),
                    answered_version INTEGER,
                    answered_by TEXT,
                    waived_reason TEXT
                );
                CREATE INDEX requested_detail_by_case ON requested_detail(case_id, state);
                CREATE INDEX requested_detail_by_message ON requested_detail(message_id, position);
                CREATE TABLE plan_version (
                    case_id INTEGER NOT NULL REFERENCES suspension_case(id) ON DELETE CASCADE,
                    number INTEGER NOT NULL CHECK (number >= 1),
                    text TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    submitted_at TEXT,
                    PRIMARY KEY (case_id, number)
                ) WITHOUT ROWID;
                CREATE TABLE deadline (
                    id INTEGER PRIMARY KEY,
                    case_id INTEGER NOT NULL REFERENCES suspension_case(id) ON DELETE CASCADE,
                    message_id INTEGER NOT NULL REFERENCES message(id) ON DELETE CASCADE,
                    amount INTEGER NOT NULL,
                    unit TEXT NOT NULL CHECK (unit IN ('days', 'hours')),
                    anchor TEXT NOT NULL CHECK (anchor IN ('original-notification', 'this-message')),
                    phrase TEXT NOT NULL,
                    set_at TEXT NOT NULL,
                    due_at TEXT NOT NULL,
                    closed_at TEXT,
                    closed_by TEXT CHECK (closed_by IN ('plan-submitted', 'case-finished')),
                    closed_version INTEGER,
                    closed_status TEXT
                );
                CREATE INDEX deadline_by_case ON deadline(case_id);
                -- Open deadlines by due date: what `due`, the warning screen and the urgency sort read.
                CREATE INDEX deadline_open_by_due ON deadline(due_at) WHERE closed_at IS NULL;
                CREATE TABLE note (
                    id INTEGER PRIMARY KEY,
                    case_id INTEGER NOT NULL REFERENCES suspension_case(id) ON DELETE CASCADE,
                    created_at TEXT NOT NULL,
                    text TEXT NOT NULL
                );
                CREATE INDEX note_by_case ON note(case_id);
                CREATE TABLE evidence (
                    id INTEGER PRIMARY KEY,
                    case_id INTEGER NOT NULL REFERENCES suspension_case(id) ON DELETE CASCADE,
                    path TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    sha256 TEXT NOT NULL,
                    added_at TEXT NOT NULL
                );
                CREATE INDEX evidence_by_case ON evidence(case_id);
                -- Full-text search over what Amazon wrote and what the seller answered. The trigram
                -- tokenizer finds substrings in any script, Chinese included, which word tokenizers don't.
                CREATE VIRTUAL TABLE text_search USING fts5(
                    body, case_id UNINDEXED, source UNINDEXED, tokenize = 'trigram'
                );
                CREATE TRIGGER message_search_insert AFTER INSERT ON message BEGIN
                    INSERT INTO text_search(body, case_id, source)
                    VALUES (new.subject || char(10) || new.text, new.case_id, 'message:' || new.id);
                END;
                CREATE TRIGGER message_search_delete AFTER DELETE ON message BEGIN
                    DELETE FROM text_search WHERE source = 'message:' || old.id;
                END;
                CREATE TRIGGER plan_search_insert AFTER INSERT ON plan_version BEGIN
                    INSERT INTO text_search(body, case_id, source)
                    VALUES (new.text, new.case_id, 'plan:' || new.case_id || ':' || new.number);
                END;
                CREATE TRIGGER note_search_insert AFTER INSERT ON note BEGIN
                    INSERT INTO text_search(body, case_id, source) VALUES (new.text, new.case_id, 'note:' || new.id);
                END;
                """)
        }
        migrator.registerMigration("v2") { db in
            // Counting a case's submitted versions (every list row and every `due` line shows it) read
            // each plan row, and a plan's text spills into overflow pages before `submitted_at` is
            // reached: 2,600 of the 3,500 pages `due` read on 10,000 cases. This index answers the count
            // alone.
            try db.execute(sql: "CREATE INDEX plan_version_submitted ON plan_version(case_id, submitted_at)")
        }
        migrator.registerMigration("v3") { db in
            // `due` on 100,000 cases read 6,900 deadline rows, the case of each, and counted each case's
            // open requests and submitted versions: four random page reads a line (65 ms of SQLite, 120 ms
            // a run). Now the open deadlines are read from one index that holds every column `due` shows,
            // and each case row carries its two counts, so a line costs one case lookup (15 ms).
            //
            // The counts are kept by triggers, recounted from the rows on every change (never adjusted
            // by one), so no write path, import or restore can make them drift.
            try db.execute(sql: """
                ALTER TABLE suspension_case ADD COLUMN unanswered_count INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE suspension_case ADD COLUMN submitted_count INTEGER NOT NULL DEFAULT 0;
                UPDATE suspension_case SET
                    unanswered_count = (\(CaseCount.unanswered.of("suspension_case.id"))),
                    submitted_count = (\(CaseCount.submitted.of("suspension_case.id")));
                \(CaseCount.unanswered.triggers)
                \(CaseCount.submitted.triggers)
                DROP INDEX deadline_open_by_due;
                CREATE INDEX deadline_open_by_due
                    ON deadline(due_at, case_id, id, message_id, amount, unit, anchor, phrase, set_at, closed_at)
                    WHERE closed_at IS NULL;
                """)
        }
        migrator.registerMigration("v4") { db in
            // A detail "answered by v2" while v2 is a draft was counted answered: the case list, `due` and
            // the warning showed fewer open requests than Amazon has seen answers for. The count now
            // follows `DetailStanding`: answered only by an unsubmitted version still counts as open,
            // so it is also recounted when a version is stored or its submission changes.
            //
            // Notes can now be edited and removed, and messages moved between cases: the text index
            // follows (before, only inserts were indexed).
            let count = CaseCount.openForAmazon
            try db.execute(sql: """
                DROP TRIGGER requested_detail_count_insert;
                DROP TRIGGER requested_detail_count_delete;
                DROP TRIGGER requested_detail_count_update;
                \(count.triggers)
                CREATE TRIGGER plan_version_open_count_insert AFTER INSERT ON plan_version BEGIN
                    UPDATE suspension_case SET unanswered_count = (\(count.of("new.case_id"))) WHERE id = new.case_id;
                END;
                CREATE TRIGGER plan_version_open_count_delete AFTER DELETE ON plan_version BEGIN
                    UPDATE suspension_case SET unanswered_count = (\(count.of("old.case_id"))) WHERE id = old.case_id;
                END;
                CREATE TRIGGER plan_version_open_count_update AFTER UPDATE OF submitted_at, case_id ON plan_version BEGIN
                    UPDATE suspension_case SET unanswered_count = (\(count.of("old.case_id"))) WHERE id = old.case_id;
                    UPDATE suspension_case SET unanswered_count = (\(count.of("new.case_id"))) WHERE id = new.case_id;
                END;
                UPDATE suspension_case SET unanswered_count = (\(count.of("suspension_case.id")));
                CREATE TRIGGER note_search_update AFTER UPDATE OF text, case_id ON note BEGIN
                    DELETE FROM text_search WHERE source = 'note:' || old.id;
                    INSERT INTO text_search(body, case_id, source) VALUES (new.text, new.case_id, 'note:' || new.id);
                END;
                CREATE TRIGGER note_search_delete AFTER DELETE ON note BEGIN
                    DELETE FROM text_search WHERE source = 'note:' || old.id;
                END;
                CREATE TRIGGER message_search_update AFTER UPDATE OF subject, text, case_id ON message BEGIN
                    DELETE FROM text_search WHERE source = 'message:' || old.id;
                    INSERT INTO text_search(body, case_id, source)
                    VALUES (new.subject || char(10) || new.text, new.case_id, 'message:' || new.id);
                END;
                """)
        }
        migrator.registerMigration("v5") { db in
            // Requests that are alternatives ("one of the following", "For food products: … For other
            // products: …") are stored as such: one answered option makes the others not needed, and the
            // open count follows (`CaseHistory.standing`). Stores written before have no alternatives
            // until `message reparse --all` reads their messages again (the reader's version went up),
            // so nothing needs recounting here: every request's group is NULL and counts as before.
            let count = CaseCount.openWithAlternatives
            try db.execute(sql: """
                ALTER TABLE requested_detail ADD COLUMN alternative_group INTEGER;
                ALTER TABLE requested_detail ADD COLUMN alternative_option INTEGER;
                DROP TRIGGER requested_detail_count_insert;
                DROP TRIGGER requested_detail_count_delete;
                DROP TRIGGER requested_detail_count_update;
                DROP TRIGGER plan_version_open_count_insert;
                DROP TRIGGER plan_version_open_count_delete;
                DROP TRIGGER plan_version_open_count_update;
                \(count.triggers)
                \(count.planTriggers)
                """)
        }
        // Mail intake (issue 18).
        migrator.registerMigration("v6") { db in try Self.mailIntake(db) }
        // Who did what (issue 17): the author of each change, kept with the fact it changed. Rows
        // written before have none (NULL), shown as nothing rather than guessed.
        migrator.registerMigration("v7") { db in
            try db.execute(sql: """
                ALTER TABLE suspension_case ADD COLUMN status_set_by TEXT;
                ALTER TABLE message ADD COLUMN added_by TEXT;
                ALTER TABLE requested_detail ADD COLUMN state_set_by TEXT;
                ALTER TABLE requested_detail ADD COLUMN state_set_at TEXT;
                ALTER TABLE plan_version ADD COLUMN created_by TEXT;
                ALTER TABLE plan_version ADD COLUMN submitted_by TEXT;
                ALTER TABLE note ADD COLUMN author TEXT;
                """)
        }
        return migrator
    }

    /// Mail intake (issue 18): which mailbox messages were imported (so a second import adds nothing),
    /// what filed mail taught about its case (thread, order ids, Amazon's references, addresses), the
    /// messages held for the seller, and the attachments kept with a message.
    static func mailIntake(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE mail_identity (
                -- "message-id:<id>" or "sha256:<hex of the bytes>" (MailEnvelope.identity).
                identity TEXT PRIMARY KEY,
                -- Kept when the message is removed: importing the mailbox again must not bring it back.
                message_id INTEGER REFERENCES message(id) ON DELETE SET NULL,
                imported_at TEXT NOT NULL
            );
            CREATE INDEX mail_identity_by_message ON mail_identity(message_id);
            CREATE TABLE mail_mark (
                case_id INTEGER NOT NULL REFERENCES suspension_case(id) ON DELETE CASCADE,
                kind TEXT NOT NULL CHECK (kind IN ('message-id', 'order', 'reference', 'token', 'address')),
                value TEXT NOT NULL,
                PRIMARY KEY (kind, value, case_id)
            ) WITHOUT ROWID;
            CREATE INDEX mail_mark_by_case ON mail_mark(case_id);
            CREATE TABLE held_message (
                -- Never reused: "mail file 3" must not name another message once 3 was filed.
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                identity TEXT NOT NULL UNIQUE,
                received_at TEXT NOT NULL,
                subject TEXT NOT NULL DEFAULT '',
                sender TEXT NOT NULL DEFAULT '',
                reason TEXT NOT NULL,
                origin TEXT NOT NULL DEFAULT '',
                raw BLOB NOT NULL,
                held_at TEXT NOT NULL
            );
            CREATE TABLE message_attachment (
                id INTEGER PRIMARY KEY,
                message_id INTEGER NOT NULL REFERENCES message(id) ON DELETE CASCADE,
                number INTEGER NOT NULL CHECK (number >= 1),
                filename TEXT NOT NULL,
                content_type TEXT NOT NULL,
                size INTEGER NOT NULL,
                sha256 TEXT NOT NULL,
                -- The file as the sender attached it (transfer encoding undone); the message's raw bytes
                -- hold it too, encoded.
                data BLOB NOT NULL,
                UNIQUE (message_id, number)
            );
            """)
    }

    /// A count kept on the case row (migration v3): which table is counted, which of its rows count,
    /// and which of their columns can move a row in or out of the count.
    struct CaseCount {
        let column: String
        let table: String
        let condition: String
        let changes: String

        /// A case's requested details still waiting for an answer (the red count in lists and `due`), as
        /// migration v3 counted them; v4 counts `openForAmazon`.
        static let unanswered = CaseCount(
            column: "unanswered_count", table: "requested_detail", condition: "state IN ('unanswered', 'reopened')",
            changes: "state")
        /// Since v4: also a detail answered only by a version not submitted (`DetailStanding.isOpen`).
        static let openForAmazon = CaseCount(
            column: "unanswered_count", table: "requested_detail",
            condition: """
                (state IN ('unanswered', 'reopened') OR (state = 'answered' AND NOT EXISTS (
                    SELECT 1 FROM plan_version p WHERE p.case_id = requested_detail.case_id
                    AND p.number = requested_detail.answered_version AND p.submitted_at IS NOT NULL)))
                """,
            changes: "state, answered_version")
        /// Since v5: less a request nobody marked whose group of alternatives has another option answered
        /// in full by submitted versions (`DetailStanding.notNeeded`).
        static let openWithAlternatives = CaseCount(
            column: "unanswered_count", table: "requested_detail",
            condition: """
                (\(openForAmazon.condition)) AND NOT (requested_detail.state = 'unanswered'
                    AND requested_detail.alternative_group IS NOT NULL AND EXISTS (
                    SELECT 1 FROM requested_detail o
                    WHERE o.message_id = requested_detail.message_id AND o.alternative_group = requested_detail.alternative_group
                        AND o.alternative_option IS NOT requested_detail.alternative_option
                        AND NOT EXISTS (
                            SELECT 1 FROM requested_detail i
                            WHERE i.message_id = o.message_id AND i.alternative_group = o.alternative_group
                                AND i.alternative_option IS o.alternative_option
                                AND NOT (i.state = 'answered' AND EXISTS (
                                    SELECT 1 FROM plan_version p WHERE p.case_id = i.case_id
                                    AND p.number = i.answered_version AND p.submitted_at IS NOT NULL)))))
                """,
            changes: "state, answered_version, alternative_group, alternative_option")
        /// A case's plan versions sent to Amazon.
        static let submitted = CaseCount(
            column: "submitted_count", table: "plan_version", condition: "submitted_at IS NOT NULL", changes: "submitted_at")

        /// The count for the case `caseID` (an SQL expression), from the rows.
        func of(_ caseID: String) -> String {
            "SELECT count(*) FROM \(table) WHERE case_id = \(caseID) AND \(condition)"
        }

        private func recount(_ caseID: String) -> String {
            "UPDATE suspension_case SET \(column) = (\(of(caseID))) WHERE id = \(caseID);"
        }

        /// Triggers that recount the case when a plan version is stored, removed, or sent (v4): an answer in
        /// a draft does not count until the draft is submitted.
        var planTriggers: String {
            """
            CREATE TRIGGER plan_version_open_count_insert AFTER INSERT ON plan_version BEGIN
                UPDATE suspension_case SET \(column) = (\(of("new.case_id"))) WHERE id = new.case_id;
            END;
            CREATE TRIGGER plan_version_open_count_delete AFTER DELETE ON plan_version BEGIN
                UPDATE suspension_case SET \(column) = (\(of("old.case_id"))) WHERE id = old.case_id;
            END;
            CREATE TRIGGER plan_version_open_count_update AFTER UPDATE OF submitted_at, case_id ON plan_version BEGIN
                UPDATE suspension_case SET \(column) = (\(of("old.case_id"))) WHERE id = old.case_id;
                UPDATE suspension_case SET \(column) = (\(of("new.case_id"))) WHERE id = new.case_id;
            END;
            """
        }

        /// Triggers that recount the case (both cases, when a row moves) after every insert, delete
        /// and change that matters.
        var triggers: String {
            """
            CREATE TRIGGER \(table)_count_insert AFTER INSERT ON \(table) BEGIN \(recount("new.case_id")) END;
            CREATE TRIGGER \(table)_count_delete AFTER DELETE ON \(table) BEGIN \(recount("old.case_id")) END;
            CREATE TRIGGER \(table)_count_update AFTER UPDATE OF \(changes), case_id ON \(table) BEGIN
                \(recount("old.case_id")) \(recount("new.case_id"))
            END;
            """
        }
    }

    /// Statuses in the order a case moves, for sorting (an index is built on the same expression).
    static let statusRank = "CASE status "
        + CaseStatus.allCases.enumerated().map { "WHEN '\($1.rawValue)' THEN \($0)" }.joined(separator: " ") + " END"

    /// The ORDER BY of each sort; each has an index that serves it, so a window of the list is read
    /// without sorting every case.
    static func order(_ sort: CaseSort) -> String {
        switch sort {
        case .urgency: return "coalesce(c.next_due_at, '~'), c.id"
        case .newest: return "c.id DESC"
        case .account: return "c.account COLLATE NOCASE, c.id"
        case .status: return "\(statusRank.replacingOccurrences(of: "status", with: "c.status")), coalesce(c.next_due_at, '~'), c.id"
        case .updated: return "c.status_changed_at DESC, c.id DESC"
        }
    }
}
