import TestSupport
import Testing
import TimeSeries

@testable import Storage

/// The series lookup table against a dictionary model, through growth, removals and colliding hashes.
struct SeriesIDTableTests {
    @Test(arguments: [UInt64(1), 2, 3])
    func randomInsertsAndRemovesMatchADictionary(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var table = SeriesIDTable(capacity: 16)
        var series: [MemSeries?] = [nil]
        var model: [Labels: PostingsIndex.ID] = [:]
        // Forcing a narrow hash (by tiny table sizes early on) exercises long probe runs and wrap-around.
        for step in 0..<5_000 {
            if model.isEmpty || random.next() % 3 != 0 {
                let labels = Labels(["__name__": "m", "i": String(step)])
                let id = PostingsIndex.ID(series.count)
                series.append(MemSeries(id: id, labels: labels))
                table.insert(id, hash: labels.precomputedHash)
                model[labels] = id
            } else {
                let victim = model.keys.randomElement(using: &random)!
                table.remove(model[victim]!, hash: victim.precomputedHash)
                series[Int(model[victim]!)] = nil
                model[victim] = nil
            }
        }
        #expect(table.count == model.count, "seed \(seed)")
        for (labels, id) in model {
            #expect(table.find(labels, in: series) == id, "seed \(seed)")
        }
        #expect(table.find(Labels(["__name__": "m", "i": "absent"]), in: series) == nil)
    }

    @Test func collidingHashesAreToldApartByLabels() {
        var table = SeriesIDTable(capacity: 16)
        let first = Labels(["__name__": "a"])
        let second = Labels(["__name__": "b"])
        let series: [MemSeries?] = [nil, MemSeries(id: 1, labels: first), MemSeries(id: 2, labels: second)]
        // Same hash for both: only the label comparison separates them.
        table.insert(1, hash: first.precomputedHash)
        table.insert(2, hash: first.precomputedHash)
        #expect(table.find(first, in: series) == 1)
        table.remove(1, hash: first.precomputedHash)
        #expect(table.find(first, in: series) == nil)
        #expect(table.count == 1)
    }
}
