import Foundation
import ReinstateCore
@testable import ReinstateUI
import Testing

@Suite struct ReducerTests {
    func state(width: Int = 80, height: Int = 24) -> AppState {
        AppState(width: width, height: height, now: Fixtures.now, options: Fixtures.options())
    }

    @Test func startingLoadsWarningsCountAndAWindow() {
        let (next, effects) = reduce(state(), .started)
        let request = CaseWindowRequest(filter: CaseFilter(), sort: .urgency, offset: 0, limit: 60)
        #expect(effects == [
            .loadDueDeadlines(now: Fixtures.now, within: 3 * 86_400), .countCases(CaseFilter()), .loadCases(request), .loadHeld,
        ])
        #expect(next.list.pendingRequest == request)
    }

    @Test func warningsAtLaunchShowTheWarningScreenOnce() {
        let warning = DueDeadline(summary: Fixtures.book().summary(Fixtures.packagingCase()), deadline: Fixtures.packagingCase().deadlines[1])
        var (next, _) = reduce(state(), .dueWarningsLoaded(DueWarnings([warning])))
        #expect(next.screens == [.caseList, .warning])
        (next, _) = reduce(next, .key(.character("x")))  // any key
        #expect(next.screens == [.caseList])
        (next, _) = reduce(next, .dueWarningsLoaded(DueWarnings([warning])))
        #expect(next.screens == [.caseList])
        #expect(next.warnings == DueWarnings([warning]))
    }

    /// An agency's store: 500 due deadlines, of which only the first few are read whole. The screen
    /// and the banner count all of them, and the overdue count follows the clock.
    @Test func warningsCountEveryDeadlineWhileOnlyTheFirstAreRead() {
        let packaging = Fixtures.packagingCase()
        let warning = DueDeadline(summary: Fixtures.book().summary(packaging), deadline: packaging.deadlines[1])
        let dues = (0..<500).map { Fixtures.now.addingTimeInterval(Double($0 - 300) * 60 + 30) }  // 300 overdue
        var (next, _) = reduce(state(), .dueWarningsLoaded(DueWarnings(dues: dues, first: [warning, warning, warning])))
        var text = render(next).lines.joined(separator: "\n")
        #expect(text.contains("500 deadlines overdue or due within 3 days (300 overdue)"))
        #expect(text.contains("… and 497 more"))
        (next, _) = reduce(next, .key(.character(" ")))
        (next, _) = reduce(next, .tick(Fixtures.now.addingTimeInterval(100 * 60)))
        text = render(next).lines.joined(separator: "\n")
        #expect(text.contains("! 400 overdue, 100 due within 3 days"))
    }

    @Test func noWarningScreenWhenNothingIsDue() {
        let (next, _) = reduce(state(), .dueWarningsLoaded(.none))
        #expect(next.screens == [.caseList])
        #expect(next.warningsChecked)
    }

    @Test func movingPastTheWindowAsksForTheNextWindowOnly() {
        var s = state()
        let request = CaseWindowRequest(filter: CaseFilter(), sort: .urgency, offset: 0, limit: 60)
        let rows = (1...60).map { CaseSummary(id: Int64($0), title: "c\($0)", account: "", marketplace: "", reason: .other, status: .open, nextDeadline: nil, unanswered: 0, appealsSubmitted: 0) }
        _ = s.apply(.casesCounted(CaseFilter(), total: 100_000))
        _ = s.apply(.casesLoaded(request, rows: rows))
        #expect(s.apply(.key(.character("j"))) == [])
        #expect(s.list.scroll.selected == 1)
        #expect(s.apply(.key(.control("d"))) == [])
        // Jumping to the end asks for the last window, around the visible rows.
        let effects = s.apply(.key(.character("G")))
        #expect(s.list.scroll.selected == 99_999)
        #expect(s.list.scroll.top == 99_999 - 19)
        #expect(effects == [.loadCases(CaseWindowRequest(filter: CaseFilter(), sort: .urgency, offset: 99_980 - 20, limit: 60))])
        // Moving again before it arrives does not ask twice.
        #expect(s.apply(.key(.character("k"))) == [])
    }

    @Test func filterAsYouTypeAndEscapeRestores() {
        var s = state()
        _ = s.apply(.key(.character("/")))
        #expect(s.prompt?.purpose == .filter(previous: ""))
        let effects = s.apply(.key(.character("a")))
        #expect(s.list.filter.text == "a")
        #expect(effects.first == .countCases(CaseFilter(text: "a")))
        _ = s.apply(.key(.character("c")))
        #expect(s.list.filter.text == "ac")
        _ = s.apply(.key(.backspace))
        #expect(s.list.filter.text == "a")
        _ = s.apply(.key(.escape))
        #expect(s.prompt == nil)
        #expect(s.list.filter.text == "")
    }

    @Test func statusFilterAndSortCycle() {
        var s = state()
        var effects = s.apply(.key(.character("s")))
        #expect(s.list.filter.status == .unfinished)
        #expect(effects.first == .countCases(CaseFilter(status: .unfinished)))
        effects = s.apply(.key(.character("o")))
        #expect(s.list.sort == .newest)
        #expect(effects.last == .loadCases(CaseWindowRequest(filter: CaseFilter(status: .unfinished), sort: .newest, offset: 0, limit: 60)))
    }

    @Test func staleWindowsAreIgnored() {
        var s = state()
        _ = s.apply(.key(.character("s")))
        let old = CaseWindowRequest(filter: CaseFilter(), sort: .urgency, offset: 0, limit: 60)
        _ = s.apply(.casesLoaded(old, rows: []))
        #expect(s.list.window == CaseWindow())
    }

    @Test func openingACaseLoadsItAndShowsTheTimeline() {
        var s = state()
        let summary = Fixtures.book().summary(Fixtures.packagingCase())
        _ = s.apply(.casesCounted(CaseFilter(), total: 1))
        _ = s.apply(.casesLoaded(CaseWindowRequest(filter: CaseFilter(), sort: .urgency, offset: 0, limit: 60), rows: [summary]))
        #expect(s.apply(.key(.enter)) == [.loadCase(id: 12)])
        _ = s.apply(.caseLoaded(Fixtures.packagingCase()))
        #expect(s.screens == [.caseList, .caseView])
        #expect(s.keyContext == .timeline)
        _ = s.apply(.key(.tab))
        #expect(s.keyContext == .requestedDetails)
        _ = s.apply(.key(.character("q")))
        #expect(s.screens == [.caseList])
        #expect(s.caseView == nil)
    }

    func caseState() -> AppState {
        var s = state()
        _ = s.apply(.caseLoaded(Fixtures.packagingCase()))
        _ = s.apply(.key(.character("2")))
        return s
    }

    @Test func requestedDetailsSkipGroupHeadings() {
        var s = caseState()
        let rows = s.caseView?.requestRows ?? []
        #expect(rows.first == .group("root cause · improper packaging"))
        #expect(s.caseView?.scroll(.requestedDetails).selected == 1)
        #expect(s.caseView?.selectedDetail?.id == 1)
        _ = s.apply(.key(.character("j")))
        #expect(s.caseView?.selectedDetail?.id == 2)
        _ = s.apply(.key(.character("j")))
        #expect(s.caseView?.selectedDetail?.id == 3)
        _ = s.apply(.key(.character("k")))
        _ = s.apply(.key(.character("k")))
        #expect(s.caseView?.selectedDetail?.id == 1)
        #expect(s.caseView?.scroll(.requestedDetails).top == 0)
    }

    @Test func markAnsweredAsksTheVersionAndSaves() {
        var s = caseState()
        _ = s.apply(.key(.character("a")))
        // The latest version sent is proposed; the newer draft is named as a draft.
        #expect(s.prompt == Prompt(.answeredByVersion(caseID: 12, detailID: 1), label: "Answered by plan version (v2 is a draft, not sent yet)", input: "1"))
        _ = s.apply(.key(.backspace))
        _ = s.apply(.key(.character("9")))
        #expect(s.apply(.key(.enter)) == [])
        #expect(s.message?.isError == true)
        #expect(s.prompt != nil)  // asked again
        _ = s.apply(.key(.backspace))
        _ = s.apply(.key(.character("1")))
        #expect(s.apply(.key(.enter)) == [.setRequestState(caseID: 12, detailID: 1, state: .answered(version: 1, by: .user), seen: .unanswered)])
        #expect(s.prompt == nil)
    }

    @Test func waiveAsksWhyAndReopenNeedsAClosedRequest() {
        var s = caseState()
        _ = s.apply(.key(.character("w")))
        #expect(s.apply(.key(.enter)) == [])
        #expect(s.message == StatusMessage("Say why the request is waived.", isError: true))
        for c in "no supplier" { _ = s.apply(.key(.character(c))) }
        #expect(s.apply(.key(.enter)) == [.setRequestState(caseID: 12, detailID: 1, state: .waived(reason: "no supplier"), seen: .unanswered)])
        #expect(s.apply(.key(.character("r"))) == [])
        #expect(s.message == StatusMessage("This request is already unanswered."))
        _ = s.apply(.key(.character("j")))
        #expect(s.apply(.key(.character("r"))) == [.setRequestState(caseID: 12, detailID: 2, state: .reopened, seen: .answered(version: 1, by: .matcher))])
    }

    @Test func exportAsksTheFormatThenThePath() {
        var s = caseState()
        #expect(s.apply(.key(.character("x"))) == [])
        #expect(s.prompt?.choices == ["markdown", "html", "json", "text", "ics"])
        _ = s.apply(.key(.down))
        #expect(s.apply(.key(.enter)) == [])
        #expect(s.prompt?.input == "case-12.html")
        #expect(s.apply(.key(.enter)) == [.exportCase(caseID: 12, format: "html", path: "case-12.html")])
        // The file exists: asked, "no" under Enter, which offers another name.
        _ = s.apply(.exportTargetExists(caseID: 12, format: "html", path: "/work/case-12.html"))
        #expect(s.prompt?.choices == ["no", "yes"])
        #expect(s.apply(.key(.enter)) == [])
        #expect(s.prompt?.purpose == .exportPath(caseID: 12, format: "html"))
        _ = s.apply(.exportTargetExists(caseID: 12, format: "html", path: "/work/case-12.html"))
        _ = s.apply(.key(.right))
        #expect(s.apply(.key(.enter)) == [.exportCase(caseID: 12, format: "html", path: "/work/case-12.html", replacing: true)])
    }

    @Test func savedReloadsTheCaseTheListAndTheWarnings() {
        var s = caseState()
        let effects = s.apply(.saved("Request waived.", caseID: 12))
        #expect(effects.first == .loadDueDeadlines(now: Fixtures.now, within: 3 * 86_400))
        #expect(effects.contains(.countCases(CaseFilter())))
        #expect(effects.last == .loadCase(id: 12))
        #expect(s.message == StatusMessage("Request waived."))
    }

    @Test func readOnlyRefusesEdits() {
        var s = AppState(now: Fixtures.now, options: Fixtures.options(readOnly: true))
        _ = s.apply(.caseLoaded(Fixtures.packagingCase()))
        _ = s.apply(.key(.character("2")))
        #expect(s.apply(.key(.character("a"))) == [])
        #expect(s.prompt == nil)
        #expect(s.message == StatusMessage("Read-only mode: answered is off.", isError: true))
        _ = s.apply(.key(.character("j")))  // moving still works
        #expect(s.caseView?.selectedDetail?.id == 2)
    }

    @Test func plansSubmitAndCompare() {
        var s = state()
        _ = s.apply(.caseLoaded(Fixtures.packagingCase()))
        _ = s.apply(.key(.character("3")))
        #expect(s.caseView?.selectedPlan?.number == 2)
        _ = s.apply(.key(.character("S")))
        #expect(s.prompt?.choices == ["no", "yes"])
        #expect(s.apply(.key(.enter)) == [])  // Enter alone: no
        #expect(s.message == StatusMessage("Not marked submitted."))
        _ = s.apply(.key(.character("S")))
        _ = s.apply(.key(.right))
        #expect(s.apply(.key(.enter)) == [.markPlanSubmitted(caseID: 12, version: 2, at: Fixtures.now)])
        _ = s.apply(.key(.character("d")))
        #expect(s.screens.last == .pager)
        #expect(s.pager?.title == "#12 plan v1 → v2")
        _ = s.apply(.key(.escape))
        _ = s.apply(.key(.character("k")))
        _ = s.apply(.key(.character("S")))
        #expect(s.prompt == nil)
        #expect(s.message?.isError == true)  // v1 was submitted already
    }

    @Test func newPlanDraftOpensTheEditorOnTheLatestVersion() {
        var s = caseState()
        let effects = s.apply(.key(.character("p")))
        let request = EditRequest(purpose: .planDraft(caseID: 12), initialText: Fixtures.packagingCase().plans[1].text)
        #expect(effects == [.editText(request)])
        #expect(s.apply(.edited(request, .saved(request.initialText))) == [])
        #expect(s.message == StatusMessage("Nothing saved: the draft was not changed."))
        #expect(s.apply(.edited(request, .saved("New text"))) == [.addPlanDraft(caseID: 12, text: "New text", at: Fixtures.now)])
    }

    @Test func addMessageTakesAPathOrTheEditor() {
        var s = caseState()
        _ = s.apply(.key(.character("m")))
        #expect(s.apply(.key(.enter)) == [.editText(EditRequest(purpose: .message(caseID: 12), initialText: ""))])
        _ = s.apply(.key(.character("m")))
        for c in "~/mail.eml" { _ = s.apply(.key(.character(c))) }
        #expect(s.apply(.key(.enter)) == [.addMessageFile(caseID: 12, path: "~/mail.eml", at: Fixtures.now)])
    }

    @Test func changeStatusPicksWithArrows() {
        var s = caseState()
        _ = s.apply(.key(.character("s")))
        #expect(s.prompt?.choice == CaseStatus.allCases.firstIndex(of: .moreInformationRequested))
        _ = s.apply(.key(.right))
        // Reinstated finishes the case and closes its deadlines: asked, "no" under Enter.
        #expect(s.apply(.key(.enter)) == [])
        #expect(s.prompt?.purpose == .confirmStatus(caseID: 12, status: .reinstated))
        #expect(s.apply(.key(.enter)) == [])
        #expect(s.message == StatusMessage("The status stays as it was."))
        _ = s.apply(.key(.character("s")))
        _ = s.apply(.key(.right))
        _ = s.apply(.key(.enter))
        _ = s.apply(.key(.right))
        #expect(s.apply(.key(.enter)) == [.changeStatus(caseID: 12, status: .reinstated, at: Fixtures.now, seen: .moreInformationRequested)])
        // An open status is set at once.
        _ = s.apply(.key(.character("s")))
        _ = s.apply(.key(.left))
        #expect(s.apply(.key(.enter)) == [.changeStatus(caseID: 12, status: .appealSubmitted, at: Fixtures.now, seen: .moreInformationRequested)])
        // The same status again changes nothing, and says so.
        _ = s.apply(.key(.character("s")))
        #expect(s.apply(.key(.enter)) == [])
        #expect(s.message?.text.contains("already") == true)
    }

    @Test func escapeInTheNewCaseQuestionsSaysNothingWasKept() {
        var s = state()
        _ = s.apply(.key(.character("n")))
        for c in "Gamma" { _ = s.apply(.key(.character(c))) }
        _ = s.apply(.key(.enter))
        _ = s.apply(.key(.escape))
        #expect(s.prompt == nil)
        #expect(s.message == StatusMessage("No case opened; the answers so far were not kept."))
    }

    @Test func newCaseAsksFourQuestions() {
        var s = state()
        _ = s.apply(.key(.character("n")))
        for c in "Gamma" { _ = s.apply(.key(.character(c))) }
        _ = s.apply(.key(.enter))
        for c in "Gamma Inc" { _ = s.apply(.key(.character(c))) }
        _ = s.apply(.key(.enter))
        _ = s.apply(.key(.control("u")))
        for c in "https://www.Amazon.de/" { _ = s.apply(.key(.character(c))) }
        _ = s.apply(.key(.enter))
        _ = s.apply(.key(.character("i")))  // "inauthentic"
        let effects = s.apply(.key(.enter))
        #expect(effects == [.newCase(SuspensionCase(title: "Gamma", account: "Gamma Inc", marketplace: "amazon.de", reason: .inauthentic, opened: Fixtures.now))])
    }

    @Test func tooSmallOnlyQuits() {
        var s = state(width: 40, height: 10)
        #expect(s.isTooSmall)
        #expect(s.apply(.key(.character("/"))) == [])
        #expect(s.prompt == nil)
        #expect(s.apply(.key(.character("q"))) == [.quit])
        #expect(s.quitting)
    }

    @Test func resizeKeepsTheSelectionVisibleAndRewrapsThePager() {
        var s = state()
        _ = s.apply(.casesCounted(CaseFilter(), total: 1000))
        _ = s.apply(.key(.character("G")))
        _ = s.apply(.resized(width: 100, height: 40))
        #expect(s.list.scroll.selected == 999)
        #expect(s.list.scroll.top == 1000 - s.layout.listRows)
        _ = s.apply(.caseLoaded(Fixtures.packagingCase()))
        _ = s.apply(.key(.enter))
        let lines = s.pager?.lines.count ?? 0
        _ = s.apply(.resized(width: 60, height: 16))
        #expect((s.pager?.lines.count ?? 0) >= lines)
        #expect(s.pager?.wrapWidth == 60)
    }

    @Test func mouseWheelAndClicks() {
        var s = state()
        _ = s.apply(.caseLoaded(Fixtures.packagingCase()))
        _ = s.apply(.key(.character("g")))
        _ = s.apply(.mouse(MouseEvent(kind: .wheelDown, x: 5, y: 5)))
        #expect(s.caseView?.scroll(.timeline).selected == 3)
        // Clicking the tab bar switches tabs.
        let titles = CaseViewScreen.tabTitles(s.caseView ?? CaseViewState(file: Fixtures.packagingCase(), zone: Fixtures.utc))
        let x = TabBar.ranges(titles)[2].lowerBound + 1
        _ = s.apply(.mouse(MouseEvent(kind: .click, x: x, y: s.layout.tabBarY)))
        #expect(s.caseView?.tab == .plans)
    }

    @Test func helpListsTheKeysOfTheScreenBelow() {
        var s = caseState()
        _ = s.apply(.key(.character("?")))
        #expect(s.screens.last == .help)
        #expect(s.helpContext == .requestedDetails)
        _ = s.apply(.key(.escape))
        #expect(s.screens.last == .caseView)
    }

    @Test func aColleaguesChangeIsToldInOneLineAndTheCaseIsReadAgain() throws {
        // A colleague waived request 1 after the screen showed it unanswered.
        let book = Fixtures.book()
        book.histories[12]?.requests[0].state = .waived(reason: "asked by phone")
        book.histories[12]?.requests[0].stateSetBy = "dana"
        let runtime = UIRuntime(book: book, options: Fixtures.options(), width: 100, height: 30, clock: { Fixtures.now })
        var s = caseState()
        let effects = s.apply(.key(.character("w")))
        #expect(effects == [])
        for c in "not ours" { _ = s.apply(.key(.character(c))) }
        let write = s.apply(.key(.enter))
        #expect(write == [.setRequestState(caseID: 12, detailID: 1, state: .waived(reason: "not ours"), seen: .unanswered)])
        let action = try #require(runtime.perform(write[0]))
        let line = "Request 1 was waived: asked by phone by dana while you had it open; nothing was changed."
        #expect(action == .conflict(line, caseID: 12))
        #expect(book.histories[12]?.requests[0].state == .waived(reason: "asked by phone"))  // nothing overwritten
        let reload = s.apply(action)
        #expect(s.message == StatusMessage(line, isError: true))
        #expect(reload.contains(.loadCase(id: 12)))
        // The same status as a colleague set is no conflict: the memory book, like the stores, takes it.
        let same = runtime.perform(.changeStatus(caseID: 12, status: .moreInformationRequested, at: Fixtures.now, seen: .open))
        if case .conflict? = same { Issue.record("setting what a colleague set already is no conflict") }
        let other = runtime.perform(.changeStatus(caseID: 12, status: .closed, at: Fixtures.now, seen: .open))
        #expect(other == .conflict(
            "Case 12 was set to more info requested by someone while you had it open; nothing was changed.", caseID: 12))
    }
}

@Suite struct PagerSearchTests {
    func pagerState(lines: Int) -> AppState {
        var s = AppState(width: 80, height: 24, now: Fixtures.now, options: Fixtures.options())
        let text = (1...lines).map { $0 % 10 == 0 ? "line \($0) mentions the Invoice" : "line \($0)" }
        s.pager = PagerState(title: "t", source: text.map { [Span($0)] }, width: 80)
        s.screens.append(.pager)
        return s
    }

    @Test func slashFindsTheFirstMatchAndNGoesOnAndWraps() {
        var s = pagerState(lines: 100)
        _ = s.apply(.key(.character("/")))
        #expect(s.prompt?.purpose == .pagerSearch)
        for c in "invoice" { _ = s.apply(.key(.character(c))) }
        _ = s.apply(.key(.enter))
        #expect(s.pager?.scroll.top == 9)  // "line 10", ignoring case
        _ = s.apply(.key(.character("n")))
        #expect(s.pager?.scroll.top == 19)
        _ = s.apply(.key(.character("N")))
        #expect(s.pager?.scroll.top == 9)
        // Near the end the window cannot scroll further, but n still walks every match.
        _ = s.apply(.key(.character("G")))
        _ = s.apply(.key(.character("k")))
        var seen: [Int] = []
        for _ in 0..<4 {
            _ = s.apply(.key(.character("n")))
            seen.append(s.pager?.matchLine ?? -1)
        }
        #expect(seen == [79, 89, 99, 9])
        #expect(s.message?.text == "Search went on from the top.")
    }

    @Test func aMissingTermSaysSoAndMatchesAreHighlighted() {
        var s = pagerState(lines: 30)
        _ = s.apply(.key(.character("/")))
        for c in "zebra" { _ = s.apply(.key(.character(c))) }
        _ = s.apply(.key(.enter))
        #expect(s.message == StatusMessage("“zebra” is not in this text.", isError: true))
        #expect(s.pager?.scroll.top == 0)
        // A new search starts empty; Enter alone looks for the last term again.
        _ = s.apply(.key(.character("/")))
        #expect(s.prompt?.input == "")
        for c in "line 2" { _ = s.apply(.key(.character(c))) }
        _ = s.apply(.key(.enter))
        #expect(s.pager?.matchLine == 1)
        _ = s.apply(.key(.character("/")))
        _ = s.apply(.key(.enter))
        #expect(s.pager?.matchLine == 19)  // "line 20"
        let line = PagerState.highlighting("invoice", in: [Span("the "), Span("Invoice", .heading), Span(" and invoices")])
        #expect(line.map(\.text) == ["the ", "Invoice", " and ", "invoice", "s"])
        #expect(line[1].style == Style.heading.reversed)
        #expect(line[3].style == Style.plain.reversed)
        #expect(line[4].style == .plain)
    }
}
