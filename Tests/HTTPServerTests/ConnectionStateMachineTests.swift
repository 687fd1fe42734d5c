import HTTPServer
import Testing

struct ConnectionStateMachineTests {
    static let timeouts = ConnectionStateMachine.Timeouts(
        header: .seconds(10), body: .seconds(30), idle: .seconds(60), write: .seconds(20), linger: .seconds(2))
    let start = ContinuousClock.now

    @Test func firstHeadMustArriveWithinTheHeaderTimeoutFromAccept() {
        var machine = ConnectionStateMachine(timeouts: Self.timeouts, now: start)
        #expect(machine.phase == .idle)
        #expect(machine.timeoutAction(now: start + .seconds(9)) == nil)
        #expect(machine.timeoutAction(now: start + .seconds(10)) == .close)
        machine.receivedBytes(now: start + .seconds(5))
        #expect(machine.phase == .readingHead)
        // Trickling bytes does not extend the deadline.
        machine.receivedBytes(now: start + .seconds(9))
        #expect(machine.deadline == start + .seconds(10))
        #expect(machine.timeoutAction(now: start + .seconds(10)) == .requestTimeout)
    }

    @Test func bodyHasItsOwnDeadline() {
        var machine = ConnectionStateMachine(timeouts: Self.timeouts, now: start)
        machine.receivedBytes(now: start)
        machine.receivedHead(now: start + .seconds(1))
        #expect(machine.phase == .readingBody)
        #expect(machine.deadline == start + .seconds(31))
        #expect(machine.timeoutAction(now: start + .seconds(31)) == .requestTimeout)
    }

    @Test func processingNeverTimesOutAndWritingNeedsProgress() {
        var machine = ConnectionStateMachine(timeouts: Self.timeouts, now: start)
        machine.receivedBytes(now: start)
        machine.receivedHead(now: start)
        machine.requestComplete()
        #expect(machine.isInFlight)
        #expect(!machine.isReading)
        #expect(machine.deadline == nil)
        #expect(machine.timeoutAction(now: start + .seconds(3600)) == nil)
        machine.responseQueued(now: start + .seconds(1))
        #expect(machine.deadline == start + .seconds(21))
        machine.wroteBytes(now: start + .seconds(15))
        #expect(machine.deadline == start + .seconds(35))
        #expect(machine.timeoutAction(now: start + .seconds(35)) == .close)
    }

    @Test func keepAliveIdleThenNextHeadFromItsFirstByte() {
        var machine = ConnectionStateMachine(timeouts: Self.timeouts, now: start)
        machine.receivedBytes(now: start)
        machine.receivedHead(now: start)
        machine.requestComplete()
        machine.responseQueued(now: start)
        machine.responseSent(now: start + .seconds(1))
        #expect(machine.phase == .idle)
        #expect(machine.responsesSent == 1)
        #expect(machine.deadline == start + .seconds(61))
        #expect(machine.timeoutAction(now: start + .seconds(61)) == .close)
        machine.receivedBytes(now: start + .seconds(50))
        #expect(machine.deadline == start + .seconds(60))
    }

    @Test func lingeringCloses() {
        var machine = ConnectionStateMachine(timeouts: Self.timeouts, now: start)
        machine.startLingering(now: start)
        #expect(machine.phase == .lingering)
        #expect(!machine.isReading)
        #expect(machine.timeoutAction(now: start + .seconds(2)) == .close)
    }
}
