/// Reciprocal Rank Fusion (Cormack, Clarke and Büttcher, 2009): each list contributes
/// 1 / (k + rank) for every item it ranks, rank counted from 1; items are ordered by the sum.
/// It needs no score calibration between full-text and vector rankings, which is why hybrid search uses it.
package enum RankFusion {
    /// The constant from the paper; it damps the weight of the very first ranks.
    package static let defaultK = 60.0

    /// Items of all `rankings` (each best first), fused, best first; ties keep first-seen order.
    package static func fuse<ID: Hashable>(_ rankings: [[ID]], k: Double = defaultK) -> [(id: ID, score: Double)] {
        var scores: [ID: Double] = [:]
        var firstSeen: [ID: Int] = [:]
        var order = 0
        for ranking in rankings {
            for (index, id) in ranking.enumerated() {
                scores[id, default: 0] += 1 / (k + Double(index + 1))
                if firstSeen[id] == nil {
                    firstSeen[id] = order
                    order += 1
                }
            }
        }
        return scores.map { (id: $0.key, score: $0.value) }.sorted { a, b in
            a.score != b.score ? a.score > b.score : firstSeen[a.id, default: 0] < firstSeen[b.id, default: 0]
        }
    }
}
