import HTTPServer
import Testing

struct BoundedQueueTests {
    @Test func firstInFirstOutAndRefusesWhenFull() {
        var queue = BoundedQueue<Int>(capacity: 3)
        let accepted = [queue.append(1), queue.append(2), queue.append(3), queue.append(4)]
        #expect(accepted == [true, true, true, false])
        #expect(queue.popFirst() == 1)
        let fifth = queue.append(5)
        #expect(fifth)
        #expect([queue.popFirst(), queue.popFirst(), queue.popFirst(), queue.popFirst()] == [2, 3, 5, nil])
        #expect(queue.isEmpty)
    }

    @Test func wrapsAroundManyTimes() {
        var queue = BoundedQueue<Int>(capacity: 4)
        var next = 0
        var expected = 0
        for round in 0..<1000 {
            while queue.append(next) { next += 1 }
            for _ in 0..<(round % 4 + 1) {
                #expect(queue.popFirst() == expected)
                expected += 1
            }
        }
        #expect(queue.count <= queue.capacity)
    }
}
