import Testing

@testable import PromQL

@Suite("Kahan sum and quantile")
struct KahanSumTests {
    @Test("compensated sum keeps the small terms a naive sum loses")
    func compensation() {
        var sum = KahanSum()
        for value in [1e100, 1.0, -1e100] { sum.add(value) }
        #expect(sum.value == 1.0)
        var naive = 0.0
        for value in [1e100, 1.0, -1e100] { naive += value }
        #expect(naive == 0.0)
    }

    @Test("an infinite sum stays infinite")
    func infinity() {
        var sum = KahanSum()
        sum.add(.infinity)
        sum.add(1)
        #expect(sum.value == .infinity)
    }

    @Test("quantile interpolates between ranks and handles the edges like Prometheus")
    func quantile() {
        var values = [4.0, 1, 3, 2]
        #expect(Quantile.of(&values, 0.5) == 2.5)
        #expect(Quantile.of(&values, 0) == 1)
        #expect(Quantile.of(&values, 1) == 4)
        #expect(Quantile.of(&values, -1) == -.infinity)
        #expect(Quantile.of(&values, 2) == .infinity)
        var empty: [Double] = []
        #expect(Quantile.of(&empty, 0.5).isNaN)
    }
}
