#include "observe/RequestLogRow.h"

namespace understudy::requestlog {

const std::string &outcomeText(OutcomeClass outcome)
{
    // Built once, before any thread reads it (C++ static initialisation is
    // thread-safe), then only read.
    static const auto names = [] {
        std::array<std::string, kAllOutcomeClasses.size()> out;
        for (const OutcomeClass o : kAllOutcomeClasses)
            out[std::size_t(o)] = outcomeClassName(o).toStdString();
        return out;
    }();
    return names[std::size_t(outcome)];
}

EncodedRow encodeRow(const RequestTrail &t)
{
    // Each submitting thread encodes into its own scratch buffer (no
    // allocation once it has grown), then the row takes an exact copy.
    struct Scratch
    {
        Utf8Row row;
        CompactJson json;
    };
    thread_local Scratch scratch;
    Utf8Row &row = scratch.row;
    CompactJson &j = scratch.json;
    row.clear();

    EncodedRow out;
    auto length = [](const Utf8Row::Slot &slot) { return std::uint32_t(slot.size); };
    out.m_lengths[EncodedRow::RequestId] = length(row.addLatin1(t.requestId));
    out.m_lengths[EncodedRow::Route] = length(row.add(t.route));
    out.m_lengths[EncodedRow::Path] = length(row.add(t.path));
    out.m_lengths[EncodedRow::ServedBy] = length(row.add(t.servedBy));

    // The columns no index or search needs, in the order schema v5 gives.
    std::size_t at = row.bytes().size();
    j.begin(row.bytes());
    j.open();
    j.number(t.startedAtMs);
    j.string(t.method);
    j.string(t.consumer);
    j.string(t.servedModel);
    j.number(qint64(t.fallbackDepth));
    j.number(qint64(t.attemptCount()));
    j.number(t.durationMs);
    j.optional(t.ttftMs);
    j.optional(t.promptTokens);
    j.optional(t.completionTokens);
    j.number(t.cost);
    j.number(t.bytesIn);
    j.number(t.bytesOut);
    j.number(qint64(t.cached));
    j.number(qint64(t.staticAnswer));
    j.number(qint64(t.degraded));
    j.number(qint64(t.stream));
    j.close();
    out.m_lengths[EncodedRow::Summary] = length(row.since(at));

    at = row.bytes().size();
    j.begin(row.bytes());
    j.open();
    for (const AttemptRecord &a : t.attempts) {
        j.open();
        j.string(a.stepPath);
        j.string(a.target);
        j.number(a.startOffsetMs);
        j.number(a.durationMs);
        j.optional(a.ttftMs);
        j.number(a.bytes);
        j.plain(outcomeText(a.outcome));
        j.number(qint64(a.upstreamStatus));
        j.optional(a.retryAfterMs);
        j.string(a.breakerState);
        j.string(a.decision);
        j.close();
    }
    j.close();
    out.m_lengths[EncodedRow::Trail] = length(row.since(at));

    out.m_size = row.bytes().size();
    out.m_bytes.reset(new char[std::max<std::size_t>(out.m_size, 1)]); // uninitialised on purpose
    std::memcpy(out.m_bytes.get(), row.bytes().data(), out.m_size);
    out.startedAtMs = t.startedAtMs;
    out.status = t.status;
    out.outcome = t.outcome;
    return out;
}

} // namespace understudy::requestlog
