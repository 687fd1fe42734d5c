import Foundation
import Synchronization
import Testing

@testable import Leakwatch

struct ProcessMemoryTests {
    @Test func residentSizeIsReadFromTheVmRSSLine() {
        let status = "Name:\tleakwatch\nVmPeak:\t  400000 kB\nVmRSS:\t   70312 kB\nRssAnon:\t   36000 kB\n"
        #expect(ProcessMemory.residentBytes(status: status) == 70_312 * 1024)
        #expect(ProcessMemory.residentBytes(status: "Name:\tx\n") == nil)
        #expect(ProcessMemory.residentBytes(status: "VmRSS:\t12 MB\n") == nil)
    }

    #if canImport(Glibc)
        @Test func glibcTakesTheSettingsAndTheResidentSizeIsReadable() throws {
            // Nine arenas is above what a test process on a small machine opens anyway, so limiting to it changes
            // nothing for the other tests running in this process.
            #expect(ProcessMemory.limitArenas(8 * max(1, ProcessInfo.processInfo.activeProcessorCount) + 1))
            let resident = try #require(ProcessMemory.residentBytes())
            #expect(resident > 1 << 20)
            // Touch 64 MiB in small heap blocks, each followed by a small block kept alive so that freeing them
            // leaves holes inside the heap that free() itself never returns; only trimming gives those pages back.
            var blocks: [UnsafeMutableRawPointer] = []
            var pins: [UnsafeMutableRawPointer] = []
            for _ in 0..<4_096 {
                let block = try #require(malloc(16_000))
                memset(block, 1, 16_000)
                blocks.append(block)
                pins.append(try #require(malloc(16)))
            }
            for block in blocks { free(block) }
            let freed = try #require(ProcessMemory.residentBytes())
            #expect(ProcessMemory.releaseFreeMemory())
            let trimmed = try #require(ProcessMemory.residentBytes())
            for pin in pins { free(pin) }
            #expect(freed - trimmed > 24 << 20)
        }
    #endif
}

struct MemoryReclaimerTests {
    @Test func releasesOncePerThresholdOfSamplesRead() {
        let read = Atomic<Int>(0)
        let released = Atomic<Int>(0)
        let reclaimer = MemoryReclaimer(
            threshold: 1_000, samplesRead: { read.load(ordering: .relaxed) },
            release: { released.add(1, ordering: .relaxed) })
        read.store(999, ordering: .relaxed)
        reclaimer.queryFinished()
        reclaimer.waitForPendingRelease()
        #expect(released.load(ordering: .relaxed) == 0)
        read.store(1_000, ordering: .relaxed)
        reclaimer.queryFinished()
        reclaimer.waitForPendingRelease()
        #expect(released.load(ordering: .relaxed) == 1)
        // The count starts again from the release.
        read.store(1_500, ordering: .relaxed)
        reclaimer.queryFinished()
        reclaimer.waitForPendingRelease()
        #expect(released.load(ordering: .relaxed) == 1)
        read.store(2_100, ordering: .relaxed)
        reclaimer.queryFinished()
        reclaimer.waitForPendingRelease()
        #expect(released.load(ordering: .relaxed) == 2)
        #expect(reclaimer.releases == 2)
    }

    @Test func queriesFinishingWhileAReleaseRunsDoNotQueueMore() {
        let read = Atomic<Int>(0)
        let released = Atomic<Int>(0)
        let gate = DispatchSemaphore(value: 0)
        let reclaimer = MemoryReclaimer(
            threshold: 10, samplesRead: { read.load(ordering: .relaxed) },
            release: {
                gate.wait()
                released.add(1, ordering: .relaxed)
            })
        for step in 1...5 {
            read.store(step * 100, ordering: .relaxed)
            reclaimer.queryFinished()
        }
        gate.signal()
        reclaimer.waitForPendingRelease()
        #expect(released.load(ordering: .relaxed) == 1)
        #expect(reclaimer.releases == 1)
    }
}
